"""How the bots move in one tick: flocking, seeking, separation and collisions, integer numpy only.

The work per bot is kept to a few passes over the bot arrays; everything that depends only on *where* a
bot is comes from per-cell tables built on the small grids first:

1. each bot's 4 px density cell (``dcell``) is computed once; counts per density cell (``bincount``)
   and the velocity sums (one weighted ``bincount`` per axis, exact integers) are summed up to the 16 px
   flocking cells on the grid;
2. per density cell, one pull ``G`` holds what every bot there shares: cohesion towards the mean position
   of the 3x3 flocking block, alignment's share of the mean velocity, separation down the density
   gradient (walls mirror their neighbour's density), and the velocity the bot aims for (straight at the
   beacon when near it, along the flow field round the tooth when far);
3. per bot: ``G`` plus what is its own (its velocity, where it sits inside its cell, a jitter draw);
4. moves: a bot whose 3x3 density block is all open (``clear``) cannot meet tissue in a move of at most
   4 px, so only the others are checked against the tissue (end point and half-way point) and slide or
   stop at walls.

Only integer arithmetic feeds the state (shifts, adds, multiplies, clips, integer draws; the weighted
``bincount`` sums integers exactly in float64), so results are bit-identical on every CPU.
"""

from __future__ import annotations

import numpy as np

from game.swarm import tissue as T
from game.swarm.grid import UniformGrid

SUB = 256
WIDTH, HEIGHT = 640 * SUB, 360 * SUB
TISSUE_SHIFT = 9  # 2 px tissue cells
FLOCK_SHIFT = 12  # 16 px flocking cells
DENSITY_SHIFT = 10  # 4 px density cells
JITTER_SIZE = 8192
FLOCK_EVERY = 3  # ticks between refreshes of the flocking means


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
        self.limit = np.array([[WIDTH - 1], [HEIGHT - 1]], np.int32)
        self._version = -1
        self.closed_seen = -1
        self._flock_mean: np.ndarray | None = None
        self._box_key: tuple[int, int] | None = None
        self._box = np.zeros((5, f.size), np.int64)
        self.open_flat = np.zeros(d.size, np.int64)
        self.clear = np.zeros(d.size, bool)
        self.near_tissue = np.ones(d.size, bool)
        self.dens = np.zeros(d.size, np.int64)  # bots per density cell at the start of the last tick
        # per density cell scratch of the step (each tick writes the occupied cells before reading them)
        self._cell_pull = np.zeros((2, d.size), np.int32)
        self._crowd_cell = np.zeros(d.size, np.int32)
        self._cell_aim = np.zeros((2, d.size), np.int64)

    # tables that follow the tissue ----------------------------------------------------------------------
    def refresh(self, tissue: np.ndarray, version: int) -> None:
        """Walls for the separation and the ``clear`` cells, when the tissue opened or closed."""
        if version == self._version:
            return
        self._version = version
        d = self.density
        s = tissue >= T.FIRST_SOLID
        solid = s[0::2, 0::2] & s[1::2, 0::2] & s[0::2, 1::2] & s[1::2, 1::2]
        wall = np.ones((d.rows + 2, d.stride), bool)
        wall[1:-1, 1:-1] = solid
        self.open_flat = (~wall).astype(np.int64).ravel()
        # clear: no solid tissue cell within the 3x3 block of density cells, and not at the arena's edge
        any_solid = np.ones((d.rows + 2, d.stride), bool)
        any_solid[1:-1, 1:-1] = s[0::2, 0::2] | s[1::2, 0::2] | s[0::2, 1::2] | s[1::2, 1::2]
        block = any_solid.copy()
        block[1:, :] |= any_solid[:-1, :]
        block[:-1, :] |= any_solid[1:, :]
        wide = block.copy()
        wide[:, 1:] |= block[:, :-1]
        wide[:, :-1] |= block[:, 1:]
        clear = ~wide
        clear[:2, :] = clear[-2:, :] = False
        clear[:, :2] = clear[:, -2:] = False
        self.clear = clear.ravel()
        self.near_tissue = ~self.clear

    # the step ---------------------------------------------------------------------------------------
    def step(self, sw, modes: tuple[int, int, int, int], goal: tuple[int, int], flow: tuple, seek_max: int,
             vmax: int) -> None:
        """Move every bot of swarm ``sw`` one tick (velocities, positions, collisions). Positions and
        velocities are (2, n) arrays (x and y rows): each operation below treats both axes at once."""
        seek_s, coh_s, ali_s, sep_k = modes
        pos, vel = sw.pos, sw.vel
        d = self.density
        dcell = pos[1] >> DENSITY_SHIFT  # the padded density cell of each bot (int32 is index enough)
        dcell *= d.stride
        dcell += pos[0] >> DENSITY_SHIFT
        dcell += d.stride + 1
        dens = np.bincount(dcell, minlength=d.size)
        self.dens = dens
        # everything per cell is worked out only for the occupied density cells (a few thousand at most)
        occ = (dens != 0).nonzero()[0]  # (a scan of a bool mask is several times faster than of ints)
        count = dens[occ]
        # flocking: counts and velocity sums summed up from density cells to 16 px cells, then the mean
        # position and velocity of each 3x3 block; refreshed every few ticks (the flock drifts slowly: a bot
        # crosses a 16 px cell in four ticks at the most)
        if sw.tick_count % FLOCK_EVERY == 1 or self._flock_mean is None:
            self._flock_mean = self._flocking(dcell, occ, count, vel)
            self._box_key = None
        if self._box_key != (coh_s, ali_s):  # the shifted means change only with them or the modes
            self._box_key = (coh_s, ali_s)
            self._box = self._flock_mean >> np.array([0, coh_s, coh_s, ali_s, ali_s], np.int64)[:, None]
        box = self._box

        # separation: down the gradient of the density grid (a wall mirrors the density beside it:
        # (neighbour - centre) * open is the centre's own density for a wall neighbour)
        beside = occ + self.offsets  # (4, k): right, left, down, up
        diff = dens.take(beside)
        diff -= count
        diff *= self.open_flat.take(beside)
        grad = diff[0::2] - diff[1::2]  # (2, k): x and y

        # what each bot aims for, per cell: straight at the goal when near, along the flow when far
        flow_xy, near = flow[0], flow[1]
        cxy = self.cxy.take(occ, axis=1)
        aim = np.negative(cxy)
        aim[0] += goal[0]
        aim[1] += goal[1]
        aim >>= seek_s
        clamp(aim, seek_max)
        flow_cell = self.to_flow.take(occ)
        far = (~near.take(flow_cell)).nonzero()[0]
        if far.size:
            along = flow_cell.take(far)
            aim[0][far] = flow_xy[0].take(along)
            aim[1][far] = flow_xy[1].take(along)

        # the shared pull of each occupied cell: cohesion, alignment's share, separation, aim
        to_flock = self.to_flock.take(occ)
        pull = box[1:3].take(to_flock, axis=1)
        pull += box[3:5].take(to_flock, axis=1)
        pull -= cxy >> coh_s
        grad *= sep_k
        pull -= grad
        aim >>= 3
        pull += aim
        cell_pull = self._cell_pull  # (kept between ticks: only the occupied cells are written and read)
        cell_pull[0][occ] = pull[0]
        cell_pull[1][occ] = pull[1]
        crowd_cell = self._crowd_cell
        crowd_cell[occ] = count * sep_k

        # per bot: the cell's pull, less its own velocity's share (alignment and aiming), a push out from
        # its cell's centre when the cell is crowded, a jitter draw
        damp = (256 >> ali_s) + 32  # (v >> ali_s) + (v >> 3), as one multiply
        acc = cell_pull.take(dcell, axis=1)  # (take: 2-D fancy indexing is several times slower)
        acc -= (vel * damp) >> 8
        push = pos & 1023
        push -= 512
        push *= crowd_cell.take(dcell)
        push >>= 10
        acc += push
        off = (sw.tick_count * 2741) % JITTER_SIZE
        acc[0] += sw.jitter[off:off + sw.n]
        off = (off + 4099) % JITTER_SIZE
        acc[1] += sw.jitter[off:off + sw.n]
        r = sw.rogue_idx
        if r.size:
            # rogue bots aim at the tissue they attack instead
            target = np.stack((sw.rogue_tx, sw.rogue_ty))
            own = clamp((target - pos.take(r, axis=1)) >> 3, seek_max)
            aims = self._cell_aim
            aims[0][occ] = aim[0]
            aims[1][occ] = aim[1]
            own >>= 3
            own -= aims.take(dcell[r], axis=1)
            acc[0][r] += own[0]
            acc[1][r] += own[1]

        vel += acc
        vel -= vel >> 4
        clamp(vel, vmax)

        # move: bots in clear cells cannot meet tissue or the arena's edge; the others are checked
        check = self.near_tissue.take(dcell).nonzero()[0]
        if check.size:
            k = check.size
            old = pos.take(check, axis=1)
            new = old + vel.take(check, axis=1)
            np.maximum(new, 0, out=new)
            np.minimum(new, self.limit, out=new)
            # tissue cells of the end points and (a move of up to 4 px could hop over a 2 px wall) of the
            # half-way points, in one array: columns 0..k-1 the ends, k..2k-1 the half-way points
            at = np.concatenate((new << 1, old + new), axis=1)
            at >>= TISSUE_SHIFT + 1
            cell = at[1] * T.COLS
            cell += at[0]
            kinds = sw.tissue_flat.take(cell)
            solid = kinds >= T.FIRST_SOLID
            blocked = (solid[:k] | solid[k:]).nonzero()[0]
            if blocked.size:
                # the half-way point's cell when it is solid, else the end's
                pick = np.where(solid[k:][blocked], blocked + k, blocked)
                self.collide(sw, check.take(blocked), old, new, blocked, cell.take(pick), kinds.take(pick))
        pos += vel
        if check.size:
            pos[0][check] = new[0]
            pos[1][check] = new[1]

    def _flocking(self, dcell: np.ndarray, occ: np.ndarray, count: np.ndarray, vel: np.ndarray) -> np.ndarray:
        """Per 16 px cell (rows): bots in the 3x3 block, their mean position (x, y) and velocity (x, y)."""
        f = self.flock
        sums = np.empty((5, f.size), np.int64)
        sums[0] = np.bincount(self.to_flock.take(occ), weights=count, minlength=f.size)
        np.multiply(sums[0], self.flock_cxy, out=sums[1:3])
        # both velocity sums in one weighted bincount: each velocity in 1/16 px per tick, offset to be
        # non-negative (7 bits), x in the low 24 bits and y above; sums of up to 2**17 bots stay exact
        # integers in float64 (below 2**48)
        packed = vel >> 4
        packed += 64
        packed[1] <<= 24
        weights = packed[0] + packed[1].astype(np.int64)
        both = np.bincount(self.to_flock.take(dcell), weights=weights, minlength=f.size).astype(np.int64)
        sums[4] = both >> 24
        sums[3] = both & 0xFFFFFF
        sums[3:5] -= sums[0] * 64
        sums[3:5] <<= 4
        box = f.box3(sums)
        np.maximum(box[0], 1, out=box[0])
        box[1:] //= box[0]
        return box

    def collide(self, sw, idx: np.ndarray, old: np.ndarray, new: np.ndarray, at: np.ndarray, cells: np.ndarray,
                types: np.ndarray) -> None:
        """Bots ``idx`` (columns ``at`` of ``old``/``new``: where they are, where they would go) would enter
        solid tissue: slide along one axis if it is free, else stay and bounce; normal bots erode the decay
        they hit, rogues wound healthy tissue."""
        here = old.take(at, axis=1)
        there = new.take(at, axis=1)
        vel = sw.vel.take(idx, axis=1)
        t_here = here >> TISSUE_SHIFT
        t_there = there >> TISSUE_SHIFT
        t_mid = (here + there) >> (TISSUE_SHIFT + 1)
        row_here = t_here[1] * T.COLS
        probe = np.empty((4, idx.size), t_here.dtype)
        np.add(row_here, t_there[0], out=probe[0])  # sliding along x: the end and the half-way point
        np.add(row_here, t_mid[0], out=probe[1])
        np.multiply(t_there[1], T.COLS, out=probe[2])  # sliding along y
        probe[2] += t_here[0]
        np.multiply(t_mid[1], T.COLS, out=probe[3])
        probe[3] += t_here[0]
        free = sw.tissue_flat.take(probe) < T.FIRST_SOLID
        free_x = free[0] & free[1]
        free_y = free[2] & free[3]
        vx, vy = vel[0], vel[1]
        x, y = here[0], here[1]
        tx, ty = there[0], there[1]
        slide_x = free_x & (np.abs(vx) >= np.abs(vy)) | free_x & ~free_y
        slide_y = free_y & ~slide_x
        new[0][at] = np.where(slide_x, tx, x)
        new[1][at] = np.where(slide_y, ty, y)
        # the blocked component bounces back at half speed
        # (with a kick from the jitter table, so bots stopped by the same wall do not stack up)
        off = (sw.tick_count * 1597) % JITTER_SIZE
        jitter = sw._jitter_pad  # (idx + off + 977 stays below n + JITTER_SIZE + 977: no wrapping needed)
        kick = jitter.take(idx + off) * 8
        sw.vx[idx] = np.where(slide_x, vx, -(vx >> 1) + kick)
        kick = jitter.take(idx + (off + 977)) * 8
        sw.vy[idx] = np.where(slide_y, vy, -(vy >> 1) + kick)

        kinds = sw.kind.take(idx)
        normal = kinds == 0
        erode = cells[normal & (types == T.DECAY)]
        if erode.size:
            sw._erode(erode)
        if sw.rogue_idx.size:
            attack = cells[~normal & ((types == T.ENAMEL) | (types == T.DENTIN))]
            if attack.size:
                sw._wound(attack)
