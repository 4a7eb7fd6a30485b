"""Skip-seen depends on the player's seen-lines file, so replays must carry that set with them."""

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from tests.replay_support import record, record_and_verify

START = StartPoint.of("dialogue", node="malik_tour")


def test_a_run_that_skips_lines_seen_in_an_earlier_playthrough_verifies(tmp_path):
    confirm, idle = ActionFrame(Action.CONFIRM, Action.CONFIRM), ActionFrame()
    first, _ = record(START, [confirm, idle] * 60, tmp_path, name="first.nsreplay")
    assert first.ctx.run.seen_lines, "the first playthrough saw some lines"

    from game.app.boot import BootOptions, boot
    from game.app.sources import ScriptedInput

    skip = ActionFrame(Action.SKIP, 0)
    frames = [ActionFrame(Action.SKIP, Action.SKIP)] + [skip] * 120
    replay, verdict = record_and_verify(START, frames, tmp_path)
    # what the first playthrough saved: every line of the conversations it closed (the one still open when it
    # stopped is saved when it closes)
    assert replay.header.seen_lines and set(replay.header.seen_lines) <= first.ctx.run.seen_lines
    # the same inputs without those seen lines play out differently, so the recorded set mattered
    fresh = boot(BootOptions(start=START, seed=5, headless=True, persist=False, options={"seen_lines": []}),
                 source=ScriptedInput(frames))
    fresh.run_headless(len(frames))
    assert fresh.digest() != replay.checkpoints[-1][1].hex()


def test_runs_start_with_the_seen_lines_on_disk_and_verification_uses_the_recorded_ones(tmp_path):
    from game.app.boot import BootOptions, boot

    confirm, idle = ActionFrame(Action.CONFIRM, Action.CONFIRM), ActionFrame()
    first, _ = record(START, [confirm, idle] * 60, tmp_path, name="first.nsreplay")
    later = boot(BootOptions(start=START, seed=1, headless=True))
    assert later.ctx.run.seen_at_start and set(later.ctx.run.seen_at_start) <= first.ctx.run.seen_lines
    sealed = boot(BootOptions(start=START, seed=1, headless=True, persist=False, options={"seen_lines": ["x"]}))
    assert sealed.ctx.run.seen_at_start == ("x",)
