"""Talking to people and using machines is forgiving: a probe a little wider than Lena, nearest target wins."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.actions import Action, ActionFrame
from game.story.state import StoryState
from game.world.explore import Exploration, Npc, interaction_target, probe_rect
from game.world.model import MapObject, load_map
from game.world.physics import SUB
from tests.worldmaps import npc, spawn, write_map


def person(name: str, x: int, y: int) -> Npc:
    return Npc(x * SUB, y * SUB, "down", name=name, who="malik", dialogue="hello")


def machine(name: str, x: int, y: int, w: int, h: int) -> MapObject:
    return MapObject(id=1, kind="machine", name=name, x=x, y=y, w=w, h=h, shape="rect", points=(),
                     properties={}, line=1)


def overlaps(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def test_side_by_side_a_few_pixels_off_his_row_still_talks():
    # feet boxes touching side by side (10 px apart), Lena up to several pixels above or below his row
    for off in range(-8, 9):
        malik = person("malik", 110, 100)
        assert interaction_target((100, 100 + off), "right", [malik], []) is malik, off
        assert interaction_target((120, 100 + off), "left", [malik], []) is malik, off


def test_above_or_below_a_few_pixels_off_his_column_still_talks():
    for off in range(-9, 10):
        malik = person("malik", 100, 100)
        assert interaction_target((100 + off, 94), "down", [malik], []) is malik, off
        assert interaction_target((100 + off, 106), "up", [malik], []) is malik, off


def test_nobody_behind_beside_or_far_away_is_picked():
    malik = person("malik", 110, 100)
    assert interaction_target((100, 100), "left", [malik], []) is None  # behind her
    assert interaction_target((100, 100), "up", [malik], []) is None  # beside her, she looks away
    assert interaction_target((70, 100), "right", [malik], []) is None  # 40 px off: too far
    assert interaction_target((100, 130), "right", [malik], []) is None  # two rows down


def test_the_nearest_of_two_wins_and_ties_are_stable():
    near, far = person("near", 110, 104), person("far", 114, 96)
    assert interaction_target((100, 100), "right", [far, near], []) is near
    # two at the same distance either side of her line: the first in map order, every time
    a, b = person("a", 111, 95), person("b", 111, 106)  # 3 px above and below the middle of her body
    picks = {interaction_target((100, 100), "right", [a, b], []).name for _ in range(5)}
    assert picks == {"a"}


def test_a_person_beats_a_machine_at_the_same_distance_and_a_nearer_machine_beats_a_person():
    desk = machine("desk", 105, 80, 32, 14)  # a desk just above-right of Lena
    malik = person("malik", 110, 100)
    assert interaction_target((100, 100), "right", [malik], [desk]) is malik
    assert interaction_target((100, 100), "up", [malik], [desk]) is desk


@settings(max_examples=300, deadline=None)
@given(st.integers(-40, 40), st.integers(-40, 40), st.sampled_from(["down", "left", "right", "up"]))
def test_a_pick_is_always_in_front_and_inside_the_probe(dx, dy, facing):
    malik = person("malik", 100 + dx, 100 + dy)
    got = interaction_target((100, 100), facing, [malik], [])
    nx, ny = malik.feet
    if got is None:
        return
    assert overlaps(probe_rect((100, 100), facing), (nx - 5, ny - 6, 10, 6))
    ahead = {"right": nx - 100, "left": 100 - nx, "down": ny - 100, "up": 100 - ny}[facing]
    assert ahead > 0


def test_standing_next_to_malik_off_his_row_shows_the_prompt_and_talks(tmp_path):
    objects = "\n".join([spawn("start", 2, 3, 1), npc("malik", 6, 3, 2, dialogue="malik_tour")])
    world = load_map(write_map(tmp_path, "room", objects))
    story = StoryState()
    for off in (-7, -5, 0, 5, 7):
        core = Exploration(world, "start")
        mx, my = core.find_npc("malik").feet
        # feet boxes side by side, her feet ``off`` pixels below his row (the old one-line probe missed 5 and 7)
        core.player.x, core.player.y, core.player.facing = (mx - 10) * SUB, (my + off) * SUB, "right"
        core.step(ActionFrame(), story)
        assert core.focus is not None and core.focus.name == "malik", off
        events = core.step(ActionFrame(0, Action.CONFIRM), story)
        assert [(e.kind, e.value) for e in events] == [("dialogue", "malik_tour")]
        assert core.find_npc("malik").facing == "left"


def test_a_machine_is_reached_from_a_bit_to_the_side():
    console = machine("console", 48, 32, 16, 16)
    # right under it, then with only her shoulder under it: her feet 6 px right of its right edge
    assert interaction_target((56, 54), "up", [], [console]) is console
    assert interaction_target((70, 54), "up", [], [console]) is console
    assert interaction_target((80, 54), "up", [], [console]) is None  # a whole step to the side
    # standing beside a desk and looking up past it does not use it
    desk = machine("desk", 80, 40, 32, 20)
    assert interaction_target((74, 58), "up", [], [desk]) is None
    assert interaction_target((74, 58), "right", [], [desk]) is desk


def test_lena_keeps_a_little_room_from_the_people_she_walks_into(tmp_path):
    """Feet boxes are small; without personal space she would stand half inside someone's sprite."""
    from game.world.explore import PERSONAL_SPACE

    objects = "\n".join([spawn("start", 2, 5, 1), npc("malik", 2, 2, 2)])
    world = load_map(write_map(tmp_path, "room", objects))
    story = StoryState()
    core = Exploration(world, "start")
    mx, my = core.find_npc("malik").feet
    for _ in range(90):
        core.step(ActionFrame(Action.UP), story)
    assert core.player.feet == (mx, my + 6 + PERSONAL_SPACE[1])  # her feet box's top, then the gap
    assert core.focus is not None and core.focus.name == "malik"  # and he is still in reach
    core = Exploration(world, "start")
    core.player.x, core.player.y = (mx + 40) * SUB, my * SUB
    for _ in range(90):
        core.step(ActionFrame(Action.LEFT), story)
    assert core.player.feet == (mx + 10 + PERSONAL_SPACE[0], my)
    assert core.focus is not None and core.focus.name == "malik"
