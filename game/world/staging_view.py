"""Drawing the map's staging: the lighting overlay, the alarm, glitching screens, the crowd, props and poses.

Everything here reads the exploration core (``Exploration.stage``, its people and the map) and draws;
nothing changes state. Audience members are placed on the seat tiles inside a ``crowd`` object by an
integer hash of the seat, so the same hall always seats the same people in the same places.
"""

from __future__ import annotations

import pygame

from game.ui.palette import colour
from game.world.render import Sprite, character_frame, draw_shadow
from game.world.stage import LEAVE_WALK, flicker_off

CROWD_VARIANTS = 40
CROWD_PER_ROW = 8


def _hash(*values: int) -> int:
    h = 2166136261
    for v in values:
        h = ((h ^ (v & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    return h


def posed_frame(frame: pygame.Surface, pose: str) -> tuple[pygame.Surface, int, int]:
    """A character frame in a pose, and the offset (dx, dy) from the standing frame's top left."""
    if pose == "collapsed":
        return pygame.transform.rotate(frame, 90), -4, 12
    if pose == "kneeling":
        return frame.subsurface(pygame.Rect(0, 0, 16, 17)), 0, 6
    if pose == "seated":
        return frame.subsurface(pygame.Rect(0, 0, 16, 19)), 0, 3
    return frame, 0, 0


def crowd_seats(world, obj) -> list[tuple[int, int]]:
    """Seat cells (tile x, y) inside a crowd object: cells of a y-sorted layer with a tile, in a fixed
    order shuffled by a hash (so the first ``count`` are spread over the rows, not the first row filled)."""
    tw, th = world.tile_w, world.tile_h
    x0, y0 = obj.x // tw, obj.y // th
    x1, y1 = (obj.x + obj.w - 1) // tw, (obj.y + obj.h - 1) // th
    cells = set()
    for layer in world.layers:
        if layer.role != "ysort" or not layer.visible:
            continue
        for ty in range(max(0, y0), min(world.height - 1, y1) + 1):
            for tx in range(max(0, x0), min(world.width - 1, x1) + 1):
                if layer.gids[ty][tx]:
                    cells.add((tx, ty))
    return sorted(cells, key=lambda c: (_hash(c[0], c[1], obj.id), c))


class StagingView:
    def __init__(self, scene) -> None:
        self.scene = scene
        self._crowd: pygame.Surface | None = None
        self._crowd_tried = False
        self._seats: dict[int, list[tuple[int, int]]] = {}

    @property
    def core(self):
        return self.scene.core

    def _crowd_sheet(self, index: int) -> pygame.Surface | None:
        if not self._crowd_tried:
            self._crowd_tried = True
            try:
                self._crowd = self.scene.ctx.assets.image("sprites/crowd.png")
            except Exception:  # noqa: BLE001 - a missing atlas leaves the hall empty, never a crash
                self._crowd = None
        if self._crowd is None:
            return None
        col, row = index % CROWD_PER_ROW, index // CROWD_PER_ROW
        rect = pygame.Rect(col * 64, row * 96, 64, 96)
        if not self._crowd.get_rect().contains(rect):
            return None
        return self._crowd.subsurface(rect)

    # crowd and props ---------------------------------------------------------------------------------
    def sprites(self, story, cam_x: int, cam_y: int) -> list[Sprite]:
        out: list[Sprite] = []
        stage = self.core.stage
        tick = self.core.tick
        world = self.core.world
        for obj in self.core.props(story):
            if obj.kind == "prop":
                out += self._prop(obj)
                continue
            seats = self._seats.get(obj.id)
            if seats is None:
                seats = self._seats[obj.id] = crowd_seats(world, obj)
            count = min(len(seats), int(obj.prop("count", 0) or 0))
            placed = sorted(seats[:count], key=lambda c: (c[1], c[0]))  # front row first
            front = min((c[1] for c in placed), default=0)
            for k, (tx, ty) in enumerate(placed):
                leaving = stage.leaving(k, count)
                if leaving >= LEAVE_WALK:
                    continue  # gone
                sheet = self._crowd_sheet(_hash(tx, ty, 7) % CROWD_VARIANTS)
                if sheet is None:
                    continue
                out.append(self._member(sheet, tx, ty, k, stage, tick, ty - front, leaving))
        return out

    def _member(self, sheet, tx: int, ty: int, k: int, stage, tick: int, row: int, leaving: int = -1) -> Sprite:
        tw = th = 16
        fx, fy = tx * tw + 8, ty * th + th - 2
        mood, t = stage.crowd, stage.crowd_ticks
        facing, walking, anim, standing, dy = "up", False, 0, False, 0
        phase = (tick + k * 53) % 400
        if mood in ("seated", "quiet", "murmur"):
            chatty = 140 if mood == "murmur" else 30
            if phase < chatty:
                facing = ("left", "right")[(k + tick // 200) % 2]
        elif mood == "gasp":
            standing = t > (k % 5) * 2
        elif mood == "applause":
            walking, anim = True, (tick * 3 + k * 5)
        elif mood == "rush":
            standing = True
            if row <= 1:
                dy = -min(t // 3, 20)
                walking, anim = dy != -20, tick + k
        elif mood == "leave" and leaving >= 0:
            standing, facing = True, "down"
            walking, anim, dy = True, tick + k, leaving * 2 // 3  # up and down the row, toward the doors
        frame = character_frame(sheet, facing, walking, anim)
        if not standing:
            frame = frame.subsurface(pygame.Rect(0, 0, 16, 15))  # head and shoulders over the seat back
        bob = 1 if mood == "applause" and (tick // 6 + k) % 2 else 0

        def draw(surface, cam_x, cam_y, frame=frame, fx=fx, fy=fy, standing=standing, dy=dy, bob=bob):
            if standing:
                draw_shadow(surface, fx - cam_x, fy + dy - cam_y)
                surface.blit(frame, (fx - cam_x - 8, fy + dy - cam_y - 23))
            else:  # seated, seen from behind: the seat's lower half still shows under them
                surface.blit(frame, (fx - cam_x - 8, fy - cam_y - 17 - bob))

        # drawn over their own seat, under the row behind them
        return Sprite(fy + dy + 3, 1, draw)

    def _prop(self, obj) -> list[Sprite]:
        who = str(obj.prop("who", ""))
        if who.startswith("crowd:") and who[6:].isdigit():  # one of the generated townspeople
            sheet = self._crowd_sheet(int(who[6:]) % CROWD_VARIANTS)
        else:
            sheet = self.scene._sprite(who)
        if sheet is None:
            return []
        fx, fy = obj.feet
        if sheet.get_size() == (64, 96):
            frame = character_frame(sheet, str(obj.prop("facing", "down")), False, 0)
            frame, dx, dy = posed_frame(frame, str(obj.prop("pose", "standing")))
        else:
            frame, dx, dy = sheet, 0, 0
        w, h = frame.get_size()
        seated = str(obj.prop("pose", "")) == "seated"

        def draw(surface, cam_x, cam_y):
            if not seated:
                draw_shadow(surface, fx - cam_x, fy - cam_y)
            surface.blit(frame, (fx - cam_x - w // 2 + dx, fy - cam_y - h + 1 + dy))

        return [Sprite(fy + (16 if seated else 0), 1, draw)]  # someone seated is drawn over their chair

    # light ---------------------------------------------------------------------------------------------
    def draw_lighting(self, surface: pygame.Surface, cam_x: int, cam_y: int, flashes: bool) -> None:
        stage = self.core.stage
        world = self.core.world
        sw, sh = surface.get_size()
        rooms = world.by_kind("room")
        base = stage.room_dark(0) if not rooms else max(stage.room_dark(int(r.prop("order", 0) or 0)) for r in rooms)
        if stage.lights == "on" and not stage.waking and not stage.alarm:
            return
        shade = pygame.Surface((sw, sh), pygame.SRCALPHA)
        ink = colour("ink")
        if rooms:
            shade.fill((*ink, base))
            for room in rooms:
                dark = stage.room_dark(int(room.prop("order", 0) or 0))
                rect = pygame.Rect(room.x - cam_x, room.y - cam_y, room.w, room.h)
                shade.fill((*ink, dark), rect)
        else:
            shade.fill((*ink, stage.dark))
        if stage.lights == "flicker" and not flashes:
            shade.fill((*ink, 90))  # no stutter for players who asked for no flashes: a steady dim
        surface.blit(shade, (0, 0))
        if stage.lights == "off" and stage.emergency:
            self._emergency_strips(surface, cam_x, cam_y, rooms)
        if stage.lights in ("off", "flicker") and stage.emergency:
            self._glitching_screens(surface, cam_x, cam_y, flashes)

    def _emergency_strips(self, surface, cam_x: int, cam_y: int, rooms) -> None:
        """Red strips along the floor's edges: the long sides of every room (an aisle gets two)."""
        red = colour("red")
        world = self.core.world
        w, h = world.pixel_size
        areas = [pygame.Rect(r.x, r.y, r.w, r.h) for r in rooms] or [pygame.Rect(0, 0, w, h)]
        for area in areas:
            if area.h > area.w:
                for x in (area.x + 2, area.right - 3):
                    for y in range(area.y + 4, area.bottom - 4, 12):
                        surface.fill(red, pygame.Rect(x - cam_x, y - cam_y, 1, 6))
            else:
                y = area.bottom - 3 - cam_y
                for x in range(area.x + 4, area.right - 4, 12):
                    surface.fill(red, pygame.Rect(x - cam_x, y, 6, 1))

    def _glitching_screens(self, surface, cam_x: int, cam_y: int, flashes: bool) -> None:
        tick = self.core.tick
        for obj in list(self.core.machines) + self.core.world.by_kind("screen"):
            height = obj.h if obj.kind == "screen" else max(4, obj.h // 2)
            rect = pygame.Rect(obj.x - cam_x, obj.y - cam_y, obj.w, height)
            if not flashes:
                surface.fill(colour("teal_dark"), rect.inflate(-rect.w // 2, -rect.h // 2))
                continue
            if flicker_off(tick, obj.id):
                continue
            band = (tick * 3 + obj.id * 7) % max(1, rect.h)
            surface.fill(colour("cyan"), pygame.Rect(rect.x, rect.y + band, rect.w, 1))
            second = rect.y + (band + 3) % max(1, rect.h)
            surface.fill(colour("magenta"), pygame.Rect(rect.x + 2, second, rect.w - 4, 1))

    def draw_alarm(self, surface: pygame.Surface, flashes: bool) -> None:
        stage = self.core.stage
        if not stage.alarm:
            return
        sw, sh = surface.get_size()
        if flashes:
            phase = stage.alarm_ticks % 75
            level = 110 - abs(phase - 37) * 3
        else:
            level = 50
        edge = pygame.Surface((sw, sh), pygame.SRCALPHA)
        red = colour("red")
        for i in range(10):
            a = max(0, level - i * 11)
            pygame.draw.rect(edge, (*red, a), pygame.Rect(i, i, sw - 2 * i, sh - 2 * i), 1)
        surface.blit(edge, (0, 0))

    def shake_offset(self, enabled: bool) -> tuple[int, int]:
        shake = self.core.stage.shake
        if not shake or not enabled:
            return 0, 0
        h = _hash(self.core.tick, shake)
        size = 3 if shake > 10 else 1
        return (h % (2 * size + 1)) - size, ((h >> 8) % (2 * size + 1)) - size
