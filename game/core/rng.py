"""The run's seeded randomness.

One ``RunRandom`` belongs to a run and is handed to whoever needs chance. Independent streams are
derived by name (``stream("swarm")``), so adding a random call in one system never shifts another's
sequence. Only integer and uniform draws are offered: they are bit-identical on every machine, unlike
draws that go through transcendental functions (gauss, normal) which may differ in the last bit.
"""

from __future__ import annotations

import hashlib
import random

import numpy as np


def _name_key(name: str) -> int:
    # Python's hash() is salted per process; a cryptographic digest is stable everywhere.
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "little")


class RunRandom:
    """Seeded random source for one run; children streams are derived deterministically by name."""

    def __init__(self, seed: int) -> None:
        self.seed = int(seed) & 0xFFFF_FFFF_FFFF_FFFF
        self._py = random.Random(self.seed)

    # scalar draws ----------------------------------------------------------------------------
    def randint(self, lo: int, hi: int) -> int:
        """An integer in lo..hi inclusive."""
        return self._py.randint(lo, hi)

    def uniform01(self) -> float:
        """A float in [0, 1) built from 53 random bits (identical on every platform)."""
        return self._py.getrandbits(53) / float(1 << 53)

    def choice(self, items):
        if not items:
            raise IndexError("choice from an empty sequence")
        return items[self._py.randrange(len(items))]

    def shuffle(self, items: list) -> None:
        # Fisher-Yates with randrange only, so the sequence is defined by this code, not the stdlib's.
        for i in range(len(items) - 1, 0, -1):
            j = self._py.randrange(i + 1)
            items[i], items[j] = items[j], items[i]

    # derived streams -------------------------------------------------------------------------
    def stream(self, name: str) -> RunRandom:
        """An independent ``RunRandom`` for a named subsystem; the same name gives the same stream."""
        return RunRandom((self.seed * 0x9E3779B97F4A7C15 + _name_key(name)) & 0xFFFF_FFFF_FFFF_FFFF)

    def numpy(self, name: str) -> np.random.Generator:
        """A numpy Generator (PCG64) for a named subsystem. Use its integer and uniform draws only."""
        return np.random.Generator(np.random.PCG64(np.random.SeedSequence([self.seed, _name_key(name)])))

    # state -----------------------------------------------------------------------------------
    def get_state(self) -> list:
        """The generator state as plain JSON-able data (saves): ``[version, [625 integers], gauss]``."""
        version, internal, gauss = self._py.getstate()
        return [version, list(internal), gauss]

    def set_state(self, state) -> None:
        """Put the generator back where ``get_state`` found it; ``ValueError`` if ``state`` is not one."""
        try:
            version, internal, gauss = state
            internal = tuple(internal)
            if not (isinstance(version, int) and len(internal) == 625
                    and all(type(v) is int and 0 <= v < 2**32 for v in internal[:624])
                    and type(internal[624]) is int and 0 <= internal[624] <= 624):
                raise ValueError("not a generator state")
            if gauss is not None and not isinstance(gauss, (int, float)):
                raise ValueError("not a generator state")
            self._py.setstate((version, internal, gauss))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not a generator state ({exc})") from None

    def state_bytes(self) -> bytes:
        """The generator state as bytes, for state digests."""
        version, internal, gauss = self._py.getstate()
        return repr((version, internal, gauss)).encode()
