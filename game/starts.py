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


def _dialogue(ctx, start: StartPoint) -> Scene:
    from game.dialogue.loader import DialogueError
    from game.dialogue.scene import shared_dialogue
    from game.story.stage import DialogueStage
    from game.story.state import apply_story_params

    node = start.get("node")
    try:
        dialogue = shared_dialogue(ctx)
        apply_story_params(ctx.run.story, start.get("chapter"), start.get("flags"))
    except (DialogueError, ValueError) as exc:
        raise StartError(str(exc)) from None
    if node not in dialogue.nodes:
        raise StartError(f"no dialogue node called {node!r} (try one of: "
                         f"{', '.join(sorted(n for n, d in dialogue.nodes.items() if d.entry)[:8])}...)")
    from game.scenes.map_backdrop import MapBackdrop

    return DialogueStage(ctx, node, backdrop=MapBackdrop(ctx, node, dialogue.nodes[node].source.path))


def _map(ctx, start: StartPoint) -> Scene:
    """``map``: explore one map (``map=levels/clinic.tmx`` or ``map=clinic``), optionally at ``spawn``,
    with the story at ``chapter``, ``flags`` and ``difficulty`` (as for ``dialogue``) so any moment of the
    story can be tried."""
    from game.story.state import apply_story_params
    from game.world.scene import ExplorationScene, MapLoadError, resolve_map

    name = start.get("map")
    if not name:
        raise StartError("the map start point needs a map, e.g. --map levels/clinic.tmx")
    try:
        apply_story_params(ctx.run.story, start.get("chapter"), start.get("flags"), start.get("difficulty"))
    except ValueError as exc:
        raise StartError(f"bad --chapter, --flags or difficulty: {exc}") from None
    try:
        return ExplorationScene(ctx, resolve_map(ctx.paths.levels, name), start.get("spawn"))
    except MapLoadError as exc:
        raise StartError(str(exc)) from None


def _new_game(ctx, start: StartPoint) -> Scene:
    """``new-game``: the difficulty menu (or ``difficulty=story|normal|hard`` given), then chapter 1's opening."""
    from game.story.scenes import DifficultyScene

    difficulty = start.get("difficulty")
    if difficulty is None:
        return DifficultyScene(ctx, lambda: _begin_chapter(ctx, 1))
    try:
        ctx.story.set_difficulty(difficulty)
    except ValueError as exc:
        raise StartError(f"new-game: {exc} (story, normal or hard)") from None
    return _begin_chapter(ctx, 1)


def _chapter(ctx, start: StartPoint) -> Scene:
    """``chapter``: begin chapter ``chapter`` (1-4) as the story does, with ``flags`` and ``difficulty``."""
    from game.story.state import apply_story_params

    try:
        number = int(start.get("chapter", "1"))
        apply_story_params(ctx.run.story, None, start.get("flags"), start.get("difficulty"))
    except ValueError as exc:
        raise StartError(f"chapter start point: {exc}") from None
    return _begin_chapter(ctx, number)


def _begin_chapter(ctx, number: int) -> Scene:
    from game.story.chapters import ChaptersError
    from game.world.scene import MapLoadError

    try:
        return ctx.story.begin_chapter(number)
    except (ChaptersError, MapLoadError, ValueError) as exc:
        raise StartError(str(exc)) from None


def _practice_swarm(ctx, start: StartPoint) -> Scene:
    from game.swarm import build_practice
    from game.swarm.encounter import EncounterError

    try:
        return build_practice(ctx, start)
    except EncounterError as exc:
        raise StartError(str(exc)) from None


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
    table["dialogue"] = _dialogue
    table["practice-spectra"] = _practice_spectra
    table["map"] = _map
    table["new-game"] = _new_game
    table["chapter"] = _chapter
    table["practice-swarm"] = _practice_swarm
    table["save"] = _save
    table["continue"] = _continue
    return table


def _practice_spectra(ctx, start: StartPoint) -> Scene:
    from game.spectra.encounter import EncounterError
    from game.spectra.generator import GenerationError
    from game.spectra.scene import build_practice

    try:
        return build_practice(ctx, start)
    except (EncounterError, GenerationError) as exc:
        raise StartError(str(exc)) from None


def practice_entries(ctx) -> list[PracticeEntry]:
    """What the Practice menu offers, in order."""
    entries: list[PracticeEntry] = []
    entries.extend(_swarm_entries(ctx))
    entries += _spectra_practice_entries(ctx)
    return entries


def _spectra_practice_entries(ctx) -> list[PracticeEntry]:
    from game.spectra.encounter import encounter_names

    names = encounter_names(ctx.paths.encounters)
    offered = (("first-layer", "normal", "SPECTRA: log dive", "Chapter 2: one layer of SPECTRA's code, time to learn."),
               ("full-dive", "normal", "SPECTRA: full dive", "Chapter 3: three layers under a ticking clock."),
               ("full-dive", "hard", "SPECTRA: full dive (hard)", "Four layers, two faults each, a tight clock."))
    return [PracticeEntry(label, StartPoint.of("practice-spectra", encounter=name, difficulty=difficulty), blurb)
            for name, difficulty, label, blurb in offered if name in names]


def _save(ctx, start: StartPoint):
    """``save hash=...``: the run continued from a save (its content is kept in the context by hash)."""
    from game.saves.format import SaveError
    from game.saves.service import body_for
    from game.saves.snapshot import restore

    body = body_for(ctx, start)
    if body is None:
        raise StartError("the save this run started from is not available")
    try:
        return restore(ctx, body)
    except SaveError as exc:
        raise StartError(f"the save cannot be loaded: {exc.reason}") from None


def _continue(ctx, start: StartPoint):
    """``continue``: the newest sound save (the title's Continue starts it as ``save``, which is recorded)."""
    from game.saves.format import SaveError
    from game.saves.slots import newest
    from game.saves.snapshot import restore

    info = newest(ctx.paths.saves_dir)
    if info is None:
        raise StartError("there is no save to continue")
    try:
        return restore(ctx, info.usable.body)
    except SaveError as exc:
        raise StartError(f"{info.usable.path}: {exc.reason}") from None


def continue_available(ctx) -> bool:
    """Whether the title screen can offer Continue (a sound save exists)."""
    from game.saves.slots import newest

    return has_start("continue") and newest(ctx.paths.saves_dir) is not None


def build_start(ctx, start: StartPoint) -> Scene:
    builder = factories().get(start.name)
    if builder is None:
        known = ", ".join(sorted(factories()))
        raise StartError(f"unknown start point {start.name!r} (known: {known})")
    return builder(ctx, start)


def has_start(name: str) -> bool:
    return name in factories()
