"""The places a run can start, by name: the title screen, a new game, a practice encounter...

A ``StartPoint`` names one of these and carries its parameters; replays store it, so a start point
must build the same scenes every time. Each minigame or story module adds its entries here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.core.run import StartPoint
from game.core.scenes import Scene


class StartError(Exception):
    """A start point that does not exist or has bad parameters (a clear message for the player)."""


@dataclass(frozen=True)
class PracticeEntry:
    """A line of the title screen's Practice menu."""

    label: str
    start: StartPoint
    blurb: str = ""


def _title(ctx, start: StartPoint) -> Scene:
    from game.scenes.title import TitleScene

    return TitleScene(ctx)


def _practice_swarm(ctx, start: StartPoint) -> Scene:
    from game.swarm import build_practice

    return build_practice(ctx, start)


def _swarm_entries(ctx) -> list[PracticeEntry]:
    from game.swarm import encounters
    from game.swarm.encounter import EncounterError, load

    entries = []
    for name in encounters(ctx):
        try:
            enc = load(ctx.paths.encounters / "swarm", name)
        except EncounterError:
            continue  # `neosmiles check` reports it; the menu lists what can be played
        entries.append(PracticeEntry(f"Swarm {enc.chapter}: {enc.title}", StartPoint.of("practice-swarm", level=name),
                                     enc.brief))
    return entries


def factories() -> dict[str, Callable]:
    """Start point name -> builder(ctx, start) returning the first scene."""
    table: dict[str, Callable] = {"title": _title}
    table["practice-swarm"] = _practice_swarm
    return table


def practice_entries(ctx) -> list[PracticeEntry]:
    """What the Practice menu offers, in order."""
    entries: list[PracticeEntry] = []
    entries.extend(_swarm_entries(ctx))
    return entries


def continue_available(ctx) -> bool:
    """Whether the title screen can offer Continue (a story save exists and the story can load it)."""
    return has_start("continue") and any(ctx.paths.saves_dir.glob("*.json"))


def build_start(ctx, start: StartPoint) -> Scene:
    builder = factories().get(start.name)
    if builder is None:
        known = ", ".join(sorted(factories()))
        raise StartError(f"unknown start point {start.name!r} (known: {known})")
    return builder(ctx, start)


def has_start(name: str) -> bool:
    return name in factories()
