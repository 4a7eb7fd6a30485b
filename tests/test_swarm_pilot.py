"""The swarm autopilot's cheap parts (game.swarm.autopilot) against plain references written here: the route
search on bit masks against a queue, the block-wise scans of the bots against whole-array numpy.

The pilot's frames go into replays and tests: these parts must give exactly what the plain versions give
(the same distances, the same search length in ticks, the same bot, the same count)."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import numpy as np
import pytest

from game.swarm import autopilot as A
from game.swarm import tissue as T
from game.swarm.encounter import load
from game.swarm.navigation import StepPlanes, bits_of, steps_of
from game.swarm.sim import SUB, Swarm

FOLDER = Path(__file__).resolve().parent.parent / "levels" / "encounters" / "swarm"
SIZE4 = (A.ROWS4 + 2) * A.STRIDE4


def any2x2(mask: np.ndarray) -> np.ndarray:
    return mask[0::2, 0::2] | mask[1::2, 0::2] | mask[0::2, 1::2] | mask[1::2, 1::2]


def ref_field(swarm: Swarm, skip: set[int]) -> tuple[np.ndarray, np.ndarray]:
    """Breadth-first distances (4-neighbour steps on padded 4 px cells, FAR where never reached) from the
    walkable cells beside decay blocks (minus ``skip``), through walkable cells; and the decay blocks."""
    free = np.zeros((A.ROWS4 + 2, A.STRIDE4), bool)
    free[1:-1, 1:-1] = any2x2(swarm.reach.mask() & (swarm.tissue != T.NERVE))
    dec = np.zeros_like(free)
    dec[1:-1, 1:-1] = any2x2(swarm.tissue == T.DECAY)
    for cell in skip:
        dec.ravel()[cell] = False
    free, dec = free.ravel(), dec.ravel()
    dist = np.full(SIZE4, A.FAR, np.int64)
    queue = deque()
    for cell in np.flatnonzero(free):
        if any(dec[cell + d] for d in A._N4):
            dist[cell] = 0
            queue.append(int(cell))
    while queue:
        cell = queue.popleft()
        for d in A._N4:
            if free[cell + d] and dist[cell + d] == A.FAR:
                dist[cell + d] = dist[cell] + 1
                queue.append(cell + d)
    return dist, dec


def encounter_swarm(name: str, bots: int = 50) -> Swarm:
    return Swarm(load(FOLDER, name), np.random.Generator(np.random.PCG64(2)), bots=bots)


@pytest.mark.parametrize("name", ["tutorial", "malfunction", "emergency"])
def test_the_route_search_agrees_with_a_queue_and_takes_the_same_ticks(name):
    swarm = encounter_swarm(name)
    _, dec = ref_field(swarm, set())
    blocks = np.flatnonzero(dec)
    for skip in (set(), {int(b) for b in blocks[::3]}, {int(b) for b in blocks}):
        want, decay = ref_field(swarm, skip)
        field = A._DecayField(swarm, skip)
        advances = 0
        while not field.done:
            field.advance()
            advances += 1
        # the search took as many ticks as STEPS_PER_TICK steps a tick take: the last step finds nothing new
        reached = want[want < A.FAR]
        steps = int(reached.max()) + 1 if reached.size else 0
        assert advances == -(-steps // A.STEPS_PER_TICK)
        got = np.array([field.dist[cell] for cell in range(SIZE4)], np.int64)
        assert np.array_equal(got, want)
        assert np.array_equal(field.decay, decay)
        if skip == set():
            assert reached.size and reached.max() > 50


def test_the_route_search_with_no_decay_is_done_at_once():
    swarm = encounter_swarm("tutorial")
    swarm.tissue[swarm.tissue == T.DECAY] = T.DENTIN
    field = A._DecayField(swarm, set())
    assert field.done
    assert all(field.dist[cell] == A.FAR for cell in range(0, SIZE4, 7))


def test_step_planes_agree_with_steps_of_and_a_plain_count():
    rng = np.random.default_rng(4)
    size = 700
    for length in (1, 2, 3, 4, 7, 8, 9, 31, 32, 33, 300):
        reach_step = rng.integers(1, length + 1, size)  # the step that reaches each cell ...
        reach_step[rng.integers(0, 100, size) < 10] = 0  # ... some are sources ...
        reach_step[rng.integers(0, 100, size) < 10] = length + 5  # ... some are never reached
        unreached = [bits_of(reach_step > s) & bits_of(reach_step > 0) for s in range(length + 1)]
        unreached.append(unreached[-1])  # the last step finds nothing
        planes = StepPlanes()
        for mask in unreached:
            planes.add(mask)
        want = np.where((reach_step > 0) & (reach_step <= length), reach_step, 0)
        assert np.array_equal(steps_of(unreached, size), want)
        assert [planes.at(c) for c in range(size)] == want.tolist()


@pytest.mark.parametrize("n", [1, 2, 3, 4095, 4096, 4097, 16383, 16384, 16385, 50_001])
def test_the_bot_scans_agree_with_whole_array_numpy(n):
    rng = np.random.default_rng(n)
    scratch = A._Scratch()
    for trial in range(12):
        gx, gy = int(rng.integers(0, 640 * SUB)), int(rng.integers(0, 360 * SUB))
        if trial % 4 == 0:
            gx, gy = 0, 360 * SUB - 1  # the corners of the arena
        spread = int(rng.integers(10, 400)) * SUB
        x = np.clip(gx + rng.integers(-spread, spread, n), 0, 640 * SUB - 1).astype(np.int32)
        y = np.clip(gy + rng.integers(-spread, spread, n), 0, 360 * SUB - 1).astype(np.int32)
        if trial % 3 == 0:  # half the bots inside the box (one fewer, one more), some on its edge, the rest just out
            inside = max(0, n // 2 + (-1, 0, 1, 0)[trial // 3])
            right = gx + A.GATHER < 640 * SUB
            x[:], y[:] = gx + A.GATHER if right else gx - A.GATHER, gy
            x[:inside] = gx
            x[:inside:5] = gx + A.GATHER - 1 if right else gx - A.GATHER + 1
            order = rng.permutation(n)
            x, y = x[order], y[order]
        if trial % 5 == 1:
            x[::7], y[::7] = x[3 % n], y[3 % n]  # many ties for the nearest bot
        gathered = np.count_nonzero((np.abs(x - gx) < A.GATHER) & (np.abs(y - gy) < A.GATHER))
        assert scratch.fewer_than_half_near(x, y, gx, gy) == (gathered * 2 < n)
        mx = int(x.astype(np.int64).sum() // n)
        my = int(y.astype(np.int64).sum() // n)
        assert A._total(x) // n == mx and A._total(y) // n == my
        assert scratch.nearest_bot(x, y, mx, my) == int(np.argmin(np.abs(x - mx) + np.abs(y - my)))
