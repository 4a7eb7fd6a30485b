"""The benchmark's yardstick: the swarm written the way most pygame games would write it.

One ``pygame.sprite.Sprite`` per bot with ``pygame.math.Vector2`` position and velocity, updating
itself in Python (seek the beacon, keep apart from the bots in its cell of a dict-based spatial hash,
stop at solid tissue) and drawn with ``Group.draw``. Used only by ``neosmiles bench swarm``, so the
numpy core's speed is measured side by side with this in the same run; it is not part of the game.
"""

from __future__ import annotations

import random

import pygame
from pygame.math import Vector2

from game.ui.palette import colour

CELL = 16


class ReferenceBot(pygame.sprite.Sprite):
    def __init__(self, image: pygame.Surface, x: float, y: float, rnd: random.Random) -> None:
        super().__init__()
        self.image = image
        self.rect = image.get_rect(center=(int(x), int(y)))
        self.pos = Vector2(x, y)
        self.vel = Vector2(rnd.uniform(-1, 1), rnd.uniform(-1, 1))
        self.rnd = rnd

    def update(self, beacon: Vector2, buckets: dict, solid: list[bytes]) -> None:
        to_beacon = beacon - self.pos
        distance = to_beacon.length()
        if distance > 0:
            to_beacon.scale_to_length(min(distance / 16, 3.0))
        steer = (to_beacon - self.vel) * 0.125
        # separation and alignment with the bots sharing this cell
        key = (int(self.pos.x) // CELL, int(self.pos.y) // CELL)
        neighbours = buckets.get(key, ())
        if len(neighbours) > 1:
            push = Vector2()
            heading = Vector2()
            for other in neighbours[:8]:
                if other is not self:
                    away = self.pos - other.pos
                    d2 = away.length_squared()
                    if 0 < d2 < 16:
                        push += away / d2
                    heading += other.vel
            steer += push * 0.5 + (heading / len(neighbours) - self.vel) * 0.05
        steer += Vector2(self.rnd.uniform(-0.08, 0.08), self.rnd.uniform(-0.08, 0.08))
        self.vel = (self.vel + steer) * 0.94
        if self.vel.length() > 3:
            self.vel.scale_to_length(3)
        new = self.pos + self.vel
        new.x = min(max(new.x, 0), 639)
        new.y = min(max(new.y, 0), 359)
        if solid[int(new.y) // 2][int(new.x) // 2]:
            self.vel *= -0.5
        else:
            self.pos = new
        self.rect.center = (int(self.pos.x), int(self.pos.y))


class ReferenceSwarm:
    def __init__(self, bots: int, tissue_solid: list[bytes], background: pygame.Surface, seed: int = 1) -> None:
        rnd = random.Random(seed)
        image = pygame.Surface((3, 3), pygame.SRCALPHA)
        image.fill((*colour("cyan"), 255))
        image.set_at((1, 1), colour("cyan_light"))
        self.group = pygame.sprite.Group(
            ReferenceBot(image, rnd.uniform(200, 440), rnd.uniform(8, 52), rnd) for _ in range(bots))
        self.solid = tissue_solid
        self.background = background
        self.beacon = Vector2(320, 40)

    def step(self, beacon: tuple[int, int]) -> None:
        self.beacon = Vector2(beacon)
        buckets: dict = {}
        for bot in self.group:
            buckets.setdefault((int(bot.pos.x) // CELL, int(bot.pos.y) // CELL), []).append(bot)
        self.group.update(self.beacon, buckets, self.solid)

    def draw(self, surface: pygame.Surface) -> None:
        surface.blit(self.background, (0, 0))
        self.group.draw(surface)
