"""The Tiled project's commands start the game (developer mode) and the checker on the map being edited."""

from __future__ import annotations

import json
import shlex

from game.cli import main
from game.paths import Paths


def commands() -> dict[str, dict]:
    project = json.loads((Paths.from_env().levels / "neosmiles.tiled-project").read_text(encoding="utf-8"))
    return {c["name"]: c for c in project["commands"]}


def arguments(name: str, mapfile: str) -> list[str]:
    """The command line Tiled runs, with ``%mapfile`` as Tiled fills it in, minus ``main.py``."""
    args = shlex.split(commands()[name]["arguments"].replace("%mapfile", mapfile))
    assert args[0] == "main.py"
    return args[1:]


def test_the_project_has_play_and_check_on_the_current_map():
    found = commands()
    assert {"Play this map", "Check this map"} <= set(found)
    for command in found.values():
        assert "%mapfile" in command["arguments"] and command["enabled"] and command["saveBeforeExecute"]
        assert command["workingDirectory"] == "%projectpath/.."  # the game's root, where main.py is
        # the virtual environment's Python, relative to that folder (Tiled quotes variables it fills into
        # the executable, so a path with %projectpath in it would break on folders with spaces)
        assert command["command"] == ".venv/bin/python"


def test_play_this_map_starts_the_game_in_developer_mode_on_it(capsys):
    mapfile = str(Paths.from_env().levels / "street.tmx")
    args = arguments("Play this map", mapfile)
    assert "--dev" in args and args[:1] == ["play"]
    assert main([*args, "--headless", "--ticks", "3"]) == 0
    assert "digest" in capsys.readouterr().out


def test_check_this_map_checks_only_it(capsys):
    mapfile = str(Paths.from_env().levels / "clinic.tmx")
    assert main(arguments("Check this map", mapfile)) == 0
    assert "1 file(s) checked" in capsys.readouterr().out
