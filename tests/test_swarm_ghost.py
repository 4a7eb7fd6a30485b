"""Swarm practice shows the personal best's beacon as a ghost (aligned to play ticks, drawing only, optional);
swarm runs, in practice and inside the story, record and verify."""

from __future__ import annotations

import shutil

import pygame
import pytest

from game.app.boot import BootOptions, boot
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.replay.categories import category_of
from game.replay.pb import pb_replay_path
from game.speedrun.verify import verify_file
from game.swarm import ghost as G
from game.swarm.scene import BRIEF_TICKS
from tests.replay_support import record

START = StartPoint.of("practice-swarm", level="tutorial")
CONFIRM, PAUSE, CANCEL = (ActionFrame(a, a, (320, 200)) for a in (Action.CONFIRM, Action.PAUSE, Action.CANCEL))


def at(x, y, pressed=0):
    return ActionFrame(0, pressed, (x, y))


def pb_frames():
    """A short "personal best": the card read for a while, a sweep of the pointer, a pause in the middle."""
    frames = [at(320, 200)] * 12 + [CONFIRM]
    frames += [at(200 + i * 2, 150 + i) for i in range(60)]
    frames += [PAUSE, at(10, 10), at(600, 300), CANCEL]  # the pointer wanders over the pause menu
    frames += [at(320 - i, 260 - i) for i in range(60)]
    return frames


def test_the_ghost_module_uses_the_scenes_briefing_length():
    assert G.BRIEF_TICKS == BRIEF_TICKS


def test_play_frames_drop_the_briefing_and_the_pause():
    frames = pb_frames()
    play = G.play_frames(frames)
    assert play == frames[13:73] + frames[77:]
    assert G.play_frames([at(1, 1)] * 5, brief_ticks=3) == [at(1, 1)] * 2  # the card also closes by itself
    quit_in_pause = frames[:20] + [PAUSE, ActionFrame(Action.DOWN, Action.DOWN), CONFIRM] + frames[20:]
    assert G.play_frames(quit_in_pause) == frames[13:20]  # Restart: the ghost ends there


def make_pb(tmp_path, paths):
    """Record the PB run, keep the PB beacon of every play tick, and file the replay as the category's PB."""
    game = boot(BootOptions(start=START, seed=2, headless=True, persist=False))
    scene = game.ctx.scenes.top
    beacons = []
    for frame in pb_frames():
        was_playing = scene.phase == "play" and game.ctx.scenes.top is scene
        game.step(frame)
        if was_playing and game.ctx.scenes.top is scene:
            beacons.append((scene.swarm.beacon.x, scene.swarm.beacon.y))
    _, replay = record(START, pb_frames(), tmp_path, seed=2, name="pb-source.nsreplay")
    target = pb_replay_path(paths.replays_dir, category_of(START))
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(replay, target)
    return beacons


def test_a_new_practice_run_draws_the_pb_beacon_tick_for_tick(tmp_path):
    from game.paths import Paths

    beacons = make_pb(tmp_path, Paths.from_env())
    game = boot(BootOptions(start=START, seed=9, headless=True))
    scene = game.ctx.scenes.top
    assert scene.ghost is not None
    for _ in range(30):  # this time the card stays up longer
        game.step(at(100, 100))
    game.step(CONFIRM)
    ghosts = []
    for i in range(len(beacons)):
        game.step(at(400, 100 + i % 50))
        ghosts.append((scene.ghost.x, scene.ghost.y))
    assert ghosts == beacons
    canvas = pygame.Surface((640, 360))
    before = scene.state_bytes()
    scene.draw(canvas, 0.0)
    assert scene.state_bytes() == before


def test_the_ghost_is_not_part_of_the_state_and_the_run_still_verifies(tmp_path):
    from game.paths import Paths

    make_pb(tmp_path, Paths.from_env())
    frames = [CONFIRM] + [at(300 + i % 40, 120) for i in range(150)]
    with_ghost, path = record(START, frames, tmp_path, seed=4, name="with.nsreplay")
    assert with_ghost.ctx.scenes.top.ghost is not None
    verdict = verify_file(path)  # verify runs with no ghost at all
    assert verdict.ok, verdict.line()
    without = boot(BootOptions(start=START, seed=4, headless=True, persist=False))
    assert without.ctx.scenes.top.ghost is None
    for frame in frames:
        without.step(frame)
    assert without.digest() == with_ghost.digest() == verdict.digest


@pytest.mark.parametrize("setting", [False, True])
def test_the_ghost_setting_turns_it_off(tmp_path, setting):
    from game.paths import Paths

    make_pb(tmp_path, Paths.from_env())
    game = boot(BootOptions(start=START, seed=9, headless=True, settings_override={"ghost": setting}))
    assert (game.ctx.scenes.top.ghost is not None) is setting


def test_no_personal_best_no_ghost_and_the_story_never_has_one(tmp_path):
    from game.minigames import build_minigame
    from game.paths import Paths

    game = boot(BootOptions(start=START, seed=9, headless=True))
    assert game.ctx.scenes.top.ghost is None
    make_pb(tmp_path, Paths.from_env())
    story = boot(BootOptions(start=StartPoint.of("new-game"), seed=9, headless=True))
    assert build_minigame(story.ctx, "swarm", "tutorial", "easy", lambda outcome: None).ghost is None


# the swarm in replays and in the story ----------------------------------------------------------------------
@pytest.mark.slow
def test_swarm_practice_played_by_the_autopilot_round_trips(tmp_path):
    from game.swarm.autopilot import SwarmAutopilot

    pilot = SwarmAutopilot()
    target = tmp_path / "swarm.nsreplay"
    start = StartPoint.of("practice-swarm", level="tutorial", difficulty="easy")
    game = boot(BootOptions(start=start, seed=7, headless=True, record=target,
                            options={"swarm_observers": [pilot]}), source=pilot)
    scene = game.ctx.scenes.top
    game.run_headless(20_000, until=lambda: scene.phase == "results")
    game.close()
    assert scene.outcome.won
    verdict = verify_file(target)
    assert verdict.ok, verdict.line()
    assert [s.name for s in verdict_splits(target)] == ["swarm:tutorial"]


def verdict_splits(path):
    from game.replay.format import read_file

    return read_file(path).result.splits


@pytest.mark.slow
def test_chapter_one_from_a_new_game_with_the_swarm_tutorial_round_trips(tmp_path):
    from game.swarm.autopilot import SwarmAutopilot
    from tests.replay_support import record_and_verify
    from tests.story_driver import Driver

    start = StartPoint.of("new-game", difficulty="story")
    d = Driver(boot(BootOptions(start=start, seed=5, headless=True, persist=False)))
    d.idle(2)
    d.read_to_end()  # the opening, the chapter card
    d.settle()
    while d.ctx.story.objective().id != "treat_jenna":
        d.follow_objective()
    d.interact("nanobot_chair_1")
    d.read_to_end()
    scene = d.play_minigame(SwarmAutopilot())
    assert scene.ended().won and d.ctx.run.story.counter("last_score") == scene.ended().score
    d.finish_conversation()
    assert d.ctx.run.story.chapter == 2 and d.top is d.explore
    replay, _ = record_and_verify(start, d.frames, tmp_path, seed=5)
    assert [s.name for s in replay.result.splits] == ["swarm:tutorial", "chapter-1"]


def test_a_slowed_swarm_run_records_its_speed_verifies_and_is_its_own_category(tmp_path):
    from game.replay.format import read_file
    from game.swarm.autopilot import SwarmAutopilot

    pilot = SwarmAutopilot()
    target = tmp_path / "slow.nsreplay"
    game = boot(BootOptions(start=START, seed=3, headless=True, record=target, settings_override={"swarm_speed": 70},
                            options={"swarm_observers": [pilot]}), source=pilot)
    scene = game.ctx.scenes.top
    game.run_headless(900)
    game.close()
    assert scene.swarm.tick_count < scene.t * 75 // 100  # the swarm stepped on 70 of every 100 ticks
    header = read_file(target).header
    assert header.settings["swarm_speed"] == 70 and header.assisted
    assert header.category == f"{category_of(START)} [assist swarm_speed=70]"
    verdict = verify_file(target)
    assert verdict.ok, verdict.line()
