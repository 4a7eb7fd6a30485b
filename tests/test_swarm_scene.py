"""The swarm scene as the game runs it: start points, practice, pause, results, ghost, the CLI."""

from __future__ import annotations

import json

import numpy as np
import pygame
import pytest

from game.cli import main
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.swarm.scene import SwarmScene
from game.swarm.sim import beacon_step, start_beacon

CONFIRM = ActionFrame(Action.CONFIRM, Action.CONFIRM)


def test_practice_start_plays_the_first_encounter_by_default(booted):
    game = booted(StartPoint.of("practice-swarm"))
    scene = game.ctx.scenes.top
    assert isinstance(scene, SwarmScene) and scene.encounter.name == "tutorial"
    assert scene.swarm.n >= 1000 and scene.phase == "brief"


def test_practice_menu_lists_each_encounter(booted):
    from game.starts import practice_entries

    game = booted()
    levels = [e.start.get("level") for e in practice_entries(game.ctx) if e.start.name == "practice-swarm"]
    assert levels == ["tutorial", "malfunction", "emergency"]


def test_unknown_level_is_a_clear_message(capsys):
    assert main(["practice", "swarm", "--level", "nowhere", "--headless", "--ticks", "3"]) == 2
    assert "no swarm encounter called 'nowhere'" in capsys.readouterr().err


def test_pause_pushes_the_pause_menu_with_restart(booted):
    from game.app.sources import ScriptedInput
    from game.scenes.pause import PauseScene

    game = booted(StartPoint.of("practice-swarm", level="malfunction"),
                  source=ScriptedInput([CONFIRM, ActionFrame(), ActionFrame(Action.PAUSE, Action.PAUSE)]))
    for _ in range(3):
        game.step(game.source.next_frame())
    top = game.ctx.scenes.top
    assert isinstance(top, PauseScene) and top.restart == StartPoint.of("practice-swarm", level="malfunction")


def test_story_start_hands_the_outcome_back_and_marks_the_split(booted):
    from game.minigames import build_minigame

    game = booted()
    ctx = game.ctx
    got = []
    scene = build_minigame(ctx, "swarm", "tutorial", "easy", got.append)
    ctx.scenes.push(scene)
    scene.phase = "play"
    scene.swarm.tissue[scene.swarm.tissue == 8] = 1  # every decay cell cleaned
    scene.swarm.decay_cells = 0
    game.step(ActionFrame())
    assert scene.phase == "results" and ctx.run.events[-1][2] == "swarm:tutorial"
    game.step(CONFIRM)
    assert got and got[0].won and got[0].minigame == "swarm" and got[0].encounter == "tutorial"
    assert got[0].grade == scene.swarm.grade.letter and got[0].grade in ("S", "A", "B", "C")
    assert ctx.scenes.top is not scene


def test_practice_results_offer_retry(booted):
    game = booted(StartPoint.of("practice-swarm"), seed=4)
    scene = game.ctx.scenes.top
    scene.phase = "play"
    scene.swarm.tick_count = scene.encounter.time_limit_ticks - 1
    game.step(ActionFrame())
    assert scene.phase == "results" and not scene.outcome.won
    assert [i.key for i in scene.results_menu.items] == ["retry", "title"]
    counted = game.ctx.run.game_ticks
    game.step(ActionFrame())
    assert game.ctx.run.game_ticks == counted  # the results screen does not count game time
    game.step(CONFIRM)
    fresh = game.ctx.scenes.top
    assert isinstance(fresh, SwarmScene) and fresh is not scene and game.ctx.run.seed == 4


def test_ghost_beacon_replays_the_frames_through_the_same_function(booted):
    frames = [ActionFrame(0, 0, (0, 0))] + [ActionFrame(0, 0, (100 + i, 250)) for i in range(40)]
    game = booted(StartPoint.of("practice-swarm"), ghost_frames=frames)
    scene = game.ctx.scenes.top
    scene.phase = "play"
    for _ in range(30):
        game.step(ActionFrame())
    expected = start_beacon()
    for frame in frames[:30]:
        expected = beacon_step(expected, frame)
    assert scene.ghost == expected
    canvas = pygame.Surface((640, 360))
    scene.draw(canvas, 0.0)  # drawing the ghost works and changes nothing
    assert scene.ghost == expected


def test_drawing_does_not_change_the_state(booted):
    game = booted(StartPoint.of("practice-swarm", level="malfunction"))
    scene = game.ctx.scenes.top
    scene.phase = "play"
    for _ in range(30):
        game.step(ActionFrame(0, 0, (300, 100 + _)))
    before = game.digest()
    game.draw()
    game.draw()
    assert game.digest() == before


def test_bench_prints_json_rows(capsys):
    assert main(["bench", "swarm", "--bots", "200", "--ticks", "3", "--reference-ticks", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["impl"], r["bots"]) for r in rows] == [("swarm", 200), ("reference", 200)]
    keys = {"impl", "bots", "sim_ms", "render_ms", "present_ms", "frame_ms", "frame_p95_ms"}
    assert set(rows[0]) == keys | {"pilot_max_ms"} and set(rows[1]) == keys
    assert all(r["frame_p95_ms"] >= r["frame_ms"] > 0 for r in rows)


@pytest.mark.slow
def test_bench_times_verify_on_a_recorded_run_of_each_encounter(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NEOSMILES_DATA_DIR", str(tmp_path / "data"))
    assert main(["bench", "swarm", "--bots", "200", "--ticks", "3", "--no-reference", "--repeat", "1",
                 "--verify", "--json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out) if r["impl"] == "verify"]
    assert [r["encounter"] for r in rows] == ["tutorial", "malfunction", "emergency"]
    assert all(r["ticks"] > 600 and r["verify_s"] > 0 and r["verify_x"] > 0 for r in rows)
    assert not (tmp_path / "data").exists()  # the runs were recorded elsewhere: no player files written


@pytest.mark.slow
@pytest.mark.parametrize("level", ["tutorial", "malfunction", "emergency"])
def test_autopilot_wins_each_encounter(level, capsys, tmp_path):
    shot = tmp_path / f"{level}.png"
    code = main(["practice", "swarm", "--level", level, "--headless", "--autopilot", "--seed", "1",
                 "--screenshot", str(shot)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].startswith("result win score=") and out[1].startswith("digest ")
    ticks = int(out[0].split("ticks=")[1])
    assert ticks < 60 * 150
    assert pygame.image.load(str(shot)).get_size() == (640, 360)


@pytest.mark.slow
def test_autopilot_run_digest_is_the_same_without_simd_paths():
    import os
    import subprocess
    import sys

    args = [sys.executable, "main.py", "practice", "swarm", "--level", "malfunction", "--headless", "--autopilot",
            "--ticks", "500", "--seed", "3"]
    outputs = []
    for features in ("", "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"):
        env = {k: v for k, v in os.environ.items() if k != "NPY_DISABLE_CPU_FEATURES"}
        if features:
            env["NPY_DISABLE_CPU_FEATURES"] = features
        done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and "digest " in outputs[0]


def test_hud_and_results_say_plainly_what_became_of_the_decay(booted):
    """One measure under one label everywhere: DECAY LEFT, the share of the starting decay still there
    (above 100% when it spread; it never turns into another quantity)."""
    from game.swarm.scene import decay_readout, decay_result

    assert decay_readout(40) == ("40%", "white")
    assert decay_readout(130) == ("130%", "amber")
    game = booted(StartPoint.of("practice-swarm"))
    swarm = game.ctx.scenes.top.swarm
    swarm.decay_cells = swarm.initial_decay * 2
    assert decay_result(swarm) == ("Decay left", "200% of the start")
    swarm.decay_cells = swarm.initial_decay // 2
    assert decay_result(swarm) == ("Decay left", f"{swarm.decay_percent}% of the start")
    swarm.won = True
    swarm.decay_cells = swarm.initial_decay * swarm.encounter.win_decay_percent // 100
    assert decay_result(swarm) == ("Decay left", f"{swarm.decay_percent}% (clean enough)")
    swarm.decay_cells = 0
    assert decay_result(swarm) == ("Decay left", "none")


def test_results_show_the_grade_and_the_view_shakes_only_when_allowed(booted):
    from game.swarm.scene import shake_offset

    game = booted(StartPoint.of("practice-swarm"))
    scene = game.ctx.scenes.top
    swarm = scene.swarm
    swarm.flinch_tick = swarm.tick_count
    swarm.pain = 60_000
    assert shake_offset(swarm, True) != (0, 0) and shake_offset(swarm, False) == (0, 0)
    game.ctx.settings.set("screen_shake", False)
    canvas = pygame.Surface((640, 360))
    scene.draw(canvas, 0.0)
    scene.phase = "play"
    swarm.tissue[swarm.tissue == 8] = 1
    swarm.decay_cells = 0
    game.step(ActionFrame())
    assert scene.phase == "results" and scene.outcome.grade == swarm.grade.letter
    scene.draw(canvas, 0.0)


def test_slower_game_speed_steps_the_swarm_on_a_tick_schedule(booted):
    game = booted(StartPoint.of("practice-swarm"))
    game.ctx.settings.set("swarm_speed", 60)
    from game.swarm import build

    scene = build(game.ctx, "tutorial", "normal", None)
    game.ctx.scenes.push(scene)
    scene.phase = "play"
    frames = [ActionFrame(0, Action.RECALL if i == 1 else 0, (300, 100)) for i in range(100)]
    for frame in frames:
        game.step(frame)
    assert scene.swarm.tick_count == 60  # 60 of every 100 ticks, whatever the wall clock did
    assert scene.swarm.recall_tick > 0  # a press on a tick the swarm sat out is not lost


def test_assisted_runs_are_their_own_category():
    from game.replay.categories import category_of, is_assisted

    start = StartPoint.of("practice-swarm", level="tutorial")
    assert category_of(start, {"swarm_speed": 100, "text_speed": 45}) == category_of(start)
    assert category_of(start, {"swarm_speed": 70}) == f"{category_of(start)} [assist swarm_speed=70]"
    assert is_assisted({"swarm_speed": 70}) and not is_assisted({"swarm_speed": 100})


def test_ability_labels_follow_the_keyboard_bindings(booted):
    from game.ui.prompts import action_label as key_label

    game = booted(StartPoint.of("practice-swarm"))
    ctx = game.ctx
    scene = ctx.scenes.top
    assert scene.keys["FOCUS"] == "Q" and scene.keys["PAUSE"] == "Esc"
    ctx.settings.values["bindings"] = {"keyboard": {"FOCUS": ["left shift"], "RECALL": ["f"]}}
    assert key_label(ctx, "FOCUS", "q") == "Left Shift" and key_label(ctx, "RECALL", "r") == "F"
    scene.phase = "play"
    canvas = pygame.Surface((640, 360))
    for held in (0, Action.FOCUS, Action.SPREAD):  # the HUD draws each mode (and the brief card before)
        game.step(ActionFrame(held, 0, (300, 100)))
        scene.draw(canvas, 0.0)


def test_the_cut_off_hint_shows_for_a_beacon_deep_in_tissue_not_on_surface_decay(booted):
    game = booted(StartPoint.of("practice-swarm"))
    scene = game.ctx.scenes.top
    scene.phase = "play"
    swarm = scene.swarm
    game.step(ActionFrame(0, 0, (0, 0)))
    decay = int(np.flatnonzero(swarm.tissue_flat == 8)[0])  # the first decay cell: on the tooth's surface
    at = ((decay % 320) * 2 + 1, (decay // 320) * 2 + 1)
    for _ in range(40):
        game.step(ActionFrame(0, 0, at))
    assert not scene.hint_showing
    for _ in range(40):
        game.step(ActionFrame(0, 0, (60, 340)))  # deep in the gum and bone
    assert scene.hint_showing
    scene.draw(pygame.Surface((640, 360)), 0.0)
