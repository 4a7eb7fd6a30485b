"""The exploration scene: wires ``Exploration`` (the pure core) to input, other scenes, files and drawing.

It loads maps (and, in dev mode, reloads them when their files change on disk), turns the core's
events into map changes and, through the story layer (``ctx.story``: dialogue, minigames, the pause
menu), into other scenes, and draws the map with ``render.MapView``, its staging (``staging_view``) and
the objective and prompts (``hud``). Conversations call back into ``dialogue_command`` for the map and
staging commands (``npc_move``, ``lights``, ``crowd``...). This package imports nothing above it.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from game.core.actions import Action, ActionFrame
from game.core.files import is_file
from game.core.scenes import Scene
from game.ui.palette import colour
from game.world.dev_overlay import draw_dev_overlay, draw_reload_errors
from game.world.explore import Event, Exploration, Npc
from game.world.model import WorldMap, load_map
from game.world.stage import Staging
from game.world.tmx import TmxError

log = logging.getLogger(__name__)

LIFT_STEP = 8  # pixels a tick the camera rises over a dialogue box (and settles back after)
RELOAD_EVERY = 30  # ticks between two looks at the map files in dev mode (half a second)
SCREEN_W, SCREEN_H = 640, 360
GHOST_ALPHA = 90  # how strongly Lena shows through a tree or a door frame in front of her (0..255)
#: commands that stage the place itself: given during a fade out (after a change_map), they wait for the arrival
STAGING_COMMANDS = ("lights", "alarm", "crowd", "shake", "pose", "npc_move", "npc_turn", "player_move", "camera",
                    "change_map")
GLANCE = {"down": ("left", "right"), "up": ("left", "right"), "left": ("down", "up"), "right": ("down", "up")}


SEAT_REACH = 56  # pixels: a seated person this close to a map's ``seat`` is drawn sitting in it
SEAT_OVER = 16  # a seated person is drawn over the chair they sit in (their feet are on it)


def seat_for(feet: tuple[int, int], seats: list[tuple[int, int]]) -> tuple[int, int]:
    """Where to draw someone seated whose feet are at ``feet``: the nearest seat in reach, else where they are."""
    best, best_d = feet, SEAT_REACH * SEAT_REACH + 1
    for sx, sy in seats:
        d = (sx - feet[0]) ** 2 + (sy - feet[1]) ** 2
        if d < best_d:
            best, best_d = (sx, sy), d
    return best


class MapLoadError(Exception):
    """A map that cannot be loaded, with the checker's ``path:line: message`` text."""


def resolve_map(levels: Path, name: str) -> Path:
    """A map given as a path inside the content root (``levels/clinic.tmx``), an absolute path, a file name
    or a bare name (``clinic``). A relative path is never looked up in the working folder (the command
    line turns what was typed into a content path first), so a replay finds the same map from anywhere."""
    candidate = Path(name)
    if candidate.suffix != ".tmx":
        try:
            candidate = candidate.with_suffix(".tmx")
        except ValueError:  # "." or "/": no file name at all
            raise MapLoadError(f"no map {name!r}") from None
    root = Path(levels).parent
    first = candidate if candidate.is_absolute() else root / candidate
    for path in (first, Path(levels) / candidate, Path(levels) / candidate.name):
        if is_file(path):
            return path
    raise MapLoadError(f"no map {name!r} (looked for {candidate} and {Path(levels) / candidate.name})")


def read_map(path: Path) -> WorldMap:
    try:
        return load_map(path)
    except TmxError as exc:
        raise MapLoadError(str(exc)) from None


class ExplorationScene(Scene):
    update_when_covered = True  # NPCs keep walking under a dialogue box (cutscenes); see ``update``

    def __init__(self, ctx, map_path: Path | str, spawn: str | None = None) -> None:
        self.ctx = ctx
        self.levels = Path(ctx.paths.levels)
        self.map_path = Path(map_path)
        world = read_map(self.map_path)
        if spawn and spawn not in world.spawns():
            known = ", ".join(sorted(world.spawns())) or "none"
            raise MapLoadError(f"{self.map_path}: no spawn {spawn!r} on this map (spawns: {known})")
        self.core = Exploration(world, spawn, ctx.run.story)
        self.reload_errors: list[str] = []
        self._mtimes = self._watch_stamp() if ctx.dev else {}
        self._view = None
        self._view_world: WorldMap | None = None
        self._sprites: dict[str, pygame.Surface] = {}
        self._lift = 0  # the camera's eased lift over a dialogue box: drawing only, never in state_bytes
        self.banner_until = 150
        self.cued: str | None = None  # a dialogue node to open once Lena stands still (a chapter's opening)
        self.camera_on: str | None = None  # a spawn the camera looks at instead of Lena (a staged scene)
        # what the prompts have taught (drawing only: which hint to show next)
        self.walked_ticks = 0
        self.ran = False
        self.pause_taught_until = 0
        self._staging_view = None
        self._after_arrival: list[tuple[str, dict]] = []
        #: a scene shown over the map as it first appears (a chapter's title card when a run begins there)
        self.cover: Scene | None = None

    @property
    def world(self) -> WorldMap:
        return self.core.world

    # lifecycle --------------------------------------------------------------------------------------
    def enter(self) -> None:
        self._play_music()
        if self.cover is not None:
            cover, self.cover = self.cover, None
            self.ctx.scenes.push(cover)

    def _play_music(self) -> None:
        music = self.world.map_property("music")
        if music:
            self.ctx.audio.play_music(str(music))

    # the tick ---------------------------------------------------------------------------------------
    def update(self, frame: ActionFrame) -> None:
        self._ease_lift()
        top = self.ctx.scenes.top
        if top is not self and getattr(top, "host", None) is not self:
            return  # paused, in a minigame or a menu: the map stands still
        if self.ctx.dev and self.core.tick % RELOAD_EVERY == 0:
            self.poll_reload()
        if top is self and frame.was_pressed(Action.PAUSE) and self._story() is not None:
            self._story().pause()
            return
        if top is self and frame.was_pressed(Action.HINT) and self._story() is not None:
            self.ctx.notify(self._story().hint(self.world.name), 360)
        walking_before = self.core.player.walking
        toured_before = self.ctx.run.story.has("toured")
        for event in self.core.step(frame, self.ctx.run.story):
            self._handle(event)
        p = self.core.player
        if p.walking and (not walking_before or p.anim % 16 == 8):
            self.ctx.audio.play_sfx("step")
        if top is self and frame.direction() != (0, 0):
            self.walked_ticks += 1
            self.ran = self.ran or frame.is_held(Action.RUN)
        if not toured_before and self.ctx.run.story.has("toured"):
            self.pause_taught_until = self.core.tick + 420
        if self.cued and top is self and self.core.fade.phase == "none":
            node, self.cued = self.cued, None
            self.open_dialogue(node)

    def _story(self):
        return getattr(self.ctx, "story", None)

    def cue(self, node: str) -> None:
        """Open dialogue ``node`` on the next tick this map is on top (a chapter's opening scene)."""
        self.cued = node

    @property
    def banner_showing(self) -> bool:
        return self.core.tick < self.banner_until and bool(self.world.map_property("title"))

    def _handle(self, event: Event) -> None:
        if event.kind == "dialogue":
            self.open_dialogue(event.value)
        elif event.kind == "minigame":
            self.open_minigame(event.value)
        elif event.kind == "change_map":
            self.change_map(event.value, event.extra)
        elif event.kind == "sound":
            self.ctx.audio.play_sfx(event.value)

    def open_dialogue(self, node_id: str) -> None:
        story = self._story()
        if story is None:
            self.ctx.notify(f"(dialogue {node_id!r}: no story layer)", 120)
            return
        story.open_dialogue(self, node_id)

    def open_minigame(self, spec: str) -> None:
        story = self._story()
        if story is None:
            self.ctx.notify(f"(minigame {spec!r} is not available)", 120)
            return
        story.open_minigame(self, spec)

    def after_minigame(self, outcome) -> None:
        log.info("minigame finished: %s", outcome)
        self._play_music()  # the place's music again, after the minigame's

    def place(self, name: str, spawn: str) -> None:
        """Put Lena on map ``name`` at ``spawn`` at once (the screen is black: a chapter card). Time has
        passed: every map's lights, alarm and crowd start afresh."""
        stages = self.ctx.run.story.stages
        stages.clear()
        if name == self.world.name:
            self.core.stage = type(self.core.stage)()
            self.core.player_route = []
            self.core.place_at_spawn(spawn)
            self.core.sync_cast(self.ctx.run.story)
            return
        self.change_map(name, spawn)
        stages.clear()  # (the map left behind was remembered on the way out)
        self.core.fade.phase, self.core.fade.ticks = "none", 0

    def change_map(self, name: str, spawn: str) -> None:
        """Load map ``name`` and put Lena at ``spawn`` (the door fade has already gone dark)."""
        try:
            path = resolve_map(self.levels, name)
            world = read_map(path)
            if spawn not in world.spawns():
                raise MapLoadError(f"{path}: no spawn {spawn!r}")
        except MapLoadError as exc:
            self.ctx.notify(f"Cannot go there: {exc}", 300)
            self.core.fade.phase, self.core.fade.ticks = "in", 0
            return
        self.map_path = path
        self.core.arrive(world, spawn)
        self.camera_on = None
        waiting, self._after_arrival = self._after_arrival, []
        for name, args in waiting:
            self.dialogue_command(name, args)
        self._mtimes = self._watch_stamp() if self.ctx.dev else {}
        self.banner_until = self.core.tick + 150
        self._play_music()

    def dialogue_command(self, name: str, args: dict) -> None:
        """Commands a dialogue runs on the map: people (``npc_move``, ``npc_turn``, ``pose``, ``player_move``),
        places (``change_map``, ``camera``) and staging (``lights``, ``alarm``, ``crowd``, ``shake``)."""
        ok = True
        core = self.core
        pending = (core.fade.phase == "out" and name in STAGING_COMMANDS) or (
            name == "change_map" and core.fade.phase == "out")
        if pending:
            self._after_arrival.append((name, dict(args)))  # for the place Lena is about to arrive at
            return
        try:
            if name == "npc_move":
                ok = core.npc_move(str(args.get("npc", "")), args.get("to"))
            elif name == "npc_turn":
                ok = core.npc_turn(str(args.get("npc", "")), str(args.get("facing", "")))
            elif name == "pose":
                ok = core.npc_pose(str(args.get("npc", "")), str(args.get("pose", "")))
            elif name == "player_move":
                ok = core.player_move(str(args.get("to", "")))
            elif name == "change_map":  # (a staged camera stays through the fade out: reset on arrival)
                core.start_transition(str(args.get("map", "")), str(args.get("spawn", "start")))
            elif name == "camera":
                target = str(args.get("to", "lena"))
                ok = target == "lena" or target in self.world.spawns()
                self.camera_on = None if target == "lena" or not ok else target
            elif name == "lights":
                core.stage.set_lights(str(args.get("mode", "on")))
            elif name == "alarm":
                core.stage.set_alarm(args.get("state") == "on")
            elif name == "crowd":
                core.stage.set_crowd(str(args.get("mood", "quiet")))
            elif name == "shake":
                core.stage.start_shake(int(args.get("ticks", 0)))
            else:
                ok = False
        except ValueError as exc:
            log.warning("map command %s %r: %s", name, args, exc)
            ok = False
        if not ok:
            log.warning("map command %s %r did nothing on %s", name, args, self.world.name)

    # dev: hot reload --------------------------------------------------------------------------------
    def _watched(self) -> list[Path]:
        files = [self.map_path]
        files += [ts.source for ts in self.world.tilesets]
        return files

    def _watch_stamp(self) -> dict[str, int]:
        stamp = {}
        for path in self._watched():
            try:
                stamp[str(path)] = path.stat().st_mtime_ns
            except OSError:
                stamp[str(path)] = -1
        return stamp

    def poll_reload(self) -> bool:
        """Dev mode: reload the map if its files changed. Returns True when a new map was loaded."""
        stamp = self._watch_stamp()
        if stamp == self._mtimes:
            return False
        self._mtimes = stamp
        from game.world.check import check_map

        problems = check_map(self.map_path)
        if problems:
            self.reload_errors = [str(p) for p in problems]
            return False
        try:
            world = read_map(self.map_path)
        except MapLoadError as exc:
            self.reload_errors = [str(exc)]
            return False
        self.reload_errors = []
        px, py = self.core.player.x, self.core.player.y
        self.core.set_world(world, keep_npcs=True)
        self.core.player.x, self.core.player.y = px, py
        self._mtimes = self._watch_stamp()
        self.ctx.notify(f"Reloaded {self.map_path.name}", 90)
        return True

    # state ------------------------------------------------------------------------------------------
    def state_bytes(self) -> bytes:
        return self.core.state_bytes()

    def snapshot(self) -> dict:
        """Where Lena is, as plain JSON-able data, for a story save."""
        p = self.core.player
        return {"map": self.world.name, "x": p.x, "y": p.y, "facing": p.facing,
                "fired": sorted(self.core.triggers.fired), "stage": self.core.stage.to_data()}

    def restore(self, data: dict) -> None:
        """Put Lena back where ``snapshot`` found her (same map; call on a scene built for that map)."""
        p = self.core.player
        p.x, p.y = int(data.get("x", p.x)), int(data.get("y", p.y))
        if data.get("facing") in ("down", "left", "right", "up"):
            p.facing = data["facing"]
        self.core.triggers.fired = {str(k) for k in data.get("fired", [])}
        if isinstance(data.get("stage"), dict):  # the lights, the alarm and the crowd as they were
            self.core.stage = Staging.from_data(data["stage"])

    # drawing ----------------------------------------------------------------------------------------
    def _sprite(self, who: str) -> pygame.Surface | None:
        if who not in self._sprites:
            try:
                self._sprites[who] = self.ctx.assets.image(f"sprites/{who}.png")
            except Exception:  # noqa: BLE001 - a missing sprite is drawn as a marker, never a crash
                self._sprites[who] = None
        return self._sprites[who]

    def camera(self, lift: int = 0) -> tuple[int, int]:
        """The top-left map pixel on screen. ``lift``: pixels at the bottom of the screen covered by a box
        (a conversation), so Lena and whoever she talks to are framed in the part still visible."""
        mw, mh = self.world.pixel_size
        fx, fy = self.core.player.feet
        looking_at = self.world.spawns().get(self.camera_on) if self.camera_on else None
        if looking_at is not None:
            fx, fy = looking_at.feet
        view_h = SCREEN_H - lift
        cx = (mw - SCREEN_W) // 2 if mw <= SCREEN_W else max(0, min(mw - SCREEN_W, fx - SCREEN_W // 2))
        cy = (mh - SCREEN_H) // 2 if mh <= SCREEN_H else max(0, min(mh - SCREEN_H, fy - 12 - SCREEN_H // 2))
        if lift:  # may scroll past the map's bottom edge: that strip is under the box
            cy = max(cy, min(fy + 16 - view_h, mh - view_h))
        return cx, cy

    def _ease_lift(self) -> None:
        """Once a tick: ease the camera's lift toward what a conversation over this map covers. The lift only
        moves the picture (drawing), never anything in ``state_bytes``."""
        # any conversation of this map counts, also under a pause menu or while a minigame runs above it
        target = max((int(getattr(s, "covers_bottom", 0) or 0) for s in self.ctx.scenes.scenes
                      if getattr(s, "host", None) is self), default=0)
        self._lift += max(-LIFT_STEP, min(LIFT_STEP, target - self._lift))

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        from game.world.hud import draw_hud, draw_notice
        from game.world.render import MapView, Sprite, character_frame, draw_shadow
        from game.world.staging_view import StagingView, posed_frame

        if self._view is None or self._view_world is not self.world:
            self._view, self._view_world = MapView(self.world), self.world
        if self._staging_view is None:
            self._staging_view = StagingView(self)
        view, staging = self._view, self._staging_view
        tick = self.core.tick
        cam_x, cam_y = self.camera(self._lift)
        sx, sy = staging.shake_offset(bool(self.ctx.settings["screen_shake"]))
        cam_x, cam_y = cam_x + sx, cam_y + sy
        surface.fill(colour("ink"))
        view.draw_ground(surface, cam_x, cam_y, tick)
        sprites = view.furniture_sprites(cam_x, cam_y, SCREEN_W, SCREEN_H, tick)
        sprites += staging.sprites(self.ctx.run.story, cam_x, cam_y)
        walkers = [("lena", self.core.player, "", "standing")] + [
            (n.who, n, self.idle_facing(i, n), n.pose) for i, n in enumerate(self.core.npcs)]
        seats = [s.feet for s in self.world.by_kind("seat")]
        for who, body, facing, pose in walkers:
            sheet = self._sprite(who)
            fx, fy = body.feet
            sort_y = fy
            if pose == "seated":  # someone seated beside a chair is drawn in it, over it (drawing only)
                fx, fy = seat_for((fx, fy), seats)
                sort_y = fy + (SEAT_OVER if (fx, fy) in seats else 0)

            def draw_body(s, cx, cy, sheet=sheet, body=body, fx=fx, fy=fy, facing=facing or body.facing, pose=pose):
                draw_shadow(s, fx - cx, fy - cy)
                if sheet is None:
                    pygame.draw.rect(s, colour("magenta"), (fx - cx - 6, fy - cy - 20, 12, 20))
                    return
                frame, dx, dy = posed_frame(character_frame(sheet, facing, body.walking, body.anim), pose)
                s.blit(frame, (fx - cx - 8 + dx, fy - cy - 23 + dy))

            sprites.append(Sprite(sort_y, 1, draw_body))
        for sprite in sorted(sprites, key=lambda sp: (sp.sort_y, sp.order)):
            sprite.draw(surface, cam_x, cam_y)
        view.draw_above(surface, cam_x, cam_y, tick)
        self._draw_ghost(surface, view, cam_x, cam_y)
        flashes = bool(self.ctx.settings["flashes"])
        staging.draw_lighting(surface, cam_x, cam_y, flashes)
        staging.draw_alarm(surface, flashes)
        if self.ctx.debug_overlay:
            draw_dev_overlay(self, surface, cam_x, cam_y)
        draw_hud(surface, self, cam_x, cam_y)
        self._draw_banner(surface)
        if self.reload_errors:
            draw_reload_errors(self, surface)
        level = self.core.fade.level
        if level:
            shade = pygame.Surface((SCREEN_W, SCREEN_H), pygame.SRCALPHA)
            shade.fill((*colour("ink"), level))
            surface.blit(shade, (0, 0))
        draw_notice(surface, self.ctx, self.ctx.assets.font())

    def _draw_ghost(self, surface: pygame.Surface, view, cam_x: int, cam_y: int) -> None:
        """Lena is never lost behind a tree, a shelf or a door frame: where something is drawn over her, a faint
        copy of her shows through it."""
        from game.world.render import character_frame

        sheet = self._sprite("lena")
        p = self.core.player
        fx, fy = p.feet
        if sheet is None or not view.covers((fx - 8, fy - 23, 16, 24), fy):
            return
        ghost = character_frame(sheet, p.facing, p.walking, p.anim).copy()
        ghost.set_alpha(GHOST_ALPHA)
        surface.blit(ghost, (fx - cam_x - 8, fy - cam_y - 23))

    def idle_facing(self, index: int, npc: Npc) -> str:
        """Idle animation: a standing NPC glances to either side now and then (drawing only)."""
        if npc.walking or npc is self.core.focus:
            return npc.facing
        phase = (self.core.tick + index * 97) % 420
        sides = GLANCE[npc.facing]
        if phase < 45:
            return sides[0]
        if 210 <= phase < 255:
            return sides[1]
        return npc.facing

    def _draw_banner(self, surface: pygame.Surface) -> None:
        if self.core.tick >= self.banner_until:
            return
        title = self.world.map_property("title")
        if not title:
            return
        font = self.ctx.assets.font()
        w = font.width(str(title), scale=2) + 24
        from game.ui.widgets import draw_panel

        rect = pygame.Rect(12, 12, w, font.line_height * 2 + 10)
        draw_panel(surface, rect)
        font.draw(surface, str(title), (rect.x + 12, rect.y + 5), colour("white"), scale=2, shadow=colour("ink"))
