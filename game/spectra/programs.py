"""SPECTRA's subsystems as program templates.

A template is a short program text with a few ``{parameters}`` (doses, thresholds, moduli) drawn per
puzzle, a generator of inputs (registers and memory) including the edge cases a careful tester would
pick, and a plain-Python model of what the subsystem is meant to compute. The reference program is
the specification: expected outputs always come from running it; the model only exists so that the
tests can prove each template does what its description says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.spectra.isa import Program, parse

Inputs = tuple[tuple[int, ...], tuple[int, ...]]  # (registers, memory)


@dataclass(frozen=True)
class Template:
    name: str
    title: str  # the subsystem, as SPECTRA names it
    brief: str  # what it must do, shown to the player
    source: str
    params: Callable  # rng -> dict[str, int]
    inputs: Callable  # (rng, params) -> Inputs
    edges: Callable  # params -> list[Inputs]
    model: Callable  # (params, regs, mem) -> int
    #: how the inputs are described on screen, e.g. ("mass",) for R0, or ("n",) + memory
    labels: tuple[str, ...] = ()
    uses_memory: bool = False

    def program(self, params: dict[str, int]) -> Program:
        return parse(self.source.format(**params))


def _mem(rng, n: int, lo: int, hi: int) -> tuple[int, ...]:
    return tuple(rng.randint(lo, hi) for _ in range(n))


# 1. dosage ----------------------------------------------------------------------------------------
DOSAGE = Template(
    name="dosage",
    title="DOSAGE CALC",
    brief="Swarm dose for a patient of mass R0 kg: none below {minw} kg, else mass*{rate}/10, capped at {cap}.",
    source="""
        CMP R0, {minw}
        JGE calc
        MOV R0, 0
        HALT
calc:   MUL R0, {rate}
        DIV R0, 10
        CMP R0, {cap}
        JLE done
        MOV R0, {cap}
done:   HALT
""",
    params=lambda rng: {"minw": rng.randint(12, 30), "rate": rng.randint(3, 9), "cap": rng.randint(30, 70)},
    inputs=lambda rng, p: ((rng.randint(5, 120),), ()),
    edges=lambda p: [((p["minw"] - 1,), ()), ((p["minw"],), ()), ((p["cap"] * 10 // p["rate"],), ()),
                     ((p["cap"] * 10 // p["rate"] + 2,), ())],
    model=lambda p, r, m: 0 if r[0] < p["minw"] else min(r[0] * p["rate"] // 10, p["cap"]),
    labels=("mass",),
)

# 2. pain threshold ---------------------------------------------------------------------------------
PAIN = Template(
    name="pain",
    title="PAIN THRESHOLD",
    brief="Pain level from pressure R0 times sensitivity R1: 0 below {lo}, 1 up to {hi}, 2 above; "
          "-1 if the sensor reads sensitivity 0 or less.",
    source="""
        CMP R1, 0
        JGT ok
        MOV R0, -1
        HALT
ok:     MOV R2, R0
        MUL R2, R1
        MOV R0, 0
        CMP R2, {lo}
        JLT done
        MOV R0, 1
        CMP R2, {hi}
        JLE done
        MOV R0, 2
done:   HALT
""",
    params=lambda rng: (lambda lo: {"lo": lo, "hi": lo + rng.randint(15, 45)})(rng.randint(20, 50)),
    inputs=lambda rng, p: ((rng.randint(0, 40), rng.randint(-1, 5)), ()),
    edges=lambda p: [((p["lo"], 1), ()), ((p["lo"] - 1, 1), ()), ((p["hi"], 1), ()), ((p["hi"] + 1, 1), ()),
                     ((10, 0), ())],
    model=lambda p, r, m: -1 if r[1] <= 0 else (0 if r[0] * r[1] < p["lo"] else 1 if r[0] * r[1] <= p["hi"] else 2),
    labels=("pressure", "sens"),
)

# 3. decay map scan ---------------------------------------------------------------------------------
DECAY = Template(
    name="decay",
    title="DECAY MAP SCAN",
    brief="Count the R1 cells of the decay map in memory whose decay is {thr} or more; answer in R0.",
    source="""
        MOV R0, 0
        MOV R2, 0
loop:   CMP R2, R1
        JGE done
        LD R3, [R2]
        CMP R3, {thr}
        JLT next
        ADD R0, 1
next:   ADD R2, 1
        JMP loop
done:   HALT
""",
    params=lambda rng: {"thr": rng.randint(3, 7)},
    inputs=lambda rng, p: (lambda n: ((0, n), _mem(rng, n, 0, 9)))(rng.randint(2, 8)),
    edges=lambda p: [((0, 4), (p["thr"], p["thr"] - 1, 9, 0)), ((0, 3), (p["thr"], p["thr"], p["thr"])),
                     ((0, 0), (9, 9))],
    model=lambda p, r, m: sum(1 for v in m[: r[1]] if v >= p["thr"]),
    labels=("", "cells"),
    uses_memory=True,
)

# 4. patient record checksum -------------------------------------------------------------------------
CHECKSUM = Template(
    name="checksum",
    title="RECORD CHECKSUM",
    brief="Checksum of the R1 record words in memory: sum of word*position (from 1), modulo {m}.",
    source="""
        MOV R0, 0
        MOV R2, 0
loop:   CMP R2, R1
        JGE done
        LD R3, [R2]
        ADD R2, 1
        MUL R3, R2
        ADD R0, R3
        MOD R0, {m}
        JMP loop
done:   HALT
""",
    params=lambda rng: {"m": rng.choice([31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97])},
    inputs=lambda rng, p: (lambda n: ((0, n), _mem(rng, n, 0, 50)))(rng.randint(2, 8)),
    edges=lambda p: [((0, 1), (p["m"],)), ((0, 3), (1, 2, 3)), ((0, 2), (p["m"] - 1, 1))],
    model=lambda p, r, m: sum((i + 1) * v for i, v in enumerate(m[: r[1]])) % p["m"],
    labels=("", "words"),
    uses_memory=True,
)

# 5. bot count balancing ----------------------------------------------------------------------------
BALANCE = Template(
    name="balance",
    title="SWARM BALANCE",
    brief="Bots per zone are in memory (R1 zones). Average them; count the bots a zone holds beyond "
          "average+{reserve}. Answer: the bots to move, in R0.",
    source="""
        MOV R2, 0
        MOV R3, 0
sum:    CMP R2, R1
        JGE avg
        LD R4, [R2]
        ADD R3, R4
        ADD R2, 1
        JMP sum
avg:    DIV R3, R1
        MOV R0, 0
        MOV R2, 0
move:   CMP R2, R1
        JGE done
        LD R4, [R2]
        SUB R4, R3
        SUB R4, {reserve}
        CMP R4, 0
        JLE skip
        ADD R0, R4
skip:   ADD R2, 1
        JMP move
done:   HALT
""",
    params=lambda rng: {"reserve": rng.randint(1, 4)},
    inputs=lambda rng, p: (lambda n: ((0, n), _mem(rng, n, 0, 40)))(rng.randint(2, 6)),
    edges=lambda p: [((0, 3), (10, 10, 10)), ((0, 2), (0, 20)), ((0, 4), (5, 30, 7, 1))],
    model=lambda p, r, m: (lambda avg: sum(max(0, v - avg - p["reserve"]) for v in m[: r[1]]))(sum(m[: r[1]]) // r[1]),
    labels=("", "zones"),
    uses_memory=True,
)

# 6. enamel wear, with a subroutine -----------------------------------------------------------------
WEAR = Template(
    name="wear",
    title="ENAMEL WEAR",
    brief="Wear gaps |R0-R1| and |R2-R3|: answer the larger in R0 if it exceeds {tol}, else 0.",
    source="""
        SUB R0, R1
        CALL abs
        MOV R4, R0
        MOV R0, R2
        SUB R0, R3
        CALL abs
        CMP R0, R4
        JGE pick
        MOV R0, R4
pick:   CMP R0, {tol}
        JGT done
        MOV R0, 0
done:   HALT
abs:    CMP R0, 0
        JGE back
        MUL R0, -1
back:   RET
""",
    params=lambda rng: {"tol": rng.randint(3, 12)},
    inputs=lambda rng, p: ((rng.randint(0, 30), rng.randint(0, 30), rng.randint(0, 30), rng.randint(0, 30)), ()),
    edges=lambda p: [((0, p["tol"], 0, 0), ()), ((0, p["tol"] + 1, 0, 0), ()), ((20, 2, 3, 30), ()),
                     ((5, 5, 30, 1), ())],
    model=lambda p, r, m: (lambda d: d if d > p["tol"] else 0)(max(abs(r[0] - r[1]), abs(r[2] - r[3]))),
    labels=("a", "b", "c", "d"),
)

# 7. recall timer -----------------------------------------------------------------------------------
RECALL = Template(
    name="recall",
    title="RECALL TIMER",
    brief="Swarm spread R0 halves with each recall pulse until it is {thr} or less. "
          "Answer the pulses times {cost} ticks, in R0.",
    source="""
        MOV R1, 0
loop:   CMP R0, {thr}
        JLE done
        DIV R0, 2
        ADD R1, 1
        JMP loop
done:   MOV R0, R1
        MUL R0, {cost}
        HALT
""",
    params=lambda rng: {"thr": rng.randint(4, 20), "cost": rng.randint(2, 9)},
    inputs=lambda rng, p: ((rng.randint(0, 900),), ()),
    edges=lambda p: [((p["thr"],), ()), ((p["thr"] + 1,), ()), ((p["thr"] * 8 + 5,), ())],
    model=lambda p, r, m: _pulses(r[0], p["thr"]) * p["cost"],
    labels=("spread",),
)


def _pulses(v: int, thr: int) -> int:
    n = 0
    while v > thr:
        v //= 2
        n += 1
    return n


# 8. deepest decay ----------------------------------------------------------------------------------
DEEPEST = Template(
    name="deepest",
    title="DEEPEST LESION",
    brief="Index of the deepest of the R1 lesions in memory (the first if tied), "
          "or -1 if none reaches depth {floor}.",
    source="""
        MOV R0, 0
        LD R3, [0]
        MOV R2, 1
loop:   CMP R2, R1
        JGE done
        LD R4, [R2]
        CMP R4, R3
        JLE next
        MOV R3, R4
        MOV R0, R2
next:   ADD R2, 1
        JMP loop
done:   CMP R3, {floor}
        JGE out
        MOV R0, -1
out:    HALT
""",
    params=lambda rng: {"floor": rng.randint(3, 8)},
    inputs=lambda rng, p: (lambda n: ((0, n), _mem(rng, n, 0, 12)))(rng.randint(2, 8)),
    edges=lambda p: [((0, 3), (p["floor"], 1, p["floor"])), ((0, 3), (1, 2, p["floor"] - 1)),
                     ((0, 4), (0, 9, 12, 12)), ((0, 2), (12, 3))],
    model=lambda p, r, m: _deepest(m[: r[1]], p["floor"]),
    labels=("", "lesions"),
    uses_memory=True,
)


def _deepest(values, floor: int) -> int:
    best = max(values)
    return values.index(best) if best >= floor else -1


TEMPLATES: tuple[Template, ...] = (DOSAGE, PAIN, DECAY, CHECKSUM, BALANCE, WEAR, RECALL, DEEPEST)


def by_name(name: str) -> Template:
    for template in TEMPLATES:
        if template.name == name:
            return template
    raise KeyError(name)


def template_names() -> tuple[str, ...]:
    return tuple(t.name for t in TEMPLATES)
