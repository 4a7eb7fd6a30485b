"""The speedrunner's tools in the game shell: the recording session, the on-screen timer and split
deltas, and the ``verify``, ``replay`` and ``splits`` commands. The pure parts live in ``game.replay``.
"""
