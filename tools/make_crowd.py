"""Generate the debate audience and the story's props into ``assets/sprites/`` (deterministic).

    .venv/bin/python tools/make_crowd.py

``crowd.png`` holds ``VARIANTS`` walking sheets (each 64x96, the layout of ``make_sprites.py``), eight to a
row: ordinary people of the town, built from the same parts as the cast (skin, hair and style, top, legs,
now and then glasses or a coat), so a full hall looks varied but drawn by one hand. The combinations come
from a fixed arithmetic walk over the part lists, never from a random generator, so the file is the same
on every run. ``simon_kit.png`` is Simon's old instrument tray on its stand (the bridge ending).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
from make_sprites import FH, FW, Look, _outline, sheet  # noqa: E402

from game.ui.palette import colour  # noqa: E402

VARIANTS = 40
PER_ROW = 8
SKINS = ("skin_light", "skin_mid", "skin_dark")
HAIR = ("ink", "wood_dark", "wood", "wood_light", "brass", "fog", "mist", "night", "rose")
STYLES = ("short", "long", "bob", "slick", "bun", "beanie", "short", "long")
TOPS = (("teal", "cyan"), ("rose", "cream"), ("violet", "violet_light"), ("leaf", "leaf_light"),
        ("amber", "yellow"), ("navy", "slate"), ("steel", "fog"), ("orange", "amber"), ("red", "rose"),
        ("cream", "white"), ("wood", "wood_light"), ("teal_dark", "teal"))
LEGS = ("navy", "night", "slate", "wood_dark", "steel", "ink")
COATS = (None, None, None, "wood", None, "slate", None, "cream", None, None, "navy")
GLASSES = (None, None, None, "steel", None, None, "brass", None)


def look(i: int) -> Look:
    """The ``i``-th member of the audience: each part list is walked with a different stride, so
    neighbours in the hall rarely share more than one part."""
    top, light = TOPS[(i * 5 + 1) % len(TOPS)]
    coat = COATS[(i * 3 + 2) % len(COATS)]
    hair = HAIR[(i * 4 + i // 9) % len(HAIR)]
    return Look(skin=SKINS[(i * 2 + i // 3) % len(SKINS)], hair=hair, hair_style=STYLES[(i * 3 + i // 8) % len(STYLES)],
                top=top, top_light=light, legs=LEGS[(i * 5 + 3) % len(LEGS)], coat=coat,
                coat_trim=None, glasses=GLASSES[(i * 7 + 1) % len(GLASSES)])


def crowd_atlas() -> pygame.Surface:
    rows = (VARIANTS + PER_ROW - 1) // PER_ROW
    atlas = pygame.Surface((PER_ROW * FW * 4, rows * FH * 4), pygame.SRCALPHA)
    for i in range(VARIANTS):
        atlas.blit(sheet(look(i)), ((i % PER_ROW) * FW * 4, (i // PER_ROW) * FH * 4))
    return atlas


def simon_kit() -> pygame.Surface:
    """A brass instrument tray on a wooden stand, cream cloth, mirrors and picks laid out (16x24)."""
    s = pygame.Surface((FW, FH), pygame.SRCALPHA)

    def fill(x, y, w, h, name):
        s.fill(colour(name), (x, y, w, h))

    fill(7, 12, 2, 10, "wood")
    fill(7, 12, 1, 10, "wood_light")
    fill(4, 21, 8, 2, "wood_dark")
    fill(1, 8, 14, 4, "brass")
    fill(1, 8, 14, 1, "yellow")
    fill(2, 7, 12, 1, "cream")
    for x, name in ((3, "mist"), (5, "white"), (8, "mist"), (10, "white"), (12, "fog")):
        fill(x, 4, 1, 4, name)
    fill(5, 3, 2, 2, "white")  # a mirror
    fill(10, 3, 1, 1, "steel")
    return _outline(s)


def main() -> None:
    target = ROOT / "assets" / "sprites"
    target.mkdir(parents=True, exist_ok=True)
    pygame.image.save(crowd_atlas(), str(target / "crowd.png"))
    pygame.image.save(simon_kit(), str(target / "simon_kit.png"))
    print(f"wrote {VARIANTS} audience members and Simon's kit to {target}")


if __name__ == "__main__":
    main()
