"""``neosmiles practice spectra`` and ``neosmiles bench spectra``.

Practice boots the game at the ``practice-spectra`` start point, live or headless, optionally driven
by the built-in autopilot; headless runs print ``result <win|lose> score=... ticks=...`` and then the
state digest. The benchmark times puzzle generation plus the solver's verification per difficulty and
prints the numbers (it asserts nothing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

DIFFICULTIES = ("easy", "normal", "hard")
AUTOPILOT_TICK_CAP = 400_000


def configure_practice(parser: argparse.ArgumentParser) -> None:
    from game.app.play import add_run_options

    add_run_options(parser)
    parser.add_argument("--encounter", default="first-layer", metavar="NAME",
                        help="first-layer (chapter 2) or full-dive (chapter 3)")
    parser.add_argument("--difficulty", default="normal", choices=DIFFICULTIES)
    parser.add_argument("--autopilot", action="store_true", help="let the built-in player solve it")


def run_practice(args: argparse.Namespace) -> int:
    from game.app.play import launch
    from game.core.run import StartPoint
    from game.spectra.autopilot import SpectraAutopilot

    if args.headless and args.ticks is None and not args.autopilot:
        print("neosmiles: --headless needs --ticks N or --autopilot", file=sys.stderr)
        return 2
    start = StartPoint.of("practice-spectra", encounter=args.encounter, difficulty=args.difficulty)
    pilot = SpectraAutopilot() if args.autopilot else None
    if pilot is not None and args.ticks is None:
        args.ticks = AUTOPILOT_TICK_CAP

    def finished() -> bool:
        game = pilot.game if pilot is not None else None
        dive = getattr(game.ctx.scenes.top, "dive", None) if game is not None else None
        return dive is not None and dive.finished and dive.t >= 31

    def after(game) -> int:
        dive = getattr(game.ctx.scenes.top, "dive", None)
        if dive is None:
            return 0
        if args.headless:
            state = dive.finished and ("win" if dive.won else "lose") or "unfinished"
            print(f"result {state} score={dive.score} ticks={dive.elapsed}")
        return 0

    return launch(args, start, source=pilot, until=finished if pilot is not None else None, after=after)


def configure_bench(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--runs", type=int, default=300, metavar="N", help="puzzles per difficulty")
    parser.add_argument("--encounter", default="full-dive", metavar="NAME", help="whose tuning to use")


def run_bench(args: argparse.Namespace) -> int:
    from game.core.rng import RunRandom
    from game.paths import Paths
    from game.spectra.encounter import EncounterError, load
    from game.spectra.generator import generate_puzzle, verify

    try:
        encounter = load(Paths.from_env().encounters, args.encounter)
    except EncounterError as exc:
        print(f"neosmiles: {exc}", file=sys.stderr)
        return 2
    runs = max(1, args.runs)
    report = {}
    for difficulty in DIFFICULTIES:
        tuning = encounter.tuning(difficulty)
        times = []
        for seed in range(runs):
            rng = RunRandom(seed).stream("spectra")
            t0 = time.perf_counter()
            puzzle = generate_puzzle(rng, tuning)
            problems = verify(puzzle)
            times.append(time.perf_counter() - t0)
            if problems:
                print(f"seed {seed}: {problems}", file=sys.stderr)
                return 1
        report[difficulty] = {
            "runs": runs,
            "faults": tuning.faults,
            "median_ms": round(statistics.median(times) * 1000, 3),
            "p95_ms": round(sorted(times)[int(0.95 * (runs - 1))] * 1000, 3),
            "max_ms": round(max(times) * 1000, 3),
        }
    if args.json:
        print(json.dumps({"bench": "spectra-generate-verify", "encounter": args.encounter, "results": report},
                         indent=2))
    else:
        for difficulty, r in report.items():
            print(f"spectra generate+verify {difficulty:6s} faults={r['faults']}  median {r['median_ms']:.2f} ms  "
                  f"p95 {r['p95_ms']:.2f} ms  max {r['max_ms']:.2f} ms  ({r['runs']} puzzles)")
        print("target: median under 50 ms")
    return 0
