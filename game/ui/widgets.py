"""Panels and menus drawn in the one palette; shared by the title, pause and settings screens.

A ``Menu`` keeps only which item is selected; it answers an action frame with the key of the item
chosen (keyboard, gamepad or a click), so scenes stay short. Its layout is computed from the font's
metrics, so the same items always occupy the same logical pixels, headless or not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.core.actions import Action, ActionFrame
from game.ui.palette import colour


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, *, accent: str = "cyan", fill: str = "night",
               alpha: int = 232) -> None:
    """A dark glass panel with a bright rim and cut corners, lit from the top left."""
    panel = pygame.Surface(rect.size, pygame.SRCALPHA)
    w, h = rect.size
    body = (*colour(fill), alpha)
    panel.fill(body, pygame.Rect(2, 0, w - 4, h))
    panel.fill(body, pygame.Rect(0, 2, w, h - 4))
    panel.fill((*colour(fill), alpha), pygame.Rect(1, 1, w - 2, h - 2))
    rim = colour(accent)
    dark = colour("ink")
    pygame.draw.line(panel, rim, (2, 0), (w - 3, 0))
    pygame.draw.line(panel, rim, (0, 2), (0, h - 3))
    pygame.draw.line(panel, colour("teal_dark"), (w - 1, 2), (w - 1, h - 3))
    pygame.draw.line(panel, colour("teal_dark"), (2, h - 1), (w - 3, h - 1))
    panel.set_at((1, 1), rim)
    panel.set_at((w - 2, 1), colour("teal"))
    panel.set_at((1, h - 2), colour("teal"))
    panel.set_at((w - 2, h - 2), colour("teal_dark"))
    pygame.draw.line(panel, (*colour("navy"), alpha), (2, 1), (w - 3, 1))  # inner highlight
    surface.blit(panel, rect.topleft)
    # a soft drop shadow under the panel
    shadow = pygame.Surface((w - 4, 2), pygame.SRCALPHA)
    shadow.fill((*dark, 110))
    surface.blit(shadow, (rect.x + 2, rect.bottom))


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str
    value: str = ""  # shown right-aligned (settings)
    enabled: bool = True
    hint: str = ""  # one line shown under the menu when selected


class Menu:
    """A vertical list of items, chosen by keys, gamepad or pointer."""

    def __init__(self, items: list[MenuItem], font, *, center_x: int, top: int, width: int,
                 row_height: int | None = None, scale: int = 1, visible_rows: int | None = None,
                 wrap_width: int | None = None) -> None:
        self.items = list(items)
        self.font = font
        self.scale = scale
        #: labels wrap at this many pixels (at ``scale``) and their lines are drawn one under another;
        #: the caller gives a ``row_height`` tall enough for the most lines (None: one line each)
        self.wrap_width = wrap_width
        self.row_height = row_height or font.line_height * scale + 6
        #: at most this many rows are shown; the list scrolls to keep the selection in view
        self.visible_rows = visible_rows
        self.offset = 0
        self.rect = pygame.Rect(center_x - width // 2, top, width, self.row_height * self._shown())
        self.index = self._first_enabled(0, 1)
        self._pointer: tuple[int, int] | None = None

    def _shown(self) -> int:
        n = len(self.items)
        return n if self.visible_rows is None else min(n, self.visible_rows)

    def _follow(self) -> None:
        """Scroll so the selected row is visible."""
        shown = self._shown()
        if self.index < self.offset:
            self.offset = self.index
        elif self.index >= self.offset + shown:
            self.offset = self.index - shown + 1
        self.offset = max(0, min(self.offset, len(self.items) - shown))

    @property
    def can_scroll_up(self) -> bool:
        return self.offset > 0

    @property
    def can_scroll_down(self) -> bool:
        return self.offset + self._shown() < len(self.items)

    def set_items(self, items: list[MenuItem]) -> None:
        """Replace labels/values (same keys keep the selection)."""
        key = self.selected.key if self.items else None
        self.items = list(items)
        self.rect.height = self.row_height * self._shown()
        keys = [i.key for i in self.items]
        self.index = keys.index(key) if key in keys else self._first_enabled(0, 1)
        self._follow()

    def select(self, key: str) -> None:
        """Put the selection on the item with ``key`` (nothing happens if there is none)."""
        keys = [i.key for i in self.items]
        if key in keys:
            self.index = keys.index(key)
            self._follow()

    @property
    def selected(self) -> MenuItem:
        return self.items[self.index]

    def row_rect(self, i: int) -> pygame.Rect:
        """Where item ``i`` is drawn (items scrolled out of view lie outside ``rect``)."""
        y = self.rect.y + (i - self.offset) * self.row_height
        return pygame.Rect(self.rect.x, y, self.rect.width, self.row_height)

    def _first_enabled(self, start: int, step: int) -> int:
        n = len(self.items)
        for k in range(n):
            i = (start + k * step) % n
            if self.items[i].enabled:
                return i
        return 0

    def update(self, frame: ActionFrame) -> tuple[str, str] | None:
        """Returns (event, key): ("move", key), ("choose", key), ("left"/"right", key), or None."""
        if not self.items:
            return None
        _, dy = frame.pressed_direction()
        if dy:
            self.index = self._first_enabled(self.index + dy, dy)
            self._follow()
            return ("move", self.selected.key)
        if frame.pointer != self._pointer:
            moved = self._pointer is not None
            self._pointer = frame.pointer
            hit = self._hit(frame.pointer)
            if moved and hit is not None and hit != self.index and self.items[hit].enabled:
                self.index = hit
                return ("move", self.selected.key)
        if frame.was_pressed(Action.POINTER):
            hit = self._hit(frame.pointer)
            if hit is not None and self.items[hit].enabled:
                self.index = hit
                return ("choose", self.selected.key)
            return None
        if frame.was_pressed(Action.CONFIRM) and self.selected.enabled:
            return ("choose", self.selected.key)
        dx, _ = frame.pressed_direction()
        if dx:
            return ("left" if dx < 0 else "right", self.selected.key)
        return None

    def _hit(self, pointer: tuple[int, int]) -> int | None:
        if not self.rect.collidepoint(pointer):
            return None
        return min((pointer[1] - self.rect.y) // self.row_height + self.offset, len(self.items) - 1)

    def draw(self, surface: pygame.Surface, *, tick: int = 0, align: str = "center") -> None:
        font, scale = self.font, self.scale
        for i in range(self.offset, self.offset + self._shown()):
            item = self.items[i]
            row = self.row_rect(i)
            text_y = row.y + (row.height - font.line_height * scale) // 2
            selected = i == self.index
            if selected:
                bar = pygame.Surface((row.width, row.height - 2), pygame.SRCALPHA)
                bar.fill((*colour("teal"), 90))
                surface.blit(bar, (row.x, row.y + 1))
                pygame.draw.line(surface, colour("cyan"), (row.x, row.y + 1), (row.x, row.bottom - 2))
                pygame.draw.line(surface, colour("cyan"), (row.right - 1, row.y + 1), (row.right - 1, row.bottom - 2))
                bob = (tick // 12) % 2
                arrow_x = row.x + 6 + bob
                cy = row.centery
                pygame.draw.polygon(surface, colour("cyan_light"), [(arrow_x, cy - 3), (arrow_x + 3, cy),
                                                                    (arrow_x, cy + 3)])
            tone = colour("white") if selected else colour("mist")
            if not item.enabled:
                tone = colour("steel")
            if self.wrap_width is not None and not item.value:
                lines = font.wrap(item.label, self.wrap_width, scale=scale)
                step = font.line_height * scale
                y = row.y + (row.height - step * len(lines)) // 2
                for line in lines:
                    x = row.centerx if align == "center" else row.x + 16
                    font.draw(surface, line, (x, y), tone, scale=scale, shadow=colour("ink"), align=align)
                    y += step
            elif item.value:
                font.draw(surface, item.label, (row.x + 16, text_y), tone, scale=scale, shadow=colour("ink"))
                value_tone = colour("cyan_light") if selected else colour("cyan")
                font.draw(surface, item.value, (row.right - 12, text_y), value_tone, scale=scale,
                          shadow=colour("ink"), align="right")
            elif align == "center":
                font.draw(surface, item.label, (row.centerx, text_y), tone, scale=scale, shadow=colour("ink"),
                          align="center")
            else:
                font.draw(surface, item.label, (row.x + 16, text_y), tone, scale=scale, shadow=colour("ink"))
