"""Which speedrun category a run belongs to, and which split finishes it.

- A run from ``new-game`` is the full game, category ``any%``; it finishes at the last chapter's split
  (``chapter-4``, the epilogue) or at an explicit ``game-end`` mark.
- A run from any other start point (a practice encounter, a chapter) is a practice
  run: its category is the start point's label (``practice-swarm encounter=tutorial``) and it never
  counts for the full game. A start point with a ``chapter`` parameter finishes at that chapter's
  split; any other practice run finishes at its first split (the encounter's end).
- Runs from ``title`` are not runs at all: idling on the title screen is never recorded. Neither is
  ``continue``: it begins from a save file the replay does not contain, so nobody could verify it.
- A run made with an assist setting on is flagged assisted and never sets a personal best.
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


def category_of(start: StartPoint) -> str:
    return FULL_GAME if start.name == FULL_GAME_START else start.label()


def is_practice(start: StartPoint) -> bool:
    return start.name != FULL_GAME_START


def is_assisted(settings: Mapping[str, Any]) -> bool:
    """Any truthy setting whose name starts with ``assist`` (assist options are simulation settings)."""
    return any(key.startswith("assist") and bool(value) for key, value in settings.items())


def finishes_run(start: StartPoint, mark: str) -> bool:
    """Whether the split ``mark`` ends a run that began at ``start``."""
    if start.name == FULL_GAME_START:
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
