"""The speedrun side of a running game: recording every run, splits, the on-screen timer, LiveSplit.

``SpeedrunSession.attach(game)`` (done by ``boot``) listens to the game without changing it: a tick
listener records each tick's frame and a state digest every ``DIGEST_INTERVAL`` ticks; a run hook
closes the old recording and opens a new one whenever ``ctx.begin_run`` starts a run. A run ends when
the stack empties, the game quits, a new run begins (restart, quit to title), the game is closed, or
the split that finishes its category happens (``game.replay.categories``). Title-screen idling is not
a run. Finished replays are saved in ``<data>/replays`` when ``ctx.persist`` is set (the last
``KEEP_RECENT`` plus every personal best), and to ``--record FILE`` when asked.

Nothing here changes the simulation: it reads ``ctx.run`` and the scenes after each tick, and its
drawing (the timer, the split deltas) only reads what it recorded.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from game import __version__
from game.core.clock import format_ticks
from game.core.files import write_atomic
from game.core.run import Run
from game.replay import categories
from game.replay.content import ContentError, content_hash, start_problem
from game.replay.format import Replay, ReplayError, ReplayHeader, encode
from game.replay.pb import pb_replay_path, prune_recent
from game.replay.recorder import Recording
from game.replay.splits import CategorySplits, SplitDelta, format_delta, load_splits, save_splits

log = logging.getLogger(__name__)

DIGEST_INTERVAL = 60  # one state digest per second of play
DELTA_SHOWN_TICKS = 180  # how long a split's delta stays on screen


def simulation_settings(settings) -> dict:
    """The settings a replay restores: ``SIMULATION_KEYS`` (assist options belong there too)."""
    return dict(settings.simulation_values())


class SpeedrunSession:
    def __init__(self, game, record_path: Path | None = None) -> None:
        self.game = game
        self.ctx = game.ctx
        self.record_path = Path(record_path) if record_path is not None else None
        self._content_hash: bytes | None = None
        self._not_recorded: str | None = None  # why the last run was not recorded, when it was not
        self.recording: Recording | None = None
        self._ending: Recording | None = None
        self.splits: CategorySplits | None = None
        self._seen_events = 0
        self._last_split_time = 0
        #: the newest split comparison and the run tick it happened on (drawn for a few seconds)
        self.last_delta: tuple[SplitDelta, int] | None = None
        #: final in-game time of a finished run, frozen on the timer until the next run
        self.final_time: int | None = None
        #: whether that finished run set a new personal best, and the personal best it is compared with
        self.final_new_pb = False
        self.final_pb: int | None = None
        self.last_replay: Replay | None = None
        self.saved: list[Path] = []
        self._livesplit = None
        self.livesplit_port = 16834  # LiveSplit Server's default port
        self._counting = False
        self._counter = 0

    @classmethod
    def attach(cls, game, record_path: Path | None = None) -> SpeedrunSession:
        session = cls(game, record_path)
        ctx = game.ctx
        ctx.run.tick_listeners.append(session.on_tick)
        ctx.run_hooks.append(session.on_new_run)
        game.overlays.append(session)
        game.on_close.append(session.close)
        session._open(ctx.run)
        return session

    # runs -------------------------------------------------------------------------------------
    def content_hash(self) -> bytes:
        if self._content_hash is None:
            self._content_hash = content_hash(self.ctx.paths.root)
        return self._content_hash

    def _open(self, run: Run) -> None:
        self.final_time = None
        self.final_new_pb = False
        self.final_pb = None
        self.last_delta = None
        self._seen_events = len(run.events)
        self._last_split_time = 0
        if not categories.is_recorded(run.start):
            self.recording = None
            self.splits = None
            return
        problem = start_problem(run.start, self.ctx.paths.root)
        if problem is None:
            try:
                fingerprint = self.content_hash()
            except ContentError as exc:
                problem = str(exc)
        if problem is not None:  # a replay that could not be verified is not written at all
            log.warning("this run is not recorded: %s", problem)
            self._not_recorded = "the run could not be recorded (see above)"
            self.recording = None
            self.splits = None
            return
        settings = simulation_settings(self.ctx.settings)
        category = categories.category_of(run.start, settings)
        from game.saves.service import embedded_text

        # a run continued from a save carries the save itself, so it can be verified from the file alone
        header = ReplayHeader(game_version=__version__, content_hash=fingerprint, seed=run.seed,
                              settings=settings, start_json=run.start.to_json(), category=category,
                              practice=categories.is_practice(run.start),
                              assisted=categories.is_assisted(settings), digest_interval=DIGEST_INTERVAL,
                              seen_lines=run.seen_at_start, save_json=embedded_text(self.ctx, run.start) or "")
        self.recording = Recording(header, run)
        if not categories.keeps_splits(run.start):  # a developer start: recorded for --record, never raced
            self.splits = None
            return
        self.splits = load_splits(self.ctx.paths.data_dir, category) if self.ctx.persist else CategorySplits(category)
        self.splits.attempts += 1
        self.recording.meta["splits"] = self.splits
        self._counting = False
        self._livesplit_start()

    def on_new_run(self, old: Run, new: Run) -> None:
        recording = self.recording
        if recording is not None and not recording.closed and recording.run is old:
            outcome = "restarted" if new.start == old.start else "left"
            if old.tick > recording.ticks:
                # the new run began during a tick: that tick's frame reaches on_tick (with the old run) next
                recording.ending_outcome = outcome
                self._ending = recording
            else:
                self._finish(recording, outcome, old, lambda: self.game.digest(old))
        self._open(new)

    def on_tick(self, run: Run, frame) -> None:
        ending = self._ending
        if ending is not None and run is ending.run:
            self._ending = None
            ending.add(frame, self.game.digest)
            self._finish(ending, ending.ending_outcome or "left", run, self.game.digest)
            return
        if ending is not None:  # begun outside a tick after all: close it with what it has
            self._ending = None
            self._finish(ending, ending.ending_outcome or "left", ending.run, self.game.digest)
        recording = self.recording
        if recording is None or recording.closed or run is not recording.run:
            return
        recording.add(frame, self.game.digest)
        finished = self._take_splits(run)
        ctx = self.ctx
        if finished is not None:
            self._finish(recording, finished[0], run, self.game.digest, game_ticks=finished[1])
        elif ctx.scenes.empty:
            self._finish(recording, "ended", run, self.game.digest)
        elif ctx.quit_requested:
            self._finish(recording, "quit", run, self.game.digest)
        else:
            self._livesplit_tick(run)

    def _take_splits(self, run: Run) -> tuple[str, int] | None:
        """Compare new splits with the PB; returns (outcome, game ticks) if one of them ends the run."""
        events = run.events
        while self._seen_events < len(events):
            tick, game_ticks, name = events[self._seen_events]
            index = self._seen_events
            self._seen_events += 1
            if self.splits is not None:
                delta = self.splits.compare(index, name, game_ticks, self._last_split_time)
                self.last_delta = (delta, run.tick)
                best = self.splits.golds.get(name)
                if best is None or delta.segment < best:
                    self.splits.golds[name] = delta.segment
            self._last_split_time = game_ticks
            self._livesplit_split(game_ticks)
            if categories.finishes_run(run.start, name):
                return (("lost" if self._lost() else "finished"), game_ticks)
        return None

    def _lost(self) -> bool:
        """Whether a scene on the stack reports a lost encounter (an ``Outcome`` with ``won`` false)."""
        for scene in self.ctx.scenes.scenes:
            outcome = scene.ended()
            if outcome is not None and getattr(outcome, "won", True) is False:
                return True
        return False

    def _finish(self, recording: Recording, outcome: str, run: Run, digest, game_ticks: int | None = None) -> None:
        if recording.closed:
            return
        if game_ticks is None:
            game_ticks = run.game_ticks
        # times count from the run's beginning (a run continued from a save begins at the save's counters)
        game_ticks -= run.base_game_ticks
        events = [(t - run.base_tick, g - run.base_game_ticks, name) for t, g, name in run.events
                  if t - run.base_tick <= recording.ticks]
        if outcome == "finished":
            events = events[:self._seen_events]
        replay = recording.finish(outcome, game_ticks, events, digest)
        self.last_replay = replay
        if outcome == "finished":
            self.final_time = game_ticks
        self._livesplit_end(outcome, game_ticks)
        if recording.ticks == 0:
            return  # a run that never ran a tick is not worth a file
        new_pb = False
        splits = recording.meta.get("splits")
        if splits is not None and self.ctx.persist:
            # assisted runs have their own category, so their own bests; a run from a save sets none
            if outcome == "finished" and not recording.header.save_json:
                new_pb = splits.finish([(s.name, s.game_ticks) for s in replay.result.splits])
            self.final_new_pb = new_pb
            self.final_pb = splits.pb_time
            try:
                data = encode(replay)
            except ReplayError as exc:
                log.warning("could not encode the replay: %s", exc)
                return
            self._autosave(data, recording.header.category, splits, new_pb)
            try:
                save_splits(self.ctx.paths.data_dir, splits)
            except OSError as exc:
                log.warning("could not save the splits: %s", exc)
        if self.record_path is not None:
            try:
                write_atomic(self.record_path, encode(replay))
                self.saved.append(self.record_path)
            except (OSError, ReplayError) as exc:
                log.warning("could not write the replay to %s: %s", self.record_path, exc)
                self.ctx.notify("The replay could not be written.")

    def _autosave(self, data: bytes, category: str, splits: CategorySplits, new_pb: bool) -> None:
        replays = self.ctx.paths.replays_dir
        stamp = time.strftime("%Y%m%d-%H%M%S")  # file names only; the simulation never reads the clock
        while True:
            self._counter += 1
            name = f"{stamp}-{self._counter:03d}-{categories.slug(category)}.nsreplay"
            if not (replays / name).exists():
                break
        try:
            write_atomic(replays / name, data)
            self.saved.append(replays / name)
            if new_pb:
                target = pb_replay_path(replays, category)
                write_atomic(target, data)
                splits.pb_replay = target.name
                self.ctx.notify(f"New personal best: {format_ticks(splits.pb_time or 0)}", 300)
            prune_recent(replays)
        except OSError as exc:
            log.warning("could not save the replay: %s", exc)

    def close(self) -> None:
        """The game is closing: finish whatever is still being recorded."""
        if self._ending is not None:
            ending, self._ending = self._ending, None
            self._finish(ending, ending.ending_outcome or "left", ending.run, self.game.digest)
        recording = self.recording
        if recording is not None and not recording.closed:
            outcome = "quit" if self.ctx.quit_requested else "stopped"
            self._finish(recording, outcome, recording.run, lambda: self.game.digest(recording.run))
        if self._livesplit is not None:
            self._livesplit.close()
        if self.record_path is not None and self.record_path not in self.saved:
            why = self._not_recorded or "no run began (the title screen is not a run)"
            log.warning("nothing was recorded to %s: %s", self.record_path, why)

    # LiveSplit Server --------------------------------------------------------------------------
    def _client(self):
        if not self.ctx.settings["livesplit_server"]:
            return None
        if self._livesplit is None:
            from game.replay.livesplit import LiveSplitClient

            self._livesplit = LiveSplitClient(port=self.livesplit_port)
        return self._livesplit

    def _livesplit_start(self) -> None:
        client = self._client()
        if client is not None:
            client.send("reset")
            client.send("starttimer")
            client.send("initgametime")
            client.send("pausegametime")
            client.set_game_time(0)

    def _livesplit_tick(self, run: Run) -> None:
        client = self._client()
        if client is None:
            return
        top = self.ctx.scenes.top
        counting = top is not None and top.counts_game_time
        if counting != self._counting:
            # paused (menus, loading): LiveSplit holds the exact time we set; running: it counts on its own
            # between our updates, so its display stays smooth
            self._counting = counting
            client.set_game_time(run.game_ticks)
            client.send("unpausegametime" if counting else "pausegametime")
        elif counting and run.tick % 15 == 0:
            client.set_game_time(run.game_ticks)
        client.poll()

    def _livesplit_split(self, game_ticks: int) -> None:
        client = self._client()
        if client is not None:
            client.set_game_time(game_ticks)
            client.send("split")

    def _livesplit_end(self, outcome: str, game_ticks: int) -> None:
        client = self._client()
        if client is not None and outcome != "finished":
            client.send("pausegametime")

    # drawing -----------------------------------------------------------------------------------
    def _results_showing(self) -> bool:
        """Whether the top scene is a finished encounter showing its results."""
        top = self.ctx.scenes.top
        return top is not None and top.ended() is not None

    def timer_text(self) -> str | None:
        """What the on-screen timer shows now, per the ``timer`` setting (None: no timer)."""
        mode = self.ctx.settings["timer"]
        if mode == "off" or self.splits is None:
            return None
        run = self.ctx.run
        if self.final_time is not None:
            ticks = self.final_time
        else:
            ticks = run.game_ticks
        if mode == "chapter":
            ticks -= self._last_split_time if self.final_time is None else 0
        return format_ticks(max(0, ticks))

    def draw(self, surface) -> None:
        from game.speedrun.overlay import draw_run_result, draw_split_delta, draw_timer

        if self.final_time is not None and self._results_showing():
            # the same time the splits keep, on the results screen, and whether it is a new best
            draw_run_result(surface, self.ctx.assets.font(), format_ticks(self.final_time),
                            None if self.final_pb is None else format_ticks(self.final_pb), self.final_new_pb)

        text = self.timer_text()
        if text is not None:
            draw_timer(surface, self.ctx.assets.font(), text, finished=self.final_time is not None,
                       label=self.ctx.settings["timer"])
        # split deltas are for runners: shown only when the on-screen timer is on
        if text is not None and self.last_delta is not None:
            delta, tick = self.last_delta
            if 0 <= self.ctx.run.tick - tick < DELTA_SHOWN_TICKS:
                draw_split_delta(surface, self.ctx.assets.font(), delta.name,
                                 format_ticks(delta.time), None if delta.delta is None else format_delta(delta.delta),
                                 delta.colour_name)
