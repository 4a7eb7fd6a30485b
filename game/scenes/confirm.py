"""A yes/no question asked before something that loses progress (restart, quit to title, overwrite).

``ConfirmScene(ctx, question, on_yes, on_no=None)`` is pushed over the screen that asks; it pops
itself, then calls the chosen callback (``on_no`` may be None: "No" then only closes the question).
"No" is preselected, and Esc / B / right click answer "No", so a stray Enter never loses a run.
The question wraps inside its panel. The callbacks run inside the tick, so the stack changes they
request are applied after it, like every other change.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.scenes.common import dim, play
from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import Menu, MenuItem, draw_panel

PANEL_WIDTH = 300


class ConfirmScene(Scene):
    transparent = True
    counts_game_time = False

    def __init__(self, ctx, question: str, on_yes: Callable[[], None], on_no: Callable[[], None] | None = None,
                 yes: str = "Yes", no: str = "No") -> None:
        self.ctx = ctx
        self.question = question
        self.on_yes = on_yes
        self.on_no = on_no
        self.t = 0
        self.answer: str | None = None  # "yes" / "no" once chosen
        font = ctx.assets.font()
        self.lines = font.wrap(question, PANEL_WIDTH - 28)
        text_h = len(self.lines) * (font.line_height + 2)
        self.top = 180 - (text_h + 2 * (font.line_height + 6) + 40) // 2
        menu_top = self.top + 16 + text_h + 10
        self.menu = Menu([MenuItem("yes", yes), MenuItem("no", no)], font, center_x=320, top=menu_top, width=140)
        self.menu.index = 1  # "No" first: losing progress takes a deliberate choice

    def _answer(self, answer: str) -> None:
        self.answer = answer
        play(self.ctx, "ui_confirm" if answer == "yes" else "ui_cancel")
        self.ctx.scenes.pop()
        callback = self.on_yes if answer == "yes" else self.on_no
        if callback is not None:
            callback()

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.pressed & (Action.CANCEL | Action.PAUSE | Action.POINTER_ALT):
            self._answer("no")
            return
        event = self.menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            play(self.ctx, "ui_move")
        elif kind in ("left", "right"):  # the two answers also sit side by side in the player's mind
            self.menu.index = 1 - self.menu.index
            play(self.ctx, "ui_move")
        elif kind == "choose":
            self._answer(key)

    def state_bytes(self) -> bytes:
        return f"confirm:{self.t}:{self.menu.index}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        dim(surface, 170)
        hint_h = font.line_height + 6  # the keys are named inside the panel: nothing below shows through
        height = self.menu.rect.bottom - self.top + 10 + hint_h
        panel = pygame.Rect(320 - PANEL_WIDTH // 2, self.top, PANEL_WIDTH, height)
        draw_panel(surface, panel, accent="amber", alpha=250)
        y = self.top + 10
        for line in self.lines:
            font.draw(surface, line, (320, y), colour("white"), shadow=colour("ink"), align="center")
            y += font.line_height + 2
        self.menu.draw(surface, tick=self.t)
        confirm = action_label(self.ctx, "CONFIRM", "return")
        back = action_label(self.ctx, "CANCEL", "escape")
        font.draw(surface, f"{confirm} choose   {back} no", (320, panel.bottom - hint_h), colour("fog"),
                  align="center")
