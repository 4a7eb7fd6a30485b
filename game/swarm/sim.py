"""The nano-bot swarm: struct-of-arrays state and the fixed 60 Hz tick. Never imports pygame.

Every bot is a column in a few numpy arrays (positions and velocities as (2, n) int32 fixed point in
1/256 px, a kind byte: normal or rogue). The tooth comes from the encounter's tissue map
(``game.swarm.anatomy``). One tick:

1. the beacon follows the action frame (``beacon_step``, a pure function shared with ghost replays); the
   swarm is called to the beacon, or to the nearest point it can reach when the beacon is in tissue
   (``game.swarm.navigation.Reach``);
2. the bots move (``game.swarm.motion``): cohesion and alignment with their 16 px neighbourhood,
   separation down the gradient of a 4 px density grid, seeking the goal straight when near and along a
   flow field round the tooth when far (``navigation.flow_field``), rogues after the tissue they attack;
   moves into solid tissue slide along it or stop: bots never enter healthy tissue or leave the arena;
3. bumping into decay erodes it; rogues wound healthy tissue; bots crowding the nerve raise the pain
   meter (and the patient flinches); decay spreads; where bots grind or break tissue is noted in
   ``bursts`` (the renderer's particles: drawing only, not state);
4. the encounter is judged: pain, rogue damage, the decay left, the clock; a finished one has a grade
   (``game.swarm.grading``).

Only integer arithmetic feeds the state (shifts, adds, multiplies, clips, integer draws), so the same
seed and frames give bit-identical arrays on every CPU, whatever SIMD paths numpy takes.
"""

from __future__ import annotations

from collections import deque
from typing import NamedTuple

import numpy as np

from game.core.actions import Action, ActionFrame
from game.swarm import anatomy, rogues
from game.swarm import tissue as T
from game.swarm.encounter import Encounter
from game.swarm.grading import Grade, grade_of
from game.swarm.motion import DENSITY_SHIFT as DENSITY_SHIFT  # re-exported: the renderer's glow grid
from game.swarm.motion import JITTER_SIZE, TISSUE_SHIFT, Motion
from game.swarm.navigation import FLOW_COLS, FLOW_FAR, FLOW_SHIFT, Reach, flow_field, flow_open

SUB = 256  # fixed-point units per logical pixel
WIDTH, HEIGHT = 640 * SUB, 360 * SUB

SEEK_MAX = 3 * SUB  # the velocity bots near the beacon aim for
FLOW_SPEED = 8 * SUB  # the velocity bots far from it aim for along the flow field (capped by the top speed)
KEY_SPEED = 4 * SUB  # beacon speed with direction keys
FOLLOW_MAX = 16 * SUB  # beacon speed limit when following the pointer
PULSE_TICKS = 40  # how long a recall pulse pulls the swarm in
PAIN_MAX = 100_000

NORMAL, FOCUS, SPREAD = 0, 1, 2
_FOCUS, _SPREAD, _RECALL = int(Action.FOCUS), int(Action.SPREAD), int(Action.RECALL)  # (int masks: enum ops are slow)
# per mode: seek shift (smaller pulls harder), cohesion shift, alignment shift, separation gain
MODES = {
    NORMAL: (4, 6, 3, 24),
    FOCUS: (3, 4, 3, 10),
    SPREAD: (6, 9, 4, 64),
}


class Beacon(NamedTuple):
    """Where the swarm is called to, in fixed point, and what moves it (a named tuple: made every tick)."""

    x: int
    y: int
    target: tuple[int, int] | None = None  # where the pointer last put it, fixed point
    last_pointer: tuple[int, int] | None = None


def beacon_step(beacon: Beacon, frame: ActionFrame) -> Beacon:
    """Move the beacon for one frame: direction keys or the stick move it, a moved pointer leads it.

    Pure and integer-only: the ghost of a replay runs the same function over the recorded frames.
    """
    x, y, target = beacon.x, beacon.y, beacon.target
    pointer = frame.pointer
    if beacon.last_pointer is not None and pointer != beacon.last_pointer:
        target = (min(max(pointer[0], 0), 639) * SUB + SUB // 2, min(max(pointer[1], 0), 359) * SUB + SUB // 2)
    dx, dy = frame.direction()
    if dx or dy:
        target = None
        step = KEY_SPEED if not (dx and dy) else KEY_SPEED * 181 // 256
        x += dx * step
        y += dy * step
    elif target is not None:
        x += max(-FOLLOW_MAX, min(FOLLOW_MAX, (target[0] - x) // 4 if abs(target[0] - x) > 3 else target[0] - x))
        y += max(-FOLLOW_MAX, min(FOLLOW_MAX, (target[1] - y) // 4 if abs(target[1] - y) > 3 else target[1] - y))
    x = min(max(x, 4 * SUB), WIDTH - 4 * SUB)
    y = min(max(y, 4 * SUB), HEIGHT - 4 * SUB)
    return Beacon(x, y, target, pointer)


FLOW_EVERY = 8  # ticks between flow-field updates while the beacon moves
SLIDE_HINT = 8  # tissue cells (16 px): a beacon this deep in tissue makes the scene say why the swarm stops


def _spawn_cloud(rng: np.random.Generator, n: int, cx: int, cy: int, rx: int, ry: int, allowed: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points spread evenly over an ellipse (integer draws, rejection of the corners) on ``allowed``
    tissue cells (a ROWS x COLS bool grid)."""
    xs, ys, have = [], [], 0
    flat = allowed.ravel()
    while have < n:
        x = rng.integers(-rx, rx, size=2 * n, dtype=np.int64)
        y = rng.integers(-ry, ry, size=2 * n, dtype=np.int64)
        inside = x * x * (ry * ry) + y * y * (rx * rx) <= (rx * rx) * (ry * ry)  # fits int64 for the arena
        px = np.clip(x + cx, 0, WIDTH - 1)
        py = np.clip(y + cy, 0, HEIGHT - 1)
        inside &= flat[(py >> TISSUE_SHIFT) * T.COLS + (px >> TISSUE_SHIFT)]
        xs.append(x[inside])
        ys.append(y[inside])
        have += int(np.count_nonzero(inside))
    x = (np.concatenate(xs)[:n] + cx).astype(np.int32)
    y = (np.concatenate(ys)[:n] + cy).astype(np.int32)
    return x, y


def _distinct(cells: np.ndarray, scratch: np.ndarray) -> np.ndarray:
    """The distinct values of ``cells`` in ascending order (a mark-and-scan, cheaper than a sort for
    the thousands of repeated hits a dense swarm makes); ``scratch`` is left all False."""
    if cells.size < 64:
        return np.unique(cells)
    scratch[cells] = True
    found = np.flatnonzero(scratch)
    scratch[found] = False
    return found


def start_beacon() -> Beacon:
    return Beacon(320 * SUB, 58 * SUB)


class Swarm:
    """The whole simulation state of one encounter and its tick."""

    def __init__(self, encounter: Encounter, rng: np.random.Generator, bots: int | None = None) -> None:
        self.encounter = encounter
        self.rng = rng
        n = encounter.bots if bots is None else bots
        self.n = n
        self.tick_count = 0
        if encounter.anatomy is None:
            raise ValueError(f"encounter {encounter.name!r} has no tissue map loaded")
        self.tissue, self.decay_hp = anatomy.with_decay(encounter.anatomy,
                                                        [(d.x, d.y, d.radius) for d in encounter.decay],
                                                        encounter.decay_hp)
        self.tissue_flat = self.tissue.ravel()
        full = encounter.decay_hp
        # how deep a decay cell looks at each number of hit points left (0..full): three depths
        self._decay_depth = (np.arange(full + 1) * 3 > full).astype(np.int8) + (np.arange(full + 1) * 3 > 2 * full)
        self.hp_flat = self.decay_hp.ravel()
        self.wound = np.zeros(self.tissue.size, np.int16)
        self._scratch = np.zeros(self.tissue.size, bool)  # always all False between uses
        self.tissue_version = 0
        self.open_version = 0  # bumped when solid cells open up or open cells close (walls for the motion)
        self.closed_version = 0  # bumped only when open cells close (decay taking an infected canal's pulp)
        #: per tissue row, the tick it last changed (tissue or decay hit points): the renderer redraws those
        self.row_stamp = np.zeros(T.ROWS, np.int64)
        self._flow_key: tuple[int, int, int] | None = None
        self._flow_cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.initial_decay = int(np.count_nonzero(self.tissue == T.DECAY))
        self.decay_cells = self.initial_decay
        # the swarm can reach the open mouth (the top row) and all open tissue connected to it
        top = np.flatnonzero(self.tissue[0] == T.SPACE)
        self.reach = Reach(self.tissue, top if top.size else np.array([T.COLS // 2]))
        self._flow_open_version = -1
        self._flow_free: np.ndarray | None = None
        self._flow_free_version = 0
        self._flow_fields: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        # bots start in the open mouth above the crown
        # positions and velocities are stacked (row 0: x, row 1: y) so the tick treats both axes at once
        self.pos = np.stack(_spawn_cloud(rng, n, 320 * SUB, 44 * SUB, 110 * SUB, 20 * SUB, self.reach.mask()))
        self.x, self.y = self.pos[0], self.pos[1]
        # pain: how much a bot in each 4 px density cell hurts (in the nerve most, the pulp less, next to
        # either a little); only the cells that hurt are kept
        hurt_cells, hurt_weight, pulp_cells = T.hurt_map(self.tissue)
        # both read in one pass: the cells that hurt or hold pulp, and per cell (row 0) how much a bot there
        # hurts and (row 1) whether it is in the pulp
        self._sore_cells = np.union1d(hurt_cells, pulp_cells)
        self._sore_weight = np.zeros((2, self._sore_cells.size), np.int64)
        self._sore_weight[0, np.searchsorted(self._sore_cells, hurt_cells)] = hurt_weight
        self._sore_weight[1, np.searchsorted(self._sore_cells, pulp_cells)] = 1
        self.healthy_start = int(np.count_nonzero((self.tissue >= T.PULP) & (self.tissue <= T.DENTIN)))
        self.spread_cells = 0  # healthy cells decay has taken by spreading
        self.peak_pain = 0
        self.flinch_tick = -10_000  # the patient's last flinch (the scene shakes the view)
        self.slid_tick = -10_000  # the last tick the beacon stood deep in tissue the swarm cannot enter
        self.cut_off = 0  # bots the flow field cannot lead to the beacon (refreshed with the flow field)
        self.vel = np.stack((rng.integers(-SUB, SUB, size=n, dtype=np.int32),
                             rng.integers(-SUB, SUB, size=n, dtype=np.int32)))
        self.vx, self.vy = self.vel[0], self.vel[1]
        self.kind = np.zeros(n, np.uint8)
        self.rogue_idx = np.zeros(0, np.int64)
        self.rogue_tx = np.zeros(0, np.int32)
        self.rogue_ty = np.zeros(0, np.int32)
        self.jitter = rng.integers(-20, 21, size=n + JITTER_SIZE, dtype=np.int32)
        # per bot and tick, a draw for x and one for y (the y row is the same draws, a long way further on),
        # with the tick's friction (15/16) already taken
        self.jitter_xy = np.stack((self.jitter, np.roll(self.jitter, -4099))) * 15 >> 4
        self.motion = Motion()
        #: (tick, kind, cells) of recent grinding ("grind"), breaking ("break") and wounding ("wound"), for
        #: the renderer's particles: drawing only, never part of the state
        self.bursts: deque[tuple[int, str, np.ndarray]] = deque(maxlen=16)
        self.beacon = start_beacon()  # where the player put it (it may be inside tissue)
        self.goal = (self.beacon.x, self.beacon.y)  # where the swarm is called to: the nearest reachable point
        self.mode = NORMAL
        self.recall_cooldown = 0
        self.recall_tick = -10_000  # tick of the last recall pulse
        self.pain = 0
        self.in_pulp = 0  # bots in the pulp or the nerve (4 px cells that hold any), at the start of the tick
        self._hurt = 0
        # decay cells touching the nerve (refreshed when decay grows, and twice a second)
        self.decay_at_nerve = int(np.count_nonzero(T.decay_touching_nerve(self.tissue)))
        self.cleaned = 0
        self.contained = 0
        self.damaged = 0
        self.finished = False
        self.won = False
        self.reason = ""
        self.events: list[str] = []  # sounds for the scene this tick: "break", "pain", "recall", "rogue"
        self._waves = sorted(encounter.rogue, key=lambda w: w.at)
        self._last_wave = max((w.at * 60 for w in self._waves), default=0)

    # queries ----------------------------------------------------------------------------------
    @property
    def time_left(self) -> int:
        return max(0, self.encounter.time_limit_ticks - self.tick_count)

    @property
    def rogues(self) -> int:
        return int(self.rogue_idx.size)

    @property
    def recall_ready(self) -> bool:
        return self.recall_cooldown == 0

    @property
    def decay_percent(self) -> int:
        """Decay left, as a percentage of the decay the encounter started with (may exceed 100)."""
        return (self.decay_cells * 100 + self.initial_decay - 1) // max(self.initial_decay, 1)

    @property
    def decay_to_clean(self) -> int:
        """Share of the decay still to clean before the win, in percent: 100 at the start, 0 once the decay
        left is within the encounter's win threshold, above 100 when decay has spread beyond its start.
        (A reading for the HUD and the results screen; the judging itself compares cells.)"""
        win = self.encounter.win_decay_percent
        over = self.decay_cells * 100 - self.initial_decay * win  # cells above the threshold, times 100
        if over <= 0:
            return 0
        span = max(self.initial_decay * (100 - win), 1)
        return (over * 100 + span - 1) // span

    @property
    def tissue_lost(self) -> int:
        """Healthy cells lost: taken by spreading decay or broken by rogue bots."""
        return self.spread_cells + self.damaged

    @property
    def grade(self) -> Grade:
        return grade_of(self.won, self.time_left, self.encounter.time_limit_ticks, self.tissue_lost,
                        self.initial_decay, self.peak_pain * 100 // PAIN_MAX)

    @property
    def score(self) -> int:
        score = self.cleaned * 10 + self.contained * 25 - self.damaged * 5
        if self.won:
            score += (self.time_left // 60) * 20 + (PAIN_MAX - self.pain) // 100
        return max(0, score)

    # the tick ---------------------------------------------------------------------------------
    def step(self, frame: ActionFrame) -> None:
        if self.finished:
            return
        self.events = []
        self.tick_count += 1
        enc = self.encounter
        self.beacon = beacon_step(self.beacon, frame)
        self.goal = self._slide(self.beacon)
        held = int(frame.held)
        self.mode = FOCUS if held & _FOCUS else SPREAD if held & _SPREAD else NORMAL
        if self.recall_cooldown:
            self.recall_cooldown -= 1
        if int(frame.pressed) & _RECALL and self.recall_cooldown == 0:
            self._recall()
        for wave in self._waves:
            if wave.at * 60 == self.tick_count:
                self._turn_rogue(wave.count)
        if self.rogue_idx.size and self.tick_count % 60 == 0:
            self._retarget_rogues()
        self._move_bots()
        if enc.spread_interval and self.tick_count % enc.spread_interval == 0:
            grown, took_pulp = T.spread_decay(self.tissue, self.decay_hp, self.rng, enc.spread_dentin,
                                              enc.spread_enamel, enc.decay_hp, enc.spread_pulp)
            if grown.size:
                if took_pulp.size:
                    self.reach.closed(took_pulp)
                    self.open_version += 1
                    self.closed_version += 1
                    self.goal = self._slide(Beacon(*self.goal))  # the goal may have stood in the pulp taken
                self.decay_cells += int(grown.size)
                self.spread_cells += int(grown.size)
                self.tissue_version += 1
                self.row_stamp[grown // T.COLS] = self.tick_count
                self.decay_at_nerve = int(np.count_nonzero(T.decay_touching_nerve(self.tissue)))
        self._pain()
        self._judge()

    def _move_bots(self) -> None:
        modes = MODES[self.mode]
        if self.tick_count - self.recall_tick < PULSE_TICKS:
            modes = (1, 4, modes[2], modes[3])  # the recall pulse pulls everyone in hard
        # the motion's wall tables follow the tissue: at once when cells closed (a stale table could let
        # bots into them), twice a second when cells only opened (a stale table is merely cautious)
        if self.closed_version != self.motion.closed_seen or self.tick_count % 30 == 0:
            self.motion.closed_seen = self.closed_version
            self.motion.refresh(self.tissue, self.open_version)
        self.motion.step(self, modes, self.goal, self._flow(), SEEK_MAX)
        # bots crowding the pulp and the nerve hurt (read from the density grid: the cost is the few
        # cells that hurt, not the bots)
        hurt, in_pulp = np.dot(self._sore_weight, self.motion.dens.take(self._sore_cells, mode="wrap"))
        self._hurt, self.in_pulp = int(hurt), int(in_pulp)

    def _flow(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The flow field towards the beacon on 8 px cells: per cell a velocity along the shortest path
        through reachable tissue (8-neighbour breadth-first search), where bots are near enough to seek it
        directly, and each cell's path distance.

        Recomputed every few ticks when the beacon changes cell, and once a second while decay breaks open."""
        cell = (self.goal[0] >> FLOW_SHIFT, self.goal[1] >> FLOW_SHIFT)
        old = self._flow_key
        moved = old is not None and cell != old[:2] and self.tick_count % FLOW_EVERY == 0
        opened = old is not None and self.reach.version != self._flow_open_version and self.tick_count % 60 == 0
        if old is None or moved or opened:
            if self._flow_open_version != self.reach.version:
                # the 8 px open map changes far less often than the reachable tissue (a broken decay cell
                # at the surface rarely opens a new 8 px cell): kept fields stay valid while it is the same
                self._flow_open_version = self.reach.version
                free = flow_open(self.reach.mask())
                if self._flow_free is None or not np.array_equal(free, self._flow_free):
                    self._flow_free = free
                    self._flow_free_version += 1
                    self._flow_fields.clear()
            key = (cell[0], cell[1], self._flow_free_version)
            self._flow_key = key
            # fields are kept per beacon cell while the open map stays the same (a pure function of both:
            # a kept field is the very one a new search would give)
            field = self._flow_fields.get(key)
            if field is None:
                if len(self._flow_fields) >= 96:
                    self._flow_fields.clear()
                field = self._flow_fields[key] = flow_field(self._flow_free, key[0], key[1], FLOW_SPEED)
            self._flow_cache = field
        return self._flow_cache

    def _slide(self, beacon: Beacon) -> tuple[int, int]:
        """Where the swarm is called: the beacon itself, or the nearest point the swarm can reach when the
        beacon is inside tissue or a sealed pocket (the beacon slides along the edge as it moves)."""
        cell = (beacon.y >> TISSUE_SHIFT) * T.COLS + (beacon.x >> TISSUE_SHIFT)
        if self.reach.reachable(cell):
            return beacon.x, beacon.y
        to = self.reach.nearest(cell)
        cy, cx = divmod(to, T.COLS)
        if max(abs(cx - (beacon.x >> TISSUE_SHIFT)), abs(cy - (beacon.y >> TISSUE_SHIFT))) >= SLIDE_HINT:
            self.slid_tick = self.tick_count  # deep in tissue, not just on the decay at its surface
        return (cx << TISSUE_SHIFT) + (1 << (TISSUE_SHIFT - 1)), (cy << TISSUE_SHIFT) + (1 << (TISSUE_SHIFT - 1))

    def cut_off_bots(self) -> int:
        """Bots standing where the flow field cannot lead them to the beacon (for the HUD's hint)."""
        if self._flow_cache is None:
            return 0
        dist = self._flow_cache[2]
        if not np.any(dist >= FLOW_FAR):
            return 0
        fcell = (self.y >> FLOW_SHIFT) * FLOW_COLS + (self.x >> FLOW_SHIFT)
        return int(np.count_nonzero(dist[fcell] >= FLOW_FAR))

    def _erode(self, cells: np.ndarray) -> None:
        """Decay cells ``cells`` (repeated once per bot that hit them this tick) lose hit points; those at
        none break open."""
        # distinct cells hit and how often (a bincount over the span they lie in: no sort)
        lo = int(cells.min())
        per = np.bincount(cells - lo)
        hit = per.nonzero()[0]
        hits = per.take(hit, mode="wrap")
        hit += lo
        before = self.hp_flat.take(hit, mode="wrap")
        after = before - hits * self.encounter.erosion
        np.maximum(after, 0, out=after)
        self.hp_flat[hit] = after
        # rows change their look only when a cell's decay changes depth (a third of its hit points), or breaks
        depth = self._decay_depth
        crossed = depth.take(before, mode="clip") != depth.take(after, mode="clip")
        if np.count_nonzero(crossed):
            self.row_stamp[hit[crossed] // T.COLS] = self.tick_count
        broken = hit[after == 0]
        if broken.size:
            self.row_stamp[broken // T.COLS] = self.tick_count
            self.open_version += 1
            self.tissue_flat[broken] = T.CLEAN
            self.hp_flat[broken] = 0
            self.reach.opened(broken)
            self.decay_cells -= int(broken.size)
            self.cleaned += int(broken.size)
            self.tissue_version += 1
            self.events.append("break")
            self.bursts.append((self.tick_count, "grind", cells))
            self.bursts.append((self.tick_count, "break", broken))
        elif self.tick_count % 2 == 0:
            self.bursts.append((self.tick_count, "grind", cells))

    def _wound(self, cells: np.ndarray) -> None:
        np.add.at(self.wound, cells, 1)
        broken = _distinct(cells[self.wound[cells] >= self.encounter.rogue_wound], self._scratch)
        if broken.size:
            self.row_stamp[broken // T.COLS] = self.tick_count
            self.tissue_flat[broken] = T.DECAY
            self.hp_flat[broken] = self.encounter.decay_hp
            self.wound[broken] = 0
            self.decay_cells += int(broken.size)
            self.damaged += int(broken.size)
            self.tissue_version += 1
            self.events.append("rogue")
            self.bursts.append((self.tick_count, "wound", broken))

    # abilities and events ---------------------------------------------------------------------
    def _recall(self) -> None:
        rogues.recall(self)

    def _turn_rogue(self, count: int) -> None:
        rogues.turn_rogue(self, count)

    def _retarget_rogues(self) -> None:
        rogues.retarget(self)

    # judging ----------------------------------------------------------------------------------
    def _pain(self) -> None:
        enc = self.encounter
        if self.decay_at_nerve and self.tick_count % 30 == 0:
            # decay that has reached the nerve keeps hurting until it is cleaned
            self.decay_at_nerve = int(np.count_nonzero(T.decay_touching_nerve(self.tissue)))
        hurt = self._hurt + self.decay_at_nerve * 4 * T.HURT_SCALE
        gain = hurt * enc.pain_per_bot // T.HURT_SCALE
        if gain > enc.pain_recover:
            before = self.pain
            self.pain = min(PAIN_MAX, self.pain + gain - enc.pain_recover)
            if before // 10_000 < self.pain // 10_000:
                # each tenth of the meter crossed upwards: the patient flinches (the scene shakes the view)
                self.events.append("pain")
                self.flinch_tick = self.tick_count
        else:
            self.pain = max(0, self.pain - enc.pain_recover)
        self.peak_pain = max(self.peak_pain, self.pain)

    def _judge(self) -> None:
        enc = self.encounter
        if self.pain >= PAIN_MAX:
            self._finish(False, "The patient could not bear the pain.")
        elif self.damaged > enc.damage_limit:
            self._finish(False, "Rogue bots destroyed too much healthy tissue.")
        elif (self.decay_cells * 100 <= self.initial_decay * enc.win_decay_percent and not self.rogue_idx.size
              and self.tick_count > self._last_wave):
            self._finish(True, "The tooth is clean.")
        elif self.tick_count >= enc.time_limit_ticks:
            self._finish(False, "Time ran out before the decay was gone.")

    def _finish(self, won: bool, reason: str) -> None:
        self.finished = True
        self.won = won
        self.reason = reason
        self.events.append("win" if won else "lose")

    # state --------------------------------------------------------------------------------------
    def state_bytes(self) -> bytes:
        b = self.beacon
        scalars = np.array([self.tick_count, b.x, b.y, self.goal[0], self.goal[1], self.mode, self.recall_cooldown,
                            self.recall_tick, self.pain,
                            self.decay_at_nerve, self.peak_pain, self.spread_cells, self.flinch_tick,
                            self.slid_tick, self.reach.version,
                            self.cleaned, self.contained, self.damaged, self.decay_cells, int(self.finished),
                            int(self.won)], dtype=np.int64)
        # decay hit points and wounds are held for every tissue cell but set in few: those are listed (cell,
        # value), which halves the bytes a replay's checkpoints hash
        hp_at = (self.hp_flat != 0).nonzero()[0].astype(np.int32)  # (a bool scan: several times faster)
        wound_at = (self.wound != 0).nonzero()[0].astype(np.int32)
        return b"".join((scalars.tobytes(), self.pos.tobytes(), self.vel.tobytes(), self.kind.tobytes(),
                         self.tissue.tobytes(), hp_at.tobytes(), self.hp_flat[hp_at].tobytes(),
                         np.int64(hp_at.size).tobytes(), wound_at.tobytes(), self.wound[wound_at].tobytes(),
                         self.rogue_idx.astype(np.int64).tobytes(), self.rogue_tx.tobytes(),
                         self.rogue_ty.tobytes()))
