"""Listening for the key or button a player wants on an action, outside the simulation.

The Controls screen arms the capture (``start``); while it listens, the window loop hands it the raw
device events before the input mapper and does not step the simulation, so the captured press never
becomes an action and nothing a replay records depends on it. Releases pass through to the mapper so
nothing stays held. A captured input that another action already uses asks first (swap or cancel);
one that would leave Confirm, Back or a direction without any input is refused with the reason.
The new table is saved at once; the window loop rebinds the mapper when the settings change.

Keyboard Esc cancels (unless Back or Pause itself is being bound), Delete removes the chosen input,
and the capture gives up after ``TIMEOUT`` seconds of silence.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pygame

from game.app.bindings import Rebind, assign, blocked_reason, conflicts, full_table, remove
from game.app.input import AXIS_PRESS, MOUSE_BUTTON_NAMES, PAD_AXIS_NAMES, PAD_BUTTON_NAMES

TIMEOUT = 8.0

_DOWNS = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.CONTROLLERBUTTONDOWN)
_YES_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
_NO_KEYS = (pygame.K_ESCAPE, pygame.K_BACKSPACE)


def key_binding_name(key: int) -> str | None:
    """The name ``settings.json`` stores for a key: one ``pygame.key.key_code`` reads back to ``key``."""
    candidates = []
    for compat in (False, True):
        try:
            candidates.append(pygame.key.name(key, use_compat=compat).lower())
        except (TypeError, pygame.error):
            continue
    for name in candidates:
        if not name:
            continue
        try:
            if pygame.key.key_code(name) == key:
                return name
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Pending:
    """A captured input waiting for the player's answer to "swap?"."""

    change: Rebind
    others: tuple[str, ...]


class BindingCapture:
    def __init__(self, settings, save) -> None:
        self.settings = settings
        self.save = save  # called after every change (the context's atomic settings save)
        self.target: Rebind | None = None  # device, action and slot being listened for (name unused)
        self.pending: Pending | None = None
        self.message = ""  # the last outcome, for the Controls screen's status line
        self._since = 0.0

    @property
    def active(self) -> bool:
        return self.target is not None or self.pending is not None

    def start(self, device: str, action: str, slot: int | None, now: float | None = None) -> None:
        self.target = Rebind(device, action, "", slot)
        self.pending = None
        self.message = ""
        self._since = time.monotonic() if now is None else now

    def cancel(self, message: str = "Cancelled: nothing changed.") -> None:
        self.target = None
        self.pending = None
        self.message = message

    def poll(self, now: float | None = None) -> None:
        """Give up when nothing came for ``TIMEOUT`` seconds (wall time: this is outside the simulation)."""
        now = time.monotonic() if now is None else now
        if self.target is not None and self.pending is None and now - self._since > TIMEOUT:
            self.cancel("Nothing pressed: nothing changed.")

    # events ----------------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        """Take the event if it belongs to the capture; False lets it reach the input mapper."""
        if not self.active:
            return False
        if self.pending is not None:
            return self._answer(event)
        target = self.target
        assert target is not None
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_DELETE:
                self._remove(target)
                return True
            if target.device != "keyboard" or (event.key == pygame.K_ESCAPE and target.action not in
                                                ("CANCEL", "PAUSE")):
                if event.key == pygame.K_ESCAPE:
                    self.cancel()
                return True
            name = key_binding_name(event.key)
            if name is None:
                self.cancel("That key cannot be bound.")
            else:
                self._captured(name)
            return True
        if event.type == pygame.CONTROLLERAXISMOTION:
            names = PAD_AXIS_NAMES.get(event.axis)
            if names is None or abs(event.value) < AXIS_PRESS:
                return False  # small motions (and releases) still reach the mapper
            if target.device == "gamepad":
                name = names[1] if event.value > 0 else names[0]
                if name:
                    self._captured(name)
            return True
        if event.type not in _DOWNS:
            return False  # releases, motion, focus: the mapper must see them
        name = None
        if event.type == pygame.CONTROLLERBUTTONDOWN:
            name = PAD_BUTTON_NAMES.get(event.button) if target.device == "gamepad" else None
        elif event.type == pygame.MOUSEBUTTONDOWN:
            name = MOUSE_BUTTON_NAMES.get(event.button) if target.device == "mouse" else None
        elif event.type == pygame.MOUSEWHEEL and target.device == "mouse" and event.y:
            name = "wheel up" if event.y > 0 else "wheel down"
        if name:
            self._captured(name)
        return True

    def _answer(self, event: pygame.event.Event) -> bool:
        yes = no = False
        if event.type == pygame.KEYDOWN:
            yes, no = event.key in _YES_KEYS, event.key in _NO_KEYS
        elif event.type == pygame.CONTROLLERBUTTONDOWN:
            yes, no = event.button == pygame.CONTROLLER_BUTTON_A, event.button == pygame.CONTROLLER_BUTTON_B
        elif event.type == pygame.MOUSEBUTTONDOWN:
            yes, no = event.button == 1, event.button == 3
        elif event.type not in _DOWNS:
            return False  # releases and stick motion reach the mapper
        if yes:
            assert self.pending is not None
            self._commit(self.pending.change, swap=True)
        elif no:
            self.cancel()
        return True

    # changes ---------------------------------------------------------------------------------
    def table(self):
        return full_table(self.settings["bindings"])

    def _captured(self, name: str) -> None:
        assert self.target is not None
        change = Rebind(self.target.device, self.target.action, name, self.target.slot)
        others = conflicts(self.table(), change.device, change.action, name)
        self.target = None
        if others:
            self.pending = Pending(change, tuple(others))
            return
        self._commit(change, swap=False)

    def _commit(self, change: Rebind, *, swap: bool) -> None:
        from game.ui.prompts import ACTION_NAMES, input_name

        before = self.table()
        after = assign(before, change, swap=swap)
        self.pending = None
        self.target = None
        if self._store(before, after):
            what = input_name(change.device, change.name)
            self.message = f"{ACTION_NAMES.get(change.action, change.action)}: {what}. Saved."
            if swap:
                self.message = f"Swapped: {ACTION_NAMES.get(change.action, change.action)} is now {what}. Saved."

    def _remove(self, target: Rebind) -> None:
        from game.ui.prompts import ACTION_NAMES

        self.target = None
        before = self.table()
        if target.slot is None:
            self.message = "Choose an input to remove it."
            return
        if self._store(before, remove(before, target.device, target.action, target.slot)):
            self.message = f"Removed from {ACTION_NAMES.get(target.action, target.action)}. Saved."

    def _store(self, before, after) -> bool:
        reason = blocked_reason(before, after)
        if reason is not None:
            self.message = f"Not changed: {reason}"
            return False
        self.settings.set("bindings", after)
        self.save()
        return True
