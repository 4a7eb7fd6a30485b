"""Replays and speedrun bookkeeping, as plain Python: no pygame, no wall clock in the simulation path.

- ``format``: the ``.nsreplay`` file (header, run-length encoded inputs, state digests, result,
  checksum); reading is defensive and every problem is a ``ReplayError``.
- ``content``: the hash of the content that affects the simulation (levels, dialogue, encounters).
- ``recorder``: collects one run's frames and digests while it is played.
- ``categories``: which run belongs to which speedrun category and which split ends it.
- ``splits``: personal bests, best segments (golds), sum of best, per category.
- ``livesplit``: the ``.lss`` export and the LiveSplit Server client.
- ``pb``: the personal-best replay of a category (ghosts).
"""
