"""The context handed to every scene: the one place shared services live (no globals).

It holds the run (seed, RNG, tick counters), the scene stack, the settings, content paths, assets,
audio and the display. ``persist`` is false when a replay is being verified or watched: scenes must
then leave the player's files alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from game.app.settings import Settings, save_settings
from game.core.run import Run, StartPoint
from game.core.scenes import SceneStack
from game.paths import Paths

log = logging.getLogger(__name__)


class SilentAudio:
    """The audio service of a headless run: it accepts every call and plays nothing."""

    def play_sfx(self, name: str) -> None:
        pass

    def play_music(self, name: str, loop: bool = True) -> None:
        pass

    def stop_music(self) -> None:
        pass

    def set_volumes(self, master: float, music: float, sfx: float) -> None:
        pass


def initial_seen_lines(paths: Paths, persist: bool, options: dict) -> tuple[str, ...]:
    """The seen dialogue lines a new run starts with: given (a replay being verified), from disk, or none."""
    given = options.get("seen_lines")
    if given is not None:
        return tuple(sorted(given))
    if not persist:
        return ()
    from game.dialogue.seen import load_seen

    return tuple(sorted(load_seen(paths.data_dir)))


@dataclass
class Context:
    paths: Paths
    settings: Settings
    run: Run
    scenes: SceneStack = field(default_factory=SceneStack)
    assets: Any = None  # game.app.assets.Assets
    audio: Any = field(default_factory=SilentAudio)
    display: Any = None  # game.app.display.Display, None when there is no window
    dev: bool = False
    headless: bool = False
    persist: bool = True
    settings_writable: bool = True
    #: draw-only debug overlay (F3 in dev mode)
    debug_overlay: bool = False
    #: short messages for the player as (text, shown until run tick), e.g. "settings were damaged"
    notices: list[tuple[str, int]] = field(default_factory=list)
    #: called with (old_run, new_run) when a new run begins (replay recorders, speedrun timers)
    run_hooks: list[Any] = field(default_factory=list)
    #: extra options from the command line for the starting scene (e.g. a map path)
    options: dict[str, Any] = field(default_factory=dict)
    quit_requested: bool = False
    #: the device the player touched last ("keyboard", "mouse", "gamepad"); drawing state for prompts only
    last_device: str = "keyboard"
    #: listens for a new binding outside the simulation (``game.app.rebind.BindingCapture``; None headless-only
    #: contexts built without boot)
    capture: Any = None
    #: content loaded once per context and shared by scenes (e.g. the parsed dialogue)
    content: dict[str, Any] = field(default_factory=dict)
    #: the save service (``game.saves.service.SaveService``): autosaves, slots, unsaved progress
    saves: Any = None
    _story: Any = field(default=None, repr=False)

    @property
    def story(self):
        """The story layer (``game.story.director.Story``): chapters, objectives, difficulty, endings; it
        reads and writes ``run.story``, so it follows every new run by itself."""
        if self._story is None:
            from game.story.director import Story

            self._story = Story(self)
        return self._story

    def notify(self, text: str, ticks: int = 300) -> None:
        self.notices.append((text, self.run.tick + ticks))

    def current_notice(self) -> str | None:
        if self.notices and self.run.tick < self.notices[-1][1]:
            return self.notices[-1][0]
        return None

    def begin_run(self, start: StartPoint, seed: int | None = None) -> None:
        """Start a fresh run (new game, practice): new counters, a seed derived from this run's RNG."""
        old = self.run
        if seed is None:
            seed = old.rng.randint(0, 2**31 - 1)
        self.run = Run(seed=seed, start=start, seen_at_start=self.seen_lines_for_new_run())
        self.run.tick_listeners = old.tick_listeners
        self.notices.clear()
        for hook in self.run_hooks:
            hook(old, self.run)
        self.start(start)

    def seen_lines_for_new_run(self) -> tuple[str, ...]:
        return initial_seen_lines(self.paths, self.persist, self.options)

    def open_pause(self, restart: StartPoint | None = None, shade: int | None = None) -> None:
        """Push the pause menu (minigames ask through here, so they never import the menus above them)."""
        from game.scenes.pause import PauseScene

        if shade is None:
            self.scenes.push(PauseScene(self, restart=restart))
        else:
            self.scenes.push(PauseScene(self, restart=restart, shade=shade))

    def back_to_practice(self) -> None:
        """End a practice run and open the Practice menu over the title (Continue after a practice result)."""
        from game.scenes.practice_menu import back_to_practice

        back_to_practice(self)

    # what the title and practice menus offer (asked through here: the start points build those menus)
    def start_exists(self, name: str) -> bool:
        from game.starts import has_start

        return has_start(name)

    def continue_available(self) -> bool:
        """Whether the title can offer Continue (a sound save exists)."""
        from game.starts import continue_available

        return continue_available(self)

    def practice_entries(self) -> list:
        """The Practice menu's rows (``game.starts.PracticeEntry``)."""
        from game.starts import practice_entries

        return practice_entries(self)

    def request_quit(self) -> None:
        self.quit_requested = True

    def save_settings(self) -> None:
        if not (self.persist and self.settings_writable):
            return
        try:
            save_settings(self.settings, self.paths.settings_file)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
            self.notify("Settings could not be saved.")

    def start(self, start: StartPoint) -> None:
        """Clear the stack and begin at ``start`` (see ``game.starts``). A start point may build several scenes
        (a save: the map and the conversation over it), bottom first."""
        from game.starts import build_start

        built = build_start(self, start)
        first, *rest = built if isinstance(built, list | tuple) else (built,)
        self.scenes.clear(first)
        for scene in rest:
            self.scenes.push(scene)
