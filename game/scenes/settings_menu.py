"""Settings: sound, text, window, speedrun timer, and a table of the controls.

Changes apply at once (volumes, window) and are saved atomically when the screen closes.
"""

from __future__ import annotations

import pygame

from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.scenes.common import dim, draw_backdrop, play
from game.ui.palette import colour
from game.ui.widgets import Menu, MenuItem, draw_panel

TEXT_SPEEDS = (15, 30, 45, 70, 120, 0)  # characters per second; 0 is instant
TIMER_LABELS = {"off": "Off", "chapter": "Chapter", "game": "Full game"}


def _percent(v: float) -> str:
    return f"{round(v * 100)}%"


class SettingsScene(Scene):
    counts_game_time = False

    def __init__(self, ctx, *, over_game: bool = False) -> None:
        self.ctx = ctx
        # opened from the pause menu it shows the game dimmed behind it
        self.transparent = over_game
        self.t = 0
        self.showing_controls = False
        self.menu = Menu(self._items(), ctx.assets.font(), center_x=320, top=74, width=330)

    def _items(self) -> list[MenuItem]:
        s = self.ctx.settings
        speed = s["text_speed"]
        return [
            MenuItem("master_volume", "Master volume", _percent(s["master_volume"])),
            MenuItem("music_volume", "Music", _percent(s["music_volume"])),
            MenuItem("sfx_volume", "Sound effects", _percent(s["sfx_volume"])),
            MenuItem("text_speed", "Text speed", "Instant" if speed == 0 else f"{speed} chars/s"),
            MenuItem("auto_advance", "Auto-advance dialogue", "On" if s["auto_advance"] else "Off"),
            MenuItem("window_scale", "Window size", f"{s['window_scale']}x"),
            MenuItem("fullscreen", "Fullscreen", "On" if s["fullscreen"] else "Off"),
            MenuItem("speedrun_mode", "Speedrun mode", "On" if s["speedrun_mode"] else "Off",
                     hint="Instant text; every line of dialogue can be skipped."),
            MenuItem("timer", "On-screen timer", TIMER_LABELS[s["timer"]]),
            MenuItem("ghost", "Personal-best ghost", "On" if s["ghost"] else "Off",
                     hint="Swarm practice: show your best run's beacon as a ghost."),
            MenuItem("livesplit_server", "LiveSplit Server", "On" if s["livesplit_server"] else "Off",
                     hint="Send game time to LiveSplit Server on localhost:16834 when it runs."),
            MenuItem("show_fps", "Show FPS", "On" if s["show_fps"] else "Off"),
            MenuItem("controls", "Controls\u2026"),
            MenuItem("back", "Back"),
        ]

    def exit(self) -> None:
        self.ctx.save_settings()

    def _change(self, key: str, step: int) -> None:
        s = self.ctx.settings
        if key in ("master_volume", "music_volume", "sfx_volume"):
            s.set(key, round(min(1.0, max(0.0, s[key] + 0.1 * step)), 1))
            s_ = self.ctx.settings
            self.ctx.audio.set_volumes(s_["master_volume"], s_["music_volume"], s_["sfx_volume"])
        elif key == "text_speed":
            i = TEXT_SPEEDS.index(s[key]) if s[key] in TEXT_SPEEDS else 2
            s.set(key, TEXT_SPEEDS[(i + step) % len(TEXT_SPEEDS)])
        elif key == "window_scale":
            s.set(key, (s[key] - 1 + step) % 4 + 1)
            if self.ctx.display is not None:
                self.ctx.display.set_scale(s[key])
        elif key == "timer":
            modes = list(TIMER_LABELS)
            s.set(key, modes[(modes.index(s[key]) + step) % len(modes)])
        elif key in ("auto_advance", "fullscreen", "speedrun_mode", "ghost", "livesplit_server", "show_fps"):
            s.set(key, not s[key])
            if key == "fullscreen" and self.ctx.display is not None and self.ctx.display.fullscreen != s[key]:
                self.ctx.display.toggle_fullscreen()
        else:
            return
        play(self.ctx, "ui_move")
        self.menu.set_items(self._items())

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if self.showing_controls:
            if frame.pressed & (Action.CANCEL | Action.CONFIRM | Action.POINTER):
                play(self.ctx, "ui_cancel")
                self.showing_controls = False
            return
        if frame.was_pressed(Action.CANCEL):
            play(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
            return
        event = self.menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            play(self.ctx, "ui_move")
        elif kind in ("left", "right"):
            self._change(key, -1 if kind == "left" else 1)
        elif kind == "choose":
            if key == "back":
                play(self.ctx, "ui_cancel")
                self.ctx.scenes.pop()
            elif key == "controls":
                play(self.ctx, "ui_confirm")
                self.showing_controls = True
            else:
                self._change(key, 1)

    def state_bytes(self) -> bytes:
        return f"settings:{self.t}:{self.menu.index}:{self.showing_controls}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        if self.transparent:
            dim(surface, 170)
        else:
            draw_backdrop(surface, self.t, self.ctx.assets)
        title = "CONTROLS" if self.showing_controls else "SETTINGS"
        font.draw(surface, title, (320, 40), colour("white"), scale=2, outline=colour("ink"), align="center")
        if self.showing_controls:
            self._draw_controls(surface, font)
            return
        panel = self.menu.rect.inflate(20, 14)
        draw_panel(surface, panel)
        self.menu.draw(surface, tick=self.t, align="left")
        hint = self.menu.selected.hint or "\u2190\u2192 change   Enter toggle   Esc back"
        font.draw(surface, hint, (320, panel.bottom + 8), colour("mist"), shadow=colour("ink"), align="center")

    def _draw_controls(self, surface: pygame.Surface, font) -> None:
        s = self.ctx.settings
        rows = [("Move", "UP"), ("Run", "RUN"), ("Talk / confirm", "CONFIRM"), ("Back", "CANCEL"),
                ("Pause", "PAUSE"), ("Swarm focus / run cases", "FOCUS"), ("Swarm spread / step", "SPREAD"),
                ("Swarm recall / breakpoint", "RECALL"), ("Hint", "HINT"), ("Skip seen lines", "SKIP"),
                ("Dialogue history", "HISTORY")]
        rect = pygame.Rect(70, 66, 500, 20 + len(rows) * (font.line_height + 5))
        draw_panel(surface, rect)
        font.draw(surface, "Keyboard", (330, rect.y + 6), colour("cyan"))
        font.draw(surface, "Gamepad", (470, rect.y + 6), colour("cyan"))
        for i, (label, action) in enumerate(rows):
            y = rect.y + 20 + i * (font.line_height + 5)
            keys = s.bindings("keyboard").get(action, [])
            if action == "UP":
                keys = ["arrows", "WASD"]
            pad = s.bindings("gamepad").get(action, [])
            if action == "UP":
                pad = ["d-pad", "left stick"]
            font.draw(surface, label, (rect.x + 12, y), colour("paper"))
            font.draw(surface, ", ".join(k.title() for k in keys[:2]), (330, y), colour("mist"))
            font.draw(surface, ", ".join(k.upper() if len(k) == 1 else k for k in pad[:2]), (470, y),
                      colour("mist"))
        font.draw(surface, "Mouse: point and click in menus; move the swarm's beacon.  F11 fullscreen, F12 screenshot.",
                  (320, rect.bottom + 8), colour("mist"), shadow=colour("ink"), align="center")
