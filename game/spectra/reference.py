"""The instruction reference a player can open in a dive: what each opcode does, in plain words.

One entry per opcode of ``isa.OPCODES`` (a test keeps them in step), grouped the way a newcomer meets
them: moving numbers, arithmetic, comparing and jumping, memory, calls. Each has a one-line summary
and a one-line example with what it does. Pure data; nothing here imports pygame.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OpcodeHelp:
    op: str
    group: str
    summary: str
    example: str  # one line of assembly
    effect: str  # what the example does


BASICS = (
    "Registers R0-R5 hold numbers; memory has 16 cells, [0] to [15]. The answer is R0 when the program stops.",
    "A line is an opcode and its operands: MOV R1, 5 puts 5 into R1. Labels (loop:) name lines to jump to.",
)

ENTRIES: tuple[OpcodeHelp, ...] = (
    OpcodeHelp("MOV", "Numbers", "Copy a number or a register into a register.", "MOV R1, 5", "R1 becomes 5"),
    OpcodeHelp("ADD", "Numbers", "Add to a register.", "ADD R0, R2", "R0 becomes R0 + R2"),
    OpcodeHelp("SUB", "Numbers", "Subtract from a register.", "SUB R1, 1", "R1 becomes R1 - 1"),
    OpcodeHelp("MUL", "Numbers", "Multiply a register.", "MUL R0, 3", "R0 becomes R0 \u00d7 3"),
    OpcodeHelp("DIV", "Numbers", "Divide a register, dropping the remainder (dividing by 0 stops the program).",
               "DIV R0, 2", "7 becomes 3"),
    OpcodeHelp("MOD", "Numbers", "Keep only the remainder of a division.", "MOD R0, 2", "7 becomes 1"),
    OpcodeHelp("CMP", "Compare and jump", "Compare two values and remember the result for the next jump.",
               "CMP R1, 10", "remembers whether R1 is <, = or > 10"),
    OpcodeHelp("JMP", "Compare and jump", "Always continue at a label.", "JMP loop", "go to the line loop:"),
    OpcodeHelp("JEQ", "Compare and jump", "Jump if the last CMP found the values equal.", "JEQ done",
               "after CMP R1, 0: jump when R1 = 0"),
    OpcodeHelp("JNE", "Compare and jump", "Jump if the last CMP found them different.", "JNE loop",
               "after CMP R1, 0: jump when R1 is not 0"),
    OpcodeHelp("JLT", "Compare and jump", "Jump if the first value was less than the second.", "JLT small",
               "after CMP R1, 5: jump when R1 < 5"),
    OpcodeHelp("JLE", "Compare and jump", "Jump if the first value was less than or equal.", "JLE small",
               "after CMP R1, 5: jump when R1 <= 5"),
    OpcodeHelp("JGT", "Compare and jump", "Jump if the first value was greater.", "JGT big",
               "after CMP R1, 5: jump when R1 > 5"),
    OpcodeHelp("JGE", "Compare and jump", "Jump if the first value was greater than or equal.", "JGE big",
               "after CMP R1, 5: jump when R1 >= 5"),
    OpcodeHelp("LD", "Memory", "Load a memory cell into a register. [R2] means the cell whose number is in R2.",
               "LD R3, [R2]", "if R2 is 4, R3 gets cell [4]"),
    OpcodeHelp("ST", "Memory", "Store a value into a memory cell.", "ST [0], R1", "cell [0] gets R1"),
    OpcodeHelp("CALL", "Calls", "Run the lines at a label, then come back to the next line.", "CALL square",
               "runs square: until its RET"),
    OpcodeHelp("RET", "Calls", "Go back to the line after the last CALL.", "RET", "return from square:"),
    OpcodeHelp("NOP", "Other", "Do nothing (a line left empty on purpose).", "NOP", "nothing happens"),
    OpcodeHelp("HALT", "Other", "Stop the program; R0 is its answer.", "HALT", "the answer is R0"),
)

BY_OP = {entry.op: entry for entry in ENTRIES}


def index_of(op: str) -> int:
    """The entry to open the reference at for ``op`` (the first when unknown)."""
    for i, entry in enumerate(ENTRIES):
        if entry.op == op:
            return i
    return 0
