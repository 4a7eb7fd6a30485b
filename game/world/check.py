"""``neosmiles check`` for maps: every problem in a ``.tmx`` or ``.tsx`` as ``path:line: message``.

Reports broken XML, missing tilesets and images, tiles outside every tileset, unknown object types,
missing or mistyped properties, doors to maps or spawns that do not exist, npc and trigger dialogue
nodes that do not exist (once dialogue is known), flags not allowed, characters standing in walls, and
doors, NPCs and machines nobody can walk to from a spawn (a flood fill over the tile grid). Never
raises for bad content.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from game.check import ContentIndex, Problem
from game.core.files import is_file, resolved
from game.story.conditions import ConditionError, parse_condition
from game.world.model import FACINGS, GID_MASK, LAYER_ROLES, POSES, VOCABULARY, MapObject, WorldMap, load_map
from game.world.physics import PLAYER, SUB, CollisionWorld
from game.world.tmx import Node, TmxError, parse_file

#: flags map triggers may set (story flags owned by the maps)
TRIGGER_FLAGS = ("saw_letter", "entered_server_room", "visited_street", "entered_hall")


class MapChecker:
    name = "maps"

    def claims(self, path: Path) -> bool:
        return path.suffix.lower() in (".tmx", ".tsx")

    def index(self, files: list[Path], index: ContentIndex) -> None:
        for path in files:
            if path.suffix.lower() != ".tmx":
                continue
            try:
                world = load_map(path)
            except TmxError:
                index.maps.setdefault(path.stem, set())
                index.map_objects.setdefault(path.stem, set())
                continue
            index.maps[path.stem] = set(world.spawns())
            index.map_objects[path.stem] = {o.name for o in world.objects if o.name}

    def check(self, files: list[Path], index: ContentIndex) -> list[Problem]:
        problems: list[Problem] = []
        for path in files:
            if path.suffix.lower() == ".tsx":
                problems.extend(check_tileset(path))
            else:
                problems.extend(check_map(path, index))
        return problems


def _problem(path, line: int, message: str) -> Problem:
    return Problem(str(path), line, message)


def check_tileset(path: Path) -> list[Problem]:
    try:
        root = parse_file(path)
    except TmxError as exc:
        return [_problem(path, exc.line, exc.message)]
    image = root.find("image")
    if root.tag != "tileset":
        return [_problem(path, root.line, f"expected <tileset>, found <{root.tag}>")]
    if image is None or not image.get("source"):
        return [_problem(path, root.line, "the tileset needs one image")]
    if not is_file(path.parent / image.get("source")):
        return [_problem(path, image.line, f"tileset image {image.get('source')!r} does not exist")]
    return []


def check_map(path: Path, index: ContentIndex | None = None) -> list[Problem]:
    """All problems of one map file (never raises for bad content)."""
    index = index or ContentIndex()
    try:
        raw = parse_file(path)
    except TmxError as exc:
        return [_problem(path, exc.line, exc.message)]
    problems = _check_raw(path, raw)
    try:
        world = load_map(path)
    except TmxError as exc:
        shown = path if Path(exc.path) == resolved(path) else exc.path
        return problems + [_problem(shown, exc.line, exc.message)]
    problems += _check_layers(path, world)
    problems += _check_objects(path, world, index)
    problems += _check_placement(path, world)
    return problems


def _check_raw(path: Path, root: Node) -> list[Problem]:
    out: list[Problem] = []

    todo = [root]
    while todo:
        node = todo.pop()
        if node.tag == "object":
            if node.get("template"):
                out.append(_problem(path, node.line, "object templates (.tx) are not supported: detach the template"))
            if node.get("class") is not None and node.get("type") is None:
                out.append(_problem(path, node.line, "use the object's Type (Tiled 1.8 'type='), not 'class='"))
        todo.extend(reversed(node.children))
    return out


def _check_layers(path: Path, world: WorldMap) -> list[Problem]:
    out: list[Problem] = []
    for layer in world.layers:
        if layer.role not in LAYER_ROLES:
            out.append(_problem(path, layer.line, f"layer {layer.name!r}: role {layer.role!r} is not one of "
                                                  f"{', '.join(LAYER_ROLES)}"))
        bad = sorted({g & GID_MASK for row in layer.gids for g in row if g and world.tile_for(g) is None})
        if bad:
            out.append(_problem(path, layer.line, f"layer {layer.name!r} uses tile ids {bad[:5]} that no tileset has"))
    return out


def _check_objects(path: Path, world: WorldMap, index: ContentIndex) -> list[Problem]:
    out: list[Problem] = []
    known = ", ".join(VOCABULARY)
    spawn_names: dict[str, int] = {}
    paths = {o.name for o in world.objects if o.kind == "path"}
    for obj in world.objects:
        label = f"{obj.kind or 'object'} {obj.name!r}" if obj.name else f"{obj.kind or 'object'} #{obj.id}"
        if not obj.kind:
            out.append(_problem(path, obj.line, f"object #{obj.id} {obj.name!r} has no type (one of: {known})"))
            continue
        schema = VOCABULARY.get(obj.kind)
        if schema is None:
            out.append(_problem(path, obj.line, f"unknown object type {obj.kind!r} (known: {known})"))
            continue
        for prop, (kind, required) in schema.items():
            found = obj.properties.get(prop)
            if found is None:
                if required:
                    out.append(_problem(path, obj.line, f"{label} needs the property {prop!r} ({kind})"))
                continue
            if found.kind != kind:
                out.append(_problem(path, found.line, f"{label}: property {prop!r} must be a {kind}, "
                                                      f"not a {found.kind}"))
        if obj.kind in ("spawn", "npc", "door", "machine") and not obj.name and obj.kind != "door":
            out.append(_problem(path, obj.line, f"{obj.kind} #{obj.id} needs a name"))
        if obj.kind == "spawn" and obj.name:
            if obj.name in spawn_names:
                out.append(_problem(path, obj.line, f"spawn {obj.name!r} is defined twice "
                                                    f"(also line {spawn_names[obj.name]})"))
            spawn_names.setdefault(obj.name, obj.line)
        if obj.kind in ("door", "trigger", "machine", "solid") and (obj.w <= 0 or obj.h <= 0):
            out.append(_problem(path, obj.line, f"{label} must be a rectangle with a size"))
        out += _check_values(path, obj, label, index, paths)
        enter = _str(obj, "enter") if obj.kind == "npc" else None
        if enter and enter not in world.spawns():
            out.append(_problem(path, obj.properties["enter"].line,
                                f"{label}: enter {enter!r} is not a spawn on this map (they walk in from there)"))
        if obj.kind in ("crowd", "room", "screen") and (obj.w <= 0 or obj.h <= 0):
            out.append(_problem(path, obj.line, f"{label} must be a rectangle with a size"))
    return out


def _str(obj: MapObject, name: str) -> str | None:
    found = obj.properties.get(name)
    if found is None or found.kind != "string":
        return None
    return str(found.value).strip()


def _check_node(path: Path, obj: MapObject, label: str, node: str | None, index: ContentIndex) -> list[Problem]:
    if node and index.dialogue_nodes is not None and node not in index.dialogue_nodes:
        line = obj.properties["dialogue"].line
        return [_problem(path, line, f"{label}: dialogue node {node!r} does not exist")]
    return []


def _check_condition(path: Path, obj: MapObject, label: str, prop: str, index: ContentIndex) -> list[Problem]:
    """A condition property (a trigger's ``condition``, anyone's ``when``) in the story's language, naming only
    declared flags and counters and existing dialogue nodes."""
    out: list[Problem] = []
    condition = _str(obj, prop)
    if not condition:
        return out
    line = obj.properties[prop].line
    try:
        parsed = parse_condition(condition)
    except ConditionError as exc:
        return [_problem(path, line, f"{label}: {prop}: {exc}")]
    if index.flags is not None:
        known = set(index.flags) | set(index.counters or ())
        for name in sorted(parsed.names - known):
            out.append(_problem(path, line, f"{label}: {prop} names {name!r}, which is not a "
                                            f"declared flag or counter (dialogue/story.yaml)"))
    if index.dialogue_nodes is not None:
        for node in sorted(parsed.visited_nodes - index.dialogue_nodes):
            out.append(_problem(path, line, f"{label}: {prop} visits unknown node {node!r}"))
    return out


def _check_values(path: Path, obj: MapObject, label: str, index: ContentIndex, paths: set[str]) -> list[Problem]:
    out: list[Problem] = []
    if "when" in VOCABULARY.get(obj.kind, {}):
        out += _check_condition(path, obj, label, "when", index)
    pose = _str(obj, "pose")
    if pose is not None and obj.kind in ("npc", "prop") and pose not in POSES:
        out.append(_problem(path, obj.properties["pose"].line,
                            f"{label}: pose {pose!r} must be one of {', '.join(POSES)}"))
    if obj.kind == "npc":
        facing = _str(obj, "facing")
        if facing is not None and facing not in FACINGS:
            out.append(_problem(path, obj.properties["facing"].line,
                                f"{label}: facing {facing!r} must be one of {', '.join(FACINGS)}"))
        out += _check_node(path, obj, label, _str(obj, "dialogue"), index)
        wander = _str(obj, "wander")
        if wander:
            if wander[0].isdigit():
                try:
                    parse_wander_points(wander)
                except ValueError as exc:
                    out.append(_problem(path, obj.properties["wander"].line, f"{label}: wander: {exc}"))
            elif wander not in paths:
                out.append(_problem(path, obj.properties["wander"].line,
                                    f"{label}: wander path {wander!r} is not a 'path' object on this map"))
    elif obj.kind == "door":
        target, spawn = _str(obj, "target_map"), _str(obj, "target_spawn")
        if target:
            spawns = index.maps.get(target)
            if spawns is None:
                candidate = path.parent / f"{target}.tmx"
                if is_file(candidate):
                    try:
                        spawns = set(load_map(candidate).spawns())
                    except TmxError:
                        spawns = set()
            if spawns is None:
                out.append(_problem(path, obj.properties["target_map"].line,
                                    f"{label}: target map {target!r} does not exist (no {target}.tmx)"))
            elif spawn and spawn not in spawns:
                out.append(_problem(path, obj.properties["target_spawn"].line,
                                    f"{label}: map {target!r} has no spawn {spawn!r}"))
    elif obj.kind == "trigger":
        node, flag = _str(obj, "dialogue"), _str(obj, "set_flag")
        if bool(node) == bool(flag):
            out.append(_problem(path, obj.line, f"{label} needs exactly one of 'dialogue' or 'set_flag'"))
        out += _check_node(path, obj, label, node, index)
        if flag:
            line = obj.properties["set_flag"].line
            if flag not in TRIGGER_FLAGS:
                out.append(_problem(path, line, f"{label}: flag {flag!r} is not one a map may set "
                                                f"({', '.join(TRIGGER_FLAGS)})"))
            elif index.flags is not None and flag not in index.flags:
                out.append(_problem(path, line, f"{label}: flag {flag!r} is not declared in dialogue/story.yaml"))
        out += _check_condition(path, obj, label, "condition", index)
    elif obj.kind == "machine":
        node, game = _str(obj, "dialogue"), _str(obj, "minigame")
        if not node and not game:
            out.append(_problem(path, obj.line, f"{label} needs a 'dialogue' or a 'minigame'"))
        out += _check_node(path, obj, label, node, index)
        if game:
            name, _, encounter = game.partition(":")
            if not encounter:
                out.append(_problem(path, obj.properties["minigame"].line,
                                    f"{label}: minigame {game!r} must be 'name:encounter', e.g. swarm:tutorial"))
            elif name in index.encounters and encounter not in index.encounters[name]:
                out.append(_problem(path, obj.properties["minigame"].line,
                                    f"{label}: minigame {name!r} has no encounter {encounter!r}"))
    elif obj.kind == "path" and obj.shape not in ("polyline", "polygon"):
        out.append(_problem(path, obj.line, f"{label} must be a polyline"))
    return out


def parse_wander_points(text: str) -> list[tuple[int, int]]:
    """``"3,4 7,4 7,8"``: tile coordinates an npc walks between, in order, then back to the first."""
    points = []
    for pair in text.split():
        a, sep, b = pair.partition(",")
        if not sep or not all(v.strip().lstrip("-").isdigit() and v.strip().isascii() and len(v.strip()) <= 6
                              for v in (a, b)):
            raise ValueError(f"{pair!r} is not tile coordinates like 3,4")
        points.append((int(a), int(b)))
    if len(points) < 2:
        raise ValueError("give at least two points")
    return points


def walkable_grid(world: WorldMap) -> bytearray:
    """1 where a player could stand at the centre of the tile."""
    collide = CollisionWorld(world)
    grid = bytearray(world.width * world.height)
    for ty in range(world.height):
        for tx in range(world.width):
            cx = (tx * world.tile_w + world.tile_w // 2) * SUB
            cy = (ty * world.tile_h + world.tile_h - 2) * SUB
            if not world.is_solid(tx, ty) and collide.free_at(PLAYER, cx, cy):
                grid[ty * world.width + tx] = 1
    return grid


def reachable_from(world: WorldMap, walk: bytearray, starts: list[tuple[int, int]]) -> bytearray:
    seen = bytearray(world.width * world.height)
    queue: deque[tuple[int, int]] = deque()
    for tx, ty in starts:
        if 0 <= tx < world.width and 0 <= ty < world.height and walk[ty * world.width + tx]:
            seen[ty * world.width + tx] = 1
            queue.append((tx, ty))
    while queue:
        tx, ty = queue.popleft()
        for nx, ny in ((tx + 1, ty), (tx - 1, ty), (tx, ty + 1), (tx, ty - 1)):
            if 0 <= nx < world.width and 0 <= ny < world.height:
                i = ny * world.width + nx
                if walk[i] and not seen[i]:
                    seen[i] = 1
                    queue.append((nx, ny))
    return seen


def _check_route(path: Path, world: WorldMap, walk: bytearray, obj: MapObject) -> list[Problem]:
    """An npc's wander route in tile points must be walkable along its legs (x first, then y)."""
    wander = obj.properties.get("wander")
    text = str(wander.value).strip() if wander is not None else ""
    if not text:
        return []
    if text[0].isdigit():
        try:
            points = parse_wander_points(text)
        except ValueError:
            return []  # reported with the property's values
    else:
        paths = [o for o in world.by_kind("path") if o.name == text and o.points]
        if not paths:
            return []  # reported with the property's values
        points = [(x // world.tile_w, (y - 1) // world.tile_h) for x, y in paths[0].points]
    fx, fy = obj.feet
    legs = [(fx // world.tile_w, (fy - 1) // world.tile_h)] + points + [points[0]]
    for (x0, y0), (x1, y1) in zip(legs, legs[1:], strict=False):
        cells = [(x, y0) for x in _span(x0, x1)] + [(x1, y) for y in _span(y0, y1)]
        for x, y in cells:
            if not (0 <= x < world.width and 0 <= y < world.height) or not walk[y * world.width + x]:
                return [_problem(path, wander.line, f"npc {obj.name!r}: wander route is blocked at tile ({x}, {y})")]
    return []


def _span(a: int, b: int) -> range:
    return range(a, b + 1) if b >= a else range(a, b - 1, -1)


def _cells(world: WorldMap, obj: MapObject, margin: int) -> list[tuple[int, int]]:
    x0 = obj.x // world.tile_w - margin
    y0 = obj.y // world.tile_h - margin
    x1 = (obj.x + max(obj.w, 1) - 1) // world.tile_w + margin
    y1 = (obj.y + max(obj.h, 1) - 1) // world.tile_h + margin
    return [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]


def _check_placement(path: Path, world: WorldMap) -> list[Problem]:
    out: list[Problem] = []
    collide = CollisionWorld(world)
    spawns = world.by_kind("spawn")
    starts = []
    for obj in spawns + world.by_kind("npc"):
        fx, fy = obj.feet
        if not collide.free_at(PLAYER, fx * SUB, fy * SUB):
            out.append(_problem(path, obj.line, f"{obj.kind} {obj.name!r} stands in a solid tile or shape "
                                                f"at ({fx // world.tile_w}, {fy // world.tile_h})"))
        elif obj.kind == "spawn":
            starts.append((fx // world.tile_w, (fy - 1) // world.tile_h))
            for door in world.by_kind("door"):
                dx, dy, dw, dh = door.rect
                if dx <= fx < dx + dw and dy <= fy < dy + dh:
                    out.append(_problem(path, obj.line, f"spawn {obj.name!r} stands in door {door.name!r}: "
                                                        f"arriving there would leave at once"))
    if not spawns:
        out.append(_problem(path, world.line, "the map has no spawn: add a point object of type 'spawn'"))
        return out
    walk = walkable_grid(world)
    seen = reachable_from(world, walk, starts)

    def reached(cells: list[tuple[int, int]]) -> bool:
        return any(0 <= x < world.width and 0 <= y < world.height and seen[y * world.width + x] for x, y in cells)

    for obj in world.by_kind("npc"):
        out += _check_route(path, world, walk, obj)
    for obj in world.by_kind("door") + world.by_kind("npc") + world.by_kind("machine"):
        margin = 0 if obj.kind == "door" else 1
        probe = obj if obj.kind != "npc" else MapObject(obj.id, obj.kind, obj.name, obj.feet[0], obj.feet[1] - 1,
                                                        1, 1, "point", (), {}, obj.line)
        if not reached(_cells(world, probe, margin)):
            out.append(_problem(path, obj.line, f"{obj.kind} {obj.name or '#' + str(obj.id)!r} cannot be reached "
                                                f"on foot from any spawn"))
    return out
