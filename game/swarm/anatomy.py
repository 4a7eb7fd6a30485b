"""Tissue maps: the tooth of an encounter drawn as text, one character per block of tissue cells.

An encounter names its map (``tissue_map: molar.txt``, beside the YAML file). A map is a grid of
characters, 160 columns by 90 rows (one character per 4x4 logical pixels) or 320 by 180 (one per 2x2,
the simulation's own cell size); lines starting with ``#`` are comments. The legend:

=====  =======================================================
``.``  open space in the mouth (the swarm starts here)
``c``  an open cavity (drilled or cleaned: bots pass)
``P``  pulp (bots pass, and it hurts)
``N``  the nerve (bots pass, and it hurts most)
``E``  enamel (solid)
``D``  dentin (solid; decay spreads through it)
``G``  gum (solid)
``B``  bone (solid)
=====  =======================================================

``parse`` returns the grid (``tissue.ROWS`` x ``tissue.COLS`` uint8) and every problem as ``(line,
message)``. Integer numpy only; never imports pygame.
"""

from __future__ import annotations

import numpy as np

from game.swarm import tissue as T

LEGEND: dict[str, int] = {".": T.SPACE, "c": T.CLEAN, "P": T.PULP, "N": T.NERVE, "E": T.ENAMEL, "D": T.DENTIN,
                          "G": T.GUM, "B": T.BONE}
CHAR_OF = {v: k for k, v in LEGEND.items()}
SIZES = {(T.COLS // 2, T.ROWS // 2): 2, (T.COLS, T.ROWS): 1}  # (columns, rows) -> tissue cells per character
MAX_BYTES = 200_000


def parse(text: str) -> tuple[np.ndarray | None, list[tuple[int, str]]]:
    """The tissue grid of a map, or None, and its problems (``(line, message)``, first few per kind)."""
    if len(text) > MAX_BYTES:
        return None, [(1, f"a tissue map is at most {MAX_BYTES} characters")]
    rows: list[tuple[int, str]] = []
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip("\r")
        if line.startswith("#"):
            continue
        if not line.strip():
            if rows:
                rows.append((number, ""))  # a blank line inside the grid is a problem (trailing ones are not)
            continue
        rows.append((number, line))
    while rows and not rows[-1][1]:
        rows.pop()
    if not rows:
        return None, [(1, "the tissue map is empty: it needs 90 rows of 160 characters (or 180 of 320)")]
    width = len(rows[0][1])
    height = len(rows)
    scale = SIZES.get((width, height))
    if scale is None:
        sizes = " or ".join(f"{c} columns by {r} rows" for c, r in SIZES)
        return None, [(rows[0][0], f"the map is {width} columns by {height} rows; it must be {sizes}")]
    known = ", ".join(f"'{c}' {T.NAMES[v]}" for c, v in LEGEND.items())
    bad_width = bad_char = 0
    grid = np.zeros((height, width), np.uint8)
    for r, (number, line) in enumerate(rows):
        if len(line) != width:
            bad_width += 1
            if bad_width <= 3:
                problems.append((number, f"row is {len(line)} characters wide; every row must be {width}"))
            continue
        for col, ch in enumerate(line):
            value = LEGEND.get(ch)
            if value is None:
                bad_char += 1
                if bad_char <= 3:
                    problems.append((number, f"unknown tissue {ch!r} in column {col + 1} (known: {known})"))
                value = T.SPACE
            grid[r, col] = value
    if problems:
        return None, problems
    if scale > 1:
        grid = np.repeat(np.repeat(grid, scale, axis=0), scale, axis=1)
    if not np.any(grid == T.SPACE):
        problems.append((rows[0][0], "the map has no open space ('.') for the swarm"))
        return None, problems
    return grid, problems


def to_text(grid: np.ndarray, header: str = "") -> str:
    """A grid (at either size) as map text, with ``header`` as comment lines."""
    lines = [f"# {h}" if h else "#" for h in header.splitlines()]
    lines += ["".join(CHAR_OF[int(v)] for v in row) for row in grid]
    return "\n".join(lines) + "\n"


def with_decay(anatomy: np.ndarray, spots: list[tuple[int, int, int]], hp: int) -> tuple[np.ndarray, np.ndarray]:
    """(tissue, decay_hp) grids: the map with ragged caries at ``(x, y, radius)`` spots (logical pixels).

    Decay takes enamel, dentin and pulp (an infected canal), never the nerve or open space."""
    tissue = anatomy.copy()
    gy, gx = np.mgrid[0:T.ROWS, 0:T.COLS].astype(np.int64)
    px, py = gx * T.CELL_PX + 1, gy * T.CELL_PX + 1
    decay_hp = np.zeros((T.ROWS, T.COLS), dtype=np.int16)
    # a fixed integer hash per cell makes each caries ragged instead of a clean disc
    rough = ((gx * 73856093) ^ (gy * 19349663)) & 15
    lobes = ((gx // 3 * 83492791) ^ (gy // 3 * 2654435761)) & 7
    for x, y, r in spots:
        d2 = ((px - x) ** 2 + (py - y) ** 2) * 24
        spot = (d2 <= r * r * (14 + rough // 2 + lobes)) & \
            ((tissue == T.ENAMEL) | (tissue == T.DENTIN) | (tissue == T.PULP))
        tissue[spot] = T.DECAY
        decay_hp[spot] = hp
    return tissue, decay_hp


def spot_on_tooth(anatomy: np.ndarray, x: int, y: int, radius: int) -> bool:
    """Whether a decay spot would take any tissue at all (a spot in open space or the gum does nothing)."""
    cx, cy, r = x // T.CELL_PX, y // T.CELL_PX, max(1, radius // T.CELL_PX)
    box = anatomy[max(0, cy - r):cy + r + 1, max(0, cx - r):cx + r + 1]
    return bool(np.any((box == T.ENAMEL) | (box == T.DENTIN) | (box == T.PULP)))
