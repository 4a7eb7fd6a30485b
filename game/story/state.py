"""What the story remembers during a run: flags, counters, which dialogue nodes were visited.

Flags and counters must be declared (``dialogue/story.yaml``) so that a typo is an error found by
``neosmiles check``, not a silent new flag. The state also carries the difficulty the player chose
(``story``, ``normal``, ``hard``) and the ending reached (``""`` until one is). It serialises to plain
JSON-able data for saves and replays.

``stages`` remembers each map's staging (lights, alarm, the crowd) while Lena is elsewhere, as plain data
by map name, so a dark hall is still dark when she walks back in; a chapter's time skip clears it.
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
    #: map name -> that map's staging as it was when Lena left it (``Staging.to_data``)
    stages: dict[str, dict] = field(default_factory=dict)

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
        data = {
            "flags": sorted(self.flags),
            "counters": {k: self.counters[k] for k in sorted(self.counters)},
            "visited": sorted(self.visited),
            "chapter": self.chapter,
            "difficulty": self.difficulty,
            "ending": self.ending,
        }
        if self.stages:  # optional: older saves have none
            data["stages"] = {k: dict(self.stages[k]) for k in sorted(self.stages)}
        return data

    @classmethod
    def from_data(cls, data: dict) -> StoryState:
        difficulty = data.get("difficulty", "normal")
        return cls(flags=set(data.get("flags", [])), counters=dict(data.get("counters", {})),
                   visited=set(data.get("visited", [])), chapter=int(data.get("chapter", 1)),
                   difficulty=difficulty if difficulty in ("story", "normal", "hard") else "normal",
                   ending=str(data.get("ending", "") or ""), stages=_stages(data.get("stages", {})))

    def state_bytes(self) -> bytes:
        d = self.to_data()
        fields = (d["flags"], sorted(d["counters"].items()), d["visited"], d["chapter"], d["difficulty"], d["ending"])
        if self.stages:  # (absent while empty: digests of runs that never left a staged map are unchanged)
            fields += (sorted((k, sorted(v.items())) for k, v in self.stages.items()),)
        return repr(fields).encode()


STAGE_KEYS = {"lights": str, "emergency": bool, "alarm": bool, "crowd": str}


def _stages(data) -> dict[str, dict]:
    """The per-map staging from saved data: map names to the known keys of the right type (anything else
    is dropped; the map checks the values when it uses them)."""
    if not isinstance(data, dict):
        raise ValueError("stages must be a mapping of map names")
    out: dict[str, dict] = {}
    for name, stage in data.items():
        if not isinstance(name, str) or not isinstance(stage, dict):
            raise ValueError(f"stages: {name!r} is not a map's staging")
        out[name] = {k: stage[k] for k, kind in STAGE_KEYS.items() if isinstance(stage.get(k), kind)}
    return out


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
