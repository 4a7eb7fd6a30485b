"""The tooth cross-section as a grid of tissue cells, and the decay that lives and spreads in it.

One cell is 2x2 logical pixels (320x180 cells over the 640x360 arena). Each cell holds a tissue type;
decay cells also hold hit points that bots erode. Everything here is integer numpy: building the tooth
uses only integer comparisons, spreading draws integers from the run's RNG, so the grid is
bit-identical on every machine. Never imports pygame.
"""

from __future__ import annotations

import numpy as np

CELL_PX = 2
COLS, ROWS = 640 // CELL_PX, 360 // CELL_PX

# Tissue types. Everything below ENAMEL lets bots through; ENAMEL and above blocks them.
SPACE, CLEAN, PULP, NERVE, ENAMEL, DENTIN, GUM, BONE, DECAY = range(9)
NAMES = ("space", "clean", "pulp", "nerve", "enamel", "dentin", "gum", "bone", "decay")
FIRST_SOLID = ENAMEL


def build_tooth(decay_spots: list[tuple[int, int, int]], hp: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (tissue, decay_hp) grids (ROWS x COLS) for a molar with decay at ``(x, y, radius)`` spots.

    Coordinates of the spots are logical pixels. The shape is the same for every encounter: a crown
    with two cusps standing in the open mouth, the gum line at its waist, two roots going down.
    """
    gy, gx = np.mgrid[0:ROWS, 0:COLS].astype(np.int64)
    px, py = gx * CELL_PX + 1, gy * CELL_PX + 1  # cell centres in logical pixels
    cx = 320
    dx = px - cx
    tissue = np.full((ROWS, COLS), SPACE, dtype=np.uint8)

    # crown outline: two cusps (parabolas) over a body that narrows to the neck at y=236
    half = 196
    cusp = np.minimum((dx - 92) ** 2, (dx + 92) ** 2)  # distance to the nearest cusp peak, squared
    top = 70 + cusp // 300 + np.where(np.abs(dx) < 24, (24 - np.abs(dx)) // 2, 0)  # fissure between cusps
    side = half - np.maximum(py - 170, 0) * 5 // 8  # the crown narrows towards the neck
    crown = (py >= top) & (np.abs(dx) <= side) & (py < 250)
    # corners of the crown rounded
    crown &= ~((py - top < 30) & (np.abs(dx) > side - 30) &
               ((np.abs(dx) - (side - 30)) ** 2 + (py - top - 30) ** 2 > 900))
    # two roots from the neck to the bottom of the screen, tapering
    root_half = 44 - np.maximum(py - 250, 0) // 5
    roots = (py >= 236) & ((np.abs(dx - 78) <= root_half) | (np.abs(dx + 78) <= root_half))
    roots &= (py < 360)
    fork = (py >= 250) & (np.abs(dx) < 34 + np.maximum(py - 250, 0) // 4) & ~(np.abs(dx - 78) <= root_half) & \
        ~(np.abs(dx + 78) <= root_half)
    roots &= ~fork
    tooth = crown | roots
    tissue[tooth] = DENTIN

    # enamel: a shell on the crown (thicker on the top); dentin shows where the crown meets the roots
    inner_top = top + 16
    inner_side = side - 12
    enamel = crown & ((py < inner_top) | (np.abs(dx) > inner_side)) & (py < 232)
    tissue[enamel] = ENAMEL

    # pulp chamber with horns reaching towards the cusps, and canals down the roots
    chamber = (dx * dx * 9 + (py - 204) ** 2 * 64 <= 100 * 100 * 9) & (py <= 238)
    horn = (py >= 150) & (py < 196) & ((np.abs(dx - 64) <= (py - 150) // 3 + 4) |
                                       (np.abs(dx + 64) <= (py - 150) // 3 + 4))
    canal_half = 10 - np.maximum(py - 240, 0) // 14
    canal = (py >= 230) & (py < 352) & ((np.abs(dx - 78) <= canal_half) | (np.abs(dx + 78) <= canal_half))
    pulp = (chamber | horn | canal) & tooth
    tissue[pulp] = PULP
    # the nerve: a thin red bundle down the middle of each canal and across the chamber floor
    bend = (dx * dx) // 220  # the bundle sags through the chamber between the two canals
    nerve = pulp & ((((np.abs(dx - 78) <= 2) | (np.abs(dx + 78) <= 2)) & (py >= 232)) |
                    ((np.abs(py - 206 - bend) <= 2) & (np.abs(dx) <= 80)))
    tissue[nerve] = NERVE

    # gum around the neck and the roots, bone below it
    gum_top = 232 + (np.abs(dx) - 150).clip(0, None) // 6
    gum = (py >= gum_top) & ~tooth & (np.abs(dx) >= 100)
    gum |= (py >= 248) & ~tooth
    tissue[gum] = GUM
    bone = (py >= 300 + (np.abs(dx) // 16)) & ~tooth
    tissue[bone] = BONE

    decay_hp = np.zeros((ROWS, COLS), dtype=np.int16)
    # a fixed integer hash per cell makes each caries ragged instead of a clean disc
    rough = ((gx * 73856093) ^ (gy * 19349663)) & 15
    lobes = ((gx // 3 * 83492791) ^ (gy // 3 * 2654435761)) & 7
    for x, y, r in decay_spots:
        d2 = ((px - x) ** 2 + (py - y) ** 2) * 24
        spot = (d2 <= r * r * (14 + rough // 2 + lobes)) & ((tissue == ENAMEL) | (tissue == DENTIN))
        tissue[spot] = DECAY
        decay_hp[spot] = hp
    return tissue, decay_hp


def passable(tissue: np.ndarray) -> np.ndarray:
    return tissue < FIRST_SOLID


def exposed_decay(tissue: np.ndarray) -> np.ndarray:
    """Decay cells next to open space or cleaned cavity (where the swarm can reach them)."""
    open_ = (tissue == SPACE) | (tissue == CLEAN)
    near = np.zeros_like(open_)
    near[1:, :] |= open_[:-1, :]
    near[:-1, :] |= open_[1:, :]
    near[:, 1:] |= open_[:, :-1]
    near[:, :-1] |= open_[:, 1:]
    return (tissue == DECAY) & near


def spread_decay(tissue: np.ndarray, decay_hp: np.ndarray, rng: np.random.Generator, chance: int,
                 enamel_chance: int, hp: int) -> np.ndarray:
    """Grow decay into neighbouring dentin (``chance``/1024 per neighbour) and enamel; returns the cells grown.

    Random integers are drawn only for candidate cells, in row-major order, so the result depends on
    the seed alone.
    """
    decay = tissue == DECAY
    near = np.zeros(decay.shape, dtype=np.int8)
    near[1:, :] += decay[:-1, :]
    near[:-1, :] += decay[1:, :]
    near[:, 1:] += decay[:, :-1]
    near[:, :-1] += decay[:, 1:]
    dentin = (tissue == DENTIN) & (near > 0)
    enamel = (tissue == ENAMEL) & (near > 0)
    candidates = np.flatnonzero((dentin | enamel).ravel())
    if candidates.size == 0:
        return candidates
    draws = rng.integers(0, 1024, size=candidates.size, dtype=np.int32)
    flat_t = tissue.ravel()
    odds = np.where(flat_t[candidates] == DENTIN, chance, enamel_chance) * near.ravel()[candidates]
    grow = candidates[draws < odds]
    flat_t[grow] = DECAY
    decay_hp.ravel()[grow] = hp
    return grow


def decay_touching_pulp(tissue: np.ndarray) -> np.ndarray:
    """Decay cells next to the pulp or the nerve: the decay has reached the tooth's living core."""
    core = (tissue == PULP) | (tissue == NERVE)
    near = np.zeros_like(core)
    near[1:, :] |= core[:-1, :]
    near[:-1, :] |= core[1:, :]
    near[:, 1:] |= core[:, :-1]
    near[:, :-1] |= core[:, 1:]
    return (tissue == DECAY) & near
