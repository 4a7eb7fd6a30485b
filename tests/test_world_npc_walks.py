"""Scripted NPC walks (npc_move from a conversation) never hang because someone stands in the way."""

from __future__ import annotations

from game.core.actions import ActionFrame
from game.story.state import StoryState
from game.world.explore import STUCK_PASS, Exploration, tile_feet
from game.world.model import load_map
from game.world.physics import SUB
from tests.worldmaps import npc, spawn, write_map

CORRIDOR = [
    "############",
    "#..........#",
    "#..........#",
    "#..........#",
    "############",
]
ONE_WIDE = [
    "############",
    "#..........#",
    "############",
]


def walk(core: Exploration, ticks: int) -> None:
    story = StoryState()
    for _ in range(ticks):
        core.step(ActionFrame(), story)


def test_a_scripted_walk_goes_round_lena_when_she_stands_in_the_way(tmp_path):
    objects = "\n".join([spawn("start", 6, 2, 1), npc("jenna", 2, 2, 2)])
    core = Exploration(load_map(write_map(tmp_path, "hall", objects, rows=CORRIDOR)), "start")
    lena = (core.player.x, core.player.y)
    assert core.npc_move("jenna", (9, 2))
    walk(core, 400)
    jenna = core.find_npc("jenna")
    assert (jenna.x, jenna.y) == tile_feet(core.world, 9, 2) and not jenna.route
    assert (core.player.x, core.player.y) == lena  # Lena was never pushed
    assert jenna.stuck == 0


def test_with_no_way_round_she_squeezes_past_instead_of_waiting_forever(tmp_path):
    objects = "\n".join([spawn("start", 6, 1, 1), npc("jenna", 2, 1, 2)])
    core = Exploration(load_map(write_map(tmp_path, "hall", objects, rows=ONE_WIDE)), "start")
    assert core.npc_move("jenna", (9, 1))
    walk(core, STUCK_PASS + 400)
    jenna = core.find_npc("jenna")
    assert (jenna.x // SUB, jenna.y // SUB) == tuple(v // SUB for v in tile_feet(core.world, 9, 1))


def test_wandering_npcs_still_just_wait_for_her(tmp_path):
    objects = "\n".join([spawn("start", 6, 1, 1), npc("jenna", 2, 1, 2, wander="2,1 9,1")])
    core = Exploration(load_map(write_map(tmp_path, "hall", objects, rows=ONE_WIDE)), "start")
    walk(core, STUCK_PASS + 400)
    jenna = core.find_npc("jenna")
    assert jenna.x < core.player.x and jenna.stuck == 0
