"""The shipped story can be played from the first conversation to the epilogue, and choices change the end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.outcome import Outcome
from game.dialogue.loader import load_dialogue
from game.dialogue.runner import ChoiceEvent, CommandEvent, DialogueRunner, Ended, LineEvent
from game.paths import Paths
from game.story.state import StoryState

#: the order a player meets the map's conversations in (the maps start these entry nodes)
ROUTE = ["malik_tour", "office_letter", "simon_street", "rowan_protest", "jenna_arrival", "nanobot_chair_1",
         "office_letter", "malik_tour", "simon_street", "simon_practice", "nanobot_chair_1", "workshop_bench",
         "spectra_console", "rowan_protest", "malik_tour", "jenna_arrival", "inspector_hall", "debate_podium"]


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


def _continue(runner, event, picks, limit=400):
    """The events from here on, choosing options by ``picks`` in turn (0 when they run out)."""
    out, k = [], 0
    for _ in range(limit):
        if isinstance(event, Ended):
            break
        if isinstance(event, LineEvent):
            out.append(event.line.id)
            event = runner.advance()
        elif isinstance(event, ChoiceEvent):
            choice = event.options[picks[k % len(picks)] % len(event.options)] if picks else event.options[0]
            k += 1
            out.append("> " + choice.id)
            event = runner.choose(choice.id)
        else:
            out.append("! " + event.name)
            won = event.name == "minigame" and k % 2 == 0
            event = runner.resume(Outcome("swarm", "x", won, 10, 1) if event.name == "minigame" else None)
    return out


@settings(max_examples=25, deadline=None)
@given(picks=st.lists(st.integers(0, 3), max_size=12), stop=st.integers(0, 60))
def test_saving_anywhere_in_the_debate_and_loading_goes_on_identically(dialogue, picks, stop):
    import json

    story = StoryState(chapter=3, flags={"found_tamper"})
    runner = DialogueRunner(dialogue, story)
    event = runner.start("debate_podium")
    for _ in range(stop):  # walk to a random point: always the first option, minigames won
        if isinstance(event, (Ended, CommandEvent)):
            break
        event = runner.advance() if isinstance(event, LineEvent) else runner.choose(event.options[0].id)
    saved = json.loads(json.dumps({"runner": runner.to_data(), "story": story.to_data()}))
    loaded_story = StoryState.from_data(saved["story"])
    loaded = DialogueRunner.from_data(dialogue, loaded_story, saved["runner"])
    assert loaded.current == runner.current
    assert _continue(loaded, loaded.current, picks) == _continue(runner, runner.current, picks)
    assert loaded_story.to_data() == story.to_data()
