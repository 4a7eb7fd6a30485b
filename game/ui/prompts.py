"""What a button is called on screen: the first key bound to an action, so prompts follow rebinding."""

from __future__ import annotations


def action_label(ctx, action: str, fallback: str = "") -> str:
    """The first keyboard key bound to ``action`` as a prompt prints it ("Q", "Tab", "Enter")."""
    try:
        keys = ctx.settings.bindings("keyboard").get(action) or [fallback or action]
    except Exception:  # noqa: BLE001 - a label must never stop the game; the default key is a fine answer
        keys = [fallback or action]
    key = str(keys[0])
    return key.upper() if len(key) == 1 else key.title()
