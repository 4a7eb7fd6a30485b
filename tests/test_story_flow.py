"""End to end through the real scenes: the map, the dialogue box over it, the minigames the dialogue starts.

A scripted player (``tests.story_driver.Driver``) walks Lena with the arrow keys, talks with CONFIRM,
reads, chooses from menus, and hands each minigame to its autopilot; the tests check what comes back
at every seam (the Outcome into the dialogue, the story flags, the player back on the map).
"""

from __future__ import annotations

import pytest

from game import minigames
from game.app.boot import BootOptions, boot
from game.core.actions import Action
from game.core.outcome import Outcome
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.dialogue.runner import LineEvent
from game.dialogue.scene import DialogueScene
from game.spectra.autopilot import SpectraAutopilot
from game.spectra.scene import SpectraScene
from game.story.conditions import parse_condition
from game.story.state import StoryState
from game.world.model import MapObject, Property
from game.world.triggers import TriggerTracker
from tests.dialogue_helpers import make
from tests.story_driver import Driver


def start(point: StartPoint, seed: int = 1):
    game = boot(BootOptions(start=point, seed=seed, headless=True, persist=False))
    return game, Driver(game)


def said(scene: DialogueScene) -> list[str]:
    return [text for _, text in scene.runner.history]


# chapter is part of the story state for every condition -------------------------------------------------
@pytest.mark.parametrize("text,chapter,expected", [
    ("chapter == 2", 2, True), ("chapter == 2", 1, False), ("chapter >= 3", 3, True), ("chapter", 1, True),
    ("not chapter < 2 and met", 2, True),
])
def test_chapter_reads_the_story_chapter_in_any_condition(text, chapter, expected):
    story = StoryState(chapter=chapter)
    story.set_flag("met")
    assert parse_condition(text).evaluate(story) is expected


def test_a_map_trigger_with_a_chapter_condition_fires_only_in_that_chapter():
    props = {"condition": Property("condition", "string", "chapter >= 3", 1),
             "set_flag": Property("set_flag", "string", "entered_hall", 1)}
    trig = MapObject(1, "trigger", "hall_door", 0, 0, 32, 32, "rect", (), props, 1)
    tracker = TriggerTracker()
    assert tracker.step("hall", [trig], (8, 8), StoryState(chapter=2)) == []
    tracker.inside = set()
    assert tracker.step("hall", [trig], (8, 8), StoryState(chapter=3)) == [trig]


# chapter 1 from a new game ------------------------------------------------------------------------------
def test_new_game_opening_tour_letter_jenna_then_the_chair_starts_the_swarm_tutorial(monkeypatch):
    from game.story.scenes import ChapterCardScene

    game, d = start(StartPoint.of("new-game", difficulty="normal"))
    story = game.ctx.run.story
    scene = d.explore
    assert scene.core.stage.lights == "off"  # the clinic is dark when Lena walks in
    d.idle(2)
    assert d.dialogue is not None and d.dialogue.runner.node == "opening"
    cards = []
    for _ in range(3000):
        if isinstance(d.top, ChapterCardScene):
            cards.append(d.top.chapter.id)
            d.step()
        elif d.dialogue is not None and isinstance(d.dialogue.event, LineEvent):
            d.press(Action.CONFIRM)
        elif d.dialogue is not None:
            d.step()
        else:
            break
    assert cards and set(cards) == {1}  # "Chapter 1: A new patient"
    assert scene.core.stage.lights == "on" and story.chapter == 1
    assert game.ctx.story.objective().id == "greet_malik"
    d.talk_to("malik")
    assert d.dialogue.host is d.explore and d.dialogue.runner.node == "malik_first_tour"
    assert isinstance(d.dialogue.event, LineEvent)
    assert d.read_until_choice()
    scene = d.explore  # the camera has risen so Lena stands above the box, not under it
    _, cam_y = scene.camera(scene._lift)
    assert scene._lift == d.dialogue.covers_bottom
    assert scene.core.player.feet[1] - cam_y + 16 <= 360 - d.dialogue.covers_bottom
    d.read_to_end()
    assert story.has("tour_reception")
    # the tour is walked: each stop is where the objective points, and Malik is there
    seen = []
    while game.ctx.story.objective().id != "treat_jenna":
        seen.append(d.follow_objective())
    assert seen == ["tour_treatment", "tour_workshop", "tour_server", "read_letter", "greet_jenna"]
    assert story.has("toured") and story.has("saw_letter") and story.has("jenna_arrived")
    jenna, seat = d.explore.core.find_npc("jenna"), d.explore.world.spawns()["jenna_chair"].feet
    d.wait_for(lambda: jenna.feet == seat, 900, "Jenna to walk around the walls to chair one")
    started = []
    real_build = minigames.build_minigame

    def spy(ctx, name, encounter, difficulty, on_finish):
        started.append((name, encounter, difficulty))
        return real_build(ctx, name, encounter, difficulty, on_finish)

    monkeypatch.setattr(minigames, "build_minigame", spy)
    d.interact("nanobot_chair_1")
    talk = d.dialogue
    d.read_to_end()
    from game.swarm.autopilot import SwarmAutopilot

    assert talk.waiting_for == "swarm:tutorial" and d.top.ended() is None
    scene = d.play_minigame(SwarmAutopilot())
    assert scene.ended().won and d.top is talk  # back in the same conversation, on the on_win arm
    assert story.counter("last_score") == scene.ended().score
    assert started == [("swarm", "tutorial", "normal")]  # the player's difficulty, not a fixed one
    d.finish_conversation()
    assert story.has("jenna_treated") and story.has("last_won") and story.chapter == 2
    assert "chapter-1" in [e[2] for e in game.ctx.run.events]
    assert d.top is d.explore and d.explore.world.name == "clinic"
    assert game.ctx.story.objective().chapter == 2


@pytest.mark.parametrize("difficulty,expected", [("story", "easy"), ("normal", "normal"), ("hard", "hard")])
def test_every_story_minigame_follows_the_chosen_difficulty(monkeypatch, difficulty, expected):
    started = []
    monkeypatch.setattr(minigames, "build_minigame", lambda ctx, n, e, dif, on_finish: started.append(dif)
                        or LosingGame(ctx, on_finish))
    game, d = start(StartPoint.of("map", map="clinic", spawn="server_room", chapter=2, flags="malfunction_done",
                                  difficulty=difficulty))
    d.interact("spectra_console")
    for _ in range(12):  # Lena's moment alone with SPECTRA, then the dive
        d.read_until_choice()
        if started:
            break
        d.choose(0)
    assert started == [expected] and game.ctx.run.story.difficulty == difficulty


def test_new_game_without_a_difficulty_asks_for_one_first():
    from game.story.scenes import DifficultyScene

    game, d = start(StartPoint.of("new-game"))
    assert isinstance(d.top, DifficultyScene)
    d.press(Action.DOWN)  # Normal is selected first; one down is Hard
    d.press(Action.CONFIRM)
    assert game.ctx.run.story.difficulty == "hard"
    assert d.explore.world.name == "clinic"


# SPECTRA through the console in chapter 2 ------------------------------------------------------------------
def test_the_console_dive_is_played_by_the_autopilot_and_its_outcome_picks_the_win_branch():
    game, d = start(StartPoint.of("map", map="clinic", spawn="server_room", chapter=2, flags="malfunction_done"),
                    seed=3)
    story = game.ctx.run.story
    d.interact("spectra_console")
    talk = d.dialogue
    assert talk.runner.node == "console_alone"  # Lena alone with SPECTRA, then Malik walks in and they dive
    d.read_to_end()
    assert isinstance(d.top, SpectraScene) and talk.waiting_for == "spectra:first-layer"
    where = d.explore.core.player.feet
    scene = d.play_minigame(SpectraAutopilot())
    outcome = scene.ended()
    assert outcome.won and outcome.score > 0
    assert d.top is talk  # back in the same conversation, on the on_win arm
    assert story.has("last_won") and story.counter("last_score") == outcome.score
    assert talk.runner.current.line.speaker == "spectra" and "FAULT LOCATED" in talk.runner.current.line.text
    assert "spectra:first-layer" in [e[2] for e in game.ctx.run.events]
    d.read_to_end()
    assert story.has("found_tamper") and story.chapter == 3
    d.wait_for(lambda: d.top is d.explore, 900, "the chapter 3 card to end")
    assert d.explore.world.name == "street" and d.explore.core.player.feet != where  # placed where chapter 3 begins


class LosingGame(Scene):
    """A stand-in minigame that is lost on its first tick (the lose arm of a real dialogue)."""

    def __init__(self, ctx, on_finish) -> None:
        self.ctx, self.on_finish = ctx, on_finish

    def update(self, frame) -> None:
        self.ctx.scenes.pop()
        self.on_finish(Outcome("spectra", "first-layer", False, 7, 1))

    def state_bytes(self) -> bytes:
        return b"losing"


def test_a_lost_dive_takes_the_lose_arm_and_offers_another_try(monkeypatch):
    monkeypatch.setattr(minigames, "build_minigame", lambda ctx, n, e, dif, on_finish: LosingGame(ctx, on_finish))
    game, d = start(StartPoint.of("map", map="clinic", spawn="server_room", chapter=2, flags="malfunction_done"))
    story = game.ctx.run.story
    d.interact("spectra_console")
    d.read_until_choice()  # alone with SPECTRA first: "I need to know what happened."
    d.choose(1)
    options = d.read_until_choice()
    assert not story.has("last_won") and story.counter("last_score") == 7
    assert "TEST CASES FAILING. FAULT NOT FOUND." in said(d.dialogue)
    assert len(options) == 2  # "Dive in again." or go on: "Read the hardware log instead, line by line."
    d.choose(0)  # "Dive in again." jumps back to the dive: lost again, the same menu
    assert d.read_until_choice() == options
    assert not story.has("found_tamper") and story.chapter == 2


# doors and triggers --------------------------------------------------------------------------------------
def test_doors_lead_clinic_street_hall_and_back_and_triggers_set_their_flags():
    game, d = start(StartPoint.of("map", map="clinic", spawn="start", chapter=1))
    story = game.ctx.run.story
    scene = d.explore
    d.walk_through_door("to_street")
    assert scene.world.name == "street" and story.has("visited_street")
    hall_door = next(o for o in scene.world.by_kind("door") if o.prop("target_map") == "debate_hall")
    d.walk_through_door(hall_door.name)
    assert scene.world.name == "debate_hall" and not story.has("entered_hall")  # its trigger waits for chapter 3
    assert d.top is scene  # a flag trigger opens nothing
    d.walk_through_door(scene.world.by_kind("door")[0].name)
    assert scene.world.name == "street"
    assert scene.core.player.feet == scene.world.spawns()["from_hall"].feet
    clinic_door = next(o for o in scene.world.by_kind("door") if o.prop("target_map") == "clinic")
    d.walk_through_door(clinic_door.name)
    assert scene.world.name == "clinic"
    assert scene.core.player.feet == scene.world.spawns()["from_street"].feet
    d.talk_to("malik")  # the clinic's people are still there to talk to
    assert d.dialogue.runner.node == "malik_first_tour"


# map commands from a conversation -------------------------------------------------------------------------
def test_npc_move_npc_turn_and_change_map_from_a_dialogue_act_on_the_map(tmp_path):
    dialogue = make(tmp_path, """
        cutscene:
          entry: true
          script:
            - malik: Watch this.
            - npc_turn: {npc: malik, facing: up}
            - npc_move: {npc: malik, to: reception}
            - malik: Walking to reception.
            - change_map: {map: street, spawn: from_clinic}
            - lena: Off to the street.
        """)
    game, d = start(StartPoint.of("map", map="clinic", spawn="start", chapter=1))
    scene = d.explore
    malik = scene.core.find_npc("malik")
    game.ctx.scenes.push(DialogueScene(game.ctx, "cutscene", host=scene, dialogue=dialogue))
    d.idle(2)
    d.press(Action.CONFIRM)  # complete "Watch this."
    d.press(Action.CONFIRM)  # advance: turn, move, next line
    assert isinstance(d.dialogue.event, LineEvent) and d.dialogue.event.line.text == "Walking to reception."
    reception = scene.world.spawns()["reception"].feet
    d.wait_for(lambda: malik.feet == reception, 400, "Malik to walk to reception under the dialogue box")
    d.press(Action.CONFIRM)
    d.press(Action.CONFIRM)  # change_map: the fade runs under the next line
    d.wait_for(lambda: scene.world.name == "street" and scene.core.fade.phase == "none", 120, "the street")
    assert scene.core.player.feet == scene.world.spawns()["from_clinic"].feet
    assert d.dialogue is not None and d.dialogue.event.line.text == "Off to the street."
    d.read_to_end()
    assert d.top is scene


def test_the_map_start_point_sets_the_story_and_refuses_a_bad_chapter(booted):
    from game.starts import StartError, build_start

    game = booted(StartPoint.of("map", map="street", chapter=3, flags="found_tamper,jenna_trust=2"))
    story = game.ctx.run.story
    assert story.chapter == 3 and story.has("found_tamper") and story.counter("jenna_trust") == 2
    with pytest.raises(StartError, match="chapter"):
        build_start(game.ctx, StartPoint.of("map", map="clinic", chapter="three"))


class RecordingAudio:
    """Remembers the music, like the real mixer's ``current_music``."""

    def __init__(self) -> None:
        self.current_music = None
        self.played: list[str] = []

    def play_sfx(self, name: str) -> None:
        pass

    def play_music(self, name: str, loop: bool = True) -> None:
        self.current_music = name
        self.played.append(name)

    def stop_music(self) -> None:
        self.current_music = None

    def set_volumes(self, master, music, sfx) -> None:
        pass


def test_the_place_music_comes_back_after_a_minigame():
    game, d = start(StartPoint.of("map", map="clinic", spawn="server_room", chapter=2, flags="malfunction_done"),
                    seed=3)
    game.ctx.audio = RecordingAudio()
    d.explore.enter()  # the clinic's music, as when the map starts
    clinic = game.ctx.audio.current_music
    assert clinic
    d.interact("spectra_console")
    d.read_to_end()
    assert game.ctx.audio.current_music == "spectra"
    d.play_minigame(SpectraAutopilot())
    assert game.ctx.audio.current_music == clinic and d.dialogue is not None


# the whole game ------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_following_the_objectives_through_the_real_scenes_reaches_the_credits_and_the_replay_verifies(tmp_path):
    """New game to the credits with the arrow keys and CONFIRM only, the autopilots playing each minigame:
    every objective's target can be walked to and used, and the recorded run re-simulates bit for bit."""
    from game.spectra.autopilot import SpectraAutopilot
    from game.swarm.autopilot import SwarmAutopilot
    from tests.replay_support import record_and_verify

    def pilots(scene):
        return SwarmAutopilot() if hasattr(scene, "swarm") else SpectraAutopilot()

    point = StartPoint.of("new-game", difficulty="normal")
    game, d = start(point, seed=3)
    d.idle(2)
    d.finish_conversation(pilots=pilots)
    followed = []
    while not d.credits and len(followed) < 60:
        followed.append(d.follow_objective(pilots=pilots))
    assert d.credits and game.ctx.run.story.ending in ("bridge", "crossroads", "reboot")
    assert followed[:3] == ["greet_malik", "tour_treatment", "tour_workshop"] and "podium" in followed
    marks = [e[2] for e in game.ctx.run.events]
    assert [m for m in marks if m.startswith("chapter-")] == ["chapter-1", "chapter-2", "chapter-3", "chapter-4"]
    replay, verdict = record_and_verify(point, d.frames, tmp_path, seed=3)
    assert replay.result.outcome == "finished" and replay.result.splits[-1].name == "chapter-4"
