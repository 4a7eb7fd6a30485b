"""The speedrun commands as a runner uses them: verify (text, JSON, damaged files, other content, other
CPU features), replay (headless, with the overlay), and splits (list, export)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest
from replay_support import CONFIRM, RECALL, RIGHT, record, register

from game.cli import main
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _starts(monkeypatch):
    register(monkeypatch)


def frames(n=600):
    out = []
    for i in range(n):
        held = (Action.RIGHT, Action.DOWN, Action.LEFT, Action.UP)[(i // 30) % 4]
        pressed = Action.POINTER if i % 150 == 75 else 0
        out.append(ActionFrame(held | pressed, pressed, ((i * 3) % 640, (i * 5) % 360)))
    return out


def test_verify_prints_ok_with_time_and_digest(tmp_path, capsys):
    _, target = record(StartPoint.of("test-dot"), frames(), tmp_path)
    assert main(["verify", str(target)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"OK {target} time=0:00:10.000 digest=") and len(out.split("digest=")[1]) == 32


def test_verify_json_and_a_damaged_file_fail_with_exit_1(tmp_path, capsys):
    _, good = record(StartPoint.of("test-dot"), frames(120), tmp_path)
    bad = tmp_path / "bad.nsreplay"
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad.write_bytes(bytes(data))
    empty = tmp_path / "empty.nsreplay"
    empty.write_bytes(b"")
    assert main(["verify", "--json", str(good), str(bad), str(empty)]) == 1
    results = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in results] == ["ok", "error", "error"]
    assert "checksum" in results[1]["message"] and "empty" in results[2]["message"]
    assert results[0]["ticks"] == 120 and results[0]["speed"] > 0


def test_a_replay_of_other_content_is_refused(tmp_path, capsys, monkeypatch):
    _, target = record(StartPoint.of("test-dot"), frames(60), tmp_path)
    other = tmp_path / "content"
    (other / "levels").mkdir(parents=True)
    (other / "levels" / "clinic.tmx").write_text("<map/>")
    monkeypatch.setenv("NEOSMILES_CONTENT", str(other))
    assert main(["verify", str(target)]) == 1
    assert "made with different content (levels/dialogue/encounters changed)" in capsys.readouterr().out


@pytest.mark.slow
def test_verify_gives_the_same_verdict_without_newer_cpu_features(tmp_path):
    start = StartPoint.of("test-dot", chapter=1)
    _, target = record(start, [*frames(400), CONFIRM, *frames(200), RECALL], tmp_path)
    script = ("import sys; sys.path.insert(0, 'tests'); import replay_support; replay_support.register_globally(); "
              "from game.cli import main; sys.exit(main(['verify', sys.argv[1]]))")
    outputs = []
    for features in ("", "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"):
        env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=features, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
        if not features:
            env.pop("NPY_DISABLE_CPU_FEATURES")
        result = subprocess.run([sys.executable, "-c", script, str(target)], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and outputs[0].startswith("OK ")


def test_replay_viewer_headless_draws_the_overlay(tmp_path, capsys):
    run_frames = frames(200)
    run_frames[99] = ActionFrame(Action.RIGHT | Action.CONFIRM, Action.CONFIRM, (100, 100))
    _, target = record(StartPoint.of("test-dot"), run_frames, tmp_path)
    shot = tmp_path / "viewer.png"
    assert main(["replay", str(target), "--headless", "--ticks", "100", "--screenshot", str(shot)]) == 0
    image = pygame.image.load(str(shot))
    # the pointer cross-hair is drawn where the replay's pointer was on tick 100 (in the shrunken picture)
    from game.speedrun.viewer_draw import to_view

    x, y = to_view((100, 100))
    assert tuple(image.get_at((x + 4, y)))[:3] == (232, 52, 140)
    # the CONFIRM chip is lit (pressed: yellow) in the input display
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(0, 330) for y in range(280, 345)}
    assert (246, 226, 96) in colours


def test_replay_viewer_seeks_to_a_split_and_back(tmp_path):
    from game.replay.format import read_file
    from game.speedrun.verify import boot_for
    from game.speedrun.viewer import ReplayViewer

    start = StartPoint.of("test-dot", chapter=1)
    _, target = record(start, [RIGHT] * 50 + [CONFIRM] + frames(100) + [RECALL], tmp_path)
    replay = read_file(target)
    viewer = ReplayViewer(boot_for(replay), replay)
    viewer.seek_split(1)
    assert viewer.tick == 51 and viewer.paused
    state_at_split = viewer.game.ctx.scenes.top.state_bytes()
    viewer.seek(replay.ticks)
    assert viewer.at_end and viewer.desync_at is None and viewer.checked == len(replay.checkpoints)
    viewer.seek_split(1)  # back: re-simulated from the start
    assert viewer.tick == 51 and viewer.game.ctx.scenes.top.state_bytes() == state_at_split
    viewer.seek(replay.ticks)
    assert viewer.desync_at is None


def test_replay_of_a_damaged_file_is_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "x.nsreplay"
    bad.write_bytes(b"NSREPLAY\x01\x00garbage")
    assert main(["replay", str(bad), "--headless"]) == 2
    assert "truncated" in capsys.readouterr().err


def test_splits_export_writes_an_lss_file(tmp_path, capsys):
    import xml.etree.ElementTree as ET

    start = StartPoint.of("test-dot", chapter=1)
    record(start, [RIGHT] * 20 + [CONFIRM] + [RIGHT] * 20 + [RECALL], tmp_path)
    assert main(["splits", "list"]) == 0
    assert "test-dot chapter=1: attempts 1, finished 1, PB 0:00:00.700" in capsys.readouterr().out
    target = tmp_path / "dot.lss"
    assert main(["splits", "export", "test-dot chapter=1", str(target)]) == 0
    root = ET.parse(target).getroot()
    assert [s.findtext("Name") for s in root.findall("Segments/Segment")] == ["dot:1", "chapter-1"]
    assert main(["splits", "export", "nothing", str(target)]) == 2


def test_a_replay_that_sets_other_settings_or_starts_nowhere_is_an_error(tmp_path, capsys):
    from dataclasses import replace

    from game.replay.format import encode, read_file

    _, target = record(StartPoint.of("test-dot"), frames(60), tmp_path)
    replay = read_file(target)
    sneaky = tmp_path / "sneaky.nsreplay"
    sneaky.write_bytes(encode(replace(replay, header=replace(replay.header, settings={"window_scale": 8}))))
    nowhere = tmp_path / "nowhere.nsreplay"
    nowhere.write_bytes(encode(replace(replay, header=replace(replay.header, start_json='{"name": "moon"}'))))
    assert main(["verify", str(sneaky), str(nowhere)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("ERROR") and "not a simulation setting" in out[0]
    assert out[1].startswith("ERROR") and "unknown start point 'moon'" in out[1]


def test_replay_viewer_window_loop_takes_its_keys(tmp_path):
    from game.replay.format import read_file
    from game.speedrun.verify import boot_for
    from game.speedrun.viewer import ReplayViewer, _watch

    start = StartPoint.of("test-dot", chapter=1)
    _, target = record(start, [RIGHT] * 50 + [CONFIRM] + frames(100) + [RECALL], tmp_path)
    replay = read_file(target)
    game = boot_for(replay)
    viewer = ReplayViewer(game, replay)
    game.overlays.append(viewer)
    for key in (pygame.K_UP, pygame.K_UP, pygame.K_SPACE, pygame.K_RIGHT, pygame.K_RIGHT, pygame.K_1, pygame.K_END,
                pygame.K_HOME, pygame.K_TAB, pygame.K_ESCAPE):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    _watch(game, viewer)  # the events are handled in the first frame; Esc ends the loop
    assert viewer.quit and viewer.paused and viewer.tick == 0 and viewer.speed == 4.0
    assert not viewer.show_overlay and viewer.desync_at is None


def test_play_record_writes_a_replay_that_verifies_with_the_same_digest(tmp_path, capsys):
    target = tmp_path / "cli.nsreplay"
    assert main(["play", "--headless", "--ticks", "150", "--seed", "7", "--start", "test-dot",
                 "--record", str(target)]) == 0
    digest = capsys.readouterr().out.split("digest ")[1].strip()
    assert main(["verify", str(target)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"digest={digest}")
