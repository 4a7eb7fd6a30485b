"""The exploration simulation: Lena and the NPCs on one map, tick by tick. Pure Python, no pygame.

``Exploration.step(frame, story)`` moves the player from the action frame, walks the NPCs along their
routes, fires triggers and doors, and returns what the scene must do as ``Event`` values (open a
dialogue node, start a minigame, load another map). The scene owns files and other scenes; this core
owns positions, facings, routes, the door fade and which triggers have fired. All in integers.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.core.actions import Action, ActionFrame
from game.story.conditions import Condition, ConditionError, parse_condition
from game.story.state import StoryState
from game.world.bodies import (  # noqa: F401 - re-exported: the world's public names live here too
    FACING_VECTORS,
    FADE_TICKS,
    OPPOSITE,
    PERSONAL_SPACE,
    REACH,
    SIDE_SLACK,
    Event,
    Fade,
    Npc,
    Walker,
    interaction_target,
    probe_rect,
    spaced,
    target_rect,
    tile_feet,
)
from game.world.check import parse_wander_points
from game.world.model import POSES, MapObject, WorldMap
from game.world.physics import PLAYER, RUN_SPEED, SUB, WALK_SPEED, CollisionWorld, move, point_in_rect, velocity
from game.world.stage import Staging
from game.world.triggers import TriggerTracker

NPC_SPEED = 12  # sub-pixels per tick (0.75 px)
WANDER_PAUSE = 90  # ticks an npc waits at each point of its route
STUCK_REPLAN = 30  # ticks a scripted walk waits for Lena to step aside before going round her
STUCK_PASS = 120  # ticks after which it stops waiting and squeezes past her (a cutscene never hangs)


class Exploration:
    def __init__(self, world: WorldMap, spawn: str | None = None, story: StoryState | None = None) -> None:
        self.tick = 0
        self.player = Walker(0, 0)
        self.player_route: list[tuple[int, int]] = []  # a scripted walk of Lena's (``player_move``)
        self.triggers = TriggerTracker()
        self.fade = Fade()
        self.stage = Staging()
        self.focus: MapObject | Npc | None = None  # what the player faces (for the prompt)
        self._conditions: dict[str, Condition | None] = {}
        self.story = story if story is not None else StoryState()
        self.set_world(world)
        self.place_at_spawn(spawn)

    # the map ----------------------------------------------------------------------------------------
    def set_world(self, world: WorldMap, keep_npcs: bool = False) -> None:
        old = {n.name: n for n in getattr(self, "npcs", [])} if keep_npcs else {}
        self.world = world
        self.collide = CollisionWorld(world)
        self.npcs = []
        self.sync_cast(self.story, arriving=True)
        for npc in self.npcs:
            before = old.get(npc.name)
            if before is not None:
                npc.x, npc.y, npc.facing = before.x, before.y, before.facing
        self._doors = world.by_kind("door")
        self._trigger_objects = world.by_kind("trigger")
        self._all_machines = world.by_kind("machine")
        self._machines = [m for m in self._all_machines if self.present(m, self.story)]

    def _make_npc(self, obj: MapObject) -> Npc:
        fx, fy = obj.feet
        npc = Npc(fx * SUB, fy * SUB, str(obj.prop("facing", "down")), name=obj.name, who=str(obj.prop("who", "")),
                  dialogue=str(obj.prop("dialogue", "")), line=obj.line, placement=obj.id)
        pose = str(obj.prop("pose", "standing") or "standing")
        npc.pose = pose if pose in POSES else "standing"
        self._start_wander(npc, obj)
        return npc

    def _start_wander(self, npc: Npc, obj: MapObject) -> None:
        wander = str(obj.prop("wander", "") or "").strip()
        if wander:
            npc.route = self._wander_route(wander)
            npc.loop = True
            npc.wait = WANDER_PAUSE

    # who is on the map: ``when`` ------------------------------------------------------------------------
    def present(self, obj: MapObject, story: StoryState) -> bool:
        """Whether an object with a ``when`` condition is on the map now (a broken condition: never; the
        checker reports it)."""
        text = obj.prop("when")
        if text is None or str(text).strip() == "":
            return True
        text = str(text)
        if text not in self._conditions:
            try:
                self._conditions[text] = parse_condition(text)
            except ConditionError:
                self._conditions[text] = None
        condition = self._conditions[text]
        return condition is not None and condition.evaluate(story)

    def placements(self, story: StoryState) -> dict[str, MapObject]:
        """Each person's current placement: of the npc objects sharing a name, the first whose ``when`` holds."""
        out: dict[str, MapObject] = {}
        for obj in self.world.by_kind("npc"):
            if obj.name not in out and self.present(obj, story):
                out[obj.name] = obj
        return out

    def sync_cast(self, story: StoryState, arriving: bool = False) -> None:
        """Bring the people on the map in line with the story: someone whose ``when`` stopped holding leaves,
        someone new arrives (walking in from their ``enter`` spawn, unless Lena is just arriving herself),
        and someone whose placement changed walks to the new one (unless a cutscene is walking them)."""
        placed = self.placements(story)
        order = {name: i for i, name in enumerate(placed)}
        kept = []
        for npc in self.npcs:
            obj = placed.get(npc.name)
            if obj is None:
                if npc.route and not npc.loop and not arriving:
                    kept.append(npc)  # a cutscene walks them out: they leave when they get there
                continue  # they left
            kept.append(npc)
            if obj.id == npc.placement:
                continue
            npc.placement = obj.id
            npc.dialogue = str(obj.prop("dialogue", ""))
            npc.who = str(obj.prop("who", npc.who))
            if npc.route and not npc.loop:
                continue  # a cutscene walk is under way: it decides where they end up
            fx, fy = obj.feet
            npc.route, npc.route_index, npc.loop, npc.wait, npc.stuck = self.route_to(npc, (fx * SUB, fy * SUB)), 0, \
                False, 0, 0
            npc.rest_facing = str(obj.prop("facing", "down"))
        names = {n.name for n in kept}
        for name, obj in placed.items():
            if name in names:
                continue
            npc = self._make_npc(obj)
            enter = str(obj.prop("enter", "") or "")
            spawn = self.world.spawns().get(enter) if enter and not arriving else None
            if spawn is not None:
                target = (npc.x, npc.y)
                sx, sy = spawn.feet
                npc.x, npc.y = sx * SUB, sy * SUB
                npc.route, npc.route_index, npc.loop, npc.wait = self.route_to(npc, target), 0, False, 0
                npc.rest_facing = str(obj.prop("facing", "down"))
            kept.append(npc)
        kept.sort(key=lambda n: order.get(n.name, len(order)))
        self.npcs = kept

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
        # every place keeps its own lights: a blackout does not follow Lena out, and is still there when she
        # walks back in (the story remembers each map's staging while she is elsewhere)
        if self.world.name != world.name:
            self.story.stages[self.world.name] = self.stage.to_data()
        self.stage = Staging.from_data(self.story.stages.get(world.name, {}))
        self.player_route = []
        self.set_world(world)
        self.place_at_spawn(spawn)
        self.triggers.inside = set()  # a trigger under the arrival spawn fires on arrival
        self.fade = Fade("in", 0)

    def start_transition(self, target_map: str, target_spawn: str) -> None:
        if self.fade.phase != "out":  # (a fade in is cut short: a staged scene moving on at once)
            self.fade = Fade("out", 0, target_map, target_spawn)

    # the tick ---------------------------------------------------------------------------------------
    def step(self, frame: ActionFrame, story: StoryState) -> list[Event]:
        self.tick += 1
        self.story = story
        events: list[Event] = [Event("sound", s) for s in self.stage.step()]
        self.sync_cast(story)
        self._machines = [m for m in self._all_machines if self.present(m, story)]
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
        if self.player_route:
            self._walk_player()
            return
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
                        if npc.rest_facing:
                            npc.facing, npc.rest_facing = npc.rest_facing, ""
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

    def _walk_player(self) -> None:
        """Lena's scripted walk (``player_move``): one axis at a time at walking pace, through people if she
        has to (a cutscene never hangs)."""
        p = self.player
        tx, ty = self.player_route[0]
        ddx, ddy = tx - p.x, ty - p.y
        if ddx == 0 and ddy == 0:
            self.player_route.pop(0)
            p.walking = bool(self.player_route)
            return
        if ddx:
            vx, vy = max(-WALK_SPEED, min(WALK_SPEED, ddx)), 0
            p.facing = "right" if ddx > 0 else "left"
        else:
            vx, vy = 0, max(-WALK_SPEED, min(WALK_SPEED, ddy))
            p.facing = "down" if ddy > 0 else "up"
        nx, ny, _, _ = move(self.collide, PLAYER, p.x, p.y, vx, vy)
        if (nx, ny) == (p.x, p.y):
            p.x, p.y = p.x + vx, p.y + vy  # a wall in the way of a scripted walk: the route was wrong; go on
        else:
            p.x, p.y = nx, ny
        p.walking = True
        p.anim += 1

    def player_move(self, to: str) -> bool:
        """Walk Lena to the spawn ``to`` around walls (a cutscene step)."""
        obj = self.world.spawns().get(to)
        if obj is None:
            return False
        fx, fy = obj.feet
        self.player_route = self.route_to(self.player, (fx * SUB, fy * SUB))
        return True

    @property
    def machines(self) -> list[MapObject]:
        return self._machines

    def props(self, story: StoryState) -> list[MapObject]:
        """Props and crowds on the map now (drawn only; they block nobody)."""
        return [o for o in self.world.objects if o.kind in ("prop", "crowd") and self.present(o, story)]

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

    def route_to(self, npc: Walker, target: tuple[int, int]) -> list[tuple[int, int]]:
        """Feet points (sub-pixels) leading ``npc`` to ``target`` around walls and furniture: a breadth-first
        search over tile centres (neighbours in a fixed order, so the same map always gives the same route).
        Without a way through, the straight line (the NPC stops at the first wall)."""
        return self.find_route(npc, target) or [target]

    def find_route(self, npc: Walker, target: tuple[int, int], avoid: Sequence[tuple[int, int, int, int]] = ()
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

    def npc_pose(self, name: str, pose: str) -> bool:
        npc = self.find_npc(name)
        if npc is None or pose not in POSES:
            return False
        npc.pose = pose
        return True

    def npc_turn(self, name: str, facing: str) -> bool:
        """Turn a character, or Lena herself (``lena``), to ``facing``."""
        npc = self.player if name == "lena" and self.find_npc(name) is None else self.find_npc(name)
        if npc is None or facing not in FACING_VECTORS:
            return False
        npc.facing = facing
        return True

    # state ------------------------------------------------------------------------------------------
    def state_bytes(self) -> bytes:
        p = self.player
        npcs = [(n.name, n.x, n.y, n.facing, n.walking, n.anim, n.route_index, n.wait, tuple(n.route), n.stuck,
                 n.pose, n.placement) for n in self.npcs]
        return repr((self.world.name, self.tick, p.x, p.y, p.facing, p.walking, p.anim, npcs,
                     self.fade.phase, self.fade.ticks, self.fade.target_map, self.fade.target_spawn,
                     tuple(self.player_route))).encode() + self.triggers.state_bytes() + self.stage.state_bytes()
