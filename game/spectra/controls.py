"""How a dive answers the player: keys, gamepad and pointer, all arriving as one ``ActionFrame``.

``DiveControls`` is the input half of ``Dive`` (``puzzle.py`` keeps the state and the rules): it turns
a tick's presses into the dive's actions (run, step, patch, hints, the reference) and hit-tests the
pointer against ``layout``, the same boxes the drawing uses. Pure: no pygame, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.actions import Action, ActionFrame
from game.spectra import layout
from game.spectra.interp import count_passing
from game.spectra.isa import (
    IMM,
    IMM_MAX,
    IMM_MIN,
    JUMPS,
    LABEL,
    MEM_SIZE,
    MIMM,
    MREG,
    NUM_REGS,
    OPCODES,
    REG,
    SIGNATURES,
    Instruction,
    Operand,
    default_operand,
)
from game.spectra.layout import PANELS


@dataclass
class Editor:
    """The patch editor open on one line: an opcode, its operands and which field has focus."""

    line: int
    op: str
    args: list[Operand]
    field: int = 0  # 0 = opcode, 1.. = operands

    @property
    def instruction(self) -> Instruction:
        return Instruction(self.op, tuple(self.args))

    @property
    def fields(self) -> int:
        return 1 + len(self.args)


def operand_cycle(kinds: tuple[str, ...], labels: tuple[str, ...]) -> list[Operand]:
    """The alternatives a slot offers, in cycling order: registers first, then small numbers,
    then negative ones (so a number is never far from a register), labels in program order."""
    out: list[Operand] = []
    if REG in kinds:
        out += [Operand(REG, i) for i in range(NUM_REGS)]
    if IMM in kinds:
        out += [Operand(IMM, v) for v in range(0, IMM_MAX + 1)] + [Operand(IMM, v) for v in range(IMM_MIN, 0)]
    if MREG in kinds:
        out += [Operand(MREG, i) for i in range(NUM_REGS)]
    if MIMM in kinds:
        out += [Operand(MIMM, v) for v in range(MEM_SIZE)]
    if LABEL in kinds:
        out += [Operand(LABEL, name) for name in labels]
    return out


def opcode_cycle(labels: tuple[str, ...]) -> tuple[str, ...]:
    """Opcodes the editor offers: jumps and calls only when the program has labels to aim at."""
    if labels:
        return OPCODES
    return tuple(op for op in OPCODES if op not in JUMPS and op != "CALL")


def cycle_distance(options: list, current, target) -> int:
    """Signed number of presses (RIGHT positive) from ``current`` to ``target`` the short way round."""
    n = len(options)
    i, j = options.index(current), options.index(target)
    forward = (j - i) % n
    return forward if forward <= n - forward else forward - n




class DiveControls:
    """Mixed into ``Dive``; every attribute it reads is the dive's."""

    # -- input ------------------------------------------------------------------------------------
    def _update_editor(self, frame: ActionFrame, pressed: int) -> None:
        editor = self.editor
        assert editor is not None
        if pressed & (Action.CANCEL | Action.POINTER_ALT):
            self.editor = None
            self.cues.append("ui_cancel")
            return
        if pressed & Action.POINTER:
            box = layout.editor_box(editor.line)
            apply_box, cancel_box = layout.editor_buttons(box)
            if apply_box.contains(frame.pointer):
                self.apply_patch()
                return
            if cancel_box.contains(frame.pointer):
                self.editor = None
                self.cues.append("ui_cancel")
                return
            for i in range(editor.fields):
                fbox = layout.editor_field(box, i)
                if fbox.contains(frame.pointer):
                    editor.field = i
                    left, right = layout.editor_arrows(fbox)
                    if left.contains(frame.pointer):
                        self.editor_change(-1)
                    elif right.contains(frame.pointer):
                        self.editor_change(1)
                    return
            return
        if pressed & (Action.WHEEL_UP | Action.WHEEL_DOWN):
            box = layout.editor_box(editor.line)
            for i in range(editor.fields):
                if layout.editor_field(box, i).contains(frame.pointer):
                    editor.field = i
                    self.editor_change(-1 if pressed & Action.WHEEL_UP else 1)
                    return
        if pressed & Action.CONFIRM:
            self.apply_patch()
            return
        dx = (1 if pressed & Action.RIGHT else 0) - (1 if pressed & Action.LEFT else 0)
        dy = (1 if pressed & Action.DOWN else 0) - (1 if pressed & Action.UP else 0)
        if pressed & Action.NEXT:
            dy = 1
        elif pressed & Action.PREV:
            dy = -1
        if dy:
            editor.field = (editor.field + dy) % editor.fields
            self.cues.append("ui_move")
        elif dx:
            self.editor_change(dx)

    def _update_tools(self, frame: ActionFrame, pressed: int) -> None:
        if pressed & (Action.POINTER | Action.WHEEL_UP | Action.WHEEL_DOWN):
            if self._pointer_tools(frame, pressed):
                return
        if pressed & Action.FOCUS:
            self.action_run()
            return
        if pressed & Action.SPREAD:
            self.action_step()
            return
        if pressed & Action.RECALL:
            self.action_breakpoint()
            return
        if pressed & Action.HINT:
            self.action_hint()
            return
        if pressed & Action.HISTORY:
            self.open_reference()
            return
        if pressed & Action.NEXT or pressed & Action.PREV:
            step = 1 if pressed & Action.NEXT else -1
            self.panel = PANELS[(PANELS.index(self.panel) + step) % len(PANELS)]
            self.cues.append("ui_move")
            return
        if pressed & (Action.CANCEL | Action.POINTER_ALT):
            if self.debug is not None:
                self.debug = None
                self.say("spectra", "Debugger detached.")
                self.cues.append("ui_cancel")
            elif self.panel != "code":
                self.panel = "code"
                self.cues.append("ui_cancel")
            return
        dy = (1 if pressed & Action.DOWN else 0) - (1 if pressed & Action.UP else 0)
        dx = (1 if pressed & Action.RIGHT else 0) - (1 if pressed & Action.LEFT else 0)
        if self.panel == "code":
            if dy:
                self.cursor = (self.cursor + dy) % len(self.program)
                self.armed_line = None
                self.cues.append("ui_move")
            if pressed & Action.CONFIRM:
                self.open_editor()
        elif self.panel == "cases":
            if dy:
                self.case_cursor = (self.case_cursor + dy) % len(self.puzzle.visible)
                self.cues.append("ui_move")
            if pressed & Action.CONFIRM:
                self._start_debug(self.case_cursor)
        else:  # debug
            if dy or dx:
                self.action_step(back=(dy or dx) < 0)
            if pressed & Action.CONFIRM:
                self.action_continue()

    def _pointer_tools(self, frame: ActionFrame, pressed: int) -> bool:
        """Clicks and the wheel on panels and buttons; True when the pointer did something."""
        p = frame.pointer
        wheel = (1 if pressed & Action.WHEEL_DOWN else 0) - (1 if pressed & Action.WHEEL_UP else 0)
        click = bool(pressed & Action.POINTER)
        if click:
            for key, box in layout.buttons().items():
                if box.contains(p):
                    self._button(key)
                    return True
        if layout.CODE.contains(p):
            if wheel:
                self.panel = "code"
                self.cursor = max(0, min(len(self.program) - 1, self.cursor + wheel))
                self.armed_line = None
                return True
            for i in range(len(self.program)):
                row = layout.code_row(i)
                if row.contains(p) and click:
                    if p[0] < row.x + layout.GUTTER_W:
                        self.action_breakpoint(i)
                    elif self.panel == "code" and self.cursor == i and self.armed_line == i:
                        self.open_editor(i)  # the second click on a selected line
                    else:
                        self.panel = "code"
                        self.cursor = i
                        self.armed_line = i
                        self.cues.append("ui_move")
                    return True
            return click
        if layout.CASES.contains(p):
            if wheel:
                self.panel = "cases"
                self.case_cursor = (self.case_cursor + wheel) % len(self.puzzle.visible)
                return True
            for i in range(len(self.puzzle.visible)):
                if layout.case_row(i).contains(p) and click:
                    self.panel = "cases"
                    self._start_debug(i)
                    return True
            return click
        if layout.TRACE.contains(p) or layout.MACHINE.contains(p):
            if wheel and self.debug is not None:
                self.panel = "debug"
                self.action_step(back=wheel < 0)
                return True
            if click:
                self.panel = "debug"
                return True
        return False

    def _button(self, key: str) -> None:
        if key == "run":
            self.action_run()
        elif key == "step":
            self.action_step()
        elif key == "continue":
            self.action_continue()
        elif key == "break":
            self.action_breakpoint()
        elif key == "hint":
            self.action_hint()
        elif key == "reference":
            self.open_reference()
        elif key == "panel":
            self.panel = PANELS[(PANELS.index(self.panel) + 1) % len(PANELS)]
            self.cues.append("ui_move")

    # -- the patch editor -------------------------------------------------------------------------
    def open_editor(self, line: int | None = None) -> None:
        line = self.cursor if line is None else line
        ins = self.program.code[line]
        self.editor = Editor(line, ins.op, list(ins.args))
        self.cursor = line
        self.armed_line = None
        self.advance_lesson("select")
        self.cues.append("ui_confirm")

    def editor_options(self, index: int) -> list:
        """The alternatives of editor field ``index`` (0: opcodes, then each operand slot)."""
        assert self.editor is not None
        labels = self.program.label_names
        if index == 0:
            return list(opcode_cycle(labels))
        kinds = SIGNATURES[self.editor.op][index - 1]
        return operand_cycle(kinds, labels)

    def editor_change(self, step: int, index: int | None = None) -> None:
        editor = self.editor
        assert editor is not None
        index = editor.field if index is None else index
        options = self.editor_options(index)
        if index == 0:
            current = editor.op
            new = options[(options.index(current) + step) % len(options)] if current in options else options[0]
            self._set_opcode(new)
        else:
            current = editor.args[index - 1]
            i = options.index(current) if current in options else -step
            editor.args[index - 1] = options[(i + step) % len(options)]
        self.cues.append("ui_move")

    def _set_opcode(self, op: str) -> None:
        editor = self.editor
        assert editor is not None
        labels = self.program.label_names
        args = []
        for i, kinds in enumerate(SIGNATURES[op]):
            old = editor.args[i] if i < len(editor.args) else None
            if old is not None and old.kind in kinds and (old.kind != LABEL or old.value in labels):
                args.append(old)
            else:
                args.append(default_operand(kinds, labels))
        editor.op = op
        editor.args = args
        editor.field = min(editor.field, len(args))

    def apply_patch(self) -> None:
        editor = self.editor
        assert editor is not None
        self.editor = None
        new = editor.instruction
        if new == self.program.code[editor.line]:
            self.say("spectra", "No change written.")
            self.cues.append("ui_cancel")
            return
        before = self._passing_now()
        self.program = self.program.replace(editor.line, new)
        self.patches += 1
        self.advance_lesson("edit")
        self.debug = None
        after = self.run_cases()
        self.say("spectra", f"Line {editor.line + 1} patched: {new.text()}")
        total = len(self.puzzle.all_cases)
        if after == total:
            self._layer_restored()
            return
        if after <= before and new == self.puzzle.reference.code[editor.line]:
            # a right line masked by another fault: SPECTRA's backup image vouches for it, no charge
            self.say("spectra", "Line matches my backup image. Another fault still masks it.")
            self.cues.append("spectra_pass")
        elif after <= before:
            self.failed_patches += 1
            self._penalise(self.tuning.patch_penalty)
            self.say("bad", f"Patch rejected by the checker: no failing case fixed. "
                            f"-{self.tuning.patch_penalty // 60}s")
            self.cues.append("spectra_fail")
        else:
            self._report_run()

    def _passing_now(self) -> int:
        return count_passing(self.program, self.puzzle.all_cases)

    # -- the instruction reference ----------------------------------------------------------------
    def open_reference(self) -> None:
        """Open the reference at the opcode of the line under the cursor."""
        from game.spectra.reference import index_of

        self.reference = index_of(self.program.code[self.cursor].op)
        self.cues.append("ui_confirm")

    def _update_reference(self, frame: ActionFrame, pressed: int) -> None:
        from game.spectra.reference import ENTRIES

        if pressed & (Action.CANCEL | Action.HISTORY | Action.POINTER_ALT | Action.CONFIRM):
            self.reference = None
            self.cues.append("ui_cancel")
            return
        if pressed & Action.POINTER:
            for i in range(len(ENTRIES)):
                if layout.reference_row(i).contains(frame.pointer):
                    self.reference = i
                    self.cues.append("ui_move")
                    return
            if not layout.REFERENCE.contains(frame.pointer):
                self.reference = None
                self.cues.append("ui_cancel")
            return
        dy = (1 if pressed & (Action.DOWN | Action.WHEEL_DOWN) else 0) - (1 if pressed & (Action.UP | Action.WHEEL_UP)
                                                                          else 0)
        if dy:
            assert self.reference is not None
            self.reference = (self.reference + dy) % len(ENTRIES)
            self.cues.append("ui_move")
