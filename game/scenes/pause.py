"""The pause menu, drawn over the paused scene; the in-game timer stops while it is open.

The menu is a list of entries, each a key, a label and what choosing it does (``_entries``), so other
screens (journal, save, load) slot in as one more entry. Entries that throw the run away (Restart,
Quit to title) ask first with a ``ConfirmScene``.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.scenes.common import dim, play
from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import Menu, MenuItem, draw_panel

RESTART_QUESTION = "Restart from the beginning? Everything since it began will be lost."
QUIT_QUESTION = "Quit to the title screen? Progress since the run began will be lost."
RESTART_UNSAVED = "Restart? What you played since your last save will be lost."
QUIT_UNSAVED = "Quit to the title screen? What you played since your last save will be lost."


class PauseScene(Scene):
    transparent = True
    counts_game_time = False

    def __init__(self, ctx, *, restart: StartPoint | None = None, shade: int = 150) -> None:
        self.ctx = ctx
        self.t = 0
        self.restart = restart
        #: how dark the paused scene is drawn under the menu (dark screens such as SPECTRA need more)
        self.shade = shade
        self.entries = self._entries()
        items = [MenuItem(key, label) for key, label, _ in self.entries]
        self.menu = Menu(items, ctx.assets.font(), center_x=320, top=150, width=160)

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        entries = [("resume", "Resume", self._resume)]
        saves = self.ctx.saves
        if saves is not None:
            from game.saves.snapshot import is_saveable

            if is_saveable(self.ctx):
                entries.append(("save", "Save", self._save))
                entries.append(("load", "Load", self._load))
        if self.restart is not None:
            entries.append(("restart", "Restart", self._ask_restart))
        if self.ctx.run.start.name in ("new-game", "chapter", "map", "continue", "save"):
            entries.append(("journal", "Journal", self._journal))
        entries.append(("settings", "Settings", self._settings))
        entries.append(("title", "Quit to title", self._ask_quit))
        return entries

    # what the entries do ---------------------------------------------------------------------
    def _resume(self) -> None:
        self.ctx.scenes.pop()

    def _save(self) -> None:
        from game.saves.screens import SaveScene

        self.ctx.scenes.push(SaveScene(self.ctx, over_game=True))

    def _load(self) -> None:
        from game.saves.screens import LoadScene

        self.ctx.scenes.push(LoadScene(self.ctx, over_game=True))

    def _guarded(self) -> str | None:
        """Which question to ask before leaving the run: None when nothing would be lost. A story run asks only
        when it has progress since its last save; a run that cannot be saved (practice) always asks."""
        saves = self.ctx.saves
        if saves is None:
            return "always"
        from game.saves.snapshot import NotSaveable, game_scenes

        try:
            game_scenes(self.ctx)
        except NotSaveable:  # not a story run (practice): nothing is ever saved, so always ask
            return "always"
        return "unsaved" if saves.unsaved_progress() else None

    def _ask_restart(self) -> None:
        from game.scenes.confirm import ConfirmScene

        guard = self._guarded()
        if guard is None:
            self.do_restart()
            return
        question = RESTART_UNSAVED if guard == "unsaved" else RESTART_QUESTION
        self.ctx.scenes.push(ConfirmScene(self.ctx, question, self.do_restart, yes="Restart", no="Keep playing"))

    def do_restart(self) -> None:
        if self.restart is not None:
            self.ctx.begin_run(self.restart, seed=self.ctx.run.seed)

    def _journal(self) -> None:
        self.ctx.scenes.push(self.ctx.story.journal_scene())

    def _settings(self) -> None:
        from game.scenes.settings_menu import SettingsScene

        self.ctx.scenes.push(SettingsScene(self.ctx, over_game=True))

    def _ask_quit(self) -> None:
        from game.scenes.confirm import ConfirmScene

        guard = self._guarded()
        if guard is None:
            self.do_quit()
            return
        question = QUIT_UNSAVED if guard == "unsaved" else QUIT_QUESTION
        self.ctx.scenes.push(ConfirmScene(self.ctx, question, self.do_quit, yes="Quit", no="Keep playing"))

    def do_quit(self) -> None:
        self.ctx.begin_run(StartPoint.of("title"))

    # the tick --------------------------------------------------------------------------------
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
            for entry_key, _, action in self.entries:
                if entry_key == key:
                    action()

    def state_bytes(self) -> bytes:
        return f"pause:{self.t}:{self.menu.index}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        dim(surface, self.shade)
        font.draw(surface, "PAUSED", (320, 112), colour("white"), scale=3, outline=colour("ink"), align="center")
        draw_panel(surface, self.menu.rect.inflate(20, 14), alpha=250)
        self.menu.draw(surface, tick=self.t)
        ok = action_label(self.ctx, "CONFIRM", "return")
        back = action_label(self.ctx, "PAUSE", "escape")
        font.draw(surface, f"{ok} choose   {back} resume", (320, self.menu.rect.bottom + 16), colour("mist"),
                  shadow=colour("ink"), align="center")
