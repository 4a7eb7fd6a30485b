"""Category names: a unique prefix or a few words find a category; developer starts keep no splits."""

from __future__ import annotations

from game.cli import main
from game.core.run import StartPoint
from game.replay.categories import keeps_splits, resolve
from game.replay.splits import CategorySplits, save_splits

NAMES = ["any%", "practice-swarm difficulty=normal level=tutorial", "practice-swarm difficulty=hard level=tutorial",
         "practice-spectra difficulty=normal encounter=first-layer"]


def test_an_exact_name_or_a_unique_prefix_finds_the_category():
    assert resolve("any%", NAMES) == ("any%", [])
    assert resolve("an", NAMES) == ("any%", [])
    assert resolve("practice-spec", NAMES) == (NAMES[3], [])


def test_words_found_in_one_name_find_it_and_ambiguity_lists_the_candidates():
    assert resolve("swarm hard", NAMES) == (NAMES[2], [])
    name, candidates = resolve("practice-swarm", NAMES)
    assert name is None and candidates == NAMES[1:3]
    assert resolve("nothing like it", NAMES) == (None, [])


def test_the_splits_command_takes_a_prefix_and_explains_ambiguity(tmp_path, capsys):
    data = tmp_path / "data"
    for name in NAMES:
        save_splits(data, CategorySplits(name, attempts=1))
    assert main(["splits", "show", "practice-spec"]) == 0
    assert "first-layer" in capsys.readouterr().out
    assert main(["splits", "show", "practice-swarm"]) == 2
    err = capsys.readouterr().err
    assert "could be any of" in err and "level=tutorial" in err


def test_map_and_dialogue_runs_are_no_speedrun_category():
    assert not keeps_splits(StartPoint.of("map", map="levels/clinic.tmx"))
    assert not keeps_splits(StartPoint.of("dialogue", node="malik_intro"))
    assert keeps_splits(StartPoint.of("new-game")) and keeps_splits(StartPoint.of("practice-swarm", level="tutorial"))


def test_a_map_run_saves_no_splits(booted, tmp_path):
    from game.core.actions import ActionFrame

    game = booted(StartPoint.of("map", map="levels/clinic.tmx"))
    for _ in range(30):
        game.step(ActionFrame())
    game.close()
    assert not list((tmp_path / "data").glob("splits/*.json"))
    assert not list((tmp_path / "data").glob("replays/*.nsreplay"))


def test_results_know_the_run_time_and_announce_a_new_personal_best(tmp_path, monkeypatch):
    import pygame
    from replay_support import CONFIRM, RIGHT, record, register

    from game.speedrun.session import SpeedrunSession

    register(monkeypatch)
    seen = []
    for n, name in ((30, "a.nsreplay"), (60, "b.nsreplay"), (10, "c.nsreplay")):
        game, _ = record(StartPoint.of("test-dot"), [RIGHT] * n + [CONFIRM], tmp_path, name=name)
        session = next(o for o in game.overlays if isinstance(o, SpeedrunSession))
        seen.append((session.final_time, session.final_new_pb, session.final_pb))
        game.ctx.scenes.top.ended = lambda: object()  # as a results screen reports its outcome
        session.draw(pygame.Surface((640, 360)))
    assert seen[0] == (31, True, 31)
    assert seen[1] == (61, False, 31)  # slower: the results show the best it is compared with
    assert seen[2] == (11, True, 11)
