"""Minigame pilots for the autoplayer: the built-in winning pilots, and careless ones that lose.

The swarm and SPECTRA packages ship pilots that win through ordinary action frames. Route 3 must lose
each encounter once and go on, the way a careless player does, also only through action frames: the
careless swarm pilot leads the swarm into the pulp and holds Focus there until the pain ends the
treatment; the careless SPECTRA pilot reads the intro, asks for every hint (each costs time) and then
lets the clock run out. Both take the results screen's Continue like the winning pilots. Pure: no pygame.
"""

from __future__ import annotations

import numpy as np

from game.core.actions import Action
from game.spectra.autopilot import SpectraAutopilot
from game.spectra.puzzle import Dive
from game.swarm import tissue as T
from game.swarm.autopilot import SwarmAutopilot
from game.swarm.sim import SUB, Swarm


class CarelessSwarmPilot(SwarmAutopilot):
    """Leads the swarm into the pulp and keeps it there (the treatment is lost to pain, or to the clock)."""

    def decide(self, swarm: Swarm) -> tuple[int, int]:
        bx, by = swarm.beacon.x // SUB, swarm.beacon.y // SUB
        if swarm.beacon.last_pointer is None:
            self.pointer = (bx, by)  # the beacon follows the pointer once it moves: show where it rests first
            return 0, 0
        pulp = np.flatnonzero((swarm.tissue == T.PULP).ravel())
        if pulp.size:
            rows, cols = np.divmod(pulp, T.COLS)
            self.pointer = (int(cols.sum() // pulp.size) * T.CELL_PX + 1, int(rows.sum() // pulp.size) * T.CELL_PX + 1)
        return Action.FOCUS, 0


class CarelessSpectraPilot(SpectraAutopilot):
    """Asks for every hint on the layer and then does nothing until the clock runs out."""

    def decide(self, dive: Dive) -> Action:
        if dive.phase != "play":
            return super().decide(dive)
        return Action.HINT if dive.hints < 3 else Action.NONE


def winning_frame_source(kind: str):
    return SwarmAutopilot() if kind == "swarm" else SpectraAutopilot()


def losing_frame_source(kind: str):
    return CarelessSwarmPilot() if kind == "swarm" else CarelessSpectraPilot()

