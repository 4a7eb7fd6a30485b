"""The window: a 640x360 logical canvas scaled up by a whole number, letterboxed, resizable.

Scenes always draw into ``Display.canvas`` at the logical resolution; ``present`` scales it to the
window by the largest integer factor that fits, so pixels stay square and sharp. F11 toggles
fullscreen. Headless displays use SDL's dummy driver and present nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

log = logging.getLogger(__name__)

LOGICAL_SIZE = (640, 360)


class Display:
    def __init__(self, *, scale: int = 2, fullscreen: bool = False, vsync: bool = True, headless: bool = False,
                 icon: Path | None = None):
        self.headless = headless
        self.icon = icon  # the window's icon (assets/ui/icon.png), set before the window opens
        self.fullscreen = fullscreen
        self.vsync = vsync
        self.windowed_size = (LOGICAL_SIZE[0] * scale, LOGICAL_SIZE[1] * scale)
        self.canvas = pygame.Surface(LOGICAL_SIZE)
        self.window: pygame.Surface | None = None
        self._scaled: pygame.Surface | None = None
        self.factor = 1
        self.offset = (0, 0)

    def open(self) -> None:
        if self.headless:
            # A tiny hidden surface so that convert()/convert_alpha() work for assets.
            self.window = pygame.display.set_mode((1, 1))
            self.canvas = self.canvas.convert()
            return
        pygame.display.set_caption("NeoSmiles")
        self._set_icon()
        self._set_mode()
        self.canvas = self.canvas.convert()

    def _set_icon(self) -> None:
        if self.icon is None:
            return
        try:
            pygame.display.set_icon(pygame.image.load(str(self.icon)))
        except (pygame.error, OSError) as exc:  # a missing icon is not worth stopping the game for
            log.warning("window icon %s not set: %s", self.icon, exc)

    def _set_mode(self) -> None:
        if self.fullscreen:
            # the desktop's own size: no video mode change, so the layout matches what is shown
            sizes = pygame.display.get_desktop_sizes()
            self.window = pygame.display.set_mode(sizes[0] if sizes else (0, 0), pygame.FULLSCREEN)
        else:
            try:
                self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE,
                                                      vsync=1 if self.vsync else 0)
            except pygame.error:  # vsync is not available everywhere
                self.window = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self._layout()

    def _layout(self) -> None:
        assert self.window is not None
        width, height = self.window.get_size()
        lw, lh = LOGICAL_SIZE
        self.factor = max(1, min(width // lw, height // lh))
        sw, sh = lw * self.factor, lh * self.factor
        self.offset = ((width - sw) // 2, (height - sh) // 2)
        self._scaled = pygame.Surface((sw, sh)).convert() if self.factor > 1 else None

    def resized(self, size: tuple[int, int]) -> None:
        """The player dragged the window edge."""
        if self.headless or self.fullscreen:
            return
        self.windowed_size = (max(size[0], 320), max(size[1], 180))
        self._layout()

    def toggle_fullscreen(self) -> None:
        if self.headless:
            return
        self.fullscreen = not self.fullscreen
        self._set_mode()

    def set_scale(self, scale: int) -> None:
        if self.headless:
            return
        self.windowed_size = (LOGICAL_SIZE[0] * scale, LOGICAL_SIZE[1] * scale)
        if not self.fullscreen:
            self._set_mode()

    def window_to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        """Window pixel -> logical pixel, clamped to the canvas (integers only)."""
        x = (pos[0] - self.offset[0]) // self.factor
        y = (pos[1] - self.offset[1]) // self.factor
        return (min(max(x, 0), LOGICAL_SIZE[0] - 1), min(max(y, 0), LOGICAL_SIZE[1] - 1))

    def present(self) -> None:
        if self.headless or self.window is None:
            return
        self.window.fill((0, 0, 0))
        if self._scaled is not None:
            pygame.transform.scale(self.canvas, self._scaled.get_size(), self._scaled)
            self.window.blit(self._scaled, self.offset)
        else:
            self.window.blit(self.canvas, self.offset)
        pygame.display.flip()
