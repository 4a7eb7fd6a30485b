"""The built-in swarm pilot: it plays an encounter through the same action frames a player makes.

It reads the swarm's state (never changes it) and points where a player would: at the nearest
exposed decay, or at the rogue bots when the recall pulse is ready, pressing Recall once the beacon is
on them and holding Focus while grinding. Used by ``neosmiles practice swarm --autopilot``, the
end-to-end tests and the benchmark. Never imports pygame.
"""

from __future__ import annotations

import numpy as np

from game.core.actions import Action, ActionFrame
from game.swarm import tissue as T
from game.swarm.sim import PAIN_MAX, SUB, TISSUE_SHIFT, Swarm


class SwarmAutopilot:
    """An input source: ``next_frame()``. The scene calls ``attach(scene)`` when it starts."""

    def __init__(self) -> None:
        self.scene = None
        self.pointer = (320, 40)
        self._target: tuple[int, int] | None = None
        self._retarget_at = 0
        self._retreat_until = 0

    def attach(self, scene) -> None:
        self.scene = scene
        self._target = None
        self._retarget_at = 0

    def next_frame(self) -> ActionFrame:
        scene = self.scene
        if scene is None:
            return ActionFrame(0, 0, self.pointer)
        if scene.phase == "brief":
            return ActionFrame(Action.CONFIRM, Action.CONFIRM if scene.t % 2 == 0 else 0, self.pointer)
        if scene.phase != "play":
            return ActionFrame(0, 0, self.pointer)
        held, pressed = self.decide(scene.swarm)
        return ActionFrame(held, pressed, self.pointer)

    def decide(self, swarm: Swarm) -> tuple[int, int]:
        """Choose the pointer and buttons for this tick from the swarm's state."""
        tick = swarm.tick_count
        bx, by = swarm.beacon.x // SUB, swarm.beacon.y // SUB
        if swarm.beacon.last_pointer is None:
            # the beacon follows the pointer only once it moves: first show where the pointer rests
            self.pointer = (bx, by)
            return 0, 0
        if swarm.rogues and swarm.recall_ready:
            r = swarm.rogue_idx
            rx = int(swarm.x[r].astype(np.int64).sum() // r.size) // SUB
            ry = int(swarm.y[r].astype(np.int64).sum() // r.size) // SUB
            self.pointer = (rx, ry)
            radius = swarm.encounter.recall_radius
            if (bx - rx) ** 2 + (by - ry) ** 2 <= (radius * 2 // 3) ** 2:
                return Action.RECALL, Action.RECALL
            return 0, 0
        if swarm.pain > PAIN_MAX // 2 and swarm.in_pulp:
            self._retreat_until = tick + 90
        if tick < self._retreat_until:
            # pull the swarm out of the pulp: straight up, away from the nerve
            self.pointer = (bx, max(20, by - 60))
            return 0, 0
        if self._target is None or tick >= self._retarget_at or not self._still_decay(swarm, self._target):
            self._target = self._nearest_decay(swarm, bx, by)
            self._retarget_at = tick + 45
        if self._target is None:
            self.pointer = (320, 60)
            return 0, 0
        self.pointer = self._target
        near = (bx - self._target[0]) ** 2 + (by - self._target[1]) ** 2 < 40 * 40
        return (Action.FOCUS, 0) if near else (0, 0)

    @staticmethod
    def _still_decay(swarm: Swarm, target: tuple[int, int]) -> bool:
        cx, cy = target[0] >> 1, target[1] >> 1
        return bool(swarm.tissue[cy, cx] == T.DECAY)

    @staticmethod
    def _nearest_decay(swarm: Swarm, bx: int, by: int) -> tuple[int, int] | None:
        cells = np.flatnonzero(T.exposed_decay(swarm.tissue).ravel())
        if cells.size == 0:
            cells = np.flatnonzero(swarm.tissue_flat == T.DECAY)
            if cells.size == 0:
                return None
        cx = (cells % T.COLS) * 2 + 1
        cy = (cells // T.COLS) * 2 + 1
        d = (cx - bx) ** 2 + (cy - by) ** 2
        best = int(np.argmin(d))
        return int(cx[best]), int(cy[best])


def cell_centre(cell: int) -> tuple[int, int]:
    """A tissue cell's centre in fixed point (helper for tools and tests)."""
    return ((cell % T.COLS) << TISSUE_SHIFT) + 256, ((cell // T.COLS) << TISSUE_SHIFT) + 256
