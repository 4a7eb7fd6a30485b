"""How the bots move (game.swarm.motion): the flocking sums, travel in open space, healthy walls, the flow
field's straight steps. Each test pins a behaviour a player sees: a swarm that keeps its heading at top
speed, crosses the open mouth quickly, never tunnels, and does not press on healthy tissue for nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.core.actions import ActionFrame
from game.swarm import navigation as N
from game.swarm import tissue as T
from game.swarm.encounter import load
from game.swarm.motion import DENSITY_SHIFT, FLOCK_EVERY, FLOCK_SHIFT, TRAVEL_MAX, VMAX, Motion
from game.swarm.navigation import Reach
from game.swarm.sim import SUB, TISSUE_SHIFT, Swarm

FOLDER = Path(__file__).resolve().parent.parent / "levels" / "encounters" / "swarm"


def swarm(name: str = "tutorial", bots: int = 600, seed: int = 1) -> Swarm:
    return Swarm(load(FOLDER, name), np.random.Generator(np.random.PCG64(seed)), bots=bots)


def flock_means_of(vx: int, vy: int, n: int = 3000) -> tuple[int, int]:
    """The mean velocity the flocking sees for ``n`` bots in one spot, all moving at (vx, vy)."""
    m = Motion()
    d = m.density
    pos = np.stack((np.full(n, 300 * SUB, np.int32), np.full(n, 100 * SUB, np.int32)))
    vel = np.stack((np.full(n, vx, np.int32), np.full(n, vy, np.int32)))
    dcell = ((pos[1] >> DENSITY_SHIFT) * d.stride + (pos[0] >> DENSITY_SHIFT) + d.stride + 1).astype(np.intp)
    dens = np.bincount(dcell, minlength=d.size)
    occ = dens.nonzero()[0]
    box = m._flocking(dcell, m.to_flock.take(occ), dens.take(occ), vel)
    cell = m.to_flock[occ[0]]
    return int(box[3, cell]), int(box[4, cell])


@pytest.mark.parametrize("v", [(TRAVEL_MAX, TRAVEL_MAX), (-TRAVEL_MAX, TRAVEL_MAX), (TRAVEL_MAX, -TRAVEL_MAX),
                               (-TRAVEL_MAX, -TRAVEL_MAX), (0, VMAX), (VMAX, 0), (-16, 32)])
def test_the_flocking_sees_the_true_mean_velocity_up_to_top_speed(v):
    # (the packed x and y sums once overflowed for bots at top speed downwards: they counted as moving up)
    assert flock_means_of(*v) == v


def test_a_flocking_block_where_no_bot_was_counted_pulls_nowhere():
    # the flocking means are refreshed every FLOCK_EVERY ticks; in between a fast bot may reach a block where
    # none was counted, and must feel no cohesion (the block's own centre) and no alignment there
    assert (FLOCK_EVERY - 1) * TRAVEL_MAX > 1 << FLOCK_SHIFT  # (it can: the case is real)
    m = Motion()
    d = m.density
    pos = np.stack((np.full(50, 300 * SUB, np.int32), np.full(50, 100 * SUB, np.int32)))
    vel = np.stack((np.full(50, VMAX, np.int32), np.full(50, -VMAX, np.int32)))
    dcell = ((pos[1] >> DENSITY_SHIFT) * d.stride + (pos[0] >> DENSITY_SHIFT) + d.stride + 1).astype(np.intp)
    dens = np.bincount(dcell, minlength=d.size)
    occ = dens.nonzero()[0]
    box = m._flocking(dcell, m.to_flock.take(occ), dens.take(occ), vel)
    counted = m.to_flock[occ[0]]
    assert (box[1:3, counted] == m.flock_cxy[:, counted]).all() and (box[3:5, counted] == [VMAX, -VMAX]).all()
    empty = box[0] == 0
    assert empty.sum() > 100
    assert (box[1:3][:, empty] == m.flock_cxy[:, empty]).all()
    assert not box[3:5][:, empty].any()


def test_bots_travel_faster_only_in_open_space():
    """Far from the beacon and from any tissue bots may go up to TRAVEL_MAX a tick; wherever a wall is
    within reach they keep to VMAX, which the wall check (end and half-way point) is exact for."""
    s = swarm("tutorial", bots=1500)
    s.step(ActionFrame(0, 0, (0, 0)))
    fastest = 0
    for tick in range(240):
        pointer = (60, 200) if (tick // 80) % 2 == 0 else (590, 200)
        open_space = s.motion.cells[4]
        d = s.motion.density
        cell = (s.y >> DENSITY_SHIFT) * d.stride + (s.x >> DENSITY_SHIFT) + d.stride + 1
        was_open = open_space[cell] == 1
        s.step(ActionFrame(0, 0, pointer))
        speed = np.maximum(np.abs(s.vx), np.abs(s.vy))
        assert (speed[~was_open] <= VMAX).all()
        assert (speed <= TRAVEL_MAX).all()
        fastest = max(fastest, int(speed[was_open].max(initial=0)))
    assert fastest > VMAX  # they did travel faster somewhere


def test_open_space_keeps_eight_pixels_from_tissue_and_the_edge():
    s = swarm("emergency", bots=10)
    s.step(ActionFrame())
    m = s.motion
    d = m.density
    solid = np.argwhere(s.tissue >= T.FIRST_SOLID) * 2  # (y, x) px of solid tissue cells' corners
    open_cells = np.flatnonzero(m.cells[4])
    assert open_cells.size
    rows, cols = np.divmod(open_cells, d.stride)
    x0, y0 = (cols - 1) * 4, (rows - 1) * 4  # the open cells' corners, px
    assert x0.min() >= 8 and y0.min() >= 8 and x0.max() + 4 <= 640 - 8 and y0.max() + 4 <= 360 - 8
    for x, y in zip(x0[::37], y0[::37], strict=True):
        near = (solid[:, 1] + 2 > x - 8) & (solid[:, 1] < x + 12) & (solid[:, 0] + 2 > y - 8) & (solid[:, 0] < y + 12)
        assert not near.any()


def test_a_cells_pull_never_points_into_a_healthy_wall_but_does_into_decay():
    tissue = np.full((T.ROWS, T.COLS), T.SPACE, np.uint8)
    tissue[:, 100:] = T.ENAMEL  # a healthy wall from x = 200 px
    tissue[60:70, 100:104] = T.DECAY  # with a patch of decay in it at y = 120..139
    m = Motion()
    m.refresh(tissue, 1)
    d = m.density
    hi_x = m.cells[5]

    def cell(x_px: int, y_px: int) -> int:
        return (y_px // 4 + 1) * d.stride + x_px // 4 + 1

    assert hi_x[cell(197, 40)] == 0  # beside healthy enamel: pulled right at most 0
    assert hi_x[cell(197, 130)] > 1 << 20  # beside the decay: free to press on it
    assert hi_x[cell(150, 40)] > 1 << 20  # nothing beside it


def test_the_swarm_grinds_decay_set_in_healthy_enamel():
    s = swarm("tutorial", bots=800)
    s.tissue[:] = T.SPACE
    s.tissue[:, :80] = T.ENAMEL  # healthy enamel left of x = 160 px (the bots start further right)
    s.tissue[40:50, 77:80] = T.DECAY  # and a patch of decay in its face, y = 80..99 px
    s.decay_hp[40:50, 77:80] = s.encounter.decay_hp
    s.open_version += 1
    s.reach = Reach(s.tissue, np.flatnonzero(s.tissue[0] == T.SPACE))  # (the tooth was replaced)
    target = (156, 90)  # inside the decay patch
    before = int(np.count_nonzero(s.tissue == T.DECAY))
    s.step(ActionFrame(0, 0, (0, 0)))  # (the beacon follows the pointer once it moves)
    for _ in range(600):
        s.step(ActionFrame(0, 0, target))
    assert np.count_nonzero(s.tissue == T.DECAY) < before // 2


def test_the_flow_field_steps_straight_when_straight_and_diagonal_are_as_short():
    """In open space a cell far to the right of the beacon and a little below heads left, not up-left:
    a diagonal-first tie break drove the whole swarm into the arena's top edge."""
    free = np.zeros((N.FLOW_ROWS + 2, N.FLOW_COLS + 2), bool)
    free[1:-1, 1:-1] = True
    flow, near, dist = N.flow_field(free.ravel(), 10, 20, 1000)
    far_right = 22 * N.FLOW_COLS + 60
    assert (flow[0][far_right], flow[1][far_right]) == (-1000, 0)
    far_below = 40 * N.FLOW_COLS + 12
    assert (flow[0][far_below], flow[1][far_below]) == (0, -1000)
    diagonal = 30 * N.FLOW_COLS + 20  # as far across as down: the diagonal is the only shortest step
    assert flow[0][diagonal] < 0 and flow[1][diagonal] < 0


def test_no_bot_tunnels_through_tissue_on_the_emergency():
    """No bot moves into solid tissue. Spreading decay may take the pulp a bot stands in (the spread comes
    after the moves); such a bot grinds its way out."""
    s = swarm("emergency", bots=1500, seed=4)
    cells = (s.y >> TISSUE_SHIFT) * T.COLS + (s.x >> TISSUE_SHIFT)
    inside: dict[int, int] = {}  # bot -> the tick decay closed over it
    swallowed = 0
    for tick in range(900):
        pointer = [(60, 220), (590, 40), (330, 300), (250, 270)][(tick // 75) % 4]
        before, was = s.tissue_flat.copy(), cells
        s.step(ActionFrame(0, 0, pointer))
        cells = (s.y >> TISSUE_SHIFT) * T.COLS + (s.x >> TISSUE_SHIFT)
        moved = cells != was
        assert (before[cells[moved]] < T.FIRST_SOLID).all(), f"a bot moved into tissue at tick {tick}"
        now_inside = set(np.flatnonzero(s.tissue_flat[cells] >= T.FIRST_SOLID).tolist())
        for bot in now_inside - set(inside):
            inside[bot] = tick
            swallowed += 1
        for bot in set(inside) - now_inside:
            del inside[bot]
        assert all(tick - since < 60 for since in inside.values()), "a bot stayed inside decay for a second"
    assert swallowed  # (the case is met on this run)
