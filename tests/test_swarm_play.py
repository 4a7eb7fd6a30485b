"""Whole encounters played through: the autopilot wins each on every difficulty, doing nothing loses,
and a casual sweep is no answer to the Emergency (its decay outruns it)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from game.core.actions import ActionFrame
from game.swarm.autopilot import SwarmAutopilot
from game.swarm.encounter import load
from game.swarm.sim import Swarm

FOLDER = Path(__file__).resolve().parent.parent / "levels" / "encounters" / "swarm"
LEVELS = ("tutorial", "malfunction", "emergency")


def play(name: str, difficulty: str, seed: int, pilot=None, frame=None) -> Swarm:
    swarm = Swarm(load(FOLDER, name, difficulty), np.random.Generator(np.random.PCG64(seed)))
    if pilot is not None:
        pilot.attach(SimpleNamespace(phase="play", swarm=swarm, t=0, on_finish=None))
    while not swarm.finished:
        swarm.step(pilot.next_frame() if pilot is not None else frame(swarm.tick_count))
    return swarm


@pytest.mark.slow
@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
@pytest.mark.parametrize("name", LEVELS)
def test_the_autopilot_wins_every_encounter_on_every_difficulty(name, difficulty):
    swarm = play(name, difficulty, 3, pilot=SwarmAutopilot())
    assert swarm.won, swarm.reason
    assert swarm.grade.letter in "SAB"


@pytest.mark.slow
@pytest.mark.parametrize("name", LEVELS)
def test_doing_nothing_loses_every_encounter(name):
    swarm = play(name, "normal", 3, frame=lambda tick: ActionFrame())
    assert not swarm.won and swarm.grade.letter == "C"


def sweep(tick: int) -> ActionFrame:
    """A casual sweep: the pointer goes back and forth over the crown, never stopping on the decay."""
    phase = (tick // 2) % 400
    return ActionFrame(0, 0, (120 + (phase if phase < 200 else 400 - phase) * 2, 90 + ((tick // 300) % 3) * 60))


@pytest.mark.slow
def test_a_casual_sweep_loses_the_emergency_on_normal_while_the_decay_spreads():
    swarm = play("emergency", "normal", 1, frame=sweep)
    assert not swarm.won and swarm.decay_percent > 100
    assert play("tutorial", "normal", 1, frame=sweep).won  # the routine cleaning forgives it
