"""Personal bests, best segments and sum of best, kept per speedrun category.

All times are in-game ticks (``Run.game_ticks``), integers only; ``format_ticks`` turns them into
h:mm:ss.mmm for people. A split's *time* is the in-game time since the run began; a *segment* is the
time since the previous split. A *gold* is the best segment ever played for that split name, from any
finished or unfinished attempt; the *sum of best* adds up the golds of the PB's splits.

Each category lives in ``<data>/splits/<slug>.json``, written atomically; a damaged file is set aside
and the category starts over (never a traceback).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from game.core.clock import format_ticks
from game.core.files import USER_LIMIT, ReadError, keep_aside, read_json, read_text, write_atomic
from game.replay.categories import slug

log = logging.getLogger(__name__)

SPLITS_VERSION = 1


@dataclass(frozen=True)
class SplitDelta:
    """How one split compares: ``delta`` against the PB (None when there is no PB split to compare)."""

    name: str
    time: int  # in-game ticks since the run began
    segment: int  # ticks since the previous split
    delta: int | None  # time - PB time at this split; negative is ahead
    gold: bool  # a new best segment

    @property
    def colour_name(self) -> str:
        """Palette name: gold for a best segment, green ahead, red behind, grey with nothing to compare."""
        if self.gold:
            return "brass"
        if self.delta is None:
            return "mist"
        return "green" if self.delta <= 0 else "red"


@dataclass
class CategorySplits:
    category: str
    attempts: int = 0
    completed: int = 0
    #: the personal best's splits as (name, in-game ticks since the start), last one is the final time
    pb: list[tuple[str, int]] = field(default_factory=list)
    #: best segment ever per split name
    golds: dict[str, int] = field(default_factory=dict)
    #: file name of the PB replay in ``<replays>/pb/``
    pb_replay: str | None = None

    @property
    def pb_time(self) -> int | None:
        return self.pb[-1][1] if self.pb else None

    def compare(self, index: int, name: str, time: int, previous_time: int) -> SplitDelta:
        """The delta shown when split number ``index`` (0-based) called ``name`` happens at ``time``."""
        segment = time - previous_time
        delta = None
        if index < len(self.pb) and self.pb[index][0] == name:
            delta = time - self.pb[index][1]
        best = self.golds.get(name)
        gold = best is not None and segment < best
        return SplitDelta(name, time, segment, delta, gold)

    def record_segments(self, splits: list[tuple[str, int]]) -> None:
        """Fold the segments of an attempt (finished or not) into the golds."""
        previous = 0
        for name, time in splits:
            segment = time - previous
            previous = time
            if segment >= 0 and (name not in self.golds or segment < self.golds[name]):
                self.golds[name] = segment

    def finish(self, splits: list[tuple[str, int]]) -> bool:
        """A finished attempt: update the golds and the PB; returns True if it is a new personal best."""
        self.completed += 1
        self.record_segments(splits)
        if not splits:
            return False
        if self.pb_time is None or splits[-1][1] < self.pb_time:
            self.pb = list(splits)
            return True
        return False

    def sum_of_best(self) -> int | None:
        """Sum of the golds of the PB's splits (None until every split has a gold)."""
        if not self.pb:
            return None
        total = 0
        for name, _ in self.pb:
            if name not in self.golds:
                return None
            total += self.golds[name]
        return total

    # files ------------------------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps({"version": SPLITS_VERSION, "category": self.category, "attempts": self.attempts,
                           "completed": self.completed, "pb": [[n, t] for n, t in self.pb],
                           "golds": self.golds, "pb_replay": self.pb_replay}, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str, category: str) -> CategorySplits:
        """Parse a splits file; raises ValueError with a reason if it is not one."""
        try:
            data = json.loads(text)
        except RecursionError:
            raise ValueError("nested too deeply") from None
        if not isinstance(data, dict) or data.get("version") != SPLITS_VERSION:
            raise ValueError("not a splits file of this version")
        if data.get("category") != category:
            raise ValueError(f"it holds category {data.get('category')!r}")
        attempts, completed = data.get("attempts", 0), data.get("completed", 0)
        pb, golds, pb_replay = data.get("pb", []), data.get("golds", {}), data.get("pb_replay")
        if not (_count(attempts) and _count(completed)):
            raise ValueError("attempt counts must be whole numbers")
        if not isinstance(pb, list) or not all(
                isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and _count(p[1]) for p in pb):
            raise ValueError("pb must be a list of [name, ticks]")
        if not isinstance(golds, dict) or not all(isinstance(k, str) and _count(v) for k, v in golds.items()):
            raise ValueError("golds must map split names to ticks")
        if pb_replay is not None and not (isinstance(pb_replay, str) and "/" not in pb_replay
                                          and "\\" not in pb_replay and not pb_replay.startswith(".")):
            raise ValueError("pb_replay must be a plain file name")
        return cls(category, attempts, completed, [(n, t) for n, t in pb], dict(golds), pb_replay)


def _count(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**53


def splits_file(data_dir: Path, category: str) -> Path:
    return Path(data_dir) / "splits" / f"{slug(category)}.json"


def load_splits(data_dir: Path, category: str) -> CategorySplits:
    """The category's splits; a missing file is a fresh category, a damaged one is set aside."""
    path = splits_file(data_dir, category)
    try:
        text = read_text(path, USER_LIMIT)
    except ReadError as exc:
        if exc.kind != "missing":
            log.warning("%s: could not read the splits (%s); starting the category over", path, exc.message)
        return CategorySplits(category)
    try:
        return CategorySplits.from_json(text, category)
    except ValueError as exc:
        log.warning("%s: the splits file is damaged (%s); it was set aside", path, exc)
        try:
            keep_aside(path, "corrupt")
        except OSError:
            pass
        return CategorySplits(category)


def save_splits(data_dir: Path, splits: CategorySplits) -> None:
    write_atomic(splits_file(data_dir, splits.category), splits.to_json().encode("utf-8"))


def list_categories(data_dir: Path) -> list[str]:
    """Categories that have a splits file, by name."""
    names = []
    for path in sorted((Path(data_dir) / "splits").glob("*.json")):
        try:
            data = read_json(path, USER_LIMIT)
        except ReadError:
            continue
        if isinstance(data, dict) and isinstance(data.get("category"), str):
            names.append(data["category"])
    return names


def format_delta(ticks: int) -> str:
    """A signed, compact split delta: ``-1.234``, ``+1:02.500``, ``+1:00:00.000``."""
    sign = "-" if ticks < 0 else "+"
    text = format_ticks(abs(ticks))  # h:mm:ss.mmm
    hours, rest = text.split(":", 1)
    if hours != "0":
        return sign + text
    minutes, seconds = rest.split(":")
    if minutes != "00":
        return f"{sign}{int(minutes)}:{seconds}"
    whole, millis = seconds.split(".")
    return f"{sign}{int(whole)}.{millis}"
