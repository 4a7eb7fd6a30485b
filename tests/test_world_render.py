"""Drawing reads the map correctly: animated tiles cycle, tall furniture sorts by its base."""

from __future__ import annotations

from pathlib import Path

from game.world.model import load_map

LEVELS = Path(__file__).resolve().parent.parent / "levels"


def test_animated_tiles_cycle_through_their_frames():
    from game.world.render import MapView

    world = load_map(LEVELS / "clinic.tmx")
    view = MapView(world)
    rack = next(g for layer in world.layers for row in layer.gids for g in row
                if g and world.tile_info(g) and len(world.tile_info(g).animation) == 4)
    shown = {view.frame_gid(rack, tick) for tick in range(0, 120)}
    assert len(shown) == 4
    assert view.frame_gid(rack, 0) == view.frame_gid(rack, 0)  # a function of the tick only


def test_tall_furniture_sorts_with_its_base_row():
    from game.world.render import MapView

    world = load_map(LEVELS / "clinic.tmx")
    view = MapView(world)
    plant_top = [(sort_y, py) for sort_y, _, py, gid in view.furniture
                 if world.tile_info(gid) and world.tile_info(gid).properties.get("sort_offset") == 1]
    assert plant_top and all(sort_y == py + 32 for sort_y, py in plant_top)


def test_bench_prints_numbers(capsys):
    from game.cli import main

    assert main(["bench", "world", "--map", "street", "--ticks", "120", "--frames", "5"]) == 0
    out = capsys.readouterr().out
    assert "us/tick" in out and "ms/frame" in out
