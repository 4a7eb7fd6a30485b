"""The SPECTRA assembly language and its interpreter: every opcode, the flag, jumps, calls, bounds."""

import pytest

from game.spectra.interp import STACK_LIMIT, Case, run
from game.spectra.isa import AsmError, Instruction, Operand, instruction_allowed, parse, wrap


def out(source: str, *regs: int, mem: tuple[int, ...] = ()) -> int | None:
    return run(parse(source), Case(tuple(regs), mem)).output


@pytest.mark.parametrize("source, regs, expected", [
    ("MOV R0, 7", (), 7),
    ("MOV R1, 5\nMOV R0, R1", (), 5),
    ("ADD R0, 3", (4,), 7),
    ("SUB R0, R1", (4, 9), -5),
    ("MUL R0, -3", (4,), -12),
    ("DIV R0, 2", (7,), 3),
    ("DIV R0, 2", (-7,), -3),  # truncates toward zero
    ("MOD R0, 3", (7,), 1),
    ("MOD R0, 3", (-7,), -1),  # the remainder keeps the dividend's sign
    ("NOP", (9,), 9),
])
def test_arithmetic_opcodes(source, regs, expected):
    assert out(source, *regs) == expected


def test_arithmetic_wraps_to_sixteen_bits():
    assert out("MUL R0, 2", 30000) == wrap(60000) == -5536


@pytest.mark.parametrize("jump, a, b, taken", [
    ("JEQ", 3, 3, True), ("JEQ", 3, 4, False),
    ("JNE", 3, 4, True), ("JNE", 3, 3, False),
    ("JLT", 2, 3, True), ("JLT", 3, 3, False),
    ("JLE", 3, 3, True), ("JLE", 4, 3, False),
    ("JGT", 4, 3, True), ("JGT", 3, 3, False),
    ("JGE", 3, 3, True), ("JGE", 2, 3, False),
    ("JMP", 0, 9, True),
])
def test_compare_sets_the_flag_and_jumps_read_it(jump, a, b, taken):
    source = f"""
        CMP R0, R1
        {jump} yes
        MOV R0, 0
        HALT
yes:    MOV R0, 1
"""
    assert out(source, a, b) == (1 if taken else 0)


def test_arithmetic_leaves_the_flag_alone():
    source = """
        CMP R0, 5
        ADD R0, 100
        JLT small
        MOV R0, 0
        HALT
small:  MOV R0, 1
"""
    assert out(source, 1) == 1


def test_loads_and_stores_over_memory():
    source = """
        MOV R1, 3
        ST [R1], 42
        ST [0], R1
        LD R2, [3]
        LD R0, [0]
        ADD R0, R2
"""
    result = run(parse(source), Case((), ()))
    assert result.output == 45
    assert result.mem[3] == 42 and result.mem[0] == 3


@pytest.mark.parametrize("source", ["LD R0, [R1]", "ST [R1], 1"])
@pytest.mark.parametrize("address", [-1, 16])
def test_memory_out_of_bounds_traps(source, address):
    result = run(parse(source), Case((0, address)))
    assert result.status == "trap" and "out of bounds" in result.reason and result.pc == 0
    assert result.output is None


def test_call_and_return():
    source = """
        CALL double
        CALL double
        HALT
double: ADD R0, R0
        RET
"""
    assert out(source, 3) == 12


def test_return_with_empty_stack_traps():
    result = run(parse("RET"), Case(()))
    assert result.status == "trap" and "empty stack" in result.reason


def test_runaway_recursion_overflows_the_stack():
    result = run(parse("f: CALL f"), Case(()))
    assert result.status == "trap" and result.reason == "stack overflow" and result.steps == STACK_LIMIT + 1


def test_division_by_zero_traps():
    result = run(parse("DIV R0, R1"), Case((5, 0)))
    assert result.status == "trap" and result.reason == "division by zero"


def test_step_limit_stops_an_endless_loop():
    result = run(parse("loop: JMP loop"), Case(()), limit=50)
    assert result.status == "trap" and result.reason == "step limit" and result.steps == 50


def test_halt_stops_and_running_off_the_end_is_a_halt():
    assert run(parse("MOV R0, 1\nHALT\nMOV R0, 2"), Case(())).output == 1
    assert run(parse("MOV R0, 1"), Case(())).status == "halt"


def test_trace_records_the_machine_before_each_instruction():
    result = run(parse("MOV R0, 4\nADD R0, 1"), Case(()), trace=True)
    assert [s.pc for s in result.trace] == [0, 1, 2]
    assert [s.regs[0] for s in result.trace] == [0, 4, 5]


@pytest.mark.parametrize("bad", ["FOO R0", "MOV 3, R0", "JMP nowhere", "ADD R0", "MOV R9, 1", "LD R0, R1",
                                 "a: NOP\na: NOP", "x:"])
def test_bad_programs_are_rejected_with_a_message(bad):
    with pytest.raises(AsmError):
        parse(bad)


def test_text_round_trips_and_tokens_colour_each_part():
    program = parse("loop: LD R1, [R2]\n  JNE loop ; comment")
    assert parse(program.text()) == program
    kinds = [k for k, _ in program.code[0].tokens() if k != "punct"]
    assert kinds == ["op", "reg", "reg"]


def test_the_editor_can_write_only_valid_instructions():
    labels = ("loop",)
    assert instruction_allowed(Instruction("JMP", (Operand("label", "loop"),)), labels)
    assert not instruction_allowed(Instruction("JMP", (Operand("label", "gone"),)), labels)
    assert not instruction_allowed(Instruction("MOV", (Operand("imm", 1), Operand("reg", 0))), labels)
    assert not instruction_allowed(Instruction("MOV", (Operand("reg", 0), Operand("imm", 500))), labels)


def test_any_program_the_editor_can_write_halts_or_traps_cleanly():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from game.spectra.isa import OPCODES, SIGNATURES, Program
    from game.spectra.puzzle import operand_cycle

    labels = ("a", "b")

    @st.composite
    def instruction(draw):
        op = draw(st.sampled_from(OPCODES))
        args = tuple(draw(st.sampled_from(operand_cycle(kinds, labels))) for kinds in SIGNATURES[op])
        return Instruction(op, args)

    @settings(max_examples=120, deadline=None)
    @given(st.lists(instruction(), min_size=2, max_size=12), st.lists(st.integers(-40, 40), max_size=6),
           st.integers(0, 1), st.integers(0, 11))
    def check(code, regs, a, b):
        program = Program(tuple(code), (("a", a), ("b", b % len(code))))
        result = run(program, Case(tuple(regs), tuple(range(16))), limit=200)
        assert result.status in ("halt", "trap") and result.steps <= 200
        assert all(-32768 <= v <= 32767 for v in result.regs + result.mem)

    check()
