"""The fault catalogue: how a saboteur (or a bad update) breaks one of SPECTRA's programs.

Each kind lists every place it could strike in a program as a ``Fault``: the lines it rewrites and
what it writes there. Undoing a fault is always a matter of rewriting those lines as they were, which
the patch editor can do one line at a time; the generator checks that, and that the fault shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.spectra.isa import (
    IMM,
    IMM_MAX,
    IMM_MIN,
    JUMPS,
    LABEL,
    MEM_SIZE,
    MIMM,
    MREG,
    REG,
    Instruction,
    Operand,
    Program,
)

INVERT = {"JEQ": "JNE", "JNE": "JEQ", "JLT": "JGE", "JGE": "JLT", "JGT": "JLE", "JLE": "JGT"}
BOUNDARY = {"JLT": "JLE", "JLE": "JLT", "JGT": "JGE", "JGE": "JGT"}
OPCODE_SWAP = {"ADD": ("SUB",), "SUB": ("ADD",), "MUL": ("DIV", "ADD"), "DIV": ("MUL", "MOD"), "MOD": ("DIV",),
               "MOV": ("ADD",)}
PLAIN = ("MOV", "ADD", "SUB", "MUL", "DIV", "MOD", "LD", "ST", "CMP")


@dataclass(frozen=True)
class Fault:
    kind: str
    #: (line, faulty instruction) for each line the fault rewrites
    edits: tuple[tuple[int, Instruction], ...]

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(line for line, _ in self.edits)

    def apply(self, program: Program) -> Program:
        for line, ins in self.edits:
            program = program.replace(line, ins)
        return program


#: kind -> (what the hint says, how bad it reads in SPECTRA's log)
KINDS: dict[str, str] = {
    "wrong-operand": "a register operand names the wrong register",
    "off-by-one": "a constant is off by one",
    "inverted-condition": "a conditional jump tests the opposite condition",
    "boundary": "a comparison is strict where it should not be, or the other way round",
    "swapped-lines": "two neighbouring lines run in the wrong order",
    "missing": "a line was wiped: it does nothing where it should act",
    "wrong-target": "a jump or call goes to the wrong label",
    "wrong-opcode": "an arithmetic operation was swapped for another",
    "swapped-operands": "the two operands of a line are the wrong way round",
}
ALL_KINDS: tuple[str, ...] = tuple(KINDS)


def _with_arg(ins: Instruction, index: int, arg: Operand) -> Instruction:
    args = list(ins.args)
    args[index] = arg
    return Instruction(ins.op, tuple(args))


def _registers_used(program: Program) -> list[int]:
    used = sorted({int(a.value) for ins in program.code for a in ins.args if a.kind in (REG, MREG)})
    return used or [0, 1]


def candidates(kind: str, program: Program) -> list[Fault]:
    """Every way ``kind`` could break ``program`` (possibly none)."""
    out: list[Fault] = []
    code = program.code
    if kind == "wrong-operand":
        regs = _registers_used(program)
        for line, ins in enumerate(code):
            for i, arg in enumerate(ins.args):
                if arg.kind in (REG, MREG):
                    for r in regs:
                        if r != arg.value:
                            out.append(Fault(kind, ((line, _with_arg(ins, i, Operand(arg.kind, r))),)))
    elif kind == "off-by-one":
        for line, ins in enumerate(code):
            for i, arg in enumerate(ins.args):
                if arg.kind == IMM:
                    for d in (-1, 1):
                        v = int(arg.value) + d
                        if IMM_MIN <= v <= IMM_MAX:
                            out.append(Fault(kind, ((line, _with_arg(ins, i, Operand(IMM, v))),)))
                elif arg.kind == MIMM:
                    for d in (-1, 1):
                        v = int(arg.value) + d
                        if 0 <= v < MEM_SIZE:
                            out.append(Fault(kind, ((line, _with_arg(ins, i, Operand(MIMM, v))),)))
    elif kind in ("inverted-condition", "boundary"):
        table = INVERT if kind == "inverted-condition" else BOUNDARY
        for line, ins in enumerate(code):
            if ins.op in table:
                out.append(Fault(kind, ((line, Instruction(table[ins.op], ins.args)),)))
    elif kind == "swapped-lines":
        for line in range(len(code) - 1):
            a, b = code[line], code[line + 1]
            if a.op in PLAIN and b.op in PLAIN and a != b and program.label_at(line + 1) is None:
                out.append(Fault(kind, ((line, b), (line + 1, a))))
    elif kind == "missing":
        for line, ins in enumerate(code):
            if ins.op in PLAIN and ins.op != "CMP":
                out.append(Fault(kind, ((line, Instruction("NOP")),)))
    elif kind == "wrong-target":
        names = program.label_names
        for line, ins in enumerate(code):
            if ins.op in JUMPS or ins.op == "CALL":
                for name in names:
                    if name != ins.args[0].value:
                        out.append(Fault(kind, ((line, Instruction(ins.op, (Operand(LABEL, name),))),)))
    elif kind == "wrong-opcode":
        for line, ins in enumerate(code):
            for op in OPCODE_SWAP.get(ins.op, ()):
                out.append(Fault(kind, ((line, Instruction(op, ins.args)),)))
    elif kind == "swapped-operands":
        for line, ins in enumerate(code):
            if ins.op in ("CMP", "SUB") and len(ins.args) == 2 and all(a.kind == REG for a in ins.args):
                if ins.args[0] != ins.args[1]:
                    out.append(Fault(kind, ((line, Instruction(ins.op, (ins.args[1], ins.args[0]))),)))
    else:
        raise KeyError(f"unknown fault kind {kind!r}")
    return out
