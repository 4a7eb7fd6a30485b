"""Abstract player actions and the immutable per-tick action frame.

The action frame is the only input the simulation ever sees, and it is exactly what a replay stores:
a bitmask of the buttons held, a bitmask of the buttons pressed this tick, and the pointer position
in integer logical pixels. Devices (keyboard, mouse, gamepad) are mapped to actions by ``game.app.input``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag


class Action(IntFlag):
    """Buttons in the game's own words. The bit values are part of the replay format: append only."""

    NONE = 0
    UP = 1 << 0
    DOWN = 1 << 1
    LEFT = 1 << 2
    RIGHT = 1 << 3
    CONFIRM = 1 << 4  # talk, interact, accept, advance text
    CANCEL = 1 << 5  # back, close
    PAUSE = 1 << 6  # open the pause menu
    FOCUS = 1 << 7  # swarm: tighten; spectra: run the cases
    SPREAD = 1 << 8  # swarm: spread out; spectra: step
    RECALL = 1 << 9  # swarm: recall pulse; spectra: toggle breakpoint
    HINT = 1 << 10  # spectra: buy a hint
    NEXT = 1 << 11  # next tab / page
    PREV = 1 << 12  # previous tab / page
    SKIP = 1 << 13  # dialogue: skip seen lines
    HISTORY = 1 << 14  # dialogue: history screen
    POINTER = 1 << 15  # primary mouse button
    POINTER_ALT = 1 << 16  # secondary mouse button
    WHEEL_UP = 1 << 17  # only ever "pressed"
    WHEEL_DOWN = 1 << 18  # only ever "pressed"
    RUN = 1 << 19  # exploration: walk faster


ALL_ACTIONS: tuple[Action, ...] = tuple(a for a in Action if a is not Action.NONE)
DIRECTIONS = Action.UP | Action.DOWN | Action.LEFT | Action.RIGHT


@dataclass(frozen=True, slots=True)
class ActionFrame:
    """What the player did during one tick.

    ``held`` is every action down during the tick; ``pressed`` the actions that went down since the
    previous tick (a press and release within one tick still counts as pressed and held). ``pointer``
    is in logical pixels (0..639, 0..359), the last known position.
    """

    held: int = 0
    pressed: int = 0
    pointer: tuple[int, int] = (0, 0)

    # Plain int arithmetic below: ``int & IntFlag`` builds an enum member on every call, which made these
    # helpers the slowest part of a headless tick (replay verification runs millions of them).
    def is_held(self, action: Action) -> bool:
        return bool(int(self.held) & int(action))

    def was_pressed(self, action: Action) -> bool:
        return bool(int(self.pressed) & int(action))

    def direction(self) -> tuple[int, int]:
        """The held direction as integers in -1..1 for x and y (y grows downwards)."""
        return _direction(int(self.held))

    def pressed_direction(self) -> tuple[int, int]:
        """Directions pressed this tick, for menus that move one step per press."""
        return _direction(int(self.pressed))

    def with_pointer(self, pointer: tuple[int, int]) -> ActionFrame:
        return ActionFrame(self.held, self.pressed, pointer)


_UP, _DOWN, _LEFT, _RIGHT = int(Action.UP), int(Action.DOWN), int(Action.LEFT), int(Action.RIGHT)


def _direction(mask: int) -> tuple[int, int]:
    dx = (1 if mask & _RIGHT else 0) - (1 if mask & _LEFT else 0)
    dy = (1 if mask & _DOWN else 0) - (1 if mask & _UP else 0)
    return dx, dy


IDLE = ActionFrame()


def idle_at(pointer: tuple[int, int]) -> ActionFrame:
    """A frame with nothing held, keeping the pointer where it was (what covered scenes receive)."""
    return ActionFrame(0, 0, pointer)
