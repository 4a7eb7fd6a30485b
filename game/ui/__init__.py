"""Palette, bitmap font and widgets shared by every scene (drawing helpers; no game state)."""
