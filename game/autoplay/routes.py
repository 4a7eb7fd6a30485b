"""Routes: how the autoplayer answers the story's choices and whether it plays to win. Pure data.

A route answers each choice menu from the options on offer, by position, so it needs no knowledge of
the words in them: route 0 takes the first answer, route 1 the last, route 2 alternates between the
ends of the list, and route 3 (the one that loses every minigame once, then goes on) answers like
route 0. When the same menu comes back (a question hub, a retry offer), each route moves one answer on
from what it took the time before, so a menu that loops is always left in the end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    number: int
    name: str
    #: first | last | alternate
    pick: str
    #: lose each minigame encounter the first time it comes up (and go on from the loss)
    lose_once: bool = False

    def choose(self, options: int, seen: int, asked: int) -> int:
        """The option (0-based) to take from ``options`` on offer, the ``seen``-th time this very menu shows
        (0 the first time), ``asked`` choices into the run."""
        if options <= 0:
            raise ValueError("a choice menu with nothing on offer")
        if self.pick == "last":
            base = options - 1
        elif self.pick == "alternate":
            base = 0 if asked % 2 else options - 1
        else:
            base = 0
        step = -1 if self.pick == "last" else 1
        return (base + step * seen) % options


ROUTES: dict[int, Route] = {
    0: Route(0, "first answers", "first"),
    1: Route(1, "last answers", "last"),
    2: Route(2, "alternating answers", "alternate"),
    3: Route(3, "loses every minigame once", "first", lose_once=True),
}


def route(number: int) -> Route:
    try:
        return ROUTES[number]
    except KeyError:
        raise ValueError(f"no route {number} (routes: {', '.join(str(n) for n in sorted(ROUTES))})") from None
