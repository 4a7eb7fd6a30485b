"""The title screen: the NeoSmiles logo over the clinic's night glow, and the main menu.

The menu lists only what works right now: New game and Continue appear once the story provides them,
Practice once a minigame registers an encounter. Everything animated is computed from the scene's tick
counter, so the screen is the same for the same frames.
"""

from __future__ import annotations

import math

import pygame

from game import __version__
from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.scenes.common import draw_backdrop, draw_notice, play
from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import Menu, MenuItem, draw_panel


def continue_hint(ctx) -> str:
    """Where Continue goes: the newest save's chapter, place and play time."""
    from game.saves.cli import play_time
    from game.saves.slots import newest

    info = newest(ctx.paths.saves_dir)
    if info is None:
        return "Back to where you left Lena."
    meta = info.usable.meta
    return f"Back to chapter {meta['chapter']}, {meta['place']} ({play_time(meta['play_ticks'])} played)."


def saves_on_disk(ctx) -> bool:
    """Whether any save slot holds a file (sound or damaged: the Load screen says which)."""
    from game.saves.slots import SLOTS, backup_path, slot_path

    folder = ctx.paths.saves_dir
    return any(slot_path(folder, s).exists() or backup_path(folder, s).exists() for s in SLOTS)


class TitleScene(Scene):
    counts_game_time = False

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.t = 0
        self.menu = Menu(self._items(), ctx.assets.font(), center_x=320, top=212, width=176)

    def _items(self) -> list[MenuItem]:
        items = []
        if self.ctx.start_exists("new-game"):
            items.append(MenuItem("new", "New game", hint="Open the clinic for a new day."))
        if self.ctx.continue_available():
            items.append(MenuItem("continue", "Continue", hint=continue_hint(self.ctx)))
        if saves_on_disk(self.ctx):
            items.append(MenuItem("load", "Load", hint="Choose a save: the autosave or one of your slots."))
        if self.ctx.practice_entries():
            items.append(MenuItem("practice", "Practice", hint="Play any encounter on its own, with any seed."))
        items.append(MenuItem("settings", "Settings", hint="Sound, text speed, window, controls, timer."))
        items.append(MenuItem("quit", "Quit", hint="Close NeoSmiles."))
        return items

    def enter(self) -> None:
        self.ctx.audio.play_music("title")

    def resume(self) -> None:
        self.menu.set_items(self._items())

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        event = self.menu.update(frame)
        if event is None:
            if frame.was_pressed(Action.CANCEL) and self.menu.selected.key != "quit":
                self.menu.index = len(self.menu.items) - 1
                play(self.ctx, "ui_move")
            return
        kind, key = event
        if kind == "move":
            play(self.ctx, "ui_move")
        elif kind == "choose":
            play(self.ctx, "ui_cancel" if key == "quit" else "ui_confirm")
            self._choose(key)

    def _choose(self, key: str) -> None:
        from game.core.run import StartPoint

        ctx = self.ctx
        if key == "new":
            ctx.begin_run(StartPoint.of("new-game"))
        elif key == "continue":
            self._continue()
        elif key == "load":
            from game.saves.screens import LoadScene

            ctx.scenes.push(LoadScene(ctx))
        elif key == "practice":
            from game.scenes.practice_menu import PracticeMenuScene

            ctx.scenes.push(PracticeMenuScene(ctx))
        elif key == "settings":
            from game.scenes.settings_menu import SettingsScene

            ctx.scenes.push(SettingsScene(ctx))
        elif key == "quit":
            ctx.request_quit()

    def _continue(self) -> None:
        """The newest sound save, started as a ``save`` run (recorded, with the save in its replay)."""
        from game.saves.service import begin_from_save, trial_restore
        from game.saves.slots import newest

        ctx = self.ctx
        info = newest(ctx.paths.saves_dir)
        problem = "there is no save" if info is None else trial_restore(ctx, info.usable.body)
        if problem is not None:
            ctx.notify(f"Cannot continue: {problem}", 300)
            self.menu.set_items(self._items())
            return
        begin_from_save(ctx, info.usable.body)

    def state_bytes(self) -> bytes:
        return f"title:{self.t}:{self.menu.index}".encode()

    # drawing -------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        assets = self.ctx.assets
        font = assets.font()
        draw_backdrop(surface, self.t, assets)

        logo = assets.image("ui/tooth_logo.png")
        big = pygame.transform.scale_by(logo, 3)
        bob = round(math.sin(self.t / 40.0) * 2)
        glow = assets.image("ui/glow.png")
        halo = pygame.transform.scale_by(glow, 5)
        surface.blit(halo, (320 - halo.get_width() // 2, 70 - halo.get_height() // 2 + bob),
                     special_flags=pygame.BLEND_RGB_ADD)
        surface.blit(big, (320 - big.get_width() // 2, 30 + bob))

        title_y = 126
        x0 = 320 - font.width("NEOSMILES") * 4 // 2
        font.draw(surface, "NEOSMILES", (x0, title_y), colour("white"), scale=4, outline=colour("ink"),
                  shadow=colour("teal_dark"))
        font.draw(surface, "NEO", (x0, title_y), colour("cyan"), scale=4)
        font.draw(surface, "A CLINIC, AN AI, A SWARM  \u00b7  2045", (320, title_y + font.line_height * 4 + 6),
                  colour("cyan_light"), shadow=colour("ink"), align="center")

        panel = self.menu.rect.inflate(20, 14)
        draw_panel(surface, panel)
        self.menu.draw(surface, tick=self.t)
        hint = self.menu.selected.hint
        if hint:
            font.draw(surface, hint, (320, panel.bottom + 8), colour("mist"), shadow=colour("ink"), align="center")

        font.draw(surface, f"v{__version__}", (6, 360 - font.line_height - 4), colour("steel"))
        ok = action_label(self.ctx, "CONFIRM", "return")
        font.draw(surface, f"\u2191\u2193 choose   {ok} select   F11 fullscreen",
                  (634, 360 - font.line_height - 4), colour("steel"), align="right")
        draw_notice(surface, self.ctx, font)
