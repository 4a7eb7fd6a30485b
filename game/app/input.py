"""Devices to actions: keyboard, mouse and gamepads become one ``ActionFrame`` per tick.

The mapper is fed pygame events as they arrive and hands out exactly one frame per simulation tick.
An action is *pressed* on the tick it goes from not held to held by any of its bound inputs; a tap that
starts and ends between two ticks still shows as pressed and held on the next tick, so no press is
ever lost. Gamepads use SDL's game-controller API and can be plugged in and out at any time.
Bindings come from the settings (pygame key names, mouse button names, SDL controller names).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import pygame

from game.core.actions import Action, ActionFrame

log = logging.getLogger(__name__)

PAD_BUTTON_NAMES = {
    pygame.CONTROLLER_BUTTON_A: "a",
    pygame.CONTROLLER_BUTTON_B: "b",
    pygame.CONTROLLER_BUTTON_X: "x",
    pygame.CONTROLLER_BUTTON_Y: "y",
    pygame.CONTROLLER_BUTTON_BACK: "back",
    pygame.CONTROLLER_BUTTON_GUIDE: "guide",
    pygame.CONTROLLER_BUTTON_START: "start",
    pygame.CONTROLLER_BUTTON_LEFTSTICK: "leftstick",
    pygame.CONTROLLER_BUTTON_RIGHTSTICK: "rightstick",
    pygame.CONTROLLER_BUTTON_LEFTSHOULDER: "leftshoulder",
    pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: "rightshoulder",
    pygame.CONTROLLER_BUTTON_DPAD_UP: "dpup",
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: "dpdown",
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: "dpleft",
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "dpright",
}
# axis -> (name when negative, name when positive); triggers only go positive
PAD_AXIS_NAMES = {
    pygame.CONTROLLER_AXIS_LEFTX: ("leftstick left", "leftstick right"),
    pygame.CONTROLLER_AXIS_LEFTY: ("leftstick up", "leftstick down"),
    pygame.CONTROLLER_AXIS_RIGHTX: ("rightstick left", "rightstick right"),
    pygame.CONTROLLER_AXIS_RIGHTY: ("rightstick up", "rightstick down"),
    pygame.CONTROLLER_AXIS_TRIGGERLEFT: (None, "lefttrigger"),
    pygame.CONTROLLER_AXIS_TRIGGERRIGHT: (None, "righttrigger"),
}
MOUSE_BUTTON_NAMES = {1: "left", 2: "middle", 3: "right"}
AXIS_PRESS = 16000  # an axis past this is "down" (about half way)
AXIS_RELEASE = 11000  # and "up" again below this (hysteresis so a stick near the edge does not flicker)


def _table(bindings: Mapping[str, list[str]], normalise: Callable[[str], object]) -> dict[object, int]:
    """Invert action -> [input names] into input -> action bits, skipping names that mean nothing."""
    out: dict[object, int] = {}
    for action_name, names in bindings.items():
        try:
            bit = int(Action[action_name])
        except KeyError:
            log.warning("unknown action %r in the bindings; ignored", action_name)
            continue
        for name in names:
            key = normalise(name)
            if key is None:
                log.warning("unknown input %r bound to %s; ignored", name, action_name)
                continue
            out[key] = out.get(key, 0) | bit
    return out


def _key_code(name: str) -> int | None:
    try:
        return pygame.key.key_code(name)
    except ValueError:
        return None


class InputMapper:
    """Turns pygame events into action frames."""

    def __init__(
        self,
        bindings: Mapping[str, Mapping[str, list[str]]],
        to_logical: Callable[[tuple[int, int]], tuple[int, int]] = lambda p: p,
    ) -> None:
        self.to_logical = to_logical
        self.rebind(bindings)
        self._down: dict[object, int] = {}  # source -> bits it holds
        self._count: dict[int, int] = {}  # action bit -> how many sources hold it
        self._pressed = 0
        self._pointer = (0, 0)
        self._controllers: dict[int, object] = {}  # instance id -> Controller
        #: "keyboard", "mouse" or "gamepad": what the player touched last (prompts name its buttons)
        self.last_device = "keyboard"

    def rebind(self, bindings: Mapping[str, Mapping[str, list[str]]]) -> None:
        self._keys = _table(bindings.get("keyboard", {}), _key_code)
        self._mouse = _table(bindings.get("mouse", {}), lambda n: n if n in (*MOUSE_BUTTON_NAMES.values(),
                                                                              "wheel up", "wheel down") else None)
        pad_names = set(PAD_BUTTON_NAMES.values()) | {n for pair in PAD_AXIS_NAMES.values() for n in pair if n}
        self._pad = _table(bindings.get("gamepad", {}), lambda n: n if n in pad_names else None)

    # sources going down and up -----------------------------------------------------------------
    def _source_down(self, source: object, bits: int) -> None:
        if not bits or source in self._down:
            return
        self._down[source] = bits
        for bit in _bits(bits):
            if self._count.get(bit, 0) == 0:
                self._pressed |= bit
            self._count[bit] = self._count.get(bit, 0) + 1

    def _source_up(self, source: object) -> None:
        bits = self._down.pop(source, 0)
        for bit in _bits(bits):
            self._count[bit] -= 1
            if self._count[bit] == 0:
                del self._count[bit]

    def release_all(self) -> None:
        """Forget every held input (the window lost focus, so releases would never arrive)."""
        for source in list(self._down):
            self._source_up(source)

    @property
    def held(self) -> int:
        return sum(self._count)

    # events --------------------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> None:
        kind = event.type
        device = _DEVICE_OF.get(kind)
        if device is not None and (kind != pygame.CONTROLLERAXISMOTION or abs(event.value) > AXIS_PRESS):
            self.last_device = device
        if kind == pygame.KEYDOWN:
            self._source_down(("key", event.key), self._keys.get(event.key, 0))
        elif kind == pygame.KEYUP:
            self._source_up(("key", event.key))
        elif kind == pygame.MOUSEMOTION:
            self._set_pointer(event.pos)
        elif kind == pygame.MOUSEBUTTONDOWN:
            self._set_pointer(event.pos)
            name = MOUSE_BUTTON_NAMES.get(event.button)
            if name:
                self._source_down(("mouse", name), self._mouse.get(name, 0))
        elif kind == pygame.MOUSEBUTTONUP:
            self._set_pointer(event.pos)
            name = MOUSE_BUTTON_NAMES.get(event.button)
            if name:
                self._source_up(("mouse", name))
        elif kind == pygame.MOUSEWHEEL:
            name = "wheel up" if event.y > 0 else "wheel down" if event.y < 0 else None
            if name:  # a wheel notch is a press and release at once
                self._source_down(("wheel", name), self._mouse.get(name, 0))
                self._source_up(("wheel", name))
        elif kind == pygame.CONTROLLERBUTTONDOWN:
            name = PAD_BUTTON_NAMES.get(event.button)
            if name:
                self._source_down(("pad", event.instance_id, name), self._pad.get(name, 0))
        elif kind == pygame.CONTROLLERBUTTONUP:
            name = PAD_BUTTON_NAMES.get(event.button)
            if name:
                self._source_up(("pad", event.instance_id, name))
        elif kind == pygame.CONTROLLERAXISMOTION:
            self._axis(event.instance_id, event.axis, event.value)
        elif kind == pygame.CONTROLLERDEVICEADDED:
            self._add_controller(event.device_index)
        elif kind == pygame.CONTROLLERDEVICEREMOVED:
            self._remove_controller(event.instance_id)
        elif kind == pygame.WINDOWFOCUSLOST:
            self.release_all()

    def _set_pointer(self, window_pos: tuple[int, int]) -> None:
        self._pointer = self.to_logical((int(window_pos[0]), int(window_pos[1])))

    def _axis(self, instance: int, axis: int, value: int) -> None:
        names = PAD_AXIS_NAMES.get(axis)
        if names is None:
            return
        negative, positive = names
        for name, magnitude in ((negative, -value), (positive, value)):
            if name is None:
                continue
            source = ("pad", instance, name)
            if source in self._down:
                if magnitude < AXIS_RELEASE:
                    self._source_up(source)
            elif magnitude > AXIS_PRESS:
                self._source_down(source, self._pad.get(name, 0))

    def _add_controller(self, device_index: int) -> None:
        try:
            from pygame._sdl2 import controller

            if not controller.get_init():
                controller.init()
            pad = controller.Controller(device_index)
        except (pygame.error, ImportError) as exc:
            log.warning("could not open game controller %s: %s", device_index, exc)
            return
        instance = pad.as_joystick().get_instance_id()
        self._controllers[instance] = pad
        log.info("game controller connected: %s", pad.name)

    def _remove_controller(self, instance: int) -> None:
        self._controllers.pop(instance, None)
        for source in [s for s in self._down if isinstance(s, tuple) and s[:2] == ("pad", instance)]:
            self._source_up(source)

    # one frame per tick ------------------------------------------------------------------------
    def next_frame(self) -> ActionFrame:
        """The frame for the next tick; presses are reported once, on the first tick after them."""
        pressed = self._pressed
        self._pressed = 0
        return ActionFrame(held=self.held | pressed, pressed=pressed, pointer=self._pointer)


_DEVICE_OF = {
    pygame.KEYDOWN: "keyboard", pygame.MOUSEBUTTONDOWN: "mouse", pygame.MOUSEWHEEL: "mouse",
    pygame.CONTROLLERBUTTONDOWN: "gamepad", pygame.CONTROLLERAXISMOTION: "gamepad",
}


def _bits(mask: int):
    while mask:
        low = mask & -mask
        yield low
        mask ^= low
