"""Tiled maps as plain data: tile layers, tilesets, objects by kind, spawns and a solidity grid.

Reads the subset of TMX that NeoSmiles maps use (finite, orthogonal, CSV layers, external ``.tsx``
tilesets with one image each, objects with a ``type``) through the line-aware reader in ``tmx``, so
every object remembers its line in the file. Pure Python: the game's renderer and the checker both
start from a ``WorldMap``. Fatal problems raise ``TmxError``; judging the content is ``check``'s job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from game.core.files import is_file, resolved
from game.world.tmx import Node, TmxError, parse_file

FLIP_H = 0x80000000
FLIP_V = 0x40000000
FLIP_D = 0x20000000
GID_MASK = 0x0FFFFFFF

#: object kind -> property name -> (Tiled type, required). Optional ones have a default in the game
#: (facing: down, once: true) because Tiled leaves out a property whose value equals the type's default.
VOCABULARY: dict[str, dict[str, tuple[str, bool]]] = {
    "spawn": {},
    "npc": {"who": ("string", True), "dialogue": ("string", True), "facing": ("string", False),
            "wander": ("string", False), "when": ("string", False), "enter": ("string", False),
            "pose": ("string", False)},
    "door": {"target_map": ("string", True), "target_spawn": ("string", True)},
    "trigger": {"dialogue": ("string", False), "set_flag": ("string", False), "once": ("bool", False),
                "condition": ("string", False)},
    "machine": {"dialogue": ("string", False), "minigame": ("string", False), "prompt": ("string", True),
                "when": ("string", False)},
    "solid": {},
    "path": {},
    "prop": {"who": ("string", True), "when": ("string", False), "facing": ("string", False),
             "pose": ("string", False)},
    "crowd": {"count": ("int", True), "when": ("string", False)},
    "room": {"order": ("int", True)},
    "seat": {},
    "screen": {},
}
#: poses a character can take (``npc``/``prop`` property ``pose`` and the dialogue command ``pose``)
POSES = ("standing", "collapsed", "kneeling", "seated")
FACINGS = ("down", "left", "right", "up")
LAYER_ROLES = ("ground", "ysort", "above")


@dataclass(frozen=True)
class Property:
    name: str
    kind: str  # the Tiled type: string, int, float, bool, color, file, object
    value: object
    line: int


@dataclass(frozen=True)
class Tile:
    properties: dict[str, object]
    #: (local tile id, duration in ms) frames, empty when the tile is not animated
    animation: tuple[tuple[int, int], ...] = ()

    @property
    def solid(self) -> bool:
        return self.properties.get("solid") is True


@dataclass(frozen=True)
class Tileset:
    firstgid: int
    source: Path  # the .tsx file
    name: str
    tile_w: int
    tile_h: int
    columns: int
    tilecount: int
    image: Path
    image_w: int
    image_h: int
    tiles: dict[int, Tile]
    line: int  # of the <tileset> element in the map


@dataclass(frozen=True)
class TileLayer:
    name: str
    role: str  # ground | ysort | above
    gids: tuple[tuple[int, ...], ...]  # rows of raw gids (flip bits kept)
    visible: bool
    line: int


@dataclass(frozen=True)
class MapObject:
    id: int
    kind: str
    name: str
    x: int  # pixels, top left (for points: the point)
    y: int
    w: int
    h: int
    shape: str  # rect | point | polyline | polygon | ellipse
    points: tuple[tuple[int, int], ...]  # absolute pixel points of a polyline or polygon
    properties: dict[str, Property]
    line: int

    def prop(self, name: str, default=None):
        found = self.properties.get(name)
        return default if found is None else found.value

    @property
    def feet(self) -> tuple[int, int]:
        """Where a character placed by this object stands, in pixels."""
        if self.shape == "point" or (self.w == 0 and self.h == 0):
            return self.x, self.y
        return self.x + self.w // 2, self.y + self.h // 2

    @property
    def rect(self) -> tuple[int, int, int, int]:
        return self.x, self.y, self.w, self.h


@dataclass
class WorldMap:
    path: Path
    name: str
    width: int
    height: int
    tile_w: int
    tile_h: int
    tilesets: list[Tileset]
    layers: list[TileLayer]
    objects: list[MapObject]
    properties: dict[str, Property]
    line: int = 1
    solid: bytearray = field(default_factory=bytearray)  # width*height, 1 = blocked

    @property
    def pixel_size(self) -> tuple[int, int]:
        return self.width * self.tile_w, self.height * self.tile_h

    def by_kind(self, kind: str) -> list[MapObject]:
        return [o for o in self.objects if o.kind == kind]

    def spawns(self) -> dict[str, MapObject]:
        return {o.name: o for o in self.objects if o.kind == "spawn"}

    def tile_for(self, gid: int) -> tuple[Tileset, int] | None:
        gid &= GID_MASK
        if gid == 0:
            return None
        found = None
        for ts in self.tilesets:
            if ts.firstgid <= gid:
                found = ts
        if found is None or gid - found.firstgid >= found.tilecount:
            return None
        return found, gid - found.firstgid

    def tile_info(self, gid: int) -> Tile | None:
        hit = self.tile_for(gid)
        if hit is None:
            return None
        return hit[0].tiles.get(hit[1])

    def is_solid(self, tx: int, ty: int) -> bool:
        if tx < 0 or ty < 0 or tx >= self.width or ty >= self.height:
            return True
        return self.solid[ty * self.width + tx] == 1

    def map_property(self, name: str, default=None):
        found = self.properties.get(name)
        return default if found is None else found.value


# -- reading --------------------------------------------------------------------------------------
# every number read from a map is finite and inside these bounds, so nothing is allocated or divided
# straight from the file (a 50000x50000 map, a zero tile width, x="nan" are refused with path:line)
MAX_MAP_SIDE = 1024  # tiles
MAX_MAP_CELLS = 512 * 512
MAX_TILE_SIZE = 512  # pixels
MAX_TILES = 1 << 16  # tiles in one tileset
MAX_COORD = 1_000_000  # pixels, for object positions, sizes and points
MAX_PROPERTY = 2**31 - 1
_ANY = (-MAX_COORD, MAX_COORD)


def _number(raw: str, what: str, path: Path, line: int, lo: float, hi: float) -> float:
    text = raw.strip()
    try:
        value = float(text) if len(text) <= 40 else math.inf
    except ValueError:
        raise TmxError(path, line, f"{what}={raw[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise TmxError(path, line, f"{what}={raw[:40]!r} is not a finite number")
    if not lo <= value <= hi:
        raise TmxError(path, line, f"{what}={raw[:40]!r} is out of range ({lo:g} to {hi:g})")
    return value


def _int(node: Node, key: str, path: Path, default: int | None = None,
         bounds: tuple[float, float] = _ANY) -> int:
    raw = node.get(key)
    if raw is None:
        if default is None:
            raise TmxError(path, node.line, f"<{node.tag}> needs a {key}= attribute")
        return default
    return round(_number(raw, f"<{node.tag}> {key}", path, node.line, *bounds))


def _float(node: Node, key: str, path: Path) -> float:
    raw = node.get(key)
    return _number(raw, f"<{node.tag}> {key}", path, node.line, *_ANY) if raw else 0.0


_BOOL = {"true": True, "false": False, "1": True, "0": False}


def read_properties(node: Node, path: Path) -> dict[str, Property]:
    out: dict[str, Property] = {}
    props = node.find("properties")
    if props is None:
        return out
    for p in props.findall("property"):
        name = p.get("name")
        if not name:
            raise TmxError(path, p.line, "a property has no name")
        kind = p.get("type", "string")
        raw = p.get("value")
        if raw is None:
            raw = p.text
        value: object = raw
        if kind == "bool":
            if raw not in _BOOL:
                raise TmxError(path, p.line, f"property {name!r}: {raw!r} is not true or false")
            value = _BOOL[raw]
        elif kind in ("int", "object"):
            text = raw.strip()
            if not (text.lstrip("-").isdigit() and text.isascii() and len(text) <= 12
                    and abs(value := int(text)) <= MAX_PROPERTY):
                raise TmxError(path, p.line, f"property {name!r}: {raw[:40]!r} is not a whole number "
                                             f"(up to {MAX_PROPERTY})")
        elif kind == "float":
            value = _number(raw, f"property {name!r}", path, p.line, -MAX_PROPERTY, MAX_PROPERTY)
        elif kind not in ("string", "color", "file"):
            raise TmxError(path, p.line, f"property {name!r} has type {kind!r}, which Tiled 1.8 maps do not use here")
        out[name] = Property(name, kind, value, p.line)
    return out


def load_tileset(ref: Node, map_path: Path) -> Tileset:
    firstgid = _int(ref, "firstgid", map_path, bounds=(1, GID_MASK))
    source = ref.get("source")
    if not source:
        raise TmxError(map_path, ref.line, "tilesets must be external .tsx files (use Export Tileset in Tiled)")
    tsx_path = resolved(map_path.parent / source)
    if not is_file(tsx_path):
        raise TmxError(map_path, ref.line, f"tileset file {source!r} does not exist")
    root = parse_file(tsx_path)
    if root.tag != "tileset":
        raise TmxError(tsx_path, root.line, f"expected <tileset>, found <{root.tag}>")
    image = root.find("image")
    if image is None or not image.get("source"):
        raise TmxError(tsx_path, root.line, "the tileset needs one image (collections of images are not supported)")
    image_path = resolved(tsx_path.parent / image.get("source"))
    if not is_file(image_path):
        raise TmxError(tsx_path, image.line, f"tileset image {image.get('source')!r} does not exist")
    tile_size = (1, MAX_TILE_SIZE)
    tile_w, tile_h = _int(root, "tilewidth", tsx_path, bounds=tile_size), _int(root, "tileheight", tsx_path,
                                                                               bounds=tile_size)
    columns = _int(root, "columns", tsx_path, bounds=(1, MAX_TILES))
    tilecount = _int(root, "tilecount", tsx_path, bounds=(1, MAX_TILES))
    tiles: dict[int, Tile] = {}
    for t in root.findall("tile"):
        local = _int(t, "id", tsx_path, bounds=(0, tilecount - 1))
        frames: list[tuple[int, int]] = []
        anim = t.find("animation")
        if anim is not None:
            for f in anim.findall("frame"):
                frames.append((_int(f, "tileid", tsx_path, bounds=(0, tilecount - 1)),
                               _int(f, "duration", tsx_path, bounds=(1, 3_600_000))))
        props = read_properties(t, tsx_path)
        offset = props.get("sort_offset")
        if offset is not None and (offset.kind != "int" or abs(offset.value) > MAX_TILE_SIZE):
            raise TmxError(tsx_path, offset.line, f"tile {local}: sort_offset must be an int property from "
                                                  f"{-MAX_TILE_SIZE} to {MAX_TILE_SIZE}")
        tiles[local] = Tile(properties={k: p.value for k, p in props.items()}, animation=tuple(frames))
    return Tileset(firstgid, tsx_path, root.get("name", tsx_path.stem), tile_w, tile_h, columns, tilecount,
                   image_path, _int(image, "width", tsx_path, 0, (0, MAX_COORD)),
                   _int(image, "height", tsx_path, 0, (0, MAX_COORD)), tiles,
                   ref.line)


def _layer_role(name: str, props: dict[str, Property]) -> str:
    role = props.get("role")
    if role is not None:
        return str(role.value)
    lowered = name.lower()
    if lowered.startswith("above"):
        return "above"
    if lowered.startswith("furniture") or lowered.startswith("ysort"):
        return "ysort"
    return "ground"


def _read_layer(node: Node, width: int, height: int, path: Path) -> TileLayer:
    name = node.get("name", "")
    data = node.find("data")
    if data is None:
        raise TmxError(path, node.line, f"layer {name!r} has no <data>")
    if data.get("encoding") != "csv" or data.get("compression"):
        raise TmxError(path, data.line, f"layer {name!r}: save layer data as CSV (Map Properties > Tile Layer Format)")
    if data.findall("chunk"):
        raise TmxError(path, data.line, "infinite maps are not supported (uncheck Infinite in Map Properties)")
    cells = [c.strip() for c in data.text.replace("\n", ",").split(",") if c.strip()]
    if len(cells) != width * height:
        raise TmxError(path, data.line, f"layer {name!r} has {len(cells)} cells, expected {width}x{height}")
    if not all(c.isdigit() and c.isascii() and len(c) <= 10 for c in cells):
        raise TmxError(path, data.line, f"layer {name!r} has a cell that is not a tile id (a whole number)")
    values = [int(c) for c in cells]
    if any(v > 0xFFFFFFFF for v in values):
        raise TmxError(path, data.line, f"layer {name!r} has a tile id larger than 32 bits")
    rows = tuple(tuple(values[r * width:(r + 1) * width]) for r in range(height))
    props = read_properties(node, path)
    return TileLayer(name, _layer_role(name, props), rows, node.get("visible", "1") != "0", node.line)


def _points(raw: str, ox: float, oy: float, path: Path, line: int) -> tuple[tuple[int, int], ...]:
    out = []
    try:
        for pair in raw.split():
            a, b = pair.split(",")
            out.append((round(ox + _number(a, "points", path, line, *_ANY)),
                        round(oy + _number(b, "points", path, line, *_ANY))))
    except ValueError:
        raise TmxError(path, line, f"bad points {raw[:60]!r}") from None
    return tuple(out)


def _read_object(node: Node, path: Path) -> MapObject:
    x = _float(node, "x", path)
    y = _float(node, "y", path)
    shape, points = "rect", ()
    if node.find("point") is not None:
        shape = "point"
    elif node.find("ellipse") is not None:
        shape = "ellipse"
    for tag in ("polyline", "polygon"):
        poly = node.find(tag)
        if poly is not None:
            shape = tag
            points = _points(poly.get("points", ""), x, y, path, poly.line)
    kind = node.get("type") or node.get("class") or ""
    size = (0, MAX_COORD)
    return MapObject(id=_int(node, "id", path, 0, (0, MAX_PROPERTY)), kind=kind, name=node.get("name", ""),
                     x=round(x), y=round(y), w=_int(node, "width", path, 0, size),
                     h=_int(node, "height", path, 0, size), shape=shape, points=points,
                     properties=read_properties(node, path), line=node.line)


def _walk_layers(node: Node):
    """The layers in drawing order, groups opened in place (without recursion)."""
    todo = list(reversed(node.children))
    while todo:
        child = todo.pop()
        if child.tag == "group":
            todo.extend(reversed(child.children))
        elif child.tag in ("layer", "objectgroup", "imagelayer"):
            yield child


def load_map(path: Path | str) -> WorldMap:
    """Read a map and its tilesets; raises ``TmxError`` with the file and line of a fatal problem."""
    path = resolved(path)
    root = parse_file(path)
    if root.tag != "map":
        raise TmxError(path, root.line, f"expected <map>, found <{root.tag}>")
    if root.get("orientation", "orthogonal") != "orthogonal":
        raise TmxError(path, root.line, "only orthogonal maps are supported")
    if root.get("infinite", "0") == "1":
        raise TmxError(path, root.line, "infinite maps are not supported (uncheck Infinite in Map Properties)")
    side, tile_size = (1, MAX_MAP_SIDE), (1, MAX_TILE_SIZE)
    width, height = _int(root, "width", path, bounds=side), _int(root, "height", path, bounds=side)
    if width * height > MAX_MAP_CELLS:
        raise TmxError(path, root.line, f"the map is {width}x{height} tiles; at most {MAX_MAP_CELLS} tiles "
                                        f"(e.g. 512x512) are supported")
    tile_w, tile_h = _int(root, "tilewidth", path, bounds=tile_size), _int(root, "tileheight", path,
                                                                           bounds=tile_size)
    tilesets = sorted((load_tileset(ref, path) for ref in root.findall("tileset")), key=lambda t: t.firstgid)
    layers: list[TileLayer] = []
    objects: list[MapObject] = []
    for node in _walk_layers(root):
        if node.tag == "layer":
            layers.append(_read_layer(node, width, height, path))
        elif node.tag == "objectgroup":
            objects.extend(_read_object(o, path) for o in node.findall("object"))
    world = WorldMap(path, path.stem, width, height, tile_w, tile_h, tilesets, layers, objects,
                     read_properties(root, path), root.line)
    world.solid = solidity(world)
    return world


def solidity(world: WorldMap) -> bytearray:
    """1 for every cell holding a tile whose tileset says ``solid`` (in any layer but ``above``)."""
    grid = bytearray(world.width * world.height)
    cache: dict[int, bool] = {}
    for layer in world.layers:
        if layer.role == "above":
            continue
        for ty, row in enumerate(layer.gids):
            for tx, gid in enumerate(row):
                if not gid:
                    continue
                solid = cache.get(gid)
                if solid is None:
                    info = world.tile_info(gid)
                    solid = cache[gid] = bool(info and info.solid)
                if solid:
                    grid[ty * world.width + tx] = 1
    return grid


def find_map(levels: Path, name: str) -> Path:
    """The file of map ``name`` (a stem like ``clinic``) in the levels folder."""
    return Path(levels) / f"{name}.tmx"
