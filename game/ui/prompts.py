"""What a button is called on screen, so every prompt follows the bindings and the last device used.

Bindings are stored in pygame's and SDL's own names ("return", "left shift", "lefttrigger", "wheel up");
players read "Enter", "Left Shift", "Left trigger", "Wheel up". ``input_name`` gives the long form the
Controls screen lists, ``short=True`` the compact form a prompt prints ("LT", "Enter"). ``action_label``
names the first input bound to an action on the device the player touched last (``ctx.last_device``,
kept by the window loop: it is drawing state, never simulation state). This module never imports pygame.
"""

from __future__ import annotations

DEVICES = ("keyboard", "mouse", "gamepad")

KEY_NAMES = {
    "return": "Enter", "keypad enter": "Keypad Enter", "escape": "Esc", "space": "Space", "tab": "Tab",
    "backspace": "Backspace", "delete": "Delete", "insert": "Insert", "home": "Home", "end": "End",
    "page up": "Page Up", "page down": "Page Down", "up": "\u2191", "down": "\u2193", "left": "\u2190",
    "right": "\u2192", "left shift": "Left Shift", "right shift": "Right Shift", "left ctrl": "Left Ctrl",
    "right ctrl": "Right Ctrl", "left alt": "Left Alt", "right alt": "Right Alt", "caps lock": "Caps Lock",
    "left meta": "Left Meta", "right meta": "Right Meta", "left gui": "Left Super", "right gui": "Right Super",
}
#: long names in the Controls list where an arrow glyph alone would be too terse
KEY_LONG = {"up": "\u2191 Up", "down": "\u2193 Down", "left": "\u2190 Left", "right": "\u2192 Right"}

PAD_NAMES = {
    "a": ("A", "A"), "b": ("B", "B"), "x": ("X", "X"), "y": ("Y", "Y"),
    "back": ("Back / View", "Back"), "start": ("Start / Menu", "Start"), "guide": ("Guide", "Guide"),
    "leftstick": ("Left stick click", "L3"), "rightstick": ("Right stick click", "R3"),
    "leftshoulder": ("Left bumper", "LB"), "rightshoulder": ("Right bumper", "RB"),
    "lefttrigger": ("Left trigger", "LT"), "righttrigger": ("Right trigger", "RT"),
    "dpup": ("D-pad up", "D-pad \u2191"), "dpdown": ("D-pad down", "D-pad \u2193"),
    "dpleft": ("D-pad left", "D-pad \u2190"), "dpright": ("D-pad right", "D-pad \u2192"),
    "leftstick up": ("Left stick up", "LS \u2191"), "leftstick down": ("Left stick down", "LS \u2193"),
    "leftstick left": ("Left stick left", "LS \u2190"), "leftstick right": ("Left stick right", "LS \u2192"),
    "rightstick up": ("Right stick up", "RS \u2191"), "rightstick down": ("Right stick down", "RS \u2193"),
    "rightstick left": ("Right stick left", "RS \u2190"), "rightstick right": ("Right stick right", "RS \u2192"),
}

MOUSE_NAMES = {
    "left": ("Left click", "Click"), "right": ("Right click", "Right click"),
    "middle": ("Middle click", "Middle click"), "wheel up": ("Wheel up", "Wheel \u2191"),
    "wheel down": ("Wheel down", "Wheel \u2193"),
}

#: what each action is called on the Controls screen, in the order it lists them
ACTION_NAMES = {
    "UP": "Up", "DOWN": "Down", "LEFT": "Left", "RIGHT": "Right", "RUN": "Run",
    "CONFIRM": "Talk / confirm / next line", "CANCEL": "Back", "PAUSE": "Pause",
    "FOCUS": "Swarm focus / SPECTRA run cases", "SPREAD": "Swarm spread / SPECTRA step",
    "RECALL": "Swarm recall / SPECTRA breakpoint", "HINT": "Hint", "NEXT": "Next tab / panel",
    "PREV": "Previous tab / panel", "SKIP": "Skip seen lines", "HISTORY": "Dialogue history",
    "POINTER": "Point and click", "POINTER_ALT": "Alternate click", "WHEEL_UP": "Scroll up",
    "WHEEL_DOWN": "Scroll down",
}


def input_name(device: str, name: str, *, short: bool = False) -> str:
    """A binding as a player reads it: ``("keyboard", "left shift")`` -> "Left Shift"."""
    name = str(name)
    if device == "gamepad":
        pair = PAD_NAMES.get(name)
        return pair[1 if short else 0] if pair else name.title()
    if device == "mouse":
        pair = MOUSE_NAMES.get(name)
        return pair[1 if short else 0] if pair else name.capitalize()
    if not short and name in KEY_LONG:
        return KEY_LONG[name]
    if name in KEY_NAMES:
        return KEY_NAMES[name]
    if len(name) == 1:
        return name.upper()
    if name.startswith("keypad "):
        return "Keypad " + name[7:].upper()
    return " ".join(part.upper() if len(part) <= 2 and part[:1] == "f" else part.capitalize()
                    for part in name.split())


def last_device(ctx) -> str:
    device = getattr(ctx, "last_device", "keyboard")
    return device if device in DEVICES else "keyboard"


def action_label(ctx, action: str, fallback: str = "") -> str:
    """What to press for ``action`` on the device used last ("Q", "Enter", "LT", "Click").

    The mouse names only the actions a mouse button is bound to and otherwise answers with the
    keyboard; ``fallback`` is a keyboard key name used when nothing is bound (a label never fails).
    """
    device = last_device(ctx)
    for dev in (device, "keyboard") if device != "keyboard" else ("keyboard",):
        try:
            names = ctx.settings.bindings(dev).get(action) or []
        except Exception:  # noqa: BLE001 - a label must never stop the game; the default key is a fine answer
            names = []
        if names:
            return input_name(dev, names[0], short=True)
    return input_name("keyboard", fallback or action.lower(), short=True)
