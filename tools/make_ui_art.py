"""Generate the title screen's art into ``assets/ui/`` (deterministic; run after changing the palette).

    .venv/bin/python tools/make_ui_art.py

Writes ``tooth_logo.png`` (the NeoSmiles molar, outlined and lit from the top left) and ``glow.png``
(a soft cyan halo for additive blending).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.palette import colour  # noqa: E402


def tooth_mask(w: int = 26, h: int = 28) -> np.ndarray:
    """Inside-the-tooth mask: two rounded cusps, a crown and two tapering roots."""
    y, x = np.mgrid[0:h, 0:w].astype(float) + 0.5
    cusp_l = (x - 8.5) ** 2 + (y - 7.5) ** 2 <= 6.2**2
    cusp_r = (x - 17.5) ** 2 + (y - 7.5) ** 2 <= 6.2**2
    crown = (x >= 3) & (x <= 23) & (y >= 7) & (y <= 17)
    dip = (x - 13) ** 2 + (y - 0.5) ** 2 <= 3.2**2  # the notch between the cusps
    t = (y - 17) / 9.0
    root_l = (y > 16) & (y <= 26) & (x >= 4 + t * 3.5) & (x <= 11.5 - t * 2.5)
    root_r = (y > 16) & (y <= 26) & (x >= 14.5 + t * 2.5) & (x <= 22 - t * 3.5)
    return (cusp_l | cusp_r | crown | root_l | root_r) & ~dip


def tooth_logo() -> pygame.Surface:
    inside = tooth_mask()
    h, w = inside.shape
    pad = 1
    surf = pygame.Surface((w + 2 * pad, h + 2 * pad), pygame.SRCALPHA)

    def at(yy: int, xx: int) -> bool:
        return 0 <= yy < h and 0 <= xx < w and bool(inside[yy, xx])

    for yy in range(-pad, h + pad):
        for xx in range(-pad, w + pad):
            px = (xx + pad, yy + pad)
            if at(yy, xx):
                if not at(yy, xx + 1) or not at(yy + 1, xx + 1) or not at(yy, xx + 2):
                    tone = colour("enamel_shade")
                elif (not at(yy - 1, xx) or not at(yy, xx - 1)) and yy < 12:
                    tone = colour("white")
                elif yy > 17:
                    tone = colour("dentin") if not at(yy, xx + 1) or not at(yy, xx + 2) else colour("enamel")
                else:
                    tone = colour("enamel")
                surf.set_at(px, tone)
            elif at(yy - 1, xx) or at(yy + 1, xx) or at(yy, xx - 1) or at(yy, xx + 1):
                surf.set_at(px, colour("ink"))
    # a glint on the left cusp and a cyan sparkle on the right
    for dx, dy in ((6, 4), (6, 5), (7, 4)):
        surf.set_at((dx + pad, dy + pad), colour("white"))
    sx, sy = 19 + pad, 5 + pad
    for dx, dy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
        surf.set_at((sx + dx, sy + dy), colour("cyan"))
    surf.set_at((sx, sy), colour("cyan_light"))
    return surf


def glow(radius: int = 12) -> pygame.Surface:
    size = radius * 2
    y, x = np.mgrid[0:size, 0:size].astype(float) + 0.5
    r = np.sqrt((x - radius) ** 2 + (y - radius) ** 2) / radius
    k = np.clip(1.0 - r, 0.0, 1.0) ** 2
    rgb = np.array(colour("cyan"), dtype=float)
    arr = (k[..., None] * rgb * 0.9).astype(np.uint8)
    surf = pygame.Surface((size, size))
    pygame.surfarray.blit_array(surf, arr.transpose(1, 0, 2).copy())
    return surf


def main() -> None:
    out = ROOT / "assets" / "ui"
    out.mkdir(parents=True, exist_ok=True)
    pygame.image.save(tooth_logo(), str(out / "tooth_logo.png"))
    pygame.image.save(glow(), str(out / "glow.png"))
    print(f"wrote {out}/tooth_logo.png and glow.png")


if __name__ == "__main__":
    main()
