"""The tiny assembly language SPECTRA's subsystems are written in.

Six registers ``R0``..``R5``, sixteen memory cells ``[0]``..``[15]``, one comparison flag, a call
stack. Values are 16-bit signed integers (arithmetic wraps). ``CMP a, b`` remembers whether a was
less than, equal to or greater than b; the conditional jumps read that. Arithmetic leaves the flag
alone, so a jump always answers the last comparison, which is what a reader expects.

| opcode | operands | meaning |
|---|---|---|
| MOV ADD SUB MUL DIV MOD | reg, reg-or-number | reg = reg op value (DIV/MOD truncate toward zero) |
| CMP | reg, reg-or-number | compare, set the flag |
| JMP JEQ JNE JLT JLE JGT JGE | label | jump (always / on the flag) |
| CALL / RET | label / - | push the next line and jump / return to it |
| LD | reg, [reg-or-number] | reg = memory cell |
| ST | [reg-or-number], reg-or-number | memory cell = value |
| NOP HALT | - | nothing / stop |

This module holds the value types (``Operand``, ``Instruction``, ``Program``), the text form (parse and
format, token by token for syntax colours) and the operand signature of every opcode, which the patch
editor uses to offer only valid alternatives.
"""

from __future__ import annotations

from dataclasses import dataclass

NUM_REGS = 6
MEM_SIZE = 16
WORD_MIN, WORD_MAX = -32768, 32767
IMM_MIN, IMM_MAX = -16, 99  # what the patch editor offers for a number

# operand kinds
REG, IMM, MREG, MIMM, LABEL = "reg", "imm", "mreg", "mimm", "label"
# operand slots: which kinds a slot accepts
DST = (REG,)
SRC = (REG, IMM)
ADDR = (MREG, MIMM)
TARGET = (LABEL,)

ARITH = ("MOV", "ADD", "SUB", "MUL", "DIV", "MOD")
JUMPS = ("JMP", "JEQ", "JNE", "JLT", "JLE", "JGT", "JGE")
SIGNATURES: dict[str, tuple[tuple[str, ...], ...]] = {
    **{op: (DST, SRC) for op in ARITH},
    "CMP": (DST, SRC),
    **{op: (TARGET,) for op in JUMPS},
    "CALL": (TARGET,),
    "RET": (),
    "LD": (DST, ADDR),
    "ST": (ADDR, SRC),
    "NOP": (),
    "HALT": (),
}
OPCODES: tuple[str, ...] = tuple(SIGNATURES)


class AsmError(ValueError):
    """A program text that does not parse (template authors see the line)."""


@dataclass(frozen=True, slots=True)
class Operand:
    kind: str
    value: int | str  # register index, number, memory address / register, or label name

    def text(self) -> str:
        if self.kind == REG:
            return f"R{self.value}"
        if self.kind == IMM:
            return str(self.value)
        if self.kind == MREG:
            return f"[R{self.value}]"
        if self.kind == MIMM:
            return f"[{self.value}]"
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Instruction:
    op: str
    args: tuple[Operand, ...] = ()

    def text(self) -> str:
        if not self.args:
            return self.op
        return f"{self.op} " + ", ".join(a.text() for a in self.args)

    def tokens(self) -> list[tuple[str, str]]:
        """(kind, text) pieces for syntax colouring: op, reg, num, label, punct."""
        out: list[tuple[str, str]] = [("op", self.op)]
        for i, arg in enumerate(self.args):
            out.append(("punct", ", " if i else " "))
            if arg.kind == REG:
                out.append(("reg", arg.text()))
            elif arg.kind == IMM:
                out.append(("num", arg.text()))
            elif arg.kind == MREG:
                out += [("punct", "["), ("reg", f"R{arg.value}"), ("punct", "]")]
            elif arg.kind == MIMM:
                out += [("punct", "["), ("num", str(arg.value)), ("punct", "]")]
            else:
                out.append(("label", str(arg.value)))
        return out


@dataclass(frozen=True)
class Program:
    """Instructions plus the labels that name some of their lines (label -> line index)."""

    code: tuple[Instruction, ...]
    labels: tuple[tuple[str, int], ...] = ()

    def label_at(self, line: int) -> str | None:
        for name, index in self.labels:
            if index == line:
                return name
        return None

    def label_index(self, name: str) -> int:
        for label, index in self.labels:
            if label == name:
                return index
        raise KeyError(name)

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.labels)

    def replace(self, line: int, instruction: Instruction) -> Program:
        code = list(self.code)
        code[line] = instruction
        return Program(tuple(code), self.labels)

    def text(self) -> str:
        lines = []
        for i, ins in enumerate(self.code):
            label = self.label_at(i)
            lines.append(f"{label + ':':8}{ins.text()}" if label else f"{'':8}{ins.text()}")
        return "\n".join(lines)

    def __len__(self) -> int:
        return len(self.code)


def wrap(value: int) -> int:
    """Fold an integer into the 16-bit signed range."""
    return (value + 32768) % 65536 - 32768


# text form ---------------------------------------------------------------------------------------
def _operand(text: str, line_no: int) -> Operand:
    t = text.strip()
    if t.startswith("[") and t.endswith("]"):
        inner = t[1:-1].strip()
        op = _operand(inner, line_no)
        if op.kind == REG:
            return Operand(MREG, op.value)
        if op.kind == IMM:
            return Operand(MIMM, op.value)
        raise AsmError(f"line {line_no}: bad memory operand {t!r}")
    upper = t.upper()
    if len(upper) == 2 and upper[0] == "R" and upper[1].isdigit():
        index = int(upper[1])
        if index >= NUM_REGS:
            raise AsmError(f"line {line_no}: there are only registers R0..R{NUM_REGS - 1}")
        return Operand(REG, index)
    try:
        return Operand(IMM, int(t))
    except ValueError:
        pass
    if t and (t[0].isalpha() or t[0] == "_") and all(c.isalnum() or c == "_" for c in t):
        return Operand(LABEL, t.lower())
    raise AsmError(f"line {line_no}: cannot read operand {t!r}")


def parse(text: str) -> Program:
    """Read a program: one instruction a line, ``label:`` prefixes, ``;`` comments."""
    code: list[Instruction] = []
    labels: list[tuple[str, int]] = []
    pending: list[str] = []
    for line_no, raw in enumerate(text.splitlines(), 1):
        line = raw.split(";", 1)[0].strip()
        if not line:
            continue
        if ":" in line:
            name, line = line.split(":", 1)
            name = name.strip().lower()
            if not name.isidentifier():
                raise AsmError(f"line {line_no}: bad label {name!r}")
            pending.append(name)
            line = line.strip()
            if not line:
                continue
        parts = line.split(None, 1)
        op = parts[0].upper()
        if op not in SIGNATURES:
            raise AsmError(f"line {line_no}: unknown opcode {parts[0]!r}")
        args = tuple(_operand(a, line_no) for a in parts[1].split(",")) if len(parts) > 1 else ()
        signature = SIGNATURES[op]
        if len(args) != len(signature):
            raise AsmError(f"line {line_no}: {op} takes {len(signature)} operand(s)")
        for arg, kinds in zip(args, signature, strict=True):
            if arg.kind not in kinds:
                raise AsmError(f"line {line_no}: {op} cannot take {arg.text()!r} there")
        for name in pending:
            labels.append((name, len(code)))
        pending.clear()
        code.append(Instruction(op, args))
    if pending:
        raise AsmError(f"label {pending[0]!r} names no instruction")
    names = [n for n, _ in labels]
    if len(set(names)) != len(names):
        raise AsmError("a label is defined twice")
    for ins in code:
        for arg in ins.args:
            if arg.kind == LABEL and arg.value not in names:
                raise AsmError(f"jump to unknown label {arg.value!r}")
    return Program(tuple(code), tuple(labels))


# the patch editor's choices ----------------------------------------------------------------------
def slot_choices(kinds: tuple[str, ...], labels: tuple[str, ...]) -> list[Operand]:
    """Every operand a slot of these kinds accepts, in the order the editor cycles through them."""
    out: list[Operand] = []
    for kind in kinds:
        if kind == REG:
            out += [Operand(REG, i) for i in range(NUM_REGS)]
        elif kind == IMM:
            out += [Operand(IMM, v) for v in range(IMM_MIN, IMM_MAX + 1)]
        elif kind == MREG:
            out += [Operand(MREG, i) for i in range(NUM_REGS)]
        elif kind == MIMM:
            out += [Operand(MIMM, v) for v in range(MEM_SIZE)]
        elif kind == LABEL:
            out += [Operand(LABEL, name) for name in labels]
    return out


def operand_allowed(arg: Operand, kinds: tuple[str, ...], labels: tuple[str, ...]) -> bool:
    """Whether the editor can produce ``arg`` in a slot of ``kinds`` (without building the list)."""
    if arg.kind not in kinds:
        return False
    if arg.kind in (REG, MREG):
        return 0 <= int(arg.value) < NUM_REGS
    if arg.kind == IMM:
        return IMM_MIN <= int(arg.value) <= IMM_MAX
    if arg.kind == MIMM:
        return 0 <= int(arg.value) < MEM_SIZE
    return arg.value in labels


def instruction_allowed(ins: Instruction, labels: tuple[str, ...]) -> bool:
    """Whether the patch editor can write ``ins`` in a program with these labels."""
    signature = SIGNATURES.get(ins.op)
    if signature is None or len(signature) != len(ins.args):
        return False
    return all(operand_allowed(a, k, labels) for a, k in zip(ins.args, signature, strict=True))


def default_operand(kinds: tuple[str, ...], labels: tuple[str, ...]) -> Operand:
    if kinds[0] == LABEL:
        return Operand(LABEL, labels[0] if labels else "")
    if kinds[0] in (MREG, MIMM):
        return Operand(MIMM, 0)
    return Operand(REG, 0)
