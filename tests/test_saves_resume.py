"""Saving and loading never changes a run: a run loaded from a save, fed the same frames, reaches the same
state digest as the run that went on without saving.

A scripted player plays chapter 1 (Malik's tour with its choice, Jenna's arrival and her walk to the chair,
the swarm tutorial the chair's conversation starts, the chapter's end) and walks through a door. Saves are
taken at every autosave the game makes (the chapter starts, the minigame's start, the new map) and by hand
mid-map and mid-conversation (on a line being revealed, and on a choice menu with the selection moved).
Each save goes through the file format (bytes and back), is loaded into a fresh game, and is fed the frames
that followed it; the final digests must be equal.
"""

from __future__ import annotations

import pytest

from game.app.boot import BootOptions, boot
from game.core.actions import Action
from game.core.run import StartPoint
from game.saves import slots
from game.saves.format import decode_save, encode_save, state_hash
from tests.story_driver import Driver


def load_game(body: dict):
    body = decode_save(encode_save(body))  # through the file format, as a player's save would go
    start = StartPoint.of("save", hash=state_hash(body))
    return boot(BootOptions(start=start, seed=body["state"]["run"]["seed"], headless=True, persist=False,
                            options={"save": body}))


def first_difference(body: dict, frames, digests: dict[int, str]) -> int | None:
    """Load ``body``, feed it the frames that followed it and compare its digest with the run that played on:
    right after loading, every tick for a second, then every 30 ticks and at the end. The first tick that
    differs, or None."""
    game = load_game(body)
    tick = body["state"]["run"]["tick"]
    assert game.ctx.run.tick == tick
    if game.digest() != digests[tick]:
        return tick
    for frame in frames[tick:]:
        game.step(frame)
        now = game.ctx.run.tick
        if (now - tick <= 60 or now % 30 == 0 or now == len(frames)) and game.digest() != digests[now]:
            return now
    return None


@pytest.fixture(scope="module")
def chapter_one(tmp_path_factory):
    """Play chapter 1 once, collecting the saves; returns (saves as (why, tick, body), frames, final digest)."""
    import os

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
        game = boot(BootOptions(start=StartPoint.of("new-game", difficulty="normal"), seed=11, headless=True))
        d = Driver(game)
        ctx = game.ctx
        digests: dict[int, str] = {}
        ctx.run.tick_listeners.append(lambda run, frame: digests.__setitem__(run.tick, game.digest()))

        def by_hand(why: str) -> None:
            collected.append((why, ctx.run.tick, ctx.saves.build("1", "manual")))

        d.idle(20)
        d.hold(Action.LEFT, 25)
        by_hand("mid-map, walking")
        d.talk_to("malik")
        d.idle(3)  # the first line is being revealed
        by_hand("mid-conversation, line revealing")
        d.read_until_choice()
        d.press(Action.DOWN)
        by_hand("mid-conversation, choice menu moved")
        d.choose(1)
        d.read_to_end()
        d.talk_to("jenna")
        d.read_to_end(choices=[0, 0])
        jenna, seat = d.explore.core.find_npc("jenna"), d.explore.world.spawns()["jenna_chair"].feet
        d.idle(30)
        by_hand("mid-map, Jenna walking to her chair")
        d.wait_for(lambda: jenna.feet == seat, 900, "Jenna to reach her chair")
        d.interact("nanobot_chair_1")
        d.read_to_end()
        from game.swarm.autopilot import SwarmAutopilot

        d.play_minigame(SwarmAutopilot())
        d.read_to_end()
        assert ctx.run.story.chapter == 2
        d.walk_through_door("to_street")
        d.idle(40)
        by_hand("mid-map, on the street")
        d.idle(60)
        return collected, d.frames, digests
    finally:
        slots.write_slot = real_write
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


pytestmark = pytest.mark.slow  # plays chapter 1 once (a few seconds), then loads each save


def test_the_run_saved_at_every_kind_of_moment(chapter_one):
    collected, _frames, _digests = chapter_one
    kinds = {why for why, _, _ in collected}
    assert {"autosave:chapter", "autosave:minigame", "autosave:map"} <= kinds
    chapters = sorted({body["meta"]["chapter"] for why, _, body in collected if why == "autosave:chapter"})
    assert chapters == [1, 2]  # the start of chapter 1 and of chapter 2
    assert any(body["state"]["dialogue"] for why, _, body in collected if why.startswith("mid-conversation"))
    assert any(body["state"]["dialogue"]["scene"]["menu"] == 1 for why, _, body in collected
               if why == "mid-conversation, choice menu moved")


def test_every_save_resumes_to_the_same_digest_as_playing_on(chapter_one):
    collected, frames, digests = chapter_one
    assert len(frames) == max(digests)
    for why, saved_at, body in collected:
        assert first_difference(body, frames, digests) is None, f"{why} (saved at tick {saved_at}) desynced"
