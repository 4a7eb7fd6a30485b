"""A save interrupted by the game's process dying mid-write keeps the previous save, and the game resumes it.

A real game process saves into slot 1, plays on, and saves again; the second save is stopped while its
new bytes are on disk in the temporary file but not yet renamed over the slot, and the process is
killed there (as by a power cut or the task manager). The slot must still hold the first save, byte for
byte, and ``neosmiles play --load 1`` must resume from it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import hashlib, os, sys, time
from pathlib import Path
from game.app.boot import BootOptions, boot
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.saves import slots

marker = Path(sys.argv[1])
game = boot(BootOptions(start=StartPoint.of("map", map="clinic"), seed=5, headless=True))
for i in range(40):
    game.step(ActionFrame(int(Action.RIGHT), int(Action.RIGHT) if i == 0 else 0))
assert game.ctx.saves.save("1"), game.ctx.saves.last_error
slot = slots.slot_path(game.ctx.paths.saves_dir, "1")
print("first", hashlib.sha256(slot.read_bytes()).hexdigest(), flush=True)
for i in range(90):
    game.step(ActionFrame(int(Action.DOWN), int(Action.DOWN) if i == 0 else 0))

real_fsync, real_write = os.fsync, slots.write_atomic

def stall(fd):
    real_fsync(fd)
    marker.write_text("the new save is written to its temporary file, not yet renamed over the slot")
    time.sleep(300)

def write(path, data):
    if Path(path) == slot:
        os.fsync = stall
    return real_write(path, data)

slots.write_atomic = write
game.ctx.saves.save("1")
print("the save finished: it was not interrupted", flush=True)
"""


def test_a_save_killed_mid_write_keeps_the_previous_one_and_the_game_resumes_it(tmp_path):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               NEOSMILES_DATA_DIR=str(tmp_path / "data"), NEOSMILES_CONFIG_DIR=str(tmp_path / "config"))
    marker = tmp_path / "writing"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(marker)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(1200):  # at most two minutes for the child to boot and reach the second save
            if marker.exists() or child.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), "the second save never started writing: " + "".join(child.communicate()[1:])
    finally:
        child.kill()
        out, err = child.communicate()
    first = out.split()[1]
    assert "not interrupted" not in out, out + err
    saves = tmp_path / "data" / "saves"
    assert list(saves.glob(".1.json.*.tmp")), "the kill came before the new save reached its temporary file"
    assert hashlib.sha256((saves / "1.json").read_bytes()).hexdigest() == first
    resumed = subprocess.run([sys.executable, str(ROOT / "main.py"), "play", "--load", "1", "--headless", "--ticks",
                              "30"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert resumed.stdout.startswith("digest "), resumed.stdout
