"""Where the dialogue box sits and how its text wraps, computed without pygame.

The validator must know whether a line fits the box, and it runs in ``neosmiles check`` where no
window exists. ``TextMetrics`` reads the bitmap font's JSON table (``assets/fonts/neopix.json``) and
measures and wraps exactly as ``game.ui.font.BitmapFont`` does (a test pins the two together). The
box geometry below is the one the dialogue scene draws.
"""

from __future__ import annotations

from pathlib import Path

from game.core.files import CONTENT_LIMIT, ReadError, read_json
from game.ui.textwrap import wrap_words

SCREEN_W, SCREEN_H = 640, 360
BOX_MARGIN = 10
BOX_H = 84
BOX_RECT = (BOX_MARGIN, SCREEN_H - BOX_H - BOX_MARGIN, SCREEN_W - 2 * BOX_MARGIN, BOX_H)
PORTRAIT_SIZE = 64
PORTRAIT_RECT = (BOX_RECT[0] + 10, BOX_RECT[1] + (BOX_H - PORTRAIT_SIZE - 8) // 2, PORTRAIT_SIZE + 8,
                 PORTRAIT_SIZE + 8)
TEXT_PAD = 12
#: text area when a portrait is shown (the narrower case, which every line must fit)
TEXT_X = PORTRAIT_RECT[0] + PORTRAIT_RECT[2] + TEXT_PAD
TEXT_Y = BOX_RECT[1] + 12
TEXT_WIDTH = BOX_RECT[0] + BOX_RECT[2] - TEXT_PAD - 16 - TEXT_X  # room for the "more" arrow on the right
TEXT_LINES = 5
#: choice options are drawn in a panel of this text width
CHOICE_TEXT_WIDTH = 420
#: at large text (the ``text_size`` setting) letters are twice the size: options wrap at this many canvas
#: pixels (two lines hold any option that fits ``CHOICE_TEXT_WIDTH`` at normal size)
CHOICE_LARGE_WRAP = 560
#: the choice panel's top never rises above this (rows that would not fit scroll instead)
CHOICE_MIN_TOP = 12


class TextMetrics:
    """Glyph advances of a bitmap font, for measuring and wrapping text exactly like the game draws it."""

    def __init__(self, meta: dict) -> None:
        self.line_height = int(meta["line_height"])
        self.letter_spacing = int(meta.get("letter_spacing", 1))
        self.advances = {ch: int(info["advance"]) for ch, info in meta["glyphs"].items()}
        self.fallback = meta.get("fallback", "\ufffd")
        if self.fallback not in self.advances:
            self.advances[self.fallback] = 5 + self.letter_spacing

    @classmethod
    def load(cls, json_path: Path) -> TextMetrics:
        try:  # the guarded reader: a regular file under the size limit, UTF-8, finite numbers
            return cls(read_json(json_path, CONTENT_LIMIT))
        except ReadError as exc:
            raise ValueError(str(exc)) from None

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` the font has no glyph for (they would draw as a box)."""
        return {ch for ch in text if ch not in self.advances and ch != "\n"}

    def width(self, line: str) -> int:
        if not line:
            return 0
        return sum(self.advances.get(ch, self.advances[self.fallback]) for ch in line) - self.letter_spacing

    def wrap(self, text: str, max_width: int) -> list[str]:
        """Same rules as ``BitmapFont.wrap`` (both use ``game.ui.textwrap``)."""
        return wrap_words(text, max_width, self.width)
