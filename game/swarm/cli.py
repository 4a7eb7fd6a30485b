"""``neosmiles practice swarm``: play one swarm encounter, live or headless, optionally on autopilot.

Headless runs print ``result <win|lose> score=... ticks=...`` (``result unfinished`` when ``--ticks``
stopped the run first) and then ``digest <hex>``.
"""

from __future__ import annotations

import argparse

from game.core.run import StartPoint
from game.minigames import DIFFICULTIES


def configure_practice(parser: argparse.ArgumentParser) -> None:
    from game.app.play import add_run_options

    add_run_options(parser)
    parser.add_argument("--level", metavar="NAME", help="encounter name (default: the first, tutorial)")
    parser.add_argument("--difficulty", choices=DIFFICULTIES, default="normal", help="tuning (default: normal)")
    parser.add_argument("--autopilot", action="store_true", help="let the built-in pilot play")


class ResultWatch:
    """Remembers the swarm scene so the command can stop at the results screen and print the outcome."""

    def __init__(self) -> None:
        self.scene = None

    def attach(self, scene) -> None:
        self.scene = scene

    def finished(self) -> bool:
        return self.scene is not None and self.scene.phase == "results"

    def line(self) -> str:
        scene = self.scene
        if scene is None:
            return "result unfinished score=0 ticks=0"
        swarm = scene.swarm
        if scene.outcome is None:
            return f"result unfinished score={swarm.score} ticks={swarm.tick_count}"
        o = scene.outcome
        return f"result {o.result} score={o.score} ticks={o.ticks}"


def run_practice(args: argparse.Namespace) -> int:
    from game.app.play import launch
    from game.swarm.autopilot import SwarmAutopilot

    start = StartPoint.of("practice-swarm", level=args.level, difficulty=args.difficulty)
    watch = ResultWatch()
    observers: list = [watch]
    source = None
    if args.autopilot:
        source = SwarmAutopilot()
        observers.append(source)

    def after(game) -> int:
        if args.headless:
            print(watch.line())
        return 0

    until = watch.finished if args.headless else None
    return launch(args, start, source=source, options={"swarm_observers": observers}, until=until, after=after)
