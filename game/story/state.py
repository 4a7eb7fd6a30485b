"""What the story remembers during a run: flags, counters, which dialogue nodes were visited.

Flags and counters must be declared (``dialogue/story.yaml``) so that a typo is an error found by
``neosmiles check``, not a silent new flag. The state also carries the difficulty the player chose
(``story``, ``normal``, ``hard``) and the ending reached (``""`` until one is). It serialises to plain
JSON-able data for saves and replays.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class StoryState:
    flags: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)
    visited: set[str] = field(default_factory=set)
    chapter: int = 1
    difficulty: str = "normal"
    ending: str = ""

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
            "difficulty": self.difficulty,
            "ending": self.ending,
        }

    @classmethod
    def from_data(cls, data: dict) -> StoryState:
        difficulty = data.get("difficulty", "normal")
        return cls(flags=set(data.get("flags", [])), counters=dict(data.get("counters", {})),
                   visited=set(data.get("visited", [])), chapter=int(data.get("chapter", 1)),
                   difficulty=difficulty if difficulty in ("story", "normal", "hard") else "normal",
                   ending=str(data.get("ending", "") or ""))

    def state_bytes(self) -> bytes:
        d = self.to_data()
        return repr((d["flags"], sorted(d["counters"].items()), d["visited"], d["chapter"], d["difficulty"],
                     d["ending"])).encode()


def apply_story_params(story: StoryState, chapter: str | None, flags: str | None,
                       difficulty: str | None = None) -> None:
    """Set the story up from start-point parameters: ``chapter`` a number; ``flags`` a comma list of flag
    names and ``counter=value`` pairs; ``difficulty`` story, normal or hard. Raises ValueError."""
    if chapter:
        story.chapter = int(chapter)
    if difficulty:
        if difficulty not in ("story", "normal", "hard"):
            raise ValueError(f"difficulty must be story, normal or hard, not {difficulty!r}")
        story.difficulty = difficulty
    for item in (flags or "").split(","):
        item = item.strip()
        if not item:
            continue
        if "=" in item:
            name, value = item.split("=", 1)
            story.counters[name.strip()] = int(value)
        else:
            story.set_flag(item)
