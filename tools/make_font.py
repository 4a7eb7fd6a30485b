"""Generate NeoSmiles' bitmap pixel font, "neopix".

Run from the repository root::

    .venv/bin/python tools/make_font.py

The glyphs are drawn below as rows of ``#`` (ink) and ``.`` (empty). Every glyph sits in a cell ten pixels
tall:

* row 0 is reserved for accents over lower-case letters (é, ñ, ...);
* rows 1-7 hold capitals, digits and ascenders (cap height 7), with the baseline under row 7;
* rows 3-7 hold the x-height (5) of lower-case letters;
* rows 8-9 hold descenders (2).

A glyph is written from row 1 (the cap line) downwards; missing rows at the bottom are empty. Widths are
proportional and each glyph advances by its width plus one pixel of letter spacing. The line height is the
cell plus one pixel of leading (11).

Outputs (deterministic; re-running gives identical bytes):

* ``assets/fonts/neopix.png``: white glyphs on transparent, a grid atlas;
* ``assets/fonts/neopix.json``: per-character atlas rectangle and advance, plus the font metrics.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CELL_HEIGHT = 10  # accent row + cap height + descenders
CAP_TOP = 1  # row of the cap line inside the cell
CAP_HEIGHT = 7
X_HEIGHT = 5
DESCENT = 2
BASELINE = CAP_TOP + CAP_HEIGHT  # pixels from the top of a line down to the baseline
LINE_HEIGHT = CELL_HEIGHT + 1
LETTER_SPACING = 1
SPACE_ADVANCE = 4
FALLBACK = "\ufffd"  # drawn for any character the font lacks

# ---------------------------------------------------------------------------------------------------------
# Glyph designs. Rows start at the cap line (cell row 1).
# ---------------------------------------------------------------------------------------------------------

UPPER: dict[str, tuple[str, ...]] = {
    "A": (".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "B": ("####.", "#...#", "#...#", "####.", "#...#", "#...#", "####."),
    "C": (".###.", "#...#", "#....", "#....", "#....", "#...#", ".###."),
    "D": ("####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "#....", "####.", "#....", "#....", "#####"),
    "F": ("#####", "#....", "#....", "####.", "#....", "#....", "#...."),
    "G": (".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####"),
    "H": ("#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"),
    "I": ("###", ".#.", ".#.", ".#.", ".#.", ".#.", "###"),
    "J": ("..###", "...#.", "...#.", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"),
    "N": ("#...#", "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "#...#", "####.", "#....", "#....", "#...."),
    "Q": (".###.", "#...#", "#...#", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#"),
    "S": (".###.", "#...#", "#....", ".###.", "....#", "#...#", ".###."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", "#...#", ".#.#.", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#...#", "#.#.#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#"),
    "Y": ("#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#.."),
    "Z": ("#####", "....#", "...#.", "..#..", ".#...", "#....", "#####"),
}

# Lower case: two empty rows above the x-height, ascenders fill them.
LOWER: dict[str, tuple[str, ...]] = {
    "a": (".....", ".....", ".###.", "....#", ".####", "#...#", ".####"),
    "b": ("#....", "#....", "####.", "#...#", "#...#", "#...#", "####."),
    "c": ("....", "....", ".###", "#...", "#...", "#...", ".###"),
    "d": ("....#", "....#", ".####", "#...#", "#...#", "#...#", ".####"),
    "e": (".....", ".....", ".###.", "#...#", "#####", "#....", ".###."),
    "f": ("..##", ".#..", "###.", ".#..", ".#..", ".#..", ".#.."),
    "g": (".....", ".....", ".####", "#...#", "#...#", "#...#", ".####", "....#", ".###."),
    "h": ("#....", "#....", "####.", "#...#", "#...#", "#...#", "#...#"),
    "i": ("#", ".", "#", "#", "#", "#", "#"),
    "j": ("..#", "...", "..#", "..#", "..#", "..#", "..#", "..#", "##."),
    "k": ("#...", "#...", "#..#", "#.#.", "##..", "#.#.", "#..#"),
    "l": ("#.", "#.", "#.", "#.", "#.", "#.", ".#"),
    "m": (".......", ".......", "######.", "#..#..#", "#..#..#", "#..#..#", "#..#..#"),
    "n": (".....", ".....", "####.", "#...#", "#...#", "#...#", "#...#"),
    "o": (".....", ".....", ".###.", "#...#", "#...#", "#...#", ".###."),
    "p": (".....", ".....", "####.", "#...#", "#...#", "#...#", "####.", "#....", "#...."),
    "q": (".....", ".....", ".####", "#...#", "#...#", "#...#", ".####", "....#", "....#"),
    "r": ("....", "....", "#.##", "##..", "#...", "#...", "#..."),
    "s": (".....", ".....", ".####", "#....", ".###.", "....#", "####."),
    "t": ("...", ".#.", "###", ".#.", ".#.", ".#.", "..#"),
    "u": (".....", ".....", "#...#", "#...#", "#...#", "#...#", ".####"),
    "v": (".....", ".....", "#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "w": (".......", ".......", "#.....#", "#..#..#", "#..#..#", "#..#..#", ".##.##."),
    "x": (".....", ".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "y": (".....", ".....", "#...#", "#...#", "#...#", "#...#", ".####", "....#", ".###."),
    "z": (".....", ".....", "#####", "...#.", "..#..", ".#...", "#####"),
}

# Digits share one width so that counters and clocks do not jitter.
DIGITS: dict[str, tuple[str, ...]] = {
    "0": (".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."),
    "1": ("..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###."),
    "2": (".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"),
    "3": (".###.", "#...#", "....#", "..##.", "....#", "#...#", ".###."),
    "4": ("...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "....#", "#...#", ".###."),
    "6": ("..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#..."),
    "8": (".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###."),
    "9": (".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##.."),
}

PUNCT: dict[str, tuple[str, ...]] = {
    "!": ("#", "#", "#", "#", "#", ".", "#"),
    '"': ("#.#", "#.#"),
    "#": (".#.#.", ".#.#.", "#####", ".#.#.", "#####", ".#.#.", ".#.#."),
    "$": ("..#..", ".####", "#.#..", ".###.", "..#.#", "####.", "..#.."),
    "%": ("##...", "##..#", "...#.", "..#..", ".#...", "#..##", "...##"),
    "&": (".##..", "#..#.", "#.#..", ".#...", "#.#.#", "#..#.", ".##.#"),
    "'": ("#", "#"),
    "(": (".#", "#.", "#.", "#.", "#.", "#.", ".#"),
    ")": ("#.", ".#", ".#", ".#", ".#", ".#", "#."),
    "*": (".....", "..#..", "#.#.#", ".###.", "#.#.#", "..#..", "....."),
    "+": (".....", "..#..", "..#..", "#####", "..#..", "..#..", "....."),
    ",": ("..", "..", "..", "..", "..", ".#", ".#", "#."),
    "-": ("...", "...", "...", "###", "...", "...", "..."),
    ".": (".", ".", ".", ".", ".", ".", "#"),
    "/": ("....#", "....#", "...#.", "..#..", ".#...", "#....", "#...."),
    ":": (".", ".", "#", ".", ".", ".", "#"),
    ";": ("..", "..", ".#", "..", "..", "..", ".#", "#."),
    "<": ("...#", "..#.", ".#..", "#...", ".#..", "..#.", "...#"),
    "=": ("....", "....", "####", "....", "####", "....", "...."),
    ">": ("#...", ".#..", "..#.", "...#", "..#.", ".#..", "#..."),
    "?": (".###.", "#...#", "....#", "...#.", "..#..", ".....", "..#.."),
    "@": (".###.", "#...#", "#.###", "#.#.#", "#.###", "#....", ".####"),
    "[": ("##", "#.", "#.", "#.", "#.", "#.", "##"),
    "\\": ("#....", "#....", ".#...", "..#..", "...#.", "....#", "....#"),
    "]": ("##", ".#", ".#", ".#", ".#", ".#", "##"),
    "^": ("..#..", ".#.#.", "#...#"),
    "_": ("....", "....", "....", "....", "....", "....", "....", "####"),
    "`": ("#.", ".#"),
    "{": ("..#", ".#.", ".#.", "#..", ".#.", ".#.", "..#"),
    "|": ("#", "#", "#", "#", "#", "#", "#", "#"),
    "}": ("#..", ".#.", ".#.", "..#", ".#.", ".#.", "#.."),
    "~": (".....", ".....", ".#...", "#.#.#", "...#.", ".....", "....."),
}

EXTRAS: dict[str, tuple[str, ...]] = {
    "«": (".....", ".....", "..#.#", ".#.#.", "#.#..", ".#.#.", "..#.#"),
    "»": (".....", ".....", "#.#..", ".#.#.", "..#.#", ".#.#.", "#.#.."),
    "…": (".....", ".....", ".....", ".....", ".....", ".....", "#.#.#"),
    "—": (".......", ".......", ".......", "#######"),
    "–": (".....", ".....", ".....", "#####"),
    "’": (".#", ".#", "#."),
    "‘": (".#", "#.", "#."),
    "“": (".#.#", "#.#.", "#.#."),
    "”": (".#.#", ".#.#", "#.#."),
    "·": (".", ".", ".", "#"),
    "°": (".#.", "#.#", ".#."),
    "×": (".....", ".....", "#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "←": (".......", "..#....", ".#.....", "#######", ".#.....", "..#....", "......."),
    "→": (".......", "....#..", ".....#.", "#######", ".....#.", "....#..", "......."),
    "↑": ("..#..", ".###.", "#.#.#", "..#..", "..#..", "..#..", "..#.."),
    "↓": ("..#..", "..#..", "..#..", "..#..", "#.#.#", ".###.", "..#.."),
    "♥": (".......", ".##.##.", "#######", "#######", ".#####.", "..###..", "...#..."),
    "♪": ("..##.", "..#.#", "..#..", "..#..", ".##..", "###..", "##..."),
    "ß": (".##.", "#..#", "#..#", "#.#.", "#..#", "#..#", "#.#."),
    "¡": ("#", ".", "#", "#", "#", "#", "#"),
    "¿": ("..#..", ".....", "..#..", ".#...", "#....", "#...#", ".###."),
    FALLBACK: ("#####", "#...#", "#.#.#", "#...#", "#.#.#", "#...#", "#####"),
}

# Accents over lower-case letters: rows placed at cell rows 0-1 (above the x-height), centred.
ACCENTS: dict[str, tuple[str, ...]] = {
    "acute": (".#", "#."),
    "grave": ("#.", ".#"),
    "circumflex": (".#.", "#.#"),
    "diaeresis": ("...", "#.#"),
    "tilde": (".#.#", "#.#."),
}

COMPOSED: dict[str, tuple[str, str]] = {
    "é": ("e", "acute"),
    "è": ("e", "grave"),
    "ê": ("e", "circumflex"),
    "ë": ("e", "diaeresis"),
    "à": ("a", "grave"),
    "â": ("a", "circumflex"),
    "á": ("a", "acute"),
    "ä": ("a", "diaeresis"),
    "ö": ("o", "diaeresis"),
    "ô": ("o", "circumflex"),
    "ó": ("o", "acute"),
    "ü": ("u", "diaeresis"),
    "ù": ("u", "grave"),
    "û": ("u", "circumflex"),
    "ú": ("u", "acute"),
    "ñ": ("n", "tilde"),
}

# Letters built from another glyph plus a few extra pixels below the baseline.
CEDILLA = ("..#.", ".##.")


def _cell(rows: tuple[str, ...], name: str) -> list[str]:
    """Return the full ten-row cell for a glyph written from the cap line."""
    width = len(rows[0])
    for row in rows:
        if len(row) != width or set(row) - {"#", "."}:
            raise ValueError(f"glyph {name!r}: ragged or invalid row {row!r}")
    if len(rows) > CELL_HEIGHT - CAP_TOP:
        raise ValueError(f"glyph {name!r}: too many rows")
    blank = "." * width
    return [blank] * CAP_TOP + list(rows) + [blank] * (CELL_HEIGHT - CAP_TOP - len(rows))


def _overlay(cell: list[str], mark: tuple[str, ...], top: int, name: str) -> list[str]:
    """Stamp ``mark`` onto ``cell`` centred horizontally, its first row at ``top``."""
    width = len(cell[0])
    left = (width - len(mark[0]) + 1) // 2
    out = [list(row) for row in cell]
    for dy, row in enumerate(mark):
        for dx, ch in enumerate(row):
            if ch == "#":
                if out[top + dy][left + dx] == "#":
                    raise ValueError(f"glyph {name!r}: accent overlaps the letter")
                out[top + dy][left + dx] = "#"
    return ["".join(row) for row in out]


def build_glyphs() -> dict[str, list[str]]:
    """All glyphs as full cells (lists of ten equal-width rows)."""
    glyphs: dict[str, list[str]] = {" ": ["." * (SPACE_ADVANCE - LETTER_SPACING)] * CELL_HEIGHT}
    for table in (UPPER, LOWER, DIGITS, PUNCT, EXTRAS):
        for ch, rows in table.items():
            if ch in glyphs:
                raise ValueError(f"glyph {ch!r} defined twice")
            glyphs[ch] = _cell(rows, ch)
    for ch, (base, accent) in COMPOSED.items():
        glyphs[ch] = _overlay(glyphs[base], ACCENTS[accent], 0, ch)
    glyphs["ç"] = _overlay(glyphs["c"], CEDILLA, BASELINE, "ç")
    glyphs["Ç"] = _overlay(glyphs["C"], CEDILLA, BASELINE, "Ç")
    missing = [chr(code) for code in range(32, 127) if chr(code) not in glyphs]
    if missing:
        raise ValueError(f"missing ASCII glyphs: {missing}")
    return glyphs


def _order(glyphs: dict[str, list[str]]) -> list[str]:
    """ASCII first in code order, then the extras in code-point order: a stable atlas layout."""
    return sorted(glyphs, key=lambda ch: (ord(ch) > 126, ord(ch)))


def layout(glyphs: dict[str, list[str]], columns: int = 16) -> tuple[dict[str, list[int]], tuple[int, int]]:
    """Place glyphs on a grid of fixed-size cells (one pixel gap); return rects and atlas size."""
    cell_w = max(len(rows[0]) for rows in glyphs.values()) + 1
    cell_h = CELL_HEIGHT + 1
    rects: dict[str, list[int]] = {}
    order = _order(glyphs)
    for index, ch in enumerate(order):
        col, row = index % columns, index // columns
        rects[ch] = [col * cell_w, row * cell_h, len(glyphs[ch][0]), CELL_HEIGHT]
    rows_used = (len(order) + columns - 1) // columns
    return rects, (columns * cell_w, rows_used * cell_h)


def metrics_json(glyphs: dict[str, list[str]], rects: dict[str, list[int]], size: tuple[int, int]) -> dict:
    chars = {}
    for ch in _order(glyphs):
        advance = SPACE_ADVANCE if ch == " " else len(glyphs[ch][0]) + LETTER_SPACING
        chars[ch] = {"rect": rects[ch], "advance": advance}
    return {
        "name": "neopix",
        "image": "neopix.png",
        "atlas_size": list(size),
        "cell_height": CELL_HEIGHT,
        "line_height": LINE_HEIGHT,
        "baseline": BASELINE,
        "cap_height": CAP_HEIGHT,
        "x_height": X_HEIGHT,
        "descent": DESCENT,
        "letter_spacing": LETTER_SPACING,
        "fallback": FALLBACK,
        "glyphs": chars,
    }


def _format_json(data: dict) -> str:
    """Pretty JSON with one line per glyph, so diffs of the metrics stay readable."""
    head = {key: value for key, value in data.items() if key != "glyphs"}
    lines = ["{"]
    for key in sorted(head):
        lines.append(f"  {json.dumps(key)}: {json.dumps(head[key])},")
    lines.append('  "glyphs": {')
    entries = [f"    {json.dumps(ch)}: {json.dumps(info, sort_keys=True)}"
               for ch, info in data["glyphs"].items()]
    lines.append(",\n".join(entries))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    sys.path.insert(0, str(ROOT))
    from game.ui.palette import PALETTE

    ink = PALETTE["white"]
    glyphs = build_glyphs()
    rects, size = layout(glyphs)
    atlas = pygame.Surface(size, pygame.SRCALPHA, 32)
    atlas.fill((0, 0, 0, 0))
    for ch, (x, y, _w, _h) in rects.items():
        for dy, row in enumerate(glyphs[ch]):
            for dx, pixel in enumerate(row):
                if pixel == "#":
                    atlas.set_at((x + dx, y + dy), (*ink, 255))
    out_dir = ROOT / "assets" / "fonts"
    out_dir.mkdir(parents=True, exist_ok=True)
    pygame.image.save(atlas, str(out_dir / "neopix.png"))
    data = metrics_json(glyphs, rects, size)
    (out_dir / "neopix.json").write_text(_format_json(data), encoding="utf-8")
    print(f"wrote {len(glyphs)} glyphs, atlas {size[0]}x{size[1]}, line height {LINE_HEIGHT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
