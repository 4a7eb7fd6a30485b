"""The dialogue checker of ``neosmiles check``: one crafted bad file per kind of problem."""

from __future__ import annotations

import json

import pytest
from dialogue_helpers import STORY, write

from game.check import ContentIndex
from game.check.cli import check_paths
from game.cli import main
from game.dialogue.layout import TEXT_WIDTH, TextMetrics
from game.dialogue.loader import dialogue_files, parse_files
from game.dialogue.validate import DialogueChecker
from game.paths import Paths


def problems_for(tmp_path, text: str, story: str = STORY, name: str = "talk.yaml") -> list[str]:
    write(tmp_path, "story.yaml", story)
    path = write(tmp_path, name, text)
    problems, _count = check_paths([path], [])
    return [str(p) for p in problems]


def one(tmp_path, text: str, fragment: str, line: int, story: str = STORY) -> None:
    found = problems_for(tmp_path, text, story)
    path = str(tmp_path / "talk.yaml")
    matching = [p for p in found if fragment in p]
    assert matching, f"no problem mentioning {fragment!r} in {found}"
    assert matching[0].startswith(f"{path}:{line}: "), matching[0]


GOOD = """
a:
  entry: true
  script:
    - malik: Hi.
"""


def test_a_good_file_has_no_problems(tmp_path):
    assert problems_for(tmp_path, GOOD) == []


def test_yaml_syntax_error_is_reported_at_the_parser_line(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: [unclosed\n    - lena: x\n", "YAML syntax error", 5)


def test_an_unquoted_colon_gets_a_hint(tmp_path):
    found = problems_for(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Note: this breaks\n")
    assert any("must be put in quotes" in p for p in found)


def test_unknown_key_in_a_line(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi.\n      mode: happy\n", "unknown key 'mode'", 5)


def test_unknown_key_in_an_option(tmp_path):
    text = "a:\n  entry: true\n  script:\n    - choice:\n        - text: Go.\n          jmup: a\n"
    one(tmp_path, text, "unknown key 'jmup'", 6)


def test_unknown_key_in_a_node(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  sript: []\n  script:\n    - malik: Hi.\n", "unknown key 'sript'", 3)


def test_a_key_given_twice(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script: []\na:\n  script: []\n", "given twice", 4)


def test_jump_to_a_missing_node(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi.\n    - jump: bb\n", "does not exist: 'bb'", 5)


def test_detour_to_a_missing_node(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - detour: nowhere\n", "detour to a node that does not exist", 4)


def test_unreachable_node(tmp_path):
    one(tmp_path, GOOD + "lost:\n  script:\n    - malik: Nobody hears me.\n", "'lost' cannot be reached", 5)


def test_undeclared_flag_in_an_effect(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - set: mett\n", "undeclared flag 'mett' (did you mean 'met'?)", 4)


def test_undeclared_flag_in_a_condition(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi.\n      if: not ghost\n", "undeclared flag 'ghost'", 4)


def test_undeclared_counter(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - add: {trusst: 1}\n", "undeclared counter 'trusst'", 4)


def test_a_flag_compared_with_a_number_must_be_a_counter(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi.\n      if: met > 2\n", "undeclared counter 'met'", 4)


def test_chapter_cannot_be_changed(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - add: {chapter: 1}\n", "cannot be changed", 4)


def test_undeclared_speaker(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malick: Hi.\n", "undeclared speaker 'malick'", 4)


def test_unknown_mood(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi.\n      mood: sleepy\n", "no mood 'sleepy'", 4)


def test_a_bad_condition(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi.\n      if: met and\n", "bad condition", 5)


def test_visited_names_a_missing_node(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi.\n      if: visited(zz)\n", "visited(zz)", 4)


def test_unknown_command(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - explode: {now: true}\n", "unknown command 'explode'", 4)


@pytest.mark.parametrize(("args", "fragment"), [
    ("{game: chess, encounter: tutorial}", "game must be one of swarm, spectra"),
    ("{game: swarm}", "missing its argument 'encounter'"),
    ("{game: swarm, encounter: tutorial, speed: 3}", "no argument 'speed'"),
    ("{game: swarm, encounter: tutorial, difficulty: brutal}", "difficulty must be one of"),
])
def test_wrong_command_arguments(tmp_path, args, fragment):
    one(tmp_path, f"a:\n  entry: true\n  script:\n    - minigame: {args}\n", fragment, 4)


def test_end_chapter_needs_a_number(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - end_chapter: two\n", "chapter must be a whole number", 4)


def test_a_sound_that_does_not_exist(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - sound: dorr\n", "no sound called 'dorr' (did you mean", 4)


def test_an_unknown_minigame_outcome_key(tmp_path):
    text = "a:\n  entry: true\n  script:\n    - minigame: {game: swarm, encounter: x}\n      on_draw: []\n"
    one(tmp_path, text, "unknown key 'on_draw'", 5)


def test_encounters_are_checked_when_known(tmp_path):
    write(tmp_path, "story.yaml", STORY)
    path = write(tmp_path, "talk.yaml", "a:\n  entry: true\n  script:\n    - minigame: {game: swarm, encounter: x}\n")
    checker = DialogueChecker()
    index = ContentIndex(encounters={"swarm": {"tutorial"}})
    found = [str(p) for p in checker.check([path], index)]
    assert any("swarm has no encounter 'x'" in p for p in found)


def test_a_speaker_without_its_portraits_or_blip(tmp_path):
    story = STORY.replace("lena: {name: Lena, blip: blip_lena}", "lena: {name: Lena, blip: blip_lina}")
    story += "\n" if not story.endswith("\n") else ""
    story = story.replace("speakers:", "speakers:\n  ghost: {name: Ghost}")
    write(tmp_path, "story.yaml", story)
    write(tmp_path, "talk.yaml", GOOD)
    problems, _ = check_paths([tmp_path / "story.yaml", tmp_path / "talk.yaml"], [])
    found = [str(p) for p in problems]
    assert any("story.yaml:2: speaker 'ghost': no portrait for mood(s) neutral, happy" in p for p in found), found
    assert any("no sound called 'blip_lina'" in p for p in found), found


def test_an_empty_choice_has_no_way_on(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - choice: []\n", "needs a list of options", 4)


def test_a_choice_whose_options_can_all_disappear_has_no_way_on(tmp_path):
    text = """
a:
  entry: true
  script:
    - choice:
        - text: Once.
          once: true
        - text: Maybe.
          if: met
"""
    one(tmp_path, text, "leaving no way on", 4)


def test_a_line_too_long_for_the_box(tmp_path):
    long = " ".join(["word"] * 200)
    one(tmp_path, f"a:\n  entry: true\n  script:\n    - malik: {long}\n", "the box holds", 4)


def test_an_option_too_wide_for_the_menu(tmp_path):
    long = " ".join(["word"] * 40)
    one(tmp_path, f"a:\n  entry: true\n  script:\n    - choice:\n        - text: {long}\n", "option text is", 5)


def test_a_character_the_font_lacks(tmp_path):
    one(tmp_path, "a:\n  entry: true\n  script:\n    - malik: Hi \u4e16.\n", "no glyph", 4)


def test_a_node_defined_in_two_files(tmp_path):
    write(tmp_path, "other.yaml", "a:\n  entry: true\n  script: []\n")
    found = problems_for(tmp_path, GOOD)
    assert any("defined twice" in p for p in found)


def test_a_dialogue_file_without_story_declarations(tmp_path):
    path = write(tmp_path / "lonely", "talk.yaml", GOOD)
    problems, _ = check_paths([path], [])
    assert any("no story.yaml" in str(p) for p in problems)


def test_jumps_into_another_file_of_the_same_folder_resolve_when_one_file_is_checked(tmp_path):
    write(tmp_path, "more.yaml", "b:\n  script:\n    - malik: Over here.\n")
    assert problems_for(tmp_path, "a:\n  entry: true\n  script:\n    - jump: b\n") == []


def test_encounter_files_are_not_dialogue(tmp_path):
    write(tmp_path, "story.yaml", STORY)
    path = write(tmp_path / "encounters" / "swarm", "tutorial.yaml", "bots: 100\n")
    assert not DialogueChecker().claims(path)


def test_the_check_command_prints_path_line_message_and_exits_1(tmp_path, capsys):
    write(tmp_path, "story.yaml", STORY)
    path = write(tmp_path, "talk.yaml", "a:\n  entry: true\n  script:\n    - jump: nowhere\n")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:4: jump to a node that does not exist: 'nowhere'" in out


# the shipped dialogue ------------------------------------------------------------------------------
MAP_NODES = ["malik_tour", "jenna_arrival", "reception_desk", "office_letter", "nanobot_chair_1", "nanobot_chair_2",
             "workshop_bench", "spectra_console", "patient_okafor_chat", "patient_ines_chat", "patient_theo_chat",
             "inspector_clinic", "simon_street", "simon_practice", "rowan_protest", "passerby_chat", "inspector_hall",
             "debate_podium", "audience_chat", "hall_arrival"]
MAP_FLAGS = ["saw_letter", "entered_server_room", "visited_street", "entered_hall"]


def shipped():
    folder = Paths.from_env().dialogue
    return parse_files(dialogue_files(folder))


def test_every_shipped_dialogue_file_passes_the_check(capsys):
    assert main(["check", str(Paths.from_env().dialogue)]) == 0, capsys.readouterr().out


def test_the_nodes_and_flags_the_maps_use_exist_as_entry_points():
    dialogue, problems, _ = shipped()
    assert problems == []
    for node in MAP_NODES:
        assert dialogue.nodes[node].entry, node
    for flag in MAP_FLAGS:
        assert flag in dialogue.declarations.flags


def test_the_checker_contributes_nodes_flags_and_counters_to_the_index():
    index = ContentIndex()
    DialogueChecker().index(dialogue_files(Paths.from_env().dialogue), index)
    assert set(MAP_NODES) <= index.dialogue_nodes
    assert set(MAP_FLAGS) <= index.flags
    assert {"simon_respect", "last_score", "chapter"} <= index.counters


def test_text_metrics_wrap_exactly_like_the_game_font():
    import pygame

    from game.ui.font import BitmapFont

    pygame.display.init()
    assets = Paths.from_env().assets
    font = BitmapFont.from_assets(assets)
    metrics = TextMetrics(json.loads((assets / "fonts" / "neopix.json").read_text()))
    dialogue, _, _ = shipped()
    from game.dialogue.model import Say, walk_steps

    texts = [s.text for n in dialogue.nodes.values() for s in walk_steps(n.steps) if isinstance(s, Say)]
    texts.append("a" * 300 + " short words and an enormouslylongwordthatcannotfit" * 3)
    for text in texts:
        assert metrics.wrap(text, TEXT_WIDTH) == font.wrap(text, TEXT_WIDTH)
        assert metrics.width(text) == font.width(text)
