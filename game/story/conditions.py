"""A small condition language for dialogue lines, choices and map triggers.

    met_malik                       a flag is set (or a counter is not zero)
    not letter_read                 negation
    trust >= 2                      compare a counter: == != < <= > >=
    chapter >= 2                    the story's chapter (built in, read-only: a number like a counter)
    visited(jenna_intro)            a dialogue node was visited
    met_malik and (trust > 1 or visited(debate_prep))

Parsing is strict and gives a ``ConditionError`` with the column of the problem; ``Condition.names``
lists what it refers to so the validator can check every name against the declarations. Conditions are
data from files, so they are bounded: at most ``MAX_LENGTH`` characters, ``MAX_DEPTH`` levels of
parentheses and ``not``, numbers of at most ``MAX_DIGITS`` digits; ``and``/``or`` chains are kept flat,
so no condition can exhaust the stack while it is parsed, evaluated or inspected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.story.state import StoryState

MAX_LENGTH = 2000
MAX_DEPTH = 32
MAX_DIGITS = 9
_BLANK = re.compile(r"\s*\Z")
_TOKEN = re.compile(r"\s*(?:(?P<num>-?\d+)|(?P<op>==|!=|<=|>=|<|>|\(|\))|(?P<word>[A-Za-z_][A-Za-z0-9_.\-]*))")
#: the built-in name that reads ``StoryState.chapter`` (declared by the game, not by dialogue/story.yaml)
CHAPTER = "chapter"
_COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


class ConditionError(ValueError):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(f"{message} (at column {column + 1})")
        self.column = column


@dataclass(frozen=True)
class Condition:
    source: str
    tree: tuple

    def evaluate(self, state: StoryState) -> bool:
        return _eval(self.tree, state)

    @property
    def names(self) -> set[str]:
        """Flag or counter names the condition reads."""
        out: set[str] = set()
        _collect(self.tree, out, "name")
        return out

    @property
    def counters(self) -> set[str]:
        """Names compared with a number (must be counters)."""
        out: set[str] = set()
        _collect(self.tree, out, "cmp")
        return out

    @property
    def visited_nodes(self) -> set[str]:
        out: set[str] = set()
        _collect(self.tree, out, "visited")
        return out


def _collect(tree: tuple, out: set[str], kind: str) -> None:
    tag = tree[0]
    if tag in ("and", "or"):
        for part in tree[1]:
            _collect(part, out, kind)
    elif tag == "not":
        _collect(tree[1], out, kind)
    elif tag == "name" and kind == "name":
        out.add(tree[1])
    elif tag == "cmp" and kind in ("name", "cmp"):
        out.add(tree[1])
    elif tag == "visited" and kind == "visited":
        out.add(tree[1])


def _eval(tree: tuple, state: StoryState) -> bool:
    tag = tree[0]
    if tag == "and":
        return all(_eval(part, state) for part in tree[1])
    if tag == "or":
        return any(_eval(part, state) for part in tree[1])
    if tag == "not":
        return not _eval(tree[1], state)
    if tag == "name":
        return state.has(tree[1]) or _number(state, tree[1]) != 0
    if tag == "cmp":
        return _COMPARE[tree[2]](_number(state, tree[1]), tree[3])
    if tag == "visited":
        return tree[1] in state.visited
    raise AssertionError(tag)


def _number(state: StoryState, name: str) -> int:
    """A counter's value; ``chapter`` is the story's chapter, the same for dialogue and map triggers."""
    if name == CHAPTER:
        return int(state.chapter)
    return state.counter(name)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(text):
        if _BLANK.match(text, pos):
            break
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ConditionError(f"unexpected {text[pos:].strip()[:1]!r}", pos)
        kind = match.lastgroup
        out.append((kind, match.group(kind), match.start(kind)))
        pos = match.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(f"nested more than {MAX_DEPTH} levels deep (parentheses and 'not')", self.peek()[2])

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, value: str) -> None:
        kind, got, col = self.take()
        if got != value:
            raise ConditionError(f"expected {value!r} but found {got or 'the end'!r}", col)

    def parse(self) -> tuple:
        tree = self.or_expr()
        kind, value, col = self.peek()
        if kind != "end":
            raise ConditionError(f"unexpected {value!r}", col)
        return tree

    def or_expr(self) -> tuple:
        parts = [self.and_expr()]
        while self.peek()[1] == "or":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else ("or", tuple(parts))

    def and_expr(self) -> tuple:
        parts = [self.not_expr()]
        while self.peek()[1] == "and":
            self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else ("and", tuple(parts))

    def not_expr(self) -> tuple:
        if self.peek()[1] == "not":
            self.take()
            self.enter()
            tree = ("not", self.not_expr())
            self.depth -= 1
            return tree
        return self.atom()

    def atom(self) -> tuple:
        kind, value, col = self.take()
        if value == "(":
            self.enter()
            tree = self.or_expr()
            self.expect(")")
            self.depth -= 1
            return tree
        if kind != "word" or value in ("and", "or", "not"):
            raise ConditionError(f"expected a flag, a counter or visited(...), found {value or 'the end'!r}", col)
        if value == "visited":
            self.expect("(")
            kind, node, ncol = self.take()
            if kind != "word":
                raise ConditionError("visited(...) needs a node id", ncol)
            self.expect(")")
            return ("visited", node)
        if self.peek()[1] in _COMPARE:
            op = self.take()[1]
            kind, number, ncol = self.take()
            if kind != "num":
                raise ConditionError(f"{value} {op} needs a whole number", ncol)
            if len(number.lstrip("-")) > MAX_DIGITS:
                raise ConditionError(f"the number is too large (at most {MAX_DIGITS} digits)", ncol)
            return ("cmp", value, op, int(number))
        return ("name", value)


def parse_condition(text: str) -> Condition:
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("a condition cannot be empty", 0)
    if len(text) > MAX_LENGTH:
        raise ConditionError(f"a condition may be at most {MAX_LENGTH} characters long; split it", MAX_LENGTH)
    return Condition(text, _Parser(text).parse())
