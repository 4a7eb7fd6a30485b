"""The story's own screens: the difficulty choice at New game, chapter title cards, the journal, the credits.

All timers count ticks; each scene's ``state_bytes`` holds what it changes, so replays of a new game
(the difficulty is chosen with the menu, an input like any other) verify.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.story.difficulty import BLURBS, LABELS, STORY_DIFFICULTIES
from game.ui.palette import colour
from game.ui.widgets import Menu, MenuItem, draw_panel

SCREEN_W, SCREEN_H = 640, 360
CARD_FADE = 24  # ticks to black and back
CARD_HOLD = 210  # ticks the title stays up (CONFIRM moves on after CARD_MIN)
CARD_MIN = 40
THE_END = 240
CREDITS_SPEED = 3  # ticks per pixel the credits scroll (CONFIRM held: 3 times faster)


def _sfx(ctx, name: str) -> None:
    ctx.audio.play_sfx(name)


class DifficultyScene(Scene):
    """New game: Story, Normal or Hard, then the opening. ``then(ctx)`` returns the first scene of the story."""

    counts_game_time = False

    def __init__(self, ctx, then: Callable[[], Scene]) -> None:
        self.ctx = ctx
        self.then = then
        self.t = 0
        items = [MenuItem(d, LABELS[d], hint=BLURBS[d]) for d in STORY_DIFFICULTIES]
        self.menu = Menu(items, ctx.assets.font(), center_x=320, top=150, width=200)
        self.menu.index = STORY_DIFFICULTIES.index("normal")

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.pressed & Action.CANCEL:
            _sfx(self.ctx, "ui_cancel")
            self.ctx.begin_run(StartPoint.of("title"))
            return
        event = self.menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            _sfx(self.ctx, "ui_move")
        elif kind == "choose":
            _sfx(self.ctx, "ui_confirm")
            self.ctx.story.set_difficulty(key)
            self.ctx.scenes.replace(self.then())

    def state_bytes(self) -> bytes:
        return f"difficulty:{self.t}:{self.menu.index}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        surface.fill(colour("ink"))
        font.draw(surface, "A new day at NeoSmiles", (320, 70), colour("white"), scale=2, outline=colour("navy"),
                  align="center")
        font.draw(surface, "How should the emergencies feel?", (320, 110), colour("paper"), align="center")
        draw_panel(surface, self.menu.rect.inflate(24, 16))
        self.menu.draw(surface, tick=self.t)
        hint = self.menu.selected.hint
        for i, line in enumerate(font.wrap(hint, 400)):
            font.draw(surface, line, (320, 250 + i * font.line_height), colour("cyan_light"), align="center")
        font.draw(surface, "You can change it at any time: pause, then Settings or Journal.", (320, 320),
                  colour("fog"), align="center")


class ChapterCardScene(Scene):
    """A fade to black, the chapter's number, title and time skip, and a fade back in.

    ``at_black`` runs once at full black (Lena is moved there), ``done`` after the scene has popped.
    ``from_black``: the screen is black already (a run that begins at the chapter): no fade out."""

    transparent = True

    def __init__(self, ctx, chapter, *, at_black: Callable[[], None] | None = None,
                 done: Callable[[], None] | None = None, from_black: bool = False) -> None:
        self.ctx = ctx
        self.chapter = chapter
        self.at_black = at_black
        self.done = done
        self.t = 0
        self.phase = "hold" if from_black else "out"  # out | hold | in
        self.phase_t = 0

    def enter(self) -> None:
        _sfx(self.ctx, "ui_confirm")

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        self.phase_t += 1
        if self.phase == "out" and self.phase_t >= CARD_FADE:
            self.phase, self.phase_t = "hold", 0
            if self.at_black is not None:
                self.at_black()
        elif self.phase == "hold":
            skip = self.phase_t >= CARD_MIN and frame.pressed & (Action.CONFIRM | Action.POINTER | Action.CANCEL)
            if self.phase_t >= CARD_HOLD or skip:
                self.phase, self.phase_t = "in", 0
        elif self.phase == "in" and self.phase_t >= CARD_FADE:
            self.ctx.scenes.pop()
            if self.done is not None:
                self.done()

    def state_bytes(self) -> bytes:
        return f"card:{self.chapter.id}:{self.t}:{self.phase}:{self.phase_t}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        if self.phase == "out":
            level = min(255, self.phase_t * 255 // CARD_FADE)
        elif self.phase == "in":
            level = max(0, 255 - self.phase_t * 255 // CARD_FADE)
        else:
            level = 255
        shade = pygame.Surface((SCREEN_W, SCREEN_H), pygame.SRCALPHA)
        shade.fill((*colour("ink"), level))
        surface.blit(shade, (0, 0))
        if self.phase != "hold":
            return
        font = self.ctx.assets.font()
        reveal = min(255, self.phase_t * 8)
        card = pygame.Surface((SCREEN_W, SCREEN_H), pygame.SRCALPHA)
        font.draw(card, f"Chapter {self.chapter.id}", (320, 136), colour("cyan"), scale=2, align="center")
        font.draw(card, self.chapter.title, (320, 166), colour("white"), scale=3, outline=colour("navy"),
                  align="center")
        pygame.draw.line(card, colour("teal"), (250, 208), (390, 208))
        if self.chapter.card:
            font.draw(card, self.chapter.card, (320, 218), colour("paper"), scale=2, align="center")
        card.set_alpha(reveal)
        surface.blit(card, (0, 0))


class JournalScene(Scene):
    """The pause menu's journal: the chapter, the goal, the hint, what has happened; the difficulty."""

    transparent = True
    counts_game_time = False

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.t = 0
        self.scroll = 0

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.pressed & (Action.CANCEL | Action.PAUSE | Action.CONFIRM):
            _sfx(self.ctx, "ui_cancel")
            self.ctx.scenes.pop()
            return
        if frame.pressed & (Action.LEFT | Action.RIGHT):
            order = list(STORY_DIFFICULTIES)
            step = 1 if frame.pressed & Action.RIGHT else -1
            current = self.ctx.story.difficulty
            index = (order.index(current) + step) % len(order) if current in order else 1
            self.ctx.story.set_difficulty(order[index])
            _sfx(self.ctx, "ui_move")
        if frame.pressed & (Action.DOWN | Action.WHEEL_DOWN):
            self.scroll += 1
        if frame.pressed & (Action.UP | Action.WHEEL_UP):
            self.scroll = max(0, self.scroll - 1)

    def state_bytes(self) -> bytes:
        return f"journal:{self.t}:{self.scroll}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        journal = self.ctx.story.journal()
        shade = pygame.Surface((SCREEN_W, SCREEN_H), pygame.SRCALPHA)
        shade.fill((*colour("ink"), 170))
        surface.blit(shade, (0, 0))
        rect = pygame.Rect(60, 24, 520, 312)
        draw_panel(surface, rect, accent="amber", alpha=250)
        x, y = rect.x + 16, rect.y + 10
        lh = font.line_height
        font.draw(surface, "Journal", (x, y), colour("amber"), scale=2)
        font.draw(surface, f"Chapter {journal.chapter}: {journal.title}", (rect.right - 16, y + 4),
                  colour("white"), align="right")
        y += 2 * lh + 8
        font.draw(surface, "Now", (x, y), colour("cyan"))
        y += lh + 2
        goal = journal.objective.text if journal.objective else "The story is told."
        for line in font.wrap(goal, rect.width - 40):
            font.draw(surface, line, (x + 8, y), colour("white"))
            y += lh
        if journal.objective and journal.objective.hint:
            for line in font.wrap(journal.objective.hint, rect.width - 40):
                font.draw(surface, line, (x + 8, y), colour("fog"))
                y += lh
        y += 6
        font.draw(surface, "So far", (x, y), colour("cyan"))
        y += lh + 2
        lines = []
        for item in reversed(journal.done):
            wrapped = font.wrap(item, rect.width - 52)
            lines.append("\u2022 " + wrapped[0] if font.has_glyph("\u2022") else "- " + wrapped[0])
            lines += ["  " + rest for rest in wrapped[1:]]
        if not lines:
            lines = ["Nothing yet. The day has only begun."]
        room = (rect.bottom - 40 - y) // lh
        self.scroll = min(self.scroll, max(0, len(lines) - room))
        for line in lines[self.scroll:self.scroll + room]:
            font.draw(surface, line, (x + 8, y), colour("paper"))
            y += lh
        footer = f"Difficulty: \u25c0 {LABELS.get(journal.difficulty, journal.difficulty)} \u25b6"
        if not font.has_glyph("\u25c0"):
            footer = f"Difficulty: < {LABELS.get(journal.difficulty, journal.difficulty)} >"
        font.draw(surface, footer, (x, rect.bottom - 22), colour("amber"))
        from game.ui.prompts import action_label

        keys = f"{action_label(self.ctx, 'LEFT', 'left')}/{action_label(self.ctx, 'RIGHT', 'right')}"
        font.draw(surface, f"{keys}: difficulty   {action_label(self.ctx, 'CANCEL', 'escape')}: back",
                  (rect.right - 16, rect.bottom - 22), colour("fog"), align="right")


CAST = (
    ("Dr. Lena Torres", "founder of NeoSmiles"),
    ("Malik", "technician, oldest friend"),
    ("Jenna Hale", "patient, and then advocate"),
    ("Dr. Simon Kwan", "the practice at the end of the street"),
    ("SPECTRA", "the clinic's AI"),
    ("Inspector Ilse Vale", "Dental Health Authority"),
    ("Rowan", "a voice of the anti-tech movement"),
    ("Councillor Priya Ames", "the debate's moderator"),
    ("Mr. Okafor, Mrs. Marlow and Theo", "the waiting room"),
    ("Three hundred neighbours", "the Civic Hall"),
)
TOOLS = ("Python", "pygame-ce", "pytmx", "PyYAML", "NumPy", "pytest", "Tiled map editor",
         "art, sound and font generated by scripts in tools/")


class CreditsScene(Scene):
    """"The End", the credits scrolling up, then the title screen. CONFIRM held scrolls faster; CANCEL skips."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.t = 0
        self.offset = 0  # pixels scrolled, in ticks * speed
        self.lines = self._lines()

    def _lines(self) -> list[tuple[str, str, int]]:
        ending = self.ctx.run.story.ending
        titles = {"bridge": "The bridge", "crossroads": "The crossroads", "reboot": "The reboot"}
        out = [("NeoSmiles", "cyan", 3), ("", "", 1)]
        if ending:
            out += [(f"Ending: {titles.get(ending, ending)}", "amber", 1), ("", "", 1)]
        out += [("Cast", "cyan", 2), ("", "", 1)]
        for name, role in CAST:
            out += [(name, "white", 1), (role, "fog", 1), ("", "", 1)]
        out += [("", "", 1), ("Made with", "cyan", 2), ("", "", 1)]
        out += [(tool, "paper", 1) for tool in TOOLS]
        out += [("", "", 1), ("", "", 1), ("Thank you for playing.", "white", 2)]
        return out

    @property
    def height(self) -> int:
        font = self.ctx.assets.font()
        return sum(font.line_height * scale + 4 for _, _, scale in self.lines)

    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if self.t <= THE_END:
            if self.t > 60 and frame.pressed & (Action.CONFIRM | Action.CANCEL | Action.POINTER):
                self.t = THE_END
            return
        self.offset += 3 if frame.is_held(Action.CONFIRM) else 1
        end = (self.height + SCREEN_H) * CREDITS_SPEED
        if self.offset >= end or frame.pressed & Action.CANCEL:
            self.ctx.begin_run(StartPoint.of("title"))

    def state_bytes(self) -> bytes:
        return f"credits:{self.t}:{self.offset}".encode()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        font = self.ctx.assets.font()
        surface.fill(colour("ink"))
        if self.t <= THE_END:
            level = min(255, self.t * 4)
            text = pygame.Surface((SCREEN_W, SCREEN_H), pygame.SRCALPHA)
            font.draw(text, "The End", (320, 160), colour("white"), scale=3, outline=colour("navy"), align="center")
            text.set_alpha(level)
            surface.blit(text, (0, 0))
            return
        y = SCREEN_H - self.offset // CREDITS_SPEED
        for text, name, scale in self.lines:
            h = font.line_height * scale + 4
            if text and -h < y < SCREEN_H:
                font.draw(surface, text, (320, y), colour(name), scale=scale, align="center")
            y += h
