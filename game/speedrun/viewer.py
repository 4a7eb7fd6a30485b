"""``neosmiles replay FILE``: watch a replay with pause, frame step, 0.25x to 8x, and seek to a split.

The replay drives the game through ``ReplayInput`` (a source that hands out the recorded frames and
remembers the last one); the keyboard belongs to the viewer and never reaches the simulation. The
``ReplayViewer`` overlay is drawn by the game over the scenes: the position in the replay, the speed,
the digest check (each checkpoint is compared as it is passed, so a desync shows at once), the splits,
and an input display with the buttons and the pointer of the current tick. Seeking re-simulates from
the start to the target tick without drawing, which is fast.

Keys: Space pause, Right or . one tick (paused), Up/Down speed, 1-9 seek to split N, Home or 0 back to
the start, End to the end, Tab hide the overlay, Esc quit.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from game.core.actions import ActionFrame
from game.core.clock import FixedStepClock, format_ticks
from game.replay.format import Replay, ReplayError, read_file

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)


class ReplayInput:
    """The recorded frames, one per tick; idle once they run out. ``last`` is the newest frame."""

    def __init__(self, replay: Replay) -> None:
        self._frames = replay.frames()
        self.tick = 0
        self.last: ActionFrame | None = None

    def next_frame(self) -> ActionFrame:
        frame = next(self._frames, None)
        if frame is None:
            frame = ActionFrame(0, 0, self.last.pointer if self.last else (0, 0))
        self.tick += 1
        self.last = frame
        return frame


class ReplayViewer:
    """Playback state and the overlay drawn over the game."""

    def __init__(self, game, replay: Replay, name: str = "") -> None:
        self.game = game
        self.replay = replay
        self.name = name
        self.paused = False
        self.speed_index = SPEEDS.index(1.0)
        self.show_overlay = True
        self.quit = False
        self.checked = 0
        self.desync_at: int | None = None
        self.source = ReplayInput(replay)
        game.source = self.source

    # playback ---------------------------------------------------------------------------------
    @property
    def tick(self) -> int:
        return self.source.tick

    @property
    def speed(self) -> float:
        return SPEEDS[self.speed_index]

    @property
    def at_end(self) -> bool:
        return self.tick >= self.replay.ticks

    def advance(self, ticks: int) -> None:
        """Step up to ``ticks`` ticks (never past the end), checking each checkpoint passed."""
        checkpoints = self.replay.checkpoints
        for _ in range(ticks):
            if self.at_end:
                self.paused = True
                return
            self.game.step(self.source.next_frame())
            while self.checked < len(checkpoints) and checkpoints[self.checked][0] <= self.tick:
                at, expected = checkpoints[self.checked]
                if at == self.tick and self.desync_at is None and bytes.fromhex(self.game.digest()) != expected:
                    self.desync_at = at
                self.checked += 1

    def restart(self) -> None:
        """Back to tick 0: the run is rebuilt exactly as it began (seed, settings, start point)."""
        from game.core.run import Run, StartPoint
        from game.speedrun.verify import replay_settings

        ctx = self.game.ctx
        header = self.replay.header
        for key, value in replay_settings(self.replay).items():
            ctx.settings.set(key, value)
        start = StartPoint.from_json(header.start_json)
        ctx.quit_requested = False
        ctx.notices.clear()
        ctx.run = Run(seed=header.seed, start=start)
        ctx.start(start)
        self.source = ReplayInput(self.replay)
        self.game.source = self.source
        self.checked = 0
        self.desync_at = None

    def seek(self, target: int) -> None:
        """Go to tick ``target`` (re-simulating from the start when going back)."""
        target = max(0, min(target, self.replay.ticks))
        if target < self.tick:
            self.restart()
        self.advance(target - self.tick)

    def seek_split(self, number: int) -> None:
        splits = self.replay.result.splits
        if 1 <= number <= len(splits):
            self.seek(splits[number - 1].tick)
            self.paused = True

    def handle_key(self, key: int) -> None:
        import pygame

        if key == pygame.K_ESCAPE:
            self.quit = True
        elif key == pygame.K_SPACE:
            self.paused = not self.paused
        elif key in (pygame.K_RIGHT, pygame.K_PERIOD):
            self.paused = True
            self.advance(1)
        elif key == pygame.K_UP:
            self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)
        elif key == pygame.K_DOWN:
            self.speed_index = max(0, self.speed_index - 1)
        elif key in (pygame.K_HOME, pygame.K_0):
            self.seek(0)
            self.paused = True
        elif key == pygame.K_END:
            self.seek(self.replay.ticks)
        elif key == pygame.K_TAB:
            self.show_overlay = not self.show_overlay
        elif pygame.K_1 <= key <= pygame.K_9:
            self.seek_split(key - pygame.K_0)

    # drawing ------------------------------------------------------------------------------------
    def draw(self, surface) -> None:
        if not self.show_overlay:
            return
        from game.speedrun.viewer_draw import draw_viewer

        draw_viewer(surface, self.game.ctx.assets.font(), self)


# the command ---------------------------------------------------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help="the replay (.nsreplay) to watch")
    parser.add_argument("--headless", action="store_true", help="no window: simulate, draw once, exit")
    parser.add_argument("--ticks", type=int, metavar="N", help="headless: stop at tick N (default: the end)")
    parser.add_argument("--seek", type=int, metavar="SPLIT", help="start at split number SPLIT (1 is the first)")
    parser.add_argument("--speed", type=float, default=1.0, choices=SPEEDS, help="playback speed")
    parser.add_argument("--paused", action="store_true", help="start paused")
    parser.add_argument("--screenshot", type=Path, metavar="PATH", help="save the last frame as a PNG")


def run(args: argparse.Namespace) -> int:
    from game.app.assets import AssetError
    from game.speedrun.verify import DIFFERENT_CONTENT, boot_for, printable

    try:
        replay = read_file(args.file)
        from game.core.run import StartPoint
        from game.paths import Paths
        from game.replay.content import ContentError, content_hash, start_problem

        paths = Paths.from_env()
        try:
            fingerprint = content_hash(paths.root)
        except ContentError as exc:
            raise ReplayError(str(exc)) from None
        if replay.header.content_hash != fingerprint:
            raise ReplayError(DIFFERENT_CONTENT)
        try:
            problem = start_problem(StartPoint.from_json(replay.header.start_json), paths.root)
        except (ValueError, KeyError, TypeError):
            problem = None  # boot_for reports an unreadable start point
        if problem is not None:
            raise ReplayError(problem)
        game = boot_for(replay, paths, headless=args.headless)
    except ReplayError as exc:
        print(f"neosmiles: {args.file}: {printable(str(exc), 400)}", file=sys.stderr)
        return 2
    except AssetError as exc:
        print(f"neosmiles: {exc}", file=sys.stderr)
        return 2
    viewer = ReplayViewer(game, replay, args.file.name)
    game.overlays.append(viewer)
    viewer.speed_index = SPEEDS.index(args.speed)
    viewer.paused = args.paused
    if args.seek:
        viewer.seek_split(args.seek)
        viewer.paused = args.paused
    if args.headless:
        viewer.seek(args.ticks if args.ticks is not None else replay.ticks)
    else:
        _watch(game, viewer)
    if args.screenshot:
        game.screenshot(args.screenshot)
    if viewer.desync_at is not None:
        print(f"DESYNC at tick {viewer.desync_at} {args.file}")
        return 1
    return 0


def _watch(game, viewer: ReplayViewer) -> None:
    import pygame

    display = game.ctx.display
    clock = FixedStepClock(max_ticks_per_frame=8 * 5)
    limiter = pygame.time.Clock()
    last = time.perf_counter()
    while not viewer.quit:
        now = time.perf_counter()
        frame_seconds, last = now - last, now
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                viewer.quit = True
            elif event.type == pygame.VIDEORESIZE:
                display.resized(event.size)
            elif event.type == pygame.KEYDOWN:
                if event.key == pygame.K_F11:
                    display.toggle_fullscreen()
                else:
                    viewer.handle_key(event.key)
        ticks = clock.advance(0.0 if viewer.paused else frame_seconds * viewer.speed)
        viewer.advance(ticks)
        game.draw(clock.alpha)
        display.present()
        limiter.tick(240)


def describe_position(viewer: ReplayViewer) -> str:
    return f"tick {viewer.tick}/{viewer.replay.ticks}  {format_ticks(viewer.game.ctx.run.game_ticks)}"
