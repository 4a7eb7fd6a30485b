"""The player's settings, kept as JSON in the user config folder.

Loading never fails: a missing file gives the defaults; a corrupt, undecodable, oversized, too deeply
nested or unreadable file gives a warning and the defaults, and the bad file is renamed aside (never
overwritten); a settings path that is not a regular file (a FIFO, a device) is left alone and ignored.
Values of the wrong type or out of range fall back to their default one by one, with a warning each.
Saving is atomic.

``SIMULATION_KEYS`` are the settings that change what the simulation does; replays record them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.actions import Action
from game.core.files import USER_LIMIT, ReadError, keep_aside, read_json, write_atomic

SETTINGS_VERSION = 1
MAX_DEPTH = 8  # settings.json nests three levels (bindings -> device -> action -> keys)

# Key names are pygame's (``pygame.key.key_code`` reads them); gamepad names are SDL's.
DEFAULT_BINDINGS: dict[str, dict[str, list[str]]] = {
    "keyboard": {
        "UP": ["up", "w"],
        "DOWN": ["down", "s"],
        "LEFT": ["left", "a"],
        "RIGHT": ["right", "d"],
        "CONFIRM": ["return", "space", "z", "keypad enter"],
        "CANCEL": ["escape", "backspace", "x"],
        "PAUSE": ["escape", "p"],
        "FOCUS": ["q"],
        "SPREAD": ["e"],
        "RECALL": ["r"],
        "HINT": ["h"],
        "NEXT": ["tab", "page down"],
        "PREV": ["page up"],
        "SKIP": ["left ctrl", "right ctrl"],
        "HISTORY": ["l"],
        "RUN": ["left shift", "right shift"],
    },
    "mouse": {
        "POINTER": ["left"],
        "POINTER_ALT": ["right"],
        "WHEEL_UP": ["wheel up"],
        "WHEEL_DOWN": ["wheel down"],
    },
    "gamepad": {
        "UP": ["dpup", "leftstick up"],
        "DOWN": ["dpdown", "leftstick down"],
        "LEFT": ["dpleft", "leftstick left"],
        "RIGHT": ["dpright", "leftstick right"],
        "CONFIRM": ["a"],
        "CANCEL": ["b"],
        "PAUSE": ["start"],
        "FOCUS": ["lefttrigger"],
        "SPREAD": ["righttrigger"],
        "RECALL": ["y"],
        "HINT": ["back"],
        "NEXT": ["rightshoulder"],
        "PREV": ["leftshoulder"],
        "SKIP": ["rightstick"],
        "HISTORY": ["leftstick"],
        "RUN": ["x"],
    },
}

TIMER_MODES = ("off", "chapter", "game")


@dataclass(frozen=True)
class _Spec:
    default: Any
    check: Callable[[Any], bool]
    describe: str


def _number(lo: float, hi: float) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and lo <= v <= hi


def _integer(lo: int, hi: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _boolean(v: Any) -> bool:
    return isinstance(v, bool)


def _bindings_ok(v: Any) -> bool:
    if not isinstance(v, dict):
        return False
    names = {a.name for a in Action if a.name and a is not Action.NONE}
    for device, table in v.items():
        if device not in DEFAULT_BINDINGS or not isinstance(table, dict):
            return False
        for action, keys in table.items():
            if action not in names or not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
                return False
    return True


SPECS: dict[str, _Spec] = {
    "window_scale": _Spec(2, _integer(1, 8), "a whole number from 1 to 8"),
    "fullscreen": _Spec(False, _boolean, "true or false"),
    "vsync": _Spec(True, _boolean, "true or false"),
    "master_volume": _Spec(0.8, _number(0.0, 1.0), "a number from 0 to 1"),
    "music_volume": _Spec(0.6, _number(0.0, 1.0), "a number from 0 to 1"),
    "sfx_volume": _Spec(0.8, _number(0.0, 1.0), "a number from 0 to 1"),
    "text_speed": _Spec(45, _integer(0, 1000), "characters per second, 0 for instant"),
    "auto_advance": _Spec(False, _boolean, "true or false"),
    "speedrun_mode": _Spec(False, _boolean, "true or false"),
    "timer": _Spec("off", lambda v: v in TIMER_MODES, "one of " + ", ".join(TIMER_MODES)),
    "livesplit_server": _Spec(False, _boolean, "true or false"),
    # swarm practice draws the personal best's beacon as a ghost (drawing only: not a simulation key)
    "ghost": _Spec(True, _boolean, "true or false"),
    "show_fps": _Spec(False, _boolean, "true or false"),
    # comfort and accessibility (drawing only, except text_size and swarm_speed)
    "screen_shake": _Spec(True, _boolean, "true or false"),
    "flashes": _Spec(True, _boolean, "true or false"),
    # large dialogue text: the choice menu's layout decides what a pointer picks, so it is recorded in replays
    "text_size": _Spec(1, _integer(1, 2), "1 (normal) or 2 (large)"),
    "show_objective": _Spec(True, _boolean, "true or false"),
    # the swarm runs at this percentage of full speed (an assist: recorded in replays, its own category)
    "swarm_speed": _Spec(100, _integer(50, 100), "a whole number from 50 to 100"),
    "bindings": _Spec(DEFAULT_BINDINGS, _bindings_ok, "a table of device -> action -> key names"),
}

#: settings that change the simulation's behaviour (recorded in replays)
SIMULATION_KEYS: tuple[str, ...] = ("text_speed", "auto_advance", "speedrun_mode", "swarm_speed", "text_size")


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=lambda: {k: copy.deepcopy(s.default) for k, s in SPECS.items()})

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any) -> None:
        spec = SPECS.get(key)
        if spec is None:
            raise KeyError(f"unknown setting {key!r}")
        if not spec.check(value):
            raise ValueError(f"setting {key!r} must be {spec.describe}, not {value!r}")
        self.values[key] = value

    def bindings(self, device: str) -> dict[str, list[str]]:
        """The bindings of one device, defaults filled in for actions the file does not mention."""
        table = dict(DEFAULT_BINDINGS[device])
        table.update(self.values["bindings"].get(device, {}))
        return table

    def simulation_values(self) -> dict[str, Any]:
        return {k: self.values[k] for k in SIMULATION_KEYS}

    def to_json(self) -> str:
        return json.dumps({"version": SETTINGS_VERSION, **self.values}, indent=2, sort_keys=True) + "\n"


@dataclass
class LoadResult:
    settings: Settings
    warnings: list[str]
    #: False when saving would overwrite something that must be kept: a bad file that could not be set
    #: aside, or a settings path that is not a regular file (a FIFO, a device, a folder)
    writable: bool = True


def load_settings(path: Path) -> LoadResult:
    """Read settings from ``path``; never raises for a bad file (see module docstring)."""
    settings = Settings()
    warnings: list[str] = []
    path = Path(path)
    try:
        data = read_json(path, USER_LIMIT, MAX_DEPTH)
    except ReadError as exc:
        if exc.kind == "missing":
            return LoadResult(settings, warnings)
        warnings.append(f"{path}: could not read the settings ({exc.message}); using the defaults")
        if exc.kind == "special":  # a FIFO or device is not ours to move, nor to replace
            return LoadResult(settings, warnings, writable=False)
        return LoadResult(settings, warnings, writable=_set_aside(path, warnings))
    if not isinstance(data, dict):
        warnings.append(f"{path}: the settings file is damaged (it does not hold a JSON object); using the defaults")
        return LoadResult(settings, warnings, writable=_set_aside(path, warnings))
    unknown = 0
    for key, value in data.items():
        if key == "version":
            continue
        spec = SPECS.get(key)
        if spec is None:
            unknown += 1
            if unknown <= 10:
                warnings.append(f"{path}: unknown setting {key[:40]!r} ignored")
        elif not spec.check(value):
            warnings.append(f"{path}: setting {key!r} must be {spec.describe}; using the default")
        else:
            settings.values[key] = value
    return LoadResult(settings, warnings)


def _set_aside(path: Path, warnings: list[str]) -> bool:
    """Move a bad settings file aside; False (the settings must then not be saved over it) if it cannot be."""
    try:
        moved = keep_aside(path, "corrupt")
    except OSError as exc:
        warnings.append(f"{path}: could not move the bad file aside ({exc}); it will not be overwritten")
        return False
    warnings.append(f"the bad settings file was kept as {moved}")
    return True


def save_settings(settings: Settings, path: Path) -> None:
    write_atomic(Path(path), settings.to_json().encode("utf-8"))
