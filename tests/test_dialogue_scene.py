"""The dialogue box scene, headless: typewriter, menus, history, skip-seen, auto-advance, commands, saving."""

from __future__ import annotations

import json

import pygame
import pytest
from dialogue_helpers import make

from game.cli import main
from game.core.actions import Action, ActionFrame
from game.core.outcome import Outcome
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.dialogue.history import HistoryScene
from game.dialogue.runner import ChoiceEvent, LineEvent
from game.dialogue.scene import DialogueScene
from game.dialogue.seen import SEEN_FILE

IDLE = ActionFrame()


def press(action: Action, pointer=(0, 0)) -> ActionFrame:
    return ActionFrame(int(action), int(action), pointer)


def hold(action: Action) -> ActionFrame:
    return ActionFrame(int(action), 0)


class Backdrop(Scene):
    """Stands in for the map: records the commands it is given."""

    def __init__(self) -> None:
        self.commands = []

    def dialogue_command(self, name, args):
        self.commands.append((name, args))


TALK = """
talk:
  entry: true
  script:
    - malik: Hello there, Lena.
    - lena: Morning.
    - choice:
        - text: Kind.
          add: {trust: 1}
          then:
            - malik: Thanks.
        - text: Cold.
          then:
            - malik: Ouch.
    - npc_move: {npc: malik, to: workshop}
    - end_chapter: 1
    - malik: Bye.
"""


@pytest.fixture
def stage(booted, tmp_path):
    """Boot headless and open a conversation from TALK (or given text) over a recording backdrop."""

    def _stage(text: str = TALK, node: str = "talk", persist: bool = True, **settings):
        game = booted(StartPoint.of("title"))
        ctx = game.ctx
        ctx.persist = persist
        for key, value in {"text_speed": 60, **settings}.items():
            ctx.settings.set(key, value)
        dialogue = make(tmp_path / "content", text)
        host = Backdrop()
        ctx.scenes.clear(host)
        scene = DialogueScene(ctx, node, host, dialogue=dialogue)
        ctx.scenes.push(scene)
        return game, scene, host

    return _stage


def steps(game, frames):
    for frame in frames:
        game.step(frame)


def test_the_typewriter_shows_one_character_per_tick_at_60_per_second(stage):
    game, scene, _ = stage()
    steps(game, [IDLE] * 5)
    assert scene.revealed == 5 and not scene.line_complete


def test_confirm_completes_the_line_then_advances(stage):
    game, scene, _ = stage()
    steps(game, [IDLE, press(Action.CONFIRM)])
    assert scene.line_complete and scene.event.line.text == "Hello there, Lena."
    steps(game, [IDLE, press(Action.CONFIRM)])
    assert scene.event.line.text == "Morning." and scene.revealed <= 1


def test_instant_text_speed_shows_the_whole_line(stage):
    game, scene, _ = stage(text_speed=0)
    steps(game, [IDLE])
    assert scene.line_complete


def test_speedrun_mode_makes_text_instant_and_any_line_skippable(stage):
    game, scene, _ = stage(speedrun_mode=True)
    steps(game, [hold(Action.SKIP)] * 8)
    assert isinstance(scene.event, ChoiceEvent)  # skipping always stops at a choice


def test_the_choice_menu_works_with_keys(stage):
    game, scene, _ = stage(text_speed=0)
    steps(game, [press(Action.CONFIRM), IDLE, press(Action.CONFIRM), IDLE])
    assert isinstance(scene.event, ChoiceEvent)
    steps(game, [press(Action.DOWN), press(Action.CONFIRM)])
    assert scene.event.line.text == "Ouch."
    assert game.ctx.run.story.counter("trust") == 0


def test_the_choice_menu_works_with_the_mouse(stage):
    game, scene, _ = stage(text_speed=0)
    steps(game, [press(Action.CONFIRM), IDLE, press(Action.CONFIRM), IDLE])
    first = scene.menu.row_rect(0).center
    steps(game, [ActionFrame(0, 0, first), press(Action.POINTER, first)])
    assert scene.event.line.text == "Thanks."
    assert game.ctx.run.story.counter("trust") == 1


def test_host_commands_go_to_the_map_and_end_chapter_moves_the_story_on(stage):
    game, scene, host = stage(text_speed=0)
    steps(game, [press(Action.CONFIRM), IDLE, press(Action.CONFIRM), IDLE, press(Action.CONFIRM), IDLE])
    assert scene.event.line.text == "Thanks." and host.commands == []
    steps(game, [press(Action.CONFIRM)])
    assert host.commands == [("npc_move", {"npc": "malik", "to": "workshop"})]
    assert game.ctx.run.story.chapter == 2
    assert [e[2] for e in game.ctx.run.events] == ["chapter-1"]
    from game.story.scenes import ChapterCardScene

    card = game.ctx.scenes.top
    assert isinstance(card, ChapterCardScene) and card.chapter.id == 2 and scene.waiting_for == "chapter-card:2"
    for _ in range(400):  # the card fades out, holds and fades in by itself
        if game.ctx.scenes.top is not card:
            break
        steps(game, [IDLE])
    assert scene.event.line.text == "Bye."  # the conversation goes on after the card
    steps(game, [IDLE, press(Action.CONFIRM), IDLE])
    assert game.ctx.scenes.top is host  # the box closed itself


def test_history_opens_with_its_key_and_lists_what_was_said(stage):
    game, scene, _ = stage(text_speed=0)
    steps(game, [press(Action.CONFIRM), IDLE, press(Action.HISTORY)])
    top = game.ctx.scenes.top
    assert isinstance(top, HistoryScene)
    assert [row[2] for row in top.rows if row[2]] == ["Hello there, Lena.", "Morning."]
    steps(game, [press(Action.CANCEL)])
    assert game.ctx.scenes.top is scene


def test_the_mouse_wheel_opens_history_too(stage):
    game, scene, _ = stage()
    steps(game, [press(Action.WHEEL_UP)])
    assert isinstance(game.ctx.scenes.top, HistoryScene)


def test_skip_passes_only_lines_seen_before_and_remembers_them(stage, tmp_path):
    game, scene, _ = stage(text_speed=0)
    steps(game, [hold(Action.SKIP)] * 6)
    assert scene.event.line.text == "Hello there, Lena."  # never seen: skip does nothing
    steps(game, [press(Action.CONFIRM), IDLE, press(Action.CONFIRM), IDLE, press(Action.CONFIRM)])
    game.ctx.scenes.pop()  # leaving the conversation saves the seen lines
    seen = json.loads((game.ctx.paths.data_dir / SEEN_FILE).read_text())["seen"]
    assert len(seen) == 2

    game2, scene2, _ = stage(text_speed=0)
    steps(game2, [hold(Action.SKIP)] * 8)
    assert isinstance(scene2.event, ChoiceEvent)


def test_seen_lines_are_neither_read_nor_written_without_persist(stage):
    game, scene, _ = stage(text_speed=0, persist=False)
    steps(game, [press(Action.CONFIRM), IDLE, press(Action.CONFIRM)])
    game.ctx.scenes.pop()
    assert not (game.ctx.paths.data_dir / SEEN_FILE).exists()


def test_auto_advance_moves_on_by_itself(stage):
    game, scene, _ = stage(text_speed=0, auto_advance=True)
    steps(game, [IDLE] * 100)
    assert scene.event.line.text == "Morning."
    steps(game, [IDLE] * 100)
    assert isinstance(scene.event, ChoiceEvent)  # menus always wait for the player


def test_a_saved_conversation_loads_back_to_the_same_line(stage):
    game, scene, host = stage(text_speed=0)
    steps(game, [press(Action.CONFIRM), IDLE])
    data = json.loads(json.dumps(scene.save_data()))
    again = DialogueScene.from_save(game.ctx, data, host, dialogue=scene.dialogue)
    game.ctx.scenes.clear(host)
    game.ctx.scenes.push(again)
    assert again.event.line.text == "Morning."
    assert again.runner.history == [("malik", "Hello there, Lena."), ("lena", "Morning.")]


MINIGAME = """
talk:
  entry: true
  script:
    - malik: Ready?
    - minigame: {game: swarm, encounter: tutorial}
      on_win:
        - malik: We won.
      on_lose:
        - malik: We lost.
    - malik: Score was good.
      if: last_score >= 50
"""


class FakeMinigame(Scene):
    def __init__(self, ctx, encounter, difficulty, on_finish, won):
        self.ctx, self.encounter, self.difficulty, self.on_finish, self.won = ctx, encounter, difficulty, on_finish, won
        self.ticks = 0

    def update(self, frame):
        self.ticks += 1
        if self.ticks == 10:
            self.ctx.scenes.pop()
            self.on_finish(Outcome("swarm", self.encounter, self.won, 70 if self.won else 5, self.ticks))


@pytest.mark.parametrize(("won", "expected"), [(True, "We won."), (False, "We lost.")])
def test_the_minigame_command_pushes_the_encounter_and_branches_on_its_outcome(stage, monkeypatch, won, expected):
    from game import minigames

    built = []

    def build(ctx, encounter, difficulty, on_finish):
        built.append((encounter, difficulty))
        return FakeMinigame(ctx, encounter, difficulty, on_finish, won)

    spec = minigames.MinigameSpec("swarm", build, lambda ctx: ["tutorial"])
    monkeypatch.setattr(minigames, "registry", lambda: {"swarm": spec})
    game, scene, _ = stage(MINIGAME, text_speed=0)
    steps(game, [press(Action.CONFIRM), IDLE])
    assert isinstance(game.ctx.scenes.top, FakeMinigame)
    assert built == [("tutorial", "normal")]
    steps(game, [IDLE] * 12)
    assert game.ctx.scenes.top is scene
    assert scene.event.line.text == expected
    steps(game, [press(Action.CONFIRM), IDLE])
    if won:
        assert scene.event.line.text == "Score was good."


def test_a_minigame_missing_from_this_build_is_a_notice_not_a_crash(stage, monkeypatch):
    from game import minigames

    monkeypatch.setattr(minigames, "registry", lambda: {})
    game, scene, _ = stage(MINIGAME, text_speed=0)
    steps(game, [press(Action.CONFIRM), IDLE])
    assert scene.event.line.text == "We won."
    assert "not in this build" in game.ctx.current_notice()


def test_drawing_does_not_change_the_state(stage):
    game, scene, _ = stage()
    steps(game, [IDLE] * 3)
    before = scene.state_bytes()
    canvas = pygame.Surface((640, 360))
    game.ctx.scenes.draw(canvas, 0.0)
    assert scene.state_bytes() == before


# the start point -----------------------------------------------------------------------------------
def test_play_dialogue_starts_a_shipped_conversation_with_a_portrait(tmp_path, capsys):
    target = tmp_path / "talk.png"
    code = main(["play", "--headless", "--ticks", "90", "--seed", "1", "--dialogue", "malik_tour",
                 "--screenshot", str(target)])
    assert code == 0, capsys.readouterr().err
    image = pygame.image.load(str(target))
    # Malik's orange vest shows in the portrait frame at the box's left
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(24, 96) for y in range(270, 350)}
    assert (232, 126, 44) in colours


def test_play_dialogue_with_an_unknown_node_is_a_clear_message(capsys):
    assert main(["play", "--headless", "--ticks", "5", "--dialogue", "nope"]) == 2
    assert "no dialogue node called 'nope'" in capsys.readouterr().err


def test_chapter_and_flags_parameters_set_the_story(booted):
    game = booted(StartPoint.of("dialogue", node="malik_tour", chapter="2", flags="malik_warned,jenna_trust=3"))
    story = game.ctx.run.story
    assert story.chapter == 2 and story.has("malik_warned") and story.counter("jenna_trust") == 3
    top = game.ctx.scenes.top
    assert isinstance(top, DialogueScene) and isinstance(top.event, LineEvent)
    assert top.event.line.speaker == "malik" and "malik_chapter2" in top.runner.stack[-1].node
