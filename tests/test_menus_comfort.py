"""Menus that lose progress ask first; settings describe every row; the Controls screen lists every input."""

from __future__ import annotations

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
