"""Write the first versions of the maps in ``levels/`` (deterministic).

    .venv/bin/python tools/make_maps.py [--force]

This made the clinic, the street and the debate hall once, as plain Tiled 1.8 files (CSV layers,
external tilesets, objects with ``type``). From then on the ``.tmx`` files are the source of truth and
are edited in Tiled; this script refuses to overwrite them unless given ``--force``. Layers: ``floor``
and ``walls`` (ground), ``furniture`` (y-sorted with the characters), ``above`` (over everyone), and
one object layer ``objects`` in the vocabulary of ``levels/README.md``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from make_tiles import EXTERIOR, INTERIOR, build_sheet  # noqa: E402

T = 16


class MapBuilder:
    def __init__(self, name: str, width: int, height: int) -> None:
        self.name, self.w, self.h = name, width, height
        self.inside = build_sheet("interior", INTERIOR)
        self.outside = build_sheet("exterior", EXTERIOR)
        inside_count = (self.inside.image.get_width() // T) * (self.inside.image.get_height() // T)
        # numbered the way Tiled numbers them when it saves (it renumbers when a tileset grows)
        self.first = {"interior": 1, "exterior": 1 + inside_count}
        self.layers = {name: [[0] * width for _ in range(height)] for name in ("floor", "walls", "furniture", "above")}
        self.objects: list[dict] = []
        self.props: dict[str, str] = {}

    def gid(self, key: str) -> int:
        if key in self.inside.ids:
            return self.first["interior"] + self.inside.ids[key]
        return self.first["exterior"] + self.outside.ids[key]

    def set(self, layer: str, x: int, y: int, key: str | None) -> None:
        if 0 <= x < self.w and 0 <= y < self.h:
            self.layers[layer][y][x] = self.gid(key) if key else 0

    def fill(self, layer: str, x0: int, y0: int, x1: int, y1: int, key: str | None) -> None:
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                self.set(layer, x, y, key)

    def piece(self, name: str, x: int, y: int, w: int, h: int, layer: str = "furniture") -> None:
        for r in range(h):
            for c in range(w):
                self.set(layer, x + c, y + r, name if w == h == 1 else f"{name}.{c}.{r}")

    def room(self, x0: int, y0: int, x1: int, y1: int, floor: str, face: str) -> None:
        """Interior x0..x1, y0..y1: the top row is the wall face, the rest floor; walls around stay caps."""
        self.fill("walls", x0, y0, x1, y1, None)
        self.fill("walls", x0, y0, x1, y0, face)
        self.fill("floor", x0, y0 + 1, x1, y1, floor)

    def opening(self, x0: int, x1: int, rows: list[int], frame: bool = True) -> None:
        for y in rows:
            self.fill("walls", x0, y, x1, y, None)
            self.fill("floor", x0, y, x1, y, "threshold")
        if frame:
            for x in range(x0, x1 + 1):
                key = "door_frame" if x0 == x1 else "door_frame_l" if x == x0 else "door_frame_r" if x == x1 \
                    else "door_lintel"
                self.set("above", x, rows[0], key)

    def obj(self, kind: str, name: str, x: int, y: int, w: int = 0, h: int = 0, point: bool = False,
            polyline: list[tuple[int, int]] | None = None, **props) -> None:
        self.objects.append({"kind": kind, "name": name, "x": x, "y": y, "w": w, "h": h, "point": point,
                             "polyline": polyline, "props": props})

    def path(self, name: str, tiles: list[tuple[int, int]]) -> None:
        """A polyline through the feet points of tiles, for an npc's ``wander``."""
        x0, y0 = tiles[0][0] * T + 8, tiles[0][1] * T + 14
        self.obj("path", name, x0, y0, polyline=[(tx * T + 8 - x0, ty * T + 14 - y0) for tx, ty in tiles])

    def spawn(self, name: str, tx: int, ty: int) -> None:
        self.obj("spawn", name, tx * T + 8, ty * T + 14, point=True)

    def npc(self, name: str, tx: int, ty: int, who: str, dialogue: str, facing: str = "down",
            wander: str | None = None) -> None:
        props = {"who": who, "dialogue": dialogue, "facing": facing}
        if wander:
            props["wander"] = wander
        self.obj("npc", name, tx * T + 8, ty * T + 14, point=True, **props)

    def area(self, kind: str, name: str, tx: int, ty: int, tw: int, th: int, **props) -> None:
        self.obj(kind, name, tx * T, ty * T, tw * T, th * T, **props)

    # -- writing ---------------------------------------------------------------------------------------
    def tmx(self) -> str:
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               f'<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down" '
               f'width="{self.w}" height="{self.h}" tilewidth="{T}" tileheight="{T}" infinite="0" '
               f'nextlayerid="6" nextobjectid="{len(self.objects) + 1}">']
        if self.props:
            out.append(" <properties>")
            for key, value in self.props.items():
                out.append(f'  <property name="{key}" value={quoteattr(value)}/>')
            out.append(" </properties>")
        out.append(f' <tileset firstgid="{self.first["interior"]}" source="../assets/tilesets/interior.tsx"/>')
        out.append(f' <tileset firstgid="{self.first["exterior"]}" source="../assets/tilesets/exterior.tsx"/>')
        for i, name in enumerate(("floor", "walls", "furniture", "above"), start=1):
            out.append(f' <layer id="{i}" name="{name}" width="{self.w}" height="{self.h}">')
            out.append('  <data encoding="csv">')
            rows = self.layers[name]
            lines = [",".join(str(g) for g in row) for row in rows]
            out.append(",\n".join(lines))
            out.append("</data>")
            out.append(" </layer>")
        out.append(' <objectgroup id="5" name="objects">')
        for i, o in enumerate(self.objects, start=1):
            size = "" if o["point"] or o["polyline"] else f' width="{o["w"]}" height="{o["h"]}"'
            out.append(f'  <object id="{i}" name={quoteattr(o["name"])} type="{o["kind"]}" x="{o["x"]}" '
                       f'y="{o["y"]}"{size}>')
            if o["props"]:
                out.append("   <properties>")
                for key, value in o["props"].items():
                    if isinstance(value, bool):
                        out.append(f'    <property name="{key}" type="bool" value="{str(value).lower()}"/>')
                    else:
                        out.append(f'    <property name="{key}" value={quoteattr(str(value))}/>')
                out.append("   </properties>")
            if o["point"]:
                out.append("   <point/>")
            if o["polyline"]:
                points = " ".join(f"{x},{y}" for x, y in o["polyline"])
                out.append(f'   <polyline points="{points}"/>')
            out.append("  </object>")
        out.append(" </objectgroup>")
        out.append("</map>")
        return "\n".join(out) + "\n"


def clinic() -> MapBuilder:
    m = MapBuilder("clinic", 48, 32)
    m.props = {"title": "NeoSmiles clinic", "music": "clinic"}
    m.fill("walls", 0, 0, 47, 31, "wall_top")
    # rooms: top band, corridor, bottom band
    m.room(1, 1, 12, 12, "floor_wood", "wall_wood")  # Lena's office
    m.room(14, 1, 24, 12, "floor_clinic_b", "wall_clinic")  # treatment room 1
    m.room(26, 1, 36, 12, "floor_clinic_b", "wall_clinic")  # treatment room 2
    m.room(38, 1, 46, 12, "floor_server", "wall_server")  # SPECTRA's server room
    m.room(1, 14, 46, 17, "floor_clinic", "wall_clinic")  # corridor
    m.room(1, 19, 28, 30, "floor_clinic", "wall_clinic")  # reception and waiting room
    m.room(30, 19, 46, 30, "floor_plate", "wall_workshop")  # Malik's workshop
    for x0 in (6, 19, 31, 42):
        m.opening(x0, x0 + 1, [13, 14])
    for x0 in (8, 21, 38):
        m.opening(x0, x0 + 1, [18, 19])
    # the entrance at the bottom of the reception
    m.fill("walls", 13, 31, 14, 31, None)
    m.fill("floor", 13, 30, 14, 31, "doormat")

    # wall decorations
    for x in (2, 3, 9, 10):
        m.set("walls", x, 1, "window_wood")
    for x in (15, 23, 27, 35):
        m.set("walls", x, 1, "light_strip")
    for x in (17, 29):
        m.set("walls", x, 1, "window_clinic")
    for x in (39, 41, 45):
        m.set("walls", x, 1, "wall_server")
    for x in (3, 11, 16, 26, 34, 40):
        m.set("walls", x, 14, "light_strip")
    for x in (13, 29, 37):
        m.set("walls", x, 14, "poster")
    m.set("walls", 23, 14, "clock")
    for x in (2, 3, 4, 24, 25, 26):
        m.set("walls", x, 19, "window_clinic")
    for x in (6, 12, 17, 27):
        m.set("walls", x, 19, "light_strip")
    m.set("walls", 15, 19, "clock")
    m.set("walls", 19, 19, "poster")
    for x in (32, 33, 35, 41, 42):
        m.set("walls", x, 19, "pegboard")

    # Lena's office
    m.piece("bookshelf", 1, 2, 1, 2)
    m.piece("bookshelf", 4, 2, 1, 2)
    m.piece("bookshelf", 5, 2, 1, 2)
    m.piece("plant", 12, 2, 1, 2)
    m.piece("desk_wood", 5, 6, 3, 2)
    m.piece("office_chair", 6, 8, 1, 1)
    m.piece("rug", 8, 9, 2, 2, layer="floor")
    m.piece("side_table", 3, 11, 1, 1)
    m.piece("sofa", 1, 11, 2, 1)
    m.piece("plant", 11, 10, 1, 2)
    m.piece("cabinet", 12, 5, 1, 1)
    m.piece("cabinet", 12, 6, 1, 1)
    m.piece("bin_small", 8, 7, 1, 1)
    m.piece("water_cooler", 12, 7, 1, 2)
    for x in (7, 8):
        m.set("walls", x, 1, "diploma")
    m.area("machine", "office_letter", 5, 6, 3, 2, dialogue="office_letter", prompt="Read the letter")

    # treatment rooms
    for n, x0 in ((1, 14), (2, 26)):
        m.piece("cabinet", x0 + 1, 2, 1, 1)
        m.piece("cabinet", x0 + 2, 2, 1, 1)
        m.piece("cabinet", x0 + 3, 2, 1, 1)
        m.piece("nanobot_chair", x0 + 4, 4, 2, 3)
        m.piece("console", x0 + 7, 4, 1, 2)
        m.piece("instruments", x0 + 2, 6, 1, 1)
        m.piece("plant", x0 + 10, 2, 1, 2)
        m.piece("chair_waiting", x0 + 9, 9, 1, 1)
        m.piece("water_cooler", x0, 10, 1, 2)
        m.piece("stool", x0 + 3, 6, 1, 1)
        m.piece("stool", x0 + 6, 7, 1, 1)
        m.piece("console", x0 + 8, 4, 1, 2)
        m.piece("cabinet", x0, 4, 1, 1)
        m.piece("cabinet", x0, 5, 1, 1)
        m.piece("cabinet", x0, 6, 1, 1)
        m.piece("bin_small", x0 + 10, 11, 1, 1)
        m.piece("chair_waiting", x0 + 8, 9, 1, 1)
        m.fill("floor", x0 + 5, 9, x0 + 5, 12, "floor_guide_v")
        m.set("walls", x0 + 5, 1, "xray_wall")
        m.set("walls", x0 + 7, 1, "tv_wall")
        m.area("machine", f"nanobot_chair_{n}", x0 + 4, 5, 2, 2, dialogue=f"nanobot_chair_{n}",
               prompt="Nano-bot chair")

    # SPECTRA's server room
    for x in (38, 40, 44, 46):
        m.piece("server_rack", x, 2, 1, 2)
    for x in (38, 46):
        m.piece("server_rack", x, 6, 1, 2)
    m.piece("spectra_console", 41, 5, 2, 2)
    for x in range(39, 46):
        m.set("floor", x, 9, "cable_server")
    m.fill("floor", 40, 7, 43, 8, "floor_glow")
    for x, y in ((39, 5), (45, 5), (39, 11), (45, 11)):
        m.set("floor", x, y, "vent")
    m.piece("server_rack", 38, 10, 1, 2)
    m.piece("server_rack", 46, 10, 1, 2)
    m.area("machine", "spectra_console", 41, 5, 2, 2, dialogue="spectra_console", prompt="SPECTRA")
    m.area("trigger", "server_room_entry", 42, 11, 2, 2, set_flag="entered_server_room", once=True)

    # corridor
    for x in (1, 46):
        m.piece("plant", x, 15, 1, 2)
    m.piece("chair_waiting", 14, 15, 1, 1)
    m.piece("chair_waiting", 15, 15, 1, 1)
    m.piece("water_cooler", 28, 15, 1, 2)
    m.fill("floor", 1, 16, 46, 16, "floor_guide")
    m.piece("chair_waiting", 33, 15, 1, 1)
    m.piece("chair_waiting", 34, 15, 1, 1)
    m.piece("bin_small", 35, 15, 1, 1)
    m.set("walls", 8, 14, "tv_wall")
    m.set("walls", 44, 14, "tv_wall")

    # reception and waiting room
    m.fill("floor", 2, 22, 10, 29, "carpet_teal")
    m.piece("reception_desk", 16, 22, 3, 2)
    m.piece("office_chair", 17, 21, 1, 1)
    m.area("machine", "reception_desk", 16, 22, 3, 2, dialogue="reception_desk", prompt="Reception")
    for x in (2, 3, 4, 5, 7, 8, 9):
        m.piece("chair_waiting", x, 22, 1, 1)
    m.piece("sofa", 3, 27, 2, 1)
    m.piece("sofa", 7, 27, 2, 1)
    m.piece("side_table", 6, 27, 1, 1)
    for x, y in ((1, 20), (11, 20), (28, 20), (1, 28), (28, 28), (22, 20)):
        m.piece("plant", x, y, 1, 2)
    m.piece("water_cooler", 12, 20, 1, 2)
    m.fill("floor", 13, 24, 13, 29, "floor_guide_v")
    m.set("walls", 9, 19, "tv_wall")
    m.set("walls", 10, 19, "tv_wall")
    m.piece("side_table", 6, 23, 1, 1)
    m.piece("bin_small", 23, 22, 1, 1)
    m.piece("stool", 20, 22, 1, 1)
    m.piece("chair_waiting", 24, 26, 1, 1)
    m.piece("chair_waiting", 25, 26, 1, 1)
    m.piece("chair_waiting", 26, 26, 1, 1)

    # Malik's workshop
    m.piece("workbench", 32, 21, 3, 2)
    m.piece("workbench", 40, 21, 3, 2)
    m.piece("office_chair", 33, 23, 1, 1)
    m.piece("robot_arm", 36, 20, 1, 2)
    m.piece("robot_arm", 45, 20, 1, 2)
    for x, y in ((44, 28), (45, 28), (45, 27), (31, 29)):
        m.piece("crate", x, y, 1, 1)
    m.piece("console", 30, 25, 1, 2)
    for x in range(33, 40):
        m.set("floor", x, 26, "cable_plate")
    m.fill("floor", 39, 28, 43, 28, "hazard")
    m.piece("metal_shelf", 46, 23, 1, 2)
    m.piece("metal_shelf", 44, 23, 1, 2)
    m.piece("metal_shelf", 31, 21, 1, 2)
    m.piece("drone", 41, 26, 1, 1)
    m.piece("drone", 35, 28, 1, 1)
    m.piece("crate", 32, 29, 1, 1)
    m.piece("stool", 41, 23, 1, 1)
    m.area("machine", "workshop_bench", 32, 21, 3, 2, dialogue="workshop_bench", prompt="Workbench")

    # people and places
    m.spawn("start", 14, 27)
    m.spawn("from_street", 13, 29)
    m.spawn("reception", 19, 25)
    m.spawn("office", 6, 10)
    m.spawn("treatment_1", 19, 9)
    m.spawn("treatment_2", 31, 9)
    m.spawn("server_room", 42, 10)
    m.spawn("workshop", 38, 24)
    m.npc("malik", 20, 25, "malik", "malik_tour", "left")
    m.npc("jenna", 6, 24, "jenna", "jenna_arrival", "down")
    m.npc("patient_1", 3, 25, "patient_a", "patient_okafor_chat", "right")
    m.npc("patient_2", 8, 25, "patient_b", "patient_ines_chat", "down", wander="8,25 8,26 4,26 4,25")
    m.npc("patient_3", 25, 28, "patient_c", "patient_theo_chat", "up")
    m.area("door", "to_street", 13, 31, 2, 1, target_map="street", target_spawn="from_clinic")
    return m


def street() -> MapBuilder:
    m = MapBuilder("street", 50, 26)
    m.props = {"title": "Harbour Street", "music": "street"}
    # ground
    m.fill("floor", 0, 0, 49, 25, "pavement")
    m.fill("floor", 0, 16, 49, 16, "curb")
    m.fill("floor", 0, 17, 49, 21, "road")
    for x in range(1, 50, 3):
        m.set("floor", x, 19, "road_line")
    m.fill("floor", 22, 17, 23, 21, "crossing")
    m.fill("floor", 0, 23, 49, 25, "grass")
    # roofs and facades
    m.fill("walls", 0, 0, 27, 1, "roof")
    m.fill("walls", 0, 2, 17, 8, "facade_clinic")
    m.fill("walls", 18, 2, 27, 8, "facade_shop")
    for x in (2, 3, 4, 5, 12, 13, 14, 15):
        m.fill("walls", x, 6, x, 7, "glass_front")
    m.piece("neon_sign", 7, 4, 4, 1)
    m.piece("door_glass", 9, 7, 1, 2, layer="walls")
    for x in (19, 20, 21, 24, 25, 26):
        m.set("walls", x, 7, "shop_window")
    for x in (2, 3, 5, 6, 12, 13, 15, 16):  # the clinic's upper floor
        m.set("walls", x, 3, "glass_front")
    for x in (19, 21, 23, 25):
        m.set("walls", x, 3, "shop_window")
    for x in (1, 3, 5, 13, 15, 17):
        m.piece("planter", x, 9, 1, 1)
    # Simon Kwan's practice: a warm room seen from above, its brick front on the street
    m.fill("walls", 28, 0, 49, 12, "wall_top")
    m.room(29, 1, 48, 10, "floor_wood", "wall_wood")
    for x in (31, 32, 45, 46):
        m.set("walls", x, 1, "window_wood")
    m.fill("walls", 28, 11, 49, 12, "facade_brick")
    for x in (30, 31, 45, 46):
        m.set("walls", x, 11, "window_warm")
    m.piece("kwan_sign", 33, 11, 3, 1)
    m.opening(38, 39, [11, 12])
    m.piece("bookshelf", 29, 2, 1, 2)
    m.piece("bookshelf", 30, 2, 1, 2)
    m.piece("bookshelf", 33, 2, 1, 2)
    m.piece("bookshelf", 34, 2, 1, 2)
    for x in (36, 37, 39):
        m.set("walls", x, 1, "diploma")
    m.piece("instruments", 40, 6, 1, 1)
    m.piece("side_table", 44, 7, 1, 1)
    m.piece("office_chair", 38, 5, 1, 1)
    m.piece("desk_wood", 44, 8, 3, 2)
    m.piece("cabinet", 47, 2, 1, 1)
    m.piece("cabinet", 48, 2, 1, 1)
    m.piece("chair_waiting", 30, 6, 1, 1)
    m.piece("chair_waiting", 30, 7, 1, 1)
    m.piece("old_chair", 41, 4, 2, 2)
    m.piece("instruments", 43, 5, 1, 1)
    m.piece("cabinet", 44, 2, 1, 1)
    m.piece("cabinet", 43, 2, 1, 1)
    m.piece("rug", 33, 5, 2, 2, layer="floor")
    m.piece("side_table", 35, 8, 1, 1)
    m.piece("chair_waiting", 33, 8, 1, 1)
    m.piece("chair_waiting", 34, 8, 1, 1)
    m.piece("plant", 48, 8, 1, 2)
    m.piece("plant", 29, 8, 1, 2)
    m.area("machine", "simon_practice", 41, 4, 2, 2, dialogue="simon_practice", prompt="The old chair")
    # street furniture
    for x in (1, 16, 26):
        m.piece("tree", x, 11, 2, 3)
    for x in (6, 21, 31, 44):
        m.piece("lamp", x, 12, 1, 3)
    m.piece("bench", 11, 13, 2, 1)
    m.piece("bin", 14, 13, 1, 1)
    for x in (19, 20):
        m.piece("planter", x, 14, 1, 1)
    for x in list(range(0, 10)) + list(range(14, 34)) + list(range(38, 50)):
        m.piece("hedge", x, 23, 1, 1)
    m.piece("fountain", 11, 23, 2, 2)
    m.piece("tree", 4, 23, 2, 3)
    m.piece("tree", 42, 23, 2, 3)
    m.piece("bench", 35, 24, 2, 1)
    m.piece("signpost", 46, 14, 1, 2)
    # people and places
    m.spawn("start", 9, 10)
    m.spawn("from_clinic", 9, 10)
    m.spawn("from_hall", 47, 14)
    m.npc("simon", 36, 14, "simon", "simon_street", "left")
    m.npc("rowan", 15, 10, "rowan", "rowan_protest", "down")
    m.npc("passerby", 22, 15, "patient_d", "passerby_chat", "right", wander="22,15 29,15")
    m.area("door", "to_clinic", 9, 8, 1, 1, target_map="clinic", target_spawn="from_street")
    m.area("door", "to_hall", 49, 13, 1, 3, target_map="debate_hall", target_spawn="from_street")
    m.area("trigger", "street_arrival", 8, 9, 3, 3, set_flag="visited_street", once=True)
    m.obj("solid", "fountain_basin", 11 * T + 2, 23 * T + 9, 28, 18)
    return m


def debate_hall() -> MapBuilder:
    m = MapBuilder("debate_hall", 40, 30)
    m.props = {"title": "Civic Hall", "music": "debate"}
    m.fill("walls", 0, 0, 39, 29, "wall_top")
    m.room(1, 1, 38, 28, "floor_hall", "wall_hall")
    m.fill("walls", 1, 2, 38, 2, "wall_hall")  # a tall hall: the wall face is two tiles high
    m.fill("walls", 1, 1, 38, 1, "wall_hall_upper")
    m.piece("big_screen", 16, 1, 8, 2, layer="walls")
    for x in (8, 31):
        m.piece("curtain", x, 1, 1, 2, layer="walls")
    for x in (12, 27):
        m.set("walls", x, 2, "screen_wall")
    m.fill("floor", 8, 2, 31, 8, "floor_stage")
    for x, y in ((13, 6), (14, 6), (13, 7), (14, 7), (19, 6), (20, 6), (19, 7), (20, 7)):
        m.set("floor", x, y, "stage_lit")
    m.fill("walls", 8, 9, 31, 9, None)
    m.fill("furniture", 8, 9, 31, 9, None)
    for x in range(8, 32):
        if x not in (19, 20):
            m.set("floor", x, 9, "stage_edge")
    m.fill("floor", 19, 9, 20, 9, "floor_stage")
    m.piece("podium", 19, 4, 1, 2)
    m.piece("podium", 13, 5, 1, 2)
    m.piece("spotlight", 8, 8, 1, 1)
    m.piece("spotlight", 31, 8, 1, 1)
    m.piece("plant", 2, 3, 1, 2)
    m.piece("plant", 37, 3, 1, 2)
    for x in (3, 5, 34, 36):
        m.set("walls", x, 2, "banner_hall")
    for y in range(10, 28, 4):
        m.piece("plant", 1, y, 1, 2)
        m.piece("plant", 38, y, 1, 2)
    m.piece("tripod", 17, 23, 1, 2)
    m.piece("tripod", 23, 10, 1, 2)
    m.fill("floor", 2, 10, 3, 27, "carpet_red")
    m.fill("floor", 36, 10, 37, 27, "carpet_red")
    m.fill("floor", 18, 10, 21, 28, "carpet_red")
    for y in (12, 14, 16, 18, 20):
        m.fill("furniture", 4, y, 16, y, "seat_row")
        m.fill("furniture", 23, y, 35, y, "seat_row")
    m.area("machine", "debate_podium", 19, 4, 1, 2, dialogue="debate_podium", prompt="The podium")
    # the way out at the bottom
    m.fill("walls", 19, 29, 20, 29, None)
    m.fill("floor", 19, 28, 20, 29, "doormat")
    m.spawn("start", 19, 26)
    m.spawn("from_street", 19, 26)
    m.spawn("stage", 20, 6)
    m.npc("inspector", 25, 11, "inspector", "inspector_hall", "down")
    m.npc("audience_1", 3, 13, "patient_b", "audience_chat", "right")  # chatting in the side aisles
    m.npc("audience_2", 36, 17, "patient_c", "audience_chat", "left")
    m.npc("audience_3", 12, 21, "patient_a", "audience_chat", "up", wander="back_row_walk")
    m.path("back_row_walk", [(12, 21), (16, 21), (16, 23), (12, 23), (12, 21)])
    m.area("door", "to_street", 19, 29, 2, 1, target_map="street", target_spawn="from_hall")
    m.area("trigger", "hall_entry", 18, 24, 4, 3, set_flag="entered_hall", once=True)
    return m


def main() -> None:
    force = "--force" in sys.argv
    out = ROOT / "levels"
    out.mkdir(exist_ok=True)
    for build in (clinic, street, debate_hall):
        m = build()
        target = out / f"{m.name}.tmx"
        if target.exists() and not force:
            print(f"kept {target} (edit it in Tiled, or pass --force to regenerate)")
            continue
        target.write_text(m.tmx())
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
