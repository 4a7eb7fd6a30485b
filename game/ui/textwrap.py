"""Word wrapping by pixel width, shared by the font (drawing) and the dialogue checker (no pygame).

Lines break at spaces (runs of spaces collapse); an explicit newline always starts a new line and
blank lines are kept; a word wider than the line is split between characters without a hyphen. Only
if ``max_width`` is narrower than a single character can a line exceed it (it then holds one character).
A long word is cut by galloping and bisecting over its prefixes, so wrapping stays close to linear in
the text's length even for one 256 KiB word.
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
            start = 0
            while True:  # the word alone is too long: split it into pieces that fit
                end = _fit(word, start, max_width, width_of)
                if end >= len(word):
                    break
                out.append(word[start:end])
                start = end
            line = word[start:]
        out.append(line)
    return out


def _fit(word: str, start: int, max_width: int, width_of: Callable[[str], int]) -> int:
    """The largest ``end`` with ``word[start:end]`` no wider than ``max_width`` (always at least one character)."""
    good, step = start + 1, 1
    while good < len(word):
        probe = min(len(word), good + step)
        if width_of(word[start:probe]) > max_width:
            break
        good, step = probe, step * 2
    else:
        return good
    bad = probe  # word[start:good] fits, word[start:bad] does not
    while bad - good > 1:
        mid = (good + bad) // 2
        if width_of(word[start:mid]) <= max_width:
            good = mid
        else:
            bad = mid
    return good
