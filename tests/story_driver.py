"""A scripted player for end-to-end story tests: walks Lena, talks, reads, chooses, hands minigames to autopilots.

``Driver(game)`` steps a booted headless game one ``ActionFrame`` at a time, deciding each frame from the
scene on top of the stack the way a player at the keyboard would: it plans a path over the exploration
core's collision tiles (4-connected, doors avoided unless they are the goal), holds the arrow keys toward
each tile, turns to face an NPC or a machine and presses CONFIRM, presses CONFIRM through dialogue lines
and moves the choice menu with UP/DOWN. Every frame it sends is kept in ``frames``, so a driven run can be
replayed through ``tests.replay_support.record_and_verify`` and must give the same digests.
"""

from __future__ import annotations

from collections import deque

from game.core.actions import Action, ActionFrame
from game.world.explore import FACING_VECTORS, Npc, interaction_target, target_rect, tile_feet
from game.world.physics import PLAYER, SUB, WALK_SPEED, point_in_rect

IDLE = ActionFrame()
CONFIRM = ActionFrame(Action.CONFIRM, Action.CONFIRM)
KEYS = {"up": Action.UP, "down": Action.DOWN, "left": Action.LEFT, "right": Action.RIGHT}


class DriveError(AssertionError):
    """The scripted player could not do what the test asked (a seam is broken)."""


class Driver:
    def __init__(self, game) -> None:
        self.game = game
        self.frames: list[ActionFrame] = []
        self._held = 0

    # basics --------------------------------------------------------------------------------------
    @property
    def ctx(self):
        return self.game.ctx

    @property
    def top(self):
        return self.ctx.scenes.top

    @property
    def explore(self):
        from game.world.scene import ExplorationScene

        for scene in reversed(self.ctx.scenes.scenes):
            if isinstance(scene, ExplorationScene):
                return scene
        raise DriveError("no exploration scene on the stack")

    @property
    def dialogue(self):
        from game.dialogue.scene import DialogueScene

        top = self.top
        return top if isinstance(top, DialogueScene) else None

    def step(self, frame: ActionFrame = IDLE) -> None:
        self.frames.append(frame)
        self.game.step(frame)

    def hold(self, action: Action, ticks: int = 1) -> None:
        """Hold ``action`` for ``ticks`` (pressed on the first tick only, like a key going down)."""
        for i in range(ticks):
            self.step(ActionFrame(int(action), int(action) if i == 0 else 0))

    def press(self, action: Action) -> None:
        self.step(ActionFrame(int(action), int(action)))
        self.step(IDLE)

    def idle(self, ticks: int) -> None:
        for _ in range(ticks):
            self.step(IDLE)

    def wait_for(self, predicate, limit: int = 600, what: str = "") -> None:
        for _ in range(limit):
            if predicate():
                return
            self.step(IDLE)
        if not predicate():
            raise DriveError(f"gave up waiting for {what or predicate}")

    # walking -------------------------------------------------------------------------------------
    def _free_tiles(self):
        core = self.explore.core
        world = core.world
        pad = 2 * SUB  # keep a little clear of NPCs, who may step along their routes
        others = [(x0 - pad, y0 - pad, x1 + pad, y1 + pad) for x0, y0, x1, y1 in (n.box() for n in core.npcs)]
        doors = [d.rect for d in world.by_kind("door")]
        free, door_tiles = set(), set()
        for ty in range(world.height):
            for tx in range(world.width):
                x, y = tile_feet(world, tx, ty)
                if core.collide.blocked(PLAYER.box(x, y), others):
                    continue
                fx, fy = x // SUB, y // SUB
                if any(point_in_rect(fx, fy, r) for r in doors):
                    door_tiles.add((tx, ty))
                else:
                    free.add((tx, ty))
        return free, door_tiles

    def _plan(self, goals: set[tuple[int, int]], free: set) -> list[tuple[int, int]]:
        core = self.explore.core
        world = core.world
        fx, fy = core.player.feet
        start = (fx // world.tile_w, fy // world.tile_h)
        free = free | {start}
        came = {start: None}
        queue = deque([start])
        while queue:
            cur = queue.popleft()
            if cur in goals:
                path = []
                while cur is not None:
                    path.append(cur)
                    cur = came[cur]
                return path[::-1]
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                nxt = (cur[0] + dx, cur[1] + dy)
                if nxt not in came and (nxt in free or nxt in goals):
                    came[nxt] = cur
                    queue.append(nxt)
        raise DriveError(f"no path on {world.name} from tile {start} to any of {sorted(goals)[:6]}")

    def _walk_point(self, x: int, y: int, limit: int = 400) -> bool:
        """Hold the arrows toward the feet point (x, y) in sub-pixels, the longer axis first. False when something
        (a wandering NPC) stands in the way, so the caller plans again around it."""
        core = self.explore.core
        tolerance = WALK_SPEED // 2 + 1
        last, stuck = None, 0
        for _ in range(limit):
            p = core.player
            dx, dy = x - p.x, y - p.y
            if abs(dx) <= tolerance and abs(dy) <= tolerance:
                return True
            axes = []  # the longer way first; the other when that one makes no progress
            if abs(dx) > tolerance:
                axes.append((abs(dx), Action.RIGHT if dx > 0 else Action.LEFT))
            if abs(dy) > tolerance:
                axes.append((abs(dy), Action.DOWN if dy > 0 else Action.UP))
            axes.sort(key=lambda a: -a[0])
            mask = axes[min(stuck % 2, len(axes) - 1)][1] if stuck else axes[0][1]
            self.step(ActionFrame(int(mask), int(mask) & ~self._held))
            self._held = int(mask)
            if core.fade.phase != "none" or self.top is not self.explore:
                return True
            stuck = stuck + 1 if (p.x, p.y) == last else 0
            if stuck > 8:
                return False
            last = (p.x, p.y)
        raise DriveError(f"could not reach ({x // SUB}, {y // SUB}) px; Lena is at {core.player.feet}")

    def walk_to_tiles(self, goals: set[tuple[int, int]], attempts: int = 12) -> tuple[int, int]:
        """Walk to any of ``goals`` (tile coordinates); returns the tile reached."""
        scene = self.explore
        for _ in range(attempts):
            free, _doors = self._free_tiles()
            path = self._plan(goals, free)
            for tile in path[1:]:
                if not self._walk_point(*tile_feet(scene.core.world, *tile)):
                    self._release()
                    self.idle(10)  # let whoever is in the way move on, then plan around them
                    break
                if self.top is not scene or scene.core.fade.phase != "none":
                    return tile
            world = scene.core.world
            fx, fy = scene.core.player.feet
            here = (fx // world.tile_w, fy // world.tile_h)
            if here in goals and self._walk_point(*tile_feet(world, *here)):
                self._release()
                return here
        raise DriveError(f"could not reach {sorted(goals)[:6]}")

    def _release(self) -> None:
        self._held = 0
        self.step(IDLE)

    def walk_through_door(self, door_name: str, limit: int = 200) -> None:
        """Walk onto the named door and wait until the next map has faded in."""
        scene = self.explore
        world = scene.core.world
        door = next((d for d in world.by_kind("door") if d.name == door_name), None)
        if door is None:
            raise DriveError(f"no door {door_name!r} on {world.name}")
        _, door_tiles = self._free_tiles()
        x, y, w, h = door.rect
        goals = {t for t in door_tiles if x <= tile_feet(world, *t)[0] // SUB < x + w
                 and y <= tile_feet(world, *t)[1] // SUB < y + h}
        before = world.name
        self.walk_to_tiles(goals)
        self._release()
        self.wait_for(lambda: scene.core.world.name != before and scene.core.fade.phase == "none", limit,
                      f"the door {door_name} to lead off {before}")

    # interacting ---------------------------------------------------------------------------------
    def _target(self, name: str):
        core = self.explore.core
        npc = core.find_npc(name)
        if npc is not None:
            return npc
        for obj in core.world.objects:
            if obj.kind == "machine" and obj.name == name:
                return obj
        raise DriveError(f"nothing called {name!r} to talk to on {core.world.name}")

    def _facing_spots(self, target, free: set) -> dict[tuple[int, int], str]:
        """Tiles from which Lena, facing some way, has ``target`` in front of her (as the core probes it)."""
        core = self.explore.core
        world = core.world
        rect = target_rect(target)
        spots = {}
        for tile in free:
            fx, fy = (v // SUB for v in tile_feet(world, *tile))
            if abs(fx - (rect[0] + rect[2] // 2)) > 48 or abs(fy - (rect[1] + rect[3] // 2)) > 48:
                continue
            for facing in FACING_VECTORS:
                if interaction_target((fx, fy), facing, core.npcs, core.machines) is target:
                    spots[tile] = facing
                    break
        return spots

    def interact(self, name: str) -> None:
        """Walk up to an NPC or machine, face it and press CONFIRM."""
        scene = self.explore
        for _ in range(4):
            target = self._target(name)
            free, _ = self._free_tiles()
            spots = self._facing_spots(target, free)
            if not spots:
                raise DriveError(f"no tile to stand on facing {name!r}")
            tile = self.walk_to_tiles(set(spots))
            facing = spots.get(tile)
            if facing is None:
                continue
            if scene.core.player.facing != facing:
                self.hold(KEYS[facing], 1)
                self._release()
            if scene.core.focus is target or (isinstance(target, Npc) and scene.core.focus is target):
                self.press(Action.CONFIRM)
                if self.top is not scene:
                    return
        raise DriveError(f"could not face {name!r} (focus is {scene.core.focus!r})")

    def talk_to(self, name: str) -> None:
        self.interact(name)
        if self.dialogue is None:
            raise DriveError(f"talking to {name!r} opened no dialogue (top: {self.top!r})")

    # dialogue ------------------------------------------------------------------------------------
    def read_until_choice(self, limit: int = 400) -> tuple[str, ...]:
        """Press CONFIRM through lines until a choice menu shows; returns the option ids on offer."""
        from game.dialogue.runner import ChoiceEvent, LineEvent

        for _ in range(limit):
            if self.staging():
                continue
            dlg = self.dialogue
            if dlg is None:
                raise DriveError(f"the conversation ended (top: {self.top!r}) before a choice")
            if isinstance(dlg.event, ChoiceEvent) and dlg.menu is not None:
                return tuple(o.id for o in dlg.event.options)
            if isinstance(dlg.event, LineEvent):
                self.press(Action.CONFIRM)
            else:
                self.step(IDLE)
        raise DriveError("no choice came")

    def choose(self, index: int) -> str:
        """Move the menu to option ``index`` (0 = first on offer) and confirm; returns the option id."""
        from game.dialogue.runner import ChoiceEvent

        dlg = self.dialogue
        if dlg is None or not isinstance(dlg.event, ChoiceEvent) or dlg.menu is None:
            raise DriveError("no choice menu is open")
        options = dlg.event.options
        if not 0 <= index < len(options):
            raise DriveError(f"option {index} of {len(options)}")
        for _ in range(len(options) * 2):
            if dlg.menu.index == index:
                break
            self.press(Action.DOWN if dlg.menu.index < index else Action.UP)
        chosen = options[index].id
        self.press(Action.CONFIRM)
        return chosen

    def read_to_end(self, choices=(), limit: int = 800) -> None:
        """Read on, answering menus with ``choices`` in order (then the first option), until the talk ends
        or a minigame takes over."""
        from game.dialogue.runner import ChoiceEvent, LineEvent

        answers = list(choices)
        for _ in range(limit):
            if self.staging():
                continue
            dlg = self.dialogue
            if dlg is None:
                return
            if isinstance(dlg.event, ChoiceEvent) and dlg.menu is not None:
                self.choose(answers.pop(0) if answers else 0)
            elif isinstance(dlg.event, LineEvent):
                self.press(Action.CONFIRM)
            else:
                self.step(IDLE)
        raise DriveError("the conversation did not end")

    def staging(self) -> bool:
        """Step once if the story is staging something the player only watches (a chapter card, a ``wait``,
        a map fading to another under a conversation); False when there is nothing to wait for."""
        from game.story.scenes import ChapterCardScene

        top = self.top
        dlg = self.dialogue
        fading = self.explore.core.fade.phase != "none" if self._has_map() else False
        if isinstance(top, ChapterCardScene) or (dlg is not None and dlg.waiting_for == "wait") or \
                (dlg is not None and fading):
            self.step(IDLE)
            return True
        return False

    def _has_map(self) -> bool:
        from game.world.scene import ExplorationScene

        return any(isinstance(s, ExplorationScene) for s in self.ctx.scenes.scenes)

    @property
    def credits(self) -> bool:
        """The credits are rolling (or over: the title screen is back)."""
        return type(self.top).__name__ in ("CreditsScene", "TitleScene")

    def settle(self, limit: int = 2000) -> None:
        """Let a cutscene finish (cards, waits, fades, scripted walks) until the map is on top and still."""
        for _ in range(limit):
            if self.credits:
                return
            if self.staging():
                continue
            if self.top is self.explore and not self.explore.core.player_route and \
                    self.explore.core.fade.phase == "none" and self.explore.cued is None:
                return
            self.step(IDLE)
        raise DriveError(f"the scene did not settle (top: {self.top!r})")

    def follow_objective(self, choices=(), pilots=None, limit: int = 6) -> str:
        """Do what the on-screen objective says: walk (through doors if it is on another map) to its target,
        use it, read the conversation (answering with ``choices``), and hand minigames to ``pilots``
        (a callable returning an autopilot, or None to fail on a minigame). Returns the objective's id."""
        objective = self.ctx.story.objective()
        if objective is None:
            raise DriveError("there is no objective to follow")
        for _ in range(limit):
            self.settle()
            scene = self.explore
            if scene.world.name == objective.map:
                break
            doors = scene.world.by_kind("door")
            toward = [d for d in doors if d.prop("target_map") == objective.map] or \
                [d for d in doors if d.prop("target_map") == "street"] or doors
            self.walk_through_door(toward[0].name)
        else:
            raise DriveError(f"could not get to {objective.map!r}")
        world = self.explore.world
        target = next((o for o in world.objects if o.name == objective.target), None)
        npc = self.explore.core.find_npc(objective.target or "")
        if npc is not None and npc.route and not npc.loop:
            self.wait_for(lambda: not npc.route, 1200, f"{npc.name} to arrive")
        if target is not None and target.kind == "door":
            self.walk_through_door(target.name)
        else:
            self.interact(objective.target)
        self.finish_conversation(choices, pilots)
        return objective.id

    def finish_conversation(self, choices=(), pilots=None, limit: int = 40) -> None:
        """Read on through lines, menus, cards and minigames until the map is back on top."""
        for _ in range(limit):
            self.read_to_end(choices)
            choices = ()
            if self.credits:
                return
            top = self.top
            if hasattr(top, "swarm") or type(top).__name__ == "SpectraScene":
                if pilots is None:
                    raise DriveError(f"a minigame started ({top!r}) and no pilot was given")
                self.play_minigame(pilots(top))
                continue
            if self.dialogue is None and not self.staging():
                self.settle()
                if self.dialogue is None:
                    return
        raise DriveError("the conversation did not finish")

    def play_minigame(self, pilot, limit: int = 20000):
        """Let ``pilot`` (an autopilot: ``attach(game)``, ``next_frame()``) play the minigame on top of the
        stack until it hands back control; returns the scene it played."""
        scene = self.top
        # the SPECTRA pilot reads the game's top scene; the swarm pilot is handed its scene
        pilot.attach(scene if hasattr(scene, "swarm") else self.game)
        for _ in range(limit):
            if self.top is not scene and scene not in self.ctx.scenes.scenes:
                return scene
            self.step(pilot.next_frame())
        raise DriveError(f"the minigame {scene!r} did not finish in {limit} ticks")
