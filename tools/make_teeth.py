"""Draw the swarm encounters' teeth as tissue maps: ``levels/encounters/swarm/<tooth>.txt``.

Each tooth is a few integer shape rules (parabolas, tapers, ellipses) evaluated at the centre of every
4x4 px block and written as the text grid ``game.swarm.anatomy`` reads (160x90 characters). The maps
are committed; a designer may edit them by hand afterwards (or add a new one) instead of rerunning this.

    python tools/make_teeth.py            # writes molar.txt, incisors.txt, root_canal.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.swarm import tissue as T  # noqa: E402
from game.swarm.anatomy import to_text  # noqa: E402

COLS, ROWS, PX = 160, 90, 4


def _grid():
    gy, gx = np.mgrid[0:ROWS, 0:COLS].astype(np.int64)
    return gx * PX + PX // 2, gy * PX + PX // 2  # block centres in logical pixels


def _gum_and_bone(tissue: np.ndarray, tooth: np.ndarray, px: np.ndarray, py: np.ndarray, gum_top) -> None:
    gum = (py >= gum_top) & ~tooth
    tissue[gum] = T.GUM
    bone = (py >= 300 + np.abs(px - 320) // 16) & ~tooth
    tissue[bone] = T.BONE


def _molar_crown(dx: np.ndarray, py: np.ndarray):
    half = 196
    cusp = np.minimum((dx - 92) ** 2, (dx + 92) ** 2)
    top = 70 + cusp // 300 + np.where(np.abs(dx) < 24, (24 - np.abs(dx)) // 2, 0)
    side = half - np.maximum(py - 170, 0) * 5 // 8
    crown = (py >= top) & (np.abs(dx) <= side) & (py < 250)
    crown &= ~((py - top < 30) & (np.abs(dx) > side - 30) &
               ((np.abs(dx) - (side - 30)) ** 2 + (py - top - 30) ** 2 > 900))
    return crown, top, side


def molar() -> np.ndarray:
    """A lower molar: two cusps, enamel shell, a pulp chamber with horns, two roots with canals."""
    px, py = _grid()
    dx = px - 320
    tissue = np.full((ROWS, COLS), T.SPACE, np.uint8)
    crown, top, side = _molar_crown(dx, py)
    root_half = 44 - np.maximum(py - 250, 0) // 5
    roots = (py >= 236) & ((np.abs(dx - 78) <= root_half) | (np.abs(dx + 78) <= root_half)) & (py < 360)
    tooth = crown | roots
    tissue[tooth] = T.DENTIN
    enamel = crown & ((py < top + 16) | (np.abs(dx) > side - 12)) & (py < 232)
    tissue[enamel] = T.ENAMEL
    chamber = (dx * dx * 9 + (py - 204) ** 2 * 64 <= 100 * 100 * 9) & (py <= 238)
    horn = (py >= 150) & (py < 196) & ((np.abs(dx - 64) <= (py - 150) // 3 + 4) |
                                       (np.abs(dx + 64) <= (py - 150) // 3 + 4))
    canal_half = 10 - np.maximum(py - 240, 0) // 14
    canal = (py >= 230) & (py < 352) & ((np.abs(dx - 78) <= canal_half) | (np.abs(dx + 78) <= canal_half))
    pulp = (chamber | horn | canal) & tooth
    tissue[pulp] = T.PULP
    bend = (dx * dx) // 220
    nerve = pulp & ((((np.abs(dx - 78) <= 2) | (np.abs(dx + 78) <= 2)) & (py >= 236)) |
                    ((np.abs(py - 206 - bend) <= 2) & (np.abs(dx) <= 80)))
    tissue[nerve] = T.NERVE
    gum_top = np.where(np.abs(dx) >= 100, 232 + (np.abs(dx) - 150).clip(0, None) // 6, 248)
    _gum_and_bone(tissue, tooth, px, py, gum_top)
    return tissue


def incisors() -> np.ndarray:
    """Two crowded upper incisors seen from the front, leaning into each other: a tight gap between them
    (where the caries hides), each with one long root, a slim pulp and a nerve down its canal."""
    px, py = _grid()
    tissue = np.full((ROWS, COLS), T.SPACE, np.uint8)
    tooth = np.zeros((ROWS, COLS), bool)
    enamel = np.zeros_like(tooth)
    pulp = np.zeros_like(tooth)
    nerve = np.zeros_like(tooth)
    for cx, lean in ((256, 1), (384, -1)):
        # the crowns lean towards each other: the centre line shifts with the height
        dx = px - cx - lean * np.maximum(200 - py, 0) // 10
        # crown: widest at mid height, rounded incisal edge at y=56, narrowing to the neck at y=236
        half = np.where(py < 150, 44 + (py - 64).clip(0, None) * 10 // 86, 54 - (py - 150).clip(0, None) * 16 // 86)
        edge = 64 + (dx * dx) // 180
        crown = (py >= edge) & (np.abs(dx) <= half) & (py < 240)
        root_half = 34 - (py - 236).clip(0, None) // 5
        root = (py >= 236) & (np.abs(dx) <= root_half) & (py < 352)
        t = crown | root
        tooth |= t
        enamel |= crown & ((py < edge + 14) | (np.abs(dx) > half - 10)) & (py < 226)
        chamber_half = np.where(py < 200, (py - 110).clip(0, None) * 14 // 90, 14 - (py - 200) // 12)
        p = t & (py >= 116) & (np.abs(dx) <= np.maximum(chamber_half, 4)) & (py < 340)
        pulp |= p
        nerve |= p & (np.abs(dx) <= 2) & (py >= 170)
    tissue[tooth] = T.DENTIN
    tissue[enamel] = T.ENAMEL
    tissue[pulp] = T.PULP
    tissue[nerve] = T.NERVE
    # the gum rises between the teeth in a papilla that closes the bottom of the gap
    dx = px - 320
    gum_top = np.where(np.abs(dx) < 40, 206 + (dx * dx) // 60, 230 + (np.abs(dx) - 150).clip(0, None) // 8)
    _gum_and_bone(tissue, tooth, px, py, gum_top)
    return tissue


def root_canal() -> np.ndarray:
    """A molar opened for a root canal: an access cavity drilled through the crown into the pulp
    chamber, two long canals curving down the roots, and the living nerve at their tips."""
    px, py = _grid()
    dx = px - 320
    tissue = np.full((ROWS, COLS), T.SPACE, np.uint8)
    crown, top, side = _molar_crown(dx, py)
    # two roots that spread apart as they go down, each with a canal that follows its curve
    lane = 44 + (py - 236).clip(0, None) // 6
    root_half = 38 - (py - 236).clip(0, None) // 6
    roots = (py >= 230) & ((np.abs(dx - lane) <= root_half) | (np.abs(dx + lane) <= root_half)) & (py < 352)
    tooth = crown | roots
    tissue[tooth] = T.DENTIN
    enamel = crown & ((py < top + 16) | (np.abs(dx) > side - 12)) & (py < 232)
    tissue[enamel] = T.ENAMEL
    chamber = (dx * dx * 4 + (py - 210) ** 2 * 36 <= 84 * 84 * 4) & (py <= 232)
    canal = (py >= 214) & (py < 340) & ((np.abs(dx - lane) <= 6) | (np.abs(dx + lane) <= 6))
    pulp = (chamber | canal) & tooth
    tissue[pulp] = T.PULP
    apex = canal & (py >= 300)
    tissue[apex & ((np.abs(dx - lane) <= 2) | (np.abs(dx + lane) <= 2))] = T.NERVE
    # the access cavity: drilled open from the fissure down to the chamber roof
    access = (py >= 40) & (py < 196) & (np.abs(dx) <= 30 + (py - 60).clip(0, None) // 12) & crown
    tissue[access] = T.CLEAN
    gum_top = np.where(np.abs(dx) >= 100, 232 + (np.abs(dx) - 150).clip(0, None) // 6, 248)
    _gum_and_bone(tissue, tooth, px, py, gum_top)
    return tissue


TEETH = {
    "molar": (molar, "A lower molar: two cusps, a pulp chamber with horns, two roots (chapter 1)."),
    "incisors": (incisors, "Two crowded upper incisors with a tight gap between them (chapter 2)."),
    "root_canal": (root_canal, "A molar opened for a root canal: access cavity, two canals, nerve at the tips\n"
                               "(chapter 3)."),
}
LEGEND_NOTE = ("Legend: . space  c open cavity  P pulp  N nerve  E enamel  D dentin  G gum  B bone\n"
               "160x90 characters, each 4x4 logical pixels. Made by tools/make_teeth.py; edit freely.")


def main() -> int:
    folder = ROOT / "levels" / "encounters" / "swarm"
    for name, (make, about) in TEETH.items():
        path = folder / f"{name}.txt"
        path.write_text(to_text(make(), f"{about}\n{LEGEND_NOTE}"), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
