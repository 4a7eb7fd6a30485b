"""Drawing the speedrun timer and split deltas over the game (reads values, changes nothing)."""

from __future__ import annotations

import pygame

from game.ui.palette import colour

LABELS = {"chapter": "CHAPTER", "game": "GAME TIME"}


def draw_timer(surface: pygame.Surface, font, text: str, *, finished: bool = False, label: str = "game") -> None:
    """The in-game time in the top-right corner, on a small dark plate."""
    scale = 2
    # as wide as the widest time of its length, so the plate does not wobble as the digits change
    widest = "".join("0" if c.isdigit() else c for c in text)
    width = max(font.width(text, scale=scale), font.width(widest, scale=scale))
    caption = LABELS.get(label, "")
    rect = pygame.Rect(surface.get_width() - width - 14, 4, width + 10, font.line_height * scale + 12)
    plate = pygame.Surface(rect.size, pygame.SRCALPHA)
    plate.fill((*colour("ink"), 200))
    surface.blit(plate, rect.topleft)
    pygame.draw.line(surface, colour("brass" if finished else "teal"), rect.bottomleft, rect.bottomright)
    font.draw(surface, caption, (rect.right - 5, rect.y + 1), colour("steel"), align="right")
    font.draw(surface, text, (rect.right - 5, rect.y + 10), colour("brass" if finished else "white"), scale=scale,
              shadow=colour("ink"), align="right")


def draw_split_delta(surface: pygame.Surface, font, name: str, time_text: str, delta_text: str | None,
                     colour_name: str) -> None:
    """A banner under the timer: the split's name, its time and its delta to the personal best."""
    right = surface.get_width() - 4
    y = 4 + font.line_height * 2 + 16
    line = f"{name}  {time_text}"
    width = max(font.width(line), font.width(delta_text or "", scale=2)) + 12
    height = font.line_height * 3 + 10 if delta_text is not None else font.line_height + 8
    rect = pygame.Rect(right - width, y, width, height)
    plate = pygame.Surface(rect.size, pygame.SRCALPHA)
    plate.fill((*colour("ink"), 200))
    surface.blit(plate, rect.topleft)
    pygame.draw.rect(surface, colour(colour_name), rect, 1)
    font.draw(surface, line, (rect.right - 6, rect.y + 4), colour("mist"), align="right")
    if delta_text is not None:
        font.draw(surface, delta_text, (rect.right - 6, rect.y + 4 + font.line_height), colour(colour_name),
                  scale=2, shadow=colour("ink"), align="right")


def draw_run_result(surface: pygame.Surface, font, time_text: str, pb_text: str | None, new_pb: bool) -> None:
    """Under a results screen: the run's time as the splits record it, and the personal best."""
    if new_pb:
        line, tone = f"NEW PERSONAL BEST!  {time_text}", "brass"
    elif pb_text is not None:
        line, tone = f"Run time {time_text}   personal best {pb_text}", "mist"
    else:
        line, tone = f"Run time {time_text}", "mist"
    width = font.width(line) + 20
    # above the results panels (they start at y 70 or lower), between the HUD blocks in the top corners
    rect = pygame.Rect((surface.get_width() - width) // 2, 46, width, font.line_height + 10)
    plate = pygame.Surface(rect.size, pygame.SRCALPHA)
    plate.fill((*colour("ink"), 225))
    surface.blit(plate, rect.topleft)
    pygame.draw.rect(surface, colour(tone if new_pb else "teal_dark"), rect, 1)
    font.draw(surface, line, (rect.centerx, rect.y + 5), colour(tone if new_pb else "paper"), align="center")
