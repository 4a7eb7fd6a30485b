"""Which trigger areas fire, and when: pure logic over a map's ``trigger`` objects and the story state.

A trigger fires when the player's feet enter its area (not every tick they stand in it), if its
``condition`` holds; a ``once`` trigger never fires again in the run. The scene carries out what fires
(start a dialogue node, set a flag); this module only decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.story.conditions import ConditionError, parse_condition
from game.story.state import StoryState
from game.world.model import MapObject
from game.world.physics import point_in_rect


@dataclass
class TriggerTracker:
    #: ids of once-triggers that have fired, per map name: "map#id"
    fired: set[str] = field(default_factory=set)
    #: triggers the player currently stands in (so entering is an edge, not a level)
    inside: set[str] = field(default_factory=set)

    def step(self, map_name: str, triggers: list[MapObject], feet: tuple[int, int],
             story: StoryState) -> list[MapObject]:
        """The triggers that fire this tick, in map order."""
        firing: list[MapObject] = []
        now_inside: set[str] = set()
        for trig in triggers:
            key = f"{map_name}#{trig.id}"
            if not point_in_rect(feet[0], feet[1], trig.rect):
                continue
            now_inside.add(key)
            if key in self.inside:
                continue
            if trig.prop("once", True) and key in self.fired:
                continue
            if not condition_holds(trig.prop("condition"), story):
                continue
            if trig.prop("once", True):
                self.fired.add(key)
            firing.append(trig)
        # keep only this map's "inside" keys fresh; other maps' keys are dropped on a map change
        self.inside = now_inside
        return firing

    def state_bytes(self) -> bytes:
        return repr((sorted(self.fired), sorted(self.inside))).encode()


def condition_holds(text, story: StoryState) -> bool:
    if text is None or str(text).strip() == "":
        return True
    try:
        return parse_condition(str(text)).evaluate(story)
    except ConditionError:
        return False  # the checker reports it; the game just never fires a broken trigger
