"""Shared by the replay tests: a tiny deterministic scene, its start point, and ``record_and_verify``.

``dot_scene_registered`` (a fixture in conftest style, used via ``register_dot``) adds the start point
``test-dot`` to ``game.starts.factories``: a dot that moves with the held direction, jumps to the
pointer on click, drifts by the run's RNG, splits (``dot:N``) on CONFIRM and ``chapter-N`` on RECALL,
and opens the pause menu on PAUSE. The lead reuses ``record_and_verify`` for swarm, spectra and maps.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.core.scenes import Scene

CONFIRM = ActionFrame(Action.CONFIRM, Action.CONFIRM)
CANCEL = ActionFrame(Action.CANCEL, Action.CANCEL)
PAUSE = ActionFrame(Action.PAUSE, Action.PAUSE)
DOWN = ActionFrame(Action.DOWN, Action.DOWN)
UP = ActionFrame(Action.UP, Action.UP)
RIGHT = ActionFrame(Action.RIGHT, Action.RIGHT)
RECALL = ActionFrame(Action.RECALL, Action.RECALL)
IDLE = ActionFrame()


class DotScene(Scene):
    """Counts ticks and moves a dot from the frames and the run's RNG."""

    def __init__(self, ctx, start: StartPoint) -> None:
        self.ctx = ctx
        self.start = start
        self.t = 0
        self.rng = ctx.run.rng.stream("dot")
        self.x, self.y = 320, 180
        self.marks = 0

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        dx, dy = frame.direction()
        self.x = min(639, max(0, self.x + dx * 2))
        self.y = min(359, max(0, self.y + dy * 2))
        if frame.was_pressed(Action.POINTER):
            self.x, self.y = frame.pointer
        if self.t % 10 == 0:
            self.x = min(639, max(0, self.x + self.rng.randint(-1, 1)))
        if frame.was_pressed(Action.CONFIRM):
            self.marks += 1
            self.ctx.run.mark(f"dot:{self.marks}")
        if frame.was_pressed(Action.RECALL):
            self.ctx.run.mark(f"chapter-{self.start.get('chapter', '1')}")
        if frame.was_pressed(Action.PAUSE):
            from game.scenes.pause import PauseScene

            self.ctx.scenes.push(PauseScene(self.ctx, restart=self.start))

    def state_bytes(self) -> bytes:
        return f"dot:{self.t}:{self.x}:{self.y}:{self.marks}".encode()

    def draw(self, surface, alpha: float) -> None:
        surface.fill((28, 30, 48))
        pygame.draw.circle(surface, (72, 214, 226), (self.x, self.y), 4)


def _dot(ctx, start):
    return DotScene(ctx, start)


def _menus(ctx, start):
    from game.scenes.title import TitleScene

    return TitleScene(ctx)


def register(monkeypatch) -> None:
    """Add ``test-dot`` and ``test-menus`` (the title menu as a recorded run) to the start points."""
    import game.starts as starts

    original = starts.factories

    def factories():
        table = original()
        table["test-dot"] = _dot
        table["test-menus"] = _menus
        return table

    monkeypatch.setattr(starts, "factories", factories)


def record(start: StartPoint, frames, tmp_path: Path, *, seed: int = 5, settings=None, name="run.nsreplay"):
    """Play ``frames`` headless from ``start`` with recording on; returns (game, replay file)."""
    from game.app.boot import BootOptions, boot
    from game.app.sources import ScriptedInput

    target = tmp_path / name
    frames = list(frames)
    game = boot(BootOptions(start=start, seed=seed, headless=True, record=target,
                            settings_override=dict(settings or {})), source=ScriptedInput(frames))
    game.run_headless(len(frames))
    game.close()
    return game, target


def record_and_verify(start: StartPoint, frames, tmp_path: Path, **kwargs):
    """Record a run and verify it; asserts OK and returns (replay, verdict)."""
    from game.replay.format import read_file
    from game.speedrun.verify import verify_file

    _, target = record(start, frames, tmp_path, **kwargs)
    assert target.exists(), "the run was not recorded"
    verdict = verify_file(target)
    assert verdict.ok, verdict.line()
    return read_file(target), verdict


def register_globally() -> None:
    """``register`` for a subprocess (no monkeypatch): used by the CPU-features verify test."""
    import game.starts as starts

    original = starts.factories

    def factories():
        table = original()
        table["test-dot"] = _dot
        table["test-menus"] = _menus
        return table

    starts.factories = factories


class FakeLiveSplitServer:
    """A one-connection TCP server on 127.0.0.1 that collects what a LiveSplit client sends, until
    it has seen ``split``; bounded in time (5 s timeouts), it stops by itself."""

    def __init__(self) -> None:
        import socket
        import threading

        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.server.settimeout(5)
        self.received = bytearray()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server.getsockname()[1]

    def _serve(self) -> None:
        try:
            conn, _ = self.server.accept()
        except OSError:
            return
        conn.settimeout(5)
        with conn:
            while b"split\r\n" not in self.received:
                try:
                    chunk = conn.recv(4096)
                except OSError:
                    return
                if not chunk:
                    return
                self.received.extend(chunk)

    def wait(self, poll) -> None:
        """Call ``poll()`` until the server has everything (at most 500 times), then close."""
        for _ in range(500):
            poll()
            if not self.thread.is_alive():
                break
            self.thread.join(0.01)
        self.server.close()
        self.thread.join(5)
