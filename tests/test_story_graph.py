"""The whole story as a graph: every ending reaches the credits from New game, nobody gets stuck, losing leads on.

``StoryWalker`` follows the objectives the way a player following the on-screen line does, through the
real dialogue, maps (who is present by ``when:``) and chapters, with no physics; so hundreds of
playthroughs take a second. The scripted-player tests in ``test_story_flow`` check the same seams
through the real scenes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.check import ContentIndex
from game.check.cli import check_paths
from game.dialogue.model import Command, walk_steps
from game.dialogue.validate import load_dialogue
from game.story.chapters import load_chapters, parse_chapters
from game.story.walk import StoryWalker, Stuck, first_option
from game.world.model import load_map
from game.world.physics import PLAYER, SUB, CollisionWorld

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def walker() -> StoryWalker:
    return StoryWalker(load_dialogue(ROOT / "dialogue"), load_chapters(ROOT / "dialogue" / "chapters.yaml"),
                       ROOT / "levels")


def last_option(options, walk):
    return options[-1].id


def lose(game, encounter, walk):
    return False


def story_minigames(walker) -> set[tuple[str, str]]:
    return set(walker.minigame_nodes)


def test_every_ending_reaches_the_credits_from_new_game(walker):
    endings = {}
    # a player who always wins, with either answer; and one who loses every minigame and goes on each time
    for policy, outcome in ((first_option, None), (last_option, None), (walker.going_on(first_option), lose),
                            (walker.going_on(last_option), lose)):
        walk = walker.walk(policy, outcome)
        assert walk.credits and walk.story.has("game_over")
        assert walk.story.chapter == walker.chapters.last  # the epilogue is where the credits roll
        endings.setdefault(walk.story.ending, walk)
    assert set(endings) == {"bridge", "crossroads", "reboot"}
    assert endings["reboot"].story.has("hard_reboot")
    # each ending is a different final scene: its own node, on its own map
    assert {w.log[-3] for w in endings.values()} and len({tuple(w.log[-4:]) for w in endings.values()}) == 3


def test_a_random_search_of_choices_and_results_never_gets_stuck(walker):
    endings = set()
    for seed in range(40):
        rng = random.Random(seed)

        def policy(options, walk, rng=rng):
            return rng.choice(options).id

        def outcome(game, encounter, walk, rng=rng):
            return rng.random() < 0.6

        try:
            walk = walker.walk(walker.going_on(policy) if seed % 2 else policy, outcome)
        except Stuck as exc:  # pragma: no cover - the message says where
            pytest.fail(f"seed {seed}: {exc}")
        assert walk.credits
        endings.add(walk.story.ending)
    assert endings == {"bridge", "crossroads", "reboot"}


def test_there_are_five_story_minigames_and_none_fixes_its_difficulty(walker):
    assert story_minigames(walker) == {("swarm", "tutorial"), ("swarm", "malfunction"), ("spectra", "first-layer"),
                                       ("spectra", "full-dive"), ("swarm", "emergency")}
    for node in walker.dialogue.nodes.values():
        for step in walk_steps(node.steps):
            if isinstance(step, Command) and step.name == "minigame":
                assert "difficulty" not in dict(step.args), f"{node.id}: a story minigame follows the player's choice"


@pytest.mark.parametrize("lost", [("swarm", "tutorial"), ("swarm", "malfunction"), ("spectra", "first-layer"),
                                  ("spectra", "full-dive"), ("swarm", "emergency")], ids=lambda m: m[1])
def test_losing_each_story_minigame_and_going_on_leads_to_the_credits(walker, lost):
    def outcome(game, encounter, walk):
        return (game, encounter) != lost

    walk = walker.walk(walker.going_on(first_option), outcome)
    assert walk.credits
    results = [(g, e, won) for g, e, won in walk.minigames if (g, e) == lost]
    assert results == [(lost[0], lost[1], False)]  # lost once, and the story went on without a retry
    after = walk.log[walk.log.index(f"minigame {lost[0]}:{lost[1]} lose") + 1:]
    assert any(entry.startswith("chapter") or entry == "credits" for entry in after)


def test_losing_bends_the_story(walker):
    dive = walker.walk(walker.going_on(first_option), lambda g, e, w: (g, e) != ("spectra", "full-dive"))
    assert dive.story.has("hard_reboot") and dive.story.ending == "reboot"
    emergency = walker.walk(walker.going_on(first_option), lambda g, e, w: (g, e) != ("swarm", "emergency"))
    assert emergency.story.has("simon_stepped_in")


def test_the_shortest_route_to_the_credits_has_enough_words(walker):
    runs = [walker.walk(first_option), walker.walk(last_option), walker.walk(walker.going_on(first_option), lose),
            walker.walk(walker.going_on(last_option), lose)]
    shortest = min(runs, key=lambda w: w.words)
    assert shortest.words >= 4000


def test_every_chapter_begins_on_a_walkable_tile(walker):
    for chapter in walker.chapters.chapters:
        world = load_map(ROOT / "levels" / f"{chapter.map}.tmx")
        collide = CollisionWorld(world)
        for spawn in filter(None, (chapter.spawn, chapter.walk_from)):
            fx, fy = world.spawns()[spawn].feet
            assert collide.free_at(PLAYER, fx * SUB, fy * SUB), f"chapter {chapter.id}: {spawn} is not walkable"


def test_every_chapter_has_a_card_and_the_endings_are_all_there(walker):
    chapters = walker.chapters
    assert [c.id for c in chapters.chapters] == [1, 2, 3, 4]
    assert all(c.title and c.card for c in chapters.chapters)
    assert chapters.chapter(1).dark and chapters.chapter(1).walk_from and chapters.chapter(1).node
    assert [e.id for e in chapters.endings][-1] == "crossroads" and chapters.endings[-1].when is None


def test_the_content_checks_clean():
    problems, count = check_paths([ROOT / "levels", ROOT / "dialogue"], [ROOT / "levels", ROOT / "dialogue"])
    assert problems == [] and count > 10


def test_the_chapters_checker_names_the_line_and_the_fix(tmp_path):
    bad = tmp_path / "chapters.yaml"
    bad.write_text("chapters:\n  - id: 1\n    title: One\n    card: Morning\n    map: clinic\n    spawn: nowhere\n"
                   "    objectives:\n      - id: a\n        when: not no_such_flag\n        text: Do it\n"
                   "        hint: Here\n        map: clinic\n        target: ghost\n"
                   "endings:\n  - id: bridge\n    title: B\n    when: x >= 1\n")
    index = ContentIndex(dialogue_nodes=set(), maps={"clinic": {"start"}}, map_objects={"clinic": {"malik"}},
                         flags={"toured"}, counters={"x"})
    _, problems = parse_chapters(bad, index)
    messages = {(p.line, p.message) for p in problems}
    assert any(line == 6 and "no spawn 'nowhere'" in m for line, m in messages)
    assert any(line == 9 and "undeclared flag 'no_such_flag'" in m for line, m in messages)
    assert any(line == 13 and "no object called 'ghost'" in m for line, m in messages)
    assert any("last ending must have no when" in m for _, m in messages)
    assert any("crossroads, reboot missing" in m for _, m in messages)


def test_a_map_objects_when_is_checked_against_the_declared_flags(tmp_path):
    from game.world.check import check_map

    source = (ROOT / "levels" / "street.tmx").read_text()
    broken = source.replace('value="chapter == 2 and not saw_simon_snooping"', 'value="chapter == 2 and not snooped"')
    assert broken != source
    target = tmp_path / "levels"
    target.mkdir()
    (target / "street.tmx").write_text(broken.replace("../assets/", str(ROOT / "assets") + "/"))
    index = ContentIndex(flags={"saw_simon_snooping", "entered_hall", "visited_street", "simon_offered_hand",
                                "ending_crossroads"}, counters=set())
    problems = check_map(target / "street.tmx", index)
    assert [p.message for p in problems if "snooped" in p.message] == [
        "npc 'simon': when names 'snooped', which is not a declared flag or counter (dialogue/story.yaml)"]
