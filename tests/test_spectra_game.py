"""SPECTRA in the running game: practice, the autopilot, digests, the checker, pause, the story hook."""

import subprocess
import sys
from pathlib import Path

import pytest

from game.check.cli import check_paths
from game.cli import main
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.spectra.autopilot import SpectraAutopilot
from game.spectra.encounter import SpectraEncounterChecker

ROOT = Path(__file__).resolve().parent.parent


def practice(encounter, difficulty):
    return StartPoint.of("practice-spectra", encounter=encounter, difficulty=difficulty)


@pytest.mark.slow
@pytest.mark.parametrize("encounter", ["first-layer", "full-dive"])
@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_the_autopilot_wins_every_difficulty(booted, encounter, difficulty):
    for seed in (1, 2, 3):
        pilot = SpectraAutopilot()
        game = booted(practice(encounter, difficulty), seed=seed, source=pilot)
        scene = game.ctx.scenes.top
        game.run_headless(60 * 600, until=lambda scene=scene: scene.dive.finished)
        assert scene.dive.won, (encounter, difficulty, seed, scene.dive.messages[-3:])
        assert game.ctx.run.events[-1][2] == f"spectra:{encounter}"


def test_practice_autopilot_prints_result_then_digest_and_repeats(capsys):
    args = ["practice", "spectra", "--encounter", "full-dive", "--difficulty", "hard", "--seed", "12",
            "--headless", "--autopilot"]
    assert main(args) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[0].startswith("result win score=") and " ticks=" in first[0]
    assert first[1].startswith("digest ") and len(first[1].split()[1]) == 32
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == first


def test_a_different_seed_gives_a_different_dive(booted):
    a = booted(practice("full-dive", "normal"), seed=1).ctx.scenes.top.dive
    b = booted(practice("full-dive", "normal"), seed=2).ctx.scenes.top.dive
    assert [p.faulty for p in a.layers] != [p.faulty for p in b.layers]


def test_headless_practice_without_ticks_is_refused(capsys):
    assert main(["practice", "spectra", "--headless"]) == 2
    assert "--ticks" in capsys.readouterr().err


def test_unknown_encounter_is_a_clear_message(capsys):
    assert main(["practice", "spectra", "--encounter", "nope", "--headless", "--ticks", "5"]) == 2
    assert "no such SPECTRA encounter" in capsys.readouterr().err


def test_screenshot_of_a_dive(tmp_path, capsys):
    import pygame

    target = tmp_path / "dive.png"
    assert main(["practice", "spectra", "--headless", "--ticks", "400", "--seed", "3", "--screenshot",
                 str(target)]) == 0
    image = pygame.image.load(str(target))
    assert image.get_size() == (640, 360)
    assert "result unfinished" in capsys.readouterr().out


def test_pause_opens_the_pause_menu_with_restart(booted):
    from game.app.sources import ScriptedInput
    from game.scenes.pause import PauseScene

    frames = [ActionFrame(Action.CONFIRM, Action.CONFIRM), ActionFrame(), ActionFrame(Action.PAUSE, Action.PAUSE)]
    game = booted(practice("first-layer", "easy"), seed=1, source=ScriptedInput(frames))
    game.run_headless(3)
    top = game.ctx.scenes.top
    assert isinstance(top, PauseScene) and top.restart == practice("first-layer", "easy")


def test_escape_in_the_editor_goes_back_instead_of_pausing(booted):
    from game.app.sources import ScriptedInput

    esc = ActionFrame(Action.CANCEL | Action.PAUSE, Action.CANCEL | Action.PAUSE)
    confirm = ActionFrame(Action.CONFIRM, Action.CONFIRM)
    game = booted(practice("first-layer", "easy"), seed=1,
                  source=ScriptedInput([confirm, ActionFrame(), confirm, ActionFrame(), esc]))
    scene = game.ctx.scenes.top
    game.run_headless(4)
    assert scene.dive.editor is not None
    game.run_headless(5)
    assert game.ctx.scenes.top is scene and scene.dive.editor is None


def test_the_story_gets_an_outcome_when_the_results_are_dismissed(booted):
    from game.minigames import build_minigame, registry

    assert "spectra" in registry()
    game = booted(StartPoint.of("title"), seed=4)
    outcomes = []
    scene = build_minigame(game.ctx, "spectra", "first-layer", "normal", outcomes.append)
    game.ctx.scenes.push(scene)
    assert scene.dive.result_items == ("Continue",)
    scene.dive._finish(True)
    for _ in range(40):
        game.step(ActionFrame(Action.CONFIRM, Action.CONFIRM))
        if outcomes:
            break
    assert outcomes and outcomes[0].minigame == "spectra" and outcomes[0].encounter == "first-layer"
    assert outcomes[0].won and game.ctx.scenes.top is not scene


def test_practice_menu_lists_the_spectra_encounters(booted):
    from game.starts import practice_entries

    game = booted(StartPoint.of("title"), seed=1)
    names = {e.start.get("encounter") for e in practice_entries(game.ctx) if e.start.name == "practice-spectra"}
    assert names == {"first-layer", "full-dive"}


def test_shipped_encounters_pass_the_checker():
    problems, count = check_paths([ROOT / "levels" / "encounters" / "spectra"], [])
    assert count == 2 and problems == []


def test_checker_reports_bad_keys_and_values_by_line(tmp_path):
    folder = tmp_path / "encounters" / "spectra"
    folder.mkdir(parents=True)
    bad = folder / "broken.yaml"
    bad.write_text("title: Broken\n"
                   "colour: blue\n"
                   "difficulties:\n"
                   "  easy: {layers: 1, faults: 1, time: 60}\n"
                   "  normal:\n"
                   "    layers: 0\n"
                   "    faults: 1\n"
                   "    time: 60\n"
                   "    kinds: [off-by-two]\n"
                   "  hard: {layers: 1, faults: 1, time: 60, speed: 3}\n", encoding="utf-8")
    assert SpectraEncounterChecker().claims(bad)
    problems, _ = check_paths([bad], [])
    assert any(p.line == 2 and "colour" in p.message for p in problems)
    assert any(p.line == 6 and "normal.layers" in p.message for p in problems)
    assert any(p.line == 9 and "off-by-two" in p.message for p in problems)
    assert any(p.line == 10 and "speed" in p.message for p in problems)
    assert all(str(p).startswith(f"{bad}:") for p in problems)


def test_checker_reports_broken_yaml_with_a_line(tmp_path):
    folder = tmp_path / "encounters" / "spectra"
    folder.mkdir(parents=True)
    bad = folder / "oops.yaml"
    bad.write_text("title: x\ndifficulties: [\n", encoding="utf-8")
    problems, _ = check_paths([bad], [])
    assert len(problems) == 1 and problems[0].line >= 2 and "YAML" in problems[0].message


def test_bench_prints_numbers():
    result = subprocess.run([sys.executable, "main.py", "bench", "spectra", "--runs", "20"], capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "median" in result.stdout and "hard" in result.stdout


def test_drawing_reads_the_dive_and_never_changes_it(booted):
    import pygame

    from game.app.sources import ScriptedInput

    keys = [Action.CONFIRM, Action.FOCUS, Action.SPREAD, Action.SPREAD, Action.DOWN, Action.CONFIRM]
    frames = []
    for key in keys:
        frames += [ActionFrame(int(key), int(key)), ActionFrame()]
    game = booted(practice("full-dive", "normal"), seed=6, source=ScriptedInput(frames))
    game.run_headless(len(frames))
    scene = game.ctx.scenes.top
    scene.dive.ticks_left = 200  # near time-out: glitches on
    before = scene.state_bytes()
    first = pygame.image.tobytes(game.draw(0), "RGB")
    second = pygame.image.tobytes(game.draw(0), "RGB")
    assert scene.state_bytes() == before
    assert first == second


def test_checker_reports_a_tuning_that_cannot_make_puzzles(tmp_path):
    folder = tmp_path / "encounters" / "spectra"
    folder.mkdir(parents=True)
    bad = folder / "impossible.yaml"
    bad.write_text("difficulties:\n"
                   "  easy: {layers: 1, faults: 1, time: 60}\n"
                   "  normal: {layers: 1, faults: 1, time: 60}\n"
                   "  hard: {layers: 1, faults: 3, time: 60, kinds: [swapped-operands], templates: [recall]}\n",
                   encoding="utf-8")
    problems, _ = check_paths([bad], [])
    assert [(p.line, "no fair puzzle" in p.message) for p in problems] == [(4, True)]
