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


def test_lena_behind_a_tree_shows_through_it(booted, monkeypatch):
    """Standing behind a tree she would be hidden by its canopy: a faint copy of her is drawn over it."""
    import pygame

    from game.core.run import StartPoint
    from game.world import scene as scene_module
    from game.world.physics import SUB
    from game.world.render import MapView

    world = load_map(LEVELS / "street.tmx")
    view = MapView(world)
    assert view.covers((24, 184, 16, 24), 207)  # behind the first tree: its canopy sorts after her feet
    assert not view.covers((24, 184, 16, 24), 230)  # in front of it
    assert not view.covers((200, 300, 16, 24), 323)  # out on the open pavement

    game = booted(StartPoint.of("map", map="street", spawn="start"))
    scene = game.ctx.scenes.top
    scene.core.player.x, scene.core.player.y, scene.core.player.facing = 32 * SUB, 207 * SUB, "down"
    scene.banner_until = 0
    cam_x, cam_y = scene.camera()
    face = (32 - cam_x - 8, 207 - cam_y - 23, 16, 24)

    def shot() -> pygame.Surface:
        surface = pygame.Surface((640, 360))
        scene.draw(surface, 0.0)
        return surface.subsurface(face).copy()

    with_ghost = shot()
    monkeypatch.setattr(scene_module, "GHOST_ALPHA", 0)
    without = shot()
    differing = sum(with_ghost.get_at((x, y)) != without.get_at((x, y)) for x in range(16) for y in range(24))
    assert differing > 20
