"""Developer mode's drawings over a map: the F3 overlay (solid tiles, objects, Lena's box and where she
stands) and the errors that kept a map from hot-reloading. Drawing only; never changes state."""

from __future__ import annotations

import pygame

from game.ui.palette import colour
from game.ui.widgets import draw_panel
from game.world.hud import SCREEN_H, SCREEN_W
from game.world.model import MapObject
from game.world.physics import PLAYER, SUB

STYLES = {"solid": "red", "trigger": "yellow", "door": "cyan", "machine": "green", "spawn": "white",
          "npc": "magenta", "path": "violet_light"}


def draw_reload_errors(scene, surface: pygame.Surface) -> None:
    """Why the map on disk was not reloaded (the last good map keeps running)."""
    font = scene.ctx.assets.font()
    lines = ["Map not reloaded: fix these and save again (the last good map keeps running)"]
    for message in scene.reload_errors[:8]:
        lines += font.wrap(message, SCREEN_W - 40)
    h = len(lines) * font.line_height + 12
    rect = pygame.Rect(10, SCREEN_H - h - 10, SCREEN_W - 20, h)
    draw_panel(surface, rect, accent="red")
    for i, line in enumerate(lines):
        font.draw(surface, line, (rect.x + 8, rect.y + 6 + i * font.line_height),
                  colour("amber") if i == 0 else colour("rose"))


def draw_dev_overlay(scene, surface: pygame.Surface, cam_x: int, cam_y: int) -> None:
    """The F3 overlay: solid tiles, every map object with its kind and name, Lena's collision box and
    the tile and pixel she stands on."""
    world = scene.world
    font = scene.ctx.assets.font()
    tw, th = world.tile_w, world.tile_h
    red = colour("red")
    for ty in range(max(0, cam_y // th), min(world.height, (cam_y + SCREEN_H) // th + 1)):
        for tx in range(max(0, cam_x // tw), min(world.width, (cam_x + SCREEN_W) // tw + 1)):
            if world.solid[ty * world.width + tx]:
                pygame.draw.rect(surface, red, (tx * tw - cam_x, ty * th - cam_y, tw, th), 1)
    for obj in world.objects:
        _draw_object(surface, obj, colour(STYLES.get(obj.kind, "rose")), cam_x, cam_y, font)
    p = scene.core.player
    x0, y0, x1, y1 = PLAYER.box(p.x, p.y)
    pygame.draw.rect(surface, colour("cyan_light"),
                     (x0 // SUB - cam_x, y0 // SUB - cam_y, (x1 - x0) // SUB, (y1 - y0) // SUB), 1)
    fx, fy = p.feet
    font.draw(surface, f"{world.name}  tile {fx // tw},{fy // th}  px {fx},{fy}", (6, SCREEN_H - 14),
              colour("white"), outline=colour("ink"))


def _draw_object(surface, obj: MapObject, c, cam_x: int, cam_y: int, font) -> None:
    if obj.points:
        pts = [(x - cam_x, y - cam_y) for x, y in obj.points]
        if len(pts) > 1:
            pygame.draw.lines(surface, c, obj.shape == "polygon", pts)
    elif obj.w and obj.h:
        pygame.draw.rect(surface, c, (obj.x - cam_x, obj.y - cam_y, obj.w, obj.h), 1)
    else:
        pygame.draw.circle(surface, c, (obj.x - cam_x, obj.y - cam_y), 3, 1)
    label = f"{obj.kind}:{obj.name}" if obj.name else obj.kind
    font.draw(surface, label, (obj.x - cam_x + 2, obj.y - cam_y + 2), c, outline=colour("ink"))
