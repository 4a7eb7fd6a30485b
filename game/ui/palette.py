"""The one palette of NeoSmiles.

Every colour the game draws, and every colour the generators in ``tools/`` paint into committed art,
comes from this table, so the clinic, the dialogue box, the swarm and SPECTRA's code read as one
world (see ``shared/ART.md``). Colours are plain RGB tuples; nothing here touches pygame.
"""

from __future__ import annotations

Colour = tuple[int, int, int]

# Names say what a colour is for in the world, grouped by family, darkest first.
PALETTE: dict[str, Colour] = {
    # neutrals: outlines, UI, walls
    "ink": (16, 14, 24),
    "night": (28, 30, 48),
    "navy": (36, 44, 78),
    "slate": (62, 70, 102),
    "steel": (98, 108, 132),
    "fog": (146, 156, 174),
    "mist": (196, 204, 214),
    "paper": (236, 238, 232),
    "white": (252, 252, 248),
    # clinic: teal and cyan light, soft green
    "teal_dark": (18, 92, 104),
    "teal": (32, 150, 156),
    "cyan": (72, 214, 226),
    "cyan_light": (168, 246, 244),
    "leaf_dark": (44, 96, 64),
    "leaf": (82, 150, 88),
    "leaf_light": (146, 196, 110),
    # floors and warm wood (Simon's practice, the street)
    "floor": (214, 210, 196),
    "floor_shade": (182, 176, 160),
    "wood_dark": (84, 52, 36),
    "wood": (132, 86, 54),
    "wood_light": (182, 130, 84),
    "brass": (204, 164, 72),
    "cream": (240, 226, 188),
    # workshop accents
    "orange": (232, 126, 44),
    "amber": (250, 186, 72),
    # server room glow
    "violet_dark": (58, 36, 96),
    "violet": (118, 74, 178),
    "violet_light": (176, 136, 232),
    # inside the tooth
    "enamel": (244, 238, 218),
    "enamel_shade": (214, 204, 178),
    "dentin": (232, 208, 140),
    "dentin_shade": (196, 168, 100),
    "pulp": (226, 120, 130),
    "nerve": (196, 40, 60),
    "gum": (220, 116, 132),
    "gum_dark": (164, 70, 92),
    "decay_light": (150, 104, 56),
    "decay": (98, 64, 38),
    "decay_dark": (46, 30, 22),
    # rogue bots, alarms, glitches
    "magenta": (232, 52, 140),
    "red": (210, 48, 52),
    "rose": (244, 150, 168),
    "yellow": (246, 226, 96),
    "green": (96, 212, 120),
    # skin and hair tones for characters
    "skin_light": (240, 196, 160),
    "skin_mid": (196, 136, 96),
    "skin_dark": (120, 78, 54),
}


def colour(name: str) -> Colour:
    """Return the RGB colour called ``name``; a typo raises KeyError at the call site."""
    return PALETTE[name]
