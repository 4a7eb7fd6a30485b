"""Pure, deterministic foundations shared by every scene and minigame.

Nothing in this package imports pygame or reads the wall clock.
"""
