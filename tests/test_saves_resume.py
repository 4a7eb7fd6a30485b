"""Saving and loading never changes a run: a run loaded from a save, fed the same frames, reaches the same
state digest as the run that went on without saving.

A scripted player plays chapter 1 as the objectives lead it (the opening and its chapter card, Malik's tour
walked stop by stop, the letter, Jenna, the swarm tutorial the chair's conversation starts, the chapter's
end and the next chapter's card) and then walks through the door to the street. Saves are taken at every
autosave the game makes (chapter starts, the minigame's start, a new place) and, by a watcher that knows
nothing of the story, at the first moment of each kind: Lena walking, someone walking a scripted route, a
line half revealed, a choice menu open, and every 1,600 ticks. Each save goes through the file format (bytes
and back), is loaded into a fresh game and fed the frames that followed it; its digests must equal the
played run's right after loading, on every tick of the next second, then every 30 ticks: to the end of the
run for the autosaves, for 900 ticks (15 seconds) for the others.
"""

from __future__ import annotations

import os

import pytest

from game.app.boot import BootOptions, boot
from game.core.run import StartPoint
from game.saves import slots
from game.saves.format import decode_save, encode_save, state_hash
from game.saves.snapshot import game_scenes, is_saveable
from tests.story_driver import Driver

pytestmark = pytest.mark.slow  # plays chapter 1 once (a few seconds), then loads each save


def load_game(body: dict):
    body = decode_save(encode_save(body))  # through the file format, as a player's save would go
    start = StartPoint.of("save", hash=state_hash(body))
    return boot(BootOptions(start=start, seed=body["state"]["run"]["seed"], headless=True, persist=False,
                            options={"save": body}))


def first_difference(body: dict, frames, digests: dict[int, str], window: int | None = None) -> int | None:
    """Load ``body``, feed it the frames that followed it (``window`` of them, or all) and compare its digest
    with the run that played on: right after loading, every tick for a second, then every 30 ticks and at the
    end. The first tick that differs, or None."""
    game = load_game(body)
    tick = body["state"]["run"]["tick"]
    assert game.ctx.run.tick == tick
    if game.digest() != digests[tick]:
        return tick
    for frame in frames[tick:None if window is None else tick + window]:
        game.step(frame)
        now = game.ctx.run.tick
        if (now - tick <= 60 or now % 30 == 0 or now == len(frames)) and game.digest() != digests[now]:
            return now
    return None


class Watcher:
    """After every tick: the digest, and a save at the first moment of each kind (knowing no story)."""

    def __init__(self, game, collected) -> None:
        self.game, self.collected = game, collected
        self.digests: dict[int, str] = {}
        self.kinds: set[str] = set()

    def __call__(self, run, frame) -> None:
        ctx = self.game.ctx
        self.digests[run.tick] = self.game.digest()
        if not is_saveable(ctx):
            return
        explore, dialogue, _ = game_scenes(ctx)
        moments = {
            "Lena walking": dialogue is None and explore.core.player.walking,
            "someone on a scripted walk": any(n.route and not n.loop for n in explore.core.npcs),
            "a line half revealed": dialogue is not None and dialogue.event is not None
            and 0 < dialogue.line_ticks < 20 and not dialogue.line_complete,
            "a choice menu open": dialogue is not None and dialogue.menu is not None,
            f"tick {run.tick}": run.tick % 1600 == 0,
        }
        for kind, now in moments.items():
            if now and kind not in self.kinds:
                self.kinds.add(kind)
                self.collected.append((kind, run.tick, ctx.saves.build("1", "manual")))


@pytest.fixture(scope="module")
def chapter_one(tmp_path_factory):
    """Play chapter 1 once, collecting the saves; returns (saves as (why, tick, body), frames, digests)."""
    folders = tmp_path_factory.mktemp("user")
    old = {key: os.environ.get(key) for key in ("NEOSMILES_DATA_DIR", "NEOSMILES_CONFIG_DIR")}
    os.environ["NEOSMILES_DATA_DIR"] = str(folders / "data")
    os.environ["NEOSMILES_CONFIG_DIR"] = str(folders / "config")
    collected: list[tuple[str, int, dict]] = []
    real_write = slots.write_slot

    def spy(saves_dir, slot, body, thumbnail_png=None):
        collected.append((f"autosave:{body['meta']['reason']}", body["state"]["run"]["tick"], body))
        return real_write(saves_dir, slot, body, thumbnail_png)

    slots.write_slot = spy
    try:
        from game.spectra.autopilot import SpectraAutopilot
        from game.swarm.autopilot import SwarmAutopilot

        def pilots(scene):
            return SwarmAutopilot() if hasattr(scene, "swarm") else SpectraAutopilot()

        game = boot(BootOptions(start=StartPoint.of("new-game", difficulty="normal"), seed=11, headless=True))
        d = Driver(game)
        watcher = Watcher(game, collected)
        game.ctx.run.tick_listeners.append(watcher)
        story = game.ctx.run.story
        d.idle(2)  # the opening is cued: it opens on the first tick
        d.finish_conversation(pilots=pilots)  # the opening and its card
        for _ in range(20):
            if story.chapter != 1:
                break
            d.follow_objective(pilots=pilots)
        assert story.chapter == 2
        d.finish_conversation(pilots=pilots)  # chapter 2's card and opening
        street = next(o for o in d.explore.world.by_kind("door") if o.prop("target_map") == "street")
        d.walk_through_door(street.name)
        d.idle(60)
        return collected, d.frames, watcher.digests
    finally:
        slots.write_slot = real_write
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_the_run_saved_at_every_kind_of_moment(chapter_one):
    collected, _frames, _digests = chapter_one
    kinds = {why for why, _, _ in collected}
    assert {"autosave:chapter", "autosave:minigame", "autosave:map"} <= kinds, kinds
    assert {"Lena walking", "someone on a scripted walk", "a line half revealed", "a choice menu open"} <= kinds
    chapters = sorted({body["meta"]["chapter"] for why, _, body in collected if why == "autosave:chapter"})
    assert chapters == [1, 2]  # the start of chapter 1 and of chapter 2


def test_every_save_resumes_to_the_same_digest_as_playing_on(chapter_one):
    collected, frames, digests = chapter_one
    assert len(frames) == max(digests)
    for why, saved_at, body in collected:
        window = None if why.startswith("autosave:") else 900
        assert first_difference(body, frames, digests, window) is None, f"{why} (saved at tick {saved_at}) desynced"
