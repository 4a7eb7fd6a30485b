"""The story layer and the staging it drives: who is on a map when, the lights, the crowd, the commands."""

from __future__ import annotations

import pytest

from game.core.outcome import Outcome
from game.core.run import StartPoint
from game.dialogue.commands import check_args
from game.story.state import StoryState
from game.world.explore import Exploration
from game.world.model import load_map
from game.world.physics import SUB
from game.world.stage import DARK, LEAVE_TICKS, ROOM_STEP, Staging
from tests.worldmaps import npc, spawn, write_map


# the staging state ---------------------------------------------------------------------------------------
def test_after_a_blackout_the_rooms_light_up_one_by_one_in_order():
    stage = Staging()
    stage.set_lights("off")
    assert stage.emergency and stage.room_dark(0) == stage.room_dark(3) == DARK["off"]
    stage.set_lights("on")
    for _ in range(ROOM_STEP + 6):
        stage.step()
    assert stage.room_dark(0) == 0 and stage.room_dark(1) > 0 and stage.room_dark(3) == DARK["off"]
    for _ in range(ROOM_STEP * 4):
        stage.step()
    assert stage.room_dark(3) == 0


def test_a_night_without_power_is_not_an_emergency_and_the_alarm_repeats():
    stage = Staging()
    stage.set_lights("off", emergency=False)
    assert not stage.emergency
    stage.set_alarm(True)
    sounds = [s for _ in range(160) for s in stage.step()]
    assert sounds.count("alarm") == 3  # every 75 ticks, from the first
    stage.set_alarm(False)
    assert "alarm" not in [s for _ in range(100) for s in stage.step()]


def test_the_hall_empties_from_the_back_and_stays_empty():
    stage = Staging()
    stage.set_crowd("leave")
    assert stage.leaving(0, 10) == -1 and stage.leaving(9, 10) == 0  # the back row (last) stands first
    for _ in range(LEAVE_TICKS):
        stage.step()
    assert all(stage.leaving(k, 10) >= 60 for k in range(10))
    stage.set_crowd("murmur")
    assert stage.crowd == "leave"


def test_staging_survives_a_save():
    stage = Staging()
    stage.set_lights("off")
    stage.set_alarm(True)
    stage.set_crowd("gasp")
    again = Staging.from_data(stage.to_data())
    assert (again.lights, again.emergency, again.alarm, again.crowd) == ("off", True, True, "gasp")


# who is on the map ---------------------------------------------------------------------------------------
def cast_map(tmp_path):
    objects = "\n".join([
        spawn("start", 1, 1, 1), spawn("door", 8, 6, 2),
        npc("malik", 2, 3, 3, when="not toured"),
        npc("malik", 7, 2, 4, when="toured", facing="left"),
        npc("jenna", 5, 5, 5, when="arrived", enter="door"),
    ])
    return load_map(write_map(tmp_path, "cast", objects))


def test_people_are_where_their_when_says_and_walk_to_a_new_placement(tmp_path):
    world = cast_map(tmp_path)
    story = StoryState()
    core = Exploration(world, "start", story)
    assert [n.name for n in core.npcs] == ["malik"]
    malik = core.find_npc("malik")
    assert malik.feet == (2 * 16 + 8, 3 * 16 + 14)
    story.set_flag("toured")
    core.sync_cast(story)
    assert core.find_npc("malik") is malik and malik.route  # the same person, walking over
    from game.core.actions import ActionFrame

    for _ in range(600):
        core.step(ActionFrame(), story)
    assert malik.feet == (7 * 16 + 8, 2 * 16 + 14) and malik.facing == "left"


def test_someone_who_arrives_walks_in_from_their_enter_spawn(tmp_path):
    world = cast_map(tmp_path)
    story = StoryState()
    core = Exploration(world, "start", story)
    story.set_flag("arrived")
    core.sync_cast(story)
    jenna = core.find_npc("jenna")
    assert jenna.feet == (8 * 16 + 8, 6 * 16 + 14) and jenna.route
    # arriving on a map where she already is: she is simply there
    again = Exploration(world, "start", story)
    assert again.find_npc("jenna").feet == (5 * 16 + 8, 5 * 16 + 14)


def test_someone_walked_out_by_a_cutscene_leaves_when_they_get_there(tmp_path):
    world = cast_map(tmp_path)
    story = StoryState()
    story.set_flag("arrived")
    core = Exploration(world, "start", story)
    assert core.npc_move("jenna", "door")
    story.set_flag("arrived", False)
    core.sync_cast(story)
    assert core.find_npc("jenna") is not None  # still walking out
    from game.core.actions import ActionFrame

    for _ in range(400):
        core.step(ActionFrame(), story)
    assert core.find_npc("jenna") is None


def test_lena_walks_to_a_spawn_in_a_cutscene(tmp_path):
    world = cast_map(tmp_path)
    core = Exploration(world, "start", StoryState())
    assert core.player_move("door") and not core.player_move("nowhere")
    from game.core.actions import ActionFrame

    for _ in range(400):
        core.step(ActionFrame(), StoryState())
    assert core.player.feet == (8 * 16 + 8, 6 * 16 + 14) and not core.player_route
    assert core.player.x % SUB == 0


# commands ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,value,expected", [("lights", True, {"mode": "on"}), ("lights", False, {"mode": "off"}),
                                                 ("alarm", True, {"state": "on"}), ("credits", True, {"show": True}),
                                                 ("wait", 90, {"ticks": 90}), ("shake", 20, {"ticks": 20}),
                                                 ("ending", "reboot", {"name": "reboot"})])
def test_staging_commands_take_their_shorthand_and_a_bare_yaml_on_or_off(name, value, expected):
    assert check_args(name, value) == (expected, [])


@pytest.mark.parametrize("name,value", [("wait", 0), ("wait", 99999), ("credits", False), ("ending", "happy"),
                                        ("pose", {"npc": "jenna", "pose": "flying"}), ("crowd", "cheer")])
def test_bad_staging_commands_are_reported(name, value):
    args, problems = check_args(name, value)
    assert args is None and problems


# the director ----------------------------------------------------------------------------------------------
def test_the_story_layer_decides_the_ending_when_the_epilogue_begins(booted):
    game = booted(StartPoint.of("map", map="clinic", spawn="start", chapter=3, flags="simon_respect=3,debate_score=2"))
    story = game.ctx.story
    story.enter_chapter(4)
    assert game.ctx.run.story.has("ending_bridge") and not game.ctx.run.story.has("ending_crossroads")
    game.ctx.run.story.set_flag("hard_reboot")
    assert story.decide_ending() == "reboot"
    assert [f for f in game.ctx.run.story.flags if f.startswith("ending_")] == ["ending_reboot"]
    story.record_ending("reboot")
    assert game.ctx.run.story.ending == "reboot"


def test_the_credits_close_the_last_chapter_and_go_back_to_the_title(booted):
    from game.scenes.title import TitleScene
    from game.story.scenes import CreditsScene

    game = booted(StartPoint.of("map", map="clinic", spawn="start", chapter=4))
    assert game.ctx.story.command(None, "credits", {"show": True}) == "credits"
    assert isinstance(game.ctx.scenes.top, CreditsScene) and game.ctx.run.story.has("game_over")
    assert [e[2] for e in game.ctx.run.events] == ["chapter-4"]
    from game.core.actions import ActionFrame

    for _ in range(20000):
        if isinstance(game.ctx.scenes.top, TitleScene):
            break
        game.step(ActionFrame())
    assert isinstance(game.ctx.scenes.top, TitleScene)


def test_grades_add_up_for_the_epilogue_and_losses_add_nothing(booted):
    game = booted(StartPoint.of("map", map="clinic", spawn="start"))
    story = game.ctx.story
    story._record_outcome(Outcome("swarm", "tutorial", True, 900, 100, "S"))
    story._record_outcome(Outcome("swarm", "malfunction", True, 500, 100, "B"))
    story._record_outcome(Outcome("spectra", "first-layer", False, 0, 100, "C"))
    assert game.ctx.run.story.counter("grade_points") == 4


def test_objective_hint_and_journal_follow_the_story(booted):
    game = booted(StartPoint.of("map", map="street", spawn="from_clinic", chapter=1))
    story = game.ctx.story
    objective = story.objective()
    assert objective.id == "greet_malik" and objective.map == "clinic" and objective.target == "malik"
    assert "follow the arrow to the door" in story.hint("street")
    game.ctx.run.story.set_flag("tour_reception")
    journal = story.journal()
    assert journal.objective.id == "tour_treatment" and journal.done == ("Said good morning to Malik.",)
    assert journal.title == "A new patient" and journal.difficulty == "normal"
    story.set_difficulty("hard")
    assert story.minigame_difficulty() == "hard" and story.minigame_difficulty("easy") == "easy"
    with pytest.raises(ValueError):
        story.set_difficulty("nightmare")


def test_a_change_of_chapter_shows_its_card_and_places_lena_where_it_begins(booted):
    from game.story.scenes import ChapterCardScene
    from game.world.scene import ExplorationScene

    game = booted(StartPoint.of("map", map="clinic", spawn="office", chapter=2, flags="found_tamper"))
    scene = game.ctx.scenes.top
    assert isinstance(scene, ExplorationScene)

    class Talk:
        host = scene
        resumed = []

        def resume_after(self, outcome):
            self.resumed.append(outcome)

    talk = Talk()
    assert game.ctx.story.command(talk, "end_chapter", {"chapter": 2}) == "chapter-card:3"
    card = game.ctx.scenes.top
    assert isinstance(card, ChapterCardScene) and card.chapter.title == "The debate"
    game.run_headless(400)
    assert talk.resumed == [None] and game.ctx.run.story.chapter == 3
    assert scene.world.name == "street" and scene.core.player.feet == scene.world.spawns()["from_clinic"].feet


def test_a_new_game_with_the_difficulty_chosen_in_the_menu_replays_the_same(tmp_path):
    from game.core.actions import Action, ActionFrame
    from tests.replay_support import record_and_verify

    press = [ActionFrame(Action.DOWN, Action.DOWN), ActionFrame(), ActionFrame(Action.CONFIRM, Action.CONFIRM)]
    frames = press + [ActionFrame()] * 90 + [ActionFrame(Action.CONFIRM, Action.CONFIRM), ActionFrame()] * 20
    replay, verdict = record_and_verify(StartPoint.of("new-game"), frames, tmp_path)
    assert verdict.ok and StartPoint.from_json(replay.header.start_json) == StartPoint.of("new-game")


def test_a_damaged_chapters_file_leaves_the_game_playable_without_objectives(booted, tmp_path, monkeypatch):
    from game.story.director import Story

    game = booted(StartPoint.of("map", map="clinic", spawn="start"))
    bad = tmp_path / "dialogue"
    bad.mkdir()
    (bad / "chapters.yaml").write_text("chapters: [oops\n")
    monkeypatch.setattr(type(game.ctx.paths), "dialogue", property(lambda self: bad), raising=False)
    story = Story(game.ctx)
    game.ctx.content.pop("chapters", None)
    assert story.objective() is None and story.journal().title == "Epilogue"
    assert "chapter file is damaged" in game.ctx.current_notice()
