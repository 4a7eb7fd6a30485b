"""The whole game, played to the credits by the autoplayer on every route and difficulty, and verified.

Each run is ``neosmiles autoplay --headless --route R --difficulty D --record FILE`` in its own process,
and then every replay is checked by one ``neosmiles verify -j N FILE...``: the same commands a player or a
leaderboard would use. The runs go side by side (one worker per core) in a module fixture, so the slow
part is paid once; the tests then read what each run printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAIN = str(ROOT / "main.py")
ROUTES = (0, 1, 2, 3)
DIFFICULTIES = ("story", "normal", "hard")
MATRIX = [(r, d) for r in ROUTES for d in DIFFICULTIES]
SEED = 1
SHOT, SHOT_EVERY = (0, "normal"), 3000  # the run that also saves screenshots, and how often


@dataclass
class Played:
    route: int
    difficulty: str
    code: int
    out: str
    err: str
    replay: Path
    #: what ``verify`` said about this run's replay
    verify_line: str

    @property
    def ending(self) -> str | None:
        found = re.search(r"^ending (\S+)$", self.out, re.M)
        return found.group(1) if found else None

    def splits(self) -> list[str]:
        return re.findall(r"^(chapter-\d+) \d+:\d\d:\d\d\.\d{3}$", self.out, re.M)

    def why(self) -> str:
        return f"route {self.route} {self.difficulty}: exit {self.code}\n{self.out}\n{self.err}"


def environment(folder: Path) -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               NEOSMILES_DATA_DIR=str(folder / "data"), NEOSMILES_CONFIG_DIR=str(folder / "config"))
    env.pop("NPY_DISABLE_CPU_FEATURES", None)
    return env


def play(job: tuple[int, str, Path]) -> Played:
    route, difficulty, folder = job
    folder.mkdir(parents=True, exist_ok=True)
    replay = folder / f"route{route}-{difficulty}.nsreplay"
    env = environment(folder)
    shots = ["--shots", str(folder / "shots"), "--shot-every", str(SHOT_EVERY)] if (route, difficulty) == SHOT else []
    done = subprocess.run([sys.executable, MAIN, "autoplay", "--headless", "--route", str(route), "--difficulty",
                           difficulty, "--seed", str(SEED), "--record", str(replay), *shots],
                          capture_output=True, text=True, env=env, timeout=1800)
    return Played(route, difficulty, done.returncode, done.stdout, done.stderr, replay, "")


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> dict[tuple[int, str], Played]:
    folder = tmp_path_factory.mktemp("autoplay")
    jobs = [(r, d, folder / f"{r}-{d}") for r, d in MATRIX]
    workers = max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        runs = {(p.route, p.difficulty): p for p in pool.map(play, jobs)}
    replays = [str(p.replay) for p in runs.values() if p.replay.exists()]
    if replays:
        checked = subprocess.run([sys.executable, MAIN, "verify", "-j", str(workers), *replays], capture_output=True,
                                 text=True, env=environment(folder), timeout=1800)
        lines = checked.stdout.splitlines()
        for run in runs.values():
            run.verify_line = next((line for line in lines if str(run.replay) in line.split()), checked.stderr)
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("route,difficulty", MATRIX)
def test_autoplay_reaches_the_credits_and_its_replay_verifies(played, route, difficulty):
    run = played[(route, difficulty)]
    assert run.code == 0, run.why()
    assert run.splits() == ["chapter-1", "chapter-2", "chapter-3", "chapter-4"], run.why()
    assert run.ending not in (None, "none"), run.why()
    assert re.search(r"^igt \d+:\d\d:\d\d\.\d{3}$", run.out, re.M) and re.search(r"^digest [0-9a-f]{32}$", run.out,
                                                                                  re.M)
    assert run.verify_line.startswith(f"OK {run.replay} "), run.verify_line


@pytest.mark.slow
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_routes_zero_one_and_two_reach_three_different_endings(played, difficulty):
    endings = {played[(r, difficulty)].ending for r in (0, 1, 2)}
    assert len(endings - {None}) >= 3, {r: played[(r, difficulty)].ending for r in ROUTES}


@pytest.mark.slow
def test_route_three_loses_a_minigame_and_still_reaches_the_credits(played):
    run = played[(3, "normal")]
    assert run.code == 0, run.why()
    assert "lost" in run.out, run.why()


@pytest.mark.slow
def test_a_whole_game_replay_verifies_the_same_without_newer_cpu_features(played):
    run = played[(0, "normal")]
    env = environment(run.replay.parent)
    env["NPY_DISABLE_CPU_FEATURES"] = "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"
    checked = subprocess.run([sys.executable, MAIN, "verify", str(run.replay)], capture_output=True, text=True,
                             env=env, timeout=1800)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == run.verify_line


@pytest.mark.slow
def test_autoplay_stopped_after_chapter_two_leaves_an_autosave_that_continue_resumes(tmp_path):
    env = environment(tmp_path)
    stopped = subprocess.run([sys.executable, MAIN, "autoplay", "--headless", "--stop-at", "chapter-2"],
                             capture_output=True, text=True, env=env, timeout=900)
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert re.findall(r"^(chapter-\d+) ", stopped.stdout, re.M) == ["chapter-1", "chapter-2"], stopped.stdout
    saves = tmp_path / "data" / "saves"
    assert any(saves.glob("auto*")), f"no autosave in {saves}"
    listed = subprocess.run([sys.executable, MAIN, "saves"], capture_output=True, text=True, env=env, timeout=120)
    assert re.search(r"^auto +3 ", listed.stdout, re.M), listed.stdout  # the autosave is at chapter 3's start
    resumed = subprocess.run([sys.executable, MAIN, "play", "--continue", "--headless", "--ticks", "120"],
                             capture_output=True, text=True, env=env, timeout=300)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert re.search(r"^digest [0-9a-f]{32}$", resumed.stdout, re.M), resumed.stdout


@pytest.mark.slow
def test_shots_show_the_game_every_n_ticks(played):
    import pygame

    run = played[SHOT]
    shots = sorted((run.replay.parent / "shots").glob("*.png"))
    assert len(shots) >= 3, run.why()
    pictures = [pygame.image.load(str(p)) for p in shots]
    assert all(p.get_size() == (640, 360) for p in pictures)
    assert len({pygame.image.tobytes(p, "RGB") for p in pictures}) == len(pictures), "two shots are the same"
