"""Starting the game: SDL, settings, display, assets, audio, the run and its first scene.

``boot`` builds a ``Context`` and a ``Game`` ready to step; the ``play``, ``practice`` and replay
commands all start through it, so a headless run and a windowed run are set up the same way.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass, field
from typing import Any

from game.core.run import Run, StartPoint
from game.paths import Paths

log = logging.getLogger(__name__)


@dataclass
class BootOptions:
    start: StartPoint = field(default_factory=StartPoint)
    seed: int | None = None
    headless: bool = False
    dev: bool = False
    persist: bool = True
    options: dict[str, Any] = field(default_factory=dict)
    #: settings forced for this run (replays restore the simulation settings they were made with)
    settings_override: dict[str, Any] = field(default_factory=dict)
    #: also write each recorded run's replay to this file (``--record FILE``)
    record: Any = None


def new_seed() -> int:
    """A fresh seed for a run the player did not seed; chosen once, before the simulation starts."""
    return secrets.randbelow(2**31)


def boot(opts: BootOptions, source=None, paths: Paths | None = None):
    """Return a ready ``Game`` (its context is ``game.ctx``); raises ``AssetError`` for missing assets."""
    if opts.headless:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.app.assets import Assets
    from game.app.context import Context, SilentAudio, initial_seen_lines
    from game.app.display import Display
    from game.app.game import Game
    from game.app.settings import load_settings
    from game.app.sources import IdleInput

    pygame.display.init()
    paths = paths or Paths.from_env()
    loaded = load_settings(paths.settings_file)
    settings = loaded.settings
    for warning in loaded.warnings:
        log.warning("%s", warning)
    for key, value in opts.settings_override.items():
        settings.set(key, value)

    display = Display(scale=settings["window_scale"], fullscreen=settings["fullscreen"],
                      vsync=settings["vsync"], headless=opts.headless, icon=paths.assets / "ui" / "icon.png")
    display.open()
    audio: Any = SilentAudio()
    if not opts.headless:
        from game.app.audio import Audio

        audio = Audio(settings["master_volume"], settings["music_volume"], settings["sfx_volume"], paths.assets)
        _init_controllers()

    seed = new_seed() if opts.seed is None else opts.seed
    ctx = Context(paths=paths, settings=settings, run=Run(seed=seed, start=opts.start,
                  seen_at_start=initial_seen_lines(paths, opts.persist, opts.options)), assets=Assets(paths.assets),
                  audio=audio, display=display, dev=opts.dev, headless=opts.headless, persist=opts.persist,
                  options=dict(opts.options))
    ctx.settings_writable = loaded.writable
    from game.app.rebind import BindingCapture

    ctx.capture = BindingCapture(settings, ctx.save_settings)
    if loaded.warnings:
        ctx.notify("Your settings file was damaged; defaults are in use (the old file was kept).", 600)
    if source is None:
        source = IdleInput()
    game = Game(ctx, source)
    if opts.persist or opts.record is not None:
        from game.speedrun.session import SpeedrunSession

        SpeedrunSession.attach(game, record_path=opts.record)
    from game.saves.service import SaveService
    from game.saves.thumbnail import render_thumbnail

    SaveService.attach(game, thumbnail=render_thumbnail)
    ctx.start(opts.start)
    return game


def _init_controllers() -> None:
    try:
        from pygame._sdl2 import controller

        controller.init()  # devices already plugged in arrive as CONTROLLERDEVICEADDED events
    except Exception as exc:  # noqa: BLE001 - a missing controller subsystem must not stop the game
        log.info("game controllers unavailable: %s", exc)
