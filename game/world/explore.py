"""The exploration simulation: Lena and the NPCs on one map, tick by tick. Pure Python, no pygame.

``Exploration.step(frame, story)`` moves the player from the action frame, walks the NPCs along their
routes, fires triggers and doors, and returns what the scene must do as ``Event`` values (open a
dialogue node, start a minigame, load another map). The scene owns files and other scenes; this core
owns positions, facings, routes, the door fade and which triggers have fired. All in integers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.core.actions import Action, ActionFrame
from game.story.state import StoryState
from game.world.check import parse_wander_points
from game.world.model import MapObject, WorldMap
from game.world.physics import PLAYER, RUN_SPEED, SUB, WALK_SPEED, CollisionWorld, move, point_in_rect, velocity
from game.world.triggers import TriggerTracker

NPC_SPEED = 12  # sub-pixels per tick (0.75 px)
WANDER_PAUSE = 90  # ticks an npc waits at each point of its route
STUCK_REPLAN = 30  # ticks a scripted walk waits for Lena to step aside before going round her
STUCK_PASS = 120  # ticks after which it stops waiting and squeezes past her (a cutscene never hangs)
FADE_TICKS = 16
#: pixels of room kept between Lena and the people on the map, across and along the screen: their feet boxes
#: are small (for doorways), so without it one would stand half inside the other's sprite
PERSONAL_SPACE = (1, 4)
REACH = 10  # pixels in front of the player's feet box that "facing" reaches
SIDE_SLACK = 4  # pixels the probe is wider than the feet box on each side, so near enough lined up counts
FACING_VECTORS = {"down": (0, 1), "up": (0, -1), "left": (-1, 0), "right": (1, 0)}
OPPOSITE = {"down": "up", "up": "down", "left": "right", "right": "left"}


@dataclass(frozen=True)
class Event:
    kind: str  # dialogue | minigame | change_map | flag | sound
    value: str = ""
    extra: str = ""


@dataclass
class Walker:
    """A body on the map: position in sub-pixels, facing, and a walk animation counter."""

    x: int
    y: int
    facing: str = "down"
    walking: bool = False
    anim: int = 0

    @property
    def feet(self) -> tuple[int, int]:
        return self.x // SUB, self.y // SUB


@dataclass
class Npc(Walker):
    name: str = ""
    who: str = ""
    dialogue: str = ""
    route: list[tuple[int, int]] = field(default_factory=list)  # feet points in sub-pixels
    route_index: int = 0
    loop: bool = False  # wander routes loop; scripted moves stop at the end
    wait: int = 0
    line: int = 0
    stuck: int = 0  # ticks a scripted walk has been blocked by the player

    def box(self) -> tuple[int, int, int, int]:
        return PLAYER.box(self.x, self.y)


@dataclass
class Fade:
    phase: str = "none"  # none | out | in
    ticks: int = 0
    target_map: str = ""
    target_spawn: str = ""

    @property
    def level(self) -> int:
        """Darkness 0..255 for drawing."""
        if self.phase == "out":
            return min(255, self.ticks * 255 // FADE_TICKS)
        if self.phase == "in":
            return max(0, 255 - self.ticks * 255 // FADE_TICKS)
        return 0


def spaced(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A feet box (sub-pixels) grown by ``PERSONAL_SPACE`` on every side."""
    mx, my = PERSONAL_SPACE[0] * SUB, PERSONAL_SPACE[1] * SUB
    return box[0] - mx, box[1] - my, box[2] + mx, box[3] + my


def tile_feet(world: WorldMap, tx: int, ty: int) -> tuple[int, int]:
    """Feet point (sub-pixels) of someone standing in tile (tx, ty)."""
    return (tx * world.tile_w + world.tile_w // 2) * SUB, (ty * world.tile_h + world.tile_h - 2) * SUB


def probe_rect(feet: tuple[int, int], facing: str) -> tuple[int, int, int, int]:
    """The area (pixel rect x, y, w, h) in front of someone standing on ``feet``, facing ``facing``, where an
    NPC or machine can be talked to: ``REACH`` deep from the edge of the feet box, and ``SIDE_SLACK`` wider
    than the box on each side, so being a few pixels off someone's row or column still counts."""
    fx, fy = feet
    hw, h = PLAYER.half_w // SUB, PLAYER.height // SUB
    if facing in ("left", "right"):
        y, height = fy - h - SIDE_SLACK, h + 2 * SIDE_SLACK
        return (fx + hw, y, REACH, height) if facing == "right" else (fx - hw - REACH, y, REACH, height)
    x, width = fx - hw - SIDE_SLACK, 2 * (hw + SIDE_SLACK)
    return (x, fy, width, REACH) if facing == "down" else (x, fy - h - REACH, width, REACH)


def target_rect(target: MapObject | Npc) -> tuple[int, int, int, int]:
    """The pixel rect (x, y, w, h) that has to be in front of Lena: an NPC's feet box or a machine's object."""
    if isinstance(target, Npc):
        nx, ny = target.feet
        hw, h = PLAYER.half_w // SUB, PLAYER.height // SUB
        return nx - hw, ny - h, 2 * hw, h
    return target.rect


OVERLAP = 2  # pixels a target may reach back past Lena's front edge and still count as in front of her


def _span_gap(point: int, a: int, b: int) -> int:
    """How far ``point`` lies outside the span [a, b) (0 inside)."""
    return a - point if point < a else point - b + 1 if point >= b else 0


def interaction_target(feet: tuple[int, int], facing: str, npcs: Sequence[Npc],
                       machines: Sequence[MapObject]) -> MapObject | Npc | None:
    """What Lena would talk to or use, standing on ``feet`` facing ``facing``.

    A target counts when its rect overlaps the probe in front of her (``probe_rect``) and its near edge is
    not behind her front edge (so someone standing beside her is not in front of her). Of those, the nearest
    wins: squared distance from the middle of her front edge, then how far off her line, then NPCs before
    machines, then map order. Integers only: the same on every machine."""
    px, py, pw, ph = probe_rect(feet, facing)
    fx, fy = feet
    hw, h = PLAYER.half_w // SUB, PLAYER.height // SUB
    best, best_key = None, None
    for order, group in enumerate((npcs, machines)):
        for index, target in enumerate(group):
            tx, ty, tw, th = target_rect(target)
            if tw <= 0 or th <= 0 or not (tx < px + pw and px < tx + tw and ty < py + ph and py < ty + th):
                continue
            if facing == "right":
                ahead, aside = tx - (fx + hw), _span_gap(fy - h // 2, ty, ty + th)
            elif facing == "left":
                ahead, aside = (fx - hw) - (tx + tw), _span_gap(fy - h // 2, ty, ty + th)
            elif facing == "down":
                ahead, aside = ty - fy, _span_gap(fx, tx, tx + tw)
            else:
                ahead, aside = (fy - h) - (ty + th), _span_gap(fx, tx, tx + tw)
            if ahead < -OVERLAP:
                continue
            ahead = max(0, ahead)
            key = (ahead * ahead + aside * aside, aside, order, index)
            if best_key is None or key < best_key:
                best, best_key = target, key
    return best


class Exploration:
    def __init__(self, world: WorldMap, spawn: str | None = None) -> None:
        self.tick = 0
        self.player = Walker(0, 0)
        self.triggers = TriggerTracker()
        self.fade = Fade()
        self.focus: MapObject | Npc | None = None  # what the player faces (for the prompt)
        self.set_world(world)
        self.place_at_spawn(spawn)

    # the map ----------------------------------------------------------------------------------------
    def set_world(self, world: WorldMap, keep_npcs: bool = False) -> None:
        old = {n.name: n for n in getattr(self, "npcs", [])} if keep_npcs else {}
        self.world = world
        self.collide = CollisionWorld(world)
        self.npcs = [self._make_npc(o) for o in world.by_kind("npc")]
        for npc in self.npcs:
            before = old.get(npc.name)
            if before is not None:
                npc.x, npc.y, npc.facing = before.x, before.y, before.facing
        self._doors = world.by_kind("door")
        self._trigger_objects = world.by_kind("trigger")
        self._machines = world.by_kind("machine")

    def _make_npc(self, obj: MapObject) -> Npc:
        fx, fy = obj.feet
        npc = Npc(fx * SUB, fy * SUB, str(obj.prop("facing", "down")), name=obj.name, who=str(obj.prop("who", "")),
                  dialogue=str(obj.prop("dialogue", "")), line=obj.line)
        wander = str(obj.prop("wander", "") or "").strip()
        if wander:
            npc.route = self._wander_route(wander)
            npc.loop = True
            npc.wait = WANDER_PAUSE
        return npc

    def _wander_route(self, text: str) -> list[tuple[int, int]]:
        if text[0].isdigit():
            try:
                return [tile_feet(self.world, tx, ty) for tx, ty in parse_wander_points(text)]
            except ValueError:
                return []
        for obj in self.world.by_kind("path"):
            if obj.name == text and obj.points:
                return [(x * SUB, y * SUB) for x, y in obj.points]
        return []

    def spawn_point(self, spawn: str | None) -> tuple[int, int]:
        spawns = self.world.spawns()
        obj = spawns.get(spawn or "start") or spawns.get("start")
        if obj is None and spawns:
            obj = spawns[sorted(spawns)[0]]
        if obj is None:
            w, h = self.world.pixel_size
            return w // 2 * SUB, h // 2 * SUB
        fx, fy = obj.feet
        return fx * SUB, fy * SUB

    def place_at_spawn(self, spawn: str | None) -> None:
        self.player.x, self.player.y = self.spawn_point(spawn)
        self.player.walking = False

    def arrive(self, world: WorldMap, spawn: str) -> None:
        """Called by the scene once it loaded the door's target map: place Lena and fade in."""
        self.set_world(world)
        self.place_at_spawn(spawn)
        self.triggers.inside = set()  # a trigger under the arrival spawn fires on arrival
        self.fade = Fade("in", 0)

    def start_transition(self, target_map: str, target_spawn: str) -> None:
        if self.fade.phase == "none":
            self.fade = Fade("out", 0, target_map, target_spawn)

    # the tick ---------------------------------------------------------------------------------------
    def step(self, frame: ActionFrame, story: StoryState) -> list[Event]:
        self.tick += 1
        events: list[Event] = []
        if self.fade.phase == "out":
            self.fade.ticks += 1
            if self.fade.ticks >= FADE_TICKS:
                events.append(Event("change_map", self.fade.target_map, self.fade.target_spawn))
            self._step_npcs()
            return events
        if self.fade.phase == "in":
            self.fade.ticks += 1
            if self.fade.ticks >= FADE_TICKS:
                self.fade = Fade()
        self._move_player(frame)
        self._step_npcs()
        feet = self.player.feet
        for trig in self.triggers.step(self.world.name, self._trigger_objects, feet, story):
            flag = trig.prop("set_flag")
            if flag:
                story.set_flag(str(flag))
                events.append(Event("flag", str(flag)))
            node = trig.prop("dialogue")
            if node:
                events.append(Event("dialogue", str(node), trig.name))
        if self.fade.phase == "none":
            for door in self._doors:
                if point_in_rect(feet[0], feet[1], door.rect):
                    self.start_transition(str(door.prop("target_map", "")), str(door.prop("target_spawn", "")))
                    events.append(Event("sound", "door"))
                    break
        self.focus = self._facing_target()
        if frame.was_pressed(Action.CONFIRM) and self.focus is not None and self.fade.phase == "none":
            events += self._interact(self.focus)
        return events

    def _move_player(self, frame: ActionFrame) -> None:
        p = self.player
        dx, dy = frame.direction()
        if self.fade.phase != "none":
            dx = dy = 0
        if dx or dy:
            # a diagonal keeps the current facing if it is one of its two directions
            options = []
            if dx:
                options.append("right" if dx > 0 else "left")
            if dy:
                options.append("down" if dy > 0 else "up")
            if p.facing not in options:
                p.facing = options[-1] if len(options) == 1 else options[0]
            speed = RUN_SPEED if frame.is_held(Action.RUN) else WALK_SPEED
            vx, vy = velocity(dx, dy, speed)
            others = [spaced(n.box()) for n in self.npcs]
            p.x, p.y, _, _ = move(self.collide, PLAYER, p.x, p.y, vx, vy, others)
            p.walking = True
            p.anim += 2 if speed == RUN_SPEED else 1
        else:
            p.walking = False
            p.anim = 0

    def _step_npcs(self) -> None:
        player_box = spaced(PLAYER.box(self.player.x, self.player.y))
        for npc in self.npcs:
            if not npc.route:
                npc.walking = False
                continue
            if npc.wait > 0:
                npc.wait -= 1
                npc.walking = False
                continue
            tx, ty = npc.route[npc.route_index]
            ddx, ddy = tx - npc.x, ty - npc.y
            if ddx == 0 and ddy == 0:
                npc.route_index += 1
                if npc.route_index >= len(npc.route):
                    if npc.loop:
                        npc.route_index = 0
                    else:
                        npc.route, npc.route_index, npc.stuck = [], 0, 0
                npc.wait = WANDER_PAUSE if npc.loop else 0
                npc.walking = False
                continue
            # walk one axis at a time (x first), like someone following the floor tiles; a scripted move
            # (a cutscene) goes at Lena's walking pace, a wander route at a stroll
            speed = NPC_SPEED if npc.loop else WALK_SPEED
            if ddx:
                step = max(-speed, min(speed, ddx))
                vx, vy = step, 0
                npc.facing = "right" if ddx > 0 else "left"
            else:
                step = max(-speed, min(speed, ddy))
                vx, vy = 0, step
                npc.facing = "down" if ddy > 0 else "up"
            npc_boxes = [o.box() for o in self.npcs if o is not npc]
            nx, ny, hit_x, hit_y = move(self.collide, PLAYER, npc.x, npc.y, vx, vy, [player_box] + npc_boxes)
            if (nx, ny) == (npc.x, npc.y) and not npc.loop:
                # a scripted walk (a cutscene) that Lena or someone else stands in the way of: wait a moment,
                # then go round them, and if there is no way round, squeeze past rather than hang the scene
                if move(self.collide, PLAYER, npc.x, npc.y, vx, vy)[:2] != (npc.x, npc.y):
                    npc.stuck += 1
                    if npc.stuck == STUCK_REPLAN:
                        detour = self.find_route(npc, npc.route[-1], avoid=[player_box] + npc_boxes)
                        if detour is not None:
                            npc.route, npc.route_index = detour, 0
                    elif npc.stuck > STUCK_PASS:
                        nx, ny, hit_x, hit_y = move(self.collide, PLAYER, npc.x, npc.y, vx, vy)
            if (nx, ny) == (npc.x, npc.y):
                npc.walking = False  # someone is in the way: wait for them
                continue
            if (nx, ny) != (npc.x, npc.y) and npc.stuck < STUCK_REPLAN:
                npc.stuck = 0
            npc.x, npc.y = nx, ny
            npc.walking = True
            npc.anim += 1

    @property
    def machines(self) -> list[MapObject]:
        return self._machines

    def _facing_target(self) -> MapObject | Npc | None:
        return interaction_target(self.player.feet, self.player.facing, self.npcs, self._machines)

    def _interact(self, target: MapObject | Npc) -> list[Event]:
        if isinstance(target, Npc):
            target.facing = OPPOSITE[self.player.facing]
            target.wait = max(target.wait, WANDER_PAUSE)
            return [Event("dialogue", target.dialogue, target.name)] if target.dialogue else []
        node = target.prop("dialogue")
        if node:
            return [Event("dialogue", str(node), target.name)]
        game = target.prop("minigame")
        if game:
            return [Event("minigame", str(game), target.name)]
        return []

    # commands from dialogue -------------------------------------------------------------------------
    def find_npc(self, name: str) -> Npc | None:
        for npc in self.npcs:
            if npc.name == name:
                return npc
        for npc in self.npcs:
            if npc.who == name:
                return npc
        return None

    def npc_move(self, name: str, to) -> bool:
        npc = self.find_npc(name)
        if npc is None:
            return False
        if isinstance(to, str):
            obj = self.world.spawns().get(to)
            if obj is None:
                return False
            fx, fy = obj.feet
            target = (fx * SUB, fy * SUB)
        else:
            tx, ty = int(to[0]), int(to[1])
            target = tile_feet(self.world, tx, ty)
        npc.route, npc.route_index, npc.loop, npc.wait, npc.stuck = self.route_to(npc, target), 0, False, 0, 0
        return True

    def route_to(self, npc: Npc, target: tuple[int, int]) -> list[tuple[int, int]]:
        """Feet points (sub-pixels) leading ``npc`` to ``target`` around walls and furniture: a breadth-first
        search over tile centres (neighbours in a fixed order, so the same map always gives the same route).
        Without a way through, the straight line (the NPC stops at the first wall)."""
        return self.find_route(npc, target) or [target]

    def find_route(self, npc: Npc, target: tuple[int, int], avoid: Sequence[tuple[int, int, int, int]] = ()
                   ) -> list[tuple[int, int]] | None:
        """``route_to``'s search, also keeping clear of the boxes in ``avoid``; None when there is no way."""
        world = self.world
        tw, th = world.tile_w * SUB, world.tile_h * SUB

        def tile_of(point: tuple[int, int]) -> tuple[int, int]:
            return min(world.width - 1, max(0, point[0] // tw)), min(world.height - 1, max(0, (point[1] - 1) // th))

        start, goal = tile_of((npc.x, npc.y)), tile_of(target)
        came: dict[tuple[int, int], tuple[int, int] | None] = {start: None}
        frontier = [start]
        while frontier and goal not in came:
            nxt = []
            for cx, cy in frontier:
                for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    cell = (cx + dx, cy + dy)
                    if cell in came or not (0 <= cell[0] < world.width and 0 <= cell[1] < world.height):
                        continue
                    if cell != goal and self.collide.blocked(PLAYER.box(*tile_feet(world, *cell)), avoid):
                        continue
                    came[cell] = (cx, cy)
                    nxt.append(cell)
            frontier = nxt
        if goal not in came:
            return None
        cells = []
        cell: tuple[int, int] | None = goal
        while cell is not None:
            cells.append(cell)
            cell = came[cell]
        path = cells[::-1]  # start ... goal
        return [tile_feet(world, *c) for c in path[:-1]] + [target]

    def npc_turn(self, name: str, facing: str) -> bool:
        npc = self.find_npc(name)
        if npc is None or facing not in FACING_VECTORS:
            return False
        npc.facing = facing
        return True

    # state ------------------------------------------------------------------------------------------
    def state_bytes(self) -> bytes:
        p = self.player
        npcs = [(n.name, n.x, n.y, n.facing, n.walking, n.anim, n.route_index, n.wait, tuple(n.route), n.stuck)
                for n in self.npcs]
        return repr((self.world.name, self.tick, p.x, p.y, p.facing, p.walking, p.anim, npcs,
                     self.fade.phase, self.fade.ticks, self.fade.target_map, self.fade.target_spawn)).encode() \
            + self.triggers.state_bytes()
