"""Drawing a map: pre-rendered static layers, animated tiles, y-sorted furniture and characters.

``MapView`` is built once per loaded map (the scene rebuilds it when the map object changes, after a
hot reload). The ground layers are drawn once into one surface, so a frame is a single blit plus the
few animated tiles, the visible furniture and the characters; the ``above`` layer is pre-rendered the
same way. Everything here reads the world and the scene; nothing changes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.ui.palette import colour
from game.world.model import FLIP_D, FLIP_H, FLIP_V, GID_MASK, WorldMap

TICK_MS_NUM, TICK_MS_DEN = 1000, 60  # tick -> milliseconds for tile animations


@dataclass(frozen=True)
class Sprite:
    """Something y-sorted: drawn in order of ``sort_y`` (the feet line, in map pixels)."""

    sort_y: int
    order: int  # tie-break: furniture (0) before characters (1)
    draw: Callable[[pygame.Surface, int, int], None]  # (surface, cam_x, cam_y)


class MapView:
    def __init__(self, world: WorldMap) -> None:
        self.world = world
        self._sheets: dict[str, pygame.Surface] = {}
        self._tiles: dict[int, pygame.Surface | None] = {}
        w, h = world.pixel_size
        self.ground = pygame.Surface((w, h))
        self.ground.fill(colour("ink"))
        self.above = pygame.Surface((w, h), pygame.SRCALPHA)
        #: (px, py, [gids of the ground layers at that cell]) for cells with an animated ground tile
        self.animated_ground: list[tuple[int, int, list[int]]] = []
        self.animated_above: list[tuple[int, int, int]] = []
        self._above_cells: set[tuple[int, int]] = set()  # tiles of the above layers that draw something
        #: (sort_y, px, py, gid) of y-sorted tiles, sorted
        self.furniture: list[tuple[int, int, int, int]] = []
        self._build()

    # tiles ----------------------------------------------------------------------------------------
    def _sheet(self, ts) -> pygame.Surface:
        key = str(ts.image)
        sheet = self._sheets.get(key)
        if sheet is None:
            sheet = pygame.image.load(key)
            if pygame.display.get_init() and pygame.display.get_surface() is not None:
                sheet = sheet.convert_alpha()
            self._sheets[key] = sheet
        return sheet

    def tile(self, gid: int) -> pygame.Surface | None:
        """The image of a raw gid (flip bits applied), cached."""
        if gid in self._tiles:
            return self._tiles[gid]
        hit = self.world.tile_for(gid)
        surf = None
        if hit is not None:
            ts, local = hit
            sheet = self._sheet(ts)
            col, row = local % ts.columns, local // ts.columns
            rect = pygame.Rect(col * ts.tile_w, row * ts.tile_h, ts.tile_w, ts.tile_h)
            if sheet.get_rect().contains(rect):
                surf = sheet.subsurface(rect)
                if gid & FLIP_D:
                    surf = pygame.transform.flip(pygame.transform.rotate(surf, -90), True, False)
                if gid & (FLIP_H | FLIP_V):
                    surf = pygame.transform.flip(surf, bool(gid & FLIP_H), bool(gid & FLIP_V))
        self._tiles[gid] = surf
        return surf

    def frame_gid(self, gid: int, tick: int) -> int:
        """The gid to show for ``gid`` at ``tick`` (its animation frame, flips kept)."""
        info = self.world.tile_info(gid)
        if info is None or not info.animation:
            return gid
        total = sum(ms for _, ms in info.animation) or 1
        now = (tick * TICK_MS_NUM // TICK_MS_DEN) % total
        ts, _ = self.world.tile_for(gid)
        for local, ms in info.animation:
            if now < ms:
                return (gid & ~GID_MASK) | (ts.firstgid + local)
            now -= ms
        return gid

    def _animated(self, gid: int) -> bool:
        info = self.world.tile_info(gid)
        return bool(info and info.animation)

    def _build(self) -> None:
        world = self.world
        tw, th = world.tile_w, world.tile_h
        ground = [layer for layer in world.layers if layer.role == "ground" and layer.visible]
        for layer in ground:
            for ty, row in enumerate(layer.gids):
                for tx, gid in enumerate(row):
                    if gid:
                        surf = self.tile(gid)
                        if surf is not None:
                            self.ground.blit(surf, (tx * tw, ty * th))
        for ty in range(world.height):
            for tx in range(world.width):
                stack = [layer.gids[ty][tx] for layer in ground]
                if any(g and self._animated(g) for g in stack):
                    self.animated_ground.append((tx * tw, ty * th, stack))
        for layer in world.layers:
            if not layer.visible or layer.role == "ground":
                continue
            for ty, row in enumerate(layer.gids):
                for tx, gid in enumerate(row):
                    if not gid:
                        continue
                    if layer.role == "above":
                        self._above_cells.add((tx, ty))
                        if self._animated(gid):
                            self.animated_above.append((tx * tw, ty * th, gid))
                        else:
                            surf = self.tile(gid)
                            if surf is not None:
                                self.above.blit(surf, (tx * tw, ty * th))
                    else:
                        info = world.tile_info(gid)
                        offset = int(info.properties.get("sort_offset", 0)) if info else 0
                        self.furniture.append(((ty + 1 + offset) * th, tx * tw, ty * th, gid))
        self.furniture.sort()

    def covers(self, rect: tuple[int, int, int, int], sort_y: int) -> bool:
        """Whether something drawn over a sprite standing on ``sort_y`` overlaps its pixel ``rect`` (x, y, w, h):
        furniture that sorts after it (a tree it stands behind) or a tile of an above layer (a door frame)."""
        x, y, w, h = rect
        tw, th = self.world.tile_w, self.world.tile_h
        for fsort, px, py, _ in self.furniture:
            if fsort > sort_y and px < x + w and x < px + tw and py < y + h and y < py + th:
                return True
        for ty in range(max(0, y // th), (y + h - 1) // th + 1):
            for tx in range(max(0, x // tw), (x + w - 1) // tw + 1):
                if (tx, ty) in self._above_cells:
                    return True
        return False

    # drawing --------------------------------------------------------------------------------------
    def draw_ground(self, surface: pygame.Surface, cam_x: int, cam_y: int, tick: int) -> None:
        sw, sh = surface.get_size()
        surface.blit(self.ground, (-cam_x, -cam_y))
        tw, th = self.world.tile_w, self.world.tile_h
        for px, py, stack in self.animated_ground:
            if -tw < px - cam_x < sw and -th < py - cam_y < sh:
                for gid in stack:
                    if gid:
                        surf = self.tile(self.frame_gid(gid, tick))
                        if surf is not None:
                            surface.blit(surf, (px - cam_x, py - cam_y))

    def furniture_sprites(self, cam_x: int, cam_y: int, sw: int, sh: int, tick: int) -> list[Sprite]:
        out = []
        tw, th = self.world.tile_w, self.world.tile_h
        for sort_y, px, py, gid in self.furniture:
            if -tw < px - cam_x < sw and -th < py - cam_y < sh:
                surf = self.tile(self.frame_gid(gid, tick))
                if surf is not None:
                    out.append(Sprite(sort_y, 0, _blitter(surf, px, py)))
        return out

    def draw_above(self, surface: pygame.Surface, cam_x: int, cam_y: int, tick: int) -> None:
        surface.blit(self.above, (-cam_x, -cam_y))
        for px, py, gid in self.animated_above:
            surf = self.tile(self.frame_gid(gid, tick))
            if surf is not None:
                surface.blit(surf, (px - cam_x, py - cam_y))


def _blitter(surf: pygame.Surface, px: int, py: int) -> Callable[[pygame.Surface, int, int], None]:
    def draw(surface: pygame.Surface, cam_x: int, cam_y: int) -> None:
        surface.blit(surf, (px - cam_x, py - cam_y))
    return draw


FACING_ROW = {"down": 0, "left": 1, "right": 2, "up": 3}


def character_frame(sheet: pygame.Surface, facing: str, walking: bool, anim: int) -> pygame.Surface:
    """One 16x24 frame of a 64x96 walk sheet: four steps across, four facings down."""
    col = (anim // 8) % 4 if walking else 0
    row = FACING_ROW.get(facing, 0)
    return sheet.subsurface(pygame.Rect(col * 16, row * 24, 16, 24))


def draw_shadow(surface: pygame.Surface, x: int, y: int) -> None:
    shade = pygame.Surface((12, 4), pygame.SRCALPHA)
    pygame.draw.ellipse(shade, (*colour("ink"), 90), shade.get_rect())
    surface.blit(shade, (x - 6, y - 2))
