"""Walking: walls hold at any speed and at corners, bodies slide along walls, all in integers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.world.model import load_map
from game.world.physics import PLAYER, SUB, WALK_SPEED, CollisionWorld, move, velocity
from tests.worldmaps import spawn, write_map

ROWS = [
    "############",
    "#..........#",
    "#..........#",
    "#....##....#",
    "#....##....#",
    "#..........#",
    "#..........#",
    "############",
]


def world(tmp_path):
    return CollisionWorld(load_map(write_map(tmp_path, "box", spawn("start", 2, 2), rows=ROWS)))


def feet(tx, ty):
    return (tx * 16 + 8) * SUB, (ty * 16 + 14) * SUB


def test_diagonal_speed_is_normalised_with_integers():
    vx, vy = velocity(1, 1, WALK_SPEED)
    assert (vx, vy) == (14, 14)  # 20 * 181 // 256
    assert velocity(-1, 0, WALK_SPEED) == (-20, 0)


def test_a_wall_stops_the_body_flush(tmp_path):
    cw = world(tmp_path)
    x, y = feet(2, 2)
    for _ in range(100):
        x, y, hit_x, _ = move(cw, PLAYER, x, y, -WALK_SPEED, 0)
    assert hit_x
    assert x - PLAYER.half_w == 16 * SUB  # the left edge of the box touches the wall's right side


def test_no_tunnelling_at_any_speed(tmp_path):
    cw = world(tmp_path)
    for speed in (64, 200, 16 * SUB * 5, 10_000):
        x, y = feet(2, 3)
        for _ in range(40):
            x, y, hit_x, _ = move(cw, PLAYER, x, y, speed, 0)
            assert x + PLAYER.half_w <= 5 * 16 * SUB  # never beyond the pillar's left face
        assert hit_x and x + PLAYER.half_w == 5 * 16 * SUB


def test_diagonal_into_an_outer_corner_holds(tmp_path):
    cw = world(tmp_path)
    x, y = feet(3, 6)  # below-left of the pillar, walk up-right into its corner region
    for _ in range(300):
        x, y, _, _ = move(cw, PLAYER, x, y, *velocity(1, -1, 48))
        assert not cw.blocked(PLAYER.box(x, y))
    x, y = feet(1, 1)
    for _ in range(300):  # into the map's top-left inner corner
        x, y, _, _ = move(cw, PLAYER, x, y, *velocity(-1, -1, 300))
        assert not cw.blocked(PLAYER.box(x, y))
    assert (x - PLAYER.half_w, y - PLAYER.height) == (16 * SUB, 16 * SUB)


def test_walking_diagonally_along_a_wall_slides(tmp_path):
    cw = world(tmp_path)
    x, y = feet(2, 1)
    start_x = x
    for _ in range(20):
        x, y, _, hit_y = move(cw, PLAYER, x, y, *velocity(1, -1, WALK_SPEED))
    assert hit_y and x > start_x  # blocked upward but still moving right


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 1), st.integers(-1, 1), st.integers(1, 600)), min_size=1, max_size=40))
def test_random_walks_never_end_inside_a_wall(steps):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        cw = world(Path(tmp))
        x, y = feet(2, 2)
        for dx, dy, speed in steps:
            x, y, _, _ = move(cw, PLAYER, x, y, *velocity(dx, dy, speed))
            assert not cw.blocked(PLAYER.box(x, y))


def test_walking_into_a_corner_edge_slides_round_it(tmp_path):
    cw = world(tmp_path)
    # walking right with the top 3 px of the body overlapping the pillar's bottom edge
    x, y = feet(3, 4)
    y += 5 * SUB
    for _ in range(80):
        x, y, _, _ = move(cw, PLAYER, x, y, WALK_SPEED, 0)
    assert x > 7 * 16 * SUB  # it got past the pillar instead of sticking to its corner


def test_a_body_inside_another_walks_out_of_it_but_never_through_a_wall(tmp_path):
    # someone squeezed past Lena and their box overlaps hers; she pushes toward the wall on her left
    cw = world(tmp_path)
    x, y = feet(1, 2)
    person = PLAYER.box(x + 3 * SUB, y)
    for _ in range(60):
        x, y, _, _ = move(cw, PLAYER, x, y, -WALK_SPEED, 0, [person])
        assert x - PLAYER.half_w >= 16 * SUB  # the wall's right face
    for _ in range(60):
        x, y, _, _ = move(cw, PLAYER, x, y, WALK_SPEED, 0, [person])
    assert not cw.blocked(PLAYER.box(x, y), [person])  # she walked out of them
