"""SPECTRA for people who do not program: the reference, the lesson, click-to-select, the editor's place."""

from __future__ import annotations

from game.core.actions import Action, ActionFrame
from game.core.rng import RunRandom
from game.spectra import layout
from game.spectra.generator import Tuning, generate_dive
from game.spectra.isa import OPCODES
from game.spectra.puzzle import LESSON_STAGES, Dive
from game.spectra.reference import BY_OP, ENTRIES

TUNING = Tuning(layers=1, faults=1, time_ticks=60 * 120, patch_penalty=300, hint_penalty=600)
LESSON = {stage: f"do {stage}" for stage in LESSON_STAGES}


def press(action: Action, pointer=(0, 0)) -> ActionFrame:
    return ActionFrame(int(action), int(action), pointer)


def new_dive(lesson=None) -> Dive:
    dive = Dive(generate_dive(RunRandom(4).stream("spectra"), TUNING), TUNING, lesson=lesson)
    dive.update(press(Action.CONFIRM))
    return dive


def test_every_opcode_has_a_reference_entry_with_an_example():
    assert sorted(e.op for e in ENTRIES) == sorted(OPCODES) and len(BY_OP) == len(ENTRIES)
    assert all(e.summary and e.example.split()[0] == e.op and e.effect for e in ENTRIES)


def test_the_reference_opens_at_the_cursor_line_and_the_clock_waits():
    dive = new_dive()
    dive.cursor = 0
    dive.update(press(Action.HISTORY))
    assert dive.reference is not None and ENTRIES[dive.reference].op == dive.program.code[0].op
    left = dive.ticks_left
    for _ in range(120):
        dive.update(ActionFrame())
    assert dive.ticks_left == left
    dive.update(press(Action.DOWN))
    dive.update(press(Action.CANCEL))
    assert dive.reference is None
    dive.update(ActionFrame())
    assert dive.ticks_left == left - 1


def test_a_click_selects_a_line_even_under_the_cursor_and_a_second_click_opens_the_editor():
    dive = new_dive()
    assert dive.cursor == 0
    row = layout.code_row(0)
    dive.update(press(Action.POINTER, (row.x + 60, row.y + 4)))
    assert dive.editor is None and dive.cursor == 0
    dive.update(press(Action.POINTER, (row.x + 60, row.y + 4)))
    assert dive.editor is not None and dive.editor.line == 0


def test_the_editor_leaves_every_code_line_in_view():
    for line in range(layout.MAX_ROWS):
        box = layout.editor_box(line)
        assert box.x >= layout.CODE.right and box.right <= 640
        assert layout.CODE.y <= box.y and box.bottom <= layout.CODE.bottom


def test_the_lesson_follows_run_step_patch():
    dive = new_dive(LESSON)
    assert dive.lesson_stage == "run"
    dive.update(press(Action.FOCUS))
    assert dive.lesson_stage == "read"
    dive.update(press(Action.SPREAD))  # starts the debugger on the selected example
    assert dive.lesson_stage == "step"
    for _ in range(3):
        dive.update(press(Action.SPREAD))
    assert dive.lesson_stage == "select"
    dive.update(press(Action.CANCEL))
    dive.update(press(Action.CONFIRM))
    assert dive.editor is not None and dive.lesson_stage == "edit"
    dive.update(press(Action.RIGHT))
    dive.update(press(Action.CONFIRM))
    assert dive.lesson_stage == "check" or dive.finished


def test_no_lesson_without_its_text():
    assert new_dive().lesson_stage is None


def test_a_practice_win_preselects_continue():
    dive = new_dive()
    dive._finish(True)
    assert dive.result_items[dive.result_index] == "Continue"
    lost = new_dive()
    lost._finish(False)
    assert lost.result_items[lost.result_index] == "Retry"


def test_the_first_layer_encounter_teaches():
    from game.paths import Paths
    from game.spectra.encounter import load

    data = load(Paths.from_env().encounters, "first-layer")
    assert set(data.lesson) == set(LESSON_STAGES)


def test_escape_closes_the_reference_instead_of_pausing(booted):
    from game.core.run import StartPoint
    from game.scenes.pause import PauseScene

    game = booted(StartPoint.of("practice-spectra", encounter="first-layer", difficulty="normal"), persist=False)
    scene = game.ctx.scenes.top
    escape = Action.CANCEL | Action.PAUSE  # one key, both actions, as bound by default
    for action in (Action.CONFIRM, Action.HISTORY):
        game.step(press(action))
        game.step(ActionFrame())
    assert scene.dive.reference is not None
    game.step(press(escape))
    assert scene.dive.reference is None and game.ctx.scenes.top is scene
    game.step(ActionFrame())
    game.step(press(escape))
    assert isinstance(game.ctx.scenes.top, PauseScene)
