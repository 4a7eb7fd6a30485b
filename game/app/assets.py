"""Loading images and fonts from ``assets/``, once each, on first use.

A missing or unreadable asset raises ``AssetError`` naming the file, which the shell reports as a
message (never a traceback to the player).
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.core.files import is_file
from game.ui.font import BitmapFont


class AssetError(Exception):
    pass


class Assets:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._images: dict[str, pygame.Surface] = {}
        self._fonts: dict[str, BitmapFont] = {}
        self._made: dict[object, object] = {}

    def path(self, relative: str) -> Path:
        return self.root / relative

    def image(self, relative: str) -> pygame.Surface:
        surface = self._images.get(relative)
        if surface is None:
            path = self.root / relative
            if not is_file(path):  # never a FIFO or device: pygame would hang or read forever
                raise AssetError(f"{path}: cannot load image (no such file, or not a regular file)")
            try:
                surface = pygame.image.load(str(path))
            except (pygame.error, FileNotFoundError, OSError) as exc:
                raise AssetError(f"{path}: cannot load image ({exc})") from None
            if pygame.display.get_init() and pygame.display.get_surface() is not None:
                surface = surface.convert_alpha()
            self._images[relative] = surface
        return surface

    def made(self, key: object, build):
        """A surface (or anything) built once by ``build()`` and kept for reuse, e.g. a gradient."""
        if key not in self._made:
            self._made[key] = build()
        return self._made[key]

    def font(self, name: str = "neopix") -> BitmapFont:
        font = self._fonts.get(name)
        if font is None:
            png, meta = self.root / "fonts" / f"{name}.png", self.root / "fonts" / f"{name}.json"
            try:
                font = BitmapFont.load(png, meta)
            except (pygame.error, FileNotFoundError, OSError, ValueError, KeyError) as exc:
                raise AssetError(f"{png}: cannot load font ({exc})") from None
            self._fonts[name] = font
        return font
