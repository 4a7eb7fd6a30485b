"""Fixed-step timing: turn variable frame times into whole simulation ticks.

The simulation advances in ticks of exactly 1/60 s. The accumulator collects real frame time; a clamp
stops one long stall (a debugger, a dragged window) from turning into a burst of catch-up ticks, and a
cap on ticks per frame makes a too-slow machine run the game slower instead of locking up (the
"spiral of death"). The clock is fed durations by the shell; it never reads the wall clock itself.
"""

from __future__ import annotations

from dataclasses import dataclass

TICK_RATE = 60
TICK_SECONDS = 1.0 / TICK_RATE


@dataclass
class FixedStepClock:
    tick_seconds: float = TICK_SECONDS
    max_frame_seconds: float = 0.25  # a longer frame is treated as this long
    max_ticks_per_frame: int = 5  # beyond this the remaining time is dropped: the game slows down
    accumulator: float = 0.0
    dropped_seconds: float = 0.0  # total time discarded by clamp and cap, for the dev overlay

    def advance(self, frame_seconds: float) -> int:
        """Add one frame's duration and return how many ticks to simulate now."""
        if frame_seconds < 0:
            frame_seconds = 0.0
        if frame_seconds > self.max_frame_seconds:
            self.dropped_seconds += frame_seconds - self.max_frame_seconds
            frame_seconds = self.max_frame_seconds
        self.accumulator += frame_seconds
        ticks = int(self.accumulator / self.tick_seconds)
        if ticks > self.max_ticks_per_frame:
            dropped = (ticks - self.max_ticks_per_frame) * self.tick_seconds
            self.dropped_seconds += dropped
            self.accumulator -= dropped
            ticks = self.max_ticks_per_frame
        self.accumulator -= ticks * self.tick_seconds
        # Floating error must never leave a negative remainder.
        if self.accumulator < 0:
            self.accumulator = 0.0
        return ticks

    @property
    def alpha(self) -> float:
        """How far (0..1) real time is between the last tick and the next, for interpolated drawing."""
        return min(1.0, self.accumulator / self.tick_seconds)


def format_ticks(ticks: int) -> str:
    """Ticks as h:mm:ss.mmm, exact to the millisecond (rounded down), from integers only."""
    total_ms = ticks * 1000 // TICK_RATE
    ms = total_ms % 1000
    s = total_ms // 1000
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}.{ms:03d}"
