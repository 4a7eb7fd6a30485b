"""Seeded puzzle generation, with a solver that proves every puzzle is fair.

A puzzle is one layer of a dive: a template's reference program with parameters drawn from the seed,
visible example cases and hidden cases (expected outputs from the reference), and one or more faults
injected from the catalogue. ``generate_puzzle`` keeps a draw only when ``verify`` accepts it:

* the faulty program fails at least one visible case (the player can see something is wrong), and
  each injected fault on its own already fails a visible case (no fault hides behind another);
* the fix, rewriting each faulty line as it was, is something the patch editor can write (every
  opcode and operand is among the editor's alternatives) and passes every case, hidden ones included.

Randomness comes only from the ``RunRandom`` handed in (integer draws), so a seed gives one puzzle.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.spectra.faults import ALL_KINDS, Fault, candidates
from game.spectra.interp import Case, first_failure, run
from game.spectra.isa import Instruction, Program, instruction_allowed
from game.spectra.programs import TEMPLATES, Template, by_name

MAX_DRAWS = 60


class GenerationError(RuntimeError):
    """No fair puzzle could be drawn (a content problem: bad tuning or a broken template)."""


@dataclass(frozen=True)
class Tuning:
    """One difficulty of an encounter (see ``levels/encounters/spectra/*.yaml``)."""

    layers: int = 1
    faults: int = 1
    time_ticks: int = 60 * 240
    patch_penalty: int = 60 * 5  # ticks lost by a patch that makes no failing case pass
    hint_penalty: int = 60 * 10  # ticks a hint costs
    visible: int = 4
    hidden: int = 6
    kinds: tuple[str, ...] = ALL_KINDS
    templates: tuple[str, ...] = ()  # empty: all


@dataclass(frozen=True)
class Puzzle:
    template: str
    title: str
    brief: str
    reference: Program
    faulty: Program
    visible: tuple[Case, ...]
    hidden: tuple[Case, ...]
    faults: tuple[Fault, ...]

    @property
    def fix(self) -> tuple[tuple[int, Instruction], ...]:
        """The patches that restore the reference: (line, instruction), in line order."""
        lines = sorted({line for fault in self.faults for line in fault.lines})
        return tuple((line, self.reference.code[line]) for line in lines)

    @property
    def all_cases(self) -> tuple[Case, ...]:
        return self.visible + self.hidden


def _make_cases(template: Template, params: dict, reference: Program, rng, visible: int,
                hidden: int) -> tuple[tuple[Case, ...], tuple[Case, ...]]:
    edges = list(template.edges(params))
    rng.shuffle(edges)
    seen: set = set()
    pool: list[tuple] = []

    def add(inputs) -> None:
        key = (tuple(inputs[0]), tuple(inputs[1]))
        if key in seen:
            return
        result = run(reference, Case(key[0], key[1]))
        if result.status != "halt":
            return  # the reference must define every case it is tested on
        seen.add(key)
        pool.append((key, result.regs[0]))

    # visible: one ordinary case first, then edge cases; hidden: the remaining edges, then ordinary
    add(template.inputs(rng, params))
    for inputs in edges[: visible - 1]:
        add(inputs)
    tries = 0
    while len(pool) < visible and tries < 40:
        add(template.inputs(rng, params))
        tries += 1
    shown = pool[:visible]
    del pool[:visible]
    for inputs in edges[visible - 1:]:
        add(inputs)
    tries = 0
    while len(pool) < hidden and tries < 60:
        add(template.inputs(rng, params))
        tries += 1
    to_case = lambda item: Case(item[0][0], item[0][1], item[1])  # noqa: E731
    return tuple(map(to_case, shown)), tuple(map(to_case, pool[:hidden]))


def _draw(template: Template, rng, tuning: Tuning) -> Puzzle | None:
    params = template.params(rng)
    reference = template.program(params)
    visible, hidden = _make_cases(template, params, reference, rng, tuning.visible, tuning.hidden)
    chosen: list[Fault] = []
    taken: set[int] = set()
    kinds = list(tuning.kinds)
    for _ in range(tuning.faults):
        placed = False
        for _attempt in range(6):
            kind = rng.choice(kinds)
            options = [f for f in candidates(kind, reference) if not taken.intersection(f.lines)]
            if not options:
                continue
            fault = rng.choice(options)
            if first_failure(fault.apply(reference), visible) is None:
                continue  # this fault alone would not show on the examples
            chosen.append(fault)
            taken.update(fault.lines)
            placed = True
            break
        if not placed:
            return None
    chosen.sort(key=lambda f: f.lines[0])
    faulty = reference
    for fault in chosen:
        faulty = fault.apply(faulty)
    brief = template.brief.format(**params)
    return Puzzle(template.name, template.title, brief, reference, faulty, visible, hidden, tuple(chosen))


def verify(puzzle: Puzzle) -> list[str]:
    """The solver's proof obligations; an empty list means the puzzle is fair."""
    problems: list[str] = []
    if len(puzzle.visible) == 0:
        problems.append("no visible cases")
    if first_failure(puzzle.reference, puzzle.all_cases) is not None:
        problems.append("the reference fails its own cases")
    if first_failure(puzzle.faulty, puzzle.visible) is None:
        problems.append("the faulty program passes every visible case")
    for fault in puzzle.faults:
        if first_failure(fault.apply(puzzle.reference), puzzle.visible) is None:
            problems.append(f"fault {fault.kind} at line {fault.lines[0]} does not show on the visible cases")
    labels = puzzle.faulty.label_names
    patched = puzzle.faulty
    for line, ins in puzzle.fix:
        if not instruction_allowed(ins, labels):
            problems.append(f"the patch editor cannot write {ins.text()!r} (line {line})")
        patched = patched.replace(line, ins)
    if first_failure(patched, puzzle.all_cases) is not None:
        problems.append("the patched program still fails a case")
    return problems


def generate_puzzle(rng, tuning: Tuning, template: str | None = None) -> Puzzle:
    """Draw puzzles until one passes ``verify`` (bounded; a failure is a content problem)."""
    pool = [by_name(t) for t in tuning.templates] if tuning.templates else list(TEMPLATES)
    for _ in range(MAX_DRAWS):
        chosen = by_name(template) if template else rng.choice(pool)
        puzzle = _draw(chosen, rng, tuning)
        if puzzle is not None and not verify(puzzle):
            return puzzle
    raise GenerationError(f"no fair puzzle after {MAX_DRAWS} draws (faults={tuning.faults}, kinds={tuning.kinds})")


def generate_dive(rng, tuning: Tuning) -> list[Puzzle]:
    """One puzzle per layer, each from a different subsystem while there are enough of them."""
    names = list(tuning.templates) if tuning.templates else [t.name for t in TEMPLATES]
    rng.shuffle(names)
    return [generate_puzzle(rng, tuning, names[i % len(names)]) for i in range(tuning.layers)]
