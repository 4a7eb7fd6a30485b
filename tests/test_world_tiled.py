"""The maps as the real Tiled sees them (skipped where Tiled is not installed: Debian package ``tiled``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from game.world.model import load_map

LEVELS = Path(__file__).resolve().parent.parent / "levels"
MAPS = sorted(LEVELS.glob("*.tmx"))
pytestmark = pytest.mark.skipif(shutil.which("tiled") is None, reason="Tiled is not installed")


def tiled(*args, tmp_path):
    runtime = tmp_path / "xdg"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(runtime), HOME=str(tmp_path))
    return subprocess.run(["tiled", *args], capture_output=True, text=True, timeout=120, env=env)


def _content(world):
    layers = [(layer.name, layer.role, [[world.tile_for(g) and (world.tile_for(g)[0].name, world.tile_for(g)[1])
                                         for g in row] for row in layer.gids]) for layer in world.layers]
    objects = [(o.kind, o.name, o.x, o.y, o.w, o.h, o.points, {k: p.value for k, p in o.properties.items()})
               for o in world.objects]
    return layers, objects


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_tiled_opens_the_map_cleanly_and_saves_it_without_loss(path, tmp_path):
    result = tiled("--export-map", str(path), str(tmp_path / "x.tmj"), tmp_path=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    saved = LEVELS / f"_roundtrip_{path.stem}.tmx"  # beside the original, so relative tileset paths hold
    try:
        result = tiled("--export-map", str(path), str(saved), tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert _content(load_map(saved)) == _content(load_map(path))
    finally:
        saved.unlink(missing_ok=True)
