"""The layers of the code: the dialogue and the world import nothing above them (no minigames, start points,
menus or app), so the old import circle (dialogue -> minigames -> scenes -> starts -> dialogue) cannot return.
The story layer above them wires them together. Function-level imports count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"
#: what each low package may import from the game (its own package is always allowed)
ALLOWED = ("game.core", "game.ui", "game.check", "game.paths", "game.story.state", "game.story.conditions",
           "game.story.difficulty")
#: command-line entry points that boot the whole game to measure it (never imported by the package itself)
ENTRY_POINTS = {"game/world/bench.py"}


def game_imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("game"):
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("game"))
    return out


@pytest.mark.parametrize("package", ["dialogue", "world"])
def test_a_low_package_imports_nothing_above_it(package):
    for path in sorted((GAME / package).glob("*.py")):
        if str(path.relative_to(GAME.parent)) in ENTRY_POINTS:
            continue
        bad = {m for m in game_imports(path)
               if not m.startswith(f"game.{package}") and not m.startswith(ALLOWED)}
        assert not bad, f"{path.relative_to(GAME.parent)} imports {sorted(bad)}"


def test_the_dialogue_and_the_world_do_not_import_each_other():
    for package, other in (("dialogue", "game.world"), ("world", "game.dialogue")):
        for path in (GAME / package).glob("*.py"):
            assert not any(m.startswith(other) for m in game_imports(path)), path
