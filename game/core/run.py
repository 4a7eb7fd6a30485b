"""One run of the game: its seed, its randomness, its tick counters, where it started.

A run is what a replay reproduces: the same ``StartPoint``, seed, simulation settings and action
frames give the same states tick after tick. ``tick`` counts every simulated tick; ``game_ticks``
counts only ticks during which the top scene lets the in-game timer run (menus and loading pause it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.core.actions import ActionFrame
from game.core.rng import RunRandom
from game.story.state import StoryState


@dataclass(frozen=True)
class StartPoint:
    """Where a run begins: ``title``, ``new-game``, ``practice-swarm`` ... with string parameters."""

    name: str = "title"
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, name: str, **params: Any) -> StartPoint:
        return cls(name, tuple(sorted((k, str(v)) for k, v in params.items() if v is not None)))

    def get(self, key: str, default: str | None = None) -> str | None:
        return dict(self.params).get(key, default)

    def to_json(self) -> str:
        return json.dumps({"name": self.name, "params": dict(self.params)}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> StartPoint:
        data = json.loads(text)
        return cls.of(data["name"], **data.get("params", {}))

    def label(self) -> str:
        extra = " ".join(f"{k}={v}" for k, v in self.params)
        return f"{self.name} {extra}".strip()


@dataclass
class Run:
    seed: int
    start: StartPoint = field(default_factory=StartPoint)
    tick: int = 0
    game_ticks: int = 0
    rng: RunRandom = field(init=False)
    #: flags, counters and visited dialogue nodes of this run
    story: StoryState = field(default_factory=StoryState)
    #: called after every tick with (run, frame); replays and the speedrun timer listen here
    tick_listeners: list[Callable[[Run, ActionFrame], None]] = field(default_factory=list)
    #: dialogue lines seen in any playthrough when the run began (an input of the run: replays keep it)
    seen_at_start: tuple[str, ...] = ()
    #: the same set, growing as the run shows new lines (skip-seen reads it)
    seen_lines: set[str] = field(default_factory=set)
    #: named events of the run (chapter and minigame ends) as (tick, game_ticks, name)
    events: list[tuple[int, int, str]] = field(default_factory=list)
    #: ``tick`` and ``game_ticks`` when the run began: 0, or the saved counters of a run continued from a
    #: save (replays and splits count from here)
    base_tick: int = 0
    base_game_ticks: int = 0

    def __post_init__(self) -> None:
        self.rng = RunRandom(self.seed)
        self.seen_lines = set(self.seen_at_start)

    def mark(self, name: str) -> None:
        """Record a named moment (a split), e.g. ``chapter-1`` or ``swarm:tutorial``."""
        self.events.append((self.tick, self.game_ticks, name))


def digest_bytes(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()
