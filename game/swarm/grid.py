"""A uniform grid over the arena, rebuilt every tick: which cell each bot is in, and per-cell sums.

The swarm never compares bots pair by pair. Bots are binned into square cells; counts and sums per
cell come from ``np.bincount`` (integer-valued weights, so the float64 sums are exact and the order of
additions cannot change them); a 3x3 box over the cell arrays gives every bot its neighbourhood
aggregate. ``neighbours`` answers the classic query (which bots are within the 3x3 cells around a
point) through a sorted cell index, for tests and tools. Never imports pygame.
"""

from __future__ import annotations

import numpy as np


class UniformGrid:
    """Square cells of ``1 << shift`` fixed-point units over a ``width`` x ``height`` arena.

    Cell arrays are padded with one empty cell on every side, so the 3x3 neighbourhood of any cell
    can be read without bounds checks.
    """

    def __init__(self, width: int, height: int, shift: int) -> None:
        self.shift = shift
        self.cols = (width + (1 << shift) - 1) >> shift
        self.rows = (height + (1 << shift) - 1) >> shift
        self.stride = self.cols + 2
        self.size = self.stride * (self.rows + 2)
        self._inner_mask: np.ndarray | None = None

    def cells(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Padded flat cell index of each point (points must lie inside the arena)."""
        # platform-size integers: numpy gathers and scatters fastest with intp indices
        cell = (y >> self.shift).astype(np.intp)
        cell += 1
        cell *= self.stride
        cell += 1
        cell += x >> self.shift
        return cell

    def count(self, cell: np.ndarray) -> np.ndarray:
        return np.bincount(cell, minlength=self.size)

    def total(self, cell: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Per-cell sum of integer ``values`` (exact: integers below 2**53 are exact in float64)."""
        return np.bincount(cell, weights=values, minlength=self.size).astype(np.int64)

    def box3(self, per_cell: np.ndarray) -> np.ndarray:
        """Sum over each cell's 3x3 neighbourhood (padding cells stay zero).

        ``per_cell`` is one flat per-cell array, or a stack of them (``(k, size)``): all are summed in
        one pass.
        """
        g = np.ascontiguousarray(per_cell).ravel()
        s = self.stride
        # along the flat array (the stack's arrays one after another): each cell plus its left and right
        # neighbours, then that plus the same a row above and below; integer sums, so the order is exact.
        # An inner cell's neighbours all lie in its own array: a sum that wrapped round a row's end or
        # reached into the next array lands only in a padding cell, and those are zeroed at the end.
        rows = np.empty_like(g)
        np.add(g[:-2], g[2:], out=rows[1:-1])
        rows[1:-1] += g[1:-1]
        out = np.empty_like(g)
        np.add(rows[:-2 * s], rows[2 * s:], out=out[s:-s])
        out[s:-s] += rows[s:-s]
        out[:s] = 0
        out[-s:] = 0
        out *= self._inner(g.size)
        return out.reshape(per_cell.shape)

    def _inner(self, size: int) -> np.ndarray:
        """1 for inner cells, 0 for padding, over ``size // self.size`` cell arrays one after another."""
        if self._inner_mask is None or self._inner_mask.size != size:
            one = np.zeros((self.rows + 2, self.stride), np.int64)
            one[1:-1, 1:-1] = 1
            self._inner_mask = np.tile(one.ravel(), size // self.size)
        return self._inner_mask

    # the classic neighbour query, through a sorted index ------------------------------------
    def index(self, cell: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(order, starts): bots sorted by cell (stable), and where each cell's run begins."""
        order = np.argsort(cell, kind="stable")
        starts = np.searchsorted(cell[order], np.arange(self.size + 1))
        return order, starts

    def neighbours(self, cell: np.ndarray, order: np.ndarray, starts: np.ndarray, x: int, y: int) -> np.ndarray:
        """Indices (ascending) of the bots in the 3x3 cells around point (x, y)."""
        centre = ((y >> self.shift) + 1) * self.stride + (x >> self.shift) + 1
        found = []
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                c = centre + dy * self.stride + dx
                found.append(order[starts[c]:starts[c + 1]])
        return np.sort(np.concatenate(found))
