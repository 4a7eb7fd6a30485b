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

from functools import reduce
from operator import xor

import numpy as np

from game.swarm import tissue as T

_STRIDE = T.COLS + 2  # the reach grid is padded by one closed cell on every side


def _pad_index(cells: np.ndarray) -> np.ndarray:
    """Padded flat index of unpadded flat tissue cells."""
    return cells + (cells // T.COLS) * 2 + _STRIDE + 1


def bits_of(mask: np.ndarray) -> int:
    """A flat bool array as one Python integer (bit i is cell i): a step of a search over the whole grid
    is then a few shifts and masks of it."""
    return int.from_bytes(np.packbits(mask, bitorder="little").tobytes(), "little")


def mask_of(bits: int, size: int) -> np.ndarray:
    """The flat bool array of ``size`` cells whose set bits are ``bits`` (the inverse of ``bits_of``)."""
    raw = np.frombuffer(bits.to_bytes((size + 7) // 8, "little"), np.uint8)
    return np.unpackbits(raw, count=size, bitorder="little").view(bool)


_FLOOD_CELLS = 256  # a flood is walked cell by cell up to this many cells, then grown on whole-grid bit masks


def _flood(reach: np.ndarray, passable: np.ndarray, seeds: list[int]) -> None:
    """Mark in ``reach`` (padded, flat) every passable cell 4-connected to ``seeds`` (padded indices).

    Most floods are a cell or two (a decay cell broken at the edge of the reachable area): they are
    walked one cell at a time. A flood still going after ``_FLOOD_CELLS`` cells (the start, a pocket
    breaking open) grows the rest of the way a whole ring per step on the grid as bit masks."""
    rv, pv = memoryview(reach), memoryview(passable)
    todo = []
    for s in seeds:
        if pv[s] and not rv[s]:
            rv[s] = True
            todo.append(s)
    budget = _FLOOD_CELLS
    while todo:
        budget -= 1
        if budget < 0:
            _flood_bits(reach, passable, todo)
            return
        c = todo.pop()
        for n in (c - _STRIDE, c - 1, c + 1, c + _STRIDE):
            if pv[n] and not rv[n]:
                rv[n] = True
                todo.append(n)


def _flood_bits(reach: np.ndarray, passable: np.ndarray, frontier_cells: list[int]) -> None:
    """The rest of a flood: ``frontier_cells`` are marked, their neighbours not yet looked at."""
    free = bits_of(passable & ~reach)
    start = np.zeros_like(reach)
    start[frontier_cells] = True
    frontier = bits_of(start)
    left = free
    while frontier:
        frontier = ((frontier << 1) | (frontier >> 1) | (frontier << _STRIDE) | (frontier >> _STRIDE)) & left
        left ^= frontier
    reach |= mask_of(free ^ left, reach.size)


class Reach:
    """The tissue cells the swarm can reach (see the module docstring)."""

    def __init__(self, tissue: np.ndarray, start_cells: np.ndarray) -> None:
        self.passable = np.zeros((T.ROWS + 2) * _STRIDE, bool)
        self.reach = np.zeros_like(self.passable)
        self.passable.reshape(T.ROWS + 2, _STRIDE)[1:-1, 1:-1] = tissue < T.FIRST_SOLID
        _flood(self.reach, self.passable, _pad_index(start_cells).tolist())
        self.version = 0
        self._nearest: dict[int, int] = {}

    def opened(self, cells: np.ndarray) -> None:
        """Tissue cells (unpadded flat) that just became passable: grow the reachable area through them."""
        pad = _pad_index(cells)
        self.passable[pad] = True
        reach = self.reach
        if pad.size <= 64:  # the usual few broken cells: look at their neighbours one by one
            rv = memoryview(reach)
            touching = [p for p in pad.tolist() if rv[p - _STRIDE] or rv[p - 1] or rv[p + 1] or rv[p + _STRIDE]]
        else:
            touching = pad[reach[pad - _STRIDE] | reach[pad - 1] | reach[pad + 1] | reach[pad + _STRIDE]].tolist()
        if touching:
            before = int(np.count_nonzero(reach[pad]))
            _flood(reach, self.passable, touching)
            if int(np.count_nonzero(reach[pad])) != before:
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
        """The reachable cell nearest ``cell`` (8-neighbour steps; ties go to the lowest index), cached.

        Within the grid, 8-neighbour steps are the Chebyshev distance: the square of radius r round
        ``cell`` is searched for r = 1, 2, ...; the first square holding a reachable cell has them all
        on its rim, and the first in reading order is the lowest index."""
        found = self._nearest.get(cell)
        if found is not None:
            return found
        if self.reach[cell + (cell // T.COLS) * 2 + _STRIDE + 1]:
            return cell
        grid = self.mask()
        row, col = divmod(cell, T.COLS)
        result = cell
        for r in range(1, max(T.ROWS, T.COLS)):
            top, left = max(row - r, 0), max(col - r, 0)
            square = grid[top:row + r + 1, left:col + r + 1]
            if square.any():
                at = int(np.argmax(square))  # the first True in reading order
                result = (top + at // square.shape[1]) * T.COLS + left + at % square.shape[1]
                break
            if top == 0 and left == 0 and row + r >= T.ROWS - 1 and col + r >= T.COLS - 1:
                break  # the whole grid searched: nothing is reachable
        if len(self._nearest) > 4096:
            self._nearest.clear()
        self._nearest[cell] = result
        return result


# the flow field -----------------------------------------------------------------------------------------
FLOW_SHIFT = 11  # 8 px flow-field cells (fixed point: 256 units per pixel)
FLOW_COLS, FLOW_ROWS = 640 // 8, 360 // 8
FLOW_NEAR = 8  # path steps (64 px): closer than this, bots seek the beacon in a straight line
FLOW_FAR = 30_000  # the distance of a cell the search never reached (cut off from the beacon)
_DIRS = ((0, -1), (-1, 0), (1, 0), (0, 1), (-1, -1), (1, -1), (-1, 1), (1, 1))  # ties: straight steps first
_RANKS = (0, 1, 2, 3, 4, 5, 7, 8)  # (flow_field's rank of each of _DIRS)
_FSTRIDE = FLOW_COLS + 2


_FSIZE = (FLOW_ROWS + 2) * _FSTRIDE
_DIAG = 181  # a diagonal step's speed, in 256ths of a straight one


def steps_of(unreached: list[int], size: int) -> np.ndarray:
    """Per cell (of ``size``), the step of a breadth-first search that reached it (0 where none did, int32),
    from ``unreached[s]``: the bit mask of the cells not reached within s steps. The steps are gathered in
    binary: bit b is set for the cells reached in steps [w, 2w), [3w, 4w), ... (w = 2^b), each such span
    the difference of two masks, so bit b's mask is the exclusive or of ``unreached[j * w - 1]`` over
    j = 1, 2, ... 2p (p: the spans starting within the search; past its end, the last mask)."""
    last = len(unreached) - 1
    padded = unreached + [unreached[last]] * (2 * last + 2)
    planes = []
    width = 1
    while width <= last:
        pairs = (last - width) // (2 * width) + 1
        planes.append(reduce(xor, padded[width - 1:2 * pairs * width:width]))
        width *= 2
    return _number(planes, size)


class StepPlanes:
    """``steps_of`` gathered while a search goes on, a little per step, and read a cell at a time: ``add``
    each step's mask of the cells not reached yet (first the one before the first step); once the search is
    done, ``at(cell)`` is the step that reached the cell (0 where none did)."""

    def __init__(self) -> None:
        self.planes: list[int] = []  # bit b's exclusive or so far ...
        self.terms: list[int] = []  # ... and how many masks are in it
        self.added = 0
        self.last = 0
        self._bytes: list[bytes] | None = None

    def add(self, unreached: int) -> None:
        s = self.added  # unreached[s] is a term of bit b's mask when s + 1 is a multiple of 2^b
        self.added += 1
        self.last = unreached
        self._bytes = None
        b = 0
        while (s + 1) & ((1 << b) - 1) == 0:
            if b == len(self.planes):
                self.planes.append(0)
                self.terms.append(0)
            self.planes[b] ^= unreached
            self.terms[b] += 1
            b += 1

    def at(self, cell: int) -> int:
        if self._bytes is None:
            # the terms past the end are all the last mask: in a bit's mask there is an even number of terms
            planes = [p ^ self.last if t % 2 else p for p, t in zip(self.planes, self.terms, strict=True)]
            size = max((p.bit_length() for p in planes), default=0) // 8 + 1
            self._bytes = [p.to_bytes(size, "little") for p in planes]
        at, bit = cell >> 3, cell & 7
        value = 0
        for b, raw in enumerate(self._bytes):
            if at < len(raw) and raw[at] >> bit & 1:
                value |= 1 << b
        return value


def _number(planes: list[int], size: int) -> np.ndarray:
    """Per cell (of ``size``), the number whose bit b is the cell's bit in ``planes[b]`` (int32)."""
    value = np.zeros(size, np.int32)
    if not planes:
        return value
    nbytes = (size + 7) // 8
    raw = np.frombuffer(b"".join(m.to_bytes(nbytes, "little") for m in planes), np.uint8)
    bits = np.unpackbits(raw, bitorder="little").reshape(len(planes), nbytes * 8)
    weight = np.array([1, 2, 4, 8, 16, 32, 64, 128], np.uint8)[:, None]
    for low in range(0, len(planes), 8):  # eight masks give one byte of every cell's number
        byte = np.bitwise_or.reduce(bits[low:low + 8] * weight[:len(planes) - low], axis=0)[:size]
        value |= byte.astype(np.int32) << low
    return value


def flow_open(reach_mask: np.ndarray) -> np.ndarray:
    """8 px cells with any reachable tissue cell in them, padded by a closed border (flat bool)."""
    rows = reach_mask[0::4] | reach_mask[1::4]
    rows |= reach_mask[2::4]
    rows |= reach_mask[3::4]
    cells = rows[:, 0::4] | rows[:, 1::4]
    cells |= rows[:, 2::4]
    cells |= rows[:, 3::4]
    free = np.zeros((FLOW_ROWS + 2, _FSTRIDE), bool)
    free[1:-1, 1:-1] = cells
    return free.ravel()


def flow_field(free: np.ndarray, bcx: int, bcy: int, vmax: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Velocities ((2, cells): x and y rows, flat per 8 px cell) leading along open cells ``free`` (from
    ``flow_open``) to cell (bcx, bcy); the cells close enough (or cut off) where bots should seek the
    beacon directly; and the path distance of each cell (``FLOW_FAR`` where cut off). Integer-only.

    The breadth-first search grows a whole ring per step on the grid as one bit mask (a Python integer,
    bit i for padded cell i); each cell's distance is gathered in binary (``steps_of``). Each cell then
    heads for its neighbour nearest the beacon (the first such in ``_DIRS`` order), if that is nearer than
    the cell itself."""
    bcx = min(max(bcx, 0), FLOW_COLS - 1)
    bcy = min(max(bcy, 0), FLOW_ROWS - 1)
    start = (bcy + 1) * _FSTRIDE + bcx + 1
    frontier = 1 << start
    searched = bits_of(free) | frontier  # the start is searched from even when it is not open
    left = searched ^ frontier
    unreached = [left]  # unreached[s]: the cells not reached within s steps
    while frontier:
        wide = frontier | (frontier << 1) | (frontier >> 1)
        frontier = (wide | (wide << _FSTRIDE) | (wide >> _FSTRIDE)) & left
        left ^= frontier
        unreached.append(left)
    dist = steps_of(unreached, _FSIZE)
    dist[~mask_of(searched ^ left, _FSIZE)] = FLOW_FAR
    # per cell, its nearest neighbour and the first such in _DIRS order, as one key: distance * 16 + rank,
    # ranks rising in _DIRS order (up 0, left 1, right 2, down 3; diagonals up-left 4, up-right 5,
    # down-left 7, down-right 8). Worked on the padded grid's flat run from its first inner cell to its last
    # (contiguous slices); the rows above and below share one minimum over three (ranks 4 0 5, then 3 more).
    keys = dist * 16
    lo, hi = _FSTRIDE + 1, _FSIZE - _FSTRIDE - 1
    three = keys[lo - _FSTRIDE - 1:hi + _FSTRIDE - 1] + 4  # per cell, the least of it and its right two
    key = np.empty_like(three)
    for k, rank in ((1, 0), (2, 5)):
        np.add(keys[lo - _FSTRIDE - 1 + k:hi + _FSTRIDE - 1 + k], rank, out=key)
        np.minimum(three, key, out=three)
    best = np.full(_FSIZE, 16, np.int32)
    run = best[lo:hi]
    run[:] = three[:hi - lo]  # the row above: ranks 4, 0, 5
    key = key[:hi - lo]
    np.add(keys[lo - 1:hi - 1], 1, out=key)  # left
    np.minimum(run, key, out=run)
    np.add(keys[lo + 1:hi + 1], 2, out=key)  # right
    np.minimum(run, key, out=run)
    np.add(three[2 * _FSTRIDE:], 3, out=key)  # the row below: ranks 7, 3, 8
    np.minimum(run, key, out=run)
    stand = run >= keys[lo:hi]  # no neighbour is nearer than the cell itself: stand still
    run &= 15
    run[stand] = 16
    way = best.reshape(FLOW_ROWS + 2, _FSTRIDE)[1:-1, 1:-1].ravel()
    inner = dist.reshape(FLOW_ROWS + 2, _FSTRIDE)[1:-1, 1:-1].ravel()
    diag = vmax * _DIAG // 256
    table = np.zeros((2, 17), np.int64)  # per rank (16: stand still), the velocity
    for rank, (dx, dy) in zip(_RANKS, _DIRS, strict=True):
        table[0, rank] = dx * (diag if dy else vmax)
        table[1, rank] = dy * (diag if dx else vmax)
    near = inner <= FLOW_NEAR
    near |= inner >= FLOW_FAR
    return np.take(table, way, axis=1), near, inner
