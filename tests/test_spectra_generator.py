"""Puzzle generation: templates do what they say, every puzzle is faulty and fixable, seeds repeat."""

from pathlib import Path

import pytest

from game.core.rng import RunRandom
from game.spectra.encounter import load
from game.spectra.faults import ALL_KINDS, candidates
from game.spectra.generator import Tuning, generate_dive, generate_puzzle, verify
from game.spectra.interp import Case, first_failure, run
from game.spectra.isa import SIGNATURES
from game.spectra.programs import TEMPLATES
from game.spectra.puzzle import opcode_cycle, operand_cycle

ROOT = Path(__file__).resolve().parent.parent
ENCOUNTERS = ROOT / "levels" / "encounters"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.name)
def test_each_template_computes_what_its_brief_says(template):
    rng = RunRandom(11)
    for k in range(150):
        params = template.params(rng)
        program = template.program(params)
        assert 8 <= len(program) <= 25
        edges = template.edges(params)
        regs, mem = edges[k % len(edges)] if k % 3 == 0 else template.inputs(rng, params)
        result = run(program, Case(regs, mem))
        assert result.status == "halt", (template.name, params, regs, mem, result.reason)
        assert result.regs[0] == template.model(params, regs + (0,) * 6, mem + (0,) * 16)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_fault_kind_can_strike_some_template(kind):
    rng = RunRandom(2)
    assert any(candidates(kind, t.program(t.params(rng))) for t in TEMPLATES)


def editor_can_write(puzzle) -> bool:
    """Independently of the generator: each fixing line is reachable by cycling the editor's fields."""
    labels = puzzle.faulty.label_names
    for _, ins in puzzle.fix:
        if ins.op not in opcode_cycle(labels):
            return False
        for arg, kinds in zip(ins.args, SIGNATURES[ins.op], strict=True):
            if arg not in operand_cycle(kinds, labels):
                return False
    return True


def check_puzzle(puzzle) -> None:
    assert first_failure(puzzle.faulty, puzzle.visible) is not None, "the fault must show on an example"
    patched = puzzle.faulty
    for line, ins in puzzle.fix:
        patched = patched.replace(line, ins)
    assert first_failure(patched, puzzle.all_cases) is None, "the fix must pass every case"
    assert editor_can_write(puzzle)
    assert not verify(puzzle)


@pytest.mark.slow
@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_a_thousand_seeds_give_faulty_fixable_puzzles(difficulty):
    tunings = [load(ENCOUNTERS, name).tuning(difficulty) for name in ("first-layer", "full-dive")]
    for seed in range(1000):
        tuning = tunings[seed % 2]
        puzzle = generate_puzzle(RunRandom(seed).stream("spectra"), tuning)
        assert len(puzzle.faults) == tuning.faults
        assert len(puzzle.visible) == tuning.visible
        check_puzzle(puzzle)


def test_the_same_seed_gives_the_same_dive():
    tuning = Tuning(layers=3, faults=2)
    first = generate_dive(RunRandom(77).stream("spectra"), tuning)
    second = generate_dive(RunRandom(77).stream("spectra"), tuning)
    other = generate_dive(RunRandom(78).stream("spectra"), tuning)
    assert first == second
    assert first != other


def test_a_dive_uses_a_different_subsystem_per_layer():
    dive = generate_dive(RunRandom(5).stream("spectra"), Tuning(layers=4))
    assert len({p.template for p in dive}) == 4


def test_faults_are_restricted_to_the_tuned_kinds():
    tuning = Tuning(kinds=("inverted-condition",))
    for seed in range(30):
        puzzle = generate_puzzle(RunRandom(seed), tuning)
        assert [f.kind for f in puzzle.faults] == ["inverted-condition"]


def test_verify_catches_an_unfair_puzzle():
    puzzle = generate_puzzle(RunRandom(1), Tuning())
    from dataclasses import replace

    assert "the faulty program passes every visible case" in verify(replace(puzzle, faulty=puzzle.reference))
