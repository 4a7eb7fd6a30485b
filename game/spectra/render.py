"""Drawing a SPECTRA dive: a dark terminal of panels, syntax-coloured code and a glitching clock.

Reads the ``Dive`` and never changes it. Every position comes from ``layout`` (the same boxes the
pointer hit tests use). The faulty line is drawn exactly like every other line. Glitches (magenta and
cyan channel shifts, displaced scan bands) grow with the clock's pressure and are a pure function of
the dive's tick counter, so the same state always draws the same picture.
"""

from __future__ import annotations

import pygame

from game.spectra import layout
from game.spectra.layout import Box
from game.spectra.programs import by_name
from game.spectra.puzzle import Dive
from game.spectra.render_overlays import SYNTAX, OverlayPainter, format_clock, glitch_strength, noise_hash, to_rect
from game.ui.palette import colour
from game.ui.widgets import draw_panel

MESSAGE_TONES = {"spectra": "cyan_light", "malik": "orange", "good": "green", "bad": "magenta", "hint": "yellow"}


def _hover(boxes, pointer, active: bool) -> int | None:
    if not active:
        return None
    for i, box in enumerate(boxes):
        if box.contains(pointer):
            return i
    return None


class DiveRenderer(OverlayPainter):
    """Draws a dive. Panels are cached as pictures keyed by everything they show, so a frame only
    repaints what changed (the clock, glitches); the cache belongs to the view, never to the game."""

    def __init__(self, font) -> None:
        self.font = font
        #: action name -> what to press, as the prompts name it (set by the scene before each draw)
        self.keys: dict[str, str] = {}
        #: the player's "flashes" setting: off, nothing flickers
        self.flashes = True
        self._background_image: pygame.Surface | None = None
        self._scratch: pygame.Surface | None = None
        self._cache: dict[str, tuple[object, pygame.Surface]] = {}

    # -- the whole screen -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, dive: Dive, keys: dict[str, str] | None = None,
             flashes: bool = True) -> None:
        if keys is not None and keys != self.keys:
            self.keys = dict(keys)
            self._cache.clear()
        self.flashes = flashes
        if self._background_image is None or self._background_image.get_size() != surface.get_size():
            self._background_image = surface.copy()
            self._background(self._background_image, dive)
            self._scratch = surface.copy()
            self._cache.clear()
        surface.blit(self._background_image, (0, 0))
        self._header(surface, dive)
        playing = dive.phase == "play" and dive.editor is None
        rows = [layout.code_row(i) for i in range(len(dive.program))]
        cases = [layout.case_row(i) for i in range(len(dive.puzzle.visible))]
        debug = None if dive.debug is None else (dive.debug.case, dive.debug.pos, dive.patches, dive.program)
        g = glitch_strength(dive) if flashes else 0
        self._layer(surface, "code", layout.CODE,
                    (dive.program, dive.layer, dive.cursor, dive.panel, dive.editor is None,
                     tuple(sorted(dive.breakpoints)), debug, _hover(rows, dive.pointer, playing),
                     tuple(dive.hint_lines)), self._code, dive)
        self._layer(surface, "spec", layout.SPEC, (dive.layer, dive.puzzle.brief), self._spec, dive)
        self._layer(surface, "cases", layout.CASES,
                    (dive.layer, dive.results, dive.hidden_passed, dive.case_cursor, dive.panel, dive.editor is None,
                     debug, _hover(cases, dive.pointer, playing)), self._cases, dive)
        self._layer(surface, "machine", layout.MACHINE,
                    (dive.layer, debug, dive.case_cursor, dive.panel, dive.editor is None), self._machine, dive)
        self._layer(surface, "trace", layout.TRACE, (dive.layer, debug, dive.program, dive.panel, dive.editor is None),
                    self._trace, dive)
        buttons = list(layout.buttons().values())
        self._layer(surface, "toolbar", Box(0, layout.BUTTONS_Y, 640, layout.BUTTON_H),
                    (_hover(buttons, dive.pointer, dive.phase == "play"), dive.patches, dive.hints), self._toolbar,
                    dive)
        pupil = g > 50 and (dive.elapsed // 8) % 3 == 0
        self._layer(surface, "messages", layout.MESSAGES,
                    (tuple(dive.messages[-4:]), len(dive.messages), g > 30, pupil), self._messages, dive)
        if dive.editor is not None and dive.phase == "play":
            self._editor(surface, dive)
        self._glitch(surface, dive)
        if dive.phase == "play" and dive.editor is None and dive.reference is None:
            self._lesson(surface, dive)
        if dive.reference is not None and dive.phase == "play":
            self._reference(surface, dive)
        if dive.phase == "intro":
            self._intro(surface, dive)
        elif dive.phase == "cleared":
            self._cleared(surface, dive)
        elif dive.phase == "over":
            self._results(surface, dive)

    def _layer(self, surface: pygame.Surface, name: str, box: Box, key: object, painter, dive: Dive) -> None:
        """Blit the cached picture of a panel, repainting it first when its key changed."""
        area = pygame.Rect(box.x - 1, box.y - 1, box.w + 2, box.h + 4).clip(surface.get_rect())
        entry = self._cache.get(name)
        if entry is None or entry[0] != key:
            scratch = self._scratch
            assert scratch is not None and self._background_image is not None
            scratch.blit(self._background_image, area, area)
            painter(scratch, dive)
            entry = (key, scratch.subsurface(area).copy())
            self._cache[name] = entry
        surface.blit(entry[1], area)

    def _background(self, surface: pygame.Surface, dive: Dive) -> None:
        surface.fill(colour("ink"))
        grid = colour("night")
        for x in range(0, 640, 16):
            pygame.draw.line(surface, grid, (x, 26), (x, 359))
        for y in range(26, 360, 16):
            pygame.draw.line(surface, grid, (0, y), (639, y))

    def _panel(self, surface: pygame.Surface, box: Box, title: str, focused: bool, right: str = "",
               right_tone: str = "fog") -> None:
        draw_panel(surface, to_rect(box), accent="cyan" if focused else "teal_dark", fill="night", alpha=240)
        if title:
            self.font.draw(surface, title, (box.x + 6, box.y + 3), colour("cyan_light" if focused else "fog"))
        if right:
            self.font.draw(surface, right, (box.right - 6, box.y + 3), colour(right_tone), align="right")

    # -- header and clock -------------------------------------------------------------------------
    def _header(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        surface.fill(colour("night"), pygame.Rect(0, 0, 640, 24))
        pygame.draw.line(surface, colour("teal_dark"), (0, 24), (639, 24))
        self._eye(surface, 6, 3, dive)
        font.draw(surface, "SPECTRA//DEBUG", (30, 3), colour("cyan"))
        font.draw(surface, dive.title, (30, 13), colour("fog"))
        # layer pips
        x = 250
        for i in range(len(dive.layers)):
            done = i < dive.layers_cleared
            tone = "green" if done else "cyan" if i == dive.layer else "slate"
            pygame.draw.rect(surface, colour(tone), pygame.Rect(x + i * 14, 8, 10, 8), 0 if done or i == dive.layer
                             else 1)
        font.draw(surface, f"LAYER {dive.layer + 1}/{len(dive.layers)}", (x + len(dive.layers) * 14 + 4, 7),
                  colour("mist"))
        font.draw(surface, f"patches {dive.patches}   hints {dive.hints}/3", (372, 7), colour("fog"))
        if dive.penalty_flash:
            font.draw(surface, f"-{dive.last_penalty // 60}s", (486, 7), colour("magenta"))
        self._clock(surface, dive)

    def _clock(self, surface: pygame.Surface, dive: Dive) -> None:
        text = format_clock(dive.ticks_left)
        p = dive.pressure()
        tone = "cyan_light" if p < 500 else "amber" if p < 750 else "red"
        pos = (632, 2)
        g = glitch_strength(dive) if self.flashes else 0
        if g:
            shift = 1 + g // 30
            jitter = (noise_hash(dive.elapsed // 3) % 3) - 1 if g > 40 else 0
            self.font.draw(surface, text, (pos[0] - shift + jitter, pos[1]), colour("magenta"), scale=2,
                           align="right")
            self.font.draw(surface, text, (pos[0] + shift, pos[1] + (1 if g > 60 else 0)), colour("cyan"), scale=2,
                           align="right")
        blink = self.flashes and p >= 750 and dive.phase == "play" and (dive.ticks_left // 15) % 2 == 0
        self.font.draw(surface, text, pos, colour("white" if blink else tone), scale=2, align="right",
                       shadow=colour("ink"))

    def _eye(self, surface: pygame.Surface, x: int, y: int, dive: Dive) -> None:
        """SPECTRA's sign: a cyan geometric eye on navy."""
        surface.fill(colour("navy"), pygame.Rect(x, y, 18, 18))
        pygame.draw.rect(surface, colour("teal"), pygame.Rect(x, y, 18, 18), 1)
        cx, cy = x + 9, y + 9
        pygame.draw.polygon(surface, colour("cyan"), [(x + 2, cy), (cx, y + 4), (x + 15, cy), (cx, y + 14)], 1)
        flicker = self.flashes and glitch_strength(dive) > 50 and (dive.elapsed // 8) % 3 == 0
        pupil = "magenta" if flicker else "cyan_light"
        pygame.draw.rect(surface, colour(pupil), pygame.Rect(cx - 2, cy - 2, 4, 4))

    # -- code -------------------------------------------------------------------------------------
    def _code(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        puzzle = dive.puzzle
        focused = dive.panel == "code" and dive.editor is None
        faults = len(puzzle.faults)
        self._panel(surface, layout.CODE, f"{puzzle.title}  /  {puzzle.template}.asm", focused,
                    f"{faults} fault{'s' if faults > 1 else ''} detected", "amber")
        program = dive.program
        pc = dive.debug.here.pc if dive.debug is not None else None
        for i, ins in enumerate(program.code[: layout.MAX_ROWS]):
            row = layout.code_row(i)
            y = row.y
            if i == dive.cursor:
                bar = pygame.Surface((row.w, row.h), pygame.SRCALPHA)
                bar.fill((*colour("teal"), 70 if focused else 40))
                surface.blit(bar, (row.x, row.y))
                if focused:
                    pygame.draw.line(surface, colour("cyan"), (row.x, row.y), (row.x, row.bottom - 1))
            elif dive.editor is None and dive.phase == "play" and row.contains(dive.pointer):
                pygame.draw.rect(surface, colour("teal_dark"), to_rect(row), 1)
            if pc == i:
                bar = pygame.Surface((row.w - layout.GUTTER_W, row.h), pygame.SRCALPHA)
                bar.fill((*colour("yellow"), 34))
                surface.blit(bar, (row.x + layout.GUTTER_W, row.y))
            font.draw(surface, f"{i + 1:2d}", (row.x + 16, y), colour("steel"), align="right")
            if i in dive.breakpoints:
                pygame.draw.circle(surface, colour("red"), (row.x + 23, y + 5), 3)
                surface.set_at((row.x + 22, y + 4), colour("rose"))
            if pc == i:
                pygame.draw.polygon(surface, colour("yellow"), [(row.x + 27, y + 2), (row.x + 30, y + 5),
                                                                (row.x + 27, y + 8)])
            label = program.label_at(i)
            if label:
                font.draw(surface, f"{label}:", (layout.COL_LABEL, y), colour(SYNTAX["label"]))
            self._tokens(surface, ins.tokens(), layout.COL_OP, y)
        if dive.hint_lines:
            # the most precise hint bought so far stays in view under the code, wrapped whole: it is
            # shown only where every one of its lines fits below the program (else the log has it)
            lines = self.font.wrap(f"HINT {len(dive.hint_lines)}: {dive.hint_lines[-1]}", layout.CODE.w - 14)
            free = layout.CODE.bottom - 4 - layout.code_row(len(program)).y
            if free >= len(lines) * 10 + 4:
                y = layout.CODE.bottom - 4 - len(lines) * 10
                pygame.draw.line(surface, colour("teal_dark"), (layout.CODE.x + 6, y - 3),
                                 (layout.CODE.right - 7, y - 3))
                for k, line in enumerate(lines):
                    font.draw(surface, line, (layout.CODE.x + 6, y + k * 10), colour("yellow"))

    def _tokens(self, surface: pygame.Surface, tokens: list[tuple[str, str]], x: int, y: int) -> int:
        font = self.font
        first = True
        for kind, text in tokens:
            if first:
                font.draw(surface, text, (x, y), colour(SYNTAX[kind]))
                x = max(x + font.width(text) + 6, layout.COL_ARGS if x == layout.COL_OP else 0)
                first = False
                continue
            if kind == "punct" and text == " ":
                continue
            font.draw(surface, text, (x, y), colour(SYNTAX[kind]))
            x += font.width(text) + (1 if kind == "punct" else 0)
        return x

    # -- spec and cases ---------------------------------------------------------------------------
    def _spec(self, surface: pygame.Surface, dive: Dive) -> None:
        box = layout.SPEC
        draw_panel(surface, to_rect(box), accent="violet", fill="night", alpha=240)
        lines = self.font.wrap(dive.puzzle.brief, box.w - 12)
        for i, line in enumerate(lines[:4]):
            self.font.draw(surface, line, (box.x + 6, box.y + 3 + i * 11), colour("mist"))

    def _case_text(self, dive: Dive, index: int) -> str:
        case = dive.puzzle.visible[index]
        template = by_name(dive.puzzle.template)
        names = template.labels
        parts = []
        for r, value in enumerate(case.regs):
            name = names[r] if r < len(names) else f"R{r}"
            if name:
                parts.append(f"{name} {value}")
        text = "  ".join(parts)
        if template.uses_memory:
            count = case.regs[1] if len(case.regs) > 1 else len(case.mem)
            text += ": " + " ".join(str(v) for v in case.mem[: max(count, 1)])
        return text

    def _cases(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = layout.CASES
        focused = dive.panel == "cases" and dive.editor is None
        hidden = len(dive.puzzle.hidden)
        if dive.hidden_passed is None:
            right, tone = f"hidden: {hidden} not run", "fog"
        else:
            right = f"hidden: {dive.hidden_passed}/{hidden} pass"
            tone = "green" if dive.hidden_passed == hidden else "amber"
        self._panel(surface, box, "EXAMPLES", focused, right, tone)
        for i, case in enumerate(dive.puzzle.visible):
            row = layout.case_row(i)
            if i == dive.case_cursor:
                bar = pygame.Surface((row.w, row.h), pygame.SRCALPHA)
                bar.fill((*colour("teal"), 70 if focused else 34))
                surface.blit(bar, (row.x, row.y))
            elif dive.editor is None and dive.phase == "play" and row.contains(dive.pointer):
                pygame.draw.rect(surface, colour("teal_dark"), to_rect(row), 1)
            result = dive.results[i] if dive.results is not None else None
            icon = pygame.Rect(row.x + 3, row.y + 2, 7, 7)
            if result is None:
                pygame.draw.rect(surface, colour("steel"), icon, 1)
            elif result.passed:
                surface.fill(colour("green"), icon)
            else:
                surface.fill(colour("red"), icon)
                pygame.draw.line(surface, colour("ink"), icon.topleft, (icon.right - 1, icon.bottom - 1))
                pygame.draw.line(surface, colour("ink"), (icon.right - 1, icon.top), (icon.left, icon.bottom - 1))
            if dive.debug is not None and dive.debug.case == i:
                pygame.draw.polygon(surface, colour("yellow"), [(row.x + 12, row.y + 2), (row.x + 15, row.y + 5),
                                                                (row.x + 12, row.y + 8)])
            answer_x = row.right - 4
            if result is not None and not result.passed:
                got = "trap" if result.output is None else str(result.output)
                w = font.draw(surface, f"got {got}", (answer_x, row.y), colour("red"), align="right").width
                answer_x -= w + 6
            answer_x -= font.draw(surface, f"\u2192 {case.expected}", (answer_x, row.y), colour("cyan_light"),
                                  align="right").width
            # the inputs never run into the answer: clip them (long memory lists end early)
            old_clip = surface.get_clip()
            surface.set_clip(pygame.Rect(row.x + 18, row.y, max(0, answer_x - 6 - row.x - 18), row.h))
            font.draw(surface, self._case_text(dive, i), (row.x + 18, row.y), colour("paper"))
            surface.set_clip(old_clip)

    # -- machine and trace ------------------------------------------------------------------------
    def _machine(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = layout.MACHINE
        debug = dive.debug
        focused = dive.panel == "debug" and dive.editor is None
        if debug is None:
            self._panel(surface, box, "REGISTERS & MEMORY", focused)
            keys = self.keys
            font.draw(surface, f"{keys.get('SPREAD', 'E')} steps through example {dive.case_cursor + 1}.",
                      (box.x + 8, box.y + 20), colour("fog"))
            font.draw(surface, f"{keys.get('RECALL', 'R')} toggles a breakpoint on the cursor line.",
                      (box.x + 8, box.y + 31), colour("fog"))
            font.draw(surface, f"{keys.get('CONFIRM', 'Enter')} in this panel runs to the next one.",
                      (box.x + 8, box.y + 42), colour("fog"))
            return
        snap = debug.here
        prev = debug.snaps[debug.pos - 1] if debug.pos > 0 else snap
        flag = {-1: "<", 0: "=", 1: ">"}[snap.flag]
        self._panel(surface, box, f"EXAMPLE {debug.case + 1}  step {debug.pos}/{len(debug.snaps) - 1}", focused,
                    f"flag {flag}  call depth {snap.depth}")
        for r in range(6):
            x = box.x + 8 + (r % 3) * 92
            y = box.y + 15 + (r // 3) * 11
            changed = snap.regs[r] != prev.regs[r]
            font.draw(surface, f"R{r}", (x, y), colour(SYNTAX["reg"]))
            font.draw(surface, str(snap.regs[r]), (x + 18, y), colour("white" if changed else "mist"))
            if changed:
                pygame.draw.line(surface, colour("yellow"), (x + 18, y + 10), (x + 18 + font.width(str(snap.regs[r])),
                                                                               y + 10))
        for m in range(16):
            cx = box.x + 8 + (m % 8) * 34
            cy = box.y + 39 + (m // 8) * 13
            cell = pygame.Rect(cx, cy, 32, 12)
            changed = snap.mem[m] != prev.mem[m]
            surface.fill(colour("navy" if not changed else "violet_dark"), cell)
            font.draw(surface, f"{m:x}", (cx + 2, cy + 1), colour("steel"))
            font.draw(surface, str(snap.mem[m]), (cell.right - 2, cy + 1), colour("white" if changed else "mist"),
                      align="right")

    def _trace(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = layout.TRACE
        debug = dive.debug
        focused = dive.panel == "debug" and dive.editor is None
        self._panel(surface, box, "TRACE", focused)
        if debug is None:
            font.draw(surface, "No case under the debugger.", (box.x + 8, box.y + 15), colour("fog"))
            return
        start = max(0, debug.pos - layout.TRACE_ROWS + 1)
        for row, k in enumerate(range(start, debug.pos + 1)):
            snap = debug.snaps[k]
            y = box.y + 14 + row * 10
            current = k == debug.pos
            if snap.pc >= len(dive.program):
                text, tone = "end of program", "fog"
                font.draw(surface, f"{k:3d}", (box.x + 8, y), colour("steel"))
                font.draw(surface, text, (box.x + 60, y), colour(tone))
                continue
            if current and debug.at_end:
                font.draw(surface, f"{k:3d}", (box.x + 8, y), colour("steel"))
                reason = debug.result.reason or "halted"
                font.draw(surface, f"stopped: {reason}", (box.x + 60, y), colour("red" if debug.result.reason
                                                                                  else "green"))
                continue
            font.draw(surface, f"{k:3d}", (box.x + 8, y), colour("yellow" if current else "steel"))
            font.draw(surface, f"L{snap.pc + 1}", (box.x + 30, y), colour("fog"))
            self._tokens(surface, dive.program.code[snap.pc].tokens(), box.x + 60, y)
            if current:
                font.draw(surface, "next", (box.right - 6, y), colour("yellow"), align="right")

    # -- toolbar and messages ---------------------------------------------------------------------
    def _toolbar(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        for key, box in layout.buttons().items():
            _, action, rest = layout.BUTTONS[key]
            keyname = self.keys.get(action, "")
            hover = box.contains(dive.pointer) and dive.phase == "play"
            rect = to_rect(box)
            surface.fill(colour("navy" if hover else "night"), rect)
            pygame.draw.rect(surface, colour("cyan" if hover else "teal_dark"), rect, 1)
            old_clip = surface.get_clip()
            surface.set_clip(rect.inflate(-2, 0))  # a long key name never spills into the next button
            x = box.x + 1
            if keyname:
                x = font.draw(surface, keyname, (box.x + 5, box.y + 2), colour("amber")).right
            font.draw(surface, rest, (x + 4, box.y + 2), colour("paper"))
            surface.set_clip(old_clip)

    def _messages(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = layout.MESSAGES
        draw_panel(surface, to_rect(box), accent="teal", fill="ink", alpha=245)
        self._eye(surface, box.x + 5, box.y + 11, dive)
        width = box.w - 40
        rows: list[tuple[str, str]] = []
        for kind, text in reversed(dive.messages):
            lines = font.wrap(text, width)
            for line in reversed(lines):
                rows.append((kind, line))
            if len(rows) >= layout.MESSAGE_ROWS:
                break
        rows = list(reversed(rows[: layout.MESSAGE_ROWS]))
        g = glitch_strength(dive) if self.flashes else 0
        for i, (kind, line) in enumerate(rows):
            y = box.y + 4 + i * 11
            tone = colour(MESSAGE_TONES.get(kind, "mist"))
            if i < len(rows) - 1:
                tone = tuple(c * 3 // 4 for c in tone)
            if g > 30 and kind in ("bad", "spectra") and i == len(rows) - 1:
                font.draw(surface, line, (box.x + 31, y), colour("magenta"))
            font.draw(surface, line, (box.x + 30, y), tone)
