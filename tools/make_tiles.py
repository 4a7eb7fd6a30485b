"""Generate the map tilesets into ``assets/tilesets/`` (deterministic; run after changing the palette).

    .venv/bin/python tools/make_tiles.py

Writes ``interior.png``/``interior.tsx`` (clinic, workshop, server room, Simon's practice, debate hall)
and ``exterior.png``/``exterior.tsx`` (the street). Every tile is painted from ``game.ui.palette`` with
light from the top left; furniture gets a dark outline, floors none. Furniture bigger than a tile is
painted whole, outlined, then cut into tiles named ``name.col.row``. Tile properties written to the
``.tsx``: ``solid`` (blocks walking), ``sort_offset`` (rows below this tile where its furniture stands,
for y-sorting) and tileset animations. ``TILE_IDS`` gives ``tools/make_maps.py`` the ids by name.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.palette import colour  # noqa: E402

T = 16
COLUMNS = 16


def C(name: str) -> tuple[int, int, int]:
    return colour(name)


# -- tiny painting helpers ------------------------------------------------------------------------------
def box(s: pygame.Surface, x: int, y: int, w: int, h: int, fill: str, light: str | None = None,
        dark: str | None = None) -> None:
    """A filled box with an optional lit top/left edge and shaded bottom/right edge."""
    s.fill(C(fill), (x, y, w, h))
    if light:
        s.fill(C(light), (x, y, w, 1))
        s.fill(C(light), (x, y, 1, h))
    if dark:
        s.fill(C(dark), (x, y + h - 1, w, 1))
        s.fill(C(dark), (x + w - 1, y, 1, h))


def px(s: pygame.Surface, x: int, y: int, name: str) -> None:
    s.set_at((x, y), C(name))


def hline(s, x, y, w, name):
    s.fill(C(name), (x, y, w, 1))


def vline(s, x, y, h, name):
    s.fill(C(name), (x, y, 1, h))


def outline(s: pygame.Surface) -> pygame.Surface:
    """Ink pixels around every opaque shape (4-neighbours), kept inside the surface."""
    w, h = s.get_size()
    out = s.copy()
    ink = (*C("ink"), 255)
    for y in range(h):
        for x in range(w):
            if s.get_at((x, y)).a:
                continue
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < w and 0 <= ny < h and s.get_at((nx, ny)).a == 255:
                    out.set_at((x, y), ink)
                    break
    return out


def dither(s, x, y, w, h, name, step=2, phase=0):
    for yy in range(y, y + h):
        for xx in range(x, x + w):
            if (xx + yy + phase) % step == 0:
                s.set_at((xx, yy), C(name))


# -- the tile table ---------------------------------------------------------------------------------------
@dataclass
class Piece:
    name: str
    w: int  # tiles
    h: int
    paint: Callable[[pygame.Surface], None]
    solid: Callable[[int, int], bool] = lambda c, r: False
    outlined: bool = False
    frames: int = 1  # animation frames (paint gets the frame through the surface attribute)
    frame_ms: int = 200
    sort_base: bool = True  # furniture: rows above the bottom row sort with the bottom row
    extra: dict = field(default_factory=dict)


SOLID = lambda c, r: True  # noqa: E731
BASE = lambda h: (lambda c, r: r == h - 1)  # noqa: E731  only the bottom row blocks


def frame_of(s: pygame.Surface) -> int:
    return getattr(s, "_frame", 0) if hasattr(s, "_frame") else 0


# floors ---------------------------------------------------------------------------------------------------
def floor_clinic(s):
    s.fill(C("floor"))
    hline(s, 0, 15, 16, "floor_shade")
    vline(s, 15, 0, 16, "floor_shade")
    hline(s, 0, 0, 15, "paper")
    vline(s, 0, 0, 15, "paper")
    px(s, 4, 5, "paper")


def floor_clinic_b(s):
    floor_clinic(s)
    px(s, 10, 9, "floor_shade")
    px(s, 11, 9, "paper")


def carpet_teal(s):
    s.fill(C("teal_dark"))
    dither(s, 0, 0, 16, 16, "teal", 4)
    dither(s, 0, 0, 16, 16, "teal", 4, 2)


def floor_wood(s):
    s.fill(C("wood_light"))
    for y in (3, 7, 11, 15):
        hline(s, 0, y, 16, "wood")
    for y, x in ((0, 5), (4, 12), (8, 2), (12, 9)):
        vline(s, x, y, 3, "wood")
    dither(s, 0, 1, 16, 1, "cream", 5)


def floor_plate(s):
    s.fill(C("steel"))
    hline(s, 0, 0, 16, "fog")
    vline(s, 0, 0, 16, "fog")
    hline(s, 0, 15, 16, "slate")
    vline(s, 15, 0, 16, "slate")
    for x, y in ((3, 3), (12, 3), (3, 12), (12, 12)):
        px(s, x, y, "slate")
        px(s, x - 1, y - 1, "mist")


def floor_server(s):
    s.fill(C("night"))
    hline(s, 0, 0, 16, "navy")
    vline(s, 0, 0, 16, "navy")
    px(s, 8, 8, "violet_dark")
    px(s, 0, 0, "teal_dark")


def floor_hall(s):
    s.fill(C("slate"))
    dither(s, 0, 0, 16, 16, "navy", 3)
    hline(s, 0, 15, 16, "navy")


def floor_stage(s):
    s.fill(C("wood"))
    for y in (4, 9, 14):
        hline(s, 0, y, 16, "wood_dark")
    hline(s, 0, 0, 16, "wood_light")
    vline(s, 7, 5, 4, "wood_dark")


def stage_edge(s):
    floor_stage(s)
    s.fill(C("wood_dark"), (0, 10, 16, 6))
    hline(s, 0, 10, 16, "brass")
    hline(s, 0, 15, 16, "ink")


def carpet_red(s):
    s.fill(C("violet_dark"))
    vline(s, 1, 0, 16, "violet")
    vline(s, 14, 0, 16, "violet")
    dither(s, 3, 0, 10, 16, "navy", 4)


def doormat(s):
    floor_clinic(s)
    box(s, 1, 3, 14, 10, "teal_dark", "teal", "night")
    hline(s, 3, 7, 10, "cyan")


def door_frame(s):  # drawn above characters walking through a doorway
    box(s, 0, 0, 16, 4, "slate", "steel", "night")
    s.fill(C("fog"), (0, 4, 2, 12))
    s.fill(C("fog"), (14, 4, 2, 12))
    vline(s, 2, 4, 12, "ink")
    vline(s, 13, 4, 12, "ink")
    hline(s, 0, 4, 16, "ink")


def door_frame_side(left: bool, right: bool):
    def paint(s):
        box(s, 0, 0, 16, 4, "slate", "steel", "night")
        hline(s, 0, 4, 16, "ink")
        if left:
            s.fill(C("fog"), (0, 4, 2, 12))
            vline(s, 2, 4, 12, "ink")
        if right:
            s.fill(C("fog"), (14, 4, 2, 12))
            vline(s, 13, 4, 12, "ink")
    return paint


def threshold(s):
    s.fill(C("floor_shade"))
    hline(s, 0, 0, 16, "mist")
    hline(s, 0, 7, 16, "fog")
    hline(s, 0, 15, 16, "fog")


# walls -----------------------------------------------------------------------------------------------------
def wall_top(s):
    s.fill(C("slate"))
    box(s, 0, 0, 16, 16, "slate", "steel", "night")
    dither(s, 2, 2, 12, 12, "navy", 6)


def wall_face(base: str, light: str, strip: str, skirting: str):
    def paint(s):
        s.fill(C(base))
        hline(s, 0, 0, 16, "ink")
        hline(s, 0, 1, 16, light)
        s.fill(C(strip), (0, 9, 16, 2))
        hline(s, 0, 11, 16, "ink" if base in ("night", "navy") else "fog")
        s.fill(C(skirting), (0, 13, 16, 3))
        hline(s, 0, 15, 16, "ink")
    return paint


wall_clinic = wall_face("paper", "white", "teal", "mist")
wall_workshop = wall_face("fog", "mist", "orange", "steel")
wall_server = wall_face("navy", "slate", "cyan", "night")
wall_hall = wall_face("night", "slate", "violet", "ink")
wall_wood = wall_face("cream", "white", "wood", "wood_dark")


def window(base_paint):
    def paint(s):
        base_paint(s)
        box(s, 2, 2, 12, 8, "cyan_light", "white", "teal_dark")
        vline(s, 8, 2, 8, "mist")
        dither(s, 3, 3, 4, 4, "white", 3)
        hline(s, 2, 10, 12, "mist")
    return paint


def light_strip(s):
    wall_clinic(s)
    f = frame_of(s)
    s.fill(C("cyan_light" if f % 2 == 0 else "cyan"), (0, 9, 16, 2))
    px(s, (f * 5) % 16, 9, "white")


def poster(s):
    wall_clinic(s)
    box(s, 3, 2, 10, 9, "white", "paper", "fog")
    s.fill(C("teal"), (5, 4, 6, 3))
    px(s, 7, 5, "white")
    px(s, 8, 5, "white")
    hline(s, 5, 8, 6, "steel")


def clock(s):
    wall_clinic(s)
    pygame.draw.circle(s, C("ink"), (8, 5), 4)
    pygame.draw.circle(s, C("white"), (8, 5), 3)
    vline(s, 8, 3, 3, "ink")
    hline(s, 8, 5, 2, "ink")


def pegboard(s):
    wall_workshop(s)
    box(s, 1, 2, 14, 8, "wood_light", "cream", "wood")
    dither(s, 2, 3, 12, 6, "wood", 3)
    vline(s, 4, 3, 5, "steel")
    box(s, 3, 3, 3, 2, "orange")
    vline(s, 10, 3, 6, "slate")
    box(s, 9, 3, 3, 2, "red")


def screen_wall(s):
    wall_hall(s)
    box(s, 1, 2, 14, 8, "navy", "cyan", "teal_dark")
    f = frame_of(s)
    for i in range(3):
        hline(s, 3, 4 + i * 2, 4 + (i * 3 + f * 2) % 8, "cyan_light")


# furniture ------------------------------------------------------------------------------------------------
def reception_desk(s):  # 3x2
    s.fill((0, 0, 0, 0))
    box(s, 1, 8, 46, 10, "paper", "white", "mist")  # counter top
    box(s, 1, 17, 46, 14, "teal", "cyan", "teal_dark")  # front
    hline(s, 3, 22, 42, "cyan_light")
    hline(s, 3, 23, 42, "cyan")
    box(s, 30, 0, 12, 9, "night", "slate", "ink")  # monitor
    box(s, 32, 2, 8, 5, "teal_dark", "cyan")
    box(s, 35, 9, 2, 2, "steel")
    box(s, 6, 10, 8, 4, "white", None, "fog")  # papers
    px(s, 8, 12, "steel")
    pygame.draw.circle(s, C("leaf"), (22, 11), 3)
    px(s, 21, 10, "leaf_light")


def chair_waiting(s):
    box(s, 2, 2, 12, 7, "teal", "cyan", "teal_dark")
    box(s, 2, 8, 12, 5, "teal_dark", "teal", "night")
    vline(s, 3, 13, 3, "steel")
    vline(s, 12, 13, 3, "steel")


def sofa(s):  # 2x1
    box(s, 1, 1, 30, 6, "teal", "cyan", "teal_dark")
    box(s, 0, 5, 32, 8, "teal_dark", "teal", "night")
    box(s, 0, 3, 4, 10, "teal", "cyan", "teal_dark")
    box(s, 28, 3, 4, 10, "teal", "cyan", "teal_dark")
    vline(s, 16, 6, 6, "night")
    vline(s, 2, 13, 3, "steel")
    vline(s, 29, 13, 3, "steel")


def plant(s):  # 1x2
    box(s, 4, 22, 8, 9, "white", "paper", "fog")
    hline(s, 4, 24, 8, "teal")
    for cx, cy, r, c in ((8, 14, 6, "leaf_dark"), (6, 12, 4, "leaf"), (10, 10, 4, "leaf"), (8, 6, 4, "leaf"),
                         (6, 8, 2, "leaf_light"), (9, 4, 2, "leaf_light")):
        pygame.draw.circle(s, C(c), (cx, cy), r)
    vline(s, 8, 16, 6, "leaf_dark")


def water_cooler(s):  # 1x2
    box(s, 4, 2, 8, 10, "cyan_light", "white", "cyan")
    dither(s, 5, 4, 6, 7, "cyan", 3)
    box(s, 3, 12, 10, 19, "paper", "white", "fog")
    box(s, 5, 16, 2, 2, "teal")
    box(s, 9, 16, 2, 2, "red")


def nanobot_chair(s):  # 2x3: a reclined treatment chair seen from above, the swarm emitter on its arm
    f = frame_of(s)
    box(s, 9, 40, 14, 7, "steel", "fog", "slate")  # pedestal
    pygame.draw.polygon(s, C("teal_dark"), [(10, 28), (22, 28), (20, 41), (12, 41)])  # leg rest
    pygame.draw.polygon(s, C("teal"), [(11, 28), (21, 28), (19, 39), (13, 39)])
    box(s, 12, 39, 8, 3, "white", "white", "fog")
    box(s, 6, 17, 20, 13, "white", "white", "mist")  # seat frame
    box(s, 8, 18, 16, 11, "teal", "cyan", "teal_dark")
    box(s, 3, 19, 3, 9, "steel", "fog", "slate")  # arm rests
    box(s, 26, 19, 3, 9, "steel", "fog", "slate")
    box(s, 8, 6, 16, 12, "white", "white", "mist")  # reclined back
    box(s, 10, 7, 12, 10, "teal", "cyan", "teal_dark")
    box(s, 11, 1, 10, 6, "white", "white", "fog")  # headrest
    hline(s, 13, 3, 6, "mist")
    # the bot arm: from the pedestal up the right side to an emitter ring over the headrest
    box(s, 27, 30, 3, 12, "slate", "steel", "night")
    box(s, 27, 10, 3, 21, "steel", "fog", "slate")
    box(s, 21, 8, 9, 3, "steel", "fog", "slate")
    ring = "cyan_light" if f % 2 else "cyan"
    pygame.draw.circle(s, C("night"), (19, 9), 4)
    pygame.draw.circle(s, C(ring), (19, 9), 4, 1)
    px(s, 19, 9, "white" if f % 2 else "cyan_light")


def console(s):  # 1x2, a treatment console with a monitor
    f = frame_of(s)
    box(s, 2, 1, 12, 11, "night", "slate", "ink")
    box(s, 3, 2, 10, 8, "teal_dark", "teal")
    for i in range(3):
        hline(s, 4, 3 + i * 2, 2 + (i * 5 + f * 3) % 7, "cyan_light")
    box(s, 7, 12, 2, 4, "steel")
    box(s, 1, 16, 14, 15, "paper", "white", "fog")
    hline(s, 2, 20, 12, "teal")
    box(s, 3, 24, 4, 2, "fog")
    box(s, 9, 24, 4, 2, "fog")


def cabinet(s):  # 1x1 sink cabinet
    box(s, 0, 1, 16, 15, "paper", "white", "fog")
    box(s, 2, 2, 12, 5, "mist", "fog", "white")
    vline(s, 8, 0, 3, "steel")
    vline(s, 8, 9, 6, "fog")
    px(s, 6, 11, "steel")
    px(s, 10, 11, "steel")


def desk_wood(s):  # 3x2, Lena's desk with the letter
    box(s, 1, 10, 46, 12, "wood_light", "cream", "wood")
    box(s, 1, 21, 46, 10, "wood", "wood_light", "wood_dark")
    box(s, 4, 23, 10, 6, "wood_dark", "wood")
    px(s, 9, 25, "brass")
    box(s, 26, 2, 14, 10, "night", "slate", "ink")  # laptop screen
    box(s, 27, 3, 12, 7, "teal_dark", "teal")
    box(s, 25, 12, 16, 3, "steel", "fog", "slate")
    box(s, 8, 12, 9, 6, "white", "white", "fog")  # the letter
    hline(s, 9, 14, 6, "steel")
    hline(s, 9, 16, 5, "steel")
    px(s, 15, 13, "red")


def bookshelf(s):  # 1x2
    box(s, 0, 1, 16, 30, "wood", "wood_light", "wood_dark")
    colours = ("teal", "red", "amber", "navy", "leaf", "cream", "violet")
    for shelf in range(3):
        y = 3 + shelf * 9
        box(s, 2, y, 12, 7, "wood_dark")
        for i in range(5):
            c = colours[(shelf * 3 + i) % len(colours)]
            vline(s, 3 + i * 2, y + 1 + (i % 2), 6 - (i % 2), c)
            vline(s, 4 + i * 2, y + 1 + (i % 2), 6 - (i % 2), c)


def office_chair(s):
    box(s, 3, 1, 10, 7, "slate", "steel", "night")
    box(s, 2, 7, 12, 5, "night", "slate", "ink")
    vline(s, 8, 12, 2, "steel")
    hline(s, 4, 14, 9, "steel")


def workbench(s):  # 3x2
    box(s, 0, 8, 48, 11, "wood_light", "cream", "wood")
    box(s, 0, 18, 48, 13, "steel", "fog", "slate")
    box(s, 3, 20, 12, 9, "slate", "steel", "night")
    px(s, 9, 24, "orange")
    box(s, 4, 3, 12, 8, "night", "slate", "ink")  # monitor
    box(s, 5, 4, 10, 5, "navy", "cyan")
    hline(s, 6, 6, 6, "green")
    box(s, 20, 10, 8, 4, "orange", "amber", "wood_dark")  # toolbox
    box(s, 31, 9, 6, 6, "mist", "white", "steel")  # a nano-bot canister
    hline(s, 31, 11, 6, "cyan")
    pygame.draw.line(s, C("ink"), (38, 12), (46, 14))
    pygame.draw.line(s, C("orange"), (38, 11), (46, 13))


def crate(s):
    box(s, 1, 2, 14, 14, "wood_light", "cream", "wood_dark")
    pygame.draw.line(s, C("wood"), (2, 3), (14, 14))
    hline(s, 1, 8, 14, "wood")


def robot_arm(s):  # 1x2
    box(s, 3, 24, 10, 7, "slate", "steel", "night")
    box(s, 6, 10, 4, 15, "orange", "amber", "wood_dark")
    box(s, 4, 6, 8, 6, "steel", "fog", "slate")
    box(s, 9, 2, 6, 5, "orange", "amber", "wood_dark")
    px(s, 13, 3, "cyan_light")


def server_rack(s):  # 1x2
    f = frame_of(s)
    box(s, 1, 1, 14, 30, "night", "slate", "ink")
    for row in range(6):
        y = 4 + row * 4
        hline(s, 3, y, 10, "navy")
        lit = (row * 7 + f * 3) % 5
        px(s, 4 + lit, y + 1, "cyan_light")
        px(s, 11, y + 1, "violet_light" if (row + f) % 3 == 0 else "teal")
    hline(s, 2, 28, 12, "violet")


def spectra_console(s):  # 2x2, SPECTRA's eye
    f = frame_of(s)
    box(s, 1, 2, 30, 18, "night", "slate", "ink")
    box(s, 3, 4, 26, 14, "navy", "violet_dark")
    r = 5 + (f % 2)
    pygame.draw.polygon(s, C("cyan"), [(16, 11 - r), (16 + r + 3, 11), (16, 11 + r), (16 - r - 3, 11)], 1)
    pygame.draw.circle(s, C("cyan_light"), (16, 11), 2)
    px(s, 16, 11, "white")
    box(s, 0, 20, 32, 11, "slate", "steel", "night")
    for i in range(6):
        px(s, 4 + i * 4, 24, "cyan" if (i + f) % 2 else "violet_light")


def cable(s):
    pygame.draw.line(s, C("ink"), (0, 9), (16, 7))
    pygame.draw.line(s, C("violet"), (0, 8), (16, 6))


def seat_row(s):  # audience seat
    box(s, 1, 2, 14, 8, "violet_dark", "violet", "ink")
    box(s, 1, 9, 14, 5, "navy", "slate", "ink")
    vline(s, 0, 4, 10, "night")
    vline(s, 15, 4, 10, "night")


def podium(s):  # 1x2
    box(s, 1, 6, 14, 25, "wood", "wood_light", "wood_dark")
    box(s, 0, 4, 16, 4, "wood_light", "cream", "wood")
    box(s, 4, 13, 8, 8, "teal_dark", "teal")
    pygame.draw.circle(s, C("white"), (8, 17), 2)
    vline(s, 11, 0, 5, "steel")
    px(s, 11, 0, "ink")


def spotlight(s):  # floor light, 1x1
    box(s, 3, 7, 10, 8, "night", "slate", "ink")
    box(s, 4, 3, 8, 5, "steel", "fog", "slate")
    hline(s, 5, 3, 6, "yellow")


def old_chair(s):  # 2x2, Simon's traditional dental chair
    box(s, 4, 26, 24, 5, "steel", "fog", "slate")
    box(s, 13, 16, 6, 11, "brass", "yellow", "wood_dark")
    box(s, 6, 6, 20, 14, "wood", "wood_light", "wood_dark")
    box(s, 8, 8, 16, 10, "red", "rose", "gum_dark")
    box(s, 10, 1, 12, 6, "red", "rose", "gum_dark")
    box(s, 24, 2, 6, 4, "brass", "yellow", "wood_dark")  # the lamp
    vline(s, 27, 6, 14, "steel")


def rug(s):  # 2x2 warm rug
    s.fill(C("red"))
    box(s, 0, 0, 32, 32, "red", "rose", "gum_dark")
    pygame.draw.rect(s, C("cream"), (3, 3, 26, 26), 1)
    dither(s, 5, 5, 22, 22, "gum_dark", 4)


def side_table(s):
    box(s, 1, 3, 14, 8, "wood_light", "cream", "wood")
    vline(s, 3, 11, 5, "wood_dark")
    vline(s, 12, 11, 5, "wood_dark")
    box(s, 5, 0, 6, 5, "brass", "yellow", "wood_dark")


def instruments(s):  # tray of steel instruments
    box(s, 1, 5, 14, 7, "mist", "white", "fog")
    for i in range(4):
        vline(s, 3 + i * 3, 6, 5, "steel")
    vline(s, 8, 12, 4, "steel")


def cable_on(base):
    def paint(s):
        base(s)
        pygame.draw.line(s, C("ink"), (0, 9), (15, 7))
        pygame.draw.line(s, C("violet"), (0, 8), (15, 6))
        px(s, 6, 7, "violet_light")
    return paint


def floor_guide(s):
    floor_clinic(s)
    s.fill(C("teal"), (0, 7, 16, 2))
    hline(s, 0, 7, 16, "cyan")


def floor_guide_v(s):
    floor_clinic(s)
    s.fill(C("teal"), (7, 0, 2, 16))
    vline(s, 7, 0, 16, "cyan")


def big_screen(s):  # 8x2, the screen behind the podium
    f = frame_of(s)
    wall_hall_2 = pygame.Surface((16, 16))
    for x in range(0, 128, 16):
        wall_hall(wall_hall_2)
        s.blit(wall_hall_2, (x, 16))
        s.fill(C("night"), (x, 0, 16, 16))
    box(s, 2, 1, 124, 28, "night", "slate", "ink")
    box(s, 4, 3, 120, 22, "navy", "violet_dark", "teal_dark")
    # "THE FUTURE OF DENTISTRY" as bars of light, and a tooth with a question mark
    pygame.draw.rect(s, C("enamel"), (14, 8, 12, 10))
    pygame.draw.rect(s, C("enamel"), (15, 18, 4, 4))
    pygame.draw.rect(s, C("enamel"), (21, 18, 4, 4))
    for i, w in enumerate((56, 44, 64)):
        hline(s, 36, 8 + i * 5, w, "cyan_light" if (i + f) % 2 else "cyan")
        hline(s, 36, 9 + i * 5, w, "teal")
    px(s, 110 + f, 8, "magenta")
    hline(s, 4, 25, 120, "ink")


def curtain(s):  # 1x2 stage curtain
    s.fill(C("violet_dark"))
    for x in (2, 6, 10, 14):
        vline(s, x, 0, 32, "violet")
    vline(s, 0, 0, 32, "violet_light")
    hline(s, 0, 0, 16, "brass")
    hline(s, 0, 31, 16, "ink")


def wall_hall_upper(s):
    s.fill(C("night"))
    hline(s, 0, 0, 16, "ink")
    hline(s, 0, 1, 16, "slate")
    dither(s, 0, 4, 16, 12, "navy", 7)


def stage_lit(s):
    s.fill(C("wood_light"))
    for y in (4, 9, 14):
        hline(s, 0, y, 16, "wood")
    dither(s, 0, 0, 16, 16, "cream", 4)


def hazard(s):
    floor_plate(s)
    for x in range(-16, 16, 6):
        pygame.draw.polygon(s, C("amber"), [(x, 16), (x + 3, 16), (x + 19, 0), (x + 16, 0)])
    hline(s, 0, 0, 16, "ink")
    hline(s, 0, 15, 16, "ink")


def metal_shelf(s):  # 1x2
    box(s, 1, 1, 14, 30, "steel", "fog", "slate")
    for y in (3, 12, 21):
        box(s, 2, y, 12, 8, "slate", "night")
    box(s, 3, 5, 5, 6, "wood_light", "cream", "wood")
    box(s, 9, 7, 4, 4, "orange", "amber", "wood_dark")
    box(s, 3, 15, 4, 5, "mist", "white", "fog")
    hline(s, 3, 17, 4, "cyan")
    box(s, 8, 14, 5, 6, "teal", "cyan", "teal_dark")
    box(s, 3, 24, 10, 6, "wood_light", "cream", "wood")


def tv_wall(s):
    wall_clinic(s)
    f = frame_of(s)
    box(s, 1, 1, 14, 10, "night", "slate", "ink")
    box(s, 2, 2, 12, 7, "teal_dark", "teal")
    pygame.draw.circle(s, C("enamel"), (5 + f, 5), 2)
    hline(s, 9, 4, 4, "cyan_light")
    hline(s, 9, 6, 3 + f % 2, "cyan")


def xray_wall(s):
    wall_clinic(s)
    box(s, 2, 2, 12, 8, "mist", "white", "fog")
    box(s, 3, 3, 10, 6, "navy")
    for x in (4, 6, 8, 10):
        box(s, x, 4, 1, 3, "enamel")
    hline(s, 4, 6, 7, "mist")


def vent(s):
    floor_server(s)
    f = frame_of(s)
    box(s, 2, 3, 12, 10, "navy", "slate", "ink")
    for y in (5, 7, 9, 11):
        hline(s, 3, y, 10, "violet" if (y // 2 + f) % 2 else "violet_dark")


def diploma(s):
    wall_wood(s)
    box(s, 3, 2, 10, 8, "brass", "yellow", "wood_dark")
    box(s, 4, 3, 8, 6, "cream")
    hline(s, 5, 5, 6, "steel")
    px(s, 10, 7, "red")


def drone(s):
    pygame.draw.ellipse(s, C("slate"), (2, 6, 12, 8))
    pygame.draw.ellipse(s, C("steel"), (3, 6, 10, 6))
    box(s, 6, 7, 4, 2, "cyan_light")
    for x in (1, 13):
        box(s, x, 4, 3, 2, "fog")


def stool(s):
    pygame.draw.ellipse(s, C("teal"), (3, 3, 10, 6))
    pygame.draw.ellipse(s, C("cyan"), (4, 3, 7, 3))
    vline(s, 8, 9, 4, "steel")
    hline(s, 5, 13, 7, "steel")


def banner_hall(s):
    wall_hall(s)
    box(s, 4, 1, 8, 12, "violet", "violet_light", "violet_dark")
    pygame.draw.polygon(s, C("violet_dark"), [(4, 13), (8, 10), (12, 13)])
    box(s, 6, 4, 4, 4, "cyan")


def exit_sign(s):
    wall_hall(s)
    box(s, 3, 3, 10, 5, "green", "leaf_light", "leaf_dark")
    hline(s, 5, 5, 6, "white")


def floor_glow(s):
    floor_server(s)
    dither(s, 0, 0, 16, 16, "violet_dark", 2)


def bin_small(s):
    box(s, 4, 6, 8, 9, "mist", "white", "fog")
    hline(s, 4, 8, 8, "teal")


def tripod(s):  # 1x2 camera on a tripod (the debate is filmed)
    box(s, 3, 4, 10, 7, "night", "slate", "ink")
    box(s, 12, 6, 3, 3, "slate")
    px(s, 6, 6, "red")
    pygame.draw.line(s, C("steel"), (8, 11), (3, 30))
    pygame.draw.line(s, C("steel"), (8, 11), (13, 30))
    vline(s, 8, 11, 19, "fog")


INTERIOR: list[Piece] = [
    Piece("floor_clinic", 1, 1, floor_clinic),
    Piece("floor_clinic_b", 1, 1, floor_clinic_b),
    Piece("carpet_teal", 1, 1, carpet_teal),
    Piece("floor_wood", 1, 1, floor_wood),
    Piece("floor_plate", 1, 1, floor_plate),
    Piece("floor_server", 1, 1, floor_server),
    Piece("floor_hall", 1, 1, floor_hall),
    Piece("floor_stage", 1, 1, floor_stage),
    Piece("stage_edge", 1, 1, stage_edge, SOLID),
    Piece("carpet_red", 1, 1, carpet_red),
    Piece("doormat", 1, 1, doormat),
    Piece("threshold", 1, 1, threshold),
    Piece("door_frame", 1, 1, door_frame),
    Piece("wall_top", 1, 1, wall_top, SOLID),
    Piece("wall_clinic", 1, 1, wall_clinic, SOLID),
    Piece("wall_workshop", 1, 1, wall_workshop, SOLID),
    Piece("wall_server", 1, 1, wall_server, SOLID),
    Piece("wall_hall", 1, 1, wall_hall, SOLID),
    Piece("wall_wood", 1, 1, wall_wood, SOLID),
    Piece("window_clinic", 1, 1, window(wall_clinic), SOLID),
    Piece("window_wood", 1, 1, window(wall_wood), SOLID),
    Piece("light_strip", 1, 1, light_strip, SOLID, frames=4, frame_ms=250),
    Piece("poster", 1, 1, poster, SOLID),
    Piece("clock", 1, 1, clock, SOLID),
    Piece("pegboard", 1, 1, pegboard, SOLID),
    Piece("screen_wall", 1, 1, screen_wall, SOLID, frames=4, frame_ms=300),
    Piece("reception_desk", 3, 2, reception_desk, SOLID, outlined=True),
    Piece("chair_waiting", 1, 1, chair_waiting, SOLID, outlined=True),
    Piece("sofa", 2, 1, sofa, SOLID, outlined=True),
    Piece("plant", 1, 2, plant, BASE(2), outlined=True),
    Piece("water_cooler", 1, 2, water_cooler, BASE(2), outlined=True),
    Piece("nanobot_chair", 2, 3, nanobot_chair, lambda c, r: r >= 1, outlined=True, frames=2, frame_ms=500),
    Piece("console", 1, 2, console, BASE(2), outlined=True, frames=4, frame_ms=220),
    Piece("cabinet", 1, 1, cabinet, SOLID, outlined=True),
    Piece("desk_wood", 3, 2, desk_wood, SOLID, outlined=True),
    Piece("bookshelf", 1, 2, bookshelf, BASE(2), outlined=True),
    Piece("office_chair", 1, 1, office_chair, SOLID, outlined=True),
    Piece("workbench", 3, 2, workbench, SOLID, outlined=True),
    Piece("crate", 1, 1, crate, SOLID, outlined=True),
    Piece("robot_arm", 1, 2, robot_arm, BASE(2), outlined=True),
    Piece("server_rack", 1, 2, server_rack, SOLID, outlined=True, frames=4, frame_ms=180),
    Piece("spectra_console", 2, 2, spectra_console, SOLID, outlined=True, frames=2, frame_ms=600),
    Piece("cable", 1, 1, cable),
    Piece("seat_row", 1, 1, seat_row, SOLID, outlined=True),
    Piece("podium", 1, 2, podium, BASE(2), outlined=True),
    Piece("spotlight", 1, 1, spotlight, SOLID, outlined=True),
    Piece("old_chair", 2, 2, old_chair, BASE(2), outlined=True),
    Piece("rug", 2, 2, rug),
    Piece("side_table", 1, 1, side_table, SOLID, outlined=True),
    Piece("instruments", 1, 1, instruments, SOLID, outlined=True),
    # added later: new tiles go at the end so existing ids (and maps) stay valid
    Piece("cable_server", 1, 1, cable_on(floor_server)),
    Piece("cable_plate", 1, 1, cable_on(floor_plate)),
    Piece("floor_guide", 1, 1, floor_guide),
    Piece("hazard", 1, 1, hazard),
    Piece("metal_shelf", 1, 2, metal_shelf, BASE(2), outlined=True),
    Piece("tv_wall", 1, 1, tv_wall, SOLID, frames=3, frame_ms=400),
    Piece("xray_wall", 1, 1, xray_wall, SOLID),
    Piece("vent", 1, 1, vent, frames=2, frame_ms=500),
    Piece("diploma", 1, 1, diploma, SOLID),
    Piece("drone", 1, 1, drone, SOLID, outlined=True),
    Piece("stool", 1, 1, stool, SOLID, outlined=True),
    Piece("banner_hall", 1, 1, banner_hall, SOLID),
    Piece("exit_sign", 1, 1, exit_sign, SOLID),
    Piece("floor_glow", 1, 1, floor_glow),
    Piece("bin_small", 1, 1, bin_small, SOLID, outlined=True),
    Piece("tripod", 1, 2, tripod, BASE(2), outlined=True),
    Piece("floor_guide_v", 1, 1, floor_guide_v),
    Piece("big_screen", 8, 2, big_screen, SOLID, frames=2, frame_ms=700),
    Piece("curtain", 1, 2, curtain, SOLID),
    Piece("stage_lit", 1, 1, stage_lit),
    Piece("wall_hall_upper", 1, 1, wall_hall_upper, SOLID),
    Piece("door_frame_l", 1, 1, door_frame_side(True, False)),
    Piece("door_frame_r", 1, 1, door_frame_side(False, True)),
    Piece("door_lintel", 1, 1, door_frame_side(False, False)),
]


# exterior ------------------------------------------------------------------------------------------------
def pavement(s):
    s.fill(C("fog"))
    hline(s, 0, 15, 16, "steel")
    vline(s, 15, 0, 16, "steel")
    hline(s, 0, 0, 15, "mist")
    px(s, 5, 9, "steel")


def road(s):
    s.fill(C("slate"))
    dither(s, 0, 0, 16, 16, "steel", 7)


def road_line(s):
    road(s)
    s.fill(C("cream"), (2, 7, 8, 2))


def crossing(s):
    road(s)
    s.fill(C("white"), (0, 2, 16, 4))
    s.fill(C("white"), (0, 10, 16, 4))


def curb(s):
    road(s)
    s.fill(C("mist"), (0, 0, 16, 4))
    hline(s, 0, 4, 16, "ink")


def grass(s):
    s.fill(C("leaf"))
    dither(s, 0, 0, 16, 16, "leaf_dark", 5)
    for x, y in ((3, 4), (10, 11), (12, 3)):
        px(s, x, y, "leaf_light")


def facade(base: str, light: str, trim: str):
    def paint(s):
        s.fill(C(base))
        hline(s, 0, 0, 16, light)
        hline(s, 0, 15, 16, trim)
        dither(s, 0, 1, 16, 14, light, 9)
    return paint


facade_clinic = facade("paper", "white", "teal")
facade_brick = facade("wood", "wood_light", "wood_dark")
facade_shop = facade("steel", "fog", "slate")


def roof(s):
    s.fill(C("slate"))
    for y in (3, 7, 11, 15):
        hline(s, 0, y, 16, "navy")
    hline(s, 0, 0, 16, "steel")


def glass_front(s):
    facade_clinic(s)
    box(s, 1, 1, 14, 15, "teal", "cyan_light", "teal_dark")
    dither(s, 3, 3, 5, 5, "cyan", 3)
    vline(s, 8, 1, 15, "paper")


def window_warm(s):
    facade_brick(s)
    box(s, 3, 2, 10, 11, "amber", "cream", "wood_dark")
    vline(s, 8, 2, 11, "wood_dark")
    hline(s, 3, 7, 10, "wood_dark")
    hline(s, 2, 13, 12, "cream")


def shop_window(s):
    facade_shop(s)
    box(s, 1, 3, 14, 12, "navy", "fog", "ink")
    box(s, 3, 9, 4, 5, "amber")
    box(s, 9, 7, 4, 7, "rose")


def neon_sign(s):  # 4x1, the NeoSmiles sign
    f = frame_of(s)
    box(s, 0, 1, 64, 14, "night", "slate", "ink")
    on = "cyan_light" if f % 3 else "cyan"
    # a tooth and the word NEOSMILES drawn with lines
    pygame.draw.rect(s, C(on), (4, 4, 7, 6), 1)
    px(s, 5, 10, on)
    px(s, 9, 10, on)
    x = 15
    glyphs = {
        "N": [(0, 0, 0, 6), (0, 0, 3, 6), (3, 0, 3, 6)],
        "E": [(0, 0, 0, 6), (0, 0, 3, 0), (0, 3, 2, 3), (0, 6, 3, 6)],
        "O": [(0, 0, 3, 0), (0, 6, 3, 6), (0, 0, 0, 6), (3, 0, 3, 6)],
        "S": [(0, 0, 3, 0), (0, 0, 0, 3), (0, 3, 3, 3), (3, 3, 3, 6), (0, 6, 3, 6)],
        "M": [(0, 0, 0, 6), (4, 0, 4, 6), (0, 0, 2, 3), (2, 3, 4, 0)],
        "I": [(1, 0, 1, 6)],
        "L": [(0, 0, 0, 6), (0, 6, 3, 6)],
    }
    for ch in "NEOSMILES":
        for x0, y0, x1, y1 in glyphs[ch]:
            pygame.draw.line(s, C("magenta" if ch in "SMILES" and f == 2 else on), (x + x0, 4 + y0), (x + x1, 4 + y1))
        x += 3 if ch == "I" else (6 if ch == "M" else 5)


def kwan_sign(s):  # 3x1 brass plate
    box(s, 1, 3, 46, 11, "wood_dark", "wood", "ink")
    box(s, 3, 5, 42, 7, "brass", "yellow", "wood")
    for i in range(9):
        vline(s, 6 + i * 4, 6, 5, "wood_dark")
        px(s, 7 + i * 4, 6, "wood_dark")


def door_glass(s):  # 1x2 open door in a facade
    facade_clinic(s)
    box(s, 1, 2, 14, 30, "teal_dark", "cyan", "night")
    vline(s, 8, 2, 30, "paper")
    hline(s, 1, 31, 14, "mist")


def door_wood(s):  # 1x2
    s.fill(C("wood"))
    box(s, 1, 2, 14, 30, "wood_dark", "wood_light", "ink")
    box(s, 3, 5, 10, 10, "wood", "wood_light", "wood_dark")
    px(s, 11, 20, "brass")


def tree(s):  # 2x3
    box(s, 13, 30, 6, 16, "wood", "wood_light", "wood_dark")
    for cx, cy, r, c in ((16, 18, 14, "leaf_dark"), (11, 14, 9, "leaf"), (21, 12, 9, "leaf"), (16, 7, 7, "leaf"),
                         (10, 10, 3, "leaf_light"), (15, 4, 3, "leaf_light")):
        pygame.draw.circle(s, C(c), (cx, cy), r)
    pygame.draw.ellipse(s, C("leaf_dark"), (8, 42, 16, 5))


def lamp(s):  # 1x3
    box(s, 6, 40, 4, 6, "slate", "steel", "night")
    box(s, 7, 6, 2, 36, "steel", "fog", "slate")
    box(s, 3, 2, 10, 5, "night", "slate", "ink")
    hline(s, 4, 7, 8, "yellow")


def bench(s):  # 2x1
    box(s, 1, 2, 30, 4, "wood_light", "cream", "wood")
    box(s, 1, 7, 30, 5, "wood", "wood_light", "wood_dark")
    vline(s, 3, 12, 4, "night")
    vline(s, 28, 12, 4, "night")


def bin_(s):
    box(s, 3, 3, 10, 12, "leaf_dark", "leaf", "night")
    hline(s, 3, 5, 10, "ink")


def planter(s):
    box(s, 0, 6, 16, 10, "steel", "fog", "slate")
    for cx, r, c in ((4, 4, "leaf"), (10, 5, "leaf_dark"), (8, 3, "leaf_light")):
        pygame.draw.circle(s, C(c), (cx, 6), r)


def fountain(s):  # 2x2, animated water
    f = frame_of(s)
    pygame.draw.ellipse(s, C("fog"), (0, 8, 32, 22))
    pygame.draw.ellipse(s, C("steel"), (0, 8, 32, 22), 2)
    pygame.draw.ellipse(s, C("teal"), (4, 12, 24, 14))
    for i in range(3):
        px(s, 8 + ((i * 7 + f * 3) % 16), 16 + (i * 3) % 7, "cyan_light")
    box(s, 14, 2, 4, 14, "mist", "white", "fog")
    px(s, 15, 1 + f % 2, "cyan_light")


def hedge(s):
    box(s, 0, 2, 16, 14, "leaf_dark", "leaf", "night")
    dither(s, 1, 3, 14, 10, "leaf", 4)


def signpost(s):  # 1x2, "to the Civic Hall" with an arrow
    box(s, 7, 12, 2, 19, "steel", "fog", "slate")
    box(s, 1, 2, 14, 10, "teal_dark", "teal", "ink")
    hline(s, 3, 5, 6, "white")
    hline(s, 3, 8, 4, "white")
    pygame.draw.polygon(s, C("cyan_light"), [(10, 4), (13, 7), (10, 10)])
    box(s, 5, 30, 6, 2, "slate")


EXTERIOR: list[Piece] = [
    Piece("pavement", 1, 1, pavement),
    Piece("road", 1, 1, road),
    Piece("road_line", 1, 1, road_line),
    Piece("crossing", 1, 1, crossing),
    Piece("curb", 1, 1, curb),
    Piece("grass", 1, 1, grass),
    Piece("facade_clinic", 1, 1, facade_clinic, SOLID),
    Piece("facade_brick", 1, 1, facade_brick, SOLID),
    Piece("facade_shop", 1, 1, facade_shop, SOLID),
    Piece("roof", 1, 1, roof, SOLID),
    Piece("glass_front", 1, 1, glass_front, SOLID),
    Piece("window_warm", 1, 1, window_warm, SOLID),
    Piece("shop_window", 1, 1, shop_window, SOLID),
    Piece("neon_sign", 4, 1, neon_sign, SOLID, outlined=True, frames=3, frame_ms=400),
    Piece("kwan_sign", 3, 1, kwan_sign, SOLID, outlined=True),
    Piece("door_glass", 1, 2, door_glass),
    Piece("door_wood", 1, 2, door_wood),
    Piece("tree", 2, 3, tree, lambda c, r: r == 2, outlined=True),
    Piece("lamp", 1, 3, lamp, lambda c, r: r == 2, outlined=True),
    Piece("bench", 2, 1, bench, SOLID, outlined=True),
    Piece("bin", 1, 1, bin_, SOLID, outlined=True),
    Piece("planter", 1, 1, planter, SOLID, outlined=True),
    Piece("fountain", 2, 2, fountain, SOLID, outlined=True, frames=4, frame_ms=200),
    Piece("hedge", 1, 1, hedge, SOLID, outlined=True),
    Piece("signpost", 1, 2, signpost, BASE(2), outlined=True),
]


# -- sheets ----------------------------------------------------------------------------------------------
class _Frame(pygame.Surface):
    pass


def paint_piece(piece: Piece, frame: int) -> pygame.Surface:
    surf = _Frame((piece.w * T, piece.h * T), pygame.SRCALPHA)
    surf._frame = frame
    piece.paint(surf)
    plain = pygame.Surface(surf.get_size(), pygame.SRCALPHA)
    plain.blit(surf, (0, 0))
    return outline(plain) if piece.outlined else plain


@dataclass
class Sheet:
    name: str
    ids: dict[str, int]  # "name" for 1x1, "name.c.r" for bigger pieces (frame 0)
    image: pygame.Surface
    props: dict[int, dict[str, object]]
    animations: dict[int, list[tuple[int, int]]]


def build_sheet(name: str, pieces: list[Piece]) -> Sheet:
    cells: list[tuple[str, pygame.Surface, dict]] = []
    ids: dict[str, int] = {}
    anims: dict[int, list[tuple[int, int]]] = {}
    for piece in pieces:
        frames = [paint_piece(piece, f) for f in range(piece.frames)]
        for r in range(piece.h):
            for c in range(piece.w):
                key = piece.name if piece.w == piece.h == 1 else f"{piece.name}.{c}.{r}"
                props: dict[str, object] = {}
                if piece.solid(c, r):
                    props["solid"] = True
                if piece.sort_base and r < piece.h - 1 and piece.outlined:
                    props["sort_offset"] = piece.h - 1 - r
                first = len(cells)
                ids[key] = first
                for f, surf in enumerate(frames):
                    tile = pygame.Surface((T, T), pygame.SRCALPHA)
                    tile.blit(surf, (0, 0), (c * T, r * T, T, T))
                    cells.append((key if f == 0 else f"{key}~{f}", tile, props if f == 0 else dict(props)))
                if piece.frames > 1:
                    anims[first] = [(first + f, piece.frame_ms) for f in range(piece.frames)]
    rows = (len(cells) + COLUMNS - 1) // COLUMNS
    image = pygame.Surface((COLUMNS * T, rows * T), pygame.SRCALPHA)
    props_by_id: dict[int, dict[str, object]] = {}
    for i, (_, tile, props) in enumerate(cells):
        image.blit(tile, ((i % COLUMNS) * T, (i // COLUMNS) * T))
        if props:
            props_by_id[i] = props
    return Sheet(name, ids, image, props_by_id, anims)


def tsx_text(sheet: Sheet) -> str:
    w, h = sheet.image.get_size()
    count = (w // T) * (h // T)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<tileset version="1.8" tiledversion="1.8.2" name="{sheet.name}" tilewidth="{T}" tileheight="{T}" '
             f'tilecount="{count}" columns="{COLUMNS}">',
             f' <image source="{sheet.name}.png" width="{w}" height="{h}"/>']
    for tid in sorted(set(sheet.props) | set(sheet.animations)):
        lines.append(f' <tile id="{tid}">')
        props = sheet.props.get(tid)
        if props:
            lines.append("  <properties>")
            for key in sorted(props):
                value = props[key]
                if isinstance(value, bool):
                    lines.append(f'   <property name="{key}" type="bool" value="{str(value).lower()}"/>')
                else:
                    lines.append(f'   <property name="{key}" type="int" value="{value}"/>')
            lines.append("  </properties>")
        frames = sheet.animations.get(tid)
        if frames:
            lines.append("  <animation>")
            for frame_id, ms in frames:
                lines.append(f'   <frame tileid="{frame_id}" duration="{ms}"/>')
            lines.append("  </animation>")
        lines.append(" </tile>")
    lines.append("</tileset>")
    return "\n".join(lines) + "\n"


def sheets() -> list[Sheet]:
    return [build_sheet("interior", INTERIOR), build_sheet("exterior", EXTERIOR)]


def main() -> None:
    out = ROOT / "assets" / "tilesets"
    out.mkdir(parents=True, exist_ok=True)
    for sheet in sheets():
        pygame.image.save(sheet.image, str(out / f"{sheet.name}.png"))
        (out / f"{sheet.name}.tsx").write_text(tsx_text(sheet))
        print(f"wrote {out / sheet.name}.png ({len(sheet.ids)} named tiles) and {sheet.name}.tsx")


if __name__ == "__main__":
    main()
