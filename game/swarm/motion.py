"""How the bots move in one tick: flocking, seeking, separation and collisions, integer numpy only.

A tick's cost is mostly numpy's per-call overhead, so the work is arranged in few calls: a few passes
over the bot arrays, and everything that depends only on *where* a bot is comes from per-cell tables
built on the small grids first:

1. each bot's 4 px density cell (``dcell``) is computed once; counts per density cell (``bincount``)
   and the velocity sums (one weighted ``bincount`` for both axes, exact integers) are summed up to the
   16 px flocking cells on the grid (every few ticks);
2. per occupied density cell, one table row by row: the pull every bot there shares (cohesion towards the
   mean position of the 3x3 flocking block, alignment's share of the mean velocity, separation down the
   density gradient with walls mirroring their neighbour's density, and the velocity the bot aims for:
   straight at the beacon when near it, along the flow field round the tooth when far; never into a
   healthy wall beside the cell, so bots do not press pointlessly on healthy tissue), how crowded the
   cell is, and the top speed there;
3. per bot: that row plus what is its own (what is left of its velocity, where it sits inside its cell,
   a jitter draw), friction folded in;
4. moves: a bot whose 3x3 density block is all open (``clear``) cannot meet tissue in a move of at most
   4 px, so only the others are checked against the tissue (end point and half-way point) and slide or
   stop at walls. In open space (the 5x5 block all open) bots travelling to a far beacon may go twice
   as fast: they cannot meet tissue in 8 px either.

Every gather is a ``take`` with ``mode="wrap"``: the indices are in range by construction (cells of
clamped positions), and numpy's per-index range check in the default mode costs about as much as the
gather itself.

Only integer arithmetic feeds the state (shifts, adds, multiplies, clips, integer draws; the weighted
``bincount`` sums integers exactly in float64), so results are bit-identical on every CPU.
"""

from __future__ import annotations

import numpy as np

from game.swarm import tissue as T
from game.swarm.grid import UniformGrid

SUB = 256
WIDTH, HEIGHT = 640 * SUB, 360 * SUB
VMAX = 4 * SUB  # top speed, fixed-point units per tick (the half-way wall check stays exact up to 4 px)
TRAVEL_MAX = 8 * SUB  # top speed in open space, far from any tissue (where no bot is checked against it)
VEL_OFFSET = TRAVEL_MAX >> 4  # (the flocking's packed velocity sums: velocities in 1/16 px, made non-negative)
TISSUE_SHIFT = 9  # 2 px tissue cells
FLOCK_SHIFT = 12  # 16 px flocking cells
DENSITY_SHIFT = 10  # 4 px density cells
JITTER_SIZE = 8192
FLOCK_EVERY = 6  # ticks between refreshes of the flocking means


def _quads(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A (ROWS, COLS) bool grid of 2 px tissue cells in 2x2 blocks (the 4 px density cells): whether all
    four cells of each block are set, and whether any is. (Each pair of neighbours in a row is read as one
    16-bit number: 0x0101 when both are set.)"""
    pairs = np.ascontiguousarray(mask).view(np.uint16)
    top, bottom = pairs[0::2], pairs[1::2]
    return (top & bottom) == 0x0101, (top | bottom) != 0


def clamp(values: np.ndarray, limit: int) -> np.ndarray:
    """Clamp integers to -limit..limit in place (np.clip's Python overhead is large for small arrays)."""
    np.minimum(values, limit, out=values)
    np.maximum(values, -limit, out=values)
    return values


class Motion:
    """Per-cell tables of one swarm's arena and the movement step (see the module docstring)."""

    def __init__(self) -> None:
        self.density = d = UniformGrid(WIDTH, HEIGHT, DENSITY_SHIFT)
        self.flock = f = UniformGrid(WIDTH, HEIGHT, FLOCK_SHIFT)
        rows, cols = np.divmod(np.arange(d.size, dtype=np.int64), d.stride)
        inner = (rows >= 1) & (rows <= d.rows) & (cols >= 1) & (cols <= d.cols)
        r, c = np.maximum(rows - 1, 0), np.maximum(cols - 1, 0)
        # density cell -> its flocking cell (padded), its flow-field cell (8 px, unpadded), its centre
        self.to_flock = np.where(inner, (r // 4 + 1) * f.stride + c // 4 + 1, 0).astype(np.intp)
        self.to_flow = np.where(inner, (r // 2) * (d.cols // 2) + c // 2, 0).astype(np.intp)
        half = 1 << (DENSITY_SHIFT - 1)
        self.cxy = np.stack(((c << DENSITY_SHIFT) + half, (r << DENSITY_SHIFT) + half)).astype(np.int64)
        frows, fcols = np.divmod(np.arange(f.size, dtype=np.int64), f.stride)
        half = 1 << (FLOCK_SHIFT - 1)
        self.flock_cxy = np.stack((((fcols - 1) << FLOCK_SHIFT) + half, ((frows - 1) << FLOCK_SHIFT) + half))
        self.offsets = np.array([1, -1, d.stride, -d.stride], np.intp)[:, None]
        # what the step reads per occupied cell, in one table (one gather a tick): rows 0-1 the centre,
        # 2 the flocking cell, 3 the flow-field cell, then (set by ``refresh``) 4 open space (1 or 0), 5-6
        # the highest pull (x, y) and 7-8 the lowest (a healthy wall beside the cell caps it at 0), 9-12
        # whether the cell to the right, left, below and above is open (1) or a wall (0)
        self.cells = np.zeros((13, d.size), np.int64)
        self.cells[0:2] = self.cxy
        self.cells[2] = self.to_flock
        self.cells[3] = self.to_flow
        self.limit = np.array([[WIDTH - 1], [HEIGHT - 1]], np.int32)
        self._version = -1
        self.closed_seen = -1
        self._flock_mean: np.ndarray | None = None
        self._box_key: tuple[int, int] | None = None
        self._box = np.zeros((4, f.size), np.int64)
        self.clear = np.zeros(d.size, bool)
        self.near_tissue = np.ones(d.size, bool)
        self.dens = np.zeros(d.size, np.int64)  # bots per density cell at the start of the last tick
        # per density cell scratch of the step (each tick writes the occupied cells before reading them)
        self._cell_table = np.zeros((4, d.size), np.int32)  # per cell: pull x, pull y, crowding, top speed
        self._cell_aim = np.zeros((2, d.size), np.int64)
        self._mean_rows = (np.arange(1, 5) * f.size)[:, None]  # flat offsets of rows 1-4 of a (5, size) stack

    # tables that follow the tissue ----------------------------------------------------------------------
    def refresh(self, tissue: np.ndarray, version: int) -> None:
        """Walls for the separation and the ``clear`` cells, when the tissue opened or closed."""
        if version == self._version:
            return
        self._version = version
        d = self.density
        s = tissue >= T.FIRST_SOLID
        solid, some_solid = _quads(s)
        wall = np.ones((d.rows + 2, d.stride), bool)
        wall[1:-1, 1:-1] = solid
        open_flat = (~wall).ravel()
        for row, offset in enumerate(self.offsets.ravel().tolist(), 9):
            # each cell's neighbour at ``offset`` (wrapping round at the ends: the padding cells' own rows
            # are never read)
            side = self.cells[row]
            side[:-offset] = open_flat[offset:]
            side[-offset:] = open_flat[:offset]
        # healthy walls beside each cell: a cell's shared pull never points into one (bots pressing on
        # healthy tissue only crowd against it; decay they do press on, to grind it)
        healthy = np.ones((d.rows + 2, d.stride), bool)
        healthy[1:-1, 1:-1] = _quads(s & (tissue != T.DECAY))[0]
        # a side is a wall when the three cells along it are healthy (decay in a corner is still reached)
        column = healthy.copy()  # the cell and those above and below it
        column[1:-1] &= healthy[:-2] & healthy[2:]
        row = healthy.copy()  # the cell and those left and right of it
        row[:, 1:-1] &= healthy[:, :-2] & healthy[:, 2:]
        big = 1 << 30
        hi = self.cells[5:7].reshape(2, d.rows + 2, d.stride)
        lo = self.cells[7:9].reshape(2, d.rows + 2, d.stride)
        hi[0, :, -1] = hi[1, -1, :] = big
        lo[0, :, 0] = lo[1, 0, :] = -big
        hi[0, :, :-1] = np.where(column[:, 1:], 0, big)  # a wall to the right: pull x at most 0
        lo[0, :, 1:] = np.where(column[:, :-1], 0, -big)  # to the left: at least 0
        hi[1, :-1, :] = np.where(row[1:, :], 0, big)  # below
        lo[1, 1:, :] = np.where(row[:-1, :], 0, -big)  # above
        # clear: no solid tissue cell within the 3x3 block of density cells, and not at the arena's edge
        any_solid = np.ones((d.rows + 2, d.stride), bool)
        any_solid[1:-1, 1:-1] = some_solid
        wide = T.dilate(any_solid)
        clear = ~wide
        clear[:2, :] = clear[-2:, :] = False
        clear[:, :2] = clear[:, -2:] = False
        self.clear = clear.ravel()
        self.near_tissue = ~self.clear
        # open space: no solid tissue cell within the 5x5 block of density cells (8 px and more away), and
        # not near the arena's edge; a bot there cannot meet either in a move of up to 8 px, so it may travel
        # faster there without being checked
        open_space = ~T.dilate(wide)
        open_space[:3, :] = open_space[-3:, :] = False
        open_space[:, :3] = open_space[:, -3:] = False
        self.cells[4] = open_space.ravel()

    # the step ---------------------------------------------------------------------------------------
    def step(self, sw, modes: tuple[int, int, int, int], goal: tuple[int, int], flow: tuple, seek_max: int
             ) -> None:
        """Move every bot of swarm ``sw`` one tick (velocities, positions, collisions). Positions and
        velocities are (2, n) arrays (x and y rows): each operation below treats both axes at once.

        The cost is mostly numpy's per-call overhead (a tick is ~100 calls on a few thousand bots), so
        the work is arranged in as few calls as possible."""
        seek_s, coh_s, ali_s, sep_k = modes
        pos, vel = sw.pos, sw.vel
        d = self.density
        # the padded density cell of each bot (platform integers: numpy gathers fastest with them)
        at = pos >> DENSITY_SHIFT
        dcell = np.multiply(at[1], d.stride, dtype=np.intp)
        dcell += at[0]
        dcell += d.stride + 1
        dens = np.bincount(dcell, minlength=d.size)
        self.dens = dens
        # everything per cell is worked out only for the occupied density cells (a few thousand at most)
        occ = (dens != 0).nonzero()[0]  # (a scan of a bool mask is several times faster than of ints)
        count = dens.take(occ, mode="wrap")
        here = self.cells.take(occ, axis=1, mode="wrap")
        # flocking: counts and velocity sums summed up from density cells to 16 px cells, then the mean
        # position and velocity of each 3x3 block; refreshed every few ticks (the flock drifts slowly; a bot
        # that moves on into a block where none was counted feels no cohesion or alignment there until the
        # next refresh)
        if sw.tick_count % FLOCK_EVERY == 1 or self._flock_mean is None:
            self._flock_mean = self._flocking(dcell, here[2], count, vel)
            self._box_key = None
        if self._box_key != (coh_s, ali_s):  # the shifted means change only with them or the modes
            self._box_key = (coh_s, ali_s)
            self._box = self._flock_mean[1:] >> np.array([coh_s, coh_s, ali_s, ali_s], np.int64)[:, None]

        # separation: down the gradient of the density grid (a wall mirrors the density beside it:
        # (neighbour - centre) * open is the centre's own density for a wall neighbour)
        beside = occ + self.offsets  # (4, k): right, left, down, up
        diff = dens.take(beside, mode="wrap")
        diff -= count
        diff *= here[9:13]
        grad = diff[0::2] - diff[1::2]  # (2, k): x and y

        # what each bot aims for, per cell: straight at the goal when near, along the flow when far
        flow_xy, near = flow[0], flow[1]
        cxy = here[0:2]
        aim = np.array(goal, np.int64)[:, None] - cxy
        aim >>= seek_s
        np.minimum(aim, seek_max, out=aim)
        np.maximum(aim, -seek_max, out=aim)
        close = near.take(here[3], mode="wrap")
        # far from the goal: along the flow, pulled harder in open space (where bots may travel faster)
        travel = here[4] > close  # (open space, and far)
        along = flow_xy.take(here[3], axis=1, mode="wrap")
        along += (along >> 1) * travel
        aim = np.where(close, aim, along)

        # the shared pull of each occupied cell (cohesion, alignment's share, separation, aim) and how
        # crowded it is, in one table row by row; both already carry the tick's friction (15/16)
        means = self._box.take(here[2], axis=1, mode="wrap")  # (4, k): mean x, y, velocity x, y
        shared = np.empty((4, occ.size), np.int64)
        pull = shared[:2]
        np.add(means[:2], means[2:], out=pull)
        pull -= cxy >> coh_s
        grad *= sep_k
        pull -= grad
        aim >>= 3
        pull += aim
        np.minimum(pull, here[5:7], out=pull)  # never into a healthy wall beside the cell (capped at 0)
        np.maximum(pull, here[7:9], out=pull)
        crowd = shared[2]
        np.multiply(count, sep_k * 15, out=crowd)
        crowd >>= 4
        pull -= crowd >> 1  # the push below measures from the cell's corner: this centres it
        pull *= 15
        pull >>= 4
        # top speed: faster in open space on the way to the goal, never close to it
        np.copyto(shared[3], np.where(travel, TRAVEL_MAX, VMAX))
        table = self._cell_table  # (kept between ticks: only the occupied cells are written and read)
        shared = shared.astype(np.int32)  # (one cast, then row writes of the same type: several times faster)
        table[0][occ] = shared[0]
        table[1][occ] = shared[1]
        table[2][occ] = shared[2]
        table[3][occ] = shared[3]

        # per bot: the cell's pull, a push out from its cell's centre when the cell is crowded, a jitter
        # draw, and what is left of its own velocity (alignment and aiming take a share, then friction)
        per_bot = table.take(dcell, axis=1, mode="wrap")  # (take: 2-D fancy indexing is several times slower)
        acc = per_bot[:2]
        push = pos & 1023
        push *= per_bot[2]
        push >>= 10
        acc += push
        off = (sw.tick_count * 2741) % JITTER_SIZE
        acc += sw.jitter_xy[:, off:off + sw.n]
        r = sw.rogue_idx
        if r.size:
            # rogue bots aim at the tissue they attack instead
            target = np.stack((sw.rogue_tx, sw.rogue_ty))
            own = clamp((target - pos.take(r, axis=1, mode="wrap")) >> 3, seek_max)
            aims = self._cell_aim
            aims[0][occ] = aim[0]
            aims[1][occ] = aim[1]
            own >>= 3
            own -= aims.take(dcell.take(r), axis=1, mode="wrap")
            own *= 15
            own >>= 4
            acc[0][r] += own[0]
            acc[1][r] += own[1]
        vel *= (256 - (256 >> ali_s) - 32) * 15 >> 4
        vel >>= 8
        vel += acc
        cap = per_bot[3]  # (against arrays: several times faster than against a number)
        np.minimum(vel, cap, out=vel)
        np.maximum(vel, np.negative(cap), out=vel)

        # move: bots in clear cells cannot meet tissue or the arena's edge; the others are checked
        check = self.near_tissue.take(dcell, mode="wrap").nonzero()[0]
        if not check.size:
            pos += vel
            return
        k = check.size
        old = pos.take(check, axis=1, mode="wrap")
        new = old + vel.take(check, axis=1, mode="wrap")
        pos += vel
        np.maximum(new, 0, out=new)
        np.minimum(new, self.limit, out=new)
        # tissue cells of the end points and (a move of up to 4 px could hop over a 2 px wall) of the
        # half-way points, in one array: columns 0..k-1 the ends, k..2k-1 the half-way points
        at = np.concatenate((new << 1, old + new), axis=1)
        at >>= TISSUE_SHIFT + 1
        cell = np.multiply(at[1], T.COLS, dtype=np.intp)
        cell += at[0]
        kinds = sw.tissue_flat.take(cell, mode="wrap")
        solid = kinds >= T.FIRST_SOLID
        blocked = (solid[:k] | solid[k:]).nonzero()[0]
        if blocked.size:
            # the half-way point's cell when it is solid, else the end's
            pick = np.where(solid.take(blocked + k, mode="wrap"), blocked + k, blocked)
            self.collide(sw, check.take(blocked, mode="wrap"), old, new, blocked, cell.take(pick, mode="wrap"),
                         kinds.take(pick, mode="wrap"))
        pos[0][check] = new[0]  # (row by row: 2-D fancy assignment is several times slower)
        pos[1][check] = new[1]

    def _flocking(self, dcell: np.ndarray, flock_cells: np.ndarray, count: np.ndarray, vel: np.ndarray
                  ) -> np.ndarray:
        """Per 16 px cell (rows): bots in the 3x3 block, their mean position (x, y) and velocity (x, y).
        ``flock_cells`` and ``count``: the flocking cell of each occupied density cell, and its bots."""
        f = self.flock
        sums = np.empty((5, f.size), np.int64)
        sums[0] = np.bincount(flock_cells, weights=count, minlength=f.size)
        np.multiply(sums[0], self.flock_cxy, out=sums[1:3])
        # both velocity sums in one weighted bincount: each velocity in 1/16 px per tick, offset to be
        # non-negative (0..2 * VEL_OFFSET: 9 bits), x in the low 26 bits and y above; sums of up to 2**17
        # bots stay apart, and exact integers in float64 (below 2**52)
        packed = vel >> 4
        packed += VEL_OFFSET
        weights = np.left_shift(packed[1], 26, dtype=np.int64)
        weights += packed[0]
        both = np.bincount(self.to_flock.take(dcell, mode="wrap"), weights=weights, minlength=f.size).astype(np.int64)
        sums[4] = both >> 26
        sums[3] = both & 0x3FFFFFF
        sums[3:5] -= sums[0] * VEL_OFFSET
        sums[3:5] <<= 4
        box = f.box3(sums)
        # the means, divided out only where the 3x3 block holds bots (integer division is slow); an empty
        # block (where a bot may arrive before the next refresh) reads as neutral: its own centre, standing
        some = box[0].nonzero()[0]
        at = some + self._mean_rows
        np.put(box, at, box.take(at, mode="wrap") // box[0].take(some, mode="wrap"))
        np.copyto(box[1:3], self.flock_cxy, where=box[0] == 0)
        return box

    def collide(self, sw, idx: np.ndarray, old: np.ndarray, new: np.ndarray, blocked: np.ndarray,
                cells: np.ndarray, types: np.ndarray) -> None:
        """Bots ``idx`` (columns ``blocked`` of ``old``/``new``: where they are, where they would go) would
        enter solid tissue: slide along one axis if it is free, else stay and bounce; normal bots erode the
        decay they hit, rogues wound healthy tissue."""
        m = blocked.size
        here = old.take(blocked, axis=1, mode="wrap")
        there = new.take(blocked, axis=1, mode="wrap")
        vel = sw.vel.take(idx, axis=1, mode="wrap")
        # tissue columns (t[:, 0]) and rows (t[:, 1]) of the start, the end and the half-way point
        t = np.empty((3, 2, m), np.intp)
        np.left_shift(here, 1, out=t[0])
        np.left_shift(there, 1, out=t[1])
        np.add(here, there, out=t[2])
        t >>= TISSUE_SHIFT + 1
        rows = t[:, 1] * T.COLS
        # the cells a slide would cross: along x (the start's row; the end's and half-way point's columns),
        # along y (the start's column; the end's and half-way point's rows)
        probe = np.empty((4, m), np.intp)
        np.add(rows[0], t[1:, 0], out=probe[0:2])
        np.add(rows[1:], t[0, 0], out=probe[2:4])
        free = sw.tissue_flat.take(probe, mode="wrap") < T.FIRST_SOLID
        free = free[0::2] & free[1::2]  # rows: free along x, free along y
        speed = np.abs(vel)
        slide = np.empty_like(free)
        # along x when it is free and either the faster way or the only free one; else along y if free
        np.greater_equal(speed[0], speed[1], out=slide[0])
        slide[0] |= ~free[1]
        slide[0] &= free[0]
        np.greater(free[1], slide[0], out=slide[1])
        moved = np.where(slide, there, here)
        new[0][blocked] = moved[0]
        new[1][blocked] = moved[1]
        # the blocked component bounces back at half speed
        # (with a kick from the jitter table, so bots stopped by the same wall do not stack up)
        off = (sw.tick_count * 1597) % JITTER_SIZE
        kick = sw.jitter_xy.take(idx + off, axis=1, mode="wrap")  # (idx + off stays below n + JITTER_SIZE)
        kick <<= 3
        kick -= vel >> 1
        bounced = np.where(slide, vel, kick)
        sw.vx[idx] = bounced[0]
        sw.vy[idx] = bounced[1]

        decay = types == T.DECAY
        if not sw.rogue_idx.size:
            erode = cells[decay]
            if erode.size:
                sw._erode(erode)
            return
        normal = sw.kind.take(idx, mode="wrap") == 0
        erode = cells[normal & decay]
        if erode.size:
            sw._erode(erode)
        attack = cells[~normal & ((types == T.ENAMEL) | (types == T.DENTIN))]
        if attack.size:
            sw._wound(attack)
