"""Soak: over 100,000 ticks of seeded random action frames through every scene, in one long-lived game.

One game (one context, as a player's session) is moved from start point to start point: the title and
its menus, a new game, every map, every swarm and SPECTRA encounter, conversations. Random frames hold
random keys for random stretches, move and click the pointer, open the pause menu, settings, history,
the save and load screens; the game autosaves as it does for a player, and every few hundred ticks the
harness saves into a slot and loads it back, and Lena must be where she was, with the same story.
Whatever they do (quit included), nothing may raise, and memory may not grow: the process's resident size
after the last lap (read from ``/proc`` where there is one) may not have grown past a bound over the first
lap's (caches are full by then; the bound leaves room for the allocator's own ups and downs), and in one
more, shorter lap with every allocation traced (tracemalloc, numpy arrays included), what is still held at
its end out of what it allocated must stay small.
"""

from __future__ import annotations

import gc
import os
import random
import tracemalloc

import pytest

from game.app.boot import BootOptions, boot
from game.core.actions import ALL_ACTIONS, Action, ActionFrame
from game.core.run import StartPoint

LAPS = 3
TICKS_PER_STOP = 3100
#: a swarm tick costs twenty times a map tick: the swarm stops get fewer ticks (each still plays out a lot)
TICKS_PER_SWARM_STOP = 1000
SAVE_EVERY = 2500  # ticks between the harness's own save-and-load
KEPT_LIMIT = 2 * 1024 * 1024  # bytes allocated during the traced lap and still held at its end
RSS_LIMIT = 64 * 1024 * 1024  # bytes the process may hold more after the last lap than after the first

# keys a player presses often, and the rest now and then
COMMON = [Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT, Action.CONFIRM, Action.RUN, Action.FOCUS]
RARE = [a for a in ALL_ACTIONS if a not in COMMON]


class RandomPlayer:
    """Seeded random frames: a set of keys held for a random stretch, the pointer wandering and clicking."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.held = 0
        self.left = 0
        self.pointer = (320, 180)

    def next_frame(self) -> ActionFrame:
        rng = self.rng
        before = self.held
        if self.left <= 0:
            keys = rng.sample(COMMON, rng.randint(0, 2))
            if rng.random() < 0.08:
                keys.append(rng.choice(RARE))
            self.held = 0
            for key in keys:
                self.held |= int(key)
            self.left = rng.randint(1, 40)
        self.left -= 1
        if rng.random() < 0.05:
            x, y = self.pointer
            self.pointer = (min(639, max(0, x + rng.randint(-80, 80))), min(359, max(0, y + rng.randint(-60, 60))))
        pressed = self.held & ~before
        return ActionFrame(self.held, pressed, self.pointer)


def stops(ctx) -> list[StartPoint]:
    """Every kind of scene a run can be in, from the content as shipped."""
    from game.dialogue.scene import shared_dialogue
    from game.spectra.encounter import encounter_names
    from game.swarm import encounters
    from game.world.model import load_map

    points = [StartPoint.of("title"), StartPoint.of("new-game")]
    points += [StartPoint.of("map", map=load_map(p).name) for p in sorted(ctx.paths.levels.glob("*.tmx"))]
    points += [StartPoint.of("practice-swarm", level=name) for name in encounters(ctx)]
    points += [StartPoint.of("practice-spectra", encounter=name, difficulty="normal")
               for name in encounter_names(ctx.paths.encounters)]
    entries = sorted(n for n, node in shared_dialogue(ctx).nodes.items() if node.entry)
    points += [StartPoint.of("dialogue", node=name) for name in entries[::max(1, len(entries) // 4)]]
    return points


def resident() -> int | None:
    """The process's resident set size in bytes (Linux), or None where ``/proc`` does not say."""
    gc.collect()
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        return None


def where(ctx) -> tuple:
    explore = ctx.scenes.scenes[0]
    return explore.world.name, explore.core.player.x, explore.core.player.y, ctx.run.story.to_data()


def save_and_load(game, visited: set[str]) -> bool:
    """Save into slot 1 and load it back, as the pause menu's Save and Load do; True when it could save."""
    from game.saves import slots
    from game.saves.service import begin_from_save
    from game.saves.snapshot import is_saveable

    ctx = game.ctx
    if not is_saveable(ctx) or not ctx.saves.save("1"):
        return False
    before = where(ctx)
    found = slots.read_slot(ctx.paths.saves_dir, "1").usable
    assert found is not None, "a save just written cannot be read back"
    begin_from_save(ctx, found.body)
    assert where(ctx) == before, "the loaded save is not where the game was saved"
    visited.add("save-and-load")
    return True


def lap(game, player, points, visited: set[str], share: int = 1) -> int:
    """One visit to every stop (``1 / share`` of the usual ticks at each); returns the ticks played."""
    ctx = game.ctx
    ticks = 0
    for point in points:
        ctx.quit_requested = False
        ctx.begin_run(point)
        for _ in range((TICKS_PER_SWARM_STOP if point.name == "practice-swarm" else TICKS_PER_STOP) // share):
            if game.finished:  # the frames chose Quit, or ended the run: the player starts something else
                ctx.quit_requested = False
                ctx.begin_run(point)
            game.step(player.next_frame())
            ticks += 1
            visited.add(type(ctx.scenes.top).__name__)
            if ticks % SAVE_EVERY == 0:
                save_and_load(game, visited)
    return ticks


@pytest.mark.slow
def test_a_long_session_of_random_frames_through_every_scene_never_fails_and_does_not_grow(monkeypatch):
    # the saves go to a temporary folder: flushing each one to the disk (tested with the saves) would only
    # make the soak wait on the disk
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    game = boot(BootOptions(start=StartPoint.of("title"), seed=2026, headless=True))
    player = RandomPlayer(7)
    points = stops(game.ctx)
    visited: set[str] = set()
    total = lap(game, player, points, visited)
    after_first = resident()
    for _ in range(LAPS - 1):
        total += lap(game, player, points, visited)
    after_last = resident()
    # one more, shorter lap with every allocation traced (tracing slows the swarm down several times)
    gc.collect()
    tracemalloc.start()
    try:
        lap(game, player, points, visited, share=3)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    game.close()
    assert total >= 100_000
    assert kept < KEPT_LIMIT, f"{kept} bytes allocated during the last lap are still held"
    if after_first is not None and after_last is not None:
        assert after_last - after_first < RSS_LIMIT, (after_first, after_last)
    for scene in ("TitleScene", "ExplorationScene", "DialogueScene", "SwarmScene", "SpectraScene", "PauseScene",
                  "save-and-load"):
        assert scene in visited, f"the random frames never reached {scene} (visited {sorted(visited)})"
