"""Record then verify a run of every scene type: the map, a conversation, SPECTRA practice, the story chain.

The frames come from the scripted player (``tests.story_driver``) or from a minigame's autopilot: first
they are played in one game, then recorded from a fresh boot with the same seed and verified headless,
so a replay that would not reproduce the run it came from fails here.
"""

from __future__ import annotations

from game.app.boot import BootOptions, boot
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.replay.format import Replay, encode, read_file, runs_from_frames
from game.spectra.autopilot import SpectraAutopilot
from game.speedrun.verify import verify_file
from tests.replay_support import record_and_verify
from tests.story_driver import Driver

SEED = 11


def drive(start: StartPoint, seed: int = SEED) -> Driver:
    return Driver(boot(BootOptions(start=start, seed=seed, headless=True, persist=False)))


def test_exploration_through_a_door_round_trips(tmp_path):
    start = StartPoint.of("map", map="clinic", spawn="start")
    d = drive(start)
    d.walk_through_door("to_street")
    d.idle(30)
    assert d.explore.world.name == "street" and d.ctx.run.story.has("visited_street")
    replay, verdict = record_and_verify(start, d.frames, tmp_path, seed=SEED)
    assert StartPoint.from_json(replay.header.start_json) == start and verdict.ticks == len(d.frames)
    assert verdict.digest == d.game.digest()  # the recorded run ends where the driven one did


def test_a_changed_step_in_an_exploration_replay_is_a_desync_at_the_next_checkpoint(tmp_path):
    start = StartPoint.of("map", map="clinic", spawn="office")  # a long walk out of the building
    d = drive(start)
    d.walk_through_door("to_street")
    d.idle(60)
    _, verdict = record_and_verify(start, d.frames, tmp_path, seed=SEED)
    target = tmp_path / "run.nsreplay"
    replay = read_file(target)
    frames = list(replay.frames())
    walking = Action.LEFT | Action.RIGHT | Action.UP | Action.DOWN
    changed = next(i for i in range(70, len(frames)) if frames[i].held & walking)
    frames[changed] = ActionFrame(0, 0, frames[changed].pointer)  # the key let go for one tick
    edited = Replay(replay.header, tuple(runs_from_frames(frames)), replay.checkpoints, replay.result)
    bad = tmp_path / "edited.nsreplay"
    bad.write_bytes(encode(edited))
    verdict = verify_file(bad)
    tick = changed + 1  # frames[i] is the frame of tick i + 1
    expected = (tick + 59) // 60 * 60  # the first state digest at or after the edited tick
    assert verdict.status == "desync" and verdict.desync_tick == expected, verdict.line()


def test_a_conversation_with_choices_round_trips(tmp_path):
    start = StartPoint.of("dialogue", node="malik_tour", chapter=1)
    d = drive(start)
    d.read_until_choice()
    d.choose(0)
    d.read_to_end()
    assert d.ctx.run.story.has("tour_reception") and d.ctx.run.story.counter("malik_jokes") == 1
    d.idle(10)
    _, verdict = record_and_verify(start, d.frames, tmp_path, seed=SEED)
    assert verdict.digest == d.game.digest()


def test_a_click_on_a_large_text_choice_round_trips_and_needs_the_recorded_text_size(tmp_path):
    import dataclasses

    start = StartPoint.of("dialogue", node="malik_tour", chapter=1)
    d = Driver(boot(BootOptions(start=start, seed=SEED, headless=True, persist=False,
                                settings_override={"text_size": 2})))
    d.read_until_choice()
    menu = d.dialogue.menu
    assert menu.scale == 2 and menu.rect.inflate(16, 12).top >= 0 and menu.rect.inflate(16, 12).right <= 640
    spot = menu.row_rect(0).midtop[0], menu.row_rect(0).top + 3  # the top edge of the first (large) row
    d.step(ActionFrame(0, 0, spot))
    d.step(ActionFrame(int(Action.POINTER), int(Action.POINTER), spot))
    d.step(ActionFrame(0, 0, spot))
    assert d.ctx.run.story.counter("malik_jokes") == 1  # the click chose "I designed this building"
    d.read_to_end()
    d.idle(10)
    replay, verdict = record_and_verify(start, d.frames, tmp_path, seed=SEED, settings={"text_size": 2})
    assert replay.header.settings["text_size"] == 2 and verdict.digest == d.game.digest()
    # the same input at normal size: the click lands above the smaller menu, so the run goes elsewhere
    header = dataclasses.replace(replay.header, settings={**replay.header.settings, "text_size": 1})
    normal = tmp_path / "normal.nsreplay"
    normal.write_bytes(encode(Replay(header, replay.runs, replay.checkpoints, replay.result)))
    assert verify_file(normal).status == "desync"


def test_spectra_practice_played_by_the_autopilot_round_trips(tmp_path):
    start = StartPoint.of("practice-spectra", encounter="first-layer", difficulty="normal")
    target = tmp_path / "spectra.nsreplay"
    pilot = SpectraAutopilot()
    game = boot(BootOptions(start=start, seed=SEED, headless=True, record=target), source=pilot)
    scene = game.ctx.scenes.top
    game.run_headless(20_000, until=lambda: scene.dive.finished)
    game.close()
    assert scene.dive.won
    verdict = verify_file(target)
    assert verdict.ok, verdict.line()
    assert read_file(target).result.splits[0].name == "spectra:first-layer"


def test_the_story_chain_map_dialogue_spectra_and_back_round_trips(tmp_path):
    start = StartPoint.of("map", map="clinic", spawn="server_room", chapter=2, flags="malfunction_done")
    d = drive(start)
    d.interact("spectra_console")
    d.read_to_end()
    d.play_minigame(SpectraAutopilot())
    d.read_to_end()
    assert d.ctx.run.story.chapter == 3 and d.top is d.explore
    replay, verdict = record_and_verify(start, d.frames, tmp_path, seed=SEED)
    assert [s.name for s in replay.result.splits] == ["spectra:first-layer", "chapter-2"]
