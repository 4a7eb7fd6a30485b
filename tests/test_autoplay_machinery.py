"""The autoplayer's parts on the shipped maps: paths, doors between maps, walking up to people and machines.

The objectives here are given by the test (the story's own objectives drive the whole-game tests in
``test_autoplay_game.py``), and the maps' objects are found by kind, so these tests hold for any map an
editor draws: every door of every map can be walked through, every NPC talked to, every machine used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from game.app.boot import BootOptions, boot
from game.autoplay.planner import MapGraph, bfs
from game.autoplay.player import AutoPlayer, scene_kind
from game.autoplay.routes import ROUTES, route
from game.core.run import StartPoint
from game.world.model import load_map

LEVELS = Path(__file__).resolve().parent.parent / "levels"
MAPS = {load_map(p).name: load_map(p) for p in sorted(LEVELS.glob("*.tmx"))}


@dataclass(frozen=True)
class Goal:
    id: str
    target: str
    map: str
    text: str = ""
    hint: str = ""


def fixed(goal):
    return lambda ctx: goal


def start_on(map_name: str, goal: Goal, seed: int = 1):
    bot = AutoPlayer(route(0), objectives=fixed(goal))
    game = boot(BootOptions(start=StartPoint.of("map", map=map_name), seed=seed, headless=True, persist=False),
                source=bot)
    return game, bot


# pure planning ------------------------------------------------------------------------------------------
def test_the_player_and_its_planner_never_import_pygame():
    import subprocess
    import sys

    code = ("import sys; import game.autoplay.player, game.autoplay.planner, game.autoplay.routes, "
            "game.autoplay.pilots; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False", out.stdout + out.stderr


def test_a_path_goes_round_a_wall_and_is_the_same_every_time():
    passable = {(x, y) for x in range(5) for y in range(5)} - {(2, 0), (2, 1), (2, 2), (2, 3)}
    path = bfs((0, 0), {(4, 0)}, passable)
    assert path[0] == (0, 0) and path[-1] == (4, 0) and (2, 4) in path
    assert all(abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1 for a, b in zip(path, path[1:], strict=False))
    assert path == bfs((0, 0), {(4, 0)}, passable)
    assert bfs((0, 0), {(4, 0)}, passable - {(2, 4)}) is None


def test_the_doors_join_every_shipped_map_to_every_other():
    graph = MapGraph.load(LEVELS)
    for here in MAPS:
        for there in MAPS:
            doors = graph.doors_to(here, there)
            assert doors is not None, f"no way from {here} to {there} through doors"
            assert len(doors) <= len(MAPS) - 1


def test_routes_answer_differently_and_leave_a_menu_that_comes_back():
    firsts = {n: r.choose(3, 0, 1) for n, r in ROUTES.items()}
    assert len({firsts[0], firsts[1], firsts[2]}) >= 2
    for r in ROUTES.values():
        for options in (2, 3):
            # the menu comes back with other menus in between or none: every answer is taken in the end
            for asked_step in (1, 2, 3):
                first = r.choose(options, 0, 4)
                taken = {first} | {r.choose(options, seen, 4 + asked_step * seen, first=first)
                                   for seen in range(1, options)}
                assert taken == set(range(options)), f"route {r.number} keeps taking the same answer"
    with pytest.raises(ValueError):
        route(9)


def test_a_route_that_gave_up_a_minigame_goes_on_and_one_that_loses_everything_tries_again():
    assert route(2).loses("spectra:full-dive") and not route(2).loses("swarm:tutorial")
    assert route(2).choose(2, 0, 0, after_loss=True) == 1  # "Malik: hard reboot", not "Dive again"
    assert route(3).loses("swarm:tutorial") and route(3).choose(2, 0, 1, after_loss=True) == 0
    assert not any(route(n).loses("spectra:full-dive") for n in (0, 1))


# walking the real maps ------------------------------------------------------------------------------------
DOORS = [(m, d.name, str(d.prop("target_map"))) for m, w in MAPS.items() for d in w.by_kind("door")]


@pytest.mark.parametrize("map_name,door,target", DOORS)
def test_the_autoplayer_walks_through_every_door_and_arrives_on_its_map(map_name, door, target):
    game, bot = start_on(map_name, Goal(f"leave-by-{door}", door, map_name))
    explore = game.ctx.scenes.top
    for _ in range(4000):
        game.step(bot.next_frame())
        if explore.world.name == target and explore.core.fade.phase == "none":
            break
    assert bot.state == "playing", bot.failure
    assert explore.world.name == target, f"Lena is still on {explore.world.name}"


def present(map_name: str, chapter: int) -> list[tuple[str, str]]:
    """(name, dialogue node) of every NPC and machine present on the map in that chapter (the story stages
    people by chapter and flags), as the exploration core has them."""
    game = boot(BootOptions(start=StartPoint.of("map", map=map_name, chapter=chapter), seed=1, headless=True,
                            persist=False))
    core = game.ctx.scenes.top.core
    found = [(n.name, n.dialogue) for n in core.npcs if n.dialogue]
    found += [(m.name, str(m.prop("dialogue") or "")) for m in core.machines
              if m.prop("dialogue") or m.prop("minigame")]
    return found


@pytest.mark.parametrize("map_name,chapter", [(m, c) for m in MAPS for c in (1, 2, 3)])
def test_the_autoplayer_walks_up_to_every_npc_and_machine_and_uses_it(map_name, chapter):
    targets = present(map_name, chapter)
    for target, node in targets:
        bot = AutoPlayer(route(0), objectives=fixed(Goal(f"use-{target}", target, map_name)))
        game = boot(BootOptions(start=StartPoint.of("map", map=map_name, chapter=chapter), seed=7, headless=True,
                                persist=False), source=bot)
        explore = game.ctx.scenes.top
        opened = []  # conversations a trigger on the way starts are read through; the target's must come
        for _ in range(6000):
            game.step(bot.next_frame())
            top = game.ctx.scenes.top
            if top is not explore and scene_kind(top) in ("dialogue", "swarm", "spectra") and \
                    (not opened or opened[-1] is not top):
                opened.append(top)
                if scene_kind(top) != "dialogue" or not node or top.node_id == node:
                    break
        assert bot.state == "playing", bot.failure
        assert opened, f"using {target} on {map_name} opened nothing"
        if node and scene_kind(opened[-1]) == "dialogue":
            assert opened[-1].node_id == node, [getattr(o, "node_id", o) for o in opened]
        # she did it by walking: still on the map she started on, facing what she used
        assert explore.world.name == map_name and explore.core.focus is not None


# reading pace (the attract demo) -------------------------------------------------------------------------
def read_through(pace: str) -> tuple[int, int]:
    """Play a waiting-room patient's chat at ``pace``; (ticks it took, Confirm presses made on a line that was
    still typing out, cutting it short)."""
    from game.core.actions import Action

    bot = AutoPlayer(route(0), pace=pace)
    game = boot(BootOptions(start=StartPoint.of("dialogue", node="patient_okafor_chat"), seed=3, headless=True,
                            persist=False), source=bot)
    cut_short = 0
    talk = None
    for tick in range(20000):
        top = game.ctx.scenes.top
        if scene_kind(top) == "dialogue":
            talk = top
        elif talk is not None:
            return tick, cut_short
        typing = talk is not None and hasattr(talk.event, "line") and not talk.line_complete
        frame = bot.next_frame()
        if typing and frame.was_pressed(Action.CONFIRM):
            cut_short += 1
        game.step(frame)
    raise AssertionError("the conversation never ended")


def test_at_reading_pace_every_line_types_out_in_full_before_the_player_moves_on():
    fast_ticks, fast_cut = read_through("fast")
    reading_ticks, reading_cut = read_through("reading")
    assert fast_cut > 0 and reading_cut == 0
    assert reading_ticks > 4 * fast_ticks
    with pytest.raises(ValueError):
        AutoPlayer(route(0), pace="skim")
