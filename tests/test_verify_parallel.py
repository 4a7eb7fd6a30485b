"""``neosmiles verify -j N``: many replays checked in worker processes, verdicts in the order given."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.replay.format import encode, read_file
from game.speedrun.verify import verify_file, verify_files
from tests.replay_support import record

ROOT = Path(__file__).resolve().parent.parent


def walks(keys: list[Action], ticks: int = 40) -> list[ActionFrame]:
    frames = []
    for key in keys:
        frames += [ActionFrame(int(key), int(key) if i == 0 else 0) for i in range(ticks)]
    return frames


def make_replays(tmp_path: Path) -> list[Path]:
    start = StartPoint.of("map", map="clinic")
    _, a = record(start, walks([Action.RIGHT, Action.DOWN]), tmp_path, seed=3, name="a.nsreplay")
    _, b = record(start, walks([Action.LEFT, Action.UP, Action.RIGHT]), tmp_path, seed=4, name="b.nsreplay")
    replay = read_file(b)
    runs = list(replay.runs)
    first = runs[0]
    runs[0] = type(first)(first.length, int(Action.DOWN), first.pressed, first.pointer)  # other keys, same digests
    bad = tmp_path / "c.nsreplay"
    bad.write_bytes(encode(type(replay)(replay.header, tuple(runs), replay.checkpoints, replay.result)))
    return [a, b, bad]


def test_parallel_verdicts_are_the_serial_ones_in_the_order_given(tmp_path):
    files = make_replays(tmp_path)
    serial = [verify_file(f) for f in files]
    parallel = verify_files(files, jobs=2)
    assert [v.file for v in parallel] == [str(f) for f in files]
    assert [(v.status, v.digest, v.desync_tick) for v in parallel] == \
        [(v.status, v.digest, v.desync_tick) for v in serial]
    assert [v.status for v in parallel] == ["ok", "ok", "desync"]


def test_verify_dash_j_on_the_command_line_prints_one_line_per_file_and_fails_on_a_desync(tmp_path):
    files = make_replays(tmp_path)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "verify", "-j", "3", *map(str, files)],
                         capture_output=True, text=True, env=env, timeout=300)
    lines = out.stdout.splitlines()
    assert out.returncode == 1, out.stderr
    assert lines[0].startswith(f"OK {files[0]}") and lines[1].startswith(f"OK {files[1]}")
    assert lines[2].startswith("DESYNC at tick") and lines[2].endswith(str(files[2]))
    ok = subprocess.run([sys.executable, str(ROOT / "main.py"), "verify", "-j", "2", *map(str, files[:2])],
                        capture_output=True, text=True, env=env, timeout=300)
    assert ok.returncode == 0 and len(ok.stdout.splitlines()) == 2, ok.stderr
