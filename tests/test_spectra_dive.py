"""The dive's rules: running cases, stepping, breakpoints, patching, hints, the clock, pointer input."""

from game.core.actions import Action, ActionFrame
from game.core.rng import RunRandom
from game.spectra import layout
from game.spectra.generator import Tuning, generate_dive
from game.spectra.puzzle import Dive, cycle_distance

TUNING = Tuning(layers=2, faults=1, time_ticks=60 * 120, patch_penalty=300, hint_penalty=600)


def press(action: Action, pointer=(0, 0)) -> ActionFrame:
    return ActionFrame(int(action), int(action), pointer)


IDLE = ActionFrame()


def new_dive(seed: int = 4, tuning: Tuning = TUNING, practice: bool = True) -> Dive:
    dive = Dive(generate_dive(RunRandom(seed).stream("spectra"), tuning), tuning,
                voice={"calm": ("calm",), "warning": ("warn",), "critical": ("crit",)}, practice=practice)
    dive.update(press(Action.CONFIRM))  # past the layer banner
    assert dive.phase == "play"
    return dive


def write_line(dive: Dive, line: int, instruction) -> None:
    """Rewrite a line through the editor the way a player would: keys only."""
    while dive.panel != "code":
        dive.update(press(Action.NEXT))
    while dive.cursor != line:
        dive.update(press(Action.DOWN if dive.cursor < line else Action.UP))
    dive.update(press(Action.CONFIRM))
    editor = dive.editor
    assert editor is not None and editor.line == line
    while editor.op != instruction.op:
        d = cycle_distance(dive.editor_options(0), editor.op, instruction.op)
        dive.update(press(Action.RIGHT if d > 0 else Action.LEFT))
    for i, want in enumerate(instruction.args):
        while editor.field != i + 1:
            dive.update(press(Action.DOWN))
        while editor.args[i] != want:
            d = cycle_distance(dive.editor_options(i + 1), editor.args[i], want)
            dive.update(press(Action.RIGHT if d > 0 else Action.LEFT))
    dive.update(press(Action.CONFIRM))


def test_the_layer_card_stays_until_dismissed_and_the_clock_waits_for_it():
    dive = Dive(generate_dive(RunRandom(1).stream("spectra"), TUNING), TUNING)
    for _ in range(3000):
        dive.update(IDLE)
    assert dive.phase == "intro" and dive.ticks_left == TUNING.time_ticks
    dive.update(press(Action.CONFIRM))
    assert dive.phase == "play"
    before = dive.ticks_left
    for _ in range(60):
        dive.update(IDLE)
    assert dive.ticks_left == before - 60


def test_running_out_of_time_loses_the_dive():
    dive = new_dive()
    for _ in range(TUNING.time_ticks + 5):
        dive.update(IDLE)
        if dive.finished:
            break
    assert dive.finished and not dive.won and dive.ticks_left == 0
    assert "lose" in dive.cues or dive.messages[-1][0] == "bad"


def test_spectra_speaks_up_as_the_clock_runs_low():
    dive = new_dive()
    for _ in range(TUNING.time_ticks * 8 // 10):
        dive.update(IDLE)
    texts = [text for _, text in dive.messages]
    assert "warn" in texts and "crit" in texts and dive.urgency == 2


def test_running_the_cases_shows_each_example_and_counts_hidden_ones():
    dive = new_dive()
    dive.update(press(Action.FOCUS))
    assert dive.results is not None and len(dive.results) == len(dive.puzzle.visible)
    assert not all(r.passed for r in dive.results)
    assert dive.hidden_passed is not None and 0 <= dive.hidden_passed <= len(dive.puzzle.hidden)


def test_stepping_walks_the_trace_and_back():
    dive = new_dive()
    dive.update(press(Action.SPREAD))
    assert dive.debug is not None and dive.debug.pos == 0
    dive.update(press(Action.SPREAD))
    dive.update(press(Action.SPREAD))
    assert dive.debug.pos == 2
    assert dive.cursor == dive.debug.here.pc
    dive.panel = "debug"
    dive.update(press(Action.LEFT))
    assert dive.debug.pos == 1
    dive.update(press(Action.CANCEL))
    assert dive.debug is None


def test_continue_stops_at_a_breakpoint():
    dive = new_dive()
    target = len(dive.program) - 1
    while dive.cursor != target:
        dive.update(press(Action.UP))
    dive.update(press(Action.RECALL))
    assert target in dive.breakpoints
    dive.update(press(Action.SPREAD))  # attach the debugger
    dive.panel = "debug"
    dive.update(press(Action.CONFIRM))
    debug = dive.debug
    assert debug is not None
    assert debug.at_end or debug.here.pc == target
    dive.panel = "code"
    dive.cursor = target
    dive.update(press(Action.RECALL))
    assert target not in dive.breakpoints


def test_the_right_patch_restores_the_layer_and_the_last_one_wins():
    dive = new_dive()
    for layer in range(2):
        for line, ins in dive.puzzle.fix:
            write_line(dive, line, ins)
        if layer == 0:
            assert dive.phase == "cleared" and dive.layers_cleared == 1
            dive.update(IDLE)
            for _ in range(30):
                dive.update(press(Action.CONFIRM))
                if dive.phase == "intro":
                    break
            dive.update(press(Action.CONFIRM))
            assert dive.phase == "play" and dive.layer == 1
    assert dive.finished and dive.won and dive.score > 0
    assert dive.failed_patches == 0


def test_a_patch_that_fixes_nothing_costs_time():
    dive = new_dive()
    line, ins = dive.puzzle.fix[0]
    other = next(i for i in range(len(dive.program)) if i != line and dive.program.code[i].op not in ("HALT",))
    before = dive.ticks_left
    dive.open_editor(other)
    dive.editor.op = "NOP"
    dive.editor.args = []
    dive.update(press(Action.CONFIRM))
    assert dive.patches == 1 and dive.failed_patches == 1
    assert dive.ticks_left <= before - TUNING.patch_penalty


def test_writing_the_same_line_back_is_free():
    dive = new_dive()
    before = dive.ticks_left
    dive.update(press(Action.CONFIRM))
    dive.update(press(Action.CONFIRM))
    assert dive.patches == 0 and dive.ticks_left == before - 2


def test_hints_cost_time_and_narrow_down_to_the_line():
    dive = new_dive()
    line = dive.puzzle.fix[0][0]
    texts = []
    for n in range(1, 5):
        before = dive.ticks_left
        dive.update(press(Action.HINT))
        if n <= 3:
            assert dive.ticks_left == before - 1 - TUNING.hint_penalty
            texts.append(dive.hint_lines[-1])
        else:
            assert dive.ticks_left == before - 1  # no more hints, no charge
    assert texts[0].startswith("Fault signature")
    assert texts[2] == f"Line {line + 1} is corrupt."


def test_the_editor_offers_only_valid_alternatives():
    dive = new_dive()
    jump = next(i for i, ins in enumerate(dive.program.code) if ins.op.startswith("J"))
    dive.open_editor(jump)
    labels = [o.value for o in dive.editor_options(1)]
    assert labels == list(dive.program.label_names)
    dive.editor_change(1, 0)  # another opcode: operands refit to its signature
    from game.spectra.isa import SIGNATURES

    assert len(dive.editor.args) == len(SIGNATURES[dive.editor.op])


def test_clicking_a_line_selects_it_and_the_gutter_sets_a_breakpoint():
    dive = new_dive()
    row = layout.code_row(3)
    dive.update(press(Action.POINTER, (row.x + 60, row.y + 4)))
    assert dive.cursor == 3 and dive.editor is None
    dive.update(press(Action.POINTER, (row.x + 60, row.y + 4)))
    assert dive.editor is not None and dive.editor.line == 3
    dive.update(press(Action.POINTER_ALT, (0, 0)))
    assert dive.editor is None
    dive.update(press(Action.POINTER, (row.x + 4, row.y + 4)))
    assert 3 in dive.breakpoints


def test_toolbar_buttons_and_case_rows_respond_to_clicks():
    dive = new_dive()
    run_button = layout.buttons()["run"]
    dive.update(press(Action.POINTER, (run_button.x + 3, run_button.y + 3)))
    assert dive.results is not None
    row = layout.case_row(1)
    dive.update(press(Action.POINTER, (row.x + 40, row.y + 3)))
    assert dive.debug is not None and dive.debug.case == 1


def test_results_offer_retry_and_quit_in_practice_and_continue_in_the_story():
    for practice, items in ((True, ("Retry", "Quit to title")), (False, ("Continue",))):  # lost dives
        dive = new_dive(practice=practice)
        dive._finish(False)
        assert dive.result_items == items
        for _ in range(40):
            choice = dive.update(press(Action.CONFIRM) if dive.t > 35 else IDLE)
            if choice:
                break
        assert choice == ("retry" if practice else "continue")


def test_state_bytes_follow_the_state():
    a, b = new_dive(seed=9), new_dive(seed=9)
    assert a.state_bytes() == b.state_bytes()
    a.update(press(Action.DOWN))
    assert a.state_bytes() != b.state_bytes()


def test_a_right_line_masked_by_another_fault_is_not_charged():
    tuning = Tuning(layers=1, faults=2, time_ticks=60 * 120, patch_penalty=300)
    for seed in range(40):
        dive = new_dive(seed=seed, tuning=tuning)
        line, ins = dive.puzzle.fix[0]
        before_pass = dive._passing_now()
        masked = dive.program.replace(line, ins)
        from game.spectra.interp import count_passing

        if count_passing(masked, dive.puzzle.all_cases) <= before_pass:
            before = dive.ticks_left
            write_line(dive, line, ins)
            assert dive.failed_patches == 0 and dive.ticks_left > before - tuning.patch_penalty
            return
    raise AssertionError("no seed with a masked first fix; widen the search")


def test_the_editor_works_with_the_pointer_alone():
    dive = new_dive()
    line, target = dive.puzzle.fix[0]
    row = layout.code_row(line)
    dive.update(press(Action.POINTER, (row.x + 60, row.y + 4)))
    dive.update(press(Action.POINTER, (row.x + 60, row.y + 4)))
    editor = dive.editor
    assert editor is not None and editor.line == line
    box = layout.editor_box(line)
    for i in range(1 + len(target.args)):
        field = layout.editor_field(box, i)
        left, right = layout.editor_arrows(field)
        want = target.op if i == 0 else target.args[i - 1]
        for _ in range(200):
            have = editor.op if i == 0 else editor.args[i - 1]
            if have == want:
                break
            d = cycle_distance(dive.editor_options(i), have, want)
            if abs(d) > 3:  # the wheel over the field, like a player scrolling
                wheel = Action.WHEEL_DOWN if d > 0 else Action.WHEEL_UP
                dive.update(press(wheel, (field.x + field.w // 2, field.y + 4)))
            else:
                arrow = right if d > 0 else left
                dive.update(press(Action.POINTER, (arrow.x + 2, arrow.y + 4)))
        assert (editor.op if i == 0 else editor.args[i - 1]) == want
    write, _ = layout.editor_buttons(box)
    dive.update(press(Action.POINTER, (write.x + 3, write.y + 3)))
    assert dive.editor is None and dive.program.code[line] == target
