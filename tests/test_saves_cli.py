"""``neosmiles saves``, ``play --continue`` and ``play --load`` as a player and a runner use them, and the
replay of a run continued from a save (the save travels in the replay; it never counts for the full game)."""

from __future__ import annotations

import dataclasses
import re

import pytest

from game.cli import main
from game.paths import Paths
from game.replay.format import encode, read_file
from game.saves import slots


def digest_of(capsys) -> str:
    out = capsys.readouterr().out
    found = re.findall(r"^digest ([0-9a-f]{32})$", out, re.M)
    assert found, out
    return found[-1]


def test_a_headless_new_game_leaves_an_autosave_that_continue_resumes_exactly(capsys, monkeypatch, tmp_path):
    assert main(["play", "--headless", "--ticks", "600", "--start", "new-game", "--seed", "5"]) == 0
    capsys.readouterr()
    assert main(["saves"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["slot", "chapter", "place", "play-time", "state"]
    auto = out[1].split()
    assert auto[:2] == ["auto", "1"] and "0:00:10" in out[1] and "ok" in out[1]
    assert main(["play", "--continue", "--headless", "--ticks", "120"]) == 0
    resumed = digest_of(capsys)
    monkeypatch.setenv("NEOSMILES_DATA_DIR", str(tmp_path / "straight"))
    assert main(["play", "--headless", "--ticks", "720", "--start", "new-game", "--seed", "5"]) == 0
    assert digest_of(capsys) == resumed
    assert main(["play", "--load", "auto", "--headless", "--ticks", "1"]) == 0  # the straight run's own autosave


def test_saves_show_prints_one_save(capsys):
    assert main(["play", "--headless", "--ticks", "60", "--start", "new-game"]) == 0
    capsys.readouterr()
    assert main(["saves", "show", "auto"]) == 0
    out = capsys.readouterr().out
    assert "chapter    1" in out and "NeoSmiles clinic" in out and "moment     tick 60, " in out


def test_a_damaged_save_on_the_command_line_is_one_line_exit_2_and_left_alone(capsys):
    folder = Paths.from_env().saves_dir
    folder.mkdir(parents=True)
    damaged = slots.slot_path(folder, "2")
    damaged.write_bytes(b'{"format": "neosmiles-save", "version": 1, "body": {')
    before = damaged.read_bytes()
    for argv in (["play", "--load", "2", "--headless", "--ticks", "5"], ["saves", "show", "2"]):
        assert main(argv) == 2
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and str(damaged) in lines[0] and "truncated" in lines[0], captured.err
        assert "Traceback" not in captured.err and not captured.out
    assert main(["saves"]) == 0
    listed = capsys.readouterr().out
    assert re.search(r"^2\s+-\s+-\s+-\s+damaged: the file ends too early", listed, re.M), listed
    assert damaged.read_bytes() == before


def test_a_damaged_save_with_a_sound_backup_points_at_it(capsys):
    for _ in range(2):
        assert main(["play", "--headless", "--ticks", "30", "--start", "new-game"]) == 0
    auto = slots.slot_path(Paths.from_env().saves_dir, "auto")
    auto.write_bytes(auto.read_bytes().replace(b'"place"', b'"room"', 1))
    capsys.readouterr()
    assert main(["play", "--load", "auto", "--headless", "--ticks", "5"]) == 2
    line = capsys.readouterr().err.strip()
    assert "\n" not in line and "edited or damaged" in line and f"--load {auto}.bak" in line
    assert main(["play", "--load", f"{auto}.bak", "--headless", "--ticks", "5"]) == 0


@pytest.mark.parametrize("argv,message", [
    (["play", "--continue", "--headless", "--ticks", "5"], "no save to continue"),
    (["play", "--load", "3", "--headless", "--ticks", "5"], "no such save"),
    (["play", "--load", "seven", "--headless", "--ticks", "5"], "no save slot 'seven'"),
])
def test_a_missing_save_is_refused_with_exit_2(capsys, argv, message):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_run_from_a_save_is_recorded_with_the_save_and_verifies(capsys, tmp_path):
    assert main(["play", "--headless", "--ticks", "200", "--start", "new-game"]) == 0
    record = tmp_path / "from-save.nsreplay"
    assert main(["play", "--continue", "--headless", "--ticks", "150", "--record", str(record)]) == 0
    capsys.readouterr()
    replay = read_file(record)
    header = replay.header
    assert header.save_json and header.category == "from a save" and header.practice
    assert '"name": "save"' in header.start_json and header.save_hash in header.start_json
    assert main(["verify", str(record)]) == 0
    assert capsys.readouterr().out.startswith("OK ")
    # nobody can pass it off as a full-game run, or swap the save in it
    for change in ({"category": "any%", "practice": False},
                   {"save_json": header.save_json.replace('"chapter":1', '"chapter":2', 1)}):
        forged = tmp_path / "forged.nsreplay"
        forged.write_bytes(encode(dataclasses.replace(replay, header=dataclasses.replace(header, **change))))
        assert main(["verify", str(forged)]) == 1
        assert "ERROR" in capsys.readouterr().out
