"""Generate the walking characters into ``assets/sprites/`` (deterministic; run after changing the palette).

    .venv/bin/python tools/make_sprites.py

Each sheet is 64x96: four 16x24 frames across (stand, step, stand, other step) and four rows down
(facing down, left, right, up). Characters are built from a few parts (hair, face, top, legs) in
palette colours, lit from the top left and outlined in ink, so everyone shares one look. The looks
follow the cast notes: Lena's lab coat and bun, Malik's orange vest and beard, and so on.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.palette import colour  # noqa: E402

FW, FH = 16, 24
FACINGS = ("down", "left", "right", "up")


@dataclass(frozen=True)
class Look:
    skin: str
    hair: str
    hair_style: str  # bun | short | long | slick | beanie | bob
    top: str
    top_light: str
    legs: str
    shoes: str = "ink"
    coat: str | None = None  # an open coat over the top
    coat_trim: str | None = None
    beard: bool = False
    glasses: str | None = None
    carry: str | None = None  # clipboard


LOOKS: dict[str, Look] = {
    "lena": Look("skin_mid", "wood_dark", "bun", "teal", "cyan", "teal_dark", coat="white", coat_trim="teal"),
    "malik": Look("skin_dark", "ink", "short", "orange", "amber", "steel", coat=None, beard=True),
    "jenna": Look("skin_light", "wood_light", "long", "amber", "yellow", "navy"),
    "simon": Look("skin_light", "fog", "slick", "cream", "white", "wood_dark", coat="wood", coat_trim="wood_light",
                  glasses="brass"),
    "inspector": Look("skin_mid", "brass", "short", "navy", "slate", "navy", carry="paper"),
    "rowan": Look("skin_dark", "steel", "beanie", "leaf_dark", "leaf", "night"),
    "patient_a": Look("skin_light", "wood", "bob", "rose", "cream", "slate"),
    "patient_b": Look("skin_dark", "ink", "short", "violet", "violet_light", "night"),
    "patient_c": Look("skin_mid", "night", "long", "leaf", "leaf_light", "wood_dark"),
    "patient_d": Look("skin_light", "mist", "short", "steel", "fog", "navy", glasses="steel"),
}


def C(name: str) -> tuple[int, int, int]:
    return colour(name)


def fill(s, x, y, w, h, name):
    s.fill(C(name), (x, y, w, h))


def paint_frame(look: Look, facing: str, step: int) -> pygame.Surface:
    s = pygame.Surface((FW, FH), pygame.SRCALPHA)
    bob = 1 if step in (1, 3) else 0
    # legs and shoes: a step moves one foot forward (down the screen) and lifts the other
    if facing in ("down", "up"):
        left_y = 18 + (1 if step == 1 else 0)
        right_y = 18 + (1 if step == 3 else 0)
        fill(s, 5, 18, 3, left_y - 18 + 4, look.legs)
        fill(s, 9, 18, 3, right_y - 18 + 4, look.legs)
        fill(s, 5, left_y + 4, 3, 1, look.shoes)
        fill(s, 9, right_y + 4, 3, 1, look.shoes)
    else:
        spread = {0: 0, 1: 2, 2: 0, 3: -2}[step]
        fill(s, 6 + spread // 2, 18, 3, 4, look.legs)
        fill(s, 7 - spread // 2, 18, 3, 4, look.legs)
        fill(s, 6 + spread // 2, 22, 3, 1, look.shoes)
        fill(s, 7 - spread // 2, 22, 3, 1, look.shoes)
    top = 10 + bob
    # torso
    fill(s, 4, top, 8, 9 - bob, look.top)
    fill(s, 4, top, 8, 1, look.top_light)
    fill(s, 4, top, 1, 8 - bob, look.top_light)
    if look.coat:
        if facing == "down":
            fill(s, 3, top, 3, 10 - bob, look.coat)
            fill(s, 10, top, 3, 10 - bob, look.coat)
            if look.coat_trim:
                fill(s, 6, top, 1, 9 - bob, look.coat_trim)
                fill(s, 9, top, 1, 9 - bob, look.coat_trim)
        elif facing == "up":
            fill(s, 3, top, 10, 10 - bob, look.coat)
            if look.coat_trim:
                fill(s, 3, top + 8 - bob, 10, 1, look.coat_trim)
        else:
            fill(s, 4, top, 8, 10 - bob, look.coat)
            front = 10 if facing == "right" else 4
            fill(s, front, top, 2, 9 - bob, look.top)
    if look.hair == "ink" and look.beard:  # Malik's vest over overalls
        fill(s, 4, top + 5, 8, 4 - bob, "steel")
    # arms swing opposite to the legs
    swing = {0: 0, 1: 1, 2: 0, 3: -1}[step]
    arm = look.coat or look.top
    if facing in ("down", "up"):
        fill(s, 2, top + 1, 2, 6, arm)
        fill(s, 12, top + 1, 2, 6, arm)
        fill(s, 2, top + 7 + max(swing, 0), 2, 1, look.skin)
        fill(s, 12, top + 7 + max(-swing, 0), 2, 1, look.skin)
    else:
        ax = 7 + swing * 2
        fill(s, ax, top + 1, 2, 6, arm)
        fill(s, ax, top + 7, 2, 1, look.skin)
    if look.carry and facing != "up":
        cx = 11 if facing in ("down", "right") else 2
        fill(s, cx, top + 3, 3, 5, "wood_light")
        fill(s, cx, top + 4, 3, 3, look.carry)
    # head
    hy = 2 + bob
    fill(s, 4, hy, 8, 8, look.skin)
    fill(s, 4, hy + 7, 8, 1, "skin_dark" if look.skin != "skin_dark" else "wood_dark")
    fill(s, 5, hy + 8, 6, 1, look.skin)  # neck
    _hair(s, look, facing, hy)
    if facing != "up":
        if facing == "down":
            eyes = (6, 9)
        elif facing == "left":
            eyes = (5,)
        else:
            eyes = (10,)
        for ex in eyes:
            fill(s, ex, hy + 4, 1, 2, "ink")
        if look.glasses:
            for ex in eyes:
                fill(s, ex - 1, hy + 3, 3, 1, look.glasses)
        if look.beard:
            fill(s, 4, hy + 6, 8, 2, look.hair)
            if facing == "down":
                fill(s, 7, hy + 6, 2, 1, look.skin)
    return _outline(s)


def _hair(s, look: Look, facing: str, hy: int) -> None:
    h = look.hair
    style = look.hair_style
    if style == "beanie":
        fill(s, 3, hy - 1, 10, 4, "steel")
        fill(s, 3, hy + 2, 10, 1, "fog")
        if facing == "up":
            fill(s, 4, hy, 8, 7, "steel")
        return
    fill(s, 4, hy, 8, 3, h)  # crown
    if facing == "up":
        fill(s, 4, hy, 8, 7, h)
    elif facing == "left":
        fill(s, 9, hy, 3, 6, h)
    elif facing == "right":
        fill(s, 4, hy, 3, 6, h)
    else:
        fill(s, 4, hy + 1, 1, 3, h)
        fill(s, 11, hy + 1, 1, 3, h)
    if style == "bun":
        bx = {"down": 6, "up": 6, "left": 10, "right": 2}[facing]
        fill(s, bx, hy - 2, 4, 3, h)
    elif style == "long":
        if facing == "down":
            fill(s, 3, hy + 1, 2, 9, h)
            fill(s, 11, hy + 1, 2, 9, h)
        elif facing == "up":
            fill(s, 3, hy, 10, 11, h)
        elif facing == "left":
            fill(s, 9, hy, 4, 10, h)
        else:
            fill(s, 3, hy, 4, 10, h)
    elif style == "bob":
        if facing != "up":
            fill(s, 3, hy + 1, 2, 5, h)
            fill(s, 11, hy + 1, 2, 5, h)
        else:
            fill(s, 3, hy, 10, 7, h)
    elif style == "slick":
        fill(s, 4, hy, 8, 2, h)
        fill(s, 5, hy, 3, 1, "mist")
    # a highlight where the light hits
    fill(s, 5, hy, 2, 1, "fog" if h in ("ink", "wood_dark", "night") else "cream")


def _outline(s: pygame.Surface) -> pygame.Surface:
    out = s.copy()
    w, h = s.get_size()
    for y in range(h):
        for x in range(w):
            if s.get_at((x, y)).a:
                continue
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < w and 0 <= ny < h and s.get_at((nx, ny)).a:
                    out.set_at((x, y), (*C("ink"), 255))
                    break
    return out


def sheet(look: Look) -> pygame.Surface:
    out = pygame.Surface((FW * 4, FH * 4), pygame.SRCALPHA)
    for row, facing in enumerate(FACINGS):
        for step in range(4):
            out.blit(paint_frame(look, facing, step), (step * FW, row * FH))
    return out


def main() -> None:
    target = ROOT / "assets" / "sprites"
    target.mkdir(parents=True, exist_ok=True)
    for name, look in LOOKS.items():
        pygame.image.save(sheet(look), str(target / f"{name}.png"))
    print(f"wrote {len(LOOKS)} sprite sheets to {target}")


if __name__ == "__main__":
    main()
