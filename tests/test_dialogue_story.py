"""The shipped story can be played from the first conversation to the epilogue, and choices change the end."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.outcome import Outcome
from game.dialogue.runner import ChoiceEvent, CommandEvent, DialogueRunner, Ended, LineEvent
from game.dialogue.validate import load_dialogue
from game.paths import Paths
from game.story.chapters import load_chapters
from game.story.state import StoryState

#: the order a player meets the conversations in: (chapter, entry node), as the maps and chapters.yaml start them
ROUTE = [(1, "opening"), (1, "malik_tour"), (1, "malik_tour"), (1, "malik_tour"), (1, "malik_tour"),
         (1, "office_letter"), (1, "simon_street"), (1, "rowan_protest"), (1, "jenna_arrival"), (1, "nanobot_chair_1"),
         (2, "malik_tour"), (2, "inspector_clinic"), (2, "office_letter"), (2, "simon_street"), (2, "nanobot_chair_1"),
         (2, "simon_practice"), (2, "workshop_bench"), (2, "spectra_console"),
         (3, "rowan_protest"), (3, "jenna_arrival"), (3, "hall_arrival"), (3, "inspector_hall"), (3, "debate_podium"),
         (3, "spectra_console"), (4, "malik_tour")]


@pytest.fixture(scope="module")
def dialogue():
    return load_dialogue(Paths.from_env().dialogue)


@pytest.fixture(scope="module")
def chapters():
    return load_chapters(Paths.from_env().dialogue / "chapters.yaml")


def play(dialogue, chapters, pick: int, lose_first: bool, go_on: frozenset = frozenset()):
    """Talk through ROUTE choosing option ``pick`` (or the last one) and losing each minigame once.

    After a lost minigame whose encounter is in ``go_on`` the player takes the last option (go on) instead.
    Returns the story, what was said and the commands run.
    """
    story, said, commands, lost = StoryState(), [], [], set()
    for chapter, node in ROUTE:
        assert story.chapter == chapter, f"{node} is played in chapter {chapter}, the story is in {story.chapter}"
        runner = DialogueRunner(dialogue, story)
        event, after_loss = runner.start(node), None
        while not isinstance(event, Ended):
            if isinstance(event, LineEvent):
                said.append(event.line.text)
                event = runner.advance()
            elif isinstance(event, ChoiceEvent):
                if after_loss in go_on:
                    option = event.options[-1]
                else:
                    option = event.options[min(pick, len(event.options) - 1)]
                after_loss = None
                event = runner.choose(option.id)
            else:
                assert isinstance(event, CommandEvent)
                args = event.args
                commands.append((event.name, args))
                if event.name == "minigame":
                    won = not lose_first or args["encounter"] in lost
                    lost.add(args["encounter"])
                    after_loss = None if won else args["encounter"]
                    event = runner.resume(Outcome(args["game"], args["encounter"], won, 100 if won else 0, 60))
                else:
                    if event.name == "end_chapter":
                        story.chapter = args["chapter"] + 1
                        if story.chapter == 4:  # the story picks the ending when the epilogue begins
                            story.set_flag("ending_" + chapters.ending(story).id)
                    event = runner.resume()
    return story, said, commands


def test_a_kind_playthrough_reaches_the_bridge(dialogue, chapters):
    story, said, commands = play(dialogue, chapters, pick=0, lose_first=True)
    assert story.has("game_over") and story.has("ending_bridge")
    assert story.has("jenna_saved") and story.has("spectra_restored") and story.has("rowan_confessed")
    assert ("ending", {"name": "bridge"}) in commands and commands[-1][0] == "credits"
    assert any("Simon Kwan's old instruments lie in a neat row" in s for s in said)
    assert any("school visit is at ten" in s for s in said)
    assert any("Approved by the Dental Health Authority" in s for s in said)
    assert any("A hybrid practice" in s for s in said)  # the proposal, on every route


def test_a_cold_playthrough_reaches_the_crossroads(dialogue, chapters):
    story, said, commands = play(dialogue, chapters, pick=1, lose_first=False)
    assert story.has("game_over") and story.has("ending_crossroads")
    assert ("ending", {"name": "crossroads"}) in commands and commands[-1][0] == "credits"
    assert any("reading NeoSmiles' safety report" in s or "NeoSmiles' safety report" in s for s in said)
    assert any("I started a group" in s for s in said)
    assert any("Under review by the Dental Health Authority" in s for s in said)
    assert any("A hybrid practice" in s for s in said)
    assert not any("old instruments lie in a neat row" in s for s in said)


def test_going_on_after_lost_minigames_bends_the_story_to_the_reboot(dialogue, chapters):
    every = frozenset({"tutorial", "malfunction", "first-layer", "full-dive", "emergency"})
    story, said, commands = play(dialogue, chapters, pick=0, lose_first=True, go_on=every)
    for flag in ("tutorial_lost", "malfunction_lost", "first_layer_lost", "hard_reboot", "simon_stepped_in"):
        assert story.has(flag), flag
    assert story.has("ending_reboot") and ("ending", {"name": "reboot"}) in commands
    assert story.has("jenna_saved") and story.has("game_over")
    assert any("SYSTEM START" in s for s in said)
    assert any("Dr. Kwan is going to finish this" in s for s in said)
    assert any("saved by hand" in s for s in said)  # the report remembers Simon's hands
    assert any("Then let me tell you about Jenna." in s for s in said)
    # nobody in the story talks about the malfunction before it has happened
    first = next(i for i, s in enumerate(said) if "NOT RESPONDING TO BEACON" in s)
    assert not any("haywire" in s or "went wrong" in s for s in said[:first])


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


def _every_line(dialogue, story: StoryState, node: str, limit: int = 2000) -> list[str]:
    """Every line a conversation can say from ``story``, over every choice (minigames won)."""
    import json

    seen, stack = [], [(story, None)]
    while stack and limit > 0:
        state, runner_data = stack.pop()
        if runner_data is None:
            runner = DialogueRunner(dialogue, state)
            event = runner.start(node)
        else:
            runner = DialogueRunner.from_data(dialogue, state, runner_data)
            event = runner.current
        while not isinstance(event, Ended) and limit > 0:
            limit -= 1
            if isinstance(event, LineEvent):
                seen.append(event.line.text)
                event = runner.advance()
            elif isinstance(event, ChoiceEvent):
                for option in event.options[1:]:
                    branch = StoryState.from_data(json.loads(json.dumps(state.to_data())))
                    fork = DialogueRunner.from_data(dialogue, branch, json.loads(json.dumps(runner.to_data())))
                    fork.choose(option.id)
                    stack.append((branch, fork.to_data()))
                event = runner.choose(event.options[0].id)
            else:
                args = event.args
                if event.name == "minigame":
                    event = runner.resume(Outcome(args["game"], args["encounter"], True, 100, 60))
                else:
                    event = runner.resume()
    return seen


@pytest.mark.parametrize("chapter,flags", [
    (1, ()), (1, ("tour_reception", "tour_treatment", "tour_workshop", "toured", "saw_letter", "jenna_arrived")),
    (2, ()), (2, ("malik_warned", "met_inspector", "saw_simon_snooping")),
])
def test_nobody_talks_about_the_malfunction_before_it_happens(dialogue, chapter, flags):
    people = ["patient_okafor_chat", "patient_ines_chat", "patient_theo_chat", "passerby_chat", "rowan_protest",
              "simon_street", "simon_practice", "reception_desk", "jenna_arrival", "audience_chat"]
    for node in people:
        story = StoryState(chapter=chapter)
        for flag in flags:
            story.set_flag(flag)
        for text in _every_line(dialogue, story, node):
            lowered = text.lower()
            assert not any(w in lowered for w in ("haywire", "went wrong", "alarm", "malfunction", "incident")), \
                f"{node} in chapter {chapter} says {text!r} before the malfunction"
