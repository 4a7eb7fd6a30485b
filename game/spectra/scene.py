"""The SPECTRA dive as a scene: wires a ``Dive`` to the scene stack, sound and the results.

The scene loads the encounter, draws the layers from the run's ``spectra`` random stream (same seed,
same puzzles), feeds each tick's action frame to the dive, plays the cues it raises, opens the pause
menu, marks the speedrun split when the dive ends, and hands back an ``Outcome`` (story) or offers
Retry / Quit to title (practice). Drawing is ``render.DiveRenderer``; it reads, never writes.
"""

from __future__ import annotations

import pygame

from game.core.actions import Action, ActionFrame
from game.core.outcome import Outcome
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.spectra.encounter import load
from game.spectra.generator import generate_dive
from game.spectra.puzzle import Dive
from game.spectra.render import DiveRenderer


class SpectraScene(Scene):
    def __init__(self, ctx, encounter: str, difficulty: str, on_finish=None, *,
                 restart: StartPoint | None = None) -> None:
        self.ctx = ctx
        self.encounter_name = encounter
        self.difficulty = difficulty
        self.on_finish = on_finish
        self.restart = restart
        data = load(ctx.paths.encounters, encounter)
        if difficulty not in data.difficulties:
            raise KeyError(f"unknown difficulty {difficulty!r} (easy, normal or hard)")
        tuning = data.tuning(difficulty)
        # the run's "spectra" stream, split per encounter so that chapter 3 never replays chapter 2's layer
        layers = generate_dive(ctx.run.rng.stream("spectra").stream(encounter), tuning)
        self.dive = Dive(layers, tuning, title=data.title, intro=data.intro, voice=data.voice,
                         practice=on_finish is None, lesson=data.lesson)
        self.marked = False
        self.done = False
        self._renderer: DiveRenderer | None = None

    def enter(self) -> None:
        self.ctx.audio.play_music("spectra")

    def update(self, frame: ActionFrame) -> None:
        if self.done:
            return
        dive = self.dive
        if frame.was_pressed(Action.PAUSE) and not dive.finished:
            # Escape is both "back" and "pause": inside the editor, the debugger or the reference it only goes back.
            backing_out = frame.was_pressed(Action.CANCEL) and (dive.editor is not None or dive.debug is not None
                                                                 or dive.reference is not None or dive.panel != "code")
            if not backing_out:
                self.ctx.audio.play_sfx("ui_confirm")
                # the dive's screen is dark already: the pause shade has to be deep to read as paused
                self.ctx.open_pause(restart=self.restart, shade=215)
                return
        choice = dive.update(frame)
        for cue in dive.cues:
            self.ctx.audio.play_sfx(cue)
        if dive.finished and not self.marked:
            self.marked = True
            self.ctx.run.mark(f"spectra:{self.encounter_name}")
        if choice == "retry" and self.restart is not None:
            self.ctx.begin_run(self.restart, seed=self.ctx.run.seed)
        elif choice == "quit":
            self.ctx.begin_run(StartPoint.of("title"))
        elif choice == "continue":
            self.done = True
            if self.on_finish is None:  # practice: back to the practice menu
                self.ctx.back_to_practice()
                return
            self.ctx.scenes.pop()
            self.on_finish(self.outcome())

    def outcome(self) -> Outcome:
        dive = self.dive
        return Outcome("spectra", self.encounter_name, dive.won, dive.score, dive.elapsed)

    def ended(self) -> Outcome | None:
        return self.outcome() if self.dive.finished else None

    def state_bytes(self) -> bytes:
        return self.dive.state_bytes() + f":{self.marked}:{self.done}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        if self._renderer is None:  # a cache of the font handle only; no game state
            self._renderer = DiveRenderer(self.ctx.assets.font())
        self._renderer.draw(surface, self.dive, keys=prompt_keys(self.ctx), flashes=self.ctx.settings["flashes"])


def prompt_keys(ctx) -> dict[str, str]:
    """What to press for each action the dive names, on the device used last."""
    from game.ui.prompts import action_label

    defaults = {"FOCUS": "q", "SPREAD": "e", "RECALL": "r", "HINT": "h", "HISTORY": "l", "NEXT": "tab",
                "PREV": "page up", "CONFIRM": "return", "CANCEL": "escape"}
    return {action: action_label(ctx, action, key) for action, key in defaults.items()}


def build(ctx, encounter: str, difficulty: str, on_finish) -> SpectraScene:
    """The minigame registry's builder (``game.minigames``)."""
    return SpectraScene(ctx, encounter, difficulty, on_finish)


def build_practice(ctx, start: StartPoint) -> SpectraScene:
    """The ``practice-spectra`` start point: encounter and difficulty from its parameters."""
    from game.spectra.encounter import EncounterError

    encounter = start.get("encounter", "first-layer") or "first-layer"
    difficulty = start.get("difficulty", "normal") or "normal"
    if difficulty not in ("easy", "normal", "hard"):
        raise EncounterError(f"unknown difficulty {difficulty!r} (easy, normal or hard)")
    return SpectraScene(ctx, encounter, difficulty, None, restart=start)
