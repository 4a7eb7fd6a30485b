"""Upgrading saves written by older versions of the game: a chain of small functions, one per version.

``MIGRATIONS[n]`` takes a body at version ``n`` and returns it at version ``n + 1``; ``migrate`` runs them
in order up to ``SAVE_VERSION``. A migration never drops something the player would miss: it fills a new
field with what the old version meant. Each one has a test that upgrades a real body of its version.
Pure Python, no pygame.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from game.saves.format import SAVE_VERSION, SaveError

Migration = Callable[[dict], dict]

MIGRATIONS: dict[int, Migration] = {}


def migrate(body: dict, version: int, *, chain: dict[int, Migration] | None = None, target: int = SAVE_VERSION
            ) -> dict:
    """``body`` (a save body at ``version``) upgraded to ``target``; the input is never changed."""
    chain = MIGRATIONS if chain is None else chain
    body = copy.deepcopy(body)
    while version < target:
        step = chain.get(version)
        if step is None:
            raise SaveError(f"save version {version} is too old for this game to read", "invalid")
        try:
            body = step(body)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SaveError(f"the save could not be upgraded from version {version} ({exc})", "invalid") from None
        version += 1
    return body
