"""Menus that lose progress ask first; settings describe every row; the Controls screen lists every input."""

from __future__ import annotations

import pytest

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.scenes.confirm import ConfirmScene
from game.scenes.pause import PauseScene

SPECTRA = StartPoint.of("practice-spectra", encounter="first-layer", difficulty="normal")


def press(game, action: Action) -> None:
    game.step(ActionFrame(held=int(action), pressed=int(action)))
    game.step(ActionFrame())


def choose(game, key: str) -> None:
    """Move the top scene's menu onto ``key`` and confirm."""
    menu = game.ctx.scenes.top.menu
    menu.select(key)
    press(game, Action.CONFIRM)


def paused(booted):
    game = booted(SPECTRA, persist=False)
    ctx = game.ctx
    ctx.scenes.push(PauseScene(ctx, restart=SPECTRA))
    return game, ctx


def test_restart_asks_first_and_no_keeps_the_run(booted):
    game, ctx = paused(booted)
    run = ctx.run
    choose(game, "restart")
    assert isinstance(ctx.scenes.top, ConfirmScene)
    assert ctx.scenes.top.menu.selected.key == "no"  # a stray Enter never restarts
    press(game, Action.CONFIRM)
    assert isinstance(ctx.scenes.top, PauseScene) and ctx.run is run


def test_restart_confirmed_starts_the_run_again(booted):
    game, ctx = paused(booted)
    run = ctx.run
    choose(game, "restart")
    choose(game, "yes")
    assert ctx.run is not run and ctx.run.start == SPECTRA and ctx.run.seed == run.seed
    assert not any(isinstance(s, (PauseScene, ConfirmScene)) for s in ctx.scenes.scenes)


def test_quit_to_title_asks_first_and_escape_means_no(booted):
    game, ctx = paused(booted)
    run = ctx.run
    choose(game, "title")
    assert isinstance(ctx.scenes.top, ConfirmScene)
    press(game, Action.CANCEL)
    assert isinstance(ctx.scenes.top, PauseScene) and ctx.run is run
    choose(game, "title")
    choose(game, "yes")
    assert ctx.run.start.name == "title"


def test_every_setting_row_has_a_description(booted):
    from game.scenes.settings_menu import DESCRIPTIONS, SettingsScene

    game = booted(persist=False)
    scene = SettingsScene(game.ctx)
    assert all(DESCRIPTIONS.get(item.key) for item in scene.menu.items)
    keys = {item.key for item in scene.menu.items}
    assert {"screen_shake", "flashes", "text_size", "show_objective", "swarm_speed"} <= keys


def test_the_swarm_speed_assist_is_locked_over_a_run(booted):
    from game.scenes.settings_menu import SettingsScene

    game = booted(SPECTRA, persist=False)
    ctx = game.ctx
    ctx.scenes.push(SettingsScene(ctx, over_game=True))
    ctx.scenes.top.menu.select("swarm_speed")
    press(game, Action.RIGHT)
    assert ctx.settings["swarm_speed"] == 100 and ctx.scenes.top.refused


@pytest.mark.parametrize("key", ["text_speed", "auto_advance", "speedrun_mode"])
def test_every_setting_a_replay_records_is_locked_over_a_run(booted, key):
    """A run's replay holds these from its start: changing one mid-run would make the run fail verify."""
    from game.scenes.settings_menu import SettingsScene

    game = booted(SPECTRA, persist=False)
    ctx = game.ctx
    before = ctx.settings[key]
    ctx.scenes.push(SettingsScene(ctx, over_game=True))
    ctx.scenes.top.menu.select(key)
    assert "locked" in ctx.scenes.top.menu.selected.value
    press(game, Action.RIGHT)
    press(game, Action.CONFIRM)
    assert ctx.settings[key] == before and ctx.scenes.top.refused
    ctx.scenes.pop()
    ctx.scenes.push(SettingsScene(ctx))  # as the title screen opens it
    ctx.scenes.top.menu.select(key)
    press(game, Action.RIGHT)
    assert ctx.settings[key] != before and not ctx.scenes.top.refused


def test_the_text_size_is_locked_over_a_run_and_free_from_the_title(booted):
    from game.scenes.settings_menu import SettingsScene

    game = booted(SPECTRA, persist=False)
    ctx = game.ctx
    ctx.scenes.push(SettingsScene(ctx, over_game=True))
    ctx.scenes.top.menu.select("text_size")
    assert "locked" in ctx.scenes.top.menu.selected.value
    press(game, Action.RIGHT)
    press(game, Action.CONFIRM)
    assert ctx.settings["text_size"] == 1 and ctx.scenes.top.refused
    ctx.scenes.pop()
    ctx.scenes.push(SettingsScene(ctx))  # as the title screen opens it
    ctx.scenes.top.menu.select("text_size")
    press(game, Action.RIGHT)
    assert ctx.settings["text_size"] == 2 and not ctx.scenes.top.refused


def test_controls_list_every_bound_input_and_rebind_from_a_choice(booted):
    from game.app.settings import DEFAULT_BINDINGS
    from game.scenes.controls import ControlsScene

    game = booted(persist=False)
    ctx = game.ctx
    scene = ControlsScene(ctx)
    ctx.scenes.push(scene)
    for device in ("keyboard", "mouse", "gamepad"):
        scene.device = device
        listed = {name for action in scene.keys() for name in scene.names(action)}
        assert listed == {n for names in DEFAULT_BINDINGS[device].values() for n in names}
    scene.device = "keyboard"
    scene.row = scene.keys().index("HINT")
    press(game, Action.CONFIRM)
    assert ctx.capture.active and ctx.capture.target.action == "HINT" and ctx.capture.target.slot == 0


def test_controls_reset_asks_first(booted):
    from game.app.bindings import Rebind, assign, full_table
    from game.scenes.controls import ControlsScene

    game = booted(persist=False)
    ctx = game.ctx
    ctx.settings.set("bindings", assign(full_table({}), Rebind("keyboard", "HINT", "j", 0)))
    scene = ControlsScene(ctx)
    ctx.scenes.push(scene)
    scene.row = scene.keys().index("reset")
    press(game, Action.CONFIRM)
    assert isinstance(ctx.scenes.top, ConfirmScene)
    choose(game, "yes")
    assert ctx.settings.bindings("keyboard")["HINT"] == ["h"]


def test_practice_menu_names_entries_as_the_command_line_and_offers_a_swarm_difficulty(booted):
    from game.scenes.practice_menu import PracticeMenuScene

    game = booted(persist=False)
    ctx = game.ctx
    scene = PracticeMenuScene(ctx)
    ctx.scenes.push(scene)
    values = {item.label: item.value for item in scene.menu.items}
    assert values["SPECTRA: log dive"] == "first-layer normal"
    assert any(v == "tutorial" for v in values.values())
    scene.menu.select("difficulty")
    press(game, Action.RIGHT)
    assert scene.difficulty == "hard"
    swarm = next(i for i, e in enumerate(scene.entries) if e.start.name == "practice-swarm")
    assert scene.start_of(swarm).get("difficulty") == "hard"


def test_the_dialogue_backdrop_is_the_map_of_the_conversation(booted):
    import pygame

    from game.scenes.map_backdrop import MapBackdrop, map_for

    assert map_for("dialogue/street.yaml") == "street" and map_for("dialogue/hall.yaml") == "debate_hall"
    assert map_for("dialogue/epilogue.yaml") == "clinic"
    game = booted(persist=False)
    backdrop = MapBackdrop(game.ctx, "malik_tour", "dialogue/clinic.yaml")
    surface = pygame.Surface((640, 360))
    backdrop(surface, 0)
    assert not backdrop._failed
    assert [c[0] for c in backdrop._cast()] == ["malik", "lena"]


def test_large_dialogue_text_grows_the_box_and_each_size_replays(booted, tmp_path):
    """text_size lays out the choice menu (what a click picks), so it is a simulation setting: a run at
    either size records its size and verifies."""
    import pygame

    from game.dialogue.layout import BOX_RECT
    from tests.replay_support import record_and_verify

    start = StartPoint.of("dialogue", node="malik_tour")
    for size in (1, 2):
        game = booted(start, persist=False)
        game.ctx.settings.set("text_size", size)
        for _ in range(200):
            game.step(ActionFrame())
        scene = game.ctx.scenes.top
        game.draw()
        if size == 2:
            from game.dialogue.model import Say

            long_line = Say("", "malik", "neutral", "word " * 60, None)
            assert scene._box(long_line, 2).top < BOX_RECT[1] and scene._box(long_line, 2).bottom == 350
            assert scene._box(long_line, 1) == pygame.Rect(BOX_RECT)
        assert isinstance(game.ctx.display.canvas, pygame.Surface)
        folder = tmp_path / f"size{size}"
        folder.mkdir()
        replay, verdict = record_and_verify(start, [ActionFrame()] * 200, folder, settings={"text_size": size})
        assert replay.header.settings["text_size"] == size and verdict.ticks == 200
