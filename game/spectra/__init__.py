"""SPECTRA's code: a tiny assembly language, its interpreter, puzzle generation and the debugging dive.

Everything here except ``scene.py`` and ``render.py`` is pure Python and never imports pygame.
"""
