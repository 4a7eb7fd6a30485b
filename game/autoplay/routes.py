"""Routes: how the autoplayer answers the story's choices and whether it plays to win. Pure data.

A route answers each choice menu from the options on offer, by position, so it needs no knowledge of
the words in them: route 0 takes the first answer, route 1 the last, route 2 alternates between the
ends of the list, and route 3 (the one that loses every minigame once, then goes on) answers like
route 0. When the same menu comes back (a question hub, a retry offer), each route moves one answer on
from what it took the time before, so a menu that loops is always left in the end.

A route may also give up minigames: ``lose`` names encounters (``spectra:full-dive``) it plays to lose
the first time, ``lose_all`` loses every one once. After a loss the story offers to try again or to go
on (trying again comes first); ``retry`` says which the route takes at the first menu after the loss.
Route 2 gives up the full dive and lets Malik force the hard reboot; route 3 loses everything once and
tries again where it can.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    number: int
    name: str
    #: first | last | alternate
    pick: str
    #: lose every minigame encounter the first time it comes up (and go on from the loss)
    lose_all: bool = False
    #: encounters (``game:encounter``) to lose the first time they come up
    lose: frozenset[str] = frozenset()
    #: at the first menu after a loss: True takes the first answer (try again), False the last (go on)
    retry: bool = True

    def loses(self, encounter: str) -> bool:
        """Whether the route means to lose this encounter the first time it is played."""
        return self.lose_all or encounter in self.lose

    def choose(self, options: int, seen: int, asked: int, after_loss: bool = False, first: int | None = None) -> int:
        """The option (0-based) to take from ``options`` on offer, the ``seen``-th time this very menu shows
        (0 the first time; ``first`` is what was taken then), ``asked`` choices into the run; ``after_loss``:
        the first menu after a minigame the route lost on purpose."""
        if options <= 0:
            raise ValueError("a choice menu with nothing on offer")
        step = -1 if self.pick == "last" else 1
        if seen and first is not None:
            return (first + step * seen) % options  # the same menu again: one answer on from the first time
        if after_loss:
            return 0 if self.retry else options - 1
        if self.pick == "last":
            base = options - 1
        elif self.pick == "alternate":
            base = 0 if asked % 2 else options - 1
        else:
            base = 0
        return (base + step * seen) % options


ROUTES: dict[int, Route] = {
    0: Route(0, "first answers", "first"),
    1: Route(1, "last answers", "last"),
    2: Route(2, "alternating answers, gives up the full dive", "alternate", lose=frozenset({"spectra:full-dive"}),
             retry=False),
    3: Route(3, "loses every minigame once", "first", lose_all=True),
}


def route(number: int) -> Route:
    try:
        return ROUTES[number]
    except KeyError:
        raise ValueError(f"no route {number} (routes: {', '.join(str(n) for n in sorted(ROUTES))})") from None
