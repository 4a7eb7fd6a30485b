"""The shipped story can be played from the first conversation to the epilogue, and choices change the end."""

from __future__ import annotations

import pytest

from game.core.outcome import Outcome
from game.dialogue.loader import load_dialogue
from game.dialogue.runner import ChoiceEvent, CommandEvent, DialogueRunner, Ended, LineEvent
from game.paths import Paths
from game.story.state import StoryState

#: the order a player meets the map's conversations in (the maps start these entry nodes)
ROUTE = ["malik_tour", "office_letter", "simon_street", "rowan_protest", "jenna_arrival", "nanobot_chair_1",
         "office_letter", "malik_tour", "simon_street", "simon_practice", "nanobot_chair_1", "workshop_bench",
         "spectra_console", "rowan_protest", "jenna_arrival", "inspector_hall", "debate_podium"]


@pytest.fixture(scope="module")
def dialogue():
    return load_dialogue(Paths.from_env().dialogue)


def play(dialogue, pick: int, lose_first: bool) -> tuple[StoryState, list[str]]:
    """Talk through ROUTE choosing option ``pick`` (or the last one) and losing each minigame once."""
    story, said, lost = StoryState(), [], set()
    for node in ROUTE:
        runner = DialogueRunner(dialogue, story)
        event = runner.start(node)
        while not isinstance(event, Ended):
            if isinstance(event, LineEvent):
                said.append(event.line.text)
                event = runner.advance()
            elif isinstance(event, ChoiceEvent):
                event = runner.choose(event.options[min(pick, len(event.options) - 1)].id)
            else:
                assert isinstance(event, CommandEvent)
                args = event.args
                if event.name == "minigame":
                    won = not lose_first or args["encounter"] in lost
                    lost.add(args["encounter"])
                    event = runner.resume(Outcome(args["game"], args["encounter"], won, 100 if won else 0, 60))
                else:
                    if event.name == "end_chapter":
                        story.chapter = args["chapter"] + 1
                    event = runner.resume()
    return story, said


def test_a_kind_playthrough_reaches_the_warm_epilogue(dialogue):
    story, said = play(dialogue, pick=0, lose_first=True)
    assert story.has("game_over") and story.chapter == 5
    assert story.has("jenna_saved") and story.has("spectra_restored")
    assert any("old cream chair now stands in the corner" in s for s in said)
    assert any("Jenna works with the clinic now" in s for s in said)
    assert any("Approved by the Dental Health Authority" in s for s in said)


def test_a_cold_playthrough_reaches_a_different_epilogue(dialogue):
    story, said = play(dialogue, pick=1, lose_first=False)
    assert story.has("game_over")
    assert any("practice at the end of the street is closed" in s for s in said)
    assert any("Jenna started a group of her own" in s for s in said)
    assert any("Under review by the Dental Health Authority" in s for s in said)
    assert not any("old cream chair" in s for s in said)
