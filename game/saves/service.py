"""When the game saves, and loading a save into a running game.

``SaveService.attach(game)`` (done by ``boot``) listens after every tick without changing anything: it
autosaves into the ``auto`` slot when a chapter starts, when Lena arrives on another map and when a minigame
starts (a minigame is saved at its start), and once more when the game is closed with unsaved progress. The
pause menu's Save screen writes the manual slots through ``save``. Nothing is written when ``ctx.persist``
is off (a replay being verified or watched).

A run loaded from a save is a new run whose start point is ``save`` with the hash of the save's content
(``StartPoint.of("save", hash=...)``); the content itself is kept in ``ctx.content`` by hash, so Restart
goes back to the same save and the replay recorder can embed it (``game.speedrun.session``).
"""

from __future__ import annotations

import logging
import time

from game.core.run import StartPoint
from game.saves import slots
from game.saves.format import SaveError, canonical, check_body, state_hash
from game.saves.snapshot import NotSaveable, capture_state, describe, game_scenes

log = logging.getLogger(__name__)

START = "save"
SHOW_TICKS = 90  # how long "Saved" shows in the corner
CONTENT_KEY = "saves"
KEEP_BODIES = 4  # saves remembered by hash: the running one (for Restart) and a few before it


def remember(ctx, body: dict) -> str:
    """Keep a save's body in the context by its hash (start points look it up there); returns the hash."""
    digest = state_hash(body)
    known = ctx.content.setdefault(CONTENT_KEY, {})
    known.pop(digest, None)
    known[digest] = body  # newest last, so the oldest go first and a long session's memory stays flat
    while len(known) > KEEP_BODIES:
        del known[next(iter(known))]
    return digest


def body_for(ctx, start: StartPoint) -> dict | None:
    """The save a ``save`` start point names, from the context (or the boot options of ``--load``)."""
    digest = start.get("hash")
    known = ctx.content.get(CONTENT_KEY, {})
    if digest in known:
        return known[digest]
    given = ctx.options.get("save")
    if isinstance(given, dict) and state_hash(given) == digest:
        return given
    return None


def embedded_text(ctx, start: StartPoint) -> str | None:
    """The canonical text of the save a run started from (for its replay header), or None."""
    if start.name != START:
        return None
    body = body_for(ctx, start)
    return None if body is None else canonical(body).decode("ascii")


def begin_from_save(ctx, body: dict) -> None:
    """Start a new run from ``body`` (a checked save body): the title's Continue, the Load screen."""
    check_body(body)
    digest = remember(ctx, body)
    ctx.begin_run(StartPoint.of(START, hash=digest), seed=body["state"]["run"]["seed"])


def trial_restore(ctx, body: dict) -> str | None:
    """Build a save's run and scenes on the side (nothing is entered, the running game is untouched): None
    when it would load, else the reason it cannot."""
    from dataclasses import replace

    from game.core.run import Run
    from game.core.scenes import SceneStack
    from game.saves.snapshot import restore

    fresh = {"_story": None} if hasattr(ctx, "_story") else {}  # a story layer of its own, not the game's
    scratch = replace(ctx, run=Run(seed=0), scenes=SceneStack(), notices=[], run_hooks=[], options={}, **fresh)
    try:
        check_body(body)
        restore(scratch, body)
    except SaveError as exc:
        return exc.reason
    except Exception as exc:  # noqa: BLE001 - a save that cannot be built is reported, never a crash
        return f"it cannot be restored ({type(exc).__name__}: {exc})"
    return None


def utc_stamp() -> str:
    """The date of a save, for the player only (the simulation never reads it)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class SaveService:
    def __init__(self, ctx, thumbnail=None) -> None:
        self.ctx = ctx
        #: callable(ctx) -> PNG bytes or None: a picture of the moment (drawn, never changing state)
        self.thumbnail = thumbnail
        self._run = None
        self._chapter = None
        self._map = None
        self._map_scene = None
        self._minigame = None
        self._pending: str | None = None  # an autosave that waits for a moment it can be made
        self.saved_game_ticks = 0
        self.last_path = None
        self.last_error: str | None = None
        #: (run, tick) of the last save written, for the "Saved" mark in the corner (drawing only)
        self._shown: tuple[object, int] | None = None

    @classmethod
    def attach(cls, game, thumbnail=None) -> SaveService:
        service = cls(game.ctx, thumbnail)
        game.ctx.saves = service
        game.ctx.run.tick_listeners.append(service.on_tick)
        game.on_close.append(service.on_close)
        game.overlays.append(service)
        return service

    def draw(self, surface) -> None:
        """A small "Saved" in the bottom-right corner for a moment after a save is written (reads only)."""
        shown = self._shown
        if shown is None or shown[0] is not self.ctx.run or not 0 <= self.ctx.run.tick - shown[1] < SHOW_TICKS:
            return
        from game.ui.palette import colour

        font = self.ctx.assets.font()
        w, h = surface.get_size()
        font.draw(surface, "Saved", (w - 8, h - font.line_height - 6), colour("cyan_light"), shadow=colour("ink"),
                  align="right")

    @property
    def saves_dir(self):
        return self.ctx.paths.saves_dir

    # watching the run ---------------------------------------------------------------------------
    def on_tick(self, run, frame) -> None:
        ctx = self.ctx
        if run is not ctx.run:
            return
        if run is not self._run:
            self._new_run(run)
        try:
            explore, _dialogue, minigame = game_scenes(ctx)
        except NotSaveable:
            return
        if minigame is not None and minigame is not self._minigame:
            self._minigame = minigame
            self.autosave("minigame", minigame_start=True)
            return
        if minigame is None:
            self._minigame = None
        chapter = run.story.chapter
        if chapter != self._chapter:
            self._chapter = chapter
            self._pending = "chapter"
        if explore is self._map_scene and explore.world.name != self._map:
            self._pending = self._pending or "map"
        self._map_scene, self._map = explore, explore.world.name
        if self._pending is not None and minigame is None:
            reason = self._pending
            if self.autosave(reason):
                self._pending = None

    def _new_run(self, run) -> None:
        self._run = run
        self._minigame = None
        self._pending = None
        self.saved_game_ticks = run.base_game_ticks  # a loaded run starts saved; any play after it is progress
        loaded = run.start.name in (START, "continue")
        # a run continued from a save starts saved (its chapter, place and minigame are not news); a new story
        # run starts its first chapter
        self._chapter = run.story.chapter if loaded else None
        self._map, self._map_scene = None, None
        try:
            explore, _dialogue, minigame = game_scenes(self.ctx)
        except NotSaveable:
            return
        self._map_scene, self._map = explore, explore.world.name
        self._minigame = minigame if loaded else None

    # unsaved progress ----------------------------------------------------------------------------
    def unsaved_progress(self) -> bool:
        """Whether play time has passed in the story since the last save (or load)."""
        ctx = self.ctx
        try:
            game_scenes(ctx)
        except NotSaveable:
            return False
        if ctx.run is not self._run:
            return ctx.run.game_ticks > 0
        return ctx.run.game_ticks > self.saved_game_ticks

    # saving ---------------------------------------------------------------------------------------
    def build(self, slot: str, reason: str, *, minigame_start: bool = False) -> dict:
        """The body of a save of this moment (``NotSaveable`` when there is nothing to save)."""
        ctx = self.ctx
        state = capture_state(ctx, minigame_start=minigame_start)
        serial = slots.next_serial(self.saves_dir) if ctx.persist else 1
        meta = describe(ctx, state, slot=slot, reason=reason, saved_at=utc_stamp(), serial=serial)
        return {"meta": meta, "state": state}

    def save(self, slot: str, reason: str = "manual", *, minigame_start: bool = False) -> bool:
        """Save this moment into ``slot``; False (and ``last_error``) when it could not be written."""
        ctx = self.ctx
        if not ctx.persist:
            return False
        try:
            body = self.build(slot, reason, minigame_start=minigame_start)
        except NotSaveable as exc:
            self.last_error = str(exc)
            return False
        picture = None
        if self.thumbnail is not None:
            try:
                picture = self.thumbnail(ctx)
            except Exception as exc:  # noqa: BLE001 - a picture is never worth losing a save
                log.info("no thumbnail for the save: %s", exc)
        try:
            self.last_path = slots.write_slot(self.saves_dir, slot, body, picture)
        except (OSError, SaveError, ValueError) as exc:
            log.warning("could not save into slot %s: %s", slot, exc)
            self.last_error = f"The game could not be saved ({exc})."
            ctx.notify(self.last_error, 300)
            return False
        self.last_error = None
        self.saved_game_ticks = ctx.run.game_ticks
        self._shown = (ctx.run, ctx.run.tick)
        self._run = ctx.run
        return True

    def autosave(self, reason: str, *, minigame_start: bool = False) -> bool:
        """Save into the ``auto`` slot; True once written (or when nothing is ever written: no persist)."""
        if not self.ctx.persist:
            return True
        return self.save(slots.AUTO, reason, minigame_start=minigame_start)

    def on_close(self) -> None:
        """The game is closing: keep what was played since the last save."""
        if self.ctx.persist and self.ctx.run is self._run and self.unsaved_progress():
            self.autosave("closed")
