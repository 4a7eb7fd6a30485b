"""Where a run's action frames come from: the player's devices, a script, or nothing.

Every source hands out one frame per tick through ``next_frame``; the loop never asks devices
directly, so a live run, a headless run and a replay are driven the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from game.core.actions import IDLE, ActionFrame


class IdleInput:
    """No player: every tick is an idle frame."""

    def next_frame(self) -> ActionFrame:
        return IDLE


class ScriptedInput:
    """Frames from a list or iterator; idle once it runs out."""

    def __init__(self, frames: Iterable[ActionFrame]) -> None:
        self._frames: Iterator[ActionFrame] = iter(frames)
        self._last_pointer = (0, 0)
        self.exhausted = False

    def next_frame(self) -> ActionFrame:
        frame = next(self._frames, None)
        if frame is None:
            self.exhausted = True
            return ActionFrame(0, 0, self._last_pointer)
        self._last_pointer = frame.pointer
        return frame


class LiveInput:
    """The player's keyboard, mouse and gamepads, through an ``InputMapper``."""

    def __init__(self, mapper) -> None:
        self.mapper = mapper

    def next_frame(self) -> ActionFrame:
        return self.mapper.next_frame()
