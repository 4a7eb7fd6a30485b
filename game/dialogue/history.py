"""The dialogue history screen: scroll back through what was said in this conversation.

Opened from the dialogue box with HISTORY (L, left stick click) or the mouse wheel up; closed with
HISTORY, CANCEL, CONFIRM, a right click, or by scrolling down past the newest line. Reading only: it
never changes the conversation. The in-game timer stops while it is open.
"""

from __future__ import annotations

import pygame

from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.dialogue.portraits import name_colour
from game.ui.palette import colour
from game.ui.widgets import draw_panel

PANEL = pygame.Rect(60, 34, 520, 292)
NAME_W = 96
ROW_GAP = 4


class HistoryScene(Scene):
    transparent = True
    counts_game_time = False

    def __init__(self, ctx, entries: list[tuple[str, str]], names: dict[str, str]) -> None:
        self.ctx = ctx
        self.font = ctx.assets.font()
        text_w = PANEL.width - NAME_W - 40
        # one row per wrapped line: (speaker id, name shown on the first row only, text)
        self.rows: list[tuple[str, str, str]] = []
        for speaker, text in entries:
            lines = self.font.wrap(text, text_w)
            for i, line in enumerate(lines):
                label = names.get(speaker, speaker) if i == 0 else ""
                self.rows.append((speaker, label, line))
            self.rows.append(("", "", ""))
        if self.rows:
            self.rows.pop()
        self.visible = (PANEL.height - 40) // self.font.line_height
        self.top = max(0, len(self.rows) - self.visible)  # open at the newest line

    @property
    def max_top(self) -> int:
        return max(0, len(self.rows) - self.visible)

    def update(self, frame: ActionFrame) -> None:
        if frame.pressed & (Action.HISTORY | Action.CANCEL | Action.CONFIRM | Action.POINTER_ALT | Action.PAUSE):
            self.ctx.audio.play_sfx("ui_cancel")
            self.ctx.scenes.pop()
            return
        _, dy = frame.pressed_direction()
        if frame.was_pressed(Action.WHEEL_UP):
            dy -= 3
        if frame.was_pressed(Action.WHEEL_DOWN):
            if self.top >= self.max_top:
                self.ctx.scenes.pop()
                return
            dy += 3
        if frame.was_pressed(Action.PREV):
            dy -= self.visible
        if frame.was_pressed(Action.NEXT):
            dy += self.visible
        if dy:
            self.top = min(max(self.top + dy, 0), self.max_top)

    def state_bytes(self) -> bytes:
        return f"history:{self.top}:{len(self.rows)}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.font
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((*colour("ink"), 170))
        surface.blit(shade, (0, 0))
        draw_panel(surface, PANEL)
        font.draw(surface, "HISTORY", (PANEL.centerx, PANEL.y + 8), colour("white"), outline=colour("ink"),
                  align="center")
        y = PANEL.y + 26
        for speaker, label, line in self.rows[self.top:self.top + self.visible]:
            if label:
                font.draw(surface, label, (PANEL.x + 14, y), name_colour(speaker), shadow=colour("ink"))
            tone = colour("cyan_light") if speaker == "" and line.startswith(">") else colour("paper")
            if speaker == "narrator":
                tone = colour("mist")
            font.draw(surface, line, (PANEL.x + 20 + NAME_W, y), tone, shadow=colour("ink"))
            y += font.line_height
        if self.max_top:
            # a scroll bar on the right edge
            track = pygame.Rect(PANEL.right - 8, PANEL.y + 26, 3, PANEL.height - 40)
            pygame.draw.rect(surface, colour("navy"), track)
            h = max(8, track.height * self.visible // len(self.rows))
            y0 = track.y + (track.height - h) * self.top // self.max_top
            pygame.draw.rect(surface, colour("cyan"), pygame.Rect(track.x, y0, 3, h))
        from game.ui.prompts import action_label

        close = f"{action_label(self.ctx, 'HISTORY', 'l')} or {action_label(self.ctx, 'CANCEL', 'escape')}"
        font.draw(surface, f"\u2191\u2193 scroll   {close} close", (PANEL.centerx, PANEL.bottom + 6), colour("mist"),
                  shadow=colour("ink"), align="center")
