"""The tooth cross-section as a grid of tissue cells, and the decay that lives and spreads in it.

One cell is 2x2 logical pixels (320x180 cells over the 640x360 arena). Each cell holds a tissue type
(the tooth itself comes from the encounter's tissue map: ``game.swarm.anatomy``);
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
                 enamel_chance: int, hp: int, pulp_chance: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Grow decay into neighbouring dentin (``chance``/1024 per neighbour), enamel and pulp (an infected
    canal); returns (the cells grown, those of them that were pulp).

    Random integers are drawn only for candidate cells, in row-major order, so the result depends on
    the seed alone.
    """
    decay = tissue == DECAY
    near = np.zeros(decay.shape, dtype=np.int8)
    near[1:, :] += decay[:-1, :]
    near[:-1, :] += decay[1:, :]
    near[:, 1:] += decay[:, :-1]
    near[:, :-1] += decay[:, 1:]
    kinds = (tissue == DENTIN) | (tissue == ENAMEL)
    if pulp_chance:
        kinds |= tissue == PULP
    candidates = np.flatnonzero((kinds & (near > 0)).ravel())
    if candidates.size == 0:
        return candidates, candidates
    draws = rng.integers(0, 1024, size=candidates.size, dtype=np.int32)
    flat_t = tissue.ravel()
    kind = flat_t[candidates]
    odds = np.where(kind == DENTIN, chance, np.where(kind == ENAMEL, enamel_chance, pulp_chance))
    odds *= near.ravel()[candidates]
    took = draws < odds
    grow = candidates[took]
    pulp = grow[kind[took] == PULP]
    flat_t[grow] = DECAY
    decay_hp.ravel()[grow] = hp
    return grow, pulp


def decay_touching_nerve(tissue: np.ndarray) -> np.ndarray:
    """Decay cells next to the nerve: the infection has reached the tooth's living core."""
    core = tissue == NERVE
    near = np.zeros_like(core)
    near[1:, :] |= core[:-1, :]
    near[:-1, :] |= core[1:, :]
    near[:, 1:] |= core[:, :-1]
    near[:, :-1] |= core[:, 1:]
    return (tissue == DECAY) & near


HURT_NERVE, HURT_NEAR = 16, 3  # pain weights of a bot on the nerve and within 8 px of it
HURT_SCALE = 16  # pain per tick = sum of the weights of the bots there x pain_per_bot / HURT_SCALE


def dilate(mask: np.ndarray) -> np.ndarray:
    """``mask`` grown by one cell on every side (each cell or'd with its 3x3 block)."""
    out = mask.copy()
    out[1:, :] |= mask[:-1, :]
    out[:-1, :] |= mask[1:, :]
    wide = out.copy()
    wide[:, 1:] |= out[:, :-1]
    wide[:, :-1] |= out[:, 1:]
    return wide


def hurt_map(tissue: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(cells, weights, pulp cells) on the padded 4 px density grid: where a bot hurts, and how much."""
    blocks = tissue.reshape(ROWS // 2, 2, COLS // 2, 2)
    nerve = (blocks == NERVE).any(axis=(1, 3))
    pulp = (blocks == PULP).any(axis=(1, 3)) | nerve
    weight = np.where(nerve, HURT_NERVE, np.where(dilate(dilate(nerve)), HURT_NEAR, 0))
    padded = np.zeros((weight.shape[0] + 2, weight.shape[1] + 2), np.int32)
    padded[1:-1, 1:-1] = weight
    flat = padded.ravel()
    cells = np.flatnonzero(flat)
    pulp_pad = np.zeros_like(padded, dtype=bool)
    pulp_pad[1:-1, 1:-1] = pulp
    return cells, flat[cells], np.flatnonzero(pulp_pad.ravel())
