"""Screens that are not a map or a minigame: title, practice menu, settings, pause."""
