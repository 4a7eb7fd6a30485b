"""Rogue bots and the recall pulse: waves of bots turning on healthy tissue, and catching them again.

Functions over a ``Swarm`` (``game.swarm.sim``); integer numpy and the run's RNG only. Never imports pygame.
"""

from __future__ import annotations

import numpy as np

from game.swarm import tissue as T
from game.swarm.motion import SUB, TISSUE_SHIFT, clamp

SEEK_MAX = 3 * SUB  # the speed rogues break away at (game.swarm.sim.SEEK_MAX)


def recall(sw) -> None:
    """The recall pulse: rogue bots within its radius of the goal are contained (normal again)."""
    sw.recall_cooldown = sw.encounter.recall_cooldown * 60
    sw.recall_tick = sw.tick_count
    sw.events.append("recall")
    r = sw.rogue_idx
    if r.size:
        radius = sw.encounter.recall_radius * SUB
        dx = (sw.x[r] - sw.goal[0]).astype(np.int64)
        dy = (sw.y[r] - sw.goal[1]).astype(np.int64)
        caught = dx * dx + dy * dy <= radius * radius
        if caught.any():
            sw.kind[r[caught]] = 0
            sw.contained += int(np.count_nonzero(caught))
            keep = ~caught
            sw.rogue_idx = r[keep]
            sw.rogue_tx = sw.rogue_tx[keep]
            sw.rogue_ty = sw.rogue_ty[keep]


def surface_targets(sw, count: int) -> tuple[np.ndarray, np.ndarray]:
    """``count`` healthy cells on the tooth's surface, chosen by the RNG, as fixed-point centres."""
    t = sw.tissue
    open_ = (t == T.SPACE) | (t == T.CLEAN)
    near = np.zeros_like(open_)
    near[1:, :] |= open_[:-1, :]
    near[:, 1:] |= open_[:, :-1]
    near[:, :-1] |= open_[:, 1:]
    cells = np.flatnonzero((((t == T.ENAMEL) | (t == T.DENTIN)) & near).ravel())
    if cells.size == 0:
        cells = np.array([T.COLS * (T.ROWS // 2) + T.COLS // 2])
    pick = cells[sw.rng.integers(0, cells.size, size=count)]
    return (((pick % T.COLS) << TISSUE_SHIFT) + 256).astype(np.int32), \
        (((pick // T.COLS) << TISSUE_SHIFT) + 256).astype(np.int32)


def turn_rogue(sw, count: int) -> None:
    """A wave: ``count`` normal bots, chosen by the RNG, go rogue in three groups, each after a target."""
    normal = np.flatnonzero(sw.kind == 0)
    count = min(count, normal.size)
    if count == 0:
        return
    chosen = np.sort(normal[sw.rng.permutation(normal.size)[:count]])
    sw.kind[chosen] = 1
    groups = 3
    tx, ty = surface_targets(sw, groups)
    order = np.arange(count) % groups
    sw.rogue_idx = np.concatenate([sw.rogue_idx, chosen])
    sw.rogue_tx = np.concatenate([sw.rogue_tx, tx[order]])
    sw.rogue_ty = np.concatenate([sw.rogue_ty, ty[order]])
    # they break away at full speed towards the tissue they are going to attack
    sw.vx[chosen] = clamp((tx[order] - sw.x[chosen]) >> 2, SEEK_MAX)
    sw.vy[chosen] = clamp((ty[order] - sw.y[chosen]) >> 2, SEEK_MAX)
    sort = np.argsort(sw.rogue_idx, kind="stable")
    sw.rogue_idx, sw.rogue_tx, sw.rogue_ty = sw.rogue_idx[sort], sw.rogue_tx[sort], sw.rogue_ty[sort]
    sw.events.append("alarm")


def retarget(sw) -> None:
    """Rogues whose target is no longer healthy tissue pick another."""
    cells = (sw.rogue_ty >> TISSUE_SHIFT) * T.COLS + (sw.rogue_tx >> TISSUE_SHIFT)
    t = sw.tissue_flat[cells]
    stale = np.flatnonzero((t != T.ENAMEL) & (t != T.DENTIN))
    if stale.size:
        tx, ty = surface_targets(sw, int(stale.size))
        sw.rogue_tx[stale] = tx
        sw.rogue_ty[stale] = ty
