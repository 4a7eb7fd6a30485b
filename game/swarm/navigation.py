"""Where the swarm can go, and how it gets there. Integer numpy only; never imports pygame.

- ``Reach``: the open tissue cells connected to the mouth (a flood fill from the swarm's start, grown as
  decay breaks open: only the newly opened cells are searched from, so the cost follows what changed).
  An open pocket sealed inside the tooth (the pulp of a healthy molar) is open tissue, yet unreachable.
- ``Reach.nearest``: the reachable cell nearest a point; the beacon slides there when it is pushed
  into tissue or a sealed pocket, so it can never be parked where no bot can follow.
- ``flow_field``: per 8 px cell, the velocity along the shortest open path to the beacon (a
  breadth-first search over index lists from the beacon's cell), and where bots should seek it directly.
"""

from __future__ import annotations

import numpy as np

from game.swarm import tissue as T

_STRIDE = T.COLS + 2  # the reach grid is padded by one closed cell on every side
_N4 = np.array([-_STRIDE, -1, 1, _STRIDE], np.intp)
_N8 = np.array([-_STRIDE - 1, -_STRIDE, -_STRIDE + 1, -1, 1, _STRIDE - 1, _STRIDE, _STRIDE + 1], np.intp)


def _pad_index(cells: np.ndarray) -> np.ndarray:
    """Padded flat index of unpadded flat tissue cells."""
    return cells + (cells // T.COLS) * 2 + _STRIDE + 1


def _unpad_index(cells: np.ndarray) -> np.ndarray:
    r, c = np.divmod(cells, _STRIDE)
    return (r - 1) * T.COLS + (c - 1)


def _flood(reach: np.ndarray, passable: np.ndarray, seeds: np.ndarray) -> None:
    """Mark in ``reach`` (padded, flat) every passable cell 4-connected to ``seeds`` (padded indices)."""
    seeds = seeds[passable[seeds] & ~reach[seeds]]
    reach[seeds] = True
    frontier = seeds
    while frontier.size:
        nb = (frontier[:, None] + _N4).ravel()
        nb = nb[passable[nb] & ~reach[nb]]
        if nb.size == 0:
            break
        nb = np.unique(nb)
        reach[nb] = True
        frontier = nb


class Reach:
    """The tissue cells the swarm can reach (see the module docstring)."""

    def __init__(self, tissue: np.ndarray, start_cells: np.ndarray) -> None:
        self.passable = np.zeros((T.ROWS + 2) * _STRIDE, bool)
        self.reach = np.zeros_like(self.passable)
        self.passable.reshape(T.ROWS + 2, _STRIDE)[1:-1, 1:-1] = tissue < T.FIRST_SOLID
        _flood(self.reach, self.passable, _pad_index(start_cells))
        self.version = 0
        self._nearest: dict[int, int] = {}

    def opened(self, cells: np.ndarray) -> None:
        """Tissue cells (unpadded flat) that just became passable: grow the reachable area through them."""
        pad = _pad_index(cells)
        self.passable[pad] = True
        touching = np.zeros(pad.size, bool)
        for d in _N4:
            touching |= self.reach[pad + d]
        if touching.any():
            before = int(np.count_nonzero(self.reach[pad]))
            _flood(self.reach, self.passable, pad[touching])
            if int(np.count_nonzero(self.reach[pad])) != before:
                self.version += 1
                self._nearest.clear()

    def closed(self, cells: np.ndarray) -> None:
        """Tissue cells that became solid (decay taking the pulp): bots can no longer stand there."""
        pad = _pad_index(cells)
        self.passable[pad] = False
        self.reach[pad] = False
        self.version += 1
        self._nearest.clear()

    def reachable(self, cell: int) -> bool:
        return bool(self.reach[cell + (cell // T.COLS) * 2 + _STRIDE + 1])

    def mask(self) -> np.ndarray:
        """Reachable cells as a ROWS x COLS bool grid (a view)."""
        return self.reach.reshape(T.ROWS + 2, _STRIDE)[1:-1, 1:-1]

    def nearest(self, cell: int) -> int:
        """The reachable cell nearest ``cell`` (8-neighbour steps; ties go to the lowest index), cached."""
        found = self._nearest.get(cell)
        if found is not None:
            return found
        start = cell + (cell // T.COLS) * 2 + _STRIDE + 1
        if self.reach[start]:
            return cell
        inside = np.zeros_like(self.reach)
        inside.reshape(T.ROWS + 2, _STRIDE)[1:-1, 1:-1] = True
        seen = ~inside
        seen[start] = True
        frontier = np.array([start], np.intp)
        result = cell
        while frontier.size:
            nb = (frontier[:, None] + _N8).ravel()
            nb = nb[~seen[nb]]
            if nb.size == 0:
                break
            nb = np.unique(nb)
            hit = nb[self.reach[nb]]
            if hit.size:
                result = int(_unpad_index(hit[:1])[0])
                break
            seen[nb] = True
            frontier = nb
        if len(self._nearest) > 4096:
            self._nearest.clear()
        self._nearest[cell] = result
        return result


# the flow field -----------------------------------------------------------------------------------------
FLOW_SHIFT = 11  # 8 px flow-field cells (fixed point: 256 units per pixel)
FLOW_COLS, FLOW_ROWS = 640 // 8, 360 // 8
FLOW_NEAR = 8  # path steps (64 px): closer than this, bots seek the beacon in a straight line
FLOW_FAR = 30_000  # the distance of a cell the search never reached (cut off from the beacon)
_DIRS = ((0, -1), (-1, 0), (1, 0), (0, 1), (-1, -1), (1, -1), (-1, 1), (1, 1))
_FSTRIDE = FLOW_COLS + 2
_FOFFSETS = np.array([dy * _FSTRIDE + dx for dx, dy in _DIRS], np.intp)


def flow_open(reach_mask: np.ndarray) -> np.ndarray:
    """8 px cells with any reachable tissue cell in them, padded by a closed border (flat bool)."""
    cells = reach_mask.reshape(FLOW_ROWS, 4, FLOW_COLS, 4).any(axis=(1, 3))
    free = np.zeros((FLOW_ROWS + 2, _FSTRIDE), bool)
    free[1:-1, 1:-1] = cells
    return free.ravel()


def flow_field(free: np.ndarray, bcx: int, bcy: int, vmax: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Velocities ((2, cells): x and y rows, flat per 8 px cell) leading along open cells ``free`` (from
    ``flow_open``) to cell (bcx, bcy); the cells close enough (or cut off) where bots should seek the
    beacon directly; and the path distance of each cell (``FLOW_FAR`` where cut off). Integer-only."""
    bcx = min(max(bcx, 0), FLOW_COLS - 1)
    bcy = min(max(bcy, 0), FLOW_ROWS - 1)
    dist = np.full((FLOW_ROWS + 2) * _FSTRIDE, FLOW_FAR, np.int32)
    flat_free = free.copy()
    start = (bcy + 1) * _FSTRIDE + bcx + 1
    dist[start] = 0
    flat_free[start] = False
    frontier = np.array([start], np.intp)
    slot = np.zeros(flat_free.size, np.intp)  # per cell, where it last appeared in this step's list
    count = np.arange(8 * flat_free.size, dtype=np.intp)
    step = 0
    while frontier.size:  # breadth-first over index lists: the cost follows the frontier, not the grid
        step += 1
        nb = (frontier[:, None] + _FOFFSETS).ravel()
        nb = nb[flat_free[nb]]
        flat_free[nb] = False
        dist[nb] = step
        # drop repeats (a cell reached from several frontier cells) without sorting: keep the last copy
        order = count[:nb.size]
        slot[nb] = order
        frontier = nb[slot[nb] == order]
    grid = dist.reshape(FLOW_ROWS + 2, _FSTRIDE)
    inner = grid[1:-1, 1:-1]
    neighbours = np.stack([grid[1 + dy:FLOW_ROWS + 1 + dy, 1 + dx:FLOW_COLS + 1 + dx] for dx, dy in _DIRS])
    best = np.argmin(neighbours, axis=0)
    downhill = np.take_along_axis(neighbours, best[None], axis=0)[0] < inner
    diag = vmax * 181 // 256
    speed = np.array([diag if dx and dy else vmax for dx, dy in _DIRS], np.int32)
    fx = np.where(downhill, np.array([dx for dx, _ in _DIRS], np.int32)[best] * speed[best], 0).astype(np.int32)
    fy = np.where(downhill, np.array([dy for _, dy in _DIRS], np.int32)[best] * speed[best], 0).astype(np.int32)
    near = (inner <= FLOW_NEAR) | (inner >= FLOW_FAR)
    return np.stack((fx.ravel(), fy.ravel())).astype(np.int64), near.ravel(), inner.ravel().copy()
