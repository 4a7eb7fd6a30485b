"""The backdrop of ``play --dialogue``: the real map where a conversation happens, in the game's own
top-down look, framed on the person who speaks it (or the map's start) with Lena beside them.

The map is the one named after the dialogue file the node comes from (``street.yaml`` -> street.tmx,
``hall.yaml`` -> debate_hall.tmx, anything else the clinic). It is a still picture: drawing only,
nothing of the run depends on it. A map that cannot be read leaves the plain night backdrop.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from game.ui.palette import colour

log = logging.getLogger(__name__)

SCREEN_W, SCREEN_H = 640, 360
MAP_OF_FILE = {"clinic": "clinic", "street": "street", "hall": "debate_hall"}
#: the dialogue box covers the bottom of the screen: frame the speakers in the part above it
VISIBLE_H = 230


def map_for(source_path: str) -> str:
    return MAP_OF_FILE.get(Path(source_path).stem, "clinic")


class MapBackdrop:
    """A callable ``(surface, t)`` drawing the map still; built once per dialogue start."""

    def __init__(self, ctx, node_id: str, source_path: str) -> None:
        self.ctx = ctx
        self.node_id = node_id
        self.map_name = map_for(source_path)
        self._world = None
        self._view = None
        self._failed = False

    def _load(self) -> bool:
        if self._view is not None or self._failed:
            return not self._failed
        from game.world.render import MapView
        from game.world.scene import MapLoadError, read_map, resolve_map

        try:
            self._world = read_map(resolve_map(self.ctx.paths.levels, self.map_name))
            self._view = MapView(self._world)
        except (MapLoadError, OSError, pygame.error) as exc:
            log.warning("no map backdrop for the dialogue: %s", exc)
            self._failed = True
        return not self._failed

    def _cast(self) -> list[tuple[str, int, int, str]]:
        """(who, feet x, feet y, facing): the person whose node this is, and Lena facing them."""
        world = self._world
        for npc in world.by_kind("npc"):
            if str(npc.prop("dialogue", "")) == self.node_id:
                who = str(npc.prop("who", npc.name))
                x, y = int(npc.x), int(npc.y)
                return [(who, x, y, "left"), ("lena", x - 24, y, "right")]
        spawn = world.spawns().get("start")
        if spawn is not None:
            return [("lena", int(spawn.x), int(spawn.y), "down")]
        w, h = world.pixel_size
        return [("lena", w // 2, h // 2, "down")]

    def __call__(self, surface: pygame.Surface, t: int) -> None:
        from game.scenes.common import draw_backdrop

        if not self._load():
            draw_backdrop(surface, t, self.ctx.assets)
            return
        from game.world.render import Sprite, character_frame, draw_shadow

        view, world = self._view, self._world
        cast = self._cast()
        fx = sum(c[1] for c in cast) // len(cast)
        fy = cast[0][2]
        mw, mh = world.pixel_size
        cam_x = (mw - SCREEN_W) // 2 if mw <= SCREEN_W else max(0, min(mw - SCREEN_W, fx - SCREEN_W // 2))
        cam_y = (mh - SCREEN_H) // 2 if mh <= SCREEN_H else max(0, min(mh - SCREEN_H, fy - VISIBLE_H // 2 - 16))
        surface.fill(colour("ink"))
        view.draw_ground(surface, cam_x, cam_y, t)
        sprites = view.furniture_sprites(cam_x, cam_y, SCREEN_W, SCREEN_H, t)
        for who, x, y, facing in cast:
            sheet = self._sheet(who)

            def draw_body(s, cx, cy, sheet=sheet, x=x, y=y, facing=facing):
                draw_shadow(s, x - cx, y - cy)
                if sheet is not None:
                    s.blit(character_frame(sheet, facing, False, 0), (x - cx - 8, y - cy - 23))

            sprites.append(Sprite(y, 1, draw_body))
        for sprite in sorted(sprites, key=lambda sp: (sp.sort_y, sp.order)):
            sprite.draw(surface, cam_x, cam_y)
        view.draw_above(surface, cam_x, cam_y, t)

    def _sheet(self, who: str) -> pygame.Surface | None:
        try:
            return self.ctx.assets.image(f"sprites/{who}.png")
        except Exception:  # noqa: BLE001 - a missing sprite leaves only its shadow, never a crash
            return None
