"""The autoplayer: plays the story from the title screen to the credits through action frames alone.

``AutoPlayer`` is an input source like the keyboard (``next_frame()``, one ``ActionFrame`` per tick).
Before each frame it looks at the scene on top of the stack and decides what a player would press:

- on a map, it asks the story for the current objective (``ctx.story.objective()``), plans a path over
  the collision tiles (``game.autoplay.planner``) to the objective's target, through the doors between
  maps when the target is on another map, holds the arrow keys tile by tile, turns to face an NPC or a
  machine and presses Confirm;
- in a conversation it presses Confirm through the lines and answers menus as its ``Route`` says;
- in a minigame it hands the frames to the minigame's pilot (a careless one on a route that loses);
- in a menu (title, difficulty, pause) it moves the selection with Up/Down and confirms.

It only ever reads the game (scene attributes, the story's objective) and sends frames: it never
teleports Lena or calls into a scene to change it, so what it plays is a replay anyone can verify. The
decision logic is a generator that yields one frame per tick and reads the state again when resumed.
Never imports pygame (scenes are recognised by what they hold, not by their classes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from game.autoplay.pilots import losing_frame_source, winning_frame_source
from game.autoplay.planner import Ground, MapGraph, NoPath, bfs, facing_spots, people_tiles, tile_of
from game.autoplay.routes import Route
from game.core.actions import Action, ActionFrame
from game.dialogue.runner import ChoiceEvent, LineEvent
from game.spectra.puzzle import Dive
from game.world.explore import FACING_VECTORS, Exploration, Npc, interaction_target, tile_feet
from game.world.physics import RUN_SPEED

PARK = (0, 0)  # where the pointer rests outside the swarm (outside every menu, so it never selects a row)
TOLERANCE = RUN_SPEED // 2 + 1  # sub-pixels from a tile's standing point that count as being on it
STUCK_TICKS = 6  # ticks without moving before a walk gives up on a tile and plans again
OBJECTIVE_TICKS = 60 * 60 * 12  # an objective not reached in twelve minutes of play: the game is stuck
IDLE_TICKS = 60 * 60 * 3  # a map with nothing to do for three minutes: the game is stuck
TRIES = 40  # times the same objective's target is used without the objective moving on: the game is stuck
KEYS = {"up": Action.UP, "down": Action.DOWN, "left": Action.LEFT, "right": Action.RIGHT}
DIFFICULTY_KEYS = ("story", "normal", "hard")
PACES = ("fast", "reading")
READ_BASE, READ_PER_CHAR, READ_MAX = 40, 2, 360  # ticks a reading player looks at a finished line


class Stuck(Exception):
    """The autoplayer cannot go on: what it was doing and why (a seam of the game is broken)."""


def story_objective(ctx) -> Any:
    """The story's current objective, or None (no story layer in this build, or nothing to do)."""
    story = getattr(ctx, "story", None)
    objective = getattr(story, "objective", None)
    return objective() if callable(objective) else None


def scene_kind(scene) -> str:
    """What a scene is, from what it holds: map, dialogue, swarm, spectra, menu, credits or other."""
    if scene is None:
        return "none"
    if is_credits(scene):
        return "credits"
    if isinstance(getattr(scene, "core", None), Exploration):
        return "map"
    if getattr(scene, "runner", None) is not None and hasattr(scene, "event"):
        return "dialogue"
    if getattr(scene, "swarm", None) is not None and hasattr(scene, "phase"):
        return "swarm"
    if isinstance(getattr(scene, "dive", None), Dive):
        return "spectra"
    menu = getattr(scene, "menu", None)
    if menu is not None and hasattr(menu, "items") and hasattr(menu, "index"):
        return "menu"
    return "other"


def is_credits(scene) -> bool:
    return bool(getattr(scene, "is_credits", False)) or type(scene).__name__ == "CreditsScene"


@dataclass
class Report:
    """What the autoplayer did: shown by the command line and checked by the tests."""

    objectives: list[str] = field(default_factory=list)
    choices: list[tuple[str, int, int]] = field(default_factory=list)  # (node, option taken, options on offer)
    minigames: list[tuple[str, bool]] = field(default_factory=list)  # (game:encounter, won)


class AutoPlayer:
    """An input source that plays the game. ``attach(game)`` is called by the game loop (``Game``)."""

    def __init__(self, route: Route, difficulty: str = "normal", *, stop_at: str | None = None,
                 objectives: Callable[[Any], Any] = story_objective, pace: str = "fast") -> None:
        if pace not in PACES:
            raise ValueError(f"pace must be one of {', '.join(PACES)}")
        self.route = route
        #: fast: Confirm as soon as a line shows (a speedrunner); reading: let each line type out and be read
        self.pace = pace
        self.difficulty = difficulty
        self.stop_at = stop_at
        self.objectives = objectives
        self.game = None
        #: playing | credits | stopped | failed
        self.state = "playing"
        self.failure = ""
        self.report = Report()
        self._gen: Iterator[ActionFrame] | None = None
        self._prev_held = 0
        self._menus_seen: Counter = Counter()
        self._first_pick: dict = {}  # menu -> the answer taken the first time it showed
        self._asked = 0
        self._lost: set[str] = set()
        self._grounds: dict[int, Ground] = {}
        self._graph: MapGraph | None = None
        self._objective_id: str | None = None
        self._objective_since = 0
        self._idle_since: int | None = None
        self._sent = 0  # frames handed out so far
        self._tries = 0  # times the current objective's target was used
        self._after_loss = False  # a minigame was just lost on purpose: the next menu decides what follows

    # the input source ---------------------------------------------------------------------------
    def attach(self, game) -> None:
        self.game = game

    @property
    def finished(self) -> bool:
        return self.state != "playing"

    def next_frame(self) -> ActionFrame:
        if self.finished or self.game is None:
            return ActionFrame(0, 0, PARK)
        if self._gen is None:
            self._gen = self._play()
        self._sent += 1
        try:
            frame = next(self._gen)
        except Stuck as exc:
            self.state, self.failure = "failed", str(exc)
            frame = ActionFrame(0, 0, PARK)
        except StopIteration:
            frame = ActionFrame(0, 0, PARK)
        self._prev_held = int(frame.held)
        return frame

    # frames ---------------------------------------------------------------------------------------
    def _hold(self, held: int) -> ActionFrame:
        """Keys held this tick; those not held the tick before count as pressed (a key going down)."""
        held = int(held)
        return ActionFrame(held, held & ~self._prev_held, PARK)

    def _tap(self, action: Action) -> Iterator[ActionFrame]:
        """Press a key and let go: two ticks (a key already down is released first)."""
        if self._prev_held & int(action):
            yield self._hold(0)
        yield self._hold(int(action))
        yield self._hold(0)

    @property
    def ctx(self):
        return self.game.ctx

    # the loop -------------------------------------------------------------------------------------
    def _play(self) -> Iterator[ActionFrame]:
        while True:
            if self._stop_reached():
                self.state = "stopped"
                return
            scene = self.ctx.scenes.top
            kind = scene_kind(scene)
            if kind == "credits":
                self.state = "credits"
                return
            handler = {"map": self._explore, "dialogue": self._dialogue, "swarm": self._minigame,
                       "spectra": self._minigame, "menu": self._menu}.get(kind)
            sent = self._sent
            if handler is None:
                yield from self._other(scene)
            else:
                yield from handler(scene)
            if self._sent == sent:
                yield self._hold(0)  # every turn of the loop lets at least one tick pass

    def _stop_reached(self) -> bool:
        if self.stop_at is None:
            return False
        if not any(name == self.stop_at for _, _, name in self.ctx.run.events):
            return False
        # stop once Lena is back on a map with nothing over it (the chapter's end has been carried out)
        return scene_kind(self.ctx.scenes.top) == "map"

    def _other(self, scene) -> Iterator[ActionFrame]:
        """A scene the player only watches or confirms (a chapter card, a history screen): wait, and now
        and then press Confirm."""
        for _ in range(30):
            yield self._hold(0)
            if self.ctx.scenes.top is not scene:
                return
        yield from self._tap(Action.CONFIRM)

    # menus ----------------------------------------------------------------------------------------
    def _menu_target(self, keys: list[str]) -> str | None:
        if self.difficulty in keys and any(k in DIFFICULTY_KEYS for k in keys):
            return self.difficulty
        for key in ("new", "resume", "continue"):
            if key in keys:
                return key
        return None

    def _menu(self, scene) -> Iterator[ActionFrame]:
        menu = scene.menu
        keys = [item.key for item in menu.items]
        target = self._menu_target(keys)
        if target is None:
            yield from self._tap(Action.CANCEL)  # a screen the story does not need: back out of it
            return
        want = keys.index(target)
        if menu.index == want:
            yield from self._tap(Action.CONFIRM)
        else:
            yield from self._tap(Action.DOWN if menu.index < want else Action.UP)

    # dialogue -------------------------------------------------------------------------------------
    def _dialogue(self, scene) -> Iterator[ActionFrame]:
        event = scene.event
        if getattr(scene, "waiting_for", None) is not None:
            yield self._hold(0)  # a minigame is being pushed
            return
        if isinstance(event, ChoiceEvent) and scene.menu is not None:
            if self.pace == "reading":
                for _ in range(READ_BASE + 20):  # think it over
                    yield self._hold(0)
                    if self.ctx.scenes.top is not scene or scene.event is not event:
                        return
            options = event.options
            node = str(getattr(scene.runner, "node", "") or "")
            key = (node, tuple(o.id for o in options))
            seen = self._menus_seen[key]
            want = self.route.choose(len(options), seen, self._asked, self._after_loss, self._first_pick.get(key))
            self._first_pick.setdefault(key, want)
            self._after_loss = False
            self._menus_seen[key] += 1
            self._asked += 1
            self.report.choices.append((node, want, len(options)))
            for _ in range(2 * len(options)):
                if scene.menu.index == want or self.ctx.scenes.top is not scene:
                    break
                yield from self._tap(Action.DOWN if scene.menu.index < want else Action.UP)
            if self.ctx.scenes.top is scene and scene.menu is not None and scene.menu.index == want:
                yield from self._tap(Action.CONFIRM)
        elif isinstance(event, LineEvent):
            if self.pace == "reading":
                wait = min(READ_MAX, READ_BASE + READ_PER_CHAR * len(event.line.text))
                for _ in range(wait + 600):
                    if self.ctx.scenes.top is not scene or scene.event is not event:
                        return
                    if getattr(scene, "line_complete", True):
                        wait -= 1
                        if wait <= 0:
                            break
                    yield self._hold(0)
            yield from self._tap(Action.CONFIRM)
        else:
            yield self._hold(0)

    # minigames ------------------------------------------------------------------------------------
    def _minigame(self, scene) -> Iterator[ActionFrame]:
        kind = "swarm" if getattr(scene, "swarm", None) is not None else "spectra"
        encounter = getattr(getattr(scene, "encounter", None), "name", None) or getattr(scene, "encounter_name", "")
        name = f"{kind}:{encounter}"
        lose = self.route.loses(name) and name not in self._lost
        pilot = losing_frame_source(kind) if lose else winning_frame_source(kind)
        pilot.attach(scene if kind == "swarm" else self.game)
        while self.ctx.scenes.top is scene:
            frame = pilot.next_frame()
            self._prev_held = int(frame.held)
            yield frame
        outcome = scene.ended()
        won = bool(getattr(outcome, "won", False))
        if not won:
            self._lost.add(name)
            self._after_loss = lose
        if outcome is not None:
            self.report.minigames.append((name, won))

    # walking --------------------------------------------------------------------------------------
    def _ground(self, core: Exploration) -> Ground:
        ground = self._grounds.get(id(core.world))
        if ground is None or ground.world is not core.world:
            ground = self._grounds[id(core.world)] = Ground.of(core)
        return ground

    def _graph_of(self) -> MapGraph:
        if self._graph is None:
            self._graph = MapGraph.load(self.ctx.paths.levels)
        return self._graph

    def _interrupted(self, scene) -> bool:
        return self.ctx.scenes.top is not scene or scene.core.fade.phase != "none"

    def _step_to(self, scene, tile) -> Iterator[ActionFrame]:
        """Hold the arrows (running) toward a tile's standing point; returns False when blocked there."""
        core = scene.core
        x, y = tile_feet(core.world, *tile)
        last, stuck = None, 0
        for _ in range(240):
            p = core.player
            dx, dy = x - p.x, y - p.y
            if abs(dx) <= TOLERANCE and abs(dy) <= TOLERANCE:
                return True
            axes = []
            if abs(dx) > TOLERANCE:
                axes.append((abs(dx), Action.RIGHT if dx > 0 else Action.LEFT))
            if abs(dy) > TOLERANCE:
                axes.append((abs(dy), Action.DOWN if dy > 0 else Action.UP))
            axes.sort(key=lambda a: -a[0])
            key = axes[(stuck // 3) % len(axes)][1] if stuck else axes[0][1]
            yield self._hold(int(key) | int(Action.RUN))
            if self._interrupted(scene):
                return True
            stuck = stuck + 1 if (p.x, p.y) == last else 0
            if stuck > STUCK_TICKS:
                return False
            last = (p.x, p.y)
        return False

    def _walk(self, scene, goals: set, through: frozenset = frozenset(), attempts: int = 16,
              moving: bool = False) -> Iterator[ActionFrame]:
        """Walk to any tile of ``goals``; returns True there, False when interrupted (a dialogue, a door).
        ``moving``: the goals follow someone who may walk on, so after ``attempts`` plans it gives up (False)
        for the caller to aim again instead of calling the game stuck."""
        core = scene.core
        world = core.world
        for attempt in range(attempts):
            ground = self._ground(core)
            passable = (set(ground.free) - people_tiles(core, ground)) | set(through)
            start = tile_of(world, core.player.feet)
            path = bfs(start, goals, passable) or bfs(start, goals, set(ground.free) | set(through))
            if path is None:
                raise NoPath(f"no way on {world.name} from tile {start} to {sorted(goals)[:4]}")
            for tile in path[1:]:
                ok = yield from self._step_to(scene, tile)
                if self._interrupted(scene):
                    return False
                if not ok:
                    break
            else:
                here = tile_of(world, core.player.feet)
                if here in goals:
                    ok = yield from self._step_to(scene, here)
                    yield self._hold(0)
                    return not self._interrupted(scene)
            for _ in range(6 + 6 * attempt):  # someone is in the way: let them move on, then plan around them
                yield self._hold(0)
                if self._interrupted(scene):
                    return False
        if moving:
            return False
        raise Stuck(f"could not walk to {sorted(goals)[:4]} on {world.name}")

    # the map --------------------------------------------------------------------------------------
    def _explore(self, scene) -> Iterator[ActionFrame]:
        core = scene.core
        if core.fade.phase != "none":
            yield self._hold(0)
            return
        tick = self.ctx.run.tick
        objective = self.objectives(self.ctx)
        if objective is None:
            self._idle_since = tick if self._idle_since is None else self._idle_since
            if tick - self._idle_since > IDLE_TICKS:
                raise Stuck(f"nothing to do on {core.world.name} for {IDLE_TICKS // 3600} minutes "
                            "(the story gives no objective)")
            yield self._hold(0)
            return
        self._idle_since = None
        if objective.id != self._objective_id:
            self._objective_id, self._objective_since, self._tries = objective.id, tick, 0
            self.report.objectives.append(str(objective.id))
        elif self._tries > TRIES:
            raise Stuck(f"objective {objective.id!r} ({objective.text}): used {objective.target!r} on "
                        f"{objective.map!r} {TRIES} times and the objective did not move on")
        elif tick - self._objective_since > OBJECTIVE_TICKS:
            raise Stuck(f"objective {objective.id!r} ({objective.text}) not reached in "
                        f"{OBJECTIVE_TICKS // 3600} minutes: target {objective.target!r} on {objective.map!r}")
        try:
            yield from self._pursue(scene, objective)
        except NoPath as exc:
            raise Stuck(f"objective {objective.id!r}: {exc}") from None

    def _pursue(self, scene, objective) -> Iterator[ActionFrame]:
        core = scene.core
        world = core.world
        where = getattr(objective, "map", None) or world.name
        if where != world.name:
            doors = self._graph_of().doors_to(world.name, where)
            if not doors:
                raise Stuck(f"objective {objective.id!r} is on {where!r} and no door leads there from {world.name}")
            yield from self._through_door(scene, doors[0])
            return
        name = objective.target
        if not name:
            yield self._hold(0)  # an objective with nothing to walk to: the story moves by itself
            return
        npc = core.find_npc(name)
        if npc is not None:
            yield from self._interact(scene, npc)
            return
        found = next((o for o in world.objects if o.name == name and o.kind != "npc"), None)
        if found is None:
            raise Stuck(f"objective {objective.id!r}: no {name!r} on {world.name}")
        if found.kind == "machine":
            yield from self._interact(scene, found)
        elif found.kind == "door":
            yield from self._through_door(scene, found.name)
        elif found.kind in ("trigger", "spawn"):
            ground = self._ground(core)
            rect = found.rect if found.w and found.h else (found.x - 8, found.y - 8, 16, 16)
            goals = ground.tiles_in(rect) or {tile_of(world, found.feet)}
            yield from self._walk(scene, goals)
            yield self._hold(0)
        else:
            raise Stuck(f"objective {objective.id!r}: {name!r} is a {found.kind}, which cannot be walked to")

    def _through_door(self, scene, door: str) -> Iterator[ActionFrame]:
        core = scene.core
        ground = self._ground(core)
        tiles = ground.doors.get(door)
        if not tiles:
            raise Stuck(f"the door {door!r} on {core.world.name} has no tile to step on")
        yield from self._walk(scene, set(tiles), through=tiles)
        yield self._hold(0)

    @staticmethod
    def _facing_from_here(core, target) -> str | None:
        """The way Lena would have to face, standing where she stands, to have ``target`` in front of her."""
        feet = core.player.feet
        return next((f for f in FACING_VECTORS
                     if interaction_target(feet, f, core.npcs, core.machines) is target), None)

    def _interact(self, scene, target) -> Iterator[ActionFrame]:
        """Walk up to an NPC or a machine, face it and press Confirm."""
        core = scene.core
        if self._facing_from_here(core, target) is None:
            ground = self._ground(core)
            skip = target if isinstance(target, Npc) else None
            passable = (set(ground.free) - people_tiles(core, ground, skip=skip))
            here = tile_of(core.world, core.player.feet)
            spots = facing_spots(core, ground, target, passable | {here})
            if not spots:
                spots = facing_spots(core, ground, target, ground.free)
            if not spots:
                for _ in range(20):  # someone walking: wait for them to stand still somewhere reachable
                    yield self._hold(0)
                return
            reached = yield from self._walk(scene, set(spots), attempts=3, moving=isinstance(target, Npc))
            if not reached:
                return
        facing = self._facing_from_here(core, target)
        if facing is None:
            yield self._hold(0)
            return
        if core.player.facing != facing:
            yield self._hold(int(KEYS[facing]))
            yield self._hold(0)
        if core.focus is target and not self._interrupted(scene):
            self._tries += 1
            yield from self._tap(Action.CONFIRM)
            for _ in range(2):
                if self.ctx.scenes.top is not scene:
                    return
                yield self._hold(0)
