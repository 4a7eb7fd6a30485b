"""Settings: sound, text, window, comfort and accessibility, speedrun options, and the Controls screen.

Every row says what it does in the description box under the list. Changes apply at once (volumes,
window) and are saved atomically when the screen closes. The screen is opaque wherever it is opened:
over the pause menu it draws its own backdrop, so no menu shows through it. The swarm speed assist and
the dialogue text size change the simulation (the text size lays out the choice menu, which decides
what a click picks), so they cannot be changed over a run in progress (the run's replay and its
speedrun category were fixed when it began).
"""

from __future__ import annotations

import pygame

from game.app.settings import SIMULATION_KEYS
from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.scenes.common import draw_backdrop, play
from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import Menu, MenuItem, draw_panel

#: runs that tell the story: over them the settings also offer the story's difficulty
STORY_STARTS = ("new-game", "chapter", "continue", "map")
TEXT_SPEEDS = (15, 30, 45, 70, 120, 0)  # characters per second; 0 is instant
TIMER_LABELS = {"off": "Off", "chapter": "Chapter", "game": "Full game"}
TOGGLES = ("auto_advance", "fullscreen", "speedrun_mode", "ghost", "livesplit_server", "show_fps", "screen_shake",
           "flashes", "show_objective")
#: why a setting recorded in the run's replay cannot change until the run is over
LOCKED_REASONS = {
    "text_size": "Change the text size from the title screen: this run began at its size.",
    "swarm_speed": "Change the swarm speed from the title screen: this run began at its speed.",
    "text_speed": "Change the text speed from the title screen: it is part of this run's replay.",
    "auto_advance": "Change auto-advance from the title screen: it is part of this run's replay.",
    "speedrun_mode": "Change speedrun mode from the title screen: it is part of this run's replay.",
}
#: what each row does, shown under the list while it is selected
DESCRIPTIONS = {
    "master_volume": "Loudness of everything the game plays.",
    "music_volume": "Loudness of the music, relative to the master volume.",
    "sfx_volume": "Loudness of sound effects: menus, footsteps, the swarm, SPECTRA's alarms.",
    "text_speed": "How fast dialogue text types itself out. Instant shows each line whole.",
    "auto_advance": "Dialogue moves to the next line by itself after a pause long enough to read it.",
    "text_size": "Size of dialogue lines and choices. Large doubles the letters and the boxes grow to fit. "
                 "Set it from the title screen.",
    "window_scale": "Size of the window in multiples of the game's 640\u00d7360 pixels.",
    "fullscreen": "Fill the whole screen (F11 toggles it at any time).",
    "screen_shake": "Let the screen shake on impacts and alarms. Off keeps the picture still.",
    "flashes": "Bright flashes and flickering (SPECTRA glitches, alarms). Off replaces them with a steady tint.",
    "show_objective": "Show the current goal in a corner while exploring (the pause menu's journal always has it).",
    "swarm_speed": "Assist: the swarm encounters run slower (50-100%). Assisted runs get their own speedrun "
                   "category.",
    "speedrun_mode": "Instant text; every line of dialogue can be skipped, even unseen ones.",
    "timer": "An in-game timer in the corner: off, the current chapter, or the full game.",
    "ghost": "Swarm practice: show your best run's beacon as a faint ghost to race against.",
    "livesplit_server": "Send game time to LiveSplit Server on localhost:16834 when it runs.",
    "show_fps": "Show frames per second in the bottom-left corner.",
    "controls": "See and change every key, mouse button and gamepad button.",
    "difficulty": "This story's difficulty: Story makes every minigame gentle, Hard makes it tight. Saved with "
                  "the story, not in the settings.",
    "back": "Save these settings and go back.",
}


def _percent(v: float) -> str:
    return f"{round(v * 100)}%"


def _on(v: bool) -> str:
    return "On" if v else "Off"


class SettingsScene(Scene):
    counts_game_time = False

    def __init__(self, ctx, *, over_game: bool = False) -> None:
        self.ctx = ctx
        #: opened from the pause menu: simulation settings of the run in progress stay as they are
        self.over_game = over_game
        self.t = 0
        self.refused = ""  # why the last change was refused, until the selection moves
        self.menu = Menu(self._items(), ctx.assets.font(), center_x=320, top=58, width=360, row_height=16,
                         visible_rows=12)

    def _items(self) -> list[MenuItem]:
        s = self.ctx.settings
        speed = s["text_speed"]
        locked = " (locked in this run)" if self.over_game else ""
        swarm = f"{s['swarm_speed']}%" + locked
        story_rows = []
        if self.over_game and self.ctx.run.start.name in STORY_STARTS:  # the story in progress
            from game.story.difficulty import LABELS

            story_rows = [MenuItem("difficulty", "Difficulty (this story)", LABELS.get(self.ctx.story.difficulty, ""))]
        return story_rows + [
            MenuItem("master_volume", "Master volume", _percent(s["master_volume"])),
            MenuItem("music_volume", "Music", _percent(s["music_volume"])),
            MenuItem("sfx_volume", "Sound effects", _percent(s["sfx_volume"])),
            MenuItem("text_speed", "Text speed", ("Instant" if speed == 0 else f"{speed} chars/s") + locked),
            MenuItem("auto_advance", "Auto-advance dialogue", _on(s["auto_advance"]) + locked),
            MenuItem("text_size", "Dialogue text size", ("Large" if s["text_size"] == 2 else "Normal") + locked),
            MenuItem("window_scale", "Window size", f"{s['window_scale']}x"),
            MenuItem("fullscreen", "Fullscreen", _on(s["fullscreen"])),
            MenuItem("screen_shake", "Screen shake", _on(s["screen_shake"])),
            MenuItem("flashes", "Flashes and flicker", _on(s["flashes"])),
            MenuItem("show_objective", "Show objective", _on(s["show_objective"])),
            MenuItem("swarm_speed", "Swarm speed (assist)", swarm),
            MenuItem("speedrun_mode", "Speedrun mode", _on(s["speedrun_mode"]) + locked),
            MenuItem("timer", "On-screen timer", TIMER_LABELS[s["timer"]]),
            MenuItem("ghost", "Personal-best ghost", _on(s["ghost"])),
            MenuItem("livesplit_server", "LiveSplit Server", _on(s["livesplit_server"])),
            MenuItem("show_fps", "Show FPS", _on(s["show_fps"])),
            MenuItem("controls", "Controls\u2026"),
            MenuItem("back", "Back"),
        ]

    def exit(self) -> None:
        self.ctx.save_settings()

    def _change(self, key: str, step: int) -> None:
        s = self.ctx.settings
        if key in SIMULATION_KEYS and self.over_game:
            # the run's replay recorded these at its start; a change now would make it fail verification
            self.refused = LOCKED_REASONS.get(key, "This setting is part of the run: change it from the title screen.")
            play(self.ctx, "ui_cancel")
            return
        if key == "difficulty":
            from game.story.difficulty import STORY_DIFFICULTIES

            order = list(STORY_DIFFICULTIES)
            current = self.ctx.story.difficulty
            self.ctx.story.set_difficulty(order[(order.index(current) + step) % len(order)])
        elif key in ("master_volume", "music_volume", "sfx_volume"):
            s.set(key, round(min(1.0, max(0.0, s[key] + 0.1 * step)), 1))
            self.ctx.audio.set_volumes(s["master_volume"], s["music_volume"], s["sfx_volume"])
        elif key == "text_speed":
            i = TEXT_SPEEDS.index(s[key]) if s[key] in TEXT_SPEEDS else 2
            s.set(key, TEXT_SPEEDS[(i + step) % len(TEXT_SPEEDS)])
        elif key == "window_scale":
            s.set(key, (s[key] - 1 + step) % 4 + 1)
            if self.ctx.display is not None:
                self.ctx.display.set_scale(s[key])
        elif key == "text_size":
            s.set(key, 2 if s[key] == 1 else 1)
        elif key == "swarm_speed":
            s.set(key, (s[key] - 50 + 10 * step) % 60 + 50)
        elif key == "timer":
            modes = list(TIMER_LABELS)
            s.set(key, modes[(modes.index(s[key]) + step) % len(modes)])
        elif key in TOGGLES:
            s.set(key, not s[key])
            if key == "fullscreen" and self.ctx.display is not None and self.ctx.display.fullscreen != s[key]:
                self.ctx.display.toggle_fullscreen()
        else:
            return
        play(self.ctx, "ui_move")
        self.menu.set_items(self._items())

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.was_pressed(Action.CANCEL):
            play(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
            return
        event = self.menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            self.refused = ""
            play(self.ctx, "ui_move")
        elif kind in ("left", "right"):
            self._change(key, -1 if kind == "left" else 1)
        elif kind == "choose":
            if key == "back":
                play(self.ctx, "ui_cancel")
                self.ctx.scenes.pop()
            elif key == "controls":
                from game.scenes.controls import ControlsScene

                play(self.ctx, "ui_confirm")
                self.ctx.scenes.push(ControlsScene(self.ctx, _device_of(self.ctx)))
            else:
                self._change(key, 1)

    def state_bytes(self) -> bytes:
        return f"settings:{self.t}:{self.menu.index}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        draw_backdrop(surface, self.t, self.ctx.assets)
        font.draw(surface, "SETTINGS", (320, 24), colour("white"), scale=2, outline=colour("ink"), align="center")
        panel = self.menu.rect.inflate(20, 12)
        draw_panel(surface, panel, alpha=255)
        self.menu.draw(surface, tick=self.t, align="left")
        for up, shown in ((True, self.menu.can_scroll_up), (False, self.menu.can_scroll_down)):
            if shown:
                x, y = panel.right - 8, panel.y + 4 if up else panel.bottom - 8
                tip, base = (y, y + 4) if up else (y + 4, y)
                pygame.draw.polygon(surface, colour("cyan"), [(x - 4, base), (x + 4, base), (x, tip)])
        box = pygame.Rect(panel.x, panel.bottom + 6, panel.width, 2 * font.line_height + 10)
        draw_panel(surface, box, accent="teal_dark", alpha=255)
        text = self.refused or DESCRIPTIONS.get(self.menu.selected.key, "")
        for i, line in enumerate(font.wrap(text, box.width - 16)[:2]):
            font.draw(surface, line, (box.x + 8, box.y + 5 + i * (font.line_height + 1)),
                      colour("amber") if self.refused else colour("paper"))
        ok = action_label(self.ctx, "CONFIRM", "return")
        back = action_label(self.ctx, "CANCEL", "escape")
        font.draw(surface, f"\u2191\u2193 choose   \u2190\u2192 change   {ok} toggle   {back} back",
                  (320, 340), colour("mist"), shadow=colour("ink"), align="center")


def _device_of(ctx) -> str:
    from game.ui.prompts import last_device

    return last_device(ctx)
