"""The one error of the saves package, apart so the format and its migrations both raise it. Pure Python."""

from __future__ import annotations


class SaveError(Exception):
    """A save that cannot be used; ``reason`` says why in words for the player, ``kind`` in one word."""

    def __init__(self, reason: str, kind: str = "damaged") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # empty | oversized | truncated | corrupt | edited | future | invalid | missing
