"""A fixed-size pool of particles (decay debris, sparks): numpy arrays, no object per particle.

New particles overwrite slots round-robin, so the pool never grows and spawning costs the same at
any load. Positions and velocities are fixed-point integers (1/256 px), like the bots. Particles are
updated in the simulation tick (deterministically) but never affect the game.
"""

from __future__ import annotations

import numpy as np

DEBRIS, SPARK = 0, 1


class ParticlePool:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.x = np.zeros(capacity, np.int32)
        self.y = np.zeros(capacity, np.int32)
        self.vx = np.zeros(capacity, np.int32)
        self.vy = np.zeros(capacity, np.int32)
        self.life = np.zeros(capacity, np.int16)
        self.kind = np.zeros(capacity, np.uint8)
        self.next = 0

    def spawn(self, x: np.ndarray, y: np.ndarray, vx: np.ndarray, vy: np.ndarray, life: np.ndarray,
              kind: int | np.ndarray) -> None:
        n = min(int(x.size), self.capacity)
        if n == 0:
            return
        slots = (self.next + np.arange(n)) % self.capacity
        self.next = (self.next + n) % self.capacity
        self.x[slots] = x[:n]
        self.y[slots] = y[:n]
        self.vx[slots] = vx[:n]
        self.vy[slots] = vy[:n]
        self.life[slots] = life[:n]
        self.kind[slots] = kind if np.isscalar(kind) else kind[:n]

    def update(self, width: int, height: int) -> None:
        self.x += self.vx
        self.y += self.vy
        np.maximum(self.x, 0, out=self.x)
        np.minimum(self.x, width - 1, out=self.x)
        np.maximum(self.y, 0, out=self.y)
        np.minimum(self.y, height - 1, out=self.y)
        # debris sinks and slows; sparks slow down fast
        debris = self.kind == DEBRIS
        self.vy += debris.astype(np.int32) * 6
        self.vx -= self.vx >> 4
        self.vy -= self.vy >> 4
        np.subtract(self.life, 1, out=self.life, where=self.life > 0)

    @property
    def alive(self) -> int:
        return int(np.count_nonzero(self.life > 0))

    def state_bytes(self) -> bytes:
        return b"".join(a.tobytes() for a in (self.x, self.y, self.vx, self.vy, self.life, self.kind)) + \
            self.next.to_bytes(4, "little")
