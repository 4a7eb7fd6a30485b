"""Walking through a map: integer sub-pixel movement, 8 directions, wall sliding, no tunnelling.

Positions are in sub-pixels (``SUB`` per pixel) and every step is integer arithmetic, so the same
frames always give the same positions on every machine. A body is a box standing on its feet point
(bottom centre). A move is split into axis steps no longer than ``MAX_STEP`` (a quarter tile), each
clamped at the first solid sub-pixel, so no speed can carry a body through a wall; moving each axis on
its own is what makes a body slide along a wall it meets at an angle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.world.model import WorldMap

SUB = 16  # sub-pixels per pixel
MAX_STEP = 4 * SUB  # a quarter of a 16 px tile
DIAGONAL = 181  # 1/sqrt(2) in 1/256ths

#: walking and running speeds in sub-pixels per tick (1.25 and 2 px)
WALK_SPEED = 20
RUN_SPEED = 32

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in sub-pixels, x1/y1 exclusive


def velocity(dx: int, dy: int, speed: int) -> tuple[int, int]:
    """A direction in -1..1 per axis scaled to ``speed``; diagonals are normalised by an integer table."""
    if dx and dy:
        d = speed * DIAGONAL // 256
        return dx * d, dy * d
    return dx * speed, dy * speed


@dataclass(frozen=True)
class BodyShape:
    """A feet box: ``half_w`` either side of the feet point, ``height`` above it (sub-pixels)."""

    half_w: int = 5 * SUB
    height: int = 6 * SUB

    def box(self, x: int, y: int) -> Box:
        return x - self.half_w, y - self.height, x + self.half_w, y


PLAYER = BodyShape()


class CollisionWorld:
    """Solid tiles and solid rectangles of one map, queried with boxes in sub-pixels."""

    def __init__(self, world: WorldMap) -> None:
        self.width, self.height = world.width, world.height
        self.tile_w, self.tile_h = world.tile_w * SUB, world.tile_h * SUB
        self.solid = bytes(world.solid)
        self.rects: list[Box] = [
            (o.x * SUB, o.y * SUB, (o.x + o.w) * SUB, (o.y + o.h) * SUB)
            for o in world.objects if o.kind == "solid" and o.w > 0 and o.h > 0
        ]
        self.limit = (world.width * self.tile_w, world.height * self.tile_h)

    def blocked(self, box: Box, others: Sequence[Box] = ()) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0 or y0 < 0 or x1 > self.limit[0] or y1 > self.limit[1]:
            return True
        tx0, tx1 = x0 // self.tile_w, (x1 - 1) // self.tile_w
        ty0, ty1 = y0 // self.tile_h, (y1 - 1) // self.tile_h
        solid, w = self.solid, self.width
        for ty in range(ty0, ty1 + 1):
            row = ty * w
            for tx in range(tx0, tx1 + 1):
                if solid[row + tx]:
                    return True
        for rx0, ry0, rx1, ry1 in self.rects:
            if x0 < rx1 and rx0 < x1 and y0 < ry1 and ry0 < y1:
                return True
        for rx0, ry0, rx1, ry1 in others:
            if x0 < rx1 and rx0 < x1 and y0 < ry1 and ry0 < y1:
                return True
        return False

    def free_at(self, shape: BodyShape, x: int, y: int, others: Sequence[Box] = ()) -> bool:
        return not self.blocked(shape.box(x, y), others)


def _axis_move(world: CollisionWorld, shape: BodyShape, x: int, y: int, amount: int, axis: int,
               others: Sequence[Box]) -> tuple[int, int, bool]:
    """Move along one axis in steps of at most MAX_STEP; stop flush against the first obstacle."""
    sign = 1 if amount > 0 else -1
    left = abs(amount)
    while left > 0:
        step = min(left, MAX_STEP)
        nx, ny = (x + sign * step, y) if axis == 0 else (x, y + sign * step)
        if not world.blocked(shape.box(nx, ny), others):
            x, y = nx, ny
            left -= step
            continue
        lo, hi = 0, step  # lo is free, hi is blocked: find the last free sub-pixel
        while hi - lo > 1:
            mid = (lo + hi) // 2
            mx, my = (x + sign * mid, y) if axis == 0 else (x, y + sign * mid)
            if world.blocked(shape.box(mx, my), others):
                hi = mid
            else:
                lo = mid
        if axis == 0:
            x += sign * lo
        else:
            y += sign * lo
        return x, y, True
    return x, y, False


def move(world: CollisionWorld, shape: BodyShape, x: int, y: int, vx: int, vy: int,
         others: Sequence[Box] = ()) -> tuple[int, int, bool, bool]:
    """Move a body by (vx, vy) sub-pixels; returns the new feet point and whether x / y were stopped.

    A body that starts inside something is let out rather than stuck forever: inside another body (someone
    squeezed past) it walks out of them but still stops at walls; inside a wall (an editor moved a wall
    onto it) it may move freely until it is clear.
    """
    if world.blocked(shape.box(x, y), others):
        if not others or world.blocked(shape.box(x, y)):
            return x + vx, y + vy, False, False
        others = ()
    hit_x = hit_y = False
    if vx:
        x, y, hit_x = _axis_move(world, shape, x, y, vx, 0, others)
    if vy:
        x, y, hit_y = _axis_move(world, shape, x, y, vy, 1, others)
    # Corner help: walking straight into the edge of a corner by a few pixels slides the body round it.
    if hit_x and not vy:
        for nudge in range(SUB, 5 * SUB, SUB):
            for sgn in (-1, 1):
                step = sgn * min(SUB, abs(vx))
                if world.free_at(shape, x + (1 if vx > 0 else -1), y + sgn * nudge, others) and \
                        world.free_at(shape, x, y + step, others):
                    return x, y + step, hit_x, hit_y
    if hit_y and not vx:
        for nudge in range(SUB, 5 * SUB, SUB):
            for sgn in (-1, 1):
                step = sgn * min(SUB, abs(vy))
                if world.free_at(shape, x + sgn * nudge, y + (1 if vy > 0 else -1), others) and \
                        world.free_at(shape, x + step, y, others):
                    return x + step, y, hit_x, hit_y
    return x, y, hit_x, hit_y


def box_of(shape: BodyShape, x: int, y: int) -> Box:
    return shape.box(x, y)


def point_in_rect(px: int, py: int, rect: tuple[int, int, int, int]) -> bool:
    """Pixel point inside a pixel rect (x, y, w, h)."""
    x, y, w, h = rect
    return x <= px < x + w and y <= py < y + h
