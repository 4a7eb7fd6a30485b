"""Controls: every action's inputs on one device (keyboard, mouse, gamepad), rebound by pressing them.

A row is an action; its inputs are chips, the last one "+ Add". Choosing a chip (Enter, or a second
click on it) arms the binding capture (``game.app.rebind``), which listens outside the simulation;
conflicts, refusals and the saved result come back as the capture's message. "Reset to defaults"
asks first. The scene itself only keeps which row, chip and device are selected.
"""

from __future__ import annotations

import pygame

from game.app.bindings import DEVICE_ACTIONS, full_table, reset_device
from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.scenes.common import draw_backdrop, play
from game.ui.palette import colour
from game.ui.prompts import ACTION_NAMES, DEVICES, action_label, input_name
from game.ui.widgets import draw_panel

PANEL = pygame.Rect(30, 60, 580, 252)
ROW_H = 14
VISIBLE = 17
CHIP_X = 232
TAB_W = 96
DEVICE_TITLES = {"keyboard": "Keyboard", "mouse": "Mouse", "gamepad": "Gamepad"}
EXTRA_ROWS = ("reset", "back")


class ControlsScene(Scene):
    counts_game_time = False

    def __init__(self, ctx, device: str = "keyboard") -> None:
        self.ctx = ctx
        self.t = 0
        self.device = device if device in DEVICES else "keyboard"
        self.row = 0
        self.slot = 0
        self.scroll = 0

    # what is listed --------------------------------------------------------------------------
    def table(self) -> dict[str, list[str]]:
        return full_table(self.ctx.settings["bindings"])[self.device]

    def keys(self) -> list[str]:
        """Row keys: the device's actions, then the reset and back rows."""
        return [*DEVICE_ACTIONS[self.device], *EXTRA_ROWS]

    def names(self, action: str) -> list[str]:
        return self.table().get(action, []) if action not in EXTRA_ROWS else []

    def _clamp(self) -> None:
        keys = self.keys()
        self.row = max(0, min(self.row, len(keys) - 1))
        self.slot = max(0, min(self.slot, len(self.names(keys[self.row]))))
        if self.row < self.scroll:
            self.scroll = self.row
        elif self.row >= self.scroll + VISIBLE:
            self.scroll = self.row - VISIBLE + 1
        self.scroll = max(0, min(self.scroll, max(0, len(keys) - VISIBLE)))

    # geometry (shared by drawing and clicks) -----------------------------------------------------
    def tab_rect(self, i: int) -> pygame.Rect:
        return pygame.Rect(320 - len(DEVICES) * TAB_W // 2 + i * TAB_W, 38, TAB_W - 4, 18)

    def row_rect(self, index: int) -> pygame.Rect:
        return pygame.Rect(PANEL.x + 6, PANEL.y + 6 + (index - self.scroll) * ROW_H, PANEL.width - 12, ROW_H)

    def chip_rects(self, index: int) -> list[pygame.Rect]:
        """One rect per input of the row's action, then the "+ Add" chip."""
        font = self.ctx.assets.font()
        key = self.keys()[index]
        row = self.row_rect(index)
        rects, x = [], CHIP_X
        for label in [input_name(self.device, n) for n in self.names(key)] + ["+ Add"]:
            w = font.width(label) + 10
            rects.append(pygame.Rect(x, row.y + 1, w, ROW_H - 2))
            x += w + 4
        return rects

    # input -----------------------------------------------------------------------------------
    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        pressed = frame.pressed
        if pressed & Action.CANCEL:
            play(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
            return
        if pressed & (Action.NEXT | Action.PREV):
            self._switch(1 if pressed & Action.NEXT else -1)
            return
        if frame.was_pressed(Action.POINTER):
            self._click(frame.pointer)
            return
        if pressed & (Action.WHEEL_UP | Action.WHEEL_DOWN):
            self.scroll += -3 if pressed & Action.WHEEL_UP else 3
            self.scroll = max(0, min(self.scroll, max(0, len(self.keys()) - VISIBLE)))
            self.row = max(self.scroll, min(self.row, self.scroll + VISIBLE - 1))
            self._clamp()
            return
        dx, dy = frame.pressed_direction()
        if dy:
            self.row = (self.row + dy) % len(self.keys())
            self._clamp()
            play(self.ctx, "ui_move")
        elif dx:
            self.slot += dx
            self._clamp()
            play(self.ctx, "ui_move")
        elif frame.was_pressed(Action.CONFIRM):
            self._choose()

    def _switch(self, step: int) -> None:
        i = DEVICES.index(self.device)
        self.device = DEVICES[(i + step) % len(DEVICES)]
        self.row = self.slot = self.scroll = 0
        play(self.ctx, "ui_move")

    def _click(self, pointer: tuple[int, int]) -> None:
        for i, device in enumerate(DEVICES):
            if self.tab_rect(i).collidepoint(pointer):
                if device != self.device:
                    self._switch(i - DEVICES.index(self.device))
                return
        keys = self.keys()
        for index in range(self.scroll, min(len(keys), self.scroll + VISIBLE)):
            if not self.row_rect(index).collidepoint(pointer):
                continue
            if keys[index] in EXTRA_ROWS:
                self.row, self.slot = index, 0
                self._choose()
                return
            for slot, chip in enumerate(self.chip_rects(index)):
                if chip.collidepoint(pointer):
                    if (index, slot) == (self.row, self.slot):
                        self._choose()  # a second click on the chosen input rebinds it
                    else:
                        self.row, self.slot = index, slot
                        play(self.ctx, "ui_move")
                    return
            self.row, self.slot = index, 0
            play(self.ctx, "ui_move")
            return

    def _choose(self) -> None:
        key = self.keys()[self.row]
        if key == "back":
            play(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
        elif key == "reset":
            from game.scenes.confirm import ConfirmScene

            play(self.ctx, "ui_confirm")
            title = DEVICE_TITLES[self.device].lower()
            self.ctx.scenes.push(ConfirmScene(self.ctx, f"Put every {title} control back to its default?",
                                              self.reset, yes="Reset", no="Keep mine"))
        elif self.ctx.capture is not None:
            play(self.ctx, "ui_confirm")
            names = self.names(key)
            self.ctx.capture.start(self.device, key, self.slot if self.slot < len(names) else None)

    def reset(self) -> None:
        settings = self.ctx.settings
        settings.set("bindings", reset_device(full_table(settings["bindings"]), self.device))
        self.ctx.save_settings()
        if self.ctx.capture is not None:
            self.ctx.capture.message = f"{DEVICE_TITLES[self.device]} controls reset to the defaults. Saved."
        self._clamp()

    def state_bytes(self) -> bytes:
        return f"controls:{self.t}:{self.device}:{self.row}:{self.slot}:{self.scroll}".encode()

    # drawing ---------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        ctx = self.ctx
        font = ctx.assets.font()
        draw_backdrop(surface, self.t, ctx.assets)
        font.draw(surface, "CONTROLS", (320, 12), colour("white"), scale=2, outline=colour("ink"), align="center")
        for i, device in enumerate(DEVICES):
            rect = self.tab_rect(i)
            chosen = device == self.device
            draw_panel(surface, rect, accent="cyan" if chosen else "teal_dark", fill="navy" if chosen else "night",
                       alpha=255)
            font.draw(surface, DEVICE_TITLES[device], (rect.centerx, rect.y + 4),
                      colour("white") if chosen else colour("fog"), align="center")
        draw_panel(surface, PANEL, alpha=255)
        keys = self.keys()
        for index in range(self.scroll, min(len(keys), self.scroll + VISIBLE)):
            self._draw_row(surface, font, index, keys[index])
        if self.scroll > 0:
            _arrow(surface, PANEL.right - 12, PANEL.y + 6, up=True)
        if self.scroll + VISIBLE < len(keys):
            _arrow(surface, PANEL.right - 12, PANEL.bottom - 8, up=False)
        capture = ctx.capture
        status = capture.message if capture is not None and capture.message else _DEVICE_NOTES[self.device]
        font.draw(surface, status, (320, PANEL.bottom + 6), colour("amber") if capture and capture.message
                  else colour("mist"), shadow=colour("ink"), align="center")
        ok = action_label(ctx, "CONFIRM", "return")
        back = action_label(ctx, "CANCEL", "escape")
        tab = action_label(ctx, "NEXT", "tab")
        hint = f"\u2191\u2193 action   \u2190\u2192 input   {ok} rebind   {tab} device   {back} back"
        font.draw(surface, hint, (320, 340), colour("mist"), shadow=colour("ink"), align="center")
        if capture is not None and capture.active:
            self._draw_capture(surface, font, capture)

    def _draw_row(self, surface: pygame.Surface, font, index: int, key: str) -> None:
        row = self.row_rect(index)
        selected = index == self.row
        if selected:
            bar = pygame.Surface(row.size, pygame.SRCALPHA)
            bar.fill((*colour("teal"), 70))
            surface.blit(bar, row.topleft)
        text_y = row.y + (ROW_H - font.line_height) // 2 + 1
        if key in EXTRA_ROWS:
            label = f"Reset {DEVICE_TITLES[self.device].lower()} to defaults" if key == "reset" else "Back"
            font.draw(surface, label, (row.x + 10, text_y), colour("white") if selected else colour("cyan"))
            return
        font.draw(surface, ACTION_NAMES.get(key, key), (row.x + 10, text_y),
                  colour("white") if selected else colour("paper"))
        labels = [input_name(self.device, n) for n in self.names(key)] + ["+ Add"]
        for slot, (chip, label) in enumerate(zip(self.chip_rects(index), labels, strict=True)):
            chosen = selected and slot == self.slot
            adding = slot == len(labels) - 1
            fill = colour("cyan") if chosen else colour("navy")
            if adding and not chosen:
                pygame.draw.rect(surface, colour("teal_dark"), chip, 1)
            else:
                pygame.draw.rect(surface, fill, chip)
            tone = colour("ink") if chosen else colour("steel") if adding else colour("cyan_light")
            font.draw(surface, label, (chip.centerx, chip.y + (chip.height - font.line_height) // 2 + 1), tone,
                      align="center")

    def _draw_capture(self, surface: pygame.Surface, font, capture) -> None:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((*colour("ink"), 190))
        surface.blit(shade, (0, 0))
        box = pygame.Rect(120, 130, 400, 92)
        draw_panel(surface, box, accent="amber", alpha=255)
        if capture.pending is not None:
            change = capture.pending.change
            what = input_name(change.device, change.name)
            others = ", ".join(ACTION_NAMES.get(a, a) for a in capture.pending.others)
            table = full_table(self.ctx.settings["bindings"])[change.device]
            names = table.get(change.action, [])
            old = names[change.slot] if change.slot is not None and change.slot < len(names) else None
            lines = [f"{what} already does: {others}.",
                     f"Swap? {others} then uses {input_name(change.device, old)}." if old else
                     f"Swap? {others} then loses {what}.",
                     "Enter / A / click: swap      Esc / B / right click: cancel"]
        else:
            target = capture.target
            device = DEVICE_TITLES[target.device].lower()
            verb = "Press the new" if target.slot is not None else "Press the extra"
            thing = {"keyboard": "key", "mouse": "mouse button or wheel", "gamepad": "button or stick"}[target.device]
            lines = [f"{verb} {device} {thing} for", ACTION_NAMES.get(target.action, target.action),
                     "Esc: cancel      Delete: remove this input" if target.slot is not None else "Esc: cancel"]
        for i, line in enumerate(lines):
            tone = colour("white") if i < 2 else colour("mist")
            font.draw(surface, line, (box.centerx, box.y + 14 + i * 22), tone, align="center",
                      scale=2 if (i == 1 and capture.pending is None) else 1)


_DEVICE_NOTES = {
    "keyboard": "Several keys may share an action. Esc is both Back and Pause on purpose.",
    "mouse": "The pointer moves the swarm's beacon and points in menus and the SPECTRA code.",
    "gamepad": "Any SDL game controller (Xbox, PlayStation, Switch Pro): names follow the Xbox layout.",
}


def _arrow(surface: pygame.Surface, x: int, y: int, *, up: bool) -> None:
    tip, base = (y, y + 4) if up else (y + 4, y)
    pygame.draw.polygon(surface, colour("cyan"), [(x - 4, base), (x + 4, base), (x, tip)])
