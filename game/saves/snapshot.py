"""Capturing a run in progress as save data, and building the same run back from it.

What is kept is everything the state digest covers, so a run loaded from a save goes on bit for bit as it
would have without saving: the tick counters, the seed and the exact state of the run's RNG, the story
state, the map with Lena's and every NPC's position, facing, walk and route, the door fade and the fired
triggers, and an open conversation (the runner's position, taken options, history, the line's reveal and
the choice menu). Menus over the game (pause, save, settings) are not part of it. A minigame is saved at its
start: the conversation that opened it, which opens it again when the save is loaded (every story minigame is
opened by a conversation; one opened straight from a map machine is not saved).

This module wires ``game.saves.format`` to the world and dialogue scenes; it reads and sets their state from
outside, so those packages know nothing about saves.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

from game.saves.format import SaveError

MAX_ROUTE = 4096  # points in an NPC's route
MAX_SEEN = 100_000
MAP_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")  # a map file's stem in levels/
#: what the exploration scene keeps beside the map's core: a conversation cued to open (a chapter's opening),
#: where the camera looks in a staged scene, and which control prompts it has taught
SCENE_KEYS = ("cued", "camera_on", "walked_ticks", "ran", "pause_taught_until")


class NotSaveable(Exception):
    """Nothing that can be saved is running (the title, a practice encounter, a minigame past its start)."""


# finding the game under the menus -----------------------------------------------------------------

def game_scenes(ctx):
    """(exploration scene, conversation or None, minigame scene or None) of the run, or raise ``NotSaveable``."""
    scenes = ctx.scenes.scenes
    # no exploration scene can exist before its module is loaded: a practice run or a replay being verified
    # asks every tick, and need not load the world for the answer
    world = sys.modules.get("game.world.scene")
    if not scenes or world is None or not isinstance(scenes[0], world.ExplorationScene):
        raise NotSaveable("only the story can be saved")
    from game.dialogue.scene import DialogueScene

    explore, dialogue, minigame = scenes[0], None, None
    for scene in scenes[1:]:
        if isinstance(scene, DialogueScene) and scene.host is explore and dialogue is None and minigame is None:
            dialogue = scene
        elif not scene.counts_game_time:
            continue  # a menu over the game: pause, save, settings, history
        elif minigame is None and is_minigame(scene):
            minigame = scene
        else:
            raise NotSaveable("the game cannot be saved at this moment")
    return explore, dialogue, minigame


def is_minigame(scene) -> bool:
    """Whether ``scene`` belongs to a registered minigame (``game.<name>...`` for a name in the registry)."""
    from game.minigames import registry

    parts = type(scene).__module__.split(".")
    return len(parts) > 1 and parts[0] == "game" and parts[1] in registry()


def is_saveable(ctx) -> bool:
    try:
        explore, dialogue, minigame = game_scenes(ctx)
    except NotSaveable:
        return False
    return minigame is None and not waits_on_a_scene(dialogue) and explore.core.fade.phase != "out"


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
    data = {
        "name": core.world.name,
        "tick": core.tick,
        "player": _fields(core.player),
        "npcs": [_fields(npc, skip=("line",)) for npc in core.npcs],
        "fade": _fields(core.fade),
        "fired": sorted(core.triggers.fired),
        "inside": sorted(core.triggers.inside),
    }
    if hasattr(core, "stage"):  # the map's staging: lights, alarm, crowd, shake
        data["stage"] = _fields(core.stage)
    if hasattr(core, "player_route"):  # Lena's scripted walk in a cutscene
        data["player_route"] = _plain(core.player_route)
    if getattr(explore, "_after_arrival", None):
        raise NotSaveable("Lena is going through a door")
    scene = {key: _plain(getattr(explore, key)) for key in SCENE_KEYS if hasattr(explore, key)}
    if scene:
        data["scene"] = scene
    return data


def capture_dialogue(scene) -> dict:
    data = scene.save_data()
    data["scene"] = {"t": scene.t, "line_ticks": scene.line_ticks, "wait_ticks": scene.wait_ticks,
                     "skip_ticks": scene.skip_ticks, "waiting": scene.waiting_for is not None,
                     "wait_left": getattr(scene, "wait_left", 0),
                     "menu": scene.menu.index if scene.menu is not None else None,
                     "pointer": list(scene.menu._pointer) if scene.menu is not None and scene.menu._pointer else None}
    return _plain(data)


def waits_on_a_scene(dialogue) -> bool:
    """Whether a conversation is waiting for a scene it started (a minigame, a chapter card): it can be saved
    only on the tick that scene starts, when loading starts it again; a timed pause (``wait``) is its own."""
    return dialogue is not None and dialogue.waiting_for not in (None, "wait")


def capture_state(ctx, *, minigame_start: bool = False) -> dict:
    """The run's state as JSON-able data. ``minigame_start``: a minigame was pushed this very tick, and the
    save is of its start (otherwise a running minigame makes the game not saveable)."""
    explore, dialogue, minigame = game_scenes(ctx)
    if minigame is not None:
        if not minigame_start:
            raise NotSaveable("a minigame is saved at its start only")
        if not waits_on_a_scene(dialogue):
            raise NotSaveable("only a minigame a conversation started can be saved at its start")
    elif waits_on_a_scene(dialogue):
        raise NotSaveable("the conversation is waiting for something to end")
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
            "play_ticks": ctx.run.game_ticks, "talking": bool(dialogue), "game_version": __version__,
            "difficulty": str(getattr(ctx.run.story, "difficulty", "normal"))}


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
            value = _int(value, f"{what} ({f.name})", 0, 2**31 - 1)  # positions, counters, ticks: never negative
        elif isinstance(current, str):
            value = _text(value, f"{what} ({f.name})")
        elif isinstance(current, list):
            if not isinstance(value, list) or len(value) > MAX_ROUTE:
                raise SaveError(f"the save's {what} ({f.name}) is not valid", "invalid")
            try:
                value = [_pair(p, what) for p in value]
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
    if not MAP_NAME.fullmatch(name):
        raise SaveError(f"the saved place {name!r} is not the name of a map", "invalid")
    try:
        path = resolve_map(Path(ctx.paths.levels), name)
        if path.resolve().parent != Path(ctx.paths.levels).resolve():
            raise MapLoadError(f"{name} is not one of the game's maps")
        explore = ExplorationScene(ctx, path)
    except MapLoadError as exc:
        raise SaveError(f"the saved place cannot be loaded ({exc})", "invalid") from None
    core = explore.core
    if hasattr(core, "story"):
        core.story = ctx.run.story  # who is on the map follows the story: the restored one
    core.tick = _int(data.get("tick"), "map tick", 0)
    _set_fields(core.player, data.get("player"), "position")
    core.npcs = restore_people(core, data.get("npcs"))
    for walker in [core.player, *core.npcs]:
        if walker.facing not in FACING_VECTORS:
            raise SaveError("the save's facing is not valid", "invalid")
    if "player_route" in data and hasattr(core, "player_route"):
        core.player_route = _points(data["player_route"], "Lena's walk")
    if "stage" in data and hasattr(core, "stage"):
        _set_fields(core.stage, data["stage"], "staging")
        _check_stage(core.stage)
    _check_on_map(core)
    restore_scene_keys(ctx, explore, data.get("scene", {}))
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


def _pair(value, what: str) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise SaveError(f"the save's {what} is not valid", "invalid")
    return _int(value[0], what), _int(value[1], what)


def _points(value, what: str) -> list[tuple[int, int]]:
    if not isinstance(value, list) or len(value) > MAX_ROUTE:
        raise SaveError(f"the save's {what} is not valid", "invalid")
    try:
        return [_pair(p, what) for p in value]
    except (TypeError, IndexError, KeyError):
        raise SaveError(f"the save's {what} is not valid", "invalid") from None


def restore_people(core, saved) -> list:
    """The people on the map, exactly as saved (who is there, in which order, where, walking where): each is
    made from their map object again (by its id, else by name) and then given their saved state."""
    from game.world import model

    poses = getattr(model, "POSES", None)  # how people stand or sit, where the map knows poses
    if not isinstance(saved, list) or len(saved) > 1000:
        raise SaveError("the save's people are not valid", "invalid")
    objects = core.world.by_kind("npc")
    by_id = {o.id: o for o in objects}
    people = []
    for item in saved:
        if not isinstance(item, dict):
            raise SaveError("the save's people are not valid", "invalid")
        placement = item.get("placement")
        obj = by_id.get(placement) if type(placement) is int else None
        if obj is None:
            obj = next((o for o in objects if o.name == item.get("name")), None)
        if obj is None:
            continue  # someone the map no longer has (the content changed since the save)
        npc = core._make_npc(obj)
        _set_fields(npc, item, "people", skip=("name",))
        if poses is not None and getattr(npc, "pose", None) not in poses:
            raise SaveError("the save's pose is not valid", "invalid")
        if getattr(npc, "rest_facing", "") not in ("", "down", "up", "left", "right"):
            raise SaveError("the save's facing is not valid", "invalid")
        people.append(npc)
    return people


def restore_scene_keys(ctx, explore, saved) -> None:
    if not isinstance(saved, dict):
        raise SaveError("the save's map scene is not valid", "invalid")
    for key in SCENE_KEYS:
        if key not in saved or not hasattr(explore, key):
            continue
        value, current = saved[key], getattr(explore, key)
        if key == "cued":
            if value is not None:
                from game.dialogue.scene import shared_dialogue

                if not isinstance(value, str) or value not in shared_dialogue(ctx).nodes:
                    raise SaveError("the save's next conversation is not one the game has", "invalid")
        elif key == "camera_on":
            if value is not None and (not isinstance(value, str) or value not in explore.world.spawns()):
                raise SaveError("the save's camera is not valid", "invalid")
        elif isinstance(current, bool):
            if not isinstance(value, bool):
                raise SaveError(f"the save's {key} is not valid", "invalid")
        else:
            value = _int(value, key, 0, 2**31 - 1)
        setattr(explore, key, value)


def _check_on_map(core) -> None:
    """Everyone, and every point of every walk, lies on the map; the door fade is one the game can be in."""
    from game.world.physics import SUB

    width, height = core.world.pixel_size
    limit_x, limit_y = width * SUB, height * SUB
    points = [(w.x, w.y) for w in (core.player, *core.npcs)]
    for walker in core.npcs:
        points += walker.route
        if walker.route and not 0 <= walker.route_index < len(walker.route):
            raise SaveError("the save's walking routes are not valid", "invalid")
    points += getattr(core, "player_route", [])
    if any(not (0 <= x < limit_x and 0 <= y < limit_y) for x, y in points):
        raise SaveError("the save puts someone off the map", "invalid")
    from game.world.explore import FADE_TICKS

    if not 0 <= core.fade.ticks <= FADE_TICKS:
        raise SaveError("the save's door fade is not valid", "invalid")


def _check_stage(stage) -> None:
    from game.world import stage as staging

    if stage.lights not in staging.LIGHT_MODES or stage.crowd not in staging.CROWD_MOODS:
        raise SaveError("the save's staging is not valid", "invalid")


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
        "wait_left": _int(extra.get("wait_left", 0), "conversation"),
        "menu": None if extra.get("menu") is None else _int(extra["menu"], "conversation", 0, 100),
        "pointer": None if extra.get("pointer") is None else _pair(extra["pointer"], "pointer"),
    })
    return scene


def restore_scenes(ctx, state: dict) -> list:
    """The scenes of the saved moment, bottom first (the run must be restored already)."""
    explore = restore_map(ctx, state["map"])
    scenes = [explore]
    if state.get("dialogue"):
        talk = restore_dialogue(ctx, explore, state["dialogue"])
        scenes.append(talk)
        if hasattr(explore, "_lift"):  # the camera already framed over the box, as it was (drawing only)
            explore._lift = int(getattr(talk, "covers_bottom", 0) or 0)
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
