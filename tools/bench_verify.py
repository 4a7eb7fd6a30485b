"""Benchmark: how many times faster than real time ``neosmiles verify`` re-simulates a recorded run.

Records a practice-style run of the test scenes (the dot scene, and the title menus as a recorded
run) with varied input for ``--minutes`` of game time, then verifies it and prints ticks, wall time
and the speed as a multiple of real time. Prints numbers; asserts nothing about time.

    python tools/bench_verify.py --minutes 10
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="game time to record per run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEOSMILES_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["NEOSMILES_CONFIG_DIR"] = str(Path(tmp) / "config")
        import replay_support

        from game.core.actions import Action, ActionFrame
        from game.core.run import StartPoint
        from game.speedrun.verify import verify_file

        replay_support.register_globally()
        ticks = int(args.minutes * 60 * 60)
        frames = []
        for i in range(ticks):
            held = (Action.RIGHT, Action.DOWN, Action.LEFT, Action.UP)[(i // 45) % 4]
            pressed = Action.POINTER if i % 600 == 300 else 0
            frames.append(ActionFrame(held | pressed, pressed, ((i * 3) % 640, (i * 7) % 360)))
        menu_frames = [replay_support.DOWN if i % 20 == 0 else replay_support.IDLE for i in range(ticks)]
        for label, start, run_frames in (("dot scene", StartPoint.of("test-dot"), frames),
                                         ("title menus", StartPoint.of("test-menus"), menu_frames)):
            _, target = replay_support.record(start, run_frames, Path(tmp), name=f"{start.name}.nsreplay")
            verdict = verify_file(target)
            print(verdict.line())
            print(f"{label}: {verdict.ticks} ticks ({verdict.ticks / 3600:.1f} min of play), file "
                  f"{target.stat().st_size} bytes, verified in {verdict.seconds:.3f} s: "
                  f"{verdict.speed:.0f}x real time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
