"""The bodies on a map and who is in front of whom: walkers, NPCs, the door fade, the interaction probe.

Pure Python, integers only (sub-pixels): ``Exploration`` (``explore``) moves these bodies tick by tick;
``interaction_target`` decides what Lena would talk to or use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.world.model import MapObject, WorldMap
from game.world.physics import PLAYER, SUB

FADE_TICKS = 16
#: pixels of room kept between Lena and the people on the map, across and along the screen: their feet boxes
#: are small (for doorways), so without it one would stand half inside the other's sprite
PERSONAL_SPACE = (1, 4)
REACH = 10  # pixels in front of the player's feet box that "facing" reaches
SIDE_SLACK = 4  # pixels the probe is wider than the feet box on each side, so near enough lined up counts
FACING_VECTORS = {"down": (0, 1), "up": (0, -1), "left": (-1, 0), "right": (1, 0)}
OPPOSITE = {"down": "up", "up": "down", "left": "right", "right": "left"}


@dataclass(frozen=True)
class Event:
    kind: str  # dialogue | minigame | change_map | flag | sound
    value: str = ""
    extra: str = ""


@dataclass
class Walker:
    """A body on the map: position in sub-pixels, facing, and a walk animation counter."""

    x: int
    y: int
    facing: str = "down"
    walking: bool = False
    anim: int = 0

    @property
    def feet(self) -> tuple[int, int]:
        return self.x // SUB, self.y // SUB


@dataclass
class Npc(Walker):
    name: str = ""
    who: str = ""
    dialogue: str = ""
    route: list[tuple[int, int]] = field(default_factory=list)  # feet points in sub-pixels
    route_index: int = 0
    loop: bool = False  # wander routes loop; scripted moves stop at the end
    wait: int = 0
    line: int = 0
    stuck: int = 0  # ticks a scripted walk has been blocked by the player
    pose: str = "standing"
    placement: int = 0  # id of the map object that placed them (several objects can place one person)
    rest_facing: str = ""  # the facing to take when a walk to their placement ends

    def box(self) -> tuple[int, int, int, int]:
        return PLAYER.box(self.x, self.y)


@dataclass
class Fade:
    phase: str = "none"  # none | out | in
    ticks: int = 0
    target_map: str = ""
    target_spawn: str = ""

    @property
    def level(self) -> int:
        """Darkness 0..255 for drawing."""
        if self.phase == "out":
            return min(255, self.ticks * 255 // FADE_TICKS)
        if self.phase == "in":
            return max(0, 255 - self.ticks * 255 // FADE_TICKS)
        return 0


def spaced(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A feet box (sub-pixels) grown by ``PERSONAL_SPACE`` on every side."""
    mx, my = PERSONAL_SPACE[0] * SUB, PERSONAL_SPACE[1] * SUB
    return box[0] - mx, box[1] - my, box[2] + mx, box[3] + my


def tile_feet(world: WorldMap, tx: int, ty: int) -> tuple[int, int]:
    """Feet point (sub-pixels) of someone standing in tile (tx, ty)."""
    return (tx * world.tile_w + world.tile_w // 2) * SUB, (ty * world.tile_h + world.tile_h - 2) * SUB


def probe_rect(feet: tuple[int, int], facing: str) -> tuple[int, int, int, int]:
    """The area (pixel rect x, y, w, h) in front of someone standing on ``feet``, facing ``facing``, where an
    NPC or machine can be talked to: ``REACH`` deep from the edge of the feet box, and ``SIDE_SLACK`` wider
    than the box on each side, so being a few pixels off someone's row or column still counts."""
    fx, fy = feet
    hw, h = PLAYER.half_w // SUB, PLAYER.height // SUB
    if facing in ("left", "right"):
        y, height = fy - h - SIDE_SLACK, h + 2 * SIDE_SLACK
        return (fx + hw, y, REACH, height) if facing == "right" else (fx - hw - REACH, y, REACH, height)
    x, width = fx - hw - SIDE_SLACK, 2 * (hw + SIDE_SLACK)
    return (x, fy, width, REACH) if facing == "down" else (x, fy - h - REACH, width, REACH)


def target_rect(target: MapObject | Npc) -> tuple[int, int, int, int]:
    """The pixel rect (x, y, w, h) that has to be in front of Lena: an NPC's feet box or a machine's object."""
    if isinstance(target, Npc):
        nx, ny = target.feet
        hw, h = PLAYER.half_w // SUB, PLAYER.height // SUB
        return nx - hw, ny - h, 2 * hw, h
    return target.rect


OVERLAP = 2  # pixels a target may reach back past Lena's front edge and still count as in front of her


def _span_gap(point: int, a: int, b: int) -> int:
    """How far ``point`` lies outside the span [a, b) (0 inside)."""
    return a - point if point < a else point - b + 1 if point >= b else 0


def interaction_target(feet: tuple[int, int], facing: str, npcs: Sequence[Npc],
                       machines: Sequence[MapObject]) -> MapObject | Npc | None:
    """What Lena would talk to or use, standing on ``feet`` facing ``facing``.

    A target counts when its rect overlaps the probe in front of her (``probe_rect``) and its near edge is
    not behind her front edge (so someone standing beside her is not in front of her). Of those, the nearest
    wins: squared distance from the middle of her front edge, then how far off her line, then NPCs before
    machines, then map order. Integers only: the same on every machine."""
    px, py, pw, ph = probe_rect(feet, facing)
    fx, fy = feet
    hw, h = PLAYER.half_w // SUB, PLAYER.height // SUB
    best, best_key = None, None
    for order, group in enumerate((npcs, machines)):
        for index, target in enumerate(group):
            tx, ty, tw, th = target_rect(target)
            if tw <= 0 or th <= 0 or not (tx < px + pw and px < tx + tw and ty < py + ph and py < ty + th):
                continue
            if facing == "right":
                ahead, aside = tx - (fx + hw), _span_gap(fy - h // 2, ty, ty + th)
            elif facing == "left":
                ahead, aside = (fx - hw) - (tx + tw), _span_gap(fy - h // 2, ty, ty + th)
            elif facing == "down":
                ahead, aside = ty - fy, _span_gap(fx, tx, tx + tw)
            else:
                ahead, aside = (fy - h) - (ty + th), _span_gap(fx, tx, tx + tw)
            if ahead < -OVERLAP:
                continue
            ahead = max(0, ahead)
            key = (ahead * ahead + aside * aside, aside, order, index)
            if best_key is None or key < best_key:
                best, best_key = target, key
    return best
