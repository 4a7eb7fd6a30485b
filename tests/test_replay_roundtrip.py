"""Record a run, then verify it: every scene type available now round-trips without a desync."""

from __future__ import annotations

import pytest
from replay_support import CANCEL, CONFIRM, DOWN, IDLE, PAUSE, RECALL, RIGHT, UP, record, record_and_verify, register

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.replay.format import read_file


@pytest.fixture(autouse=True)
def _starts(monkeypatch):
    register(monkeypatch)


def dot_frames(n=300):
    frames = []
    for i in range(n):
        held = Action.RIGHT if (i // 40) % 2 == 0 else Action.DOWN
        pressed = Action.POINTER if i % 97 == 50 else 0
        frames.append(ActionFrame(held | pressed, pressed, (i % 640, (i * 7) % 360)))
    return frames


def test_dot_scene_round_trip(tmp_path):
    replay, verdict = record_and_verify(StartPoint.of("test-dot"), dot_frames(), tmp_path)
    assert replay.ticks == 300 and replay.result.outcome == "stopped"
    assert [t for t, _ in replay.checkpoints] == [60, 120, 180, 240, 300]
    assert verdict.game_ticks == 300 and verdict.time == "0:00:05.000"


def pad(frames, n):
    """``frames`` spaced out with idle ticks so each lands on its own tick, then idle up to ``n`` ticks."""
    out = []
    for frame in frames:
        out += [frame, IDLE, IDLE]
    return out + [IDLE] * max(0, n - len(out))


def test_title_menu_and_settings_round_trip(tmp_path):
    # down past New game and Practice to Settings, text speed changed twice (a simulation setting),
    # back to the title, idle
    frames = pad([DOWN, DOWN, CONFIRM, DOWN, DOWN, DOWN, RIGHT, RIGHT, DOWN, CONFIRM, CANCEL, DOWN], 240)
    replay, verdict = record_and_verify(StartPoint.of("test-menus"), frames, tmp_path)
    assert replay.ticks == 240 and replay.header.practice
    # menus never count game time
    assert verdict.game_ticks == 0


def test_pause_menu_settings_and_resume_round_trip(tmp_path):
    frames = [RIGHT] * 20 + pad([PAUSE, DOWN, DOWN, CONFIRM, DOWN, RIGHT, CANCEL, UP, UP, CONFIRM], 60) + [DOWN] * 50
    replay, verdict = record_and_verify(StartPoint.of("test-dot"), frames, tmp_path)
    # the time spent in the pause and settings menus is not game time
    assert verdict.game_ticks < replay.ticks


def test_quit_to_title_from_pause_ends_the_run(tmp_path):
    # Quit to title, then "Quit" in the question that follows ("Keep playing" is preselected)
    frames = [RIGHT] * 30 + pad([PAUSE, DOWN, DOWN, DOWN, CONFIRM, UP, CONFIRM], 0) + [IDLE] * 30
    replay, _ = record_and_verify(StartPoint.of("test-dot"), frames, tmp_path)
    assert replay.result.outcome == "left"
    assert replay.ticks == 30 + 19  # the run ends on the tick the quit was confirmed


def test_restart_from_pause_starts_a_new_recorded_run(tmp_path):
    frames = [RIGHT] * 30 + pad([PAUSE, DOWN, CONFIRM, UP, CONFIRM], 0) + [DOWN] * 70
    game, target = record(StartPoint.of("test-dot"), frames, tmp_path)
    replays = sorted((tmp_path / "data" / "replays").glob("*.nsreplay"))
    assert len(replays) == 2  # the restarted attempt and the new one
    outcomes = sorted(read_file(p).result.outcome for p in replays)
    assert outcomes == ["restarted", "stopped"]
    from game.speedrun.verify import verify_file

    for path in replays:
        assert verify_file(path).ok


def test_practice_menu_begins_a_run_that_verifies(tmp_path, monkeypatch):
    import game.starts as starts
    from game.starts import PracticeEntry

    monkeypatch.setattr(starts, "practice_entries", lambda ctx: [PracticeEntry("Dot", StartPoint.of("test-dot"))])
    # title (not recorded) -> Practice -> Dot: the new run's seed comes from the title run's RNG
    frames = pad([DOWN, CONFIRM, CONFIRM], 0) + dot_frames(200)  # past New game to Practice, then Dot
    from game.app.boot import BootOptions, boot
    from game.app.sources import ScriptedInput

    target = tmp_path / "practice.nsreplay"
    game = boot(BootOptions(start=StartPoint.of("title"), seed=3, headless=True, record=target),
                source=ScriptedInput(frames))
    for frame in frames:
        game.step(frame)
    game.close()
    replay = read_file(target)
    assert replay.header.category == "test-dot" and replay.header.practice
    assert replay.ticks == len(frames) - 7  # from the tick after the choice
    from game.speedrun.verify import verify_file

    assert verify_file(target).ok


def test_a_finishing_split_ends_the_run_and_sets_a_personal_best(tmp_path):
    from game.paths import Paths
    from game.replay.pb import personal_best_frames
    from game.replay.splits import load_splits

    start = StartPoint.of("test-dot", chapter=1)
    frames = [RIGHT] * 29 + [CONFIRM] + [DOWN] * 60 + [RECALL] + [IDLE] * 40
    replay, verdict = record_and_verify(start, frames, tmp_path)
    assert replay.result.outcome == "finished"
    assert [(s.name, s.game_ticks) for s in replay.result.splits] == [("dot:1", 30), ("chapter-1", 91)]
    assert replay.ticks == 91 and verdict.time == "0:00:01.516"
    paths = Paths.from_env()
    splits = load_splits(paths.data_dir, replay.header.category)
    assert splits.pb == [("dot:1", 30), ("chapter-1", 91)] and splits.attempts == 1
    assert splits.golds == {"dot:1": 30, "chapter-1": 61} and splits.sum_of_best() == 91
    ghost = personal_best_frames(paths, replay.header.category)
    assert ghost is not None and len(ghost) == 91 and ghost[29] == CONFIRM
    # a personal best from another version of the game retraces nothing under today's rules: no ghost
    from dataclasses import replace as changed

    from game.replay.format import encode
    from game.replay.pb import pb_replay_path

    pb = pb_replay_path(paths.replays_dir, replay.header.category)
    older = changed(replay, header=changed(replay.header, game_version="0.0.1"))
    pb.write_bytes(encode(older))
    assert personal_best_frames(paths, replay.header.category) is None


def test_a_changed_input_is_a_desync_at_the_next_checkpoint(tmp_path):
    from game.replay.format import Replay, encode, runs_from_frames
    from game.speedrun.verify import verify_file

    _, target = record(StartPoint.of("test-dot"), dot_frames(300), tmp_path)
    replay = read_file(target)
    frames = list(replay.frames())
    frames[99] = ActionFrame(Action.LEFT, 0, frames[99].pointer)  # tick 100 (the next click is at tick 148)
    edited = Replay(replay.header, tuple(runs_from_frames(frames)), replay.checkpoints, replay.result)
    bad = tmp_path / "edited.nsreplay"
    bad.write_bytes(encode(edited))
    verdict = verify_file(bad)
    assert verdict.status == "desync" and verdict.desync_tick == 120
    assert verdict.line() == f"DESYNC at tick 120 {bad}"


def test_an_edited_time_is_caught(tmp_path):
    from dataclasses import replace

    from game.replay.format import encode
    from game.speedrun.verify import verify_file

    _, target = record(StartPoint.of("test-dot"), dot_frames(120), tmp_path)
    replay = read_file(target)
    faster = replace(replay, result=replace(replay.result, game_ticks=60))
    target.write_bytes(encode(faster))
    assert verify_file(target).status == "desync"


def test_on_screen_timer_follows_the_setting(tmp_path):
    from game.app.boot import BootOptions, boot
    from game.speedrun.session import SpeedrunSession

    game = boot(BootOptions(start=StartPoint.of("test-dot", chapter=1), seed=1, headless=True))
    session = next(o for o in game.overlays if isinstance(o, SpeedrunSession))
    settings = game.ctx.settings
    assert settings["timer"] == "off" and session.timer_text() is None
    for frame in [RIGHT] * 59 + [CONFIRM] + [RIGHT] * 30 + pad([PAUSE, CANCEL], 0):
        game.step(frame)
    # 96 ticks, of which the 3 with the pause menu on top do not count
    settings.set("timer", "game")
    assert game.ctx.run.game_ticks == 93 and session.timer_text() == "0:00:01.550"
    settings.set("timer", "chapter")  # since the last split (dot:1 at 60 ticks)
    assert session.timer_text() == "0:00:00.550"
    game.step(RECALL)  # chapter-1 finishes the run: the timer freezes on the final time
    for _ in range(30):
        game.step(IDLE)
    settings.set("timer", "game")
    assert session.final_time == 94 and session.timer_text() == "0:00:01.566"
    game.draw()  # the timer and the split's delta draw without touching the state


def test_practice_with_a_chosen_seed_records_that_seed(tmp_path, monkeypatch):
    import game.starts as starts
    from game.app.boot import BootOptions, boot
    from game.app.sources import ScriptedInput
    from game.starts import PracticeEntry

    entries = lambda ctx: [PracticeEntry("Dot", StartPoint.of("test-dot"))]  # noqa: E731
    monkeypatch.setattr(starts, "practice_entries", entries)  # (the menus ask through the context)
    nxt = ActionFrame(Action.NEXT, Action.NEXT)
    frames = pad([DOWN, CONFIRM, DOWN, RIGHT, RIGHT, RIGHT, nxt, UP, CONFIRM], 0) + dot_frames(100)
    target = tmp_path / "seeded.nsreplay"
    game = boot(BootOptions(start=StartPoint.of("title"), seed=3, headless=True, record=target),
                source=ScriptedInput(frames))
    for frame in frames:
        game.step(frame)
    game.close()
    replay = read_file(target)
    assert replay.header.seed == 103
    from game.speedrun.verify import verify_file

    assert verify_file(target).ok


def test_livesplit_server_gets_the_timer_and_the_splits(tmp_path):
    from game.app.boot import BootOptions, boot
    from game.speedrun.session import SpeedrunSession
    from tests.replay_support import FakeLiveSplitServer

    server = FakeLiveSplitServer()
    game = boot(BootOptions(start=StartPoint.of("title"), seed=1, headless=True))
    session = next(o for o in game.overlays if isinstance(o, SpeedrunSession))
    session.livesplit_port = server.port
    game.ctx.settings.set("livesplit_server", True)
    game.ctx.begin_run(StartPoint.of("test-dot", chapter=1))
    for frame in [RIGHT] * 30 + pad([PAUSE, CANCEL], 0) + [RIGHT] * 9 + [CONFIRM]:
        game.step(frame)
    server.wait(lambda: game.step(IDLE))  # bounded: let the client flush
    game.close()
    lines = bytes(server.received).decode().split("\r\n")
    assert lines[:5] == ["reset", "starttimer", "initgametime", "pausegametime", "setgametime 0:00:00.000"]
    assert "unpausegametime" in lines and lines.index("pausegametime", 4) > lines.index("unpausegametime")
    assert lines[-3:] == ["setgametime 0:00:00.716", "split", ""]  # 43 ticks of play before the split
