"""``neosmiles bench world``: how long a map takes to load, simulate and draw, as numbers.

Walks Lena around a map headless with a fixed pattern of inputs and prints milliseconds per load,
microseconds per simulated tick and milliseconds per drawn frame. Nothing here is asserted: compare
the numbers between changes.
"""

from __future__ import annotations

import argparse
import time


def configure_bench(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--map", default="clinic", help="map to measure (default: clinic)")
    parser.add_argument("--ticks", type=int, default=3000, help="ticks to simulate (default: 3000)")
    parser.add_argument("--frames", type=int, default=300, help="frames to draw (default: 300)")


def run_bench(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.app.boot import BootOptions, boot
    from game.app.play import content_map
    from game.app.sources import ScriptedInput
    from game.core.actions import Action, ActionFrame
    from game.core.run import StartPoint
    from game.paths import Paths
    from game.world.model import load_map
    from game.world.scene import resolve_map

    name = content_map(args.map)  # a content path (replays of the run find it from any folder)
    path = resolve_map(Paths.from_env().levels, name)
    started = time.perf_counter()
    for _ in range(10):
        load_map(path)
    load_ms = (time.perf_counter() - started) * 100
    pattern = [Action.RIGHT, Action.DOWN | Action.RIGHT, Action.UP, Action.LEFT | Action.RUN, Action.DOWN]
    frames = [ActionFrame(pattern[(i // 90) % len(pattern)]) for i in range(args.ticks)]
    game = boot(BootOptions(start=StartPoint.of("map", map=name), seed=1, headless=True),
                source=ScriptedInput(frames))
    started = time.perf_counter()
    game.run_headless(args.ticks)
    tick_us = (time.perf_counter() - started) / args.ticks * 1e6
    game.draw()  # the first frame builds the pre-rendered layers
    started = time.perf_counter()
    for _ in range(args.frames):
        game.draw()
    frame_ms = (time.perf_counter() - started) / args.frames * 1000
    print(f"map {path.stem}: load {load_ms:.1f} ms, step {tick_us:.0f} us/tick, draw {frame_ms:.2f} ms/frame "
          f"(digest {game.digest()})")
    return 0
