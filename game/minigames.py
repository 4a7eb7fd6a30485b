"""The minigames the story can start, by name.

A dialogue command ``minigame`` or a map ``machine`` names a minigame, an encounter and a difficulty;
``build_minigame`` returns the scene to push. When the encounter ends the scene calls ``on_finish``
with an ``Outcome`` (and pops itself), so the story branches on win or lose and on the score.
Each minigame package registers its builder and its encounter names here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.core.outcome import Outcome
from game.core.scenes import Scene
from game.story.difficulty import MINIGAME_DIFFICULTIES

OnFinish = Callable[[Outcome], None]
DIFFICULTIES = MINIGAME_DIFFICULTIES


@dataclass(frozen=True)
class MinigameSpec:
    name: str
    #: builder(ctx, encounter, difficulty, on_finish) -> Scene
    build: Callable[..., Scene]
    #: encounter names that exist (read from the content folder)
    encounters: Callable[[object], list[str]]


def registry() -> dict[str, MinigameSpec]:
    table: dict[str, MinigameSpec] = {}
    from game import swarm

    table["swarm"] = MinigameSpec("swarm", swarm.build, swarm.encounters)
    table["spectra"] = MinigameSpec("spectra", _build_spectra, _spectra_encounters)
    return table


def _build_spectra(ctx, encounter: str, difficulty: str, on_finish: OnFinish | None) -> Scene:
    from game.spectra.scene import build

    return build(ctx, encounter, difficulty, on_finish)


def _spectra_encounters(ctx) -> list[str]:
    from game.spectra.encounter import encounter_names

    return encounter_names(ctx.paths.encounters)


def build_minigame(ctx, name: str, encounter: str, difficulty: str, on_finish: OnFinish | None) -> Scene:
    spec = registry().get(name)
    if spec is None:
        raise KeyError(f"unknown minigame {name!r}")
    return spec.build(ctx, encounter, difficulty, on_finish)
