"""The swarm's route finding (game.swarm.navigation) against plain, slow references written here.

The fast versions work on whole-grid bit masks and running minima; these references walk the grids cell
by cell with a queue and take the nearest neighbour with ``argmin``, the way the functions are specified.
They must agree to the last value, dtype and tie (a changed flow field changes every replay)."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import numpy as np
import pytest

from game.swarm import navigation as N
from game.swarm import tissue as T
from game.swarm.encounter import load
from game.swarm.sim import Swarm

FOLDER = Path(__file__).resolve().parent.parent / "levels" / "encounters" / "swarm"
ENCOUNTERS = ("tutorial", "malfunction", "emergency")
FC, FR = N.FLOW_COLS, N.FLOW_ROWS
DIRS = ((0, -1), (-1, 0), (1, 0), (0, 1), (-1, -1), (1, -1), (-1, 1), (1, 1))  # ties: straight steps first


# the references ------------------------------------------------------------------------------------------
def ref_flow_open(mask: np.ndarray) -> np.ndarray:
    free = np.zeros((FR + 2, FC + 2), bool)
    for r in range(FR):
        for c in range(FC):
            free[r + 1, c + 1] = bool(mask[r * 4:r * 4 + 4, c * 4:c * 4 + 4].any())
    return free.ravel()


def ref_flow_field(free: np.ndarray, bcx: int, bcy: int, vmax: int):
    """Breadth-first search over 8-neighbour steps from the beacon's cell (searched from even if closed),
    then each cell heads for its nearest neighbour (the first in DIRS order) when that is nearer."""
    grid = free.reshape(FR + 2, FC + 2)
    bcx, bcy = min(max(bcx, 0), FC - 1), min(max(bcy, 0), FR - 1)
    dist = np.full((FR + 2, FC + 2), N.FLOW_FAR, np.int32)
    dist[bcy + 1, bcx + 1] = 0
    queue = deque([(bcy + 1, bcx + 1)])
    while queue:
        r, c = queue.popleft()
        for dx, dy in DIRS:
            if grid[r + dy, c + dx] and dist[r + dy, c + dx] == N.FLOW_FAR:
                dist[r + dy, c + dx] = dist[r, c] + 1
                queue.append((r + dy, c + dx))
    inner = dist[1:-1, 1:-1]
    around = np.stack([dist[1 + dy:FR + 1 + dy, 1 + dx:FC + 1 + dx] for dx, dy in DIRS])
    best = np.argmin(around, axis=0)
    downhill = np.take_along_axis(around, best[None], axis=0)[0] < inner
    diag = vmax * 181 // 256
    vx = np.array([dx * (diag if dy else vmax) for dx, dy in DIRS], np.int64)
    vy = np.array([dy * (diag if dx else vmax) for dx, dy in DIRS], np.int64)
    velocity = np.stack((np.where(downhill, vx[best], 0).ravel(), np.where(downhill, vy[best], 0).ravel()))
    near = (inner <= N.FLOW_NEAR) | (inner >= N.FLOW_FAR)
    return velocity, near.ravel(), inner.ravel().copy()


def ref_flood(reach: np.ndarray, passable: np.ndarray, seeds) -> None:
    """Mark every passable cell 4-connected to the seeds through passable cells not yet reached (padded)."""
    s = T.COLS + 2
    queue = deque(int(p) for p in seeds if passable[p] and not reach[p])
    for p in queue:
        reach[p] = True
    while queue:
        p = queue.popleft()
        for n in (p - s, p - 1, p + 1, p + s):
            if passable[n] and not reach[n]:
                reach[n] = True
                queue.append(n)


def pad(cells: np.ndarray) -> np.ndarray:
    return cells + (cells // T.COLS) * 2 + T.COLS + 3


class RefReach:
    def __init__(self, tissue: np.ndarray, start: np.ndarray) -> None:
        self.passable = np.zeros((T.ROWS + 2) * (T.COLS + 2), bool)
        self.passable.reshape(T.ROWS + 2, T.COLS + 2)[1:-1, 1:-1] = tissue < T.FIRST_SOLID
        self.reach = np.zeros_like(self.passable)
        ref_flood(self.reach, self.passable, pad(start))
        self.version = 0

    def opened(self, cells: np.ndarray) -> None:
        p = pad(cells)
        self.passable[p] = True
        s = T.COLS + 2
        touching = [q for q in p if self.reach[q - s] or self.reach[q - 1] or self.reach[q + 1] or self.reach[q + s]]
        before = int(self.reach[p].sum())
        ref_flood(self.reach, self.passable, touching)
        if int(self.reach[p].sum()) != before:
            self.version += 1

    def closed(self, cells: np.ndarray) -> None:
        p = pad(cells)
        self.passable[p] = False
        self.reach[p] = False
        self.version += 1


def ref_nearest(mask: np.ndarray, cell: int) -> int:
    """The reachable cell fewest 8-neighbour steps (the Chebyshev distance) away; ties to the lowest index."""
    if mask.ravel()[cell]:
        return cell
    rows, cols = np.nonzero(mask)
    if rows.size == 0:
        return cell
    r, c = divmod(cell, T.COLS)
    steps = np.maximum(np.abs(rows - r), np.abs(cols - c))
    k = int(np.argmin(steps))  # nonzero lists cells in index order: the first minimum is the lowest index
    return int(rows[k]) * T.COLS + int(cols[k])


# helpers ---------------------------------------------------------------------------------------------------
def same(got: np.ndarray, want: np.ndarray) -> None:
    assert got.dtype == want.dtype and got.shape == want.shape
    assert got.flags.c_contiguous
    assert np.array_equal(got, want)


def same_field(free: np.ndarray, bcx: int, bcy: int, vmax: int = 2048) -> None:
    got = N.flow_field(free, bcx, bcy, vmax)
    want = ref_flow_field(free, bcx, bcy, vmax)
    for g, w in zip(got, want, strict=True):
        same(g, w)


def encounter_swarm(name: str) -> Swarm:
    return Swarm(load(FOLDER, name), np.random.Generator(np.random.PCG64(3)), bots=50)


def random_tissue(rng: np.random.Generator, open_share: int) -> np.ndarray:
    """Random open cells in blobs (open_share in 100ths), sealed boxes (pockets) and an open top row."""
    coarse = rng.integers(0, 100, (T.ROWS // 6, T.COLS // 8)) < open_share
    grid = np.repeat(np.repeat(coarse, 6, axis=0), 8, axis=1)
    grid ^= rng.integers(0, 100, grid.shape) < 8  # speckle
    for _ in range(4):  # closed rings round open pockets: cut off from the rest
        r, c = int(rng.integers(2, T.ROWS - 40)), int(rng.integers(2, T.COLS - 60))
        h, w = int(rng.integers(12, 38)), int(rng.integers(12, 58))
        grid[r:r + h, c:c + w] = False
        grid[r + 2:r + h - 2, c + 2:c + w - 2] = True
    grid[0] = True
    return np.where(grid, T.SPACE, T.ENAMEL).astype(np.uint8)


# the flow field ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ENCOUNTERS)
def test_flow_field_agrees_with_the_reference_on_each_encounters_tooth(name):
    sw = encounter_swarm(name)
    free = N.flow_open(sw.reach.mask())
    same(free, ref_flow_open(sw.reach.mask()))
    assert free.any() and not free.all()
    rng = np.random.default_rng(len(name))
    beacons = [(0, 0), (FC - 1, FR - 1), (FC - 1, 0), (0, FR - 1), (-5, 3), (FC + 9, FR + 2), (40, 22)]
    beacons += [(int(x), int(y)) for x, y in zip(rng.integers(0, FC, 14), rng.integers(0, FR, 14), strict=True)]
    for bcx, bcy in beacons:
        same_field(free, bcx, bcy)
    same_field(free, 40, 10, vmax=1000)  # a speed whose diagonal rounds down


@pytest.mark.parametrize("seed", range(4))
def test_flow_field_agrees_with_the_reference_on_random_open_maps(seed):
    rng = np.random.default_rng(100 + seed)
    free = np.zeros((FR + 2, FC + 2), bool)
    free[1:-1, 1:-1] = rng.integers(0, 100, (FR, FC)) < (45, 60, 75, 95)[seed]
    free[5:16, 5:20] = False  # a pocket sealed all round: its cells stay FLOW_FAR
    free[7:14, 7:18] = True
    free = free.ravel()
    cells = np.flatnonzero(free.reshape(FR + 2, FC + 2)[1:-1, 1:-1].ravel())
    picks = [int(c) for c in rng.choice(cells, 25, replace=False)] + [0, FC - 1, (FR - 1) * FC, FR * FC - 1]
    for cell in picks:  # beacons on open cells, in the pocket, on the border and on closed cells
        same_field(free, cell % FC, cell // FC)
    same_field(free, 10, 10)  # inside the pocket
    same_field(free, 5, 5)  # on the pocket's wall


def test_flow_field_agrees_with_the_reference_on_long_paths_and_tiny_maps():
    # a serpentine (walls across every other row, the gap at alternate ends): distances far beyond 255 steps
    grid = np.zeros((FR + 2, FC + 2), bool)
    grid[1:-1, 1:-1] = True
    for r in range(2, FR, 2):
        grid[r, 1:-1] = False
        grid[r, FC if r % 4 else 1] = True
    free = grid.ravel()
    got = N.flow_field(free, 0, 0, 2048)
    assert got[2][got[2] < N.FLOW_FAR].max() > 600
    for bcx, bcy in ((0, 0), (FC - 1, FR - 1), (40, 21), (79, 1)):
        same_field(free, bcx, bcy)
    # nothing open at all, a single open cell, everything open
    empty = np.zeros((FR + 2) * (FC + 2), bool)
    same_field(empty, 3, 4)
    one = empty.copy()
    one[(4 + 1) * (FC + 2) + 3 + 1] = True
    same_field(one, 3, 4)
    same_field(one, 4, 4)
    full = np.zeros((FR + 2, FC + 2), bool)
    full[1:-1, 1:-1] = True
    for bcx, bcy in ((0, 0), (79, 44), (13, 31)):
        same_field(full.ravel(), bcx, bcy)


def test_flow_open_agrees_with_the_reference_on_random_masks():
    rng = np.random.default_rng(7)
    for share in (1, 20, 70):
        mask = rng.integers(0, 100, (T.ROWS, T.COLS)) < share
        same(N.flow_open(mask), ref_flow_open(mask))
        padded = np.zeros((T.ROWS + 2, T.COLS + 2), bool)  # a view like Reach.mask()
        padded[1:-1, 1:-1] = mask
        same(N.flow_open(padded[1:-1, 1:-1]), ref_flow_open(mask))


# the reachable area ------------------------------------------------------------------------------------------
def check_reach(fast: N.Reach, ref: RefReach) -> None:
    same(fast.reach, ref.reach)
    same(fast.passable, ref.passable)
    assert fast.version == ref.version


def open_and_compare(fast: N.Reach, ref: RefReach, cells: np.ndarray) -> None:
    fast.opened(cells)
    ref.opened(cells)
    check_reach(fast, ref)


def exercise(tissue: np.ndarray, rng: np.random.Generator) -> None:
    top = np.flatnonzero(tissue[0] < T.FIRST_SOLID)
    fast, ref = N.Reach(tissue, top), RefReach(tissue, top)
    check_reach(fast, ref)
    solid = np.flatnonzero(tissue.ravel() >= T.FIRST_SOLID)
    # the edge of the reachable area: solid cells beside reachable ones (what decay breaking open looks like)
    mask = fast.mask()
    edge = np.zeros_like(mask)
    edge[1:] |= mask[:-1]
    edge[:-1] |= mask[1:]
    edge[:, 1:] |= mask[:, :-1]
    edge[:, :-1] |= mask[:, 1:]
    edge = np.flatnonzero((edge & (tissue >= T.FIRST_SOLID)).ravel())
    for size in (1, 1, 2, 3, 5, 11, 40, 64, 65, 300):  # the numbers broken in a tick; past 64 in bulk
        cells = np.union1d(rng.choice(edge, min(size, edge.size), replace=False),
                           rng.choice(solid, max(1, size // 4), replace=False))
        open_and_compare(fast, ref, cells)
        probe = [int(c) for c in rng.integers(0, T.ROWS * T.COLS, 12)]
        assert [fast.nearest(c) for c in probe] == [ref_nearest(ref.reach.reshape(T.ROWS + 2, T.COLS + 2)[1:-1, 1:-1],
                                                                c) for c in probe]
    closing = rng.choice(np.flatnonzero(fast.mask().ravel()), 30, replace=False)
    fast.closed(closing)
    ref.closed(closing)
    check_reach(fast, ref)
    open_and_compare(fast, ref, closing[:10])
    open_and_compare(fast, ref, closing[10:])


@pytest.mark.parametrize("name", ENCOUNTERS)
def test_reach_agrees_with_the_reference_on_each_encounters_tooth(name):
    exercise(encounter_swarm(name).tissue.copy(), np.random.default_rng(len(name) + 50))


@pytest.mark.parametrize("seed", range(2))
def test_reach_agrees_with_the_reference_on_random_maps_with_sealed_pockets(seed):
    rng = np.random.default_rng(seed)
    tissue = random_tissue(rng, (55, 35)[seed])
    exercise(tissue, rng)


def test_opening_a_large_sealed_pocket_floods_all_of_it():
    tissue = np.full((T.ROWS, T.COLS), T.ENAMEL, np.uint8)
    tissue[0:10] = T.SPACE
    tissue[30:150, 20:300] = T.SPACE  # a sealed pocket of 33,600 cells
    top = np.arange(T.COLS)
    fast, ref = N.Reach(tissue, top), RefReach(tissue, top)
    assert not fast.mask()[40, 40]
    door = np.arange(10, 30) * T.COLS + 160  # a corridor from the mouth into the pocket
    open_and_compare(fast, ref, door[:10])
    assert fast.version == 1
    open_and_compare(fast, ref, door[10:])
    assert fast.version == 2 and fast.mask()[40, 40] and fast.mask()[149, 299]


def test_nearest_agrees_with_the_reference_at_the_borders_and_with_nothing_reachable():
    tissue = np.full((T.ROWS, T.COLS), T.ENAMEL, np.uint8)
    tissue[0:90, 8] = T.SPACE  # a shaft from the mouth: below it, cells on both sides tie
    tissue[0, 100:110] = T.SPACE
    tissue[T.ROWS - 1, T.COLS - 1] = T.SPACE  # sealed off: never the answer
    reach = N.Reach(tissue, np.array([8, 100]))
    reach.opened(np.array([89 * T.COLS + 7, 89 * T.COLS + 9]))
    assert reach.mask()[89, 7] and not reach.mask()[T.ROWS - 1, T.COLS - 1]
    corners = [0, T.COLS - 1, (T.ROWS - 1) * T.COLS, T.ROWS * T.COLS - 1, 92 * T.COLS + 8, 91 * T.COLS + 6,
               45 * T.COLS + 200, 5 * T.COLS + 104]
    for cell in corners:
        assert reach.nearest(cell) == ref_nearest(reach.mask(), cell)
        assert reach.nearest(cell) == ref_nearest(reach.mask(), cell)  # the cached answer
    none = N.Reach(np.full((T.ROWS, T.COLS), T.ENAMEL, np.uint8), np.array([5]))
    assert not none.mask().any()
    for cell in corners:
        assert none.nearest(cell) == cell
