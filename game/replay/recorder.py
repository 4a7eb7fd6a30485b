"""Collecting one run while it is played: its frames (run-length encoded as they arrive), a state
digest every ``digest_interval`` ticks and at the end, and its splits.

The recorder is fed by whoever owns the game loop (``game.speedrun.session``); it never looks at the
scenes itself and never imports pygame. ``digest`` is a callable returning the game's state digest
(hex) at the moment it is called, which is always right after a tick.
"""

from __future__ import annotations

from collections.abc import Callable

from game.core.actions import ActionFrame
from game.replay.format import InputRun, Replay, ReplayHeader, ReplayResult, Split


class Recording:
    def __init__(self, header: ReplayHeader, run) -> None:
        self.header = header
        self.run = run  # the game.core.run.Run being recorded (compared by identity)
        self.ticks = 0
        self._runs: list[list] = []  # [length, held, pressed, x, y], mutable while recording
        self.checkpoints: list[tuple[int, bytes]] = []
        self.closed = False
        #: set when a new run began during this run's last tick: the frame of that tick is still to come
        self.ending_outcome: str | None = None
        #: whatever the owner keeps with the recording (the session keeps the category's splits)
        self.meta: dict = {}

    def add(self, frame: ActionFrame, digest: Callable[[], str]) -> None:
        """Record the frame of the tick that just ran; take a digest if this tick is a checkpoint."""
        self.ticks += 1
        x, y = frame.pointer
        runs = self._runs
        if runs:
            last = runs[-1]
            if last[1] == frame.held and last[2] == frame.pressed and last[3] == x and last[4] == y:
                last[0] += 1
            else:
                runs.append([1, frame.held, frame.pressed, x, y])
        else:
            runs.append([1, frame.held, frame.pressed, x, y])
        if self.ticks % self.header.digest_interval == 0:
            self.checkpoint(digest())

    def checkpoint(self, digest_hex: str) -> None:
        if self.checkpoints and self.checkpoints[-1][0] == self.ticks:
            return
        if self.ticks:
            self.checkpoints.append((self.ticks, bytes.fromhex(digest_hex)))

    def finish(self, outcome: str, game_ticks: int, events, final_digest: Callable[[], str]) -> Replay:
        """Close the recording (taking the final digest if the last tick has none) and build the replay."""
        if not self.checkpoints or self.checkpoints[-1][0] != self.ticks:
            self.checkpoint(final_digest())
        self.closed = True
        splits = tuple(Split(name, tick, gt) for tick, gt, name in events if tick <= self.ticks)
        runs = tuple(InputRun(r[0], r[1], r[2], (r[3], r[4])) for r in self._runs)
        result = ReplayResult(outcome=outcome, ticks=self.ticks, game_ticks=game_ticks, splits=splits)
        return Replay(header=self.header, runs=runs, checkpoints=tuple(self.checkpoints), result=result)
