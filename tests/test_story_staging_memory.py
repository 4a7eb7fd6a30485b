"""A map keeps its staging while Lena is elsewhere; a run begun at a chapter shows its card; the opening walk."""

from __future__ import annotations

from game.app.boot import BootOptions, boot
from game.core.run import StartPoint
from game.dialogue.runner import LineEvent
from game.story.scenes import ChapterCardScene
from game.story.state import StoryState
from game.world.physics import SUB
from game.world.scene import ExplorationScene
from game.world.stage import LEAVE_WALK
from tests.story_driver import Driver


def start(point: StartPoint):
    game = boot(BootOptions(start=point, seed=3, headless=True, persist=False))
    return game, Driver(game)


def go(scene: ExplorationScene, name: str, spawn: str) -> None:
    scene.change_map(name, spawn)
    assert scene.world.name == name


def test_a_blacked_out_clinic_is_still_dark_when_lena_walks_back_in():
    game, d = start(StartPoint.of("map", map="clinic", spawn="start", chapter=3))
    scene = d.explore
    scene.dialogue_command("lights", {"mode": "off"})
    scene.dialogue_command("alarm", {"state": "on"})
    go(scene, "street", "from_clinic")
    assert scene.core.stage.lights == "on" and not scene.core.stage.alarm  # the blackout stays inside
    d.idle(30)
    go(scene, "clinic", "from_street")
    stage = scene.core.stage
    assert stage.lights == "off" and stage.emergency and stage.alarm
    assert game.ctx.run.story.stages["street"]["lights"] == "on"


def test_an_emptied_hall_is_empty_when_lena_comes_back_not_emptying_again():
    game, d = start(StartPoint.of("map", map="debate_hall", spawn="start", chapter=3))
    scene = d.explore
    scene.dialogue_command("crowd", {"mood": "leave"})
    go(scene, "street", "from_hall")
    go(scene, "debate_hall", "from_street")
    stage = scene.core.stage
    assert stage.crowd == "leave" and all(stage.leaving(k, 40) >= LEAVE_WALK for k in range(40))


def test_a_chapter_time_skip_lights_every_map_again():
    game, d = start(StartPoint.of("map", map="clinic", spawn="start", chapter=3))
    scene = d.explore
    scene.dialogue_command("lights", {"mode": "off"})
    go(scene, "street", "from_clinic")
    assert game.ctx.run.story.stages["clinic"]["lights"] == "off"
    scene.place("clinic", "start")  # what a chapter card does at full black
    assert scene.core.stage.lights == "on" and game.ctx.run.story.stages == {}


def test_the_remembered_staging_is_saved_with_the_story_and_old_saves_still_load():
    story = StoryState(chapter=3)
    story.stages["clinic"] = {"lights": "off", "emergency": True, "alarm": True, "crowd": "seated"}
    data = story.to_data()
    again = StoryState.from_data(data)
    assert again.stages == story.stages and again.state_bytes() == story.state_bytes()
    assert StoryState().state_bytes() != story.state_bytes()
    old = {k: v for k, v in data.items() if k != "stages"}
    assert StoryState.from_data(old).stages == {}
    assert "stages" not in StoryState().to_data()  # nothing new in a save that never left a staged map
    odd = StoryState.from_data({**data, "stages": {"clinic": {"lights": 3, "alarm": True, "mystery": 1}}})
    assert odd.stages == {"clinic": {"alarm": True}}


def test_a_run_begun_at_a_chapter_opens_on_its_title_card_then_its_scene():
    game, d = start(StartPoint.of("chapter", chapter=2))
    assert isinstance(d.top, ChapterCardScene) and d.top.chapter.id == 2 and d.top.phase == "hold"
    d.wait_for(lambda: isinstance(d.top, ExplorationScene), 600, "the card to end")
    assert game.ctx.story.objective().chapter == 2
    game, d = start(StartPoint.of("chapter", chapter=4))
    assert isinstance(d.top, ChapterCardScene) and d.top.chapter.id == 4
    d.wait_for(lambda: d.dialogue is not None, 600, "the epilogue to open after the card")
    assert d.dialogue.runner.node == "epilogue"


def test_the_opening_walks_lena_into_the_dark_clinic_before_anyone_speaks():
    game, d = start(StartPoint.of("new-game", difficulty="normal"))
    scene = d.explore
    assert not isinstance(d.top, ChapterCardScene)  # the opening shows chapter 1's card itself, lights on
    spawns = scene.world.spawns()
    door, lobby = spawns["from_street"].feet, spawns["lobby"].feet
    assert abs(lobby[1] - door[1]) >= 5 * 16  # a real walk in, not a step
    assert (scene.core.player.x // SUB, scene.core.player.y // SUB) == door
    d.wait_for(lambda: d.dialogue is not None and isinstance(d.dialogue.event, LineEvent), 600, "the first line")
    assert scene.core.player.feet == lobby and scene.core.stage.lights == "off"


def test_in_the_bridge_ending_mr_okafor_sits_in_chair_one():
    from pathlib import Path

    from game.world.explore import Exploration
    from game.world.model import load_map
    from game.world.scene import SEAT_REACH, seat_for

    world = load_map(Path(__file__).resolve().parents[1] / "levels" / "clinic.tmx")
    story = StoryState(chapter=4, flags={"ending_bridge"})
    core = Exploration(world, "treatment_1", story)
    okafor_npc = next(o for o in world.by_kind("npc") if o.prop("dialogue") == "patient_okafor_chat")
    okafor = [o for o in world.by_kind("prop") if o.prop("who") == okafor_npc.prop("who") and core.present(o, story)]
    assert len(okafor) == 1 and okafor[0].prop("pose") == "seated"
    chair_one = world.by_kind("seat")
    seat = seat_for(okafor[0].feet, [s.feet for s in chair_one])
    assert seat == next(s.feet for s in chair_one if s.name == "chair_one_seat")
    assert (seat[0] - okafor[0].feet[0]) ** 2 + (seat[1] - okafor[0].feet[1]) ** 2 <= SEAT_REACH ** 2
    assert not core.present(okafor[0], StoryState(chapter=4, flags={"ending_crossroads"}))


def test_npc_turn_lena_turns_lena_herself():
    from pathlib import Path

    from game.world.explore import Exploration
    from game.world.model import load_map

    core = Exploration(load_map(Path(__file__).resolve().parents[1] / "levels" / "debate_hall.tmx"), "stage",
                       StoryState(chapter=3))
    assert core.npc_turn("lena", "left") and core.player.facing == "left"
    assert not core.npc_turn("lena", "sideways") and core.player.facing == "left"


def test_the_pause_key_works_while_the_opening_plays_itself():
    from game.core.actions import Action
    from game.scenes.pause import PauseScene

    game, d = start(StartPoint.of("new-game", difficulty="normal"))
    d.wait_for(lambda: d.dialogue is not None and d.dialogue.waiting_for == "wait", 120, "the opening's walk-in")
    left = d.dialogue.wait_left
    d.press(Action.PAUSE)
    assert isinstance(d.top, PauseScene)
    d.idle(30)  # paused: the walk-in waits too
    d.press(Action.PAUSE)
    assert d.dialogue is not None and d.dialogue.waiting_for == "wait" and d.dialogue.wait_left >= left - 3
