"""``neosmiles check``: validate content files and report ``path:line: message`` for each problem.

Each kind of content (maps, dialogue, encounters) has a ``Checker`` in ``game.check.registry``. A
checker claims the files it understands, may first add facts to the shared ``ContentIndex`` (the
dialogue checker adds every node id, the map checker every map and spawn), and then reports problems.
Content problems are always reported as ``Problem`` values, never raised as exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ContentIndex:
    """Facts about all content, for checks that cross files (a door's target map, an npc's node)."""

    #: dialogue node ids, or None when no dialogue is known at all
    dialogue_nodes: set[str] | None = None
    #: map name (file stem) -> spawn names on that map
    maps: dict[str, set[str]] = field(default_factory=dict)
    #: map name -> names of every named object on it (npcs, machines, doors, triggers, spawns)
    map_objects: dict[str, set[str]] = field(default_factory=dict)
    #: minigame name -> encounter names
    encounters: dict[str, set[str]] = field(default_factory=dict)
    #: declared story flags and counters (from dialogue/story.yaml), None when unknown
    flags: set[str] | None = None
    counters: set[str] | None = None


class Checker(Protocol):
    name: str

    def claims(self, path: Path) -> bool: ...

    def index(self, files: list[Path], index: ContentIndex) -> None: ...

    def check(self, files: list[Path], index: ContentIndex) -> list[Problem]: ...
