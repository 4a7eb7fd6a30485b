"""The built-in swarm pilot: it plays an encounter through the same action frames a player makes.

It reads the swarm's state (never changes it) and points where a player would: a little way along the
shortest open path to the nearest decay (waiting for stragglers, giving up on cells it cannot reach),
or at the rogue bots when the recall pulse is ready, pressing Recall once the beacon is on them; it
holds Focus while grinding and pulls the swarm out of the pulp when the pain gets high. Used by
``neosmiles practice swarm --autopilot``, the end-to-end tests and the benchmark. Never imports pygame.
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
        self._decay_cell: int | None = None
        self._final = False
        self._waiting = 0
        self._skip: set[int] = set()
        self._watch: tuple[int, int, int] = (-1, -1, 0)
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
        if scene.phase == "results" and scene.on_finish is not None:
            # in the story the results offer only Continue: take it, so the Outcome goes back to the dialogue
            # (in practice, Retry or Quit to title is the player's choice: the pilot stays idle)
            return ActionFrame(0, Action.CONFIRM if scene.t % 20 == 0 else 0, self.pointer)
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
        cell = self._decay_cell
        if self._final and cell is not None and self._still_decay(swarm, cell):
            hp = int(swarm.hp_flat[cell])
            if hp != self._watch[1] or cell != self._watch[0]:
                self._watch = (cell, hp, tick)
            elif tick - self._watch[2] > 150:
                self._skip.add(cell)  # the swarm cannot get at this cell from here: try another for now
                self._retarget_at = tick
        if tick % 1200 == 0:
            self._skip.clear()
        if self._target is None or tick >= self._retarget_at or not self._still_decay(swarm, self._decay_cell):
            self._plan(swarm)
            self._retarget_at = tick + 24
        if self._target is None:
            self.pointer = (320, 50)
            return 0, 0
        self.pointer = self._target
        near = self._final and (bx - self._target[0]) ** 2 + (by - self._target[1]) ** 2 < 40 * 40
        return (Action.FOCUS, 0) if near else (0, 0)

    @staticmethod
    def _still_decay(swarm: Swarm, cell: int | None) -> bool:
        return cell is not None and bool(swarm.tissue_flat[cell] == T.DECAY)

    def _plan(self, swarm: Swarm) -> None:
        """Path-find (breadth-first over open tissue, around the pulp) from the swarm to the nearest
        reachable decay and put the pointer a little way along that path, as a player leads the swarm."""
        t = swarm.tissue
        walk = (t == T.SPACE) | (t == T.CLEAN)
        # path-finding runs on 4 px cells (2x2 tissue cells; open when any of them is open)
        walk4 = walk.reshape(T.ROWS // 2, 2, T.COLS // 2, 2).any(axis=(1, 3))
        # lead from the beacon once most of the swarm has gathered round it; until then wait for it,
        # starting from the bot closest to the swarm's centroid (always in an open cell)
        bx, by = swarm.beacon.x, swarm.beacon.y
        gathered = np.count_nonzero((np.abs(swarm.x - bx) < 48 * SUB) & (np.abs(swarm.y - by) < 48 * SUB))
        src = (by >> (TISSUE_SHIFT + 1), bx >> (TISSUE_SHIFT + 1))
        if gathered * 2 < swarm.n or not walk4[src]:
            self._waiting += 1
            if self._waiting <= 4 and self._target is not None and self._still_decay(swarm, self._decay_cell):
                return  # keep leading towards the same waypoint while the swarm catches up
            self._waiting = 0  # waited long enough: go back for the stragglers
            mx = int(swarm.x.astype(np.int64).sum() // swarm.n)
            my = int(swarm.y.astype(np.int64).sum() // swarm.n)
            k = int(np.argmin(np.abs(swarm.x - mx) + np.abs(swarm.y - my)))
            src = (int(swarm.y[k]) >> (TISSUE_SHIFT + 1), int(swarm.x[k]) >> (TISSUE_SHIFT + 1))
        dist4 = _distances(walk4, src)
        dist = np.repeat(np.repeat(dist4, 2, axis=0), 2, axis=1)
        dist[~walk] = -1
        decay = np.flatnonzero((t == T.DECAY).ravel())
        if self._skip and decay.size > len(self._skip):
            decay = decay[~np.isin(decay, np.array(sorted(self._skip)))]
        self._target, self._decay_cell, self._final = None, None, False
        if decay.size == 0:
            return
        # each decay cell's distance: that of its nearest reached open neighbour
        big = np.iinfo(np.int32).max
        d = np.where(dist < 0, big, dist).astype(np.int64)
        pad = np.pad(d, 1, constant_values=big)
        near = np.minimum(np.minimum(pad[:-2, 1:-1], pad[2:, 1:-1]), np.minimum(pad[1:-1, :-2], pad[1:-1, 2:]))
        reach = near.ravel()[decay]
        best = int(np.argmin(reach))
        cell = int(decay[best])
        cy, cx = divmod(cell, T.COLS)
        self._decay_cell = cell
        if reach[best] >= big:
            # nothing reachable yet: aim at the nearest decay in a straight line
            self._target, self._final = (cx * 2 + 1, cy * 2 + 1), True
            return
        # walk back from the decay towards the swarm; the waypoint is LEAD cells out from the swarm
        here = int(reach[best])
        y = x = -1
        for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            ny, nx = cy + dy, cx + dx
            if 0 <= ny < T.ROWS and 0 <= nx < T.COLS and dist[ny, nx] == here:
                y, x = ny // 2, nx // 2
                break
        path = [(y, x)]
        while here > 0:
            for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                ny, nx = y + dy, x + dx
                if 0 <= ny < dist4.shape[0] and 0 <= nx < dist4.shape[1] and dist4[ny, nx] == here - 1:
                    y, x, here = ny, nx, here - 1
                    path.append((y, x))
                    break
            else:
                break
        path.reverse()  # from the swarm to the decay
        if len(path) <= LEAD:
            self._target, self._final = (cx * 2 + 1, cy * 2 + 1), True
        else:
            wy, wx = path[LEAD]
            self._target = (wx * 4 + 2, wy * 4 + 2)


LEAD = 9  # 4 px cells (36 px) ahead of the swarm along the path


def _distances(walk: np.ndarray, src: tuple[int, int]) -> np.ndarray:
    """Breadth-first distances (4-neighbour steps) over ``walk`` from ``src``; -1 where unreachable."""
    dist = np.full(walk.shape, -1, np.int32)
    dist[src] = 0
    frontier = np.zeros(walk.shape, bool)
    frontier[src] = True
    free = walk.copy()
    free[src] = False
    step = 0
    while True:
        step += 1
        grow = np.zeros_like(frontier)
        grow[1:, :] |= frontier[:-1, :]
        grow[:-1, :] |= frontier[1:, :]
        grow[:, 1:] |= frontier[:, :-1]
        grow[:, :-1] |= frontier[:, 1:]
        grow &= free
        if not grow.any():
            return dist
        dist[grow] = step
        free &= ~grow
        frontier = grow
