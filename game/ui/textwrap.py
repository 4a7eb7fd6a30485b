"""Word wrapping by pixel width, shared by the font (drawing) and the dialogue checker (no pygame).

Lines break at spaces (runs of spaces collapse); an explicit newline always starts a new line and
blank lines are kept; a word wider than the line is split between characters without a hyphen. Only
if ``max_width`` is narrower than a single character can a line exceed it (it then holds one character).
"""

from __future__ import annotations

from collections.abc import Callable


def wrap_words(text: str, max_width: int, width_of: Callable[[str], int]) -> list[str]:
    out: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if width_of(candidate) <= max_width:
                line = candidate
                continue
            if line:
                out.append(line)
                line = ""
            while width_of(word) > max_width:  # the word alone is too long: split it
                cut = 1
                while cut < len(word) and width_of(word[: cut + 1]) <= max_width:
                    cut += 1
                out.append(word[:cut])
                word = word[cut:]
            line = word
        out.append(line)
    return out
