"""The ``dialogue`` start point: one conversation over a quiet clinic backdrop, for writers and testers.

``neosmiles play --dialogue NODE [--chapter N] [--flags a,b,trust=2]`` starts here. The story state is
set from the parameters first, so a node can be tried at any point of the story. When the conversation
ends, CONFIRM plays it again (with the story as it is now) and CANCEL goes to the title screen.
"""

from __future__ import annotations

import pygame

from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.scenes.common import play
from game.story.state import apply_story_params  # noqa: F401 - the start points' helper, kept importable here
from game.ui.palette import colour


def draw_clinic_room(surface: pygame.Surface, t: int) -> None:
    """A calm clinic room: off-white wall, teal light strip, pale tiled floor, plants, a treatment chair."""
    w, h = surface.get_size()
    wall_h = 196
    surface.fill(colour("paper"), pygame.Rect(0, 0, w, wall_h))
    for x in range(0, w, 64):  # wall panels, lit from the top left
        pygame.draw.line(surface, colour("mist"), (x, 0), (x, wall_h - 30))
        pygame.draw.line(surface, colour("white"), (x + 1, 0), (x + 1, wall_h - 30))
    pygame.draw.rect(surface, colour("mist"), pygame.Rect(0, wall_h - 30, w, 30))
    pygame.draw.line(surface, colour("fog"), (0, wall_h - 30), (w, wall_h - 30))
    glow = (t // 40) % 2
    pygame.draw.rect(surface, colour("teal"), pygame.Rect(0, 38, w, 4))
    pygame.draw.line(surface, colour("cyan_light" if glow else "cyan"), (0, 39), (w, 39))
    # floor tiles
    surface.fill(colour("floor"), pygame.Rect(0, wall_h, w, h - wall_h))
    for y in range(wall_h, h, 16):
        pygame.draw.line(surface, colour("floor_shade"), (0, y), (w, y))
    for x in range(0, w, 16):
        pygame.draw.line(surface, colour("floor_shade"), (x, wall_h), (x, h))
    pygame.draw.line(surface, colour("steel"), (0, wall_h), (w, wall_h))
    # a window with the street beyond
    win = pygame.Rect(60, 64, 150, 80)
    pygame.draw.rect(surface, colour("ink"), win.inflate(4, 4))
    surface.fill(colour("cyan_light"), win)
    surface.fill(colour("mist"), pygame.Rect(win.x, win.bottom - 22, win.width, 22))
    pygame.draw.line(surface, colour("white"), (win.x + 6, win.y + 4), (win.x + 30, win.y + 4))
    pygame.draw.line(surface, colour("steel"), (win.centerx, win.y), (win.centerx, win.bottom))
    # the NeoSmiles sign
    sign = pygame.Rect(400, 70, 150, 30)
    pygame.draw.rect(surface, colour("ink"), sign.inflate(2, 2))
    surface.fill(colour("night"), sign)
    pygame.draw.rect(surface, colour("teal"), sign, 1)
    for i, c in enumerate((0, 1, 2)):
        pygame.draw.circle(surface, colour("cyan"), (sign.x + 16 + i * 6, sign.centery), 2 - (c == 1))
    cy = sign.centery
    pygame.draw.line(surface, colour("cyan_light"), (sign.x + 40, cy - 3), (sign.right - 14, cy - 3))
    pygame.draw.line(surface, colour("cyan"), (sign.x + 40, sign.centery + 3), (sign.right - 40, sign.centery + 3))
    # plants in pots
    for px in (24, 590):
        pot = pygame.Rect(px, 170, 22, 24)
        for dx, dy, r in ((-6, -14, 9), (8, -18, 10), (2, -28, 9), (-2, -6, 8)):
            pygame.draw.circle(surface, colour("ink"), (pot.centerx + dx, pot.y + dy), r + 1)
        for k, (dx, dy, r) in enumerate(((-6, -14, 9), (8, -18, 10), (2, -28, 9), (-2, -6, 8))):
            pygame.draw.circle(surface, colour("leaf" if k % 2 else "leaf_dark"), (pot.centerx + dx, pot.y + dy), r)
            pygame.draw.circle(surface, colour("leaf_light"), (pot.centerx + dx - 3, pot.y + dy - 3), 2)
        pygame.draw.rect(surface, colour("ink"), pot.inflate(2, 2))
        surface.fill(colour("steel"), pot)
        surface.fill(colour("fog"), pygame.Rect(pot.x + 2, pot.y + 2, 4, pot.height - 4))
    # the treatment chair
    base = pygame.Rect(300, 222, 90, 14)
    pygame.draw.ellipse(surface, colour("floor_shade"), pygame.Rect(270, 236, 150, 12))
    pygame.draw.rect(surface, colour("ink"), pygame.Rect(335, 196, 20, 34))
    surface.fill(colour("steel"), pygame.Rect(337, 198, 16, 32))
    pygame.draw.rect(surface, colour("ink"), base.inflate(2, 2))
    surface.fill(colour("fog"), base)
    seat = [(270, 196), (390, 196), (410, 168), (430, 120), (444, 124), (428, 176), (404, 206), (270, 206)]
    pygame.draw.polygon(surface, colour("ink"), [(x, y + 1) for x, y in seat], 0)
    pygame.draw.polygon(surface, colour("white"), seat)
    pygame.draw.polygon(surface, colour("ink"), seat, 1)
    pygame.draw.line(surface, colour("cyan"), (276, 199), (394, 199))
    pygame.draw.circle(surface, colour("ink"), (470, 120), 13)
    pygame.draw.circle(surface, colour("cream"), (470, 120), 12)
    pygame.draw.circle(surface, colour("yellow"), (466, 116), 4)
    pygame.draw.line(surface, colour("steel"), (470, 132), (470, 196), 2)


class DialogueStage(Scene):
    """Hosts one conversation; shows what to do once it has ended."""

    def __init__(self, ctx, node_id: str, backdrop=None) -> None:
        from game.dialogue.scene import shared_dialogue

        self.ctx = ctx
        #: draws what is behind the conversation, ``(surface, t)``; the start point passes the map's room
        self.backdrop = backdrop or draw_clinic_room
        self.node_id = node_id
        self.t = 0
        self.ended = False
        self.dialogue = shared_dialogue(ctx)

    def enter(self) -> None:
        self._begin()

    def _begin(self) -> None:
        from game.dialogue.scene import DialogueScene

        self.ended = False
        self.ctx.scenes.push(DialogueScene(self.ctx, self.node_id, host=self, dialogue=self.dialogue,
                                           on_end=self._on_end))

    def _on_end(self) -> None:
        self.ended = True

    def dialogue_command(self, name: str, args: dict) -> None:
        """Map and staging commands have no map here: they are shown as a notice instead."""
        self.ctx.notify(f"[{name}] " + ", ".join(f"{k}={v}" for k, v in sorted(args.items())), 120)

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if not self.ended:
            return
        if frame.pressed & (Action.CONFIRM | Action.POINTER):
            play(self.ctx, "ui_confirm")
            self._begin()
        elif frame.pressed & (Action.CANCEL | Action.PAUSE):
            from game.core.run import StartPoint

            play(self.ctx, "ui_cancel")
            self.ctx.begin_run(StartPoint.of("title"))

    def state_bytes(self) -> bytes:
        return f"stage:{self.node_id}:{self.t}:{self.ended}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        from game.scenes.common import draw_notice

        self.backdrop(surface, self.t)
        font = self.ctx.assets.font()
        if self.ended:
            from game.ui.widgets import draw_panel

            draw_panel(surface, pygame.Rect(190, 270, 260, 56))
            font.draw(surface, "End of conversation", (320, 280), colour("white"), scale=2, outline=colour("ink"),
                      align="center")
            from game.ui.prompts import action_label

            again, back = action_label(self.ctx, "CONFIRM", "return"), action_label(self.ctx, "CANCEL", "escape")
            font.draw(surface, f"{again}: play it again     {back}: title", (320, 308), colour("paper"),
                      outline=colour("ink"), align="center")
        draw_notice(surface, self.ctx, font)
