"""The save screens through the keys a player presses: Save from the pause menu, Load, Continue on the
title, the questions before losing unsaved progress, and the autosave when the game is closed."""

from __future__ import annotations

from game.app.boot import BootOptions, boot
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.saves import slots
from game.saves.screens import LoadScene, SaveScene
from game.scenes.confirm import ConfirmScene
from game.scenes.pause import PauseScene
from game.scenes.title import TitleScene
from game.world.scene import ExplorationScene

IDLE = ActionFrame()


def press(game, action: Action, times: int = 1) -> None:
    for _ in range(times):
        game.step(ActionFrame(action, action))
        game.step(IDLE)


def story(seed: int = 2):
    game = boot(BootOptions(start=StartPoint.of("new-game", difficulty="normal"), seed=seed, headless=True))
    for _ in range(30):
        game.step(ActionFrame(Action.RIGHT, 0))
    return game


def choose(game, key: str) -> None:
    """On the pause menu on top: move to ``key`` and choose it."""
    pause = game.ctx.scenes.top
    assert isinstance(pause, PauseScene)
    keys = [item.key for item in pause.menu.items]
    press(game, Action.DOWN, keys.index(key) - pause.menu.index)
    press(game, Action.CONFIRM)


def pause_to(game, key: str) -> None:
    press(game, Action.PAUSE)
    choose(game, key)


def test_the_pause_menu_saves_into_a_slot_with_a_thumbnail():
    game = story()
    ctx = game.ctx
    pause_to(game, "save")
    assert isinstance(ctx.scenes.top, SaveScene)
    press(game, Action.CONFIRM)  # slot 1, empty: saved at once
    assert isinstance(ctx.scenes.top, PauseScene) and ctx.current_notice() == "Saved in slot 1."
    info = slots.read_slot(ctx.paths.saves_dir, "1")
    assert info.state == "ok" and info.main.meta["reason"] == "manual"
    assert info.main.body["state"]["run"]["tick"] < ctx.run.tick  # the moment, not the menus after it
    assert slots.thumbnail_path(ctx.paths.saves_dir, "1").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # saving over it asks first
    press(game, Action.CONFIRM)
    press(game, Action.CONFIRM)
    assert isinstance(ctx.scenes.top, ConfirmScene)


def test_quit_to_title_asks_only_when_there_is_unsaved_progress():
    game = story()
    ctx = game.ctx
    pause_to(game, "title")
    assert isinstance(ctx.scenes.top, ConfirmScene) and "last save" in ctx.scenes.top.question
    press(game, Action.CANCEL)  # keep playing
    assert isinstance(ctx.scenes.top, PauseScene)
    press(game, Action.CANCEL)
    pause_to(game, "save")
    press(game, Action.CONFIRM)
    choose(game, "title")  # nothing to lose now: no question
    assert isinstance(ctx.scenes.top, TitleScene)


def test_a_practice_run_that_cannot_be_saved_offers_no_save_and_always_asks():
    game = boot(BootOptions(start=StartPoint.of("practice-swarm", level="tutorial"), seed=1, headless=True))
    pause = PauseScene(game.ctx, restart=game.ctx.run.start)
    assert [i.key for i in pause.menu.items] == ["resume", "restart", "settings", "title"]
    assert pause._guarded() == "always"


def test_load_from_the_pause_menu_goes_back_to_the_save_and_continue_on_the_title_to_the_newest():
    game = story()
    ctx = game.ctx
    pause_to(game, "save")
    press(game, Action.CONFIRM)
    saved = slots.read_slot(ctx.paths.saves_dir, "1").main.body
    press(game, Action.CANCEL)
    for _ in range(40):
        game.step(ActionFrame(Action.DOWN, 0))
    pause_to(game, "load")
    load = ctx.scenes.top
    assert isinstance(load, LoadScene) and [i.key for i in load.menu.items] == ["auto", "1", "2", "3"]
    press(game, Action.DOWN)
    press(game, Action.CONFIRM)  # slot 1: unsaved progress since, so it asks
    assert isinstance(ctx.scenes.top, ConfirmScene)
    press(game, Action.UP)
    press(game, Action.CONFIRM)
    assert ctx.run.start.name == "save" and ctx.run.base_tick == saved["state"]["run"]["tick"]
    explore = ctx.scenes.scenes[0]
    assert isinstance(explore, ExplorationScene)
    assert ctx.run.story.to_data() == saved["state"]["run"]["story"]
    assert explore.core.player.x == saved["state"]["map"]["player"]["x"]
    ctx.begin_run(StartPoint.of("title"))
    title = ctx.scenes.top
    assert [i.key for i in title.menu.items][:3] == ["new", "continue", "load"]
    press(game, Action.DOWN)
    press(game, Action.CONFIRM)
    newest = slots.newest(ctx.paths.saves_dir).usable.body
    assert ctx.run.start.name == "save" and ctx.run.base_tick == newest["state"]["run"]["tick"]


def test_a_damaged_slot_shows_its_reason_and_loads_its_sound_backup():
    game = story()
    ctx = game.ctx
    ctx.saves.save("2")
    for _ in range(20):
        game.step(IDLE)
    ctx.saves.save("2")
    path = slots.slot_path(ctx.paths.saves_dir, "2")
    path.write_bytes(path.read_bytes()[:-40])
    before = path.read_bytes()
    load = LoadScene(ctx, over_game=True)
    assert load.infos["2"].state == "damaged" and "truncated" in load.infos["2"].main.reason
    ctx.scenes.push(load)
    game.draw()  # the damaged row draws its reason and the backup on offer
    press(game, Action.DOWN, 2)
    press(game, Action.CONFIRM)
    press(game, Action.UP)
    press(game, Action.CONFIRM)
    backup = slots.read_file(slots.backup_path(ctx.paths.saves_dir, "2")).body
    assert ctx.run.start.name == "save" and ctx.run.base_tick == backup["state"]["run"]["tick"]
    assert path.read_bytes() == before


def test_closing_the_game_autosaves_unsaved_progress_and_not_otherwise():
    game = story()
    ctx = game.ctx
    game.close()
    auto = slots.read_slot(ctx.paths.saves_dir, "auto").main
    assert auto.meta["reason"] == "closed" and auto.body["state"]["run"]["tick"] == ctx.run.tick
    title = boot(BootOptions(start=StartPoint.of("title"), seed=1, headless=True))
    title.run_headless(10)
    title.close()
    assert slots.read_slot(ctx.paths.saves_dir, "auto").main.meta["reason"] == "closed"
    assert slots.read_slot(ctx.paths.saves_dir, "auto").backup.meta["reason"] == "chapter"


def test_loading_a_save_is_not_news_no_autosave_follows_it():
    from game.saves.service import begin_from_save

    game = story()
    ctx = game.ctx
    assert ctx.saves.save("1")
    auto = slots.slot_path(ctx.paths.saves_dir, "auto")
    before = auto.read_bytes()
    begin_from_save(ctx, slots.read_slot(ctx.paths.saves_dir, "1").main.body)
    for _ in range(60):
        game.step(IDLE)
    assert auto.read_bytes() == before and ctx.saves.unsaved_progress()


def test_the_title_load_screen_starts_the_chosen_save_without_asking():
    game = story()
    ctx = game.ctx
    assert ctx.saves.save("2")
    chosen = slots.read_slot(ctx.paths.saves_dir, "2").main.body
    ctx.begin_run(StartPoint.of("title"))
    title = ctx.scenes.top
    keys = [i.key for i in title.menu.items]
    press(game, Action.DOWN, keys.index("load") - title.menu.index)
    press(game, Action.CONFIRM)
    load = ctx.scenes.top
    assert isinstance(load, LoadScene) and not load.over_game
    game.draw()  # drawn over the title, opaque
    press(game, Action.DOWN, 2)  # auto, 1, 2
    press(game, Action.CONFIRM)
    assert ctx.run.start.name == "save" and ctx.run.base_tick == chosen["state"]["run"]["tick"]
