"""Check a screenshot for colour-blind players: the picture as people with protanopia and deuteranopia see
it, and its brightness alone, side by side in one PNG.

The simulation is Machado, Oliveira and Fernandes (2009) at full severity: a 3x3 matrix applied to
linear RGB (the sRGB curve undone first and redone after). The brightness panel is the relative
luminance (Rec. 709 weights), so what is told apart by brightness alone shows there.

    python tools/colourblind.py shot.png [more.png ...] --out folder/
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

MATRICES = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
}


def to_linear(srgb: np.ndarray) -> np.ndarray:
    c = srgb / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb(linear: np.ndarray) -> np.ndarray:
    c = np.clip(linear, 0.0, 1.0)
    c = np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)
    return np.round(c * 255).astype(np.uint8)


def simulate(rgb: np.ndarray, kind: str) -> np.ndarray:
    """``rgb`` (h, w, 3) uint8 as seen with ``kind`` (protanopia or deuteranopia)."""
    return to_srgb(to_linear(rgb.astype(np.float64)) @ MATRICES[kind].T)


def brightness(rgb: np.ndarray) -> np.ndarray:
    lum = to_linear(rgb.astype(np.float64)) @ np.array([0.2126, 0.7152, 0.0722])
    return np.repeat(to_srgb(lum)[..., None], 3, axis=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("images", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for <name>-colourblind.png")
    args = parser.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    args.out.mkdir(parents=True, exist_ok=True)
    for path in args.images:
        rgb = pygame.surfarray.array3d(pygame.image.load(str(path))).transpose(1, 0, 2)
        panels = [rgb, simulate(rgb, "protanopia"), simulate(rgb, "deuteranopia"), brightness(rgb)]
        h, w = rgb.shape[:2]
        sheet = np.zeros((h * 2, w * 2, 3), np.uint8)
        for i, panel in enumerate(panels):
            sheet[(i // 2) * h:(i // 2 + 1) * h, (i % 2) * w:(i % 2 + 1) * w] = panel
        target = args.out / f"{path.stem}-colourblind.png"
        pygame.image.save(pygame.surfarray.make_surface(sheet.transpose(1, 0, 2)), str(target))
        print(f"{target}: original | protanopia / deuteranopia | brightness")
    return 0


if __name__ == "__main__":
    sys.exit(main())
