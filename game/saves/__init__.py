"""Saves: the file format and its migrations, the slots on disk, capturing and restoring a run, the save
and load screens, and ``neosmiles saves``.

``format``, ``migrations`` and ``slots`` are pure Python (no pygame): they turn a run's state into versioned
JSON and back and never trust a file. ``snapshot`` wires that to the scenes (the map, the conversation);
``service`` decides when to save (chapter starts, map changes, a minigame's start, closing the game);
``screens`` and ``thumbnail`` draw.
"""
