"""An encounter's grade (S, A, B or C) from the time left, the healthy tissue spared and the pain.

Three parts, each a whole number of points, add up to at most 100:

- **time**: up to 40 points, in proportion to the clock left (half the clock left or more: all 40);
- **tissue spared**: 30 points, less 3 for every 5% of the starting decay's size in healthy tissue lost
  (to spreading decay or rogue bots);
- **comfort**: 30 points, less 3 for every 10% of the pain meter's peak.

S from 85 points, A from 70, B from 50, C below; a lost encounter is always C. Integer-only and pure:
the results screen shows the parts, the story receives the letter (``Outcome.grade``).
"""

from __future__ import annotations

from dataclasses import dataclass

TIME_POINTS, TISSUE_POINTS, COMFORT_POINTS = 40, 30, 30
GRADES = (("S", 85), ("A", 70), ("B", 50))


@dataclass(frozen=True)
class Grade:
    letter: str
    time: int
    tissue: int
    comfort: int

    @property
    def points(self) -> int:
        return self.time + self.tissue + self.comfort


def grade_of(won: bool, time_left: int, time_limit: int, tissue_lost: int, initial_decay: int,
             peak_pain_percent: int) -> Grade:
    time = min(TIME_POINTS, time_left * TIME_POINTS * 2 // max(time_limit, 1))
    lost_percent = tissue_lost * 100 // max(initial_decay, 1)
    tissue = max(0, TISSUE_POINTS - lost_percent // 5 * 3)
    comfort = max(0, COMFORT_POINTS - min(peak_pain_percent, 100) // 10 * 3)
    total = time + tissue + comfort
    letter = "C"
    if won:
        letter = next((name for name, least in GRADES if total >= least), "C")
    return Grade(letter, time, tissue, comfort)
