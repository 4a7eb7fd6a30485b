"""The dialogue's data: nodes made of steps, and the story declarations they may refer to.

These are plain frozen values built by ``game.dialogue.loader`` from ``dialogue/*.yaml``; the runner
compiles them and the validator walks them. Every value remembers the file and line it came from so
a problem can be reported as ``path:line: message``. Nothing here imports pygame.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from game.story.conditions import Condition

#: flags and counters the engine itself writes or offers; always declared
BUILTIN_FLAGS = frozenset({"last_won"})
BUILTIN_COUNTERS = frozenset({"last_score", "chapter"})
#: counters a script may read but never change
READ_ONLY_COUNTERS = frozenset({"chapter"})



class DialogueError(Exception):
    """Dialogue content that cannot be used; the message lists each problem as ``path:line: message``."""

@dataclass(frozen=True)
class Source:
    path: str
    line: int


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str  # shown above the box ("" for the narrator)
    blip: str | None  # sound effect name, None for silence
    portrait: str | None  # portrait file stem in assets/portraits, None for no portrait
    moods: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Declarations:
    speakers: dict[str, Speaker] = field(default_factory=dict)
    flags: dict[str, Source] = field(default_factory=dict)
    counters: dict[str, Source] = field(default_factory=dict)

    def flag_names(self) -> set[str]:
        return set(self.flags) | BUILTIN_FLAGS

    def counter_names(self) -> set[str]:
        return set(self.counters) | BUILTIN_COUNTERS


# steps ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Say:
    id: str
    speaker: str
    mood: str
    text: str
    source: Source


@dataclass(frozen=True)
class Effect:
    set: tuple[str, ...] = ()
    clear: tuple[str, ...] = ()
    add: tuple[tuple[str, int], ...] = ()
    source: Source = Source("", 0)


@dataclass(frozen=True)
class Jump:
    target: str
    source: Source


@dataclass(frozen=True)
class Detour:
    target: str
    source: Source


@dataclass(frozen=True)
class End:
    source: Source


@dataclass(frozen=True)
class Branch:
    condition: Condition
    then: tuple
    otherwise: tuple
    source: Source


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    condition: Condition | None
    once: bool
    body: tuple  # steps run when chosen (effects, a jump...), then the node goes on after the menu
    source: Source


@dataclass(frozen=True)
class Choice:
    options: tuple[Option, ...]
    source: Source


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[tuple[str, object], ...]
    #: outcome name ("win", "lose") -> steps run for it
    branches: tuple[tuple[str, tuple], ...]
    source: Source

    def arg(self, key: str, default=None):
        return dict(self.args).get(key, default)


Step = Say | Effect | Jump | Detour | End | Branch | Choice | Command


@dataclass(frozen=True)
class Node:
    id: str
    entry: bool
    steps: tuple
    source: Source


@dataclass(frozen=True)
class Dialogue:
    nodes: dict[str, Node]
    declarations: Declarations

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]


def derived_id(node_id: str, speaker: str, text: str) -> str:
    """A line's id when the writer gave none: the node id and a short hash of who says what.

    Stable when lines are added, removed or reordered around it; it changes only when the line's own
    speaker or text changes (then skip-seen treats it as new, which is what a rewritten line is).
    """
    digest = hashlib.blake2b(f"{speaker}\x1f{text}".encode(), digest_size=3).hexdigest()
    return f"{node_id}.{digest}"


def walk_steps(steps) -> list:
    """Every step, nested ones included (branch arms, option bodies, command outcomes), in order."""
    out: list = []
    for step in steps:
        out.append(step)
        if isinstance(step, Branch):
            out.extend(walk_steps(step.then))
            out.extend(walk_steps(step.otherwise))
        elif isinstance(step, Choice):
            for option in step.options:
                out.extend(walk_steps(option.body))
        elif isinstance(step, Command):
            for _name, body in step.branches:
                out.extend(walk_steps(body))
    return out
