"""Capturing a run in progress as save data, and building the same run back from it.

What is kept is everything the state digest covers, so a run loaded from a save goes on bit for bit as it
would have without saving: the tick counters, the seed and the exact state of the run's RNG, the story
state, the map with Lena's and every NPC's position, facing, walk and route, the door fade and the fired
triggers, and an open conversation (the runner's position, taken options, history, the line's reveal and
the choice menu). Menus over the game (pause, save, settings) are not part of it. A minigame is saved at its
start: the conversation or machine that opened it, which opens it again when the save is loaded.

This module wires ``game.saves.format`` to the world and dialogue scenes; it reads and sets their state from
outside, so those packages know nothing about saves.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from game.saves.format import SaveError

MAX_ROUTE = 4096  # points in an NPC's route
MAX_SEEN = 100_000


class NotSaveable(Exception):
    """Nothing that can be saved is running (the title, a practice encounter, a minigame past its start)."""


# finding the game under the menus -----------------------------------------------------------------

def game_scenes(ctx):
    """(exploration scene, conversation or None, minigame scene or None) of the run, or raise ``NotSaveable``."""
    from game.dialogue.scene import DialogueScene
    from game.world.scene import ExplorationScene

    scenes = ctx.scenes.scenes
    if not scenes or not isinstance(scenes[0], ExplorationScene):
        raise NotSaveable("only the story can be saved")
    explore, dialogue, minigame = scenes[0], None, None
    for scene in scenes[1:]:
        if isinstance(scene, DialogueScene) and scene.host is explore and dialogue is None and minigame is None:
            dialogue = scene
        elif not scene.counts_game_time:
            continue  # a menu over the game: pause, save, settings, history
        elif minigame is None:
            minigame = scene
        else:
            raise NotSaveable("the game cannot be saved here")
    return explore, dialogue, minigame


def is_saveable(ctx) -> bool:
    try:
        explore, _dialogue, minigame = game_scenes(ctx)
    except NotSaveable:
        return False
    return minigame is None and explore.core.fade.phase != "out"


# capture ------------------------------------------------------------------------------------------

def _plain(value):
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, bool | int | str):
        return value
    raise TypeError(f"{type(value).__name__} cannot be saved")


def _fields(obj, skip=()) -> dict:
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name not in skip}


def capture_map(explore) -> dict:
    core = explore.core
    return {
        "name": core.world.name,
        "tick": core.tick,
        "player": _fields(core.player),
        "npcs": [_fields(npc, skip=("line",)) for npc in core.npcs],
        "fade": _fields(core.fade),
        "fired": sorted(core.triggers.fired),
        "inside": sorted(core.triggers.inside),
    }


def capture_dialogue(scene) -> dict:
    data = scene.save_data()
    data["scene"] = {"t": scene.t, "line_ticks": scene.line_ticks, "wait_ticks": scene.wait_ticks,
                     "skip_ticks": scene.skip_ticks, "waiting": scene.waiting_for is not None,
                     "menu": scene.menu.index if scene.menu is not None else None,
                     "pointer": list(scene.menu._pointer) if scene.menu is not None and scene.menu._pointer else None}
    return _plain(data)


def machine_minigame(explore) -> str | None:
    """The minigame the machine in front of Lena starts (how a machine's minigame is saved at its start)."""
    focus = explore.core.focus
    prop = getattr(focus, "prop", None)
    spec = prop("minigame") if prop is not None else None
    return str(spec) if spec else None


def capture_state(ctx, *, minigame_start: bool = False) -> dict:
    """The run's state as JSON-able data. ``minigame_start``: a minigame was pushed this very tick, and the
    save is of its start (otherwise a running minigame makes the game not saveable)."""
    explore, dialogue, minigame = game_scenes(ctx)
    machine = None
    if minigame is not None:
        if not minigame_start:
            raise NotSaveable("a minigame is saved at its start only")
        if dialogue is None or dialogue.waiting_for is None:
            machine = machine_minigame(explore)
            if machine is None:
                raise NotSaveable("this minigame cannot be saved")
    elif explore.core.fade.phase == "out":
        raise NotSaveable("Lena is going through a door")
    run = ctx.run
    return {
        "run": {"seed": run.seed, "tick": run.tick, "game_ticks": run.game_ticks, "rng": run.rng.get_state(),
                "story": _plain(run.story.to_data()), "start": run.start.to_json(),
                "seen": sorted(run.seen_lines - set(run.seen_at_start)),
                "events": [[t, g, name] for t, g, name in run.events]},
        "map": capture_map(explore),
        "dialogue": capture_dialogue(dialogue) if dialogue is not None else None,
        "minigame": machine,
    }


def describe(ctx, state: dict, *, slot: str, reason: str, saved_at: str, serial: int) -> dict:
    """The Load screen's description of a save: chapter, place, play time, date (the date is never read back
    into the game)."""
    from game import __version__

    explore = ctx.scenes.scenes[0]
    title = explore.world.map_property("title") or explore.world.name
    dialogue = state.get("dialogue")
    return {"slot": slot, "reason": reason, "saved_at": saved_at, "serial": serial,
            "chapter": int(ctx.run.story.chapter), "place": str(title), "map": explore.world.name,
            "play_ticks": ctx.run.game_ticks, "talking": bool(dialogue), "game_version": __version__}


# restore ------------------------------------------------------------------------------------------

def _int(value, what: str, lo: int = -(2**40), hi: int = 2**40) -> int:
    if type(value) is not int or not lo <= value <= hi:
        raise SaveError(f"the save's {what} is not valid", "invalid")
    return value


def _text(value, what: str) -> str:
    if not isinstance(value, str) or len(value) > 400:
        raise SaveError(f"the save's {what} is not valid", "invalid")
    return value


def restore_run(ctx, state: dict) -> None:
    """Put the run's counters, randomness and story back (the scenes are built after it)."""
    from game.story.state import StoryState

    data = state["run"]
    run = ctx.run
    run.seed = _int(data["seed"], "seed", 0, 2**64 - 1)
    from game.core.rng import RunRandom

    run.rng = RunRandom(run.seed)
    try:
        run.rng.set_state(data["rng"])
    except ValueError:
        raise SaveError("the save's random state is not valid", "invalid") from None
    run.tick = run.base_tick = _int(data["tick"], "tick counter", 0)
    run.game_ticks = run.base_game_ticks = _int(data["game_ticks"], "play time", 0, run.tick)
    try:
        story = StoryState.from_data(data["story"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError(f"the save's story state is not valid ({exc})", "invalid") from None
    run.story = story
    seen = data.get("seen", [])
    if len(seen) > MAX_SEEN:
        raise SaveError("the save's seen lines are too many", "invalid")
    union = set(run.seen_at_start) | {str(s) for s in seen}
    run.seen_at_start = tuple(sorted(union))
    run.seen_lines = set(union)
    run.events = []  # splits before the save belong to the run that made it


def _set_fields(obj, data: dict, what: str, skip=()) -> None:
    if not isinstance(data, dict):
        raise SaveError(f"the save's {what} is not valid", "invalid")
    for f in dataclasses.fields(obj):
        if f.name in skip or f.name not in data:
            continue
        value, current = data[f.name], getattr(obj, f.name)
        if isinstance(current, bool):
            if not isinstance(value, bool):
                raise SaveError(f"the save's {what} ({f.name}) is not valid", "invalid")
        elif isinstance(current, int):
            value = _int(value, f"{what} ({f.name})")
        elif isinstance(current, str):
            value = _text(value, f"{what} ({f.name})")
        elif isinstance(current, list):
            if not isinstance(value, list) or len(value) > MAX_ROUTE:
                raise SaveError(f"the save's {what} ({f.name}) is not valid", "invalid")
            try:
                value = [(_int(p[0], what), _int(p[1], what)) for p in value]
            except (TypeError, IndexError, KeyError):
                raise SaveError(f"the save's {what} ({f.name}) is not valid", "invalid") from None
        else:
            continue
        setattr(obj, f.name, value)


def restore_map(ctx, data: dict):
    """An exploration scene on the saved map, with everyone where they were."""
    from game.world.explore import FACING_VECTORS
    from game.world.scene import ExplorationScene, MapLoadError, resolve_map

    name = _text(data.get("name"), "map name")
    try:
        path = resolve_map(Path(ctx.paths.levels), name)
        if path.resolve().parent != Path(ctx.paths.levels).resolve():
            raise MapLoadError(f"{name} is not one of the game's maps")
        explore = ExplorationScene(ctx, path)
    except MapLoadError as exc:
        raise SaveError(f"the saved place cannot be loaded ({exc})", "invalid") from None
    core = explore.core
    core.tick = _int(data.get("tick"), "map tick", 0)
    _set_fields(core.player, data.get("player"), "position")
    npcs = data.get("npcs")
    if not isinstance(npcs, list):
        raise SaveError("the save's people are not valid", "invalid")
    by_name = {n.name: n for n in core.npcs}
    for item in npcs:
        npc = by_name.get(item.get("name")) if isinstance(item, dict) else None
        if npc is not None:
            _set_fields(npc, item, "people", skip=("name",))
    for walker in [core.player, *core.npcs]:
        if walker.facing not in FACING_VECTORS:
            raise SaveError("the save's facing is not valid", "invalid")
    _set_fields(core.fade, data.get("fade"), "door fade")
    if core.fade.phase not in ("none", "in", "out"):
        raise SaveError("the save's door fade is not valid", "invalid")
    for key in ("fired", "inside"):
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
            raise SaveError("the save's triggers are not valid", "invalid")
        setattr(core.triggers, key, set(items))
    core.focus = core._facing_target()
    explore.banner_until = core.tick + 150  # say where Lena is, as on arriving
    return explore


def restore_dialogue(ctx, explore, data: dict):
    from game.dialogue.loader import DialogueError
    from game.dialogue.scene import DialogueScene

    try:
        scene = DialogueScene.from_save(ctx, data, host=explore)
    except (DialogueError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SaveError(f"the saved conversation cannot be restored ({exc})", "invalid") from None
    extra = data.get("scene") or {}
    if not isinstance(extra, dict):
        raise SaveError("the saved conversation is not valid", "invalid")
    scene.restore_view({
        "t": _int(extra.get("t", 0), "conversation"),
        "line_ticks": _int(extra.get("line_ticks", 0), "conversation"),
        "wait_ticks": _int(extra.get("wait_ticks", 0), "conversation"),
        "skip_ticks": _int(extra.get("skip_ticks", 0), "conversation"),
        "menu": None if extra.get("menu") is None else _int(extra["menu"], "conversation", 0, 100),
        "pointer": None if extra.get("pointer") is None else (_int(extra["pointer"][0], "pointer"),
                                                               _int(extra["pointer"][1], "pointer")),
    })
    return scene


def restore_scenes(ctx, state: dict) -> list:
    """The scenes of the saved moment, bottom first (the run must be restored already)."""
    explore = restore_map(ctx, state["map"])
    scenes = [explore]
    if state.get("dialogue"):
        scenes.append(restore_dialogue(ctx, explore, state["dialogue"]))
    elif state.get("minigame"):
        from game.minigames import build_minigame

        spec = _text(state["minigame"], "minigame")
        name, _, encounter = spec.partition(":")
        try:
            scenes.append(build_minigame(ctx, name, encounter, "normal", explore._minigame_done))
        except (KeyError, ValueError, LookupError) as exc:
            raise SaveError(f"the saved minigame cannot be started ({exc})", "invalid") from None
    return scenes


def restore(ctx, body: dict) -> list:
    """Restore the run from a save body and return its scenes, bottom first."""
    state = body["state"]
    try:
        restore_run(ctx, state)
        return restore_scenes(ctx, state)
    except SaveError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise SaveError(f"the save's state is not valid ({type(exc).__name__}: {exc})", "invalid") from None
