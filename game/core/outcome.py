"""What a minigame encounter hands back to whoever started it (the story, or the practice menu)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    minigame: str  # "swarm" | "spectra"
    encounter: str  # the encounter's name, e.g. "tutorial"
    won: bool
    score: int
    ticks: int  # how long the encounter took, in ticks
    grade: str = ""  # "S", "A", "B" or "C" where the minigame grades its encounters, else ""

    @property
    def result(self) -> str:
        return "win" if self.won else "lose"
