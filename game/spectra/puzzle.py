"""The dive: the game state of a SPECTRA debugging encounter, advanced one action frame per tick.

A dive is a sequence of layers (puzzles) under one clock counted in ticks. On each layer the player
runs the example cases, steps through a case with the debugger (breakpoints, registers, memory, an
execution trace), asks for hints (which cost time) and patches lines with the editor, choosing an
opcode and operands among the valid alternatives. A patch that makes no failing case pass costs time,
unless the line now matches SPECTRA's backup image (a right line masked by another fault is not
charged). A layer is restored when every case passes, hidden ones included; the dive is won when the last
layer is restored and lost when the clock reaches zero.

``Dive.update(frame)`` is the only way the state changes; keyboard, gamepad and pointer all arrive
as the same ``ActionFrame``. Hit tests use ``layout`` so a click lands where things are drawn.
Everything the drawing needs (including how strong the glitches are) is readable from here; nothing
in this module imports pygame or reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action, ActionFrame
from game.spectra import layout
from game.spectra.controls import DiveControls, Editor, cycle_distance, opcode_cycle, operand_cycle  # noqa: F401
from game.spectra.faults import KINDS
from game.spectra.generator import Puzzle, Tuning
from game.spectra.interp import STEP_LIMIT, RunResult, Snapshot, count_passing, run
from game.spectra.isa import (
    Program,
)

#: the first-layer lesson's steps, in order; the encounter file words each one (``lesson:``)
LESSON_STAGES = ("run", "read", "step", "select", "edit", "check")
CLEARED_TICKS = 120
REPEAT_DELAY, REPEAT_EVERY = 14, 3  # held arrows repeat, like a keyboard
MAX_HINTS = 3
MAX_MESSAGES = 24
DEBUG_LIMIT = STEP_LIMIT


@dataclass(frozen=True)
class CaseResult:
    passed: bool
    output: int | None  # None when the program trapped
    reason: str = ""  # the trap


@dataclass
class Debug:
    """Stepping through one example case: the precomputed machine states and where we are."""

    case: int
    snaps: tuple[Snapshot, ...]
    result: RunResult
    pos: int = 0

    @property
    def here(self) -> Snapshot:
        return self.snaps[self.pos]

    @property
    def at_end(self) -> bool:
        return self.pos >= len(self.snaps) - 1


class Dive(DiveControls):
    """One SPECTRA encounter in progress."""

    def __init__(self, layers: list[Puzzle], tuning: Tuning, *, title: str = "", intro: tuple[str, ...] = (),
                 voice: dict[str, tuple[str, ...]] | None = None, practice: bool = True,
                 lesson: dict[str, str] | None = None) -> None:
        if not layers:
            raise ValueError("a dive needs at least one layer")
        self.layers = layers
        self.tuning = tuning
        self.title = title
        self.intro_lines = intro
        self.voice = voice or {}
        self.practice = practice
        #: the lesson's words per stage; empty when the encounter teaches nothing
        self.lesson_text = dict(lesson or {})
        #: index into ``LESSON_STAGES`` of the step the player is shown, -1 without a lesson
        self.lesson = 0 if self.lesson_text else -1
        #: the instruction reference: the entry shown while it is open, else None (the clock waits)
        self.reference: int | None = None
        #: the code line a click selected; a second click on it opens the editor
        self.armed_line: int | None = None
        self.time_total = tuning.time_ticks
        self.ticks_left = tuning.time_ticks
        self.elapsed = 0  # ticks since the dive began (every phase)
        self.t = 0  # ticks in the current phase, for banners and animation
        self.phase = "intro"  # intro | play | cleared | over
        self.won = False
        self.layer = 0
        self.program: Program = layers[0].faulty
        self.cursor = 0
        self.panel = "code"
        self.case_cursor = 0
        self.breakpoints: set[int] = set()
        self.editor: Editor | None = None
        self.debug: Debug | None = None
        self.results: tuple[CaseResult, ...] | None = None
        self.hidden_passed: int | None = None
        self.hints = 0  # hints bought on this layer
        self.hint_lines: list[str] = []
        self.total_hints = 0
        self.patches = 0
        self.failed_patches = 0
        self.penalty_ticks = 0
        self.penalty_flash = 0  # ticks left of the "-5s" flash
        self.last_penalty = 0
        self.layers_cleared = 0
        self.score = 0
        self.messages: list[tuple[str, str]] = []  # (kind, text): spectra, malik, good, bad, hint
        self.voice_count = 0
        self.urgency = 0  # 0 calm, 1 warning, 2 critical (the highest reached)
        self.result_index = 0
        self.pointer = (0, 0)
        self._held_for: dict[int, int] = {}
        #: sound cues of the last tick, for the scene to play (ui_move, spectra_pass, ...)
        self.cues: list[str] = []
        self._say_intro()

    # -- queries for drawing and the autopilot ----------------------------------------------------
    @property
    def puzzle(self) -> Puzzle:
        return self.layers[self.layer]

    @property
    def finished(self) -> bool:
        return self.phase == "over"

    @property
    def result_items(self) -> tuple[str, ...]:
        """Choices after the dive; the first is preselected (Continue after a win, so Enter moves on)."""
        if not self.practice:
            return ("Continue",)
        return ("Continue", "Retry", "Quit to title") if self.won else ("Retry", "Quit to title")

    @property
    def lesson_stage(self) -> str | None:
        """The lesson step to show now, or None (no lesson, or it is over)."""
        if 0 <= self.lesson < len(LESSON_STAGES) and self.layer == 0:
            return LESSON_STAGES[self.lesson]
        return None

    def advance_lesson(self, stage: str) -> None:
        """The player did what ``stage`` asks for (or something later): show the step after it."""
        if self.lesson >= 0 and stage in LESSON_STAGES:
            self.lesson = max(self.lesson, LESSON_STAGES.index(stage) + 1)

    def pressure(self) -> int:
        """How close the clock is to zero, 0..1000 (glitches and SPECTRA's tone follow it)."""
        if self.time_total <= 0:
            return 1000
        return 1000 - self.ticks_left * 1000 // self.time_total

    def remaining_faulty_lines(self) -> list[int]:
        reference = self.puzzle.reference
        return [i for i, (a, b) in enumerate(zip(self.program.code, reference.code, strict=True)) if a != b]

    # -- the tick ---------------------------------------------------------------------------------
    def update(self, frame: ActionFrame) -> str | None:
        """Advance one tick. Returns "retry", "quit" or "continue" when a results choice is made."""
        self.cues = []
        self.elapsed += 1
        self.t += 1
        self.pointer = frame.pointer
        if self.penalty_flash:
            self.penalty_flash -= 1
        pressed = frame.pressed | self._repeats(frame)
        if self.phase == "intro":  # the card stays until the player dismisses it
            if pressed & (Action.CONFIRM | Action.POINTER | Action.CANCEL):
                self._set_phase("play")
            return None
        if self.phase == "cleared":
            if self.t >= CLEARED_TICKS or (self.t > 20 and pressed & (Action.CONFIRM | Action.POINTER)):
                self._next_layer()
            return None
        if self.phase == "over":
            return self._update_results(frame, pressed)
        if self.reference is not None:  # reading the reference: the clock waits
            self._update_reference(frame, pressed)
            return None
        self._tick_clock()
        if self.phase != "play":
            return None
        if self.editor is not None:
            self._update_editor(frame, pressed)
        else:
            self._update_tools(frame, pressed)
        return None

    def _repeats(self, frame: ActionFrame) -> int:
        """Held arrows act again after a delay, every few ticks."""
        extra = 0
        for action in (Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT):
            bit = int(action)
            if frame.held & bit:
                n = self._held_for.get(bit, 0) + 1
                self._held_for[bit] = n
                if n > REPEAT_DELAY and (n - REPEAT_DELAY) % REPEAT_EVERY == 0:
                    extra |= bit
            else:
                self._held_for.pop(bit, None)
        return extra

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        self.t = 0

    def _tick_clock(self) -> None:
        self.ticks_left -= 1
        if self.ticks_left <= 0:
            self.ticks_left = 0
            self._finish(False)
            return
        p = self.pressure()
        level = 2 if p >= 750 else 1 if p >= 500 else 0
        if level > self.urgency:
            self.urgency = level
            self._voice("critical" if level == 2 else "warning")
            self.cues.append("alarm" if level == 2 else "glitch")
        elif level == 2 and self.t % 600 == 0:
            self._voice("critical")
            self.cues.append("glitch")
        elif level == 0 and self.t % 1800 == 0:
            self._voice("calm")
        if level == 2 and self.ticks_left % 60 == 0:
            self.cues.append("clock_tick")

    # -- messages ---------------------------------------------------------------------------------
    def say(self, kind: str, text: str) -> None:
        self.messages.append((kind, text))
        del self.messages[:-MAX_MESSAGES]

    def _voice(self, mood: str) -> None:
        lines = self.voice.get(mood) or ()
        if not lines:
            return
        text = lines[self.voice_count % len(lines)]
        self.voice_count += 1
        kind = "malik" if text.startswith("Malik:") else "spectra"
        self.say(kind if mood == "calm" else ("bad" if mood == "critical" and kind == "spectra" else kind), text)

    def _say_intro(self) -> None:
        if self.layer == 0:
            for line in self.intro_lines:
                self.say("spectra", line)
        faults = len(self.puzzle.faults)
        self.say("spectra", f"Layer {self.layer + 1}/{len(self.layers)}: {self.puzzle.title}. "
                            f"{faults} fault{'s' if faults > 1 else ''} detected.")

    # -- results ----------------------------------------------------------------------------------
    def _finish(self, won: bool) -> None:
        self.won = won
        self.editor = None
        if won:
            self.score = max(0, 1000 * len(self.layers) + self.ticks_left // 6 - 100 * self.total_hints
                             - 50 * self.failed_patches)
            self.say("good", "All layers restored. SPECTRA online.")
            self.cues.append("win")
        else:
            self.score = max(0, 500 * self.layers_cleared - 100 * self.total_hints)
            self.say("bad", "TIME OUT. Core offline.")
            self.cues.append("lose")
        self.result_index = 0
        self._set_phase("over")

    def _update_results(self, frame: ActionFrame, pressed: int) -> str | None:
        if self.t < 30:  # let the result sink in; no accidental choice from a held key
            return None
        items = self.result_items
        dy = (1 if pressed & Action.DOWN else 0) - (1 if pressed & Action.UP else 0)
        if dy:
            self.result_index = (self.result_index + dy) % len(items)
            self.cues.append("ui_move")
        if pressed & Action.POINTER:
            for i in range(len(items)):
                if layout.result_row(i).contains(frame.pointer):
                    self.result_index = i
                    return self._choose()
            return None
        if pressed & Action.CONFIRM:
            return self._choose()
        return None

    def _choose(self) -> str:
        self.cues.append("ui_confirm")
        label = self.result_items[self.result_index]
        return {"Retry": "retry", "Quit to title": "quit"}.get(label, "continue")

    # -- layers -----------------------------------------------------------------------------------
    def _layer_restored(self) -> None:
        self.layers_cleared += 1
        self.editor = None
        self.debug = None
        self.advance_lesson("check")
        self.say("good", f"Layer {self.layer + 1} restored: every case passes, hidden ones included.")
        self.cues.append("spectra_pass")
        if self.layer + 1 >= len(self.layers):
            self._finish(True)
        else:
            self._set_phase("cleared")

    def _next_layer(self) -> None:
        self.layer += 1
        self.program = self.puzzle.faulty
        self.cursor = 0
        self.panel = "code"
        self.case_cursor = 0
        self.breakpoints = set()
        self.results = None
        self.hidden_passed = None
        self.hints = 0
        self.hint_lines = []
        self._say_intro()
        self._set_phase("intro")

    # -- tools ------------------------------------------------------------------------------------
    def run_cases(self) -> int:
        """Run every case; show the examples one by one, the hidden ones as a count. Returns passes."""
        puzzle = self.puzzle
        results = []
        for case in puzzle.visible:
            r = run(self.program, case)
            ok = r.status == "halt" and r.regs[0] == case.expected
            results.append(CaseResult(ok, r.output, r.reason))
        self.results = tuple(results)
        self.hidden_passed = count_passing(self.program, puzzle.hidden)
        self.advance_lesson("run")
        return sum(r.passed for r in results) + self.hidden_passed

    def _report_run(self) -> None:
        assert self.results is not None and self.hidden_passed is not None
        shown = sum(r.passed for r in self.results)
        total_hidden = len(self.puzzle.hidden)
        if shown == len(self.results) and self.hidden_passed == total_hidden:
            self._layer_restored()
            return
        if shown == len(self.results):
            self.say("spectra", f"Examples pass, but {total_hidden - self.hidden_passed} hidden case(s) "
                                f"still fail. The fix is not general.")
        else:
            self.say("spectra", f"{shown}/{len(self.results)} examples pass; hidden {self.hidden_passed}/"
                                f"{total_hidden}.")
        self.cues.append("spectra_fail")

    def action_run(self) -> None:
        self.run_cases()
        self._report_run()

    def action_step(self, back: bool = False) -> None:
        if self.debug is None:
            self._start_debug(self.case_cursor)
            return
        debug = self.debug
        if back:
            if debug.pos > 0:
                debug.pos -= 1
                self.cues.append("ui_move")
            return
        if debug.at_end:
            self._say_debug_end()
            return
        debug.pos += 1
        self.cues.append("ui_move")
        self.cursor = min(debug.here.pc, len(self.program) - 1)
        if debug.pos >= 3 or debug.at_end:
            self.advance_lesson("step")
        if debug.at_end:
            self._say_debug_end()

    def action_continue(self) -> None:
        """Run the debugged case to the next breakpoint (or the end)."""
        if self.debug is None:
            self._start_debug(self.case_cursor)
        debug = self.debug
        assert debug is not None
        if debug.at_end:
            self._say_debug_end()
            return
        while not debug.at_end:
            debug.pos += 1
            if debug.here.pc in self.breakpoints and not debug.at_end:
                self.say("spectra", f"Breakpoint at line {debug.here.pc + 1} (step {debug.pos}).")
                break
        self.cursor = min(debug.here.pc, len(self.program) - 1)
        self.cues.append("ui_move")
        if debug.at_end:
            self._say_debug_end()

    def _start_debug(self, index: int) -> None:
        case = self.puzzle.visible[index]
        result = run(self.program, case, limit=DEBUG_LIMIT, trace=True)
        self.debug = Debug(index, tuple(result.trace), result)
        self.case_cursor = index
        self.cursor = min(self.debug.here.pc, len(self.program) - 1)
        self.say("spectra", f"Debugging example {index + 1}: step through it and watch the registers.")
        self.advance_lesson("read")
        self.cues.append("ui_confirm")

    def _say_debug_end(self) -> None:
        debug = self.debug
        assert debug is not None
        case = self.puzzle.visible[debug.case]
        r = debug.result
        if r.status == "trap":
            self.say("bad", f"Example {debug.case + 1} trapped: {r.reason} at line {r.pc + 1}.")
        else:
            verdict = "correct" if r.regs[0] == case.expected else f"expected {case.expected}"
            self.say("spectra", f"Example {debug.case + 1} ended: R0 = {r.regs[0]} ({verdict}).")

    def action_breakpoint(self, line: int | None = None) -> None:
        line = self.cursor if line is None else line
        if line in self.breakpoints:
            self.breakpoints.discard(line)
        else:
            self.breakpoints.add(line)
        self.cues.append("ui_move")

    def action_hint(self) -> None:
        if self.hints >= MAX_HINTS:
            self.say("spectra", "No further diagnostics available on this layer.")
            self.cues.append("ui_error")
            return
        remaining = self.remaining_faulty_lines()
        if not remaining:
            self.say("hint", "Every line matches my backup image. Run the cases.")
            return
        line = remaining[0]
        kind = next((f.kind for f in self.puzzle.faults if line in f.lines), "")
        self.hints += 1
        self.total_hints += 1
        self._penalise(self.tuning.hint_penalty)
        if self.hints == 1:
            text = f"Fault signature: {KINDS.get(kind, 'a line differs from my backup')}."
        elif self.hints == 2:
            lo, hi = max(1, line - 1), min(len(self.program), line + 3)
            text = f"The fault lies between lines {lo} and {hi}."
        else:
            text = f"Line {line + 1} is corrupt."
        self.hint_lines.append(text)
        self.say("hint", f"HINT: {text}")
        self.cues.append("blip_spectra")

    def _penalise(self, ticks: int) -> None:
        if ticks <= 0:
            return
        self.ticks_left = max(0, self.ticks_left - ticks)
        self.penalty_ticks += ticks
        self.penalty_flash = 90
        self.last_penalty = ticks
        if self.ticks_left == 0:
            self._finish(False)

    # -- digest -----------------------------------------------------------------------------------
    def state_bytes(self) -> bytes:
        editor = None if self.editor is None else (self.editor.line, self.editor.instruction.text(), self.editor.field)
        debug = None if self.debug is None else (self.debug.case, self.debug.pos)
        state = (self.phase, self.t, self.elapsed, self.layer, self.ticks_left, self.won, self.program.text(),
                 self.cursor, self.panel, self.case_cursor, tuple(sorted(self.breakpoints)), editor, debug,
                 self.results, self.hidden_passed, self.hints, self.total_hints, self.patches, self.failed_patches,
                 self.penalty_ticks, self.layers_cleared, self.score, self.urgency, self.voice_count,
                 len(self.messages), self.result_index, tuple(sorted(self._held_for.items())), self.lesson,
                 self.reference, self.armed_line)
        return repr(state).encode()

