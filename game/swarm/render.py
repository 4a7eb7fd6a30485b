"""Drawing the inside of the tooth and the swarm: batch pixel writes, never one call per bot.

The tissue is coloured through a lookup table (tissue type x shade) into a 320x180 surface, scaled
2x with nearest-neighbour sampling, and kept: only the rows the simulation stamps as changed
(``row_stamp``) are recoloured.
Bots, trails and particles are written straight into the frame's pixels through
``pygame.surfarray.pixels2d`` with numpy fancy indexing (one write per layer for all bots); the swarm's
glow is a low-resolution density map, smoothly scaled (only around the swarm) and added with
``BLEND_ADD``. Drawing only reads the simulation.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.swarm import tissue as T
from game.swarm.particles import DEBRIS, SPARK, ParticlePool
from game.swarm.sim import DENSITY_SHIFT, PULSE_TICKS, SUB, TISSUE_SHIFT, Beacon, Swarm
from game.ui.palette import colour

W, H = 640, 360
GW, GH = W >> (DENSITY_SHIFT - 8), H >> (DENSITY_SHIFT - 8)  # glow map: 4 px cells
PARTICLES = 2048

# shade variants per tissue type: 0-3 texture, 4 lit edge (facing up/left), 5 shaded edge, 6 stained
_SHADES: dict[int, tuple[str, ...]] = {
    T.SPACE: ("night", "night", "ink", "navy", "night", "night", "night", "night"),
    T.CLEAN: ("navy", "navy", "night", "slate", "navy", "night", "navy", "navy"),
    T.PULP: ("pulp", "pulp", "gum", "rose", "rose", "gum_dark", "gum_dark", "pulp"),
    T.NERVE: ("nerve", "nerve", "red", "red", "red", "nerve", "nerve", "white"),  # 7: the cable's bright bands
    T.ENAMEL: ("enamel", "enamel", "enamel_shade", "white", "white", "enamel_shade", "dentin_shade", "enamel"),
    T.DENTIN: ("dentin", "dentin", "dentin_shade", "cream", "cream", "dentin_shade", "decay_light", "dentin"),
    T.GUM: ("gum", "gum", "pulp", "rose", "rose", "gum_dark", "gum_dark", "gum"),
    T.BONE: ("gum_dark", "gum_dark", "gum_dark", "gum", "gum", "wood_dark", "wood_dark", "gum_dark"),
    T.DECAY: ("decay", "decay_dark", "decay_light", "decay", "decay_light", "decay_dark", "decay_dark", "ink"),
}


def _noise(rows: int, cols: int, seed: int) -> np.ndarray:
    """A fixed integer hash per cell (drawing only): texture that never flickers."""
    gy, gx = np.mgrid[0:rows, 0:cols].astype(np.uint32)
    h = (gx * np.uint32(374761393) + gy * np.uint32(668265263) + np.uint32(seed)) & np.uint32(0xFFFFFFFF)
    h = (h ^ (h >> np.uint32(13))) * np.uint32(1274126177)
    return ((h ^ (h >> np.uint32(16))) & np.uint32(0xFF)).astype(np.uint8)


def _index(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Flat pixel index of (x, y), clamped to the frame (in place on the given arrays)."""
    np.maximum(x, 0, out=x)
    np.minimum(x, W - 1, out=x)
    np.maximum(y, 0, out=y)
    np.minimum(y, H - 1, out=y)
    y *= W
    y += x
    return y


def _value_noise(rows: int, cols: int, period: int, seed: int) -> np.ndarray:
    """Smooth blotches (0..255) from a coarse hash grid, bilinearly blended (drawing only)."""
    coarse = _noise(rows // period + 2, cols // period + 2, seed).astype(np.float32)
    fy = np.arange(rows, dtype=np.float32) / period
    fx = np.arange(cols, dtype=np.float32) / period
    iy, ix = fy.astype(np.int32), fx.astype(np.int32)
    ty, tx = (fy - iy)[:, None], (fx - ix)[None, :]
    a = coarse[iy][:, ix]
    b = coarse[iy][:, ix + 1]
    c = coarse[iy + 1][:, ix]
    d = coarse[iy + 1][:, ix + 1]
    top = a + (b - a) * tx
    bottom = c + (d - c) * tx
    return (top + (bottom - top) * ty).astype(np.int32)


class SwarmRenderer:
    def __init__(self, glow: pygame.Surface | None = None) -> None:
        self.frame = pygame.Surface((W, H), 0, 32)
        self._tissue_small = pygame.Surface((T.COLS, T.ROWS), 0, 32)
        self._tissue = pygame.Surface((W, H), 0, 32)
        self._glow_small = pygame.Surface((GW, GH), 0, 32)
        self._glow_big = pygame.Surface((W, H), 0, 32)
        self._glow_at = (0, 0)
        self._version: tuple[int, int] | None = None
        m = self.frame.map_rgb
        self.lut = np.zeros(len(_SHADES) * 8, np.uint32)
        for kind, names in _SHADES.items():
            for i, name in enumerate(names):
                self.lut[kind * 8 + i] = m(colour(name))
        self.noise = _noise(T.ROWS, T.COLS, 7)
        # texture: smooth blotches with dithered edges, a few specks
        blotch = _value_noise(T.ROWS, T.COLS, 9, 11) + (self.noise.astype(np.int32) & 31) - 16
        texture = np.zeros((T.ROWS, T.COLS), np.uint8)
        texture[blotch < 48] = 2
        texture[blotch > 214] = 3
        texture[self.noise > 252] = 2
        self.texture = texture
        gy = np.arange(T.ROWS)[:, None]
        # the open mouth: darker towards the top of the screen, with slow swirls of saliva
        swirl = _value_noise(T.ROWS, T.COLS, 14, 5) + (self.noise.astype(np.int32) & 31) - gy // 2
        self.space_band = np.where(swirl > 185, 3, np.where(swirl < 20, 2, 0)).astype(np.uint8)
        # the top of the mouth fades to ink, dithered
        self.space_band[(gy * 9 + (self.noise & 63)) < 100] = 2
        self.c_head = np.uint32(m(colour("cyan_light")))
        self.c_tail = np.uint32(m(colour("cyan")))
        self.c_trail = np.uint32(m(colour("teal_dark")))
        self.c_rogue = np.uint32(m(colour("magenta")))
        self.c_rogue_core = np.uint32(m(colour("white")))
        self.c_rogue_edge = np.uint32(m(colour("ink")))
        self.c_debris = np.array([m(colour(n)) for n in ("decay_dark", "decay", "decay_light", "wood_light")],
                                 np.uint32)
        self.c_spark = np.array([m(colour(n)) for n in ("orange", "amber", "yellow", "white")], np.uint32)
        glow_cols = [(0, 0, 0)] + [(min(90, 3 * k), min(170, 6 * k + 10), min(190, 7 * k + 12))
                                   for k in range(1, 64)]
        self.glow_lut = np.array([m(c) for c in glow_cols], np.uint32)
        self.beacon_glow = glow
        # particles (sparks where bots grind, debris where decay breaks) are drawing only: spawned from the
        # swarm's notes of what happened, moved once per tick drawn
        self.particles = ParticlePool(PARTICLES)
        self._particle_tick = 0
        self._jitter = (_noise(1, 4096, 3).astype(np.int32).ravel() % 41) - 20

    # tissue --------------------------------------------------------------------------------------
    def _tissue_layer(self, swarm: Swarm) -> pygame.Surface:
        """The tooth, recoloured only in the runs of rows the simulation stamped as changed since last time."""
        key = (id(swarm), swarm.tick_count)
        if key == self._version:
            return self._tissue
        if self._version is None or self._version[0] != id(swarm) or swarm.tick_count < self._version[1]:
            runs = [(0, T.ROWS)]
        else:
            changed = np.flatnonzero(swarm.row_stamp > self._version[1])
            runs = []
            if changed.size:
                # split where rows are more than a few apart, so two far-apart spots stay two small bands
                cuts = np.flatnonzero(np.diff(changed) > 4)
                starts = np.concatenate(([changed[0]], changed[cuts + 1]))
                ends = np.concatenate((changed[cuts], [changed[-1]]))
                runs = [(max(0, int(a) - 1), min(T.ROWS, int(b) + 2)) for a, b in zip(starts, ends, strict=True)]
        self._version = key
        if runs:
            pixels = pygame.surfarray.pixels2d(self._tissue_small)
            try:
                for r0, r1 in runs:
                    pixels[:, r0:r1] = self._shade(swarm.tissue, swarm.decay_hp, swarm.encounter.decay_hp, r0, r1).T
            finally:
                del pixels
            for r0, r1 in runs:
                band = self._tissue_small.subsurface(pygame.Rect(0, r0, T.COLS, r1 - r0))
                self._tissue.blit(pygame.transform.scale(band, (W, (r1 - r0) * 2)), (0, r0 * 2))
        return self._tissue

    def _shade(self, tissue: np.ndarray, decay_hp: np.ndarray, full: int, r0: int, r1: int) -> np.ndarray:
        """Colours of rows r0..r1: texture, lit and shaded edges, stains next to decay, decay by depth."""
        a, b = max(0, r0 - 1), min(T.ROWS, r1 + 1)
        t = tissue[a:b]
        noise = self.noise[a:b]
        variant = self.texture[a:b].copy()
        open_ = t < T.FIRST_SOLID
        solid = ~open_
        above = np.zeros_like(open_)
        above[1:, :] = open_[:-1, :]
        left = np.zeros_like(open_)
        left[:, 1:] = open_[:, :-1]
        below = np.zeros_like(open_)
        below[:-1, :] = open_[1:, :]
        right = np.zeros_like(open_)
        right[:, :-1] = open_[:, 1:]
        decay = t == T.DECAY
        near_decay = np.zeros_like(decay)
        near_decay[1:, :] |= decay[:-1, :]
        near_decay[:-1, :] |= decay[1:, :]
        near_decay[:, 1:] |= decay[:, :-1]
        near_decay[:, :-1] |= decay[:, 1:]
        near_decay &= ((t == T.ENAMEL) | (t == T.DENTIN)) & ((noise & 64) > 0)
        variant[solid & (below | right)] = 5
        variant[solid & (above | left)] = 4
        variant[near_decay] = 6
        # decay: darker where it is deep (many hit points left), ragged by the noise
        hp = decay_hp[a:b].astype(np.int32)
        full = max(1, full)
        tier = np.where(hp * 3 > full * 2, 1, np.where(hp * 3 > full, 0, 2))
        tier = np.where((noise & 48) == 48, 7 * (tier == 1) + tier * (tier != 1), tier)
        variant = np.where(decay, tier, variant)
        # told apart by shape and brightness as well as hue: decay is pitted with dark dots on a regular
        # grid, the nerve is a cable of bright bands (a colour-blind player still reads both)
        gy, gx = np.ogrid[a:b, 0:T.COLS]
        variant = np.where(decay & ((gx + (gy // 3) * 2) % 4 == 0) & (gy % 3 == 0), 7, variant)
        variant = np.where((t == T.NERVE) & ((gx + gy) % 6 == 0), 7, variant)
        variant = np.where(t == T.SPACE, self.space_band[a:b], variant)
        colours = self.lut[t.astype(np.uint32) * 8 + variant]
        return colours[r0 - a:r0 - a + (r1 - r0)]

    # the frame -------------------------------------------------------------------------------------
    def draw(self, target: pygame.Surface, swarm: Swarm, ghost: Beacon | None = None,
             offset: tuple[int, int] = (0, 0)) -> None:
        """The frame into ``target``, shifted by ``offset`` (the patient's flinch shakes the view)."""
        frame = self.frame
        frame.blit(self._tissue_layer(swarm), (0, 0))
        self._glow(swarm)
        self._advance_particles(swarm)
        pix = pygame.surfarray.pixels2d(frame)
        flat = pix.T.reshape(-1)
        try:
            self._bots(flat, swarm)
            self._particles(flat, swarm)
        finally:
            del flat, pix
        frame.blit(self._glow_big, self._glow_at, special_flags=pygame.BLEND_ADD)
        self._beacon(frame, swarm, Beacon(*swarm.goal), bright=True)
        if ghost is not None:
            self._ghost(frame, ghost, swarm.tick_count)
        if offset != (0, 0):
            target.fill(colour("ink"))
        target.blit(frame, offset)

    def _glow(self, swarm: Swarm) -> None:
        """The swarm's glow from the simulation's own 4 px density counts (no pass over the bots)."""
        counts = swarm.motion.dens
        occupied = np.flatnonzero(counts != 0)
        if occupied.size == 0:  # no tick yet: count the bots here
            x, y = swarm.x >> DENSITY_SHIFT, swarm.y >> DENSITY_SHIFT
            counts = np.bincount((y + 1) * (GW + 2) + x + 1, minlength=(GH + 2) * (GW + 2))
            occupied = np.flatnonzero(counts)
        grid = counts.reshape(GH + 2, GW + 2)[1:-1, 1:-1]
        glow = np.minimum(grid, 63)
        pygame.surfarray.blit_array(self._glow_small, self.glow_lut[glow].T)
        # only the box around the swarm is smoothed up to full size (its cost follows the swarm's area)
        rows, cols = np.divmod(occupied, GW + 2)
        shift = DENSITY_SHIFT - 8
        x0, x1 = max(0, int(cols.min()) - 3), min(GW, int(cols.max()) + 2)
        y0, y1 = max(0, int(rows.min()) - 3), min(GH, int(rows.max()) + 2)
        box = self._glow_small.subsurface(pygame.Rect(x0, y0, x1 - x0, y1 - y0))
        self._glow_at = (x0 << shift, y0 << shift)
        self._glow_big = pygame.transform.smoothscale(box, ((x1 - x0) << shift, (y1 - y0) << shift))

    def _bots(self, flat: np.ndarray, swarm: Swarm) -> None:
        """Each bot: a faint trail two steps back, the tail one step back, the bright head on top (flat
        pixel indices; a trail at the arena's very edge may wrap a row, which is never seen)."""
        last = W * H - 1
        head = (swarm.y >> 8).astype(np.intp)
        head *= W
        head += swarm.x >> 8
        for shift, tint in ((7, self.c_trail), (8, self.c_tail)):
            back = (swarm.vy >> shift) * W
            back += swarm.vx >> shift
            tail = head - back
            np.clip(tail, 0, last, out=tail)
            flat[tail] = tint
        flat[head] = self.c_head
        r = swarm.rogue_idx
        if r.size:
            rx = np.clip(swarm.x[r] >> 8, 2, W - 3)
            ry = np.clip(swarm.y[r] >> 8, 2, H - 3)
            at = ry * W + rx
            for d in (-W - 1, -W + 1, W - 1, W + 1):  # dark corners: the cross reads on bright enamel too
                flat[at + d] = self.c_rogue_edge
            for d in (-1, 1, -W, W, -2, 2, -2 * W, 2 * W):  # a plus sign: unlike any healthy bot
                flat[at + d] = self.c_rogue
            flat[at] = self.c_rogue_core  # with a white heart: brighter than any healthy bot

    def _advance_particles(self, swarm: Swarm) -> None:
        """Spawn the bursts noted since the last frame and move the particles one step per tick passed."""
        tick = swarm.tick_count
        if tick < self._particle_tick:  # a new run
            self.particles = ParticlePool(PARTICLES)
            self._particle_tick = 0
        for at, kind, cells in swarm.bursts:
            if at <= self._particle_tick:
                continue
            sample = cells[:: max(1, cells.size // 6)][:6]
            if kind == "grind":
                self._burst(sample, np.full(sample.size, SPARK, np.uint8), at)
            elif kind == "break":
                some = cells[:40]
                self._burst(np.concatenate((np.repeat(some, 3), np.repeat(some, 2))),
                            np.concatenate((np.full(some.size * 3, DEBRIS, np.uint8),
                                            np.full(some.size * 2, SPARK, np.uint8))), at)
            else:
                some = np.repeat(cells[:20], 2)
                self._burst(some, np.full(some.size, SPARK, np.uint8), at)
        for _ in range(min(tick - self._particle_tick, 4)):
            self.particles.update(W * SUB, H * SUB)
        self._particle_tick = tick

    def _burst(self, cells: np.ndarray, kinds: np.ndarray, tick: int) -> None:
        """Particles from tissue cell centres; debris flies slower and lives longer than sparks."""
        n = cells.size
        if n == 0:
            return
        half = 1 << (TISSUE_SHIFT - 1)
        cx = ((cells % T.COLS) << TISSUE_SHIFT) + half
        cy = ((cells // T.COLS) << TISSUE_SHIFT) + half
        at = (np.arange(n) + tick * 977 + self.particles.next) % (self._jitter.size - 2)
        debris = kinds == DEBRIS
        speed = np.where(debris, 200, 320)
        jx = self._jitter[at] * speed // 20
        jy = self._jitter[at + 1] * speed // 20 - speed // 2
        life = np.where(debris, 40, 16) + (self._jitter[at + 2] & 15)
        self.particles.spawn(cx.astype(np.int32), cy.astype(np.int32), jx.astype(np.int32), jy.astype(np.int32),
                             life.astype(np.int16), kinds)

    def _particles(self, flat: np.ndarray, swarm: Swarm) -> None:
        p = self.particles
        live = np.flatnonzero(p.life > 0)
        if live.size == 0:
            return
        px = p.x[live] >> 8
        py = p.y[live] >> 8
        life = p.life[live]
        kind = p.kind[live]
        tier = np.minimum(life >> 3, 3)
        cols = np.where(kind == DEBRIS, self.c_debris[tier], self.c_spark[tier])
        flat[py * W + px] = cols
        sparks = (kind == SPARK) & (life > 8)
        if sparks.any():
            sx = px[sparks] - (p.vx[live][sparks] >> 8)
            sy = py[sparks] - (p.vy[live][sparks] >> 8)
            flat[_index(sx, sy)] = self.c_spark[1]

    def _beacon(self, frame: pygame.Surface, swarm: Swarm, beacon: Beacon, bright: bool) -> None:
        bx, by = beacon.x // SUB, beacon.y // SUB
        t = swarm.tick_count
        if self.beacon_glow is not None:
            g = self.beacon_glow
            frame.blit(g, (bx - g.get_width() // 2, by - g.get_height() // 2), special_flags=pygame.BLEND_RGB_ADD)
        radius = 7 + (t // 6) % 3
        ring = colour("cyan_light") if swarm.mode != 2 else colour("amber")
        if swarm.mode == 1:
            radius = 4
            ring = colour("white")
        pygame.draw.circle(frame, colour("ink"), (bx, by), radius + 1, 1)
        pygame.draw.circle(frame, ring, (bx, by), radius, 1)
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            frame.set_at((bx + dx * (radius + 3), by + dy * (radius + 3)), ring)
        frame.set_at((bx, by), colour("white"))
        since = t - swarm.recall_tick
        if 0 <= since < PULSE_TICKS:
            r = swarm.encounter.recall_radius * since // PULSE_TICKS + 4
            pygame.draw.circle(frame, colour("cyan"), (bx, by), r, 2)
            pygame.draw.circle(frame, colour("white"), (bx, by), max(1, r - 3), 1)

    def _ghost(self, frame: pygame.Surface, ghost: Beacon, tick: int) -> None:
        gx, gy = ghost.x // SUB, ghost.y // SUB
        # a dark outline around a light violet ring, so the ghost reads over enamel, pulp and decay alike
        r = 8 + (tick // 12) % 2
        shape = pygame.Surface((25, 25), pygame.SRCALPHA)
        pygame.draw.circle(shape, (*colour("ink"), 170), (12, 12), r + 2, 2)
        pygame.draw.circle(shape, (*colour("violet_light"), 230), (12, 12), r, 2)
        pygame.draw.circle(shape, (*colour("violet"), 150), (12, 12), 3)
        frame.blit(shape, (gx - 12, gy - 12))
