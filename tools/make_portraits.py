"""Generate the dialogue portraits into ``assets/portraits/`` (deterministic; palette colours only).

    .venv/bin/python tools/make_portraits.py

Each speaker with a face gets ``<speaker>_<mood>.png`` at 64x64 for the moods neutral, happy, worried
and angry. A portrait is a head-and-shoulders bust lit from the top left, with a dark outline around the
figure, shading in flat palette colours (a crescent of shade along the edges away from the light, never a
dithered band across the face), over a backdrop in the character's colours. Faces are built from the
same parts so the cast reads as one family; hair, clothes and details follow the character notes in the
preamble and STORY.md. Rowan and the inspector have their portraits like the rest of the speaking cast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.palette import PALETTE  # noqa: E402

SIZE = 64
MOODS = ("neutral", "happy", "worried", "angry")
NAMES = list(PALETTE)
CODE = {name: i for i, name in enumerate(NAMES)}
EMPTY = -1

Y, X = np.mgrid[0:SIZE, 0:SIZE]
XC, YC = X + 0.5, Y + 0.5


# masks -------------------------------------------------------------------------------------------
def ellipse(cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
    return ((XC - cx) / rx) ** 2 + ((YC - cy) / ry) ** 2 <= 1.0


def rect(x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    """Pixels with x0 <= x < x1 and y0 <= y < y1."""
    return (X >= x0) & (X < x1) & (Y >= y0) & (Y < y1)


def polygon(points) -> np.ndarray:
    surf = pygame.Surface((SIZE, SIZE))
    surf.fill((0, 0, 0))
    pygame.draw.polygon(surf, (255, 255, 255), points)
    return pygame.surfarray.array_red(surf).T > 0


def pixels(points) -> np.ndarray:
    m = np.zeros((SIZE, SIZE), bool)
    for x, y in points:
        if 0 <= x < SIZE and 0 <= y < SIZE:
            m[y, x] = True
    return m


def line(x0: int, y0: int, x1: int, y1: int) -> np.ndarray:
    pts, n = [], max(abs(x1 - x0), abs(y1 - y0), 1)
    for i in range(n + 1):
        pts.append((x0 + round((x1 - x0) * i / n), y0 + round((y1 - y0) * i / n)))
    return pixels(pts)


CHECKER = (X + Y) % 2 == 0


class Layer:
    """A grid of palette codes; EMPTY is transparent."""

    def __init__(self) -> None:
        self.a = np.full((SIZE, SIZE), EMPTY, dtype=np.int16)

    def fill(self, mask: np.ndarray, name: str) -> None:
        self.a[mask] = CODE[name]

    def shade(self, region: np.ndarray, base: str, dark: str, lit: np.ndarray | None = None) -> None:
        """Pixels of ``base`` far from the light become ``dark``; a checkerboard band between."""
        is_base = self.a == CODE[base]
        if lit is None:
            lit = np.zeros_like(region)
        self.a[is_base & region & ~lit] = CODE[dark]
        band = is_base & lit & region & CHECKER
        self.a[band] = CODE[dark]

    def solid(self) -> np.ndarray:
        return self.a != EMPTY

    def outline(self, name: str = "ink") -> None:
        inside = self.solid()
        grown = inside.copy()
        grown[1:, :] |= inside[:-1, :]
        grown[:-1, :] |= inside[1:, :]
        grown[:, 1:] |= inside[:, :-1]
        grown[:, :-1] |= inside[:, 1:]
        self.a[grown & ~inside] = CODE[name]


def away_from_light(mask: np.ndarray, depth: int) -> np.ndarray:
    """The crescent of ``mask`` in its own shadow: pixels within ``depth`` of its lower-right edge, light
    coming from the top left. (The shape continues below the picture, so its bottom rows are not rim.)"""
    tall = np.vstack([mask, np.repeat(mask[-1:], depth, axis=0)])
    moved = np.zeros_like(mask)
    moved[:, : SIZE - depth] = tall[depth: depth + SIZE, depth:]
    return mask & ~moved


# backgrounds -------------------------------------------------------------------------------------
def backdrop(top: str, bottom: str, accent: str) -> np.ndarray:
    a = np.full((SIZE, SIZE), CODE[top], dtype=np.int16)
    a[Y >= 34] = CODE[bottom]
    a[(Y >= 31) & (Y < 34)] = CODE[bottom]
    a[(Y % 8 == 0) & (X % 16 < 8) & (Y < 28)] = CODE[accent]  # a faint pattern of light strips
    a[0, :] = CODE[accent]
    a[:, 0] = CODE[accent]
    return a


# the face ----------------------------------------------------------------------------------------
SKIN_SHADE = {"skin_light": "skin_mid", "skin_mid": "skin_dark", "skin_dark": "wood_dark"}
LIP = {"skin_light": "rose", "skin_mid": "gum_dark", "skin_dark": "decay"}
HEAD = (32.0, 28.0, 12.5, 14.5)


def body(layer: Layer, coat: str, coat_shade: str) -> None:
    shoulders = polygon([(4, 64), (9, 53), (20, 47), (44, 47), (55, 53), (60, 64)])
    layer.fill(shoulders, coat)
    layer.shade(away_from_light(shoulders, 5), coat, coat_shade)


def neck(layer: Layer, skin: str) -> None:
    layer.fill(rect(27, 38, 38, 49), skin)
    layer.fill(rect(27, 40, 38, 43), SKIN_SHADE[skin])  # the chin's shadow on the neck
    layer.fill(rect(35, 43, 38, 49), SKIN_SHADE[skin])  # the side of the neck away from the light


def head(layer: Layer, skin: str) -> np.ndarray:
    cx, cy, rx, ry = HEAD
    face = ellipse(cx, cy, rx, ry) & ~(rect(0, 38, 64, 64) & ~ellipse(cx, cy - 2, rx - 3, ry))
    layer.fill(face, skin)
    layer.fill(ellipse(cx - rx + 0.5, cy + 1, 2.2, 3.2), skin)  # ears
    layer.fill(ellipse(cx + rx - 0.5, cy + 1, 2.2, 3.2), skin)
    layer.shade(away_from_light(face, 3), skin, SKIN_SHADE[skin])
    layer.fill(pixels([(32, 31), (33, 32), (32, 32)]), SKIN_SHADE[skin])  # nose
    return face


def eyes(layer: Layer, mood: str, iris: str = "ink", lids: str = "ink") -> None:
    for x in (25, 36):
        y = 28
        if mood == "happy":  # smiling eyes: a curved lid
            layer.fill(pixels([(x, y), (x + 1, y - 1), (x + 2, y - 1), (x + 3, y)]), lids)
            continue
        layer.fill(rect(x, y - 1, x + 4, y + 2), "white")
        layer.fill(rect(x + 1, y - 1, x + 3, y + 2), iris)
        layer.fill(pixels([(x + 1, y - 1)]), "white")
        layer.fill(rect(x, y - 2, x + 4, y - 1), lids)
        if mood == "worried":
            layer.fill(pixels([(x, y + 2), (x + 3, y + 2)]), "skin_dark" if iris != "ink" else lids)


def brows(layer: Layer, mood: str, hair: str) -> None:
    for x, inner_left in ((24, False), (36, True)):
        ys = {"neutral": (24, 24, 24, 24, 24), "happy": (24, 23, 23, 23, 24), "worried": (25, 24, 24, 23, 23),
              "angry": (23, 23, 24, 25, 25)}[mood]
        if inner_left:
            ys = ys[::-1]
        layer.fill(pixels([(x + i, ys[i]) for i in range(5)]), hair)


def mouth(layer: Layer, mood: str, skin: str) -> None:
    lip = LIP[skin]
    if mood == "happy":
        layer.fill(pixels([(28, 34), (36, 34)]), lip)
        layer.fill(rect(29, 35, 36, 37), "gum_dark")
        layer.fill(rect(29, 35, 36, 36), "white")  # a row of good teeth: this is a dental clinic
        layer.fill(pixels([(30, 37), (31, 37), (32, 37), (33, 37), (34, 37)]), lip)
    elif mood == "worried":
        layer.fill(pixels([(29, 37), (30, 36), (31, 36), (32, 36), (33, 36), (34, 36), (35, 37)]), lip)
    elif mood == "angry":
        layer.fill(rect(29, 35, 36, 37), "white")
        layer.fill(pixels([(28, 37), (36, 37)]) | line(29, 34, 35, 34) | line(29, 37, 35, 37), lip)
        layer.fill(pixels([(31, 35), (31, 36), (33, 35), (33, 36)]), "mist")
    else:
        layer.fill(line(29, 35, 35, 35), lip)


def blush(layer: Layer, skin: str) -> None:
    if skin == "skin_light":
        layer.fill(pixels([(23, 32), (25, 32), (39, 32), (41, 32)]), "rose")


# the cast ----------------------------------------------------------------------------------------
def lena(mood: str) -> tuple[np.ndarray, Layer]:
    bg = backdrop("teal_dark", "navy", "teal")
    L = Layer()
    # the bun, behind the head
    L.fill(ellipse(32, 11, 7, 5.5), "wood_dark")
    L.fill(ellipse(30, 9.5, 3, 2) & CHECKER, "wood")
    body(L, "white", "mist")
    L.fill(polygon([(26, 47), (38, 47), (32, 60)]), "teal")  # scrubs in the coat's opening
    L.fill(line(25, 47, 31, 61) | line(39, 47, 33, 61), "teal_dark")  # the coat's teal trim
    L.fill(line(24, 48, 30, 62) | line(40, 48, 34, 62), "teal")
    L.fill(rect(42, 55, 48, 57), "cyan")  # a pen in the pocket
    neck(L, "skin_mid")
    head(L, "skin_mid")
    hair = polygon([(19, 27), (20, 18), (25, 14), (32, 13), (40, 14), (45, 19), (45, 27), (42, 21), (34, 18),
                    (27, 19), (22, 22)])
    L.fill(hair, "wood_dark")
    L.fill(line(24, 17, 31, 15), "wood")
    L.fill(pixels([(21, 25), (21, 26), (44, 25), (44, 26)]), "wood_dark")
    eyes(L, mood, iris="wood_dark")
    brows(L, mood, "wood_dark")
    mouth(L, mood, "skin_mid")
    L.outline()
    return bg, L


def malik(mood: str) -> tuple[np.ndarray, Layer]:
    bg = backdrop("slate", "night", "orange")
    L = Layer()
    body(L, "steel", "slate")
    L.fill(polygon([(6, 64), (11, 52), (22, 47), (27, 64)]) | polygon([(58, 64), (53, 52), (42, 47), (37, 64)]),
           "orange")  # the work vest
    L.fill(line(22, 48, 26, 63) | line(42, 48, 38, 63), "amber")
    L.fill(rect(14, 57, 20, 59) | rect(45, 57, 51, 59), "mist")  # reflective strips
    neck(L, "skin_dark")
    head(L, "skin_dark")
    L.fill(polygon([(19, 25), (21, 17), (27, 14), (37, 14), (43, 17), (45, 25), (43, 20), (21, 20)]), "ink")
    L.fill(line(25, 16, 32, 15), "night")
    beard = ellipse(32, 35, 11, 8) & ~rect(0, 0, 64, 31) & ellipse(*HEAD)
    L.fill(beard, "ink")
    L.fill(beard & CHECKER & rect(0, 37, 64, 44), "night")
    L.fill(rect(28, 33, 37, 38), "skin_dark")  # the mouth shows through the beard
    eyes(L, mood)
    brows(L, mood, "ink")
    mouth(L, mood, "skin_dark")
    L.fill(line(28, 33, 36, 33), "ink")  # moustache
    L.outline()
    return bg, L


def jenna(mood: str) -> tuple[np.ndarray, Layer]:
    bg = backdrop("violet_dark", "night", "violet")
    L = Layer()
    back_hair = polygon([(18, 22), (22, 14), (32, 12), (42, 14), (46, 22), (48, 50), (42, 54), (22, 54), (16, 50)])
    L.fill(back_hair, "wood_light")
    L.fill(back_hair & CHECKER & rect(0, 36, 64, 64), "wood")
    body(L, "amber", "orange")
    L.fill(polygon([(22, 47), (42, 47), (38, 52), (26, 52)]), "orange")  # the hood behind the neck
    L.fill(line(29, 50, 29, 58) | line(35, 50, 35, 58), "paper")  # hoodie strings
    neck(L, "skin_light")
    head(L, "skin_light")
    fringe = polygon([(19, 26), (21, 17), (27, 14), (37, 14), (43, 17), (45, 26), (41, 20), (33, 21), (28, 19),
                      (23, 22)])
    L.fill(fringe, "wood_light")
    L.fill(line(26, 17, 33, 15), "cream")
    L.fill(line(19, 26, 19, 44) | line(45, 26, 45, 44), "wood_light")  # strands framing the face
    L.fill(line(20, 30, 20, 42) | line(44, 30, 44, 42), "wood")
    eyes(L, mood, iris="leaf_dark")
    brows(L, mood, "wood")
    mouth(L, mood, "skin_light")
    if mood == "happy":
        blush(L, "skin_light")
    L.outline()
    return bg, L


def simon(mood: str) -> tuple[np.ndarray, Layer]:
    bg = backdrop("wood_dark", "ink", "brass")
    L = Layer()
    body(L, "wood", "wood_dark")
    L.fill(polygon([(26, 47), (38, 47), (32, 58)]), "cream")  # the shirt
    L.fill(polygon([(31, 49), (33, 49), (34, 58), (32, 60), (30, 58)]), "leaf_dark")  # a tie
    L.fill(rect(0, 0, 64, 64) & L.solid() & (L.a == CODE["wood"]) & ((X * 3 + Y * 5) % 7 == 0), "wood_light")
    L.fill(line(25, 47, 30, 58) | line(39, 47, 34, 58), "wood_dark")  # lapels
    neck(L, "skin_light")
    head(L, "skin_light")
    hair = polygon([(19, 25), (20, 17), (26, 13), (38, 13), (44, 17), (45, 25), (43, 19), (21, 19)])
    L.fill(hair, "fog")
    L.fill(hair & ((X + Y * 2) % 5 == 0), "steel")  # grey streaks, combed back
    L.fill(line(22, 16, 41, 15), "mist")
    eyes(L, mood, iris="wood_dark")
    brows(L, mood, "steel")
    for x in (24, 35):  # brass-rimmed glasses
        L.fill(rect(x, 25, x + 6, 31) & ~rect(x + 1, 26, x + 5, 30), "brass")
    L.fill(line(30, 27, 34, 27), "brass")
    mouth(L, mood, "skin_light")
    L.outline()
    return bg, L


def inspector(mood: str) -> tuple[np.ndarray, Layer]:
    bg = backdrop("navy", "night", "slate")
    L = Layer()
    body(L, "navy", "night")
    L.fill(polygon([(27, 47), (37, 47), (32, 56)]), "white")
    L.fill(line(26, 47, 31, 57) | line(38, 47, 33, 57), "slate")
    L.fill(rect(44, 50, 56, 64), "wood_light")  # the clipboard
    L.fill(rect(46, 53, 54, 64), "paper")
    L.fill(rect(48, 49, 52, 52), "brass")
    L.fill(line(47, 56, 52, 56) | line(47, 59, 53, 59), "steel")
    neck(L, "skin_mid")
    head(L, "skin_mid")
    hair = polygon([(19, 26), (20, 17), (26, 13), (38, 13), (44, 17), (45, 24), (41, 19), (30, 20), (24, 18),
                    (21, 22)])
    L.fill(hair, "brass")
    L.fill(line(24, 16, 29, 15) | line(30, 17, 37, 15), "yellow")
    eyes(L, mood, iris="teal_dark")
    brows(L, mood, "wood_light")
    mouth(L, mood, "skin_mid")
    L.outline()
    return bg, L


def rowan(mood: str) -> tuple[np.ndarray, Layer]:
    bg = backdrop("leaf_dark", "night", "leaf")
    L = Layer()
    body(L, "leaf_dark", "ink")
    L.fill(ellipse(32, 49, 15, 4), "fog")  # the hood's lining around the neck
    L.fill(ellipse(32, 49, 15, 4) & CHECKER, "mist")
    L.fill(line(32, 53, 32, 64), "leaf")  # the parka's zip
    neck(L, "skin_dark")
    head(L, "skin_dark")
    beanie = ellipse(32, 19, 14, 9) & rect(0, 0, 64, 24)
    L.fill(beanie, "steel")
    L.fill(rect(18, 20, 47, 24), "fog")  # the folded brim
    L.fill(rect(18, 20, 47, 24) & (X % 2 == 0), "steel")
    L.fill(beanie & CHECKER & ((XC - 32) > 4), "slate")
    eyes(L, mood)
    brows(L, mood, "ink")
    mouth(L, mood, "skin_dark")
    L.outline()
    return bg, L


def spectra(mood: str) -> tuple[np.ndarray, Layer]:
    bg = np.full((SIZE, SIZE), CODE["night"], dtype=np.int16)
    bg[(X % 8 == 0) | (Y % 8 == 0)] = CODE["navy"]
    bg[0, :] = CODE["teal"]
    bg[:, 0] = CODE["teal"]
    L = Layer()
    rim = "magenta" if mood == "angry" else "cyan"
    eye = polygon([(6, 32), (20, 19), (44, 19), (58, 32), (44, 45), (20, 45)])
    inner = polygon([(9, 32), (21, 21), (43, 21), (55, 32), (43, 43), (21, 43)])
    L.fill(eye, rim)
    L.fill(inner, "navy")
    if mood == "happy":  # a content arc, like a smiling eye
        L.fill(inner & ~ellipse(32, 40, 16, 12), "night")
        L.fill(ellipse(32, 36, 10, 8) & ~ellipse(32, 38, 7, 6) & rect(0, 0, 64, 35), "cyan_light")
    else:
        r = 9 if mood != "worried" else 7
        L.fill(ellipse(32, 32, r, r), "teal")
        L.fill(ellipse(32, 32, r - 2, r - 2), "cyan")
        pupil = ellipse(32, 32, 3.5, 3.5) if mood != "angry" else rect(31, 25, 33, 40)
        L.fill(pupil, "red" if mood == "angry" else "ink")
        L.fill(pixels([(28, 28), (29, 28), (28, 29)]), "white")
        if mood == "worried":  # a lowered lid
            L.fill(inner & rect(0, 0, 64, 27), "slate")
            L.fill(line(14, 27, 50, 27), "cyan_light")
    for x, y in ((32, 8), (32, 56), (4, 32), (60, 32)):
        L.fill(rect(x - 1, y - 1, x + 2, y + 2), rim)
    if mood == "angry":  # channel-shifted glitch bands
        for y0 in (22, 33, 40):
            band = rect(0, y0, 64, y0 + 2)
            shifted = np.roll(L.a, 3, axis=1)
            L.a[band] = shifted[band]
            L.fill(band & rect(2, 0, 10, 64), "magenta")
            L.fill(band & rect(52, 0, 60, 64), "cyan")
    L.outline("ink")
    return bg, L


CAST = {"lena": lena, "malik": malik, "jenna": jenna, "simon": simon, "inspector": inspector, "rowan": rowan,
        "spectra": spectra}


def compose(bg: np.ndarray, layer: Layer) -> pygame.Surface:
    codes = np.where(layer.a != EMPTY, layer.a, bg)
    rgb = np.array([PALETTE[n] for n in NAMES], dtype=np.uint8)[codes]
    surf = pygame.Surface((SIZE, SIZE))
    pygame.surfarray.blit_array(surf, rgb.transpose(1, 0, 2))
    return surf


def main() -> None:
    out = ROOT / "assets" / "portraits"
    out.mkdir(parents=True, exist_ok=True)
    for name, build in CAST.items():
        for mood in MOODS:
            bg, layer = build(mood)
            pygame.image.save(compose(bg, layer), str(out / f"{name}_{mood}.png"))
    print(f"wrote {len(CAST) * len(MOODS)} portraits to {out}")


if __name__ == "__main__":
    main()
