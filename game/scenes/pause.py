"""The pause menu, drawn over the paused scene; the in-game timer stops while it is open."""

from __future__ import annotations

import pygame

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.scenes.common import dim, play
from game.ui.palette import colour
from game.ui.widgets import Menu, MenuItem, draw_panel


class PauseScene(Scene):
    transparent = True
    counts_game_time = False

    def __init__(self, ctx, *, restart: StartPoint | None = None) -> None:
        self.ctx = ctx
        self.t = 0
        self.restart = restart
        items = [MenuItem("resume", "Resume")]
        if restart is not None:
            items.append(MenuItem("restart", "Restart"))
        items += [MenuItem("settings", "Settings"), MenuItem("title", "Quit to title")]
        if ctx.run.start.name in ("new-game", "chapter", "map", "continue"):
            items.insert(1, MenuItem("journal", "Journal"))
        self.menu = Menu(items, ctx.assets.font(), center_x=320, top=150, width=160)

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.pressed & (Action.CANCEL | Action.PAUSE):
            play(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
            return
        event = self.menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            play(self.ctx, "ui_move")
        elif kind == "choose":
            play(self.ctx, "ui_confirm")
            if key == "resume":
                self.ctx.scenes.pop()
            elif key == "restart" and self.restart is not None:
                self.ctx.begin_run(self.restart, seed=self.ctx.run.seed)
            elif key == "journal":
                self.ctx.scenes.push(self.ctx.story.journal_scene())
            elif key == "settings":
                from game.scenes.settings_menu import SettingsScene

                self.ctx.scenes.push(SettingsScene(self.ctx, over_game=True))
            elif key == "title":
                self.ctx.begin_run(StartPoint.of("title"))

    def state_bytes(self) -> bytes:
        return f"pause:{self.t}:{self.menu.index}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        dim(surface, 150)
        font.draw(surface, "PAUSED", (320, 112), colour("white"), scale=3, outline=colour("ink"), align="center")
        draw_panel(surface, self.menu.rect.inflate(20, 14))
        self.menu.draw(surface, tick=self.t)
