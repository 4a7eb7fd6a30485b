"""Which speedrun category a run belongs to, and which split finishes it.

- A run from ``new-game`` is the full game, category ``any%``; it finishes at the last chapter's split
  (``chapter-4``, the epilogue) or at an explicit ``game-end`` mark.
- A run from any other start point (a practice encounter, a chapter) is a practice
  run: its category is the start point's label (``practice-swarm encounter=tutorial``) and it never
  counts for the full game. A start point with a ``chapter`` parameter finishes at that chapter's
  split; any other practice run finishes at its first split (the encounter's end).
- Runs from ``title`` are not runs at all: idling on the title screen is never recorded. Neither is
  ``continue`` (``play --start continue``): it begins from whatever save is newest on disk. The title's
  Continue, the Load screen and ``play --continue/--load`` start ``save hash=...`` instead: such a run is
  recorded with the save embedded in its replay (so ``verify`` re-simulates it from the file alone), in
  the category ``from a save``, which is never the full game; it finishes at the full game's last split.
- A run made with an assist on (an ``assist*`` setting, or the swarm game speed below 100%) is flagged
  assisted and is its own category: the plain category with the assists named after it
  (``practice-swarm level=tutorial [assist swarm_speed=70]``), with its own personal bests, never
  mixed with unassisted runs.
- Runs from the developer starts (``map``: a Tiled map, ``dialogue``: one conversation) are recorded (for
  ``--record``) but are no speedrun category: they keep no splits and no personal best.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from game.core.run import StartPoint

FULL_GAME = "any%"
FULL_GAME_START = "new-game"
FULL_GAME_END_MARKS = frozenset({"chapter-4", "game-end"})
#: not recorded: the title screen, and a continued save (its state comes from a file a replay does not hold)
NOT_A_RUN = frozenset({"title", "continue"})
FROM_SAVE = "from a save"
SAVE_START = "save"


#: recorded, but not raced: tools for map editors and writers
NOT_A_CATEGORY = frozenset({"map", "dialogue"})


def is_recorded(start: StartPoint) -> bool:
    return start.name not in NOT_A_RUN


def keeps_splits(start: StartPoint) -> bool:
    """Whether a run from ``start`` is a speedrun category (splits, personal bests, kept replays)."""
    return is_recorded(start) and start.name not in NOT_A_CATEGORY


def resolve(query: str, names: list[str]) -> tuple[str | None, list[str]]:
    """The category ``query`` names: an exact name, a unique prefix, or words each found in one name
    ("swarm tutorial"). Returns (name, []) or (None, the candidates: none, or more than one)."""
    if query in names:
        return query, []
    q = query.casefold().strip()
    for match in (lambda n: n.casefold().startswith(q),
                  lambda n: all(word in n.casefold() for word in q.split())):
        found = [n for n in names if match(n)]
        if len(found) == 1:
            return found[0], []
        if found:
            return None, found
    return None, []


def category_of(start: StartPoint, settings: Mapping[str, Any] | None = None) -> str:
    """The run's category; ``settings`` (the run's simulation settings) adds the assists in use."""
    if start.name == SAVE_START:
        base = FROM_SAVE
    else:
        base = FULL_GAME if start.name == FULL_GAME_START else start.label()
    used = assists(settings or {})
    return f"{base} [assist {' '.join(used)}]" if used else base


def assists(settings: Mapping[str, Any]) -> list[str]:
    """The assists a run's settings turn on, as ``key=value`` texts in a fixed order."""
    used = [f"{key}={value}" for key, value in sorted(settings.items())
            if key.startswith("assist") and bool(value)]
    speed = settings.get("swarm_speed", 100)
    if isinstance(speed, int) and speed < 100:
        used.append(f"swarm_speed={speed}")
    return used


def is_practice(start: StartPoint) -> bool:
    return start.name != FULL_GAME_START


def is_assisted(settings: Mapping[str, Any]) -> bool:
    """Any truthy setting whose name starts with ``assist`` (assist options are simulation settings), or
    the swarm game speed below 100%."""
    return bool(assists(settings))


def finishes_run(start: StartPoint, mark: str) -> bool:
    """Whether the split ``mark`` ends a run that began at ``start``."""
    if start.name in (FULL_GAME_START, SAVE_START):
        return mark in FULL_GAME_END_MARKS
    chapter = start.get("chapter")
    if chapter is not None:
        return mark == f"chapter-{chapter}"
    return True


def slug(category: str) -> str:
    """A file-name-safe form of a category name (``any%`` -> ``any-<tag>``)."""
    out = []
    for ch in category.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    text = "".join(out).strip("-")[:60] or "run"
    # two categories that differ only in punctuation must not share a file
    tag = hashlib.blake2b(category.encode("utf-8"), digest_size=3).hexdigest()
    return f"{text}-{tag}"
