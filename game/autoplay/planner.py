"""Where to walk: paths over a map's collision tiles, the spots to stand on to face something, and which
doors lead from one map to another. Pure Python over the exploration core; never imports pygame.

Everything here only reads: a map (``WorldMap``) and the exploration core (``Exploration``) are asked
where walls, people and doors are, and the answer is a list of tiles to walk through. The player
(``game.autoplay.player``) turns those tiles into held arrow keys, one action frame per tick.
Breadth-first searches visit neighbours in a fixed order, so the same state always gives the same path
(autoplay runs are replays, and replays must come out the same).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from game.world.explore import FACING_VECTORS, Exploration, Npc, interaction_target, target_rect, tile_feet
from game.world.model import MapObject, WorldMap, load_map
from game.world.physics import PLAYER, SUB, point_in_rect
from game.world.tmx import TmxError

Tile = tuple[int, int]
STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))
#: sub-pixels of room kept around the people on the map when planning (they may step along their routes)
NPC_MARGIN = 2 * SUB


class NoPath(Exception):
    """No way from where Lena stands to where the objective is (a map or a seam is broken)."""


def tile_of(world: WorldMap, feet_px: tuple[int, int]) -> Tile:
    """The tile under a feet point given in pixels."""
    return feet_px[0] // world.tile_w, feet_px[1] // world.tile_h


def bfs(start: Tile, goals: set[Tile], passable: set[Tile]) -> list[Tile] | None:
    """The shortest 4-connected path from ``start`` to any of ``goals`` over ``passable`` (goals may lie
    outside it), start and goal included; None when there is none."""
    if start in goals:
        return [start]
    came: dict[Tile, Tile | None] = {start: None}
    queue = deque([start])
    while queue:
        cur = queue.popleft()
        for dx, dy in STEPS:
            nxt = (cur[0] + dx, cur[1] + dy)
            if nxt in came or not (nxt in passable or nxt in goals):
                continue
            came[nxt] = cur
            if nxt in goals:
                path = [nxt]
                back = came[nxt]
                while back is not None:
                    path.append(back)
                    back = came[back]
                return path[::-1]
            queue.append(nxt)
    return None


@dataclass
class Ground:
    """The tiles of one map Lena can stand on, ignoring people: computed once per map and kept."""

    world: WorldMap
    free: frozenset[Tile]
    #: door name -> the tiles whose standing point is inside that door (walking there leaves the map)
    doors: dict[str, frozenset[Tile]]

    @classmethod
    def of(cls, core: Exploration) -> Ground:
        world = core.world
        free: set[Tile] = set()
        doors: dict[str, set[Tile]] = {d.name: set() for d in world.by_kind("door")}
        door_rects = [(d.name, d.rect) for d in world.by_kind("door")]
        for ty in range(world.height):
            for tx in range(world.width):
                x, y = tile_feet(world, tx, ty)
                if core.collide.blocked(PLAYER.box(x, y)):
                    continue
                inside = [name for name, rect in door_rects if point_in_rect(x // SUB, y // SUB, rect)]
                for name in inside:
                    doors[name].add((tx, ty))
                if not inside:
                    free.add((tx, ty))
        return cls(world, frozenset(free), {k: frozenset(v) for k, v in doors.items()})

    def tiles_in(self, rect: tuple[int, int, int, int]) -> set[Tile]:
        """Standable tiles (doors included) whose standing point lies inside a pixel rect."""
        door_tiles = set().union(*self.doors.values()) if self.doors else set()
        out = set()
        for tile in self.free | door_tiles:
            x, y = tile_feet(self.world, *tile)
            if point_in_rect(x // SUB, y // SUB, rect):
                out.add(tile)
        return out


def people_tiles(core: Exploration, ground: Ground, skip: Npc | None = None) -> set[Tile]:
    """Free tiles where Lena would bump into someone standing where they stand now."""
    boxes = [(x0 - NPC_MARGIN, y0 - NPC_MARGIN, x1 + NPC_MARGIN, y1 + NPC_MARGIN)
             for x0, y0, x1, y1 in (n.box() for n in core.npcs if n is not skip)]
    if not boxes:
        return set()
    world = core.world
    taken = set()
    for npc_box in boxes:
        tx0, ty0 = npc_box[0] // (world.tile_w * SUB) - 1, npc_box[1] // (world.tile_h * SUB) - 1
        tx1, ty1 = npc_box[2] // (world.tile_w * SUB) + 1, npc_box[3] // (world.tile_h * SUB) + 1
        for ty in range(ty0, ty1 + 1):
            for tx in range(tx0, tx1 + 1):
                if (tx, ty) not in ground.free:
                    continue
                x, y = tile_feet(world, tx, ty)
                bx0, by0, bx1, by1 = PLAYER.box(x, y)
                if bx0 < npc_box[2] and npc_box[0] < bx1 and by0 < npc_box[3] and npc_box[1] < by1:
                    taken.add((tx, ty))
    return taken


def facing_spots(core: Exploration, ground: Ground, target: MapObject | Npc,
                 passable: Iterable[Tile]) -> dict[Tile, str]:
    """Tiles from which Lena, facing some way, has ``target`` in front of her exactly as the core probes it
    (``interaction_target``), with the facing to take there."""
    world = core.world
    rect = target_rect(target)
    cx, cy = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
    reach = 48 + max(rect[2], rect[3]) // 2
    spots: dict[Tile, str] = {}
    for tile in sorted(passable):
        fx, fy = (v // SUB for v in tile_feet(world, *tile))
        if abs(fx - cx) > reach or abs(fy - cy) > reach:
            continue
        for facing in FACING_VECTORS:
            if interaction_target((fx, fy), facing, core.npcs, core.machines) is target:
                spots[tile] = facing
                break
    return spots


class MapGraph:
    """Which door of which map leads to which map: read from every ``*.tmx`` in the levels folder once."""

    def __init__(self, links: dict[str, list[tuple[str, str]]]) -> None:
        #: map name -> [(door name, target map name)] in map order
        self.links = links

    @classmethod
    def load(cls, levels: Path) -> MapGraph:
        links: dict[str, list[tuple[str, str]]] = {}
        for path in sorted(Path(levels).glob("*.tmx")):
            try:
                world = load_map(path)
            except TmxError:
                continue  # `neosmiles check` names it; a broken map is simply not a way anywhere
            links[world.name] = [(d.name, str(d.prop("target_map", ""))) for d in world.by_kind("door")]
        return cls(links)

    def doors_to(self, here: str, there: str) -> list[str] | None:
        """The doors to walk through, in order, from map ``here`` to map ``there`` (fewest first)."""
        if here == there:
            return []
        came: dict[str, tuple[str, str] | None] = {here: None}
        queue = deque([here])
        while queue:
            cur = queue.popleft()
            for door, target in self.links.get(cur, []):
                if target in came or not target:
                    continue
                came[target] = (cur, door)
                if target == there:
                    doors = []
                    step = came[target]
                    while step is not None:
                        doors.append(step[1])
                        step = came[step[0]]
                    return doors[::-1]
                queue.append(target)
        return None
