"""Drawing the replay viewer's overlay: position and speed, digest check, splits, and the input display.

Reads the viewer and the game, changes nothing.
"""

from __future__ import annotations

import pygame

from game.core.actions import Action
from game.core.clock import format_ticks
from game.ui.palette import colour

HELP = "Space pause  \u2192 step  \u2191\u2193 speed  1-9 split  Home start  Tab hide  Esc quit"


def _plate(surface: pygame.Surface, rect: pygame.Rect, alpha: int = 210) -> None:
    plate = pygame.Surface(rect.size, pygame.SRCALPHA)
    plate.fill((*colour("ink"), alpha))
    surface.blit(plate, rect.topleft)


def _speed_text(speed: float) -> str:
    return f"x{speed:g}"


#: with the overlay shown the game is drawn smaller, in this box, so no part of the viewer covers it
GAME_BOX = pygame.Rect(0, 16, 480, 270)
SIDE_X = GAME_BOX.right + 6


def to_view(pointer: tuple[int, int]) -> tuple[int, int]:
    """A logical game position in the shrunken game picture."""
    return (GAME_BOX.x + pointer[0] * GAME_BOX.w // 640, GAME_BOX.y + pointer[1] * GAME_BOX.h // 360)


def draw_viewer(surface: pygame.Surface, font, viewer) -> None:
    width, height = surface.get_size()
    lh = font.line_height
    frame = viewer.source.last
    # the game picture, shrunk into its box; the viewer's panels go around it, never over it
    picture = pygame.transform.smoothscale(surface, GAME_BOX.size)
    surface.fill(colour("ink"))
    surface.blit(picture, GAME_BOX.topleft)
    pygame.draw.rect(surface, colour("teal_dark"), GAME_BOX.inflate(2, 2), 1)
    if frame is not None:
        _draw_pointer(surface, to_view(frame.pointer))

    # top bar: what is playing and whether the digests still match
    font.draw(surface, "REPLAY", (6, 3), colour("cyan"))
    header = viewer.replay.header
    tags = [header.category]
    if header.practice:
        tags.append("practice")
    if header.assisted:
        tags.append("assisted")
    status_colour, status = "green", f"digests ok {viewer.checked}/{len(viewer.replay.checkpoints)}"
    if viewer.desync_at is not None:
        status_colour, status = "red", f"DESYNC at tick {viewer.desync_at}"
    right = width - 6
    status_w = font.draw(surface, status, (right, 3), colour(status_colour), align="right").width
    # the category is clipped before it could reach the status
    old_clip = surface.get_clip()
    surface.set_clip(pygame.Rect(48, 0, right - status_w - 60, 16))
    font.draw(surface, "  \u00b7  ".join(tags), (48, 3), colour("mist"))
    surface.set_clip(old_clip)

    # the side column: position, time, speed, then the splits
    y = GAME_BOX.y
    speed = _speed_text(viewer.speed) + ("  PAUSED" if viewer.paused else "")
    if viewer.at_end:
        speed = "END"
    for label, value, tone in (("tick", f"{viewer.tick}/{viewer.replay.ticks}", "white"),
                               ("game time", format_ticks(viewer.game.ctx.run.game_ticks), "white"),
                               ("speed", speed, "amber")):
        font.draw(surface, label, (SIDE_X, y), colour("steel"))
        font.draw(surface, value, (SIDE_X, y + lh), colour(tone))
        y += 2 * lh + 4
    _draw_splits(surface, font, viewer, top=y + 4)
    _draw_inputs(surface, font, frame, bottom=height - lh - 8)

    help_rect = pygame.Rect(0, height - lh - 5, width, lh + 5)
    _plate(surface, help_rect, 180)
    font.draw(surface, HELP, (width // 2, help_rect.y + 2), colour("fog"), align="center")


def _draw_pointer(surface: pygame.Surface, pointer: tuple[int, int]) -> None:
    x, y = pointer
    ink, mark = colour("ink"), colour("magenta")
    for dx, dy in ((1, 1), (-1, -1)):
        pygame.draw.line(surface, ink, (x - 5 + dx, y + dy), (x + 5 + dx, y + dy))
        pygame.draw.line(surface, ink, (x + dx, y - 5 + dy), (x + dx, y + 5 + dy))
    pygame.draw.line(surface, mark, (x - 5, y), (x - 2, y))
    pygame.draw.line(surface, mark, (x + 2, y), (x + 5, y))
    pygame.draw.line(surface, mark, (x, y - 5), (x, y - 2))
    pygame.draw.line(surface, mark, (x, y + 2), (x, y + 5))


def _draw_splits(surface: pygame.Surface, font, viewer, top: int) -> None:
    splits = viewer.replay.result.splits
    if not splits:
        return
    lh = font.line_height
    shown = splits[:9]
    rect = pygame.Rect(SIDE_X - 4, top, surface.get_width() - SIDE_X, len(shown) * (2 * lh + 2) + 20)
    _plate(surface, rect, 190)
    font.draw(surface, "SPLITS", (SIDE_X, top + 3), colour("steel"))
    for i, split in enumerate(shown, 1):
        tone = colour("paper" if viewer.tick >= split.tick else "steel")
        y = top + 5 + i * (2 * lh + 2) - lh
        font.draw(surface, f"{i} {split.name}", (SIDE_X, y), tone)
        font.draw(surface, format_ticks(split.game_ticks), (rect.right - 4, y + lh), tone, align="right")


def _chip(surface: pygame.Surface, font, label: str, x: int, y: int, held: bool, pressed: bool) -> int:
    width = font.width(label) + 6
    rect = pygame.Rect(x, y, width, font.line_height + 3)
    if pressed:
        pygame.draw.rect(surface, colour("yellow"), rect)
        text = colour("ink")
    elif held:
        pygame.draw.rect(surface, colour("cyan"), rect)
        text = colour("ink")
    else:
        pygame.draw.rect(surface, colour("night"), rect)
        pygame.draw.rect(surface, colour("slate"), rect, 1)
        text = colour("steel")
    font.draw(surface, label, (x + 3, y + 2), text)
    return width


def held_labels() -> list[tuple[str, int]]:
    """The buttons of the input display, in the order drawn."""
    return [("OK", Action.CONFIRM), ("BACK", Action.CANCEL), ("PAUSE", Action.PAUSE), ("RUN", Action.RUN),
            ("FOCUS", Action.FOCUS), ("SPREAD", Action.SPREAD), ("RECALL", Action.RECALL), ("HINT", Action.HINT),
            ("NEXT", Action.NEXT), ("PREV", Action.PREV), ("SKIP", Action.SKIP), ("LOG", Action.HISTORY),
            ("LMB", Action.POINTER), ("RMB", Action.POINTER_ALT), ("W\u2191", Action.WHEEL_UP),
            ("W\u2193", Action.WHEEL_DOWN)]


def _draw_inputs(surface: pygame.Surface, font, frame, bottom: int) -> None:

    held = frame.held if frame is not None else 0
    pressed = frame.pressed if frame is not None else 0
    lh = font.line_height
    chip_h = lh + 3
    labels = held_labels()
    per_row = 8
    rows = [labels[i:i + per_row] for i in range(0, len(labels), per_row)]
    panel = pygame.Rect(4, max(GAME_BOX.bottom + 4, bottom - (chip_h + 3) * len(rows) - 24), 0, 0)
    # d-pad: four squares around a centre
    size = 9
    cx, cy = panel.x + 6 + size + size // 2, bottom - 3 - (chip_h + 3) * len(rows) // 2 - 6
    total_w = 3 * size + 10
    for row in rows:
        total_w = max(total_w, 3 * size + 16 + sum(font.width(lbl) + 8 for lbl, _ in row))
    panel.width = total_w + 8
    panel.height = bottom - panel.y
    _plate(surface, panel, 200)
    font.draw(surface, "INPUT", (panel.x + 5, panel.y + 3), colour("steel"))
    pointer = frame.pointer if frame is not None else (0, 0)
    font.draw(surface, f"pointer {pointer[0]},{pointer[1]}", (panel.right - 5, panel.y + 3), colour("fog"),
              align="right")
    for action, (dx, dy) in ((Action.UP, (0, -1)), (Action.DOWN, (0, 1)), (Action.LEFT, (-1, 0)),
                             (Action.RIGHT, (1, 0))):
        rect = pygame.Rect(cx + dx * size - size // 2, cy + dy * size - size // 2 + 6, size, size)
        if pressed & action:
            pygame.draw.rect(surface, colour("yellow"), rect)
        elif held & action:
            pygame.draw.rect(surface, colour("cyan"), rect)
        else:
            pygame.draw.rect(surface, colour("night"), rect)
            pygame.draw.rect(surface, colour("slate"), rect, 1)
    x0 = panel.x + 3 * size + 14
    for r, row in enumerate(rows):
        x = x0
        y = panel.y + 16 + r * (chip_h + 3)
        for label, action in row:
            x += _chip(surface, font, label, x, y, bool(held & action), bool(pressed & action)) + 2
