"""Upgrading saves written by older versions of the game: a chain of small functions, one per version.

``MIGRATIONS[n]`` takes a body at version ``n`` and returns it at version ``n + 1``; ``migrate`` runs them
in order up to the version asked for (the format's ``SAVE_VERSION``). A migration never drops something
the player would miss: it fills a new field with what the old version meant. Each one has a test that
upgrades a real body of its version. Pure Python, no pygame.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from game.saves.errors import SaveError

Migration = Callable[[dict], dict]

def v1_to_v2(body: dict) -> dict:
    """Version 1 saves were written before the story layer: no difficulty (the game was played on normal),
    no ending yet, the lights on and nothing staged, no scripted walk, no conversation cued, the camera on
    Lena, no control prompt taught."""
    state = body["state"]
    story = state["run"]["story"]
    story.setdefault("difficulty", "normal")
    story.setdefault("ending", "")
    place = state["map"]
    place.setdefault("stage", {"lights": "on", "light_ticks": 0, "waking": False, "alarm": False, "alarm_ticks": 0,
                               "crowd": "seated", "crowd_ticks": 0, "shake": 0})
    place.setdefault("player_route", [])
    place.setdefault("scene", {"cued": None, "camera_on": None, "walked_ticks": 0, "ran": False,
                               "pause_taught_until": 0})
    if state.get("dialogue"):
        state["dialogue"].setdefault("scene", {}).setdefault("wait_left", 0)
    state.pop("minigame", None)  # version 1 could name a map machine's minigame; version 2 saves none
    body["meta"].setdefault("difficulty", story["difficulty"])
    return body


MIGRATIONS: dict[int, Migration] = {1: v1_to_v2}


def migrate(body: dict, version: int, *, target: int, chain: dict[int, Migration] | None = None) -> dict:
    """``body`` (a save body at ``version``) upgraded to ``target`` (the format's ``SAVE_VERSION``); the input
    is never changed."""
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
