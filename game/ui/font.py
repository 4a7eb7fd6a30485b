"""Bitmap pixel font: crisp text at the logical resolution.

The font is an atlas image (white glyphs on transparent) plus a JSON table of per-character rectangles
and advances, both written by ``tools/make_font.py`` into ``assets/fonts/``. Text is drawn by blitting
glyphs tinted to the requested colour; tinted glyphs are cached per colour. Scaling is by whole numbers
only, with nearest-neighbour sampling, so text is never blurry.

Loading needs pygame to be initialised by the caller (``pygame.init()`` or at least the display module
for ``convert_alpha``); nothing happens at import time.

Layout conventions:

* every line is ``line_height`` pixels tall (times ``scale``); ``size(text)`` is the widest line by the
  number of lines, and a plain ``render`` returns a surface of exactly that size;
* an outline adds one pixel (times ``scale``) on every side, a drop shadow one pixel to the right and
  bottom; ``draw`` keeps the glyphs themselves where a plain draw would put them, so switching an
  outline on does not move the text;
* characters the font lacks draw as a visible replacement box.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import pygame

from game.core.files import CONTENT_LIMIT, ReadError, read_json
from game.ui.palette import PALETTE
from game.ui.textwrap import wrap_words

ColourLike = str | Sequence[int] | pygame.Color

_ALIGNS = ("left", "center", "right")
_RENDER_CACHE_SIZE = 256
_OUTLINE_OFFSETS = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1))


def _rgba(colour: ColourLike) -> tuple[int, int, int, int]:
    """Normalise a palette name, an RGB(A) sequence or a pygame.Color to an RGBA tuple."""
    if isinstance(colour, str):
        r, g, b = PALETTE[colour]
        return (r, g, b, 255)
    if isinstance(colour, pygame.Color):
        return (colour.r, colour.g, colour.b, colour.a)
    values = tuple(int(v) for v in colour)
    if len(values) == 3:
        return (*values, 255)  # type: ignore[return-value]
    if len(values) == 4:
        return values  # type: ignore[return-value]
    raise ValueError(f"not a colour: {colour!r}")


class BitmapFont:
    """A proportional bitmap font drawn from a glyph atlas."""

    def __init__(self, atlas: pygame.Surface, meta: dict) -> None:
        self.name: str = meta.get("name", "bitmap")
        self.line_height: int = int(meta["line_height"])
        self.baseline: int = int(meta["baseline"])
        self.cap_height: int = int(meta.get("cap_height", self.baseline))
        self.x_height: int = int(meta.get("x_height", self.cap_height))
        self.letter_spacing: int = int(meta.get("letter_spacing", 1))
        self._masks: dict[str, pygame.Surface] = {}
        self._advances: dict[str, int] = {}
        for ch, info in meta["glyphs"].items():
            x, y, w, h = info["rect"]
            self._masks[ch] = atlas.subsurface(pygame.Rect(x, y, w, h)).copy()
            self._advances[ch] = int(info["advance"])
        fallback = meta.get("fallback", "\ufffd")
        if fallback not in self._masks:
            # A font without a replacement glyph still must not crash: use a hollow box.
            box = pygame.Surface((5, self.line_height - 1), pygame.SRCALPHA, 32)
            pygame.draw.rect(box, (255, 255, 255, 255), box.get_rect().inflate(0, -2), 1)
            self._masks[fallback] = box
            self._advances[fallback] = 5 + self.letter_spacing
        self._fallback = fallback
        self._tinted: dict[tuple[int, int, int, int], dict[str, pygame.Surface]] = {}
        self._rendered: OrderedDict[tuple, pygame.Surface] = OrderedDict()

    # -- loading ---------------------------------------------------------------------------------------

    @classmethod
    def load(cls, png_path: str | Path, json_path: str | Path | None = None) -> BitmapFont:
        """Load an atlas PNG and its JSON metrics (by default the PNG's path with a ``.json`` suffix)."""
        png_path = Path(png_path)
        json_path = Path(json_path) if json_path is not None else png_path.with_suffix(".json")
        try:  # the guarded reader: a regular file under the size limit, UTF-8, finite numbers
            meta = read_json(json_path, CONTENT_LIMIT)
        except ReadError as exc:
            raise ValueError(str(exc)) from None
        atlas = pygame.image.load(str(png_path))
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            atlas = atlas.convert_alpha()
        elif atlas.get_bitsize() != 32 or not atlas.get_flags() & pygame.SRCALPHA:
            converted = pygame.Surface(atlas.get_size(), pygame.SRCALPHA, 32)
            converted.blit(atlas, (0, 0))
            atlas = converted
        return cls(atlas, meta)

    @classmethod
    def from_assets(cls, assets_dir: str | Path, name: str = "neopix") -> BitmapFont:
        """Load ``<assets_dir>/fonts/<name>.png`` and ``.json``."""
        folder = Path(assets_dir) / "fonts"
        return cls.load(folder / f"{name}.png", folder / f"{name}.json")

    # -- metrics ---------------------------------------------------------------------------------------

    def has_glyph(self, ch: str) -> bool:
        """True if ``ch`` has its own glyph (otherwise it draws as the replacement box)."""
        return ch in self._masks

    def _glyph_key(self, ch: str) -> str:
        return ch if ch in self._masks else self._fallback

    def _line_width(self, line: str) -> int:
        if not line:
            return 0
        total = sum(self._advances[self._glyph_key(ch)] for ch in line)
        return total - self.letter_spacing

    @staticmethod
    def _lines(text: str) -> list[str]:
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def width(self, text: str, *, scale: int = 1) -> int:
        """Width in pixels of the widest line of ``text`` (no outline or shadow)."""
        return max(self._line_width(line) for line in self._lines(text)) * scale

    def size(self, text: str, *, scale: int = 1) -> tuple[int, int]:
        """``(width, height)`` of ``text``: widest line by ``line_height`` per line, times ``scale``."""
        lines = self._lines(text)
        width = max(self._line_width(line) for line in lines)
        return (width * scale, len(lines) * self.line_height * scale)

    # -- drawing ---------------------------------------------------------------------------------------

    def _tinted_glyph(self, ch: str, rgba: tuple[int, int, int, int]) -> pygame.Surface:
        table = self._tinted.setdefault(rgba, {})
        glyph = table.get(ch)
        if glyph is None:
            glyph = self._masks[ch].copy()
            # Keep the atlas alpha as the shape; replace the colour exactly.
            glyph.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MULT)
            glyph.fill((rgba[0], rgba[1], rgba[2], 0), special_flags=pygame.BLEND_RGBA_ADD)
            if rgba[3] != 255:
                glyph.fill((255, 255, 255, rgba[3]), special_flags=pygame.BLEND_RGBA_MULT)
            table[ch] = glyph
        return glyph

    def _blit_lines(
        self,
        target: pygame.Surface,
        lines: list[str],
        origin: tuple[int, int],
        rgba: tuple[int, int, int, int],
        block_width: int,
        align: str,
    ) -> None:
        ox, oy = origin
        for index, line in enumerate(lines):
            line_width = self._line_width(line)
            if align == "center":
                x = ox + (block_width - line_width) // 2
            elif align == "right":
                x = ox + block_width - line_width
            else:
                x = ox
            y = oy + index * self.line_height
            for ch in line:
                key = self._glyph_key(ch)
                if ch != " ":
                    target.blit(self._tinted_glyph(key, rgba), (x, y))
                x += self._advances[key]

    def _render_cached(
        self,
        text: str,
        colour: ColourLike,
        scale: int,
        shadow: ColourLike | None,
        outline: ColourLike | None,
        align: str,
    ) -> pygame.Surface:
        if not isinstance(scale, int) or isinstance(scale, bool) or scale < 1:
            raise ValueError(f"scale must be a whole number >= 1, not {scale!r}")
        if align not in _ALIGNS:
            raise ValueError(f"align must be one of {_ALIGNS}, not {align!r}")
        rgba = _rgba(colour)
        shadow_rgba = _rgba(shadow) if shadow is not None else None
        outline_rgba = _rgba(outline) if outline is not None else None
        key = (text, rgba, scale, shadow_rgba, outline_rgba, align)
        cached = self._rendered.get(key)
        if cached is not None:
            self._rendered.move_to_end(key)
            return cached

        lines = self._lines(text)
        width, height = self.size(text)
        pad = 1 if outline_rgba is not None else 0
        drop = 1 if shadow_rgba is not None else 0
        surface = pygame.Surface((width + 2 * pad + drop, height + 2 * pad + drop), pygame.SRCALPHA, 32)
        surface.fill((0, 0, 0, 0))
        if shadow_rgba is not None:
            offsets = ((0, 0),) + (_OUTLINE_OFFSETS if outline_rgba is not None else ())
            for dx, dy in offsets:
                origin = (pad + drop + dx, pad + drop + dy)
                self._blit_lines(surface, lines, origin, shadow_rgba, width, align)
        if outline_rgba is not None:
            for dx, dy in _OUTLINE_OFFSETS:
                self._blit_lines(surface, lines, (pad + dx, pad + dy), outline_rgba, width, align)
        self._blit_lines(surface, lines, (pad, pad), rgba, width, align)
        if scale != 1:
            w, h = surface.get_size()
            surface = pygame.transform.scale(surface, (w * scale, h * scale))

        self._rendered[key] = surface
        if len(self._rendered) > _RENDER_CACHE_SIZE:
            self._rendered.popitem(last=False)
        return surface

    def render(
        self,
        text: str,
        colour: ColourLike,
        *,
        scale: int = 1,
        shadow: ColourLike | None = None,
        outline: ColourLike | None = None,
        align: str = "left",
    ) -> pygame.Surface:
        """Render ``text`` (``\\n`` starts a new line) to a new transparent surface.

        ``colour``, ``shadow`` and ``outline`` take a palette name, an RGB(A) tuple or a pygame.Color.
        Without effects the surface is exactly ``size(text, scale=scale)``; an outline adds ``scale``
        pixels on each side and a shadow ``scale`` pixels to the right and bottom. ``align`` places
        shorter lines within a multi-line block. ``scale`` must be a whole number.
        """
        return self._render_cached(text, colour, scale, shadow, outline, align).copy()

    def draw(
        self,
        surface: pygame.Surface,
        text: str,
        pos: tuple[int, int],
        colour: ColourLike,
        *,
        scale: int = 1,
        shadow: ColourLike | None = None,
        outline: ColourLike | None = None,
        align: str = "left",
    ) -> pygame.Rect:
        """Draw ``text`` onto ``surface`` and return the rectangle it covered.

        ``pos`` is the top of the first line and, by ``align``, its left edge, its centre or its right
        edge. Multi-line text is aligned line by line. Outline and shadow are drawn around the glyphs
        without moving them.
        """
        image = self._render_cached(text, colour, scale, shadow, outline, align)
        width, _height = self.size(text, scale=scale)
        x, y = int(pos[0]), int(pos[1])
        if align == "center":
            x -= width // 2
        elif align == "right":
            x -= width
        pad = scale if outline is not None else 0
        return surface.blit(image, (x - pad, y - pad))

    # -- layout ----------------------------------------------------------------------------------------

    def wrap(self, text: str, max_width: int, *, scale: int = 1) -> list[str]:
        """Break ``text`` into lines no wider than ``max_width`` pixels (at ``scale``).

        Lines break at spaces (runs of spaces collapse); explicit ``\\n`` always starts a new line and
        blank lines are kept; a word wider than ``max_width`` is split between characters without a
        hyphen. Only if ``max_width`` is narrower than a single character can a line exceed it (that
        line then holds exactly one character).
        """
        limit = max_width // scale if scale >= 1 else max_width
        return wrap_words(text, limit, self._line_width)
