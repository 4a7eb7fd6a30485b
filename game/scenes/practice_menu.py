"""Practice: pick any registered minigame encounter and play it on its own, with a random or fixed seed.

Each entry shows, on its right, the name the command line uses for it (``neosmiles practice swarm
--level tutorial``), so the menu and the command line speak alike. Swarm levels take the difficulty
chosen in the Difficulty row; SPECTRA entries carry their own.
"""

from __future__ import annotations

import pygame

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.scenes.common import draw_backdrop, play
from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import Menu, MenuItem, draw_panel

DIFFICULTIES = ("easy", "normal", "hard")


def command_name(start: StartPoint) -> str:
    """The name the command line gives an entry: the level or encounter, with its difficulty if fixed."""
    name = start.get("level") or start.get("encounter") or start.name
    difficulty = start.get("difficulty")
    return f"{name} {difficulty}" if difficulty and start.name != "practice-swarm" else name


def back_to_practice(ctx) -> None:
    """End the practice run and open the Practice menu over the title (Continue after a practice win)."""
    ctx.begin_run(StartPoint.of("title"))
    ctx.scenes.push(PracticeMenuScene(ctx))


class PracticeMenuScene(Scene):
    counts_game_time = False

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.t = 0
        self.entries = ctx.practice_entries()
        #: the seed practice runs start with; None derives a fresh one (a fixed seed repeats the encounter)
        self.seed: int | None = None
        #: the difficulty swarm levels are played at
        self.difficulty = "normal"
        items = self._items()
        top = max(70, 190 - len(items) * 9)
        self.menu = Menu(items, ctx.assets.font(), center_x=320, top=top, width=380)

    def _items(self) -> list[MenuItem]:
        items = [MenuItem(str(i), e.label, command_name(e.start), hint=e.blurb) for i, e in enumerate(self.entries)]
        if any(e.start.name == "practice-swarm" for e in self.entries):
            items.append(MenuItem("difficulty", "Swarm difficulty", self.difficulty.capitalize(),
                                  hint="\u2190\u2192 change how hard the swarm levels are: easy, normal or hard."))
        items.append(MenuItem("seed", "Seed", "Random" if self.seed is None else str(self.seed),
                              hint=f"\u2190\u2192 change, {action_label(self.ctx, 'NEXT', 'tab')} / "
                                   f"{action_label(self.ctx, 'PREV', 'page up')} by 100. A fixed seed repeats "
                                   "the encounter."))
        items.append(MenuItem("back", "Back"))
        return items

    def _change_seed(self, step: int) -> None:
        value = (0 if self.seed is None else self.seed) + step
        self.seed = None if value < 1 else min(value, 999_999)
        play(self.ctx, "ui_move")
        self.menu.set_items(self._items())

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.was_pressed(Action.CANCEL):
            play(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
            return
        if self.menu.selected.key == "seed" and frame.pressed & (Action.NEXT | Action.PREV):
            self._change_seed(100 if frame.was_pressed(Action.NEXT) else -100)
            return
        event = self.menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            play(self.ctx, "ui_move")
        elif kind in ("left", "right") and key == "seed":
            self._change_seed(-1 if kind == "left" else 1)
        elif (kind in ("left", "right") or kind == "choose") and key == "difficulty":
            step = -1 if kind == "left" else 1
            self.difficulty = DIFFICULTIES[(DIFFICULTIES.index(self.difficulty) + step) % len(DIFFICULTIES)]
            play(self.ctx, "ui_move")
            self.menu.set_items(self._items())
        elif kind == "choose":
            if key == "back":
                play(self.ctx, "ui_cancel")
                self.ctx.scenes.pop()
            elif key == "seed":
                self._change_seed(1 if self.seed is None else -self.seed)
            else:
                play(self.ctx, "ui_confirm")
                self.ctx.begin_run(self.start_of(int(key)), seed=self.seed)

    def start_of(self, index: int) -> StartPoint:
        """The entry's start point, a swarm level at the chosen difficulty."""
        start = self.entries[index].start
        if start.name == "practice-swarm":
            return StartPoint.of(start.name, **{**dict(start.params), "difficulty": self.difficulty})
        return start

    def state_bytes(self) -> bytes:
        return f"practice-menu:{self.t}:{self.menu.index}:{self.seed}:{self.difficulty}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        draw_backdrop(surface, self.t, self.ctx.assets)
        font.draw(surface, "PRACTICE", (320, self.menu.rect.y - 40), colour("white"), scale=2,
                  outline=colour("ink"), align="center")
        panel = self.menu.rect.inflate(20, 14)
        draw_panel(surface, panel, alpha=255)
        self.menu.draw(surface, tick=self.t, align="left")
        hint = self.menu.selected.hint
        if hint:
            for i, line in enumerate(font.wrap(hint, 420)):
                font.draw(surface, line, (320, panel.bottom + 8 + i * font.line_height), colour("mist"),
                          shadow=colour("ink"), align="center")
