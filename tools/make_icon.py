"""Generate the application icon into ``assets/ui/`` (deterministic; run after changing the logo or palette).

    .venv/bin/python tools/make_icon.py

Writes ``icon.png`` (64x64, the window icon the game sets at start-up: window managers and taskbars
show 16 to 64 pixels, and some refuse larger window icons), ``icon_large.png`` (256x256, the macOS
application icon) and ``icon.ico`` (16 to 256 pixels, the Windows program icon), the last two for
``tools/build_desktop.py``. The icon is the title screen's
molar (``make_ui_art.tooth_logo``) on a rounded night-blue tile with a cyan rim, drawn at 32x32 and
scaled up by whole numbers so its pixels stay crisp.
"""

from __future__ import annotations

import io
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
from make_ui_art import tooth_logo  # noqa: E402

from game.ui.palette import colour  # noqa: E402

BASE = 32  # the icon's own pixel grid
ICO_SIZES = (16, 32, 64, 128, 256)


def _rounded(size: int, inset: int, radius: int) -> list[tuple[int, int]]:
    """The pixels of a rounded square ``inset`` from the edges of a ``size`` grid."""
    lo, hi = inset, size - 1 - inset
    inside = []
    for y in range(lo, hi + 1):
        for x in range(lo, hi + 1):
            cx = min(max(x, lo + radius), hi - radius)
            cy = min(max(y, lo + radius), hi - radius)
            if (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius:
                inside.append((x, y))
    return inside


def icon_base() -> pygame.Surface:
    """The 32x32 icon: tile, rim, a cyan floor glow and the molar."""
    surf = pygame.Surface((BASE, BASE), pygame.SRCALPHA)
    for x, y in _rounded(BASE, 0, 6):
        surf.set_at((x, y), colour("cyan"))
    for x, y in _rounded(BASE, 1, 5):
        surf.set_at((x, y), colour("teal_dark"))
    for x, y in _rounded(BASE, 2, 4):
        # night at the top, navy towards the bottom, so the white tooth stands out
        surf.set_at((x, y), colour("night") if y < 18 else colour("navy"))
    for x in range(6, 26):  # a soft cyan floor the tooth stands on
        surf.set_at((x, 28), colour("teal"))
    logo = tooth_logo()
    surf.blit(logo, ((BASE - logo.get_width()) // 2, 1))
    return surf


def scaled(base: pygame.Surface, size: int) -> pygame.Surface:
    if size >= BASE:
        return pygame.transform.scale(base, (size, size))  # whole multiples: nearest neighbour, crisp
    return pygame.transform.smoothscale(base, (size, size))  # 16 px: averaged, so the shape survives


def png_bytes(surface: pygame.Surface) -> bytes:
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "icon.png")
    return buffer.getvalue()


def ico_bytes(images: list[bytes], sizes: tuple[int, ...]) -> bytes:
    """An ICO file holding PNG images (the format Windows reads since Vista)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, data in zip(sizes, images, strict=True):
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + entries + payload


def main() -> None:
    pygame.display.init()  # image saving needs the video subsystem only for its pixel formats
    out = ROOT / "assets" / "ui"
    out.mkdir(parents=True, exist_ok=True)
    base = icon_base()
    (out / "icon.png").write_bytes(png_bytes(scaled(base, 64)))
    (out / "icon_large.png").write_bytes(png_bytes(scaled(base, 256)))
    images = [png_bytes(scaled(base, size)) for size in ICO_SIZES]
    (out / "icon.ico").write_bytes(ico_bytes(images, ICO_SIZES))
    print(f"wrote {out}/icon.png, icon_large.png and icon.ico")


if __name__ == "__main__":
    main()
