"""Where content comes from: the checkout (editable install), an installed wheel, or NEOSMILES_CONTENT.

The full proof (build the wheel, install it into a fresh venv, run it from another folder; build the
desktop folder and run it) is ``tools/check_dist.py``, run by ``.ci/run``. These tests pin down the
choice ``game.paths`` makes, quickly, including from an installed layout outside the checkout.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from game.app.display import Display
from game.paths import CONTENT_FOLDERS, Paths, source_checkout
from game.replay.content import content_hash

ROOT = Path(__file__).resolve().parent.parent


def test_a_checkout_reads_its_own_folders_so_saved_maps_hot_reload():
    paths = Paths.from_env({})
    assert paths.root == ROOT
    assert paths.levels == ROOT / "levels" and paths.dialogue == ROOT / "dialogue"
    assert paths.fonts == ROOT / "assets" / "fonts"
    assert paths.encounters == ROOT / "levels" / "encounters"


def test_neosmiles_content_names_another_root(tmp_path):
    assert Paths.from_env({"NEOSMILES_CONTENT": str(tmp_path)}).levels == tmp_path.resolve() / "levels"


def test_a_checkout_is_known_by_its_pyproject_and_content_folders(tmp_path):
    package = tmp_path / "game"
    package.mkdir()
    for name in CONTENT_FOLDERS:
        (tmp_path / name).mkdir()
    assert source_checkout(package) is None  # site-packages has content-like folders but no pyproject
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    assert source_checkout(package) == tmp_path
    (tmp_path / "dialogue").rmdir()
    assert source_checkout(package) is None


def test_setup_py_ships_the_folders_game_paths_reads():
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    shipped = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                   if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "CONTENT_FOLDERS")
    assert tuple(shipped) == CONTENT_FOLDERS


def test_an_installed_layout_finds_its_content_from_any_folder(tmp_path):
    """The wheel's layout (game/ with content under game/content/), imported from an unrelated folder."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "game", site / "game", ignore=shutil.ignore_patterns("__pycache__"))
    for name in CONTENT_FOLDERS:
        shutil.copytree(ROOT / name, site / "game" / "content" / name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("NEOSMILES_CONTENT", None)
    probe = "import game.paths; p = game.paths.Paths.from_env(); print(game.paths.__file__); print(p.root)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout.splitlines()
    assert Path(out[0]).is_relative_to(site)  # the copy was imported, not the checkout
    root = Path(out[1])
    assert root == (site / "game" / "content").resolve()
    assert content_hash(root) == content_hash(ROOT)  # replays made in the checkout verify there


def test_the_window_gets_the_icon_and_a_missing_icon_is_only_logged(tmp_path, caplog):
    for name in ("icon.png", "icon_large.png", "icon.ico"):
        assert (ROOT / "assets" / "ui" / name).is_file(), f"run tools/make_icon.py ({name} is missing)"
    pygame.display.init()
    try:
        Display(scale=1, vsync=False, icon=ROOT / "assets" / "ui" / "icon.png").open()
        assert pygame.display.get_caption()[0] == "NeoSmiles"
        Display(scale=1, vsync=False, icon=tmp_path / "missing.png").open()
        assert "window icon" in caplog.text
    finally:
        pygame.display.quit()


def test_a_map_name_never_reads_the_current_folder(tmp_path, monkeypatch):
    from game.world.scene import resolve_map

    levels = ROOT / "levels"
    (tmp_path / "clinic.tmx").write_text("not the game's map")
    monkeypatch.chdir(tmp_path)
    assert resolve_map(levels, "clinic") == levels / "clinic.tmx"
    assert resolve_map(levels, "clinic.tmx") == levels / "clinic.tmx"
    assert resolve_map(levels, str(tmp_path / "clinic.tmx")) == tmp_path / "clinic.tmx"  # a path typed in full


@pytest.mark.slow
def test_every_readme_screenshot_still_reaches_its_scene(tmp_path):
    """tools/screenshots.py stops on a shot whose script no longer shows its scene (a map moved an NPC)."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"), "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for shot in sorted(tmp_path.glob("*.png")):
        assert pygame.image.load(str(shot)).get_size() == (1280, 720)
        assert f"docs/{shot.name}" in readme, f"{shot.name} is rendered but the README does not show it"
        assert (ROOT / "docs" / shot.name).is_file()
    assert len(list(tmp_path.glob("*.png"))) >= 6
