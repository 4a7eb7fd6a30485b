"""Each chapter's start is autosaved, and loading that autosave goes on exactly as the run that did not stop:
the same frames (walking about, talking, reading) give the same state digest on every tick checked."""

from __future__ import annotations

import random

import pytest

from game.app.boot import BootOptions, boot
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.saves import slots
from game.saves.format import decode_save, state_hash
from game.starts import has_start

CHAPTERS = (1, 2, 3, 4)


def chapter_start(n: int) -> StartPoint:
    if has_start("chapter"):
        return StartPoint.of("chapter", chapter=n)
    return StartPoint.of("map", map="clinic", spawn="start", chapter=n)


def wandering(seed: int, ticks: int) -> list[ActionFrame]:
    """A player walking about, stopping, turning, pressing CONFIRM to talk and read (from a seeded script)."""
    rnd = random.Random(seed)
    frames: list[ActionFrame] = []
    while len(frames) < ticks:
        held = rnd.choice([Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT, 0, Action.RUN | Action.LEFT])
        for _ in range(rnd.randint(5, 40)):
            pressed = Action.CONFIRM if rnd.random() < 0.08 else 0
            frames.append(ActionFrame(held | pressed, pressed))
    return frames[:ticks]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_chapter_start_autosave_resumes_exactly(chapter, monkeypatch):
    written = []
    real_write = slots.write_slot

    def spy(saves_dir, slot, body, thumbnail_png=None):
        path = real_write(saves_dir, slot, body, thumbnail_png)
        written.append(path.read_bytes())  # the file as written, before a later autosave replaces it
        return path

    monkeypatch.setattr(slots, "write_slot", spy)
    frames = wandering(chapter, 420)
    game = boot(BootOptions(start=chapter_start(chapter), seed=20 + chapter, headless=True))
    ctx = game.ctx
    digests = {}
    for frame in frames:
        game.step(frame)
        digests[ctx.run.tick] = game.digest()
    assert written, "no autosave"
    body = decode_save(written[0])
    assert body["meta"]["reason"] == "chapter", "the first autosave of a run is its chapter's start"
    assert body["meta"]["chapter"] == chapter == body["state"]["run"]["story"]["chapter"]
    tick = body["state"]["run"]["tick"]
    assert tick <= 240, "the chapter's start is saved as soon as it can be (its title card over)"
    loaded = boot(BootOptions(start=StartPoint.of("save", hash=state_hash(body)), seed=body["state"]["run"]["seed"],
                              headless=True, persist=False, options={"save": body}))
    assert loaded.digest() == digests[tick]
    for frame in frames[tick:]:
        loaded.step(frame)
        assert loaded.digest() == digests[loaded.ctx.run.tick], f"desync at tick {loaded.ctx.run.tick}"
