"""The main loop: fixed 60 Hz ticks fed by one action frame each, drawing decoupled from updating.

``Game.step`` is the whole simulation step: it is all a replay verifier needs. ``run_live`` adds the
window, the accumulator clock and device input; ``run_headless`` steps as fast as the CPU allows with
no window and no frame cap. Drawing reads state and never changes it, so skipping it (headless) or
doing it at any rate (live) cannot change a run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import pygame

from game.app.context import Context
from game.core.actions import ActionFrame
from game.core.clock import FixedStepClock, format_ticks
from game.core.run import digest_bytes

log = logging.getLogger(__name__)


class Game:
    def __init__(self, ctx: Context, source) -> None:
        self.ctx = ctx
        self.source = source
        self.clock = FixedStepClock()
        self._fps = 0.0
        #: drawn over the scenes, in order: objects with ``draw(surface)`` (speedrun timer, replay viewer)
        self.overlays: list = []
        #: called once by ``close`` when the game ends (the replay recorder writes its file there)
        self.on_close: list[Callable[[], None]] = []
        attach = getattr(source, "attach", None)
        if attach is not None:  # autopilots read the scene they drive
            attach(self)

    # the simulation --------------------------------------------------------------------------
    def step(self, frame: ActionFrame) -> None:
        run = self.ctx.run
        top = self.ctx.scenes.top
        run.tick += 1
        if top is not None and top.counts_game_time:
            run.game_ticks += 1
        self.ctx.scenes.update(frame)
        for listener in run.tick_listeners:
            listener(run, frame)

    def digest(self, run=None) -> str:
        """The state digest after the last tick (of ``run``, by default the current one)."""
        run = self.ctx.run if run is None else run
        counters = run.tick.to_bytes(8, "little") + run.game_ticks.to_bytes(8, "little")
        return digest_bytes(counters, run.rng.state_bytes(), run.story.state_bytes(), self.ctx.scenes.state_bytes())

    @property
    def finished(self) -> bool:
        return self.ctx.quit_requested or self.ctx.scenes.empty

    # drawing ---------------------------------------------------------------------------------
    def draw(self, alpha: float = 0.0) -> pygame.Surface:
        canvas = self.ctx.display.canvas
        canvas.fill((0, 0, 0))
        self.ctx.scenes.draw(canvas, alpha)
        if self.ctx.settings["show_fps"] and not self.ctx.headless:
            font = self.ctx.assets.font()
            font.draw(canvas, f"{self._fps:4.0f} fps", (4, 350 - font.line_height), (255, 255, 255),
                      shadow=(0, 0, 0))
        for overlay in self.overlays:
            overlay.draw(canvas)
        return canvas

    def close(self) -> None:
        """The loop is over: let listeners finish (once)."""
        hooks, self.on_close = self.on_close, []
        for hook in hooks:
            hook()

    def screenshot(self, path: Path) -> None:
        canvas = self.draw(self.clock.alpha)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(canvas, str(path))

    # headless --------------------------------------------------------------------------------
    def run_headless(self, max_ticks: int | None, until: Callable[[], bool] | None = None) -> None:
        step, source = self.step, self.source
        while not self.finished:
            if max_ticks is not None and self.ctx.run.tick >= max_ticks:
                break
            if until is not None and until():
                break
            step(source.next_frame())

    # live ------------------------------------------------------------------------------------
    def run_live(self, mapper, max_ticks: int | None = None) -> None:
        display = self.ctx.display
        limiter = pygame.time.Clock()
        last = time.perf_counter()
        frames, fps_started = 0, last
        capture = self.ctx.capture
        bound = None
        while not self.finished:
            now = time.perf_counter()
            frame_seconds, last = now - last, now
            for event in pygame.event.get():
                if event.type == pygame.QUIT:
                    self.ctx.request_quit()
                elif event.type == pygame.VIDEORESIZE:
                    display.resized(event.size)
                elif event.type == pygame.KEYDOWN and self._shell_key(event.key):
                    continue
                if capture is not None and capture.process_event(event):
                    continue
                mapper.process_event(event)
            self.ctx.last_device = mapper.last_device
            if self.ctx.settings["bindings"] is not bound:  # rebound in the Controls screen
                bound = self.ctx.settings["bindings"]
                mapper.rebind({device: self.ctx.settings.bindings(device) for device in ("keyboard", "mouse",
                                                                                         "gamepad")})
            if capture is not None and capture.active:
                # listening for a new binding: the simulation waits (the press must not become an action)
                capture.poll()
                frame_seconds = 0.0
            for _ in range(self.clock.advance(frame_seconds)):
                self.step(self.source.next_frame())
                if self.finished or (max_ticks is not None and self.ctx.run.tick >= max_ticks):
                    return
            self.draw(self.clock.alpha)
            display.present()
            frames += 1
            if now - fps_started >= 0.5:
                self._fps, frames, fps_started = frames / (now - fps_started), 0, now
            limiter.tick(240)

    def _shell_key(self, key: int) -> bool:
        """Keys that belong to the window, not to the game: fullscreen, screenshots, dev overlay."""
        ctx = self.ctx
        if key == pygame.K_F11:
            ctx.display.toggle_fullscreen()
            ctx.settings.set("fullscreen", ctx.display.fullscreen)
            ctx.save_settings()
            return True
        if key == pygame.K_F12:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            target = ctx.paths.screenshots_dir / f"neosmiles-{stamp}-{ctx.run.tick}.png"
            self.screenshot(target)
            ctx.notify(f"Screenshot saved: {target.name}", 120)
            log.info("screenshot saved to %s", target)
            return True
        if key == pygame.K_F3 and ctx.dev:
            ctx.debug_overlay = not ctx.debug_overlay
            return True
        return False


def describe(game: Game) -> str:
    run = game.ctx.run
    return f"tick {run.tick} game time {format_ticks(run.game_ticks)}"
