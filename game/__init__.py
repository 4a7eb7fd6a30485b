"""NeoSmiles: a narrative pixel-art game about a dental clinic run with an AI and nano-bot swarms.

The package is laid out by what each part is:

- ``game.core``: pure, deterministic foundations (action frames, fixed-step clock, scene stack, RNG).
  Never imports pygame.
- ``game.app``: the pygame shell: window, input devices, settings, assets, audio, the main loop.
- ``game.scenes``: the screens that are not a minigame or a map (title, settings, pause).
- ``game.ui``: palette, bitmap font and widgets shared by every scene.

Importing the package does no work: nothing is loaded, created or initialised until ``main`` runs.
"""

__version__ = "0.3.0"
