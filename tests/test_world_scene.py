"""The exploration scene in a headless game: doors, triggers, talking, dialogue commands, hot reload."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.app.sources import ScriptedInput
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.world.explore import Event, Exploration
from game.world.model import load_map
from game.world.physics import SUB
from game.world.scene import ExplorationScene
from tests.worldmaps import npc, obj, spawn, write_map


def hold(action, n):
    return [ActionFrame(action, action if i == 0 else 0) for i in range(n)]


def press(action):
    return [ActionFrame(action, action), ActionFrame()]


def spawn_feet(world, name):
    return world.spawns()[name].feet


def test_new_game_starts_in_the_dark_clinic_with_lena_walking_in(booted):
    game = booted(StartPoint.of("new-game", difficulty="normal"))
    scene = game.ctx.scenes.top
    assert isinstance(scene, ExplorationScene) and scene.world.name == "clinic"
    assert scene.core.player.feet == spawn_feet(scene.world, "from_street")
    goal = tuple(v * SUB for v in spawn_feet(scene.world, "lobby"))  # chapter 1's spawn: a walk into the lobby
    assert scene.core.player_route and scene.core.player_route[-1] == goal
    assert scene.core.stage.lights == "off" and scene.cued == "opening"
    assert game.ctx.run.story.chapter == 1 and game.ctx.run.story.difficulty == "normal"


def test_the_clinic_door_leads_to_the_street_spawn(booted):
    game = booted(StartPoint.of("map", map="clinic", spawn="from_street"), source=ScriptedInput(hold(Action.DOWN, 200)))
    scene = game.ctx.scenes.top
    for _ in range(200):
        game.step(game.source.next_frame())
        if scene.world.name == "street":
            break
    assert scene.world.name == "street"
    assert scene.core.player.feet == spawn_feet(scene.world, "from_clinic")
    assert scene.core.fade.phase == "in"


def test_a_once_trigger_fires_once_and_a_repeat_trigger_every_time(tmp_path):
    objects = "\n".join([spawn("start", 1, 3),
                         obj("trigger", "once", 4, 1, 1, 6, 2, set_flag="saw_letter", once=True),
                         obj("trigger", "again", 7, 1, 1, 6, 3, set_flag="visited_street", once=False)])
    core = Exploration(load_map(write_map(tmp_path, "trig", objects)), "start")
    from game.story.state import StoryState

    story = StoryState()
    fired: list[str] = []
    right, left = ActionFrame(Action.RIGHT | Action.RUN), ActionFrame(Action.LEFT | Action.RUN)
    for _ in range(3):  # walk right across both triggers and back again, three times
        for frame in [right] * 60 + [left] * 60:
            fired += [e.value for e in core.step(frame, story) if e.kind == "flag"]
    assert fired.count("saw_letter") == 1
    assert fired.count("visited_street") == 6
    assert story.has("saw_letter")


def test_facing_malik_and_confirming_opens_his_dialogue(booted, monkeypatch):
    opened = []
    monkeypatch.setattr(ExplorationScene, "open_dialogue", lambda self, node: opened.append(node))
    frames = hold(Action.RIGHT, 3) + [ActionFrame()] + press(Action.CONFIRM)
    game = booted(StartPoint.of("map", map="clinic", spawn="reception"), source=ScriptedInput(frames))
    game.run_headless(len(frames))
    scene = game.ctx.scenes.top
    assert opened == ["malik_tour"]
    assert scene.core.find_npc("malik").facing == "left"  # he turned to Lena


def test_a_machine_shows_its_prompt_and_opens_its_node(booted, monkeypatch):
    opened = []
    monkeypatch.setattr(ExplorationScene, "open_dialogue", lambda self, node: opened.append(node))
    frames = hold(Action.RIGHT, 12) + hold(Action.UP, 60) + press(Action.CONFIRM)  # round the desk chair
    game = booted(StartPoint.of("map", map="clinic", spawn="office"), source=ScriptedInput(frames))
    game.run_headless(72)
    scene = game.ctx.scenes.top
    assert scene.core.focus is not None and scene.core.focus.name == "office_letter"
    game.run_headless(len(frames))
    assert opened == ["office_letter"]


def test_dialogue_commands_move_and_turn_npcs_and_change_map(booted):
    game = booted(StartPoint.of("map", map="clinic", spawn="start", flags="saw_letter"))  # Jenna has come in
    scene = game.ctx.scenes.top
    scene.dialogue_command("npc_move", {"npc": "malik", "to": "reception"})
    scene.dialogue_command("npc_turn", {"npc": "jenna", "facing": "left"})
    game.run_headless(200)
    malik = scene.core.find_npc("malik")
    assert (malik.x // SUB, malik.y // SUB) == spawn_feet(scene.world, "reception")
    assert scene.core.find_npc("jenna").facing == "left"
    scene.dialogue_command("change_map", {"map": "debate_hall", "spawn": "stage"})
    game.run_headless(240)
    assert scene.world.name == "debate_hall"
    assert scene.core.player.feet == spawn_feet(scene.world, "stage")


def test_a_door_to_a_broken_target_does_not_crash(booted, tmp_path):
    objects = "\n".join([spawn("start", 2, 3), obj("door", "out", 4, 1, 1, 6, 2, target_map="gone",
                                                   target_spawn="start")])
    path = write_map(tmp_path, "leave", objects)
    game = booted(StartPoint.of("map", map=str(path)), source=ScriptedInput(hold(Action.RIGHT, 120)))
    game.run_headless(120)
    assert game.ctx.scenes.top.world.name == "leave"
    assert "Cannot go there" in (game.ctx.current_notice() or "")


def _bump(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def _dev_game(start, source=None):
    from game.app.boot import BootOptions, boot

    return boot(BootOptions(start=start, seed=1, headless=True, dev=True), source=source)


def test_hot_reload_picks_up_a_change_and_survives_a_broken_edit(tmp_path):
    path = write_map(tmp_path, "live", spawn("start", 2, 3))
    game = _dev_game(StartPoint.of("map", map=str(path)), ScriptedInput(hold(Action.RIGHT, 20)))
    scene = game.ctx.scenes.top
    game.run_headless(31)
    where = scene.core.player.feet
    assert scene.world.by_kind("npc") == []
    path.write_text(path.read_text().replace("</objectgroup>", npc("visitor", 6, 5, 9) + "\n</objectgroup>"))
    _bump(path)
    game.run_headless(62)  # within a second
    assert [n.name for n in scene.world.by_kind("npc")] == ["visitor"]
    assert scene.core.player.feet == where and not scene.reload_errors
    good = scene.world
    path.write_text(path.read_text().replace("<point/></object>", "<point/>", 1))
    _bump(path)
    game.run_headless(93)
    assert scene.world is good  # the last good map keeps running
    assert scene.reload_errors and "broken XML" in scene.reload_errors[0]
    game.draw()  # the messages are drawn on screen without trouble
    path.write_text(path.read_text().replace("<point/>\n", "<point/></object>\n", 1))
    _bump(path)
    game.run_headless(124)
    assert not scene.reload_errors and scene.world is not good


def test_without_dev_mode_files_are_never_polled(booted, tmp_path):
    path = write_map(tmp_path, "still", spawn("start", 2, 3))
    game = booted(StartPoint.of("map", map=str(path)))
    scene = game.ctx.scenes.top
    path.write_text(path.read_text().replace("</objectgroup>", npc("visitor", 6, 5, 9) + "\n</objectgroup>"))
    _bump(path)
    game.run_headless(120)
    assert scene.world.by_kind("npc") == []


def _walk_frames():
    frames = []
    for action, n in ((Action.RIGHT, 40), (Action.DOWN | Action.RIGHT, 30), (Action.UP | Action.RUN, 50),
                      (Action.LEFT, 70), (Action.DOWN, 90)):
        frames += hold(action, n)
    return frames


def test_exploration_is_deterministic_frames_and_digest(booted):
    results = []
    for _ in range(2):
        game = booted(StartPoint.of("map", map="clinic"), seed=5, source=ScriptedInput(_walk_frames()))
        game.run_headless(300)
        canvas = game.draw()
        results.append((game.digest(), pygame.image.tobytes(canvas, "RGB")))
    assert results[0] == results[1]


def test_every_map_draws_with_the_overlay(booted):
    for name in ("clinic", "street", "debate_hall"):
        game = booted(StartPoint.of("map", map=name))
        game.ctx.debug_overlay = True
        game.run_headless(5)
        game.draw()


def test_events_are_plain_values():
    assert Event("dialogue", "x") == Event("dialogue", "x")


def test_an_unknown_spawn_is_a_clear_start_error(capsys):
    from game.cli import main

    assert main(["play", "--headless", "--ticks", "5", "--map", "levels/clinic.tmx", "--spawn", "moon"]) == 2
    err = capsys.readouterr().err
    assert "no spawn 'moon'" in err and "workshop" in err


def test_play_map_option_runs_headless_and_saves_a_screenshot(tmp_path, capsys):
    from game.cli import main

    shot = tmp_path / "street.png"
    assert main(["play", "--headless", "--ticks", "30", "--map", "street", "--screenshot", str(shot)]) == 0
    assert pygame.image.load(str(shot)).get_size() == (640, 360)
    assert "digest" in capsys.readouterr().out


def test_a_dialogue_trigger_asks_for_its_node_once(tmp_path):
    from game.story.state import StoryState

    objects = "\n".join([spawn("start", 1, 3), obj("trigger", "hello", 4, 1, 1, 6, 2, dialogue="malik_tour",
                                                   condition="not saw_letter")])
    core = Exploration(load_map(write_map(tmp_path, "talk", objects)), "start")
    story = StoryState()
    events = []
    for frame in [ActionFrame(Action.RIGHT)] * 60 + [ActionFrame(Action.LEFT)] * 60 + [ActionFrame(Action.RIGHT)] * 60:
        events += core.step(frame, story)
    assert [e.value for e in events if e.kind == "dialogue"] == ["malik_tour"]


def test_a_machine_with_a_minigame_builds_it_and_pushes_it(booted, tmp_path, monkeypatch):
    import game.minigames
    from game.core.scenes import Scene

    calls = []

    class Fake(Scene):
        pass

    def fake_build(ctx, name, encounter, difficulty, on_finish):
        calls.append((name, encounter, difficulty, callable(on_finish)))
        return Fake()

    monkeypatch.setattr(game.minigames, "build_minigame", fake_build)
    objects = "\n".join([spawn("start", 2, 3), obj("machine", "chair", 2, 1, 1, 1, 2, minigame="swarm:tutorial",
                                                   prompt="Sit")])
    path = write_map(tmp_path, "mini", objects)
    frames = hold(Action.UP, 20) + press(Action.CONFIRM)
    game = booted(StartPoint.of("map", map=str(path)), source=ScriptedInput(frames))
    game.run_headless(len(frames))
    assert calls == [("swarm", "tutorial", "normal", True)]
    assert isinstance(game.ctx.scenes.top, Fake)


def test_snapshot_and_restore_put_lena_back(booted):
    import json

    game = booted(StartPoint.of("map", map="street"), source=ScriptedInput(hold(Action.DOWN | Action.RIGHT, 50)))
    game.run_headless(50)
    scene = game.ctx.scenes.top
    saved = json.loads(json.dumps(scene.snapshot()))
    assert saved["map"] == "street" and len(saved["fired"]) == 1  # the arrival trigger under the spawn
    again = booted(StartPoint.of("map", map=saved["map"]))
    again.ctx.scenes.top.restore(saved)
    restored = again.ctx.scenes.top.core
    assert (restored.player.x, restored.player.y, restored.player.facing) == (saved["x"], saved["y"], saved["facing"])
    assert sorted(restored.triggers.fired) == saved["fired"]


def test_the_controls_are_taught_on_the_tour_not_again_after_it(booted):
    from game.world.hud import teaching

    game = booted(StartPoint.of("new-game", difficulty="normal"))
    scene = game.ctx.scenes.top
    assert teaching(scene).endswith(": walk")  # a new game: nothing walked yet
    game = booted(StartPoint.of("chapter", chapter="3"))  # a later chapter (a save, a chapter run)
    scene = next(s for s in game.ctx.scenes.scenes if isinstance(s, ExplorationScene))
    assert game.ctx.run.story.chapter == 3 and scene.walked_ticks == 0
    assert teaching(scene) is None
    scene.pause_taught_until = scene.core.tick + 10  # (just shown round: how to pause still shows)
    assert "pause" in teaching(scene)
