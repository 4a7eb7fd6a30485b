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
        lead = per_cell.shape[:-1]
        g = per_cell.reshape(*lead, self.rows + 2, self.stride)
        # rows first, then columns; only inner cells are written (integer sums, so the order is exact)
        rows = np.empty_like(g)
        np.add(g[..., :-2], g[..., 2:], out=rows[..., 1:-1])
        rows[..., 1:-1] += g[..., 1:-1]
        out = np.zeros_like(g)
        inner = out[..., 1:-1, 1:-1]
        np.add(rows[..., :-2, 1:-1], rows[..., 2:, 1:-1], out=inner)
        inner += rows[..., 1:-1, 1:-1]
        return out.reshape(*lead, -1)

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
