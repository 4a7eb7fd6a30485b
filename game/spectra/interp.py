"""Running SPECTRA's programs: a small, fast interpreter with a step limit and an optional trace.

A ``Case`` gives the starting registers and memory; ``run`` returns the final machine state and how
it stopped: ``halt`` (HALT or running off the end), or ``trap`` with a reason (memory out of bounds,
division by zero, stack overflow or underflow, step limit). The interpreter compiles a program once
into integer tuples (cached per program) so that the generator can run thousands of cases quickly.
With ``trace=True`` it also records the machine state before every executed instruction, which the
debugger steps through. Pure Python; no pygame, no clock, no randomness.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.spectra.isa import LABEL, MEM_SIZE, MREG, NUM_REGS, REG, Program

STEP_LIMIT = 600
STACK_LIMIT = 8

_OPS = ("MOV", "ADD", "SUB", "MUL", "DIV", "MOD", "CMP", "JMP", "JEQ", "JNE", "JLT", "JLE", "JGT", "JGE",
        "CALL", "RET", "LD", "ST", "NOP", "HALT")
_OP_ID = {name: i for i, name in enumerate(_OPS)}
(MOV, ADD, SUB, MUL, DIV, MOD, CMP, JMP, JEQ, JNE, JLT, JLE, JGT, JGE, CALL, RET, LD, ST, NOP, HALT) = range(len(_OPS))


@dataclass(frozen=True)
class Case:
    """Inputs (registers and memory) and the expected value of the output register ``R0``."""

    regs: tuple[int, ...]
    mem: tuple[int, ...] = ()
    expected: int = 0

    def start(self) -> tuple[list[int], list[int]]:
        regs = list(self.regs) + [0] * (NUM_REGS - len(self.regs))
        mem = list(self.mem) + [0] * (MEM_SIZE - len(self.mem))
        return regs, mem


@dataclass(frozen=True)
class Snapshot:
    """The machine just before executing the instruction at ``pc`` (or after the end)."""

    pc: int
    regs: tuple[int, ...]
    mem: tuple[int, ...]
    flag: int
    depth: int


@dataclass
class RunResult:
    regs: tuple[int, ...]
    mem: tuple[int, ...]
    steps: int
    status: str  # "halt" | "trap"
    reason: str = ""
    pc: int = 0
    trace: list[Snapshot] = field(default_factory=list)

    @property
    def output(self) -> int | None:
        """The program's answer (R0), or None when it trapped."""
        return self.regs[0] if self.status == "halt" else None


def _compile(program: Program) -> tuple[tuple[int, int, int, int, int], ...]:
    """Each instruction as (op, a_is_reg_or_mreg, a_value, b_is_reg, b_value); labels resolved."""
    labels = dict(program.labels)
    out = []
    for ins in program.code:
        op = _OP_ID[ins.op]
        vals = []
        for arg in ins.args:
            if arg.kind == LABEL:
                vals.append((0, labels.get(arg.value, -1)))
            elif arg.kind in (REG, MREG):
                vals.append((1, int(arg.value)))
            else:  # IMM, MIMM
                vals.append((0, int(arg.value)))
        while len(vals) < 2:
            vals.append((0, 0))
        out.append((op, vals[0][0], vals[0][1], vals[1][0], vals[1][1]))
    return tuple(out)


_CACHE: dict[Program, tuple] = {}
_CACHE_LIMIT = 4096


def compiled(program: Program) -> tuple:
    code = _CACHE.get(program)
    if code is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        code = _compile(program)
        _CACHE[program] = code
    return code


def _div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def run(program: Program, case: Case, *, limit: int = STEP_LIMIT, trace: bool = False) -> RunResult:
    """Execute ``program`` on ``case`` for at most ``limit`` instructions."""
    code = compiled(program)
    regs, mem = case.start()
    n = len(code)
    pc = 0
    flag = 0
    stack: list[int] = []
    steps = 0
    snaps: list[Snapshot] = []
    status, reason = "halt", ""
    while True:
        if pc < 0 or pc >= n:
            break  # running off the end is a normal stop
        if steps >= limit:
            status, reason = "trap", "step limit"
            break
        if trace:
            snaps.append(Snapshot(pc, tuple(regs), tuple(mem), flag, len(stack)))
        op, ar, av, br, bv = code[pc]
        steps += 1
        pc += 1
        if op <= CMP:
            b = regs[bv] if br else bv
            a = regs[av]
            if op == MOV:
                r = b
            elif op == ADD:
                r = a + b
            elif op == SUB:
                r = a - b
            elif op == MUL:
                r = a * b
            elif op == CMP:
                flag = (a > b) - (a < b)
                continue
            else:
                if b == 0:
                    status, reason, pc = "trap", "division by zero", pc - 1
                    break
                q = _div(a, b)
                r = q if op == DIV else a - q * b
            regs[av] = (r + 32768) % 65536 - 32768
        elif op <= JGE:
            if (op == JMP or (op == JEQ and flag == 0) or (op == JNE and flag != 0) or (op == JLT and flag < 0)
                    or (op == JLE and flag <= 0) or (op == JGT and flag > 0) or (op == JGE and flag >= 0)):
                pc = av
        elif op == LD or op == ST:
            if op == LD:
                addr = regs[bv] if br else bv
            else:
                addr = regs[av] if ar else av
            if addr < 0 or addr >= MEM_SIZE:
                status, reason, pc = "trap", f"memory [{addr}] out of bounds", pc - 1
                break
            if op == LD:
                regs[av] = mem[addr]
            else:
                mem[addr] = regs[bv] if br else bv
        elif op == CALL:
            if len(stack) >= STACK_LIMIT:
                status, reason, pc = "trap", "stack overflow", pc - 1
                break
            stack.append(pc)
            pc = av
        elif op == RET:
            if not stack:
                status, reason, pc = "trap", "return with empty stack", pc - 1
                break
            pc = stack.pop()
        elif op == HALT:
            pc -= 1
            break
        # NOP: nothing
    if trace:
        snaps.append(Snapshot(pc, tuple(regs), tuple(mem), flag, len(stack)))
    return RunResult(tuple(regs), tuple(mem), steps, status, reason, pc, snaps)


def passes(program: Program, case: Case, limit: int = STEP_LIMIT) -> bool:
    result = run(program, case, limit=limit)
    return result.status == "halt" and result.regs[0] == case.expected


def first_failure(program: Program, cases, limit: int = STEP_LIMIT) -> int | None:
    """Index of the first case the program fails, or None when all pass."""
    for i, case in enumerate(cases):
        if not passes(program, case, limit):
            return i
    return None


def count_passing(program: Program, cases, limit: int = STEP_LIMIT) -> int:
    return sum(1 for case in cases if passes(program, case, limit))

