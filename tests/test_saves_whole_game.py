"""Every chapter start of a whole game, played by following the objectives, is autosaved, and each of those
autosaves goes on exactly as the game that did not stop (the chapter transitions as the story makes them:
the chapter's end, its card, Lena placed for the next one)."""

from __future__ import annotations

import pytest

from game.app.boot import BootOptions, boot
from game.core.run import StartPoint
from game.saves import slots
from tests.story_driver import Driver
from tests.test_saves_resume import first_difference

pytestmark = pytest.mark.slow  # the whole game, played once (about ten seconds)


def test_every_chapter_start_of_a_whole_game_resumes_exactly(monkeypatch):
    from game.spectra.autopilot import SpectraAutopilot
    from game.swarm.autopilot import SwarmAutopilot

    def pilots(scene):
        return SwarmAutopilot() if hasattr(scene, "swarm") else SpectraAutopilot()

    starts: list[tuple[int, dict]] = []
    real_write = slots.write_slot

    def spy(saves_dir, slot, body, thumbnail_png=None):
        if body["meta"]["reason"] == "chapter":
            starts.append((body["meta"]["chapter"], body))
        return real_write(saves_dir, slot, body, thumbnail_png)

    monkeypatch.setattr(slots, "write_slot", spy)
    game = boot(BootOptions(start=StartPoint.of("new-game", difficulty="normal"), seed=3, headless=True))
    digests: dict[int, str] = {}
    game.ctx.run.tick_listeners.append(lambda run, frame: digests.__setitem__(run.tick, game.digest()))
    d = Driver(game)
    d.idle(2)
    d.finish_conversation(pilots=pilots)
    for _ in range(60):
        if d.credits:
            break
        d.follow_objective(pilots=pilots)
    assert d.credits
    chapters = [number for number, _ in starts]
    assert chapters == sorted(set(chapters)) and chapters[:4] == [1, 2, 3, 4], chapters
    for number, body in starts:
        assert body["state"]["run"]["story"]["chapter"] == number
        where = first_difference(body, d.frames, digests, window=1200)
        assert where is None, f"the start of chapter {number} desynced at tick {where}"
