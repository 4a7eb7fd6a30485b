"""Changing the bindings: which actions a device lists, conflicts, swaps, removals and resets.

Pure functions over the bindings table (device -> action -> input names, as ``settings.json`` keeps
it); they never change their argument and return a new full table, so a screen can show the result
before it is saved. Nothing here imports pygame.

A *conflict* is another action on the same device already using the input. Escape is both Back and
Pause on purpose (menus read one, play the other), so pairs in ``SHARED_OK`` never conflict. Some
actions must keep at least one input on keyboard and gamepad (the menus are unusable without them).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass

from game.app.settings import DEFAULT_BINDINGS

Table = dict[str, dict[str, list[str]]]

PLAY_ACTIONS = ("UP", "DOWN", "LEFT", "RIGHT", "RUN", "CONFIRM", "CANCEL", "PAUSE", "FOCUS", "SPREAD", "RECALL",
                "HINT", "NEXT", "PREV", "SKIP", "HISTORY")
POINTER_ACTIONS = ("POINTER", "POINTER_ALT", "WHEEL_UP", "WHEEL_DOWN")
#: the actions each device's Controls page lists, in order
DEVICE_ACTIONS = {"keyboard": PLAY_ACTIONS, "gamepad": PLAY_ACTIONS, "mouse": POINTER_ACTIONS + PLAY_ACTIONS}
#: inputs a device offers when there is a fixed set of them
MOUSE_INPUTS = ("left", "right", "middle", "wheel up", "wheel down")
SHARED_OK = frozenset({frozenset({"CANCEL", "PAUSE"})})
ESSENTIAL = {"keyboard": ("UP", "DOWN", "LEFT", "RIGHT", "CONFIRM", "CANCEL", "PAUSE"),
             "gamepad": ("UP", "DOWN", "LEFT", "RIGHT", "CONFIRM", "CANCEL", "PAUSE"),
             "mouse": ("POINTER",)}


def full_table(stored: Mapping[str, Mapping[str, list[str]]]) -> Table:
    """Every device and action, the defaults filled in where ``stored`` says nothing."""
    out: Table = {}
    for device, defaults in DEFAULT_BINDINGS.items():
        table = {action: list(names) for action, names in defaults.items()}
        for action, names in (stored.get(device) or {}).items():
            table[action] = list(names)
        out[device] = table
    return out


def conflicts(table: Table, device: str, action: str, name: str) -> list[str]:
    """Other actions on ``device`` that ``name`` already triggers (shared-on-purpose pairs excluded)."""
    return [other for other, names in table.get(device, {}).items()
            if other != action and name in names and frozenset({action, other}) not in SHARED_OK]


@dataclass(frozen=True)
class Rebind:
    """Put ``name`` on ``action`` of ``device``: in place of input number ``slot``, or added (slot None)."""

    device: str
    action: str
    name: str
    slot: int | None = None


def _old_name(table: Table, change: Rebind) -> str | None:
    names = table[change.device].get(change.action, [])
    if change.slot is not None and 0 <= change.slot < len(names):
        return names[change.slot]
    return None


def assign(table: Table, change: Rebind, *, swap: bool = True) -> Table:
    """The table after ``change``. With ``swap`` each conflicting action takes the replaced input in
    place of ``name`` (or just loses ``name`` when nothing was replaced); without it they keep ``name``
    too, so one input triggers several actions."""
    out = copy.deepcopy(table)
    device, action, name = change.device, change.action, change.name
    old = _old_name(table, change)
    if swap:
        for other in conflicts(table, device, action, name):
            others = out[device][other]
            i = others.index(name)
            if old is not None and old not in others:
                others[i] = old
            else:
                del others[i]
    names = out[device].setdefault(action, [])
    if old is not None:
        names[change.slot] = name  # type: ignore[index]
    elif name not in names:
        names.append(name)
    # one input listed twice on an action (it was already there in another slot) says nothing more
    out[device][action] = list(dict.fromkeys(names))
    return out


def remove(table: Table, device: str, action: str, slot: int) -> Table:
    out = copy.deepcopy(table)
    names = out[device].get(action, [])
    if 0 <= slot < len(names):
        del names[slot]
    return out


def unbound_essentials(table: Table) -> list[tuple[str, str]]:
    """(device, action) pairs that must have an input and have none."""
    return [(device, action) for device, actions in ESSENTIAL.items() for action in actions
            if not table.get(device, {}).get(action)]


def blocked_reason(before: Table, after: Table) -> str | None:
    """Why ``after`` may not replace ``before`` (it leaves a needed action with no input), else None."""
    from game.ui.prompts import ACTION_NAMES

    lost = [pair for pair in unbound_essentials(after) if pair not in unbound_essentials(before)]
    if not lost:
        return None
    device, action = lost[0]
    return f"{ACTION_NAMES.get(action, action)} needs at least one {device} input."


def reset_device(table: Table, device: str) -> Table:
    out = copy.deepcopy(table)
    out[device] = {action: list(names) for action, names in DEFAULT_BINDINGS[device].items()}
    return out
