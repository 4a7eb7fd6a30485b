"""The game run as a player or a script would: through the command line, headless."""

import subprocess
import sys

import pygame

from game.cli import main
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint


def run_cli(*args):
    return subprocess.run([sys.executable, "main.py", *args], capture_output=True, text=True, timeout=120)


def test_headless_digest_is_the_same_every_time():
    first = run_cli("play", "--headless", "--ticks", "600", "--seed", "1")
    second = run_cli("play", "--headless", "--ticks", "600", "--seed", "1")
    assert first.returncode == 0, first.stderr
    digest = [line for line in first.stdout.splitlines() if line.startswith("digest ")]
    assert len(digest) == 1 and len(digest[0].split()[1]) == 32
    assert first.stdout == second.stdout


def test_screenshot_shows_the_title_screen(tmp_path, capsys):
    target = tmp_path / "title.png"
    assert main(["play", "--headless", "--ticks", "30", "--seed", "1", "--screenshot", str(target)]) == 0
    image = pygame.image.load(str(target))
    assert image.get_size() == (640, 360)
    # the logo's enamel is drawn near the top centre
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(300, 340) for y in range(40, 100)}
    assert (244, 238, 218) in colours
    assert "digest" in capsys.readouterr().out


def test_headless_without_ticks_is_refused_with_a_message(capsys):
    assert main(["--headless"]) == 2
    assert "--ticks" in capsys.readouterr().err


def test_unknown_start_point_is_a_clear_message(capsys):
    assert main(["play", "--headless", "--ticks", "5", "--start", "nowhere"]) == 2
    assert "unknown start point" in capsys.readouterr().err


def test_help_lists_the_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "play" in result.stdout


def test_the_same_frames_give_the_same_state(booted):
    from game.app.sources import ScriptedInput

    frames = [ActionFrame(Action.DOWN, Action.DOWN if i % 20 == 0 else 0, (i % 640, 200)) for i in range(300)]
    digests = []
    for _ in range(2):
        game = booted(StartPoint.of("title"), seed=9, source=ScriptedInput(frames))
        game.run_headless(300)
        digests.append(game.digest())
    assert digests[0] == digests[1]


def test_title_menu_reaches_settings_and_back(booted):
    from game.app.sources import ScriptedInput
    from game.scenes.settings_menu import SettingsScene
    from game.scenes.title import TitleScene

    confirm = ActionFrame(Action.CONFIRM, Action.CONFIRM)
    cancel = ActionFrame(Action.CANCEL, Action.CANCEL)
    game = booted(source=ScriptedInput([confirm, ActionFrame(), cancel]))
    title = game.ctx.scenes.top
    assert isinstance(title, TitleScene)
    # registered minigames add Practice above Settings: select Settings wherever it is
    title.menu.index = [item.key for item in title.menu.items].index("settings")
    game.step(game.source.next_frame())
    assert isinstance(game.ctx.scenes.top, SettingsScene)
    game.step(game.source.next_frame())
    game.step(game.source.next_frame())
    assert game.ctx.scenes.top is title
    # the settings were saved atomically when the screen closed
    assert game.ctx.paths.settings_file.exists()


def test_quit_from_the_title_ends_the_run(booted):
    from game.app.sources import ScriptedInput

    up = ActionFrame(Action.UP, Action.UP)
    confirm = ActionFrame(Action.CONFIRM, Action.CONFIRM)
    game = booted(source=ScriptedInput([up, confirm]))
    game.run_headless(100)
    assert game.ctx.quit_requested and game.ctx.run.tick == 2


def test_menus_do_not_count_game_time(booted):
    game = booted()
    game.run_headless(60)
    assert game.ctx.run.tick == 60 and game.ctx.run.game_ticks == 0
