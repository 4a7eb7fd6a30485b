"""The dialogue runner: conditions, choices, detours, visited, effects, commands, saving. No pygame."""

from __future__ import annotations

import json

import pytest
from dialogue_helpers import make, write

from game.core.outcome import Outcome
from game.dialogue.loader import parse_files
from game.dialogue.runner import ChoiceEvent, CommandEvent, DialogueRunner, Ended, LineEvent
from game.story.state import StoryState


def texts_until_stop(runner, event):
    """Advance through lines; return their texts and the first non-line event."""
    said = []
    while isinstance(event, LineEvent):
        said.append(event.line.text)
        event = runner.advance()
    return said, event


def run(dialogue, node, story=None):
    story = story or StoryState()
    runner = DialogueRunner(dialogue, story)
    return runner, runner.start(node)


def test_lines_come_in_order_then_the_conversation_ends(tmp_path):
    d = make(tmp_path, """
        hello:
          entry: true
          script:
            - malik: One.
            - lena: Two.
              mood: happy
    """)
    runner, event = run(d, "hello")
    assert event.line.speaker == "malik" and event.line.mood == "neutral"
    said, event = texts_until_stop(runner, event)
    assert said == ["One.", "Two."]
    assert isinstance(event, Ended) and runner.finished


def test_a_line_with_a_condition_is_skipped_when_it_is_false(tmp_path):
    d = make(tmp_path, """
        hello:
          entry: true
          script:
            - malik: Always.
            - malik: Only if met.
              if: met
            - malik: Only if trust is high.
              if: trust >= 2
    """)
    story = StoryState()
    story.add("trust", 2)
    runner, event = run(d, "hello", story)
    assert texts_until_stop(runner, event)[0] == ["Always.", "Only if trust is high."]


def test_if_then_else_picks_one_arm(tmp_path):
    d = make(tmp_path, """
        hello:
          entry: true
          script:
            - if: met and not other
              then:
                - malik: Then.
              else:
                - malik: Else.
            - malik: After.
    """)
    story = StoryState()
    assert texts_until_stop(*run(d, "hello", story))[0] == ["Else.", "After."]
    story.set_flag("met")
    assert texts_until_stop(*run(d, "hello", story))[0] == ["Then.", "After."]


def test_chapter_can_be_read_in_conditions(tmp_path):
    d = make(tmp_path, """
        hello:
          entry: true
          script:
            - malik: Chapter two talk.
              if: chapter == 2
            - malik: Any time.
    """)
    story = StoryState()
    assert texts_until_stop(*run(d, "hello", story))[0] == ["Any time."]
    story.chapter = 2
    assert texts_until_stop(*run(d, "hello", story))[0] == ["Chapter two talk.", "Any time."]


HUB = """
    hub:
      entry: true
      script:
        - malik: What now?
        - choice:
            - text: Ask once.
              id: ask
              once: true
              then:
                - malik: Answered.
              jump: hub
            - text: Secret.
              id: secret
              if: met
              jump: hub
            - text: Leave.
              id: leave
        - malik: Bye.
"""


def test_a_once_only_choice_is_offered_until_it_is_taken(tmp_path):
    d = make(tmp_path, HUB)
    runner, event = run(d, "hub")
    event = runner.advance()
    assert [o.id for o in event.options] == ["ask", "leave"]
    said, event = texts_until_stop(runner, runner.choose("ask"))
    assert said == ["Answered.", "What now?"]
    assert [o.id for o in event.options] == ["leave"]
    said, event = texts_until_stop(runner, runner.choose("leave"))
    assert said == ["Bye."] and isinstance(event, Ended)


def test_a_choice_with_a_condition_is_hidden_while_it_is_false(tmp_path):
    d = make(tmp_path, HUB)
    story = StoryState(flags={"met"})
    runner, event = run(d, "hub", story)
    event = runner.advance()
    assert [o.id for o in event.options] == ["ask", "secret", "leave"]


def test_choosing_an_option_not_on_offer_is_refused(tmp_path):
    d = make(tmp_path, HUB)
    runner, _ = run(d, "hub")
    event = runner.advance()
    assert isinstance(event, ChoiceEvent)
    with pytest.raises(KeyError):
        runner.choose("secret")


def test_option_effects_apply_when_chosen(tmp_path):
    d = make(tmp_path, """
        pick:
          entry: true
          script:
            - choice:
                - text: Kind.
                  add: {trust: 2}
                  set: met
                - text: Cold.
                  add: {trust: -1}
            - set: [other]
              clear: met
            - malik: Done.
    """)
    story = StoryState()
    runner, event = run(d, "pick", story)
    runner.choose(event.options[0].id)
    assert story.counter("trust") == 2 and not story.has("met") and story.has("other")


def test_a_detour_runs_a_node_and_comes_back(tmp_path):
    d = make(tmp_path, """
        main:
          entry: true
          script:
            - malik: Before.
            - detour: aside
            - malik: After.
        aside:
          script:
            - lena: Aside one.
            - detour: deeper
            - lena: Aside two.
        deeper:
          script:
            - narrator: Deepest.
    """)
    said, event = texts_until_stop(*run(d, "main"))
    assert said == ["Before.", "Aside one.", "Deepest.", "Aside two.", "After."]


def test_visited_is_true_once_a_node_has_been_left(tmp_path):
    d = make(tmp_path, """
        greet:
          entry: true
          script:
            - malik: Nice to meet you.
              if: not visited(greet)
            - malik: Hello again.
              if: visited(greet)
            - jump: other_node
        other_node:
          script:
            - malik: I know you came from greet.
              if: visited(greet)
    """)
    story = StoryState()
    assert texts_until_stop(*run(d, "greet", story))[0] == ["Nice to meet you.", "I know you came from greet."]
    assert story.visited == {"greet", "other_node"}
    assert texts_until_stop(*run(d, "greet", story))[0] == ["Hello again.", "I know you came from greet."]


def test_end_stops_the_conversation_even_inside_a_detour(tmp_path):
    d = make(tmp_path, """
        main:
          entry: true
          script:
            - detour: aside
            - malik: Never said.
        aside:
          script:
            - malik: Stop here.
            - end: true
    """)
    said, event = texts_until_stop(*run(d, "main"))
    assert said == ["Stop here."] and isinstance(event, Ended)


MINIGAME = """
    treat:
      entry: true
      script:
        - sound: door
        - minigame: {game: swarm, encounter: tutorial, difficulty: easy}
          on_win:
            - malik: Won.
          on_lose:
            - malik: Lost.
        - malik: Score was high.
          if: last_score >= 50
        - malik: After.
"""


@pytest.mark.parametrize(("won", "score", "expected"), [
    (True, 80, ["Won.", "Score was high.", "After."]),
    (False, 10, ["Lost.", "After."]),
])
def test_a_minigame_command_branches_on_its_outcome(tmp_path, won, score, expected):
    d = make(tmp_path, MINIGAME)
    story = StoryState()
    runner, event = run(d, "treat", story)
    assert isinstance(event, CommandEvent) and event.name == "sound" and event.args == {"name": "door"}
    event = runner.resume()
    assert event.name == "minigame"
    assert event.args == {"game": "swarm", "encounter": "tutorial", "difficulty": "easy"}
    said, end = texts_until_stop(runner, runner.resume(Outcome("swarm", "tutorial", won, score, 600)))
    assert said == expected and isinstance(end, Ended)
    assert story.has("last_won") is won and story.counter("last_score") == score


def test_runner_state_survives_json_mid_conversation(tmp_path):
    d = make(tmp_path, """
        main:
          entry: true
          script:
            - malik: One.
            - detour: aside
            - malik: Four.
        aside:
          script:
            - lena: Two.
            - lena: Three.
    """)
    story = StoryState()
    runner, event = run(d, "main", story)
    runner.advance()
    event = runner.advance()
    assert event.line.text == "Three."
    saved = json.loads(json.dumps(runner.to_data()))
    story_saved = json.loads(json.dumps(story.to_data()))

    loaded = DialogueRunner.from_data(d, StoryState.from_data(story_saved), saved)
    assert loaded.current == runner.current
    assert loaded.history == runner.history
    assert texts_until_stop(loaded, loaded.advance())[0] == ["Four."]
    assert texts_until_stop(runner, runner.advance())[0] == ["Four."]


def test_runner_state_survives_json_at_a_menu_with_once_choices_taken(tmp_path):
    d = make(tmp_path, HUB)
    runner, _ = run(d, "hub")
    runner.advance()
    texts_until_stop(runner, runner.choose("ask"))
    loaded = DialogueRunner.from_data(d, StoryState(), json.loads(json.dumps(runner.to_data())))
    assert [o.id for o in loaded.current.options] == ["leave"]


def test_a_save_made_before_an_edit_finds_its_line_by_id(tmp_path):
    old = make(tmp_path, """
        main:
          entry: true
          script:
            - malik: One.
            - malik: Two.
            - malik: Three.
    """)
    runner, _ = run(old, "main")
    runner.advance()
    saved = runner.to_data()
    new = make(tmp_path, """
        main:
          entry: true
          script:
            - narrator: A new line at the top.
            - malik: One.
            - malik: Two.
            - malik: Three.
    """)
    loaded = DialogueRunner.from_data(new, StoryState(), saved)
    assert loaded.current.line.text == "Two."


def test_derived_line_ids_do_not_move_when_lines_are_inserted(tmp_path):
    first = make(tmp_path, "main:\n  entry: true\n  script:\n    - malik: Keep me.\n")
    second = make(tmp_path, "main:\n  entry: true\n  script:\n    - lena: New.\n    - malik: Keep me.\n")
    a = first.nodes["main"].steps[0].id
    b = second.nodes["main"].steps[1].id
    assert a == b and a.startswith("main.")


def test_the_same_line_twice_in_a_node_gets_two_ids(tmp_path):
    d = make(tmp_path, "main:\n  entry: true\n  script:\n    - malik: Hm.\n    - lena: So.\n    - malik: Hm.\n")
    ids = [s.id for s in d.nodes["main"].steps]
    assert len(set(ids)) == 3 and ids[2] == ids[0] + "-2"


def test_an_explicit_id_is_kept(tmp_path):
    d = make(tmp_path, "main:\n  entry: true\n  script:\n    - malik: Hm.\n      id: malik_hm\n")
    assert d.nodes["main"].steps[0].id == "malik_hm"


def test_a_folded_multiline_yaml_line_reads_as_one_line(tmp_path):
    write(tmp_path, "story.yaml", "speakers:\n  malik: {}\n")
    write(tmp_path, "t.yaml", "main:\n  entry: true\n  script:\n    - malik: >\n        Two\n        rows.\n")
    d, problems, _ = parse_files([tmp_path / "story.yaml", tmp_path / "t.yaml"])
    assert problems == [] and d.nodes["main"].steps[0].text == "Two rows."
