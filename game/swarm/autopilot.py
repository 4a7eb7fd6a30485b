"""The built-in swarm pilot: it plays an encounter through the same action frames a player makes.

It reads the swarm's state (never changes it) and points where a player would: a little way along the
shortest open path to the nearest decay (waiting for stragglers, giving up for a while on decay it
cannot get at), or at the rogue bots when the recall pulse is ready, pressing Recall once the beacon is
on them; it holds Focus while grinding and pulls the swarm away when the pain gets high. Used by
``neosmiles practice swarm --autopilot``, the end-to-end tests and the benchmark. Never imports pygame.

The route search is spread over ticks so no call pays for a whole search: a breadth-first distance field
*from the decay* (every open 4 px cell next to decay is a source) over the reachable cells grows a fixed
number of steps per tick, and the finished field is kept until the next one is complete. Leading the
swarm is then a short walk downhill on that field from where the swarm is. The search steps on the grid
as bit masks, and the bots are read (how many have caught up, where the stragglers are) a cache-sized
block at a time, so even with 100,000 bots no call costs much.
"""

from __future__ import annotations

import numpy as np

from game.core.actions import Action, ActionFrame
from game.swarm import tissue as T
from game.swarm.navigation import StepPlanes, bits_of
from game.swarm.sim import PAIN_MAX, SUB, TISSUE_SHIFT, Swarm

LEAD = 9  # 4 px cells (36 px) ahead of the swarm along the path
STEPS_PER_TICK = 16  # breadth-first steps of the route search done per tick
REFRESH = 24  # ticks between two route searches
COLS4, ROWS4 = T.COLS // 2, T.ROWS // 2
STRIDE4 = COLS4 + 2
_N4 = (-STRIDE4, -1, 1, STRIDE4)
FAR = 1 << 30
GATHER = 48 * SUB  # a bot this close to the beacon on both axes (fixed point) has caught up with it
_CHUNK = 4096  # bots summed at a time in int32: coordinates stay below 2^19, so no chunk's sum overflows
_BLOCK = 16384  # bots read at a time by the scans (their scratch arrays stay in the processor's cache)


class _DecayField:
    """A breadth-first distance field (4-neighbour steps on padded 4 px cells) from the open cells next to
    decay, grown ``STEPS_PER_TICK`` steps per ``advance``. The search works on the grid as bit masks (a
    Python integer, bit i for padded cell i: a step is a few shifts), the distances (``dist``) are read
    out once it is done."""

    def __init__(self, swarm: Swarm, skip: set[int]) -> None:
        walk = _any2x2(swarm.reach.mask() & (swarm.tissue != T.NERVE))
        decay = _any2x2(swarm.tissue == T.DECAY)
        free = np.zeros((ROWS4 + 2, STRIDE4), bool)
        free[1:-1, 1:-1] = walk
        dec = np.zeros_like(free)
        dec[1:-1, 1:-1] = decay
        if skip:
            dec.ravel()[np.array(sorted(skip), np.intp)] = False
        touching = np.zeros_like(dec)
        touching[1:, :] |= dec[:-1, :]
        touching[:-1, :] |= dec[1:, :]
        touching[:, 1:] |= dec[:, :-1]
        touching[:, :-1] |= dec[:, 1:]
        touching &= free
        self.decay = dec.ravel()
        self.open = bits_of(free.ravel())
        self.frontier = bits_of(touching.ravel())  # the cells reached by the last step (first: the sources)
        self.left = self.open ^ self.frontier  # open cells not reached yet
        self.steps = StepPlanes()  # each cell's step, gathered as the search goes
        self.steps.add(self.left)
        self._dist: _Distances | None = None

    @property
    def done(self) -> bool:
        return not self.frontier

    def advance(self) -> None:
        for _ in range(STEPS_PER_TICK):
            if not self.frontier:
                return
            f = self.frontier
            f = ((f << 1) | (f >> 1) | (f << STRIDE4) | (f >> STRIDE4)) & self.left
            self.left ^= f
            self.frontier = f
            self.steps.add(self.left)

    @property
    def dist(self) -> _Distances:
        """Per padded 4 px cell, its steps from the decay (``FAR`` where the search never got); once done."""
        if self._dist is None:
            self._dist = _Distances(self.open ^ self.left, self.steps)
        return self._dist


class _Distances:
    """A finished field's distances, read a cell at a time (the pilot reads a few dozen cells of it a tick,
    mostly the same ones as the tick before: they are kept)."""

    def __init__(self, reached: int, steps: StepPlanes) -> None:
        self.reached = reached.to_bytes(((ROWS4 + 2) * STRIDE4 + 7) // 8, "little")
        self.steps = steps
        self.known: dict[int, int] = {}

    def __getitem__(self, cell: int) -> int:
        found = self.known.get(cell)
        if found is None:
            found = self.steps.at(cell) if self.reached[cell >> 3] >> (cell & 7) & 1 else FAR
            self.known[cell] = found
        return found


class _Scratch:
    """Small int32 arrays reused by every call: the bots are read a block at a time that stays in the
    processor's cache (and fresh arrays would cost page faults)."""

    def __init__(self) -> None:
        self.a = np.empty(_BLOCK, np.int32)
        self.b = np.empty(_BLOCK, np.int32)
        self.near = np.empty(_BLOCK, bool)

    def fewer_than_half_near(self, x: np.ndarray, y: np.ndarray, gx: int, gy: int) -> bool:
        """Whether fewer than half the bots are within ``GATHER`` of (gx, gy) on both axes. The bots are
        counted a block at a time, stopping once the answer is certain; |x - gx| < GATHER is one unsigned
        comparison of x - (gx - GATHER + 1) with 2 * GATHER - 1 (the greater of the two axes')."""
        n = x.size
        need = (n + 1) // 2  # gathered * 2 < n exactly when gathered < need
        width = np.uint32(2 * GATHER - 1)
        low_x, low_y = int(gx) - GATHER + 1, int(gy) - GATHER + 1
        count = 0
        for start in range(0, n, _BLOCK):
            end = min(start + _BLOCK, n)
            a, b, near = self.a[:end - start], self.b[:end - start], self.near[:end - start]
            ax = np.subtract(x[start:end], low_x, out=a).view(np.uint32)
            ay = np.subtract(y[start:end], low_y, out=b).view(np.uint32)
            np.maximum(ax, ay, out=ax)
            count += int(np.count_nonzero(np.less(ax, width, out=near)))
            if count >= need:
                return False
            if count + n - end < need:
                return True
        return count < need

    def nearest_bot(self, x: np.ndarray, y: np.ndarray, mx: int, my: int) -> int:
        """The first bot with the least |x - mx| + |y - my|."""
        best, at = -1, 0
        for start in range(0, x.size, _BLOCK):
            end = min(start + _BLOCK, x.size)
            d, e = self.a[:end - start], self.b[:end - start]
            np.subtract(x[start:end], mx, out=d)
            np.abs(d, out=d)
            np.subtract(y[start:end], my, out=e)
            np.abs(e, out=e)
            d += e
            k = int(np.argmin(d))
            if best < 0 or d[k] < best:
                best, at = int(d[k]), start + k
        return at


def _total(a: np.ndarray) -> int:
    """The exact sum of bot coordinates, added up in int32 a chunk at a time (fast; no chunk overflows)."""
    whole = a.size - a.size % _CHUNK
    return int(a[:whole].reshape(-1, _CHUNK).sum(axis=1, dtype=np.int32).sum(dtype=np.int64)) + int(
        a[whole:].sum(dtype=np.int64))


def _any2x2(mask: np.ndarray) -> np.ndarray:
    """Per 2x2 block of tissue cells (a 4 px cell), whether any is set (two cells of a row read as one
    uint16)."""
    pairs = np.ascontiguousarray(mask).view(np.uint16)
    return (pairs[0::2] | pairs[1::2]) != 0


def _cell4(x: int, y: int) -> int:
    """Padded 4 px cell of a fixed-point point."""
    return ((y >> (TISSUE_SHIFT + 1)) + 1) * STRIDE4 + (x >> (TISSUE_SHIFT + 1)) + 1


def _centre(cell: int) -> tuple[int, int]:
    row, col = divmod(cell, STRIDE4)
    return (col - 1) * 4 + 2, (row - 1) * 4 + 2


class SwarmAutopilot:
    """An input source: ``next_frame()``. The scene calls ``attach(scene)`` when it starts."""

    def __init__(self) -> None:
        self.scene = None
        self.pointer = (320, 40)
        self._reset()

    def _reset(self) -> None:
        self._field: _DecayField | None = None  # the finished field being used
        self._growing: _DecayField | None = None  # the next one, being searched
        self._next_search = 0
        self._target: tuple[int, int] | None = None
        self._final = False
        self._decay_block: int | None = None  # the padded 4 px cell of decay being ground
        self._watch: tuple[int, int, int] = (-1, -1, 0)  # (block, decay cells in it, since tick)
        self._skip: set[int] = set()
        self._retarget_at = 0
        self._retreat_until = 0
        self._waiting = 0
        self._scratch: _Scratch | None = None

    def attach(self, scene) -> None:
        self.scene = scene
        self._reset()

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

    # the search, a few steps a tick ----------------------------------------------------------------
    def _search(self, swarm: Swarm) -> None:
        tick = swarm.tick_count
        if self._growing is None and (self._field is None or tick >= self._next_search):
            self._growing = _DecayField(swarm, self._skip)
            self._next_search = tick + REFRESH
            return
        if self._growing is not None:
            self._growing.advance()
            if self._growing.done:
                self._field, self._growing = self._growing, None
                self._retarget_at = tick  # a fresh field: lead along it now

    def decide(self, swarm: Swarm) -> tuple[int, int]:
        """Choose the pointer and buttons for this tick from the swarm's state."""
        tick = swarm.tick_count
        gx, gy = swarm.goal
        bx, by = gx // SUB, gy // SUB
        if swarm.beacon.last_pointer is None:
            # the beacon follows the pointer only once it moves: first show where the pointer rests
            self.pointer = (bx, by)
            return 0, 0
        self._search(swarm)
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
            # pull the swarm away from the nerve: straight up
            self.pointer = (bx, max(20, by - 60))
            return 0, 0
        self._give_up_on_stuck_decay(swarm, tick)
        if tick % 1200 == 0:
            self._skip.clear()
        if self._field is not None and (self._target is None or tick >= self._retarget_at or
                                        not self._block_has_decay(swarm, self._decay_block)):
            self._lead(swarm)
            self._retarget_at = tick + 24
        if self._target is None:
            self.pointer = (320, 50)
            return 0, 0
        self.pointer = self._target
        near = self._final and (bx - self._target[0]) ** 2 + (by - self._target[1]) ** 2 < 40 * 40
        return (Action.FOCUS, 0) if near else (0, 0)

    def _give_up_on_stuck_decay(self, swarm: Swarm, tick: int) -> None:
        block = self._decay_block
        if not self._final or block is None:
            return
        left = self._decay_in_block(swarm, block)
        if left != self._watch[1] or block != self._watch[0]:
            self._watch = (block, left, tick)
        elif tick - self._watch[2] > 150:
            self._skip.add(block)  # the swarm cannot get at this decay from here: try another for now
            self._next_search = tick
            self._retarget_at = tick

    @staticmethod
    def _decay_in_block(swarm: Swarm, block: int) -> int:
        row, col = divmod(block, STRIDE4)
        r, c = (row - 1) * 2, (col - 1) * 2
        cells = swarm.tissue[r:r + 2, c:c + 2]
        return int(np.count_nonzero(cells == T.DECAY)) * 1000 + int(swarm.decay_hp[r:r + 2, c:c + 2].sum()) % 1000

    def _block_has_decay(self, swarm: Swarm, block: int | None) -> bool:
        return block is not None and self._decay_in_block(swarm, block) >= 1000

    def _lead(self, swarm: Swarm) -> None:
        """Put the pointer LEAD cells down the field from the swarm, or on the decay when it is that close."""
        field = self._field
        dist = field.dist
        gx, gy = swarm.goal
        src = _cell4(gx, gy)
        scratch = self._scratch
        if scratch is None:
            scratch = self._scratch = _Scratch()
        if dist[src] >= FAR or scratch.fewer_than_half_near(swarm.x, swarm.y, gx, gy):
            self._waiting += 1
            if self._waiting <= 4 and self._target is not None:
                return  # keep leading towards the same waypoint while the swarm catches up
            self._waiting = 0  # waited long enough: go back for the stragglers
            k = scratch.nearest_bot(swarm.x, swarm.y, _total(swarm.x) // swarm.n, _total(swarm.y) // swarm.n)
            src = _cell4(int(swarm.x[k]), int(swarm.y[k]))
        here = int(dist[src])
        self._final = False
        if here >= FAR:
            self._target, self._decay_block = None, None
            return
        cell = src
        for _ in range(LEAD):
            if here == 0:
                break
            for d in _N4:
                if dist[cell + d] == here - 1:
                    cell, here = cell + d, here - 1
                    break
            else:
                break
        if here > 0:
            self._target = _centre(cell)
            return
        # next to the decay: aim at the decay block beside this cell
        for d in _N4:
            if field.decay[cell + d] and self._block_has_decay(swarm, cell + d):
                self._decay_block = cell + d
                self._target = _centre(cell + d)
                self._final = True
                return
        self._target = _centre(cell)
