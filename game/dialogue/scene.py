"""DialogueScene: the dialogue box drawn over the map, wiring a ``DialogueRunner`` to input and drawing.

``DialogueScene(ctx, node_id, host=None)`` is the public entry. The box shows the speaker's portrait
and name and types the text out at ``settings["text_speed"]`` characters per second (0 is instant),
counted in ticks. CONFIRM (or a click) completes the line, the next press advances. Choices are a menu
for keys, mouse and gamepad. HISTORY or the wheel opens the history screen; SKIP held fast-forwards
through lines seen in any playthrough (or any line in speedrun mode); ``auto_advance`` moves on by
itself after a pause that grows with the line's length.

Commands: ``wait`` is carried out here (the box hides for that many ticks); every other command goes to
the story layer, ``ctx.story.command(self, name, args)``, which plays minigames, shows chapter cards and
the credits, and hands map commands to ``host.dialogue_command``. When it pushed a scene (a minigame, a
card), the conversation waits until that scene calls ``resume_after(outcome)`` and then branches on the
``Outcome``. This package imports nothing above it: no minigames, no start points, no menus.

The ids of lines seen are kept in ``<data_dir>/seen_lines.json``, read and written only when
``ctx.persist`` (a replay being verified starts with none, so skip-seen cannot make it diverge;
speedrun mode, a simulation setting recorded in replays, lets every line be skipped).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import pygame

from game.core.actions import Action, ActionFrame
from game.core.scenes import Scene
from game.dialogue.layout import (
    BOX_RECT,
    CHOICE_LARGE_WRAP,
    CHOICE_MIN_TOP,
    CHOICE_TEXT_WIDTH,
    PORTRAIT_RECT,
    SCREEN_H,
    TEXT_WIDTH,
    TEXT_X,
    TEXT_Y,
)
from game.dialogue.loader import DialogueError
from game.dialogue.portraits import name_colour, portrait
from game.dialogue.runner import ChoiceEvent, CommandEvent, DialogueRunner, Ended, Event, LineEvent
from game.dialogue.seen import save_seen
from game.dialogue.validate import load_dialogue
from game.ui.palette import colour
from game.ui.widgets import Menu, MenuItem, draw_panel

log = logging.getLogger(__name__)

SKIP_EVERY = 3  # ticks between lines while skipping
BLIP_EVERY = 3  # characters between speaker blips
AUTO_BASE, AUTO_PER_CHAR = 50, 2  # auto-advance pause in ticks


def play(ctx, name: str) -> None:
    ctx.audio.play_sfx(name)


def shared_dialogue(ctx):
    """The game's dialogue, loaded and validated once per context."""
    cached = ctx.content.get("dialogue")
    if cached is None:
        cached = load_dialogue(ctx.paths.dialogue)
        ctx.content["dialogue"] = cached
    return cached


class DialogueScene(Scene):
    transparent = True

    @property
    def covers_bottom(self) -> int:
        """Pixels at the bottom of the screen the box covers: a map under it frames the speakers above it
        (taller with large text). Read for the camera's picture only, never for the simulation."""
        event = self.event
        if self.ctx.settings["text_size"] == 2 and self.menu is None and isinstance(event, LineEvent):
            return SCREEN_H - self._box(event.line, 2).y + 8
        return SCREEN_H - BOX_RECT[1] + 8

    def __init__(self, ctx, node_id: str | None, host=None, *, dialogue=None, runner_data: dict | None = None,
                 on_end: Callable[[], None] | None = None) -> None:
        self.ctx = ctx
        self.host = host
        self.on_end = on_end
        self.dialogue = dialogue if dialogue is not None else shared_dialogue(ctx)
        self.node_id = node_id
        self.font = ctx.assets.font()
        self.t = 0
        self.line_ticks = 0  # ticks since the current line appeared
        self.wait_ticks = 0  # ticks since the current line was complete (auto-advance)
        self.skip_ticks = 0
        self.waiting_for: str | None = None  # a minigame, a chapter card, a ``wait``... is running
        self.wait_left = 0  # ticks left of a ``wait`` command
        self.menu: Menu | None = None
        self.seen = ctx.run.seen_lines  # shared by every conversation of the run
        self._seen_changed = False
        self._wrapped: list[str] = []
        self._last_say = None  # the line a choice menu answers, kept on screen under the menu
        self.done = False
        self._view: dict | None = None  # counters to put back once a restored conversation is entered
        if runner_data is not None:
            self.runner = DialogueRunner.from_data(self.dialogue, ctx.run.story, runner_data)
            self._pending: Event | None = self.runner.current
        else:
            if node_id not in self.dialogue.nodes:
                raise DialogueError(f"no dialogue node called {node_id!r}")
            self.runner = DialogueRunner(self.dialogue, ctx.run.story)
            self._pending = None

    # saving ------------------------------------------------------------------------------------
    def save_data(self) -> dict:
        """JSON-able data that ``DialogueScene.from_save`` turns back into this conversation, same line."""
        return {"node": self.node_id, "runner": self.runner.to_data()}

    @classmethod
    def from_save(cls, ctx, data: dict, host=None, **kwargs) -> DialogueScene:
        return cls(ctx, data.get("node"), host, runner_data=data.get("runner", {}), **kwargs)

    def restore_view(self, view: dict) -> None:
        """Counters of a saved conversation (line reveal, waits, the choice menu's selection), put back when the
        scene is entered so it goes on exactly as the saved one would have."""
        self._view = dict(view)

    def _apply_view(self) -> None:
        view, self._view = self._view, None
        if view is None:
            return
        self.t, self.line_ticks = view["t"], view["line_ticks"]
        self.wait_ticks, self.skip_ticks = view["wait_ticks"], view["skip_ticks"]
        if hasattr(self, "wait_left") and self.waiting_for == "wait":
            self.wait_left = view.get("wait_left", self.wait_left)
        if self.menu is not None and view.get("menu") is not None and 0 <= view["menu"] < len(self.menu.items):
            self.menu.select(self.menu.items[view["menu"]].key)  # scrolled into view at large text
            self.menu._pointer = view.get("pointer")

    # stack hooks -------------------------------------------------------------------------------
    def enter(self) -> None:
        if self._pending is None:
            self._show(self.runner.start(self.node_id))
        else:
            self._show(self._pending)
        self._apply_view()

    def exit(self) -> None:
        if self._seen_changed and self.ctx.persist:
            save_seen(self.ctx.paths.data_dir, self.seen)
        self._seen_changed = False

    # the conversation --------------------------------------------------------------------------
    @property
    def event(self) -> Event:
        return self.runner.current

    @property
    def line_complete(self) -> bool:
        event = self.event
        return isinstance(event, LineEvent) and self.revealed >= len(event.line.text)

    @property
    def revealed(self) -> int:
        """How many characters of the current line are showing."""
        event = self.event
        if not isinstance(event, LineEvent):
            return 0
        speed = self.ctx.settings["text_speed"]
        if speed <= 0 or self.ctx.settings["speedrun_mode"]:
            return len(event.line.text)
        return min(len(event.line.text), self.line_ticks * speed // 60)

    def _show(self, event: Event) -> None:
        """Carry out commands until there is a line, a menu or the end to show."""
        while isinstance(event, CommandEvent):
            if event.name == "wait":
                self.waiting_for, self.wait_left = "wait", int(event.args.get("ticks", 1))
                return
            story = getattr(self.ctx, "story", None)
            if story is None:
                log.info("dialogue command %s %s: no story layer to carry it out", event.name, event.args)
                event = self.runner.resume(None)
                continue
            result = story.command(self, event.name, event.args)
            if isinstance(result, str):
                self.waiting_for = result  # a scene was pushed; it calls resume_after when it is done
                return
            event = self.runner.resume(result)
        self.line_ticks = self.wait_ticks = 0
        self.menu = None
        if isinstance(event, LineEvent):
            self._last_say = event.line
            self._wrapped = self.font.wrap(event.line.text, TEXT_WIDTH)
            if self.ctx.settings["text_speed"] <= 0 or self.ctx.settings["speedrun_mode"]:
                self._blip(event)
        elif isinstance(event, ChoiceEvent):
            self.menu = self._choice_menu(event)
        elif isinstance(event, Ended):
            self._finish()

    def _choice_menu(self, event: ChoiceEvent) -> Menu:
        """The options as a menu above the box. Its layout decides what a pointer at a given spot picks, so it
        is simulation: it depends on ``text_size``, a simulation setting recorded in replays."""
        items = [MenuItem(o.id, o.text) for o in event.options]
        font = self.font
        if self.ctx.settings["text_size"] != 2:
            width = min(CHOICE_TEXT_WIDTH, max(font.width(o.text) for o in event.options)) + 40
            height = len(items) * (font.line_height + 6)
            return Menu(items, font, center_x=BOX_RECT[0] + BOX_RECT[2] - 12 - width // 2,
                        top=BOX_RECT[1] - 14 - height, width=width)
        # large text: letters twice the size, long options over two lines, every row as tall as the tallest
        text_w = min(CHOICE_LARGE_WRAP, max(font.width(o.text, scale=2) for o in event.options))
        lines = max(len(font.wrap(o.text, text_w, scale=2)) for o in event.options)
        row_height = lines * font.line_height * 2 + 6
        fit = max(1, (BOX_RECT[1] - 14 - CHOICE_MIN_TOP) // row_height)  # more rows than fit scroll
        shown = min(len(items), fit)
        width = text_w + 40
        return Menu(items, font, center_x=BOX_RECT[0] + BOX_RECT[2] - 12 - width // 2,
                    top=BOX_RECT[1] - 14 - shown * row_height, width=width, row_height=row_height, scale=2,
                    visible_rows=shown if shown < len(items) else None, wrap_width=text_w)

    def _finish(self) -> None:
        if self.done:
            return
        self.done = True
        self.ctx.scenes.pop()
        if self.on_end is not None:
            self.on_end()

    def resume_after(self, outcome=None) -> None:
        """Go on after what the conversation waited for (a minigame's ``Outcome`` picks on_win/on_lose)."""
        self.waiting_for = None
        if not self.done:
            self._show(self.runner.resume(outcome))

    def _advance(self) -> None:
        event = self.event
        if isinstance(event, LineEvent):
            if event.id not in self.seen:
                self.seen.add(event.id)
                self._seen_changed = True
            self._show(self.runner.advance())

    def _blip(self, event: LineEvent) -> None:
        speaker = self.dialogue.declarations.speakers.get(event.line.speaker)
        if speaker is not None and speaker.blip:
            self.ctx.audio.play_sfx(speaker.blip)

    # input -------------------------------------------------------------------------------------
    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if self.waiting_for == "wait":
            if frame.was_pressed(Action.PAUSE) and getattr(self.ctx, "story", None) is not None:
                self.ctx.story.pause()  # a staged moment (Lena walking in, rooms lighting up) can be paused
                return
            self.wait_left -= 1
            if self.wait_left <= 0:
                self.resume_after(None)
            return
        if self.waiting_for is not None or self.done:
            return
        if frame.was_pressed(Action.PAUSE) and getattr(self.ctx, "story", None) is not None:
            self.ctx.story.pause()
            return
        if frame.pressed & (Action.HISTORY | Action.WHEEL_UP):
            from game.dialogue.history import HistoryScene

            names = {k: s.name for k, s in self.dialogue.declarations.speakers.items()}
            play(self.ctx, "ui_confirm")
            self.ctx.scenes.push(HistoryScene(self.ctx, list(self.runner.history), names))
            return
        event = self.event
        if isinstance(event, LineEvent):
            self._update_line(event, frame)
        elif isinstance(event, ChoiceEvent) and self.menu is not None:
            result = self.menu.update(frame)
            if result is None:
                return
            kind, key = result
            if kind == "move":
                play(self.ctx, "ui_move")
            elif kind == "choose":
                play(self.ctx, "ui_confirm")
                self._show(self.runner.choose(key))

    def _update_line(self, event: LineEvent, frame: ActionFrame) -> None:
        before = self.revealed
        self.line_ticks += 1
        after = self.revealed
        text = event.line.text
        crossed = after // BLIP_EVERY != before // BLIP_EVERY
        if after > before and crossed and any(ch != " " for ch in text[before:after]):
            self._blip(event)
        skippable = self.ctx.settings["speedrun_mode"] or event.id in self.seen
        if frame.is_held(Action.SKIP) and skippable:
            self.skip_ticks += 1
            if self.skip_ticks >= SKIP_EVERY:
                self.skip_ticks = 0
                self._advance()
            return
        self.skip_ticks = SKIP_EVERY - 1  # the first skipped line goes at once
        if frame.pressed & (Action.CONFIRM | Action.POINTER):
            if self.line_complete:
                play(self.ctx, "ui_move")
                self._advance()
            else:
                self.line_ticks = 1 << 20  # show the rest of the line now
            return
        if self.line_complete:
            self.wait_ticks += 1
            if self.ctx.settings["auto_advance"] and self.wait_ticks >= AUTO_BASE + AUTO_PER_CHAR * len(text):
                self._advance()

    def state_bytes(self) -> bytes:
        menu = self.menu.index if self.menu is not None else -1
        return (self.runner.state_bytes()
                + f"|{self.t}:{self.line_ticks}:{self.wait_ticks}:{self.skip_ticks}:{menu}:{self.waiting_for}"
                  f":{self.wait_left}".encode())

    # drawing -----------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        event = self.event
        if self.waiting_for is not None or isinstance(event, Ended):
            return
        line = event.line if isinstance(event, LineEvent) else None
        if line is None:
            # a menu: keep the question that led to it on screen
            line = self._last_line()
        # large text (settings): the spoken line is drawn twice the size in a taller box; while choices
        # are open (large too) the question keeps the normal size, so the box stays under them
        scale = 2 if self.ctx.settings["text_size"] == 2 and self.menu is None and line is not None else 1
        box = self._box(line, scale)
        # a soft shade at the bottom of the screen so the box reads over any map
        shade = pygame.Surface((surface.get_width(), box.height + 40), pygame.SRCALPHA)
        for i in range(shade.get_height()):
            shade.fill((*colour("ink"), min(120, i * 3)), pygame.Rect(0, i, shade.get_width(), 1))
        surface.blit(shade, (0, surface.get_height() - shade.get_height()))
        draw_panel(surface, box, alpha=236)
        if line is not None:
            self._draw_line(surface, box, line, isinstance(event, LineEvent), scale)
        if self.menu is not None:
            panel = self.menu.rect.inflate(16, 12)
            draw_panel(surface, panel, accent="amber")
            self.menu.draw(surface, tick=self.t, align="left")
        self._draw_badges(surface, box)

    def _last_line(self):
        from game.dialogue.model import Say

        if self._last_say is not None:
            return self._last_say
        if not self.runner.history:
            return None
        for speaker, text in reversed(self.runner.history):
            if speaker:
                return Say("", speaker, "neutral", text, None)
        return None

    def _box(self, line, scale: int) -> pygame.Rect:
        """The dialogue box: the usual one, or taller (growing upwards) for a line at large text."""
        box = pygame.Rect(BOX_RECT)
        if scale == 1:
            return box
        rows = len(self.font.wrap(line.text, TEXT_WIDTH // 2, scale=1))
        height = max(box.height, 24 + rows * self.font.line_height * 2)
        return pygame.Rect(box.x, box.bottom - height, box.width, height)

    def _draw_line(self, surface: pygame.Surface, box: pygame.Rect, line, current: bool, scale: int = 1) -> None:
        font = self.font
        speaker = self.dialogue.declarations.speakers.get(line.speaker)
        face = portrait(self.ctx.assets, speaker.portrait if speaker else None, line.mood)
        text_x = TEXT_X
        if face is not None:
            frame = pygame.Rect(PORTRAIT_RECT).move(0, box.y - BOX_RECT[1])
            pygame.draw.rect(surface, colour("ink"), frame)
            pygame.draw.rect(surface, name_colour(line.speaker), frame, 1)
            pygame.draw.rect(surface, colour("navy"), frame.inflate(-2, -2), 1)
            surface.blit(face, (frame.x + 4, frame.y + 4))
        else:
            text_x = box.x + 18
        name = speaker.name if speaker else line.speaker
        if name:
            tag_w = font.width(name) + 16
            tag = pygame.Rect(box.x + (PORTRAIT_RECT[2] + 20 if face is not None else 10), box.y - 9, tag_w, 16)
            draw_panel(surface, tag, accent="cyan", fill="ink", alpha=250)
            font.draw(surface, name, (tag.x + 8, tag.y + 3), name_colour(line.speaker), shadow=colour("ink"))
        tone = colour("mist") if line.speaker == "narrator" else colour("paper")
        shown = self.revealed if current else len(line.text)
        if scale == 2:
            wrapped = font.wrap(line.text, TEXT_WIDTH // 2)
        else:
            wrapped = self._wrapped if current else font.wrap(line.text, TEXT_WIDTH)
        glitch = line.speaker == "spectra" and line.mood == "angry" and self.ctx.settings["flashes"]
        y = TEXT_Y + (box.y - BOX_RECT[1]) + (4 if name else 0)
        left = shown
        for row in wrapped:
            if left <= 0:
                break
            part = row[:left]
            left -= len(row) + 1  # the wrapped space
            if glitch and (self.t // 4) % 3 == 0:
                font.draw(surface, part, (text_x - scale, y), colour("magenta"), scale=scale)
                font.draw(surface, part, (text_x + scale, y), colour("cyan"), scale=scale)
            font.draw(surface, part, (text_x, y), tone, shadow=colour("ink"), scale=scale)
            y += font.line_height * scale
        if current and self.line_complete:
            # a bobbing arrow: press to go on
            bob = (self.t // 15) % 2
            x, yb = box.right - 18, box.bottom - 12 + bob
            pygame.draw.polygon(surface, colour("cyan_light"), [(x, yb - 4), (x + 7, yb - 4), (x + 3, yb)])

    def _draw_badges(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        font = self.font
        badges = []
        if self.ctx.settings["auto_advance"]:
            badges.append("AUTO")
        if self.ctx.settings["speedrun_mode"]:
            badges.append("SPEEDRUN")
        if badges:
            font.draw(surface, "  ".join(badges), (box.right - 10, box.y + 5), colour("amber"), align="right")
        if isinstance(self.event, ChoiceEvent):
            from game.ui.prompts import action_label

            font.draw(surface, f"{action_label(self.ctx, 'HISTORY', 'l')} history", (box.right - 10, box.bottom - 14),
                      colour("steel"), align="right")
