"""What the map shows on top while exploring: the objective line, the arrow to the objective, the prompt by the
thing Lena faces, and each control taught the first time it is needed. Drawing only.

The objective comes from the story layer through the context (``ctx.story.objective()``); this module
never imports it. Key names come from ``action_label`` so prompts follow the player's bindings.
"""

from __future__ import annotations

import pygame

from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import draw_panel
from game.world.bodies import Npc

SCREEN_W, SCREEN_H = 640, 360
TOP_CLEAR = 62  # pixels at the top kept for the objective line and the banner: an edge arrow goes below
RUN_TEACH_AFTER = 240  # ticks of walking (not running) before "hold Shift to run" is shown


def objective_of(ctx):
    story = getattr(ctx, "story", None)
    if story is None:
        return None
    try:
        return story.objective()
    except Exception:  # noqa: BLE001 - a broken chapters file is reported by check; the map still plays
        return None


def target_point(core, objective) -> tuple[int, int] | None:
    """Where the arrow points, in map pixels: the objective's target on this map, or the door toward its map."""
    world = core.world
    if objective is None or not objective.target:
        return None
    if objective.map == world.name:
        npc = next((n for n in core.npcs if n.name == objective.target), None)
        if npc is not None:
            fx, fy = npc.feet
            return fx, fy - 26
        for obj in world.objects:
            if obj.name == objective.target and obj.kind != "npc":
                return obj.x + obj.w // 2, obj.y + (obj.h // 2 if obj.kind == "door" else 0) - 4
        return None
    doors = world.by_kind("door")
    toward = [d for d in doors if d.prop("target_map") == objective.map] or \
             [d for d in doors if d.prop("target_map") == "street"] or doors
    if not toward:
        return None
    door = toward[0]
    return door.x + door.w // 2, door.y + door.h // 2 - 4


def draw_hud(surface: pygame.Surface, scene, cam_x: int, cam_y: int) -> None:
    ctx, core = scene.ctx, scene.core
    if core.fade.phase != "none" or ctx.scenes.top is not scene or core.player_route:
        return
    font = ctx.assets.font()
    objective = objective_of(ctx)
    if objective is not None and ctx.settings["show_objective"]:
        _objective_line(surface, ctx, font, objective, scene.banner_showing)
        point = target_point(core, objective)
        if point is not None and not (isinstance(core.focus, Npc) and core.focus.name == objective.target):
            _arrow(surface, core.tick, point[0] - cam_x, point[1] - cam_y)
    _facing_prompt(surface, ctx, core, font, cam_x, cam_y)
    _teach(surface, scene, font)


def _objective_line(surface, ctx, font, objective, below_banner: bool) -> None:
    mark = "\u25b8 " if font.has_glyph("\u25b8") else "> "
    text = mark + objective.text
    hint = f"{action_label(ctx, 'HINT', 'h')}: hint"
    w = font.width(text) + font.width(hint) + 26
    y = 42 if below_banner else 6
    rect = pygame.Rect(6, y, min(SCREEN_W - 12, w), font.line_height + 6)
    draw_panel(surface, rect, accent="amber", alpha=200)
    font.draw(surface, text, (rect.x + 6, rect.y + 3), colour("white"))
    font.draw(surface, hint, (rect.right - 6, rect.y + 3), colour("fog"), align="right")


def _arrow(surface, tick: int, x: int, y: int) -> None:
    """A bobbing chevron over the target; at the screen's edge, pointing the way, when it is off screen."""
    margin = 14
    amber, ink = colour("amber"), colour("ink")
    if margin <= x < SCREEN_W - margin and margin <= y < SCREEN_H - margin:
        bob = (tick // 10) % 4
        bob = bob if bob < 3 else 1
        tip = (x, y + bob)
        points = [(tip[0] - 5, tip[1] - 6), (tip[0] + 5, tip[1] - 6), tip]
        pygame.draw.polygon(surface, ink, [(px, py + 1) for px, py in points])
        pygame.draw.polygon(surface, amber, points)
        return
    cx, cy = SCREEN_W // 2, SCREEN_H // 2
    dx, dy = x - cx, y - cy
    scale_x = (SCREEN_W // 2 - margin) / abs(dx) if dx else 1e9
    scale_y = (SCREEN_H // 2 - margin) / abs(dy) if dy else 1e9
    s = min(scale_x, scale_y)
    ex, ey = int(cx + dx * s), int(cy + dy * s)
    ey = max(TOP_CLEAR, ey)  # below the objective line and the place's name
    length = max(1, abs(dx) + abs(dy))
    ux, uy = dx * 7 // length, dy * 7 // length
    tip = (ex + ux, ey + uy)
    left = (ex - uy, ey + ux)
    right = (ex + uy, ey - ux)
    pygame.draw.polygon(surface, ink, [(p[0] + 1, p[1] + 1) for p in (tip, left, right)])
    pygame.draw.polygon(surface, amber, [tip, left, right])


def _facing_prompt(surface, ctx, core, font, cam_x: int, cam_y: int) -> None:
    target = core.focus
    if target is None:
        return
    key = action_label(ctx, "CONFIRM", "return")
    if isinstance(target, Npc):
        label = "Talk"
        fx, fy = target.feet
        anchor = (fx, fy - 28)
    else:
        label = str(target.prop("prompt", "Use"))
        anchor = (target.x + target.w // 2, target.y - 6)
    text = f"{key}  {label}"  # the key follows the bindings and the device used last
    w = font.width(text) + 10
    h = font.line_height + 6
    x = max(2, min(SCREEN_W - w - 2, anchor[0] - cam_x - w // 2))
    y = max(2, anchor[1] - cam_y - h)
    draw_panel(surface, pygame.Rect(x, y, w, h))
    font.draw(surface, text, (x + 5, y + 3), colour("cyan_light"))


def teaching(scene) -> str | None:
    """The control to teach now, if any: walking and running while the story is still at Malik's tour in
    chapter 1 (a player who has been shown round, or loads a later save or chapter, knows them), pausing
    just after it."""
    ctx = scene.ctx
    story = ctx.run.story
    learning = story.chapter <= 1 and not story.has("toured")
    if learning and scene.walked_ticks == 0:
        keys = " ".join(action_label(ctx, a, a) for a in ("UP", "LEFT", "DOWN", "RIGHT"))
        return f"{keys}: walk"
    if learning and not scene.ran and scene.walked_ticks > RUN_TEACH_AFTER and scene.core.player.walking:
        return f"Hold {action_label(ctx, 'RUN', 'shift')}: run"
    if scene.pause_taught_until > scene.core.tick:
        return f"{action_label(ctx, 'PAUSE', 'escape')}: pause, journal and settings"
    return None


def _teach(surface, scene, font) -> None:
    """One control at a time, the first time it is needed, beside Lena."""
    text = teaching(scene)
    if text is None:
        return
    fx, fy = scene.core.player.feet
    cam_x, cam_y = scene.camera(scene._lift)
    w = font.width(text) + 10
    x = max(2, min(SCREEN_W - w - 2, fx - cam_x - w // 2))
    y = min(SCREEN_H - font.line_height - 8, fy - cam_y + 6)
    draw_panel(surface, pygame.Rect(x, y, w, font.line_height + 6), accent="teal")
    font.draw(surface, text, (x + 5, y + 3), colour("white"))


def draw_notice(surface: pygame.Surface, ctx, font) -> None:
    """The newest notice for the player (a hint, a warning), wrapped in a banner at the top."""
    text = ctx.current_notice()
    if text is None:
        return
    lines = font.wrap(text, SCREEN_W - 60)
    width = max(font.width(line) for line in lines) + 16
    height = font.line_height * len(lines) + 8
    # at the bottom of the screen, clear of the objective line and the place's name at the top
    rect = pygame.Rect((SCREEN_W - width) // 2, SCREEN_H - height - 10, width, height)
    pygame.draw.rect(surface, colour("ink"), rect)
    pygame.draw.rect(surface, colour("amber"), rect, 1)
    for i, line in enumerate(lines):
        font.draw(surface, line, (rect.centerx, rect.y + 4 + i * font.line_height), colour("amber"), align="center")
