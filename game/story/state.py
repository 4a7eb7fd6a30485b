"""What the story remembers during a run: flags, counters, which dialogue nodes were visited.

Flags and counters must be declared (``dialogue/story.yaml``) so that a typo is an error found by
``neosmiles check``, not a silent new flag. The state serialises to plain JSON-able data for saves.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StoryState:
    flags: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)
    chapter: int = 1

    def set_flag(self, name: str, value: bool = True) -> None:
        if value:
            self.flags.add(name)
        else:
            self.flags.discard(name)

    def has(self, name: str) -> bool:
        return name in self.flags

    def add(self, name: str, amount: int) -> None:
        self.counters[name] = self.counters.get(name, 0) + amount

    def counter(self, name: str) -> int:
        return self.counters.get(name, 0)

    def visit(self, node: str) -> None:
        self.visited.add(node)

    # saving and digests: sorted, so the bytes never depend on set order -------------------------
    def to_data(self) -> dict:
        return {
            "flags": sorted(self.flags),
            "counters": {k: self.counters[k] for k in sorted(self.counters)},
            "visited": sorted(self.visited),
            "chapter": self.chapter,
        }

    @classmethod
    def from_data(cls, data: dict) -> StoryState:
        return cls(flags=set(data.get("flags", [])), counters=dict(data.get("counters", {})),
                   visited=set(data.get("visited", [])), chapter=int(data.get("chapter", 1)))

    def state_bytes(self) -> bytes:
        d = self.to_data()
        return repr((d["flags"], sorted(d["counters"].items()), d["visited"], d["chapter"])).encode()
