"""The game's content as installed: ``assets/``, ``levels/`` and ``dialogue/`` live here in a wheel.

In the repository this package is empty: the content folders stay at the top of the checkout, where
map editors and writers open them, and ``setup.py`` maps them into this package when a wheel is
built. The desktop build puts them here too. Code never looks here itself: ``game.paths`` decides
which content root is in use (the checkout when running from one, else this package).
"""
