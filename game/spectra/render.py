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
from game.ui.palette import colour
from game.ui.widgets import draw_panel

SYNTAX = {"op": "cyan", "reg": "amber", "num": "violet_light", "label": "leaf_light", "punct": "fog"}
MESSAGE_TONES = {"spectra": "cyan_light", "malik": "orange", "good": "green", "bad": "magenta", "hint": "yellow"}


def _rect(box: Box) -> pygame.Rect:
    return pygame.Rect(box.tuple())


def _hash(*values: int) -> int:
    """A small integer hash for draw-only noise (never feeds the simulation)."""
    h = 2166136261
    for v in values:
        h = ((h ^ (v & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    h ^= h >> 13
    return (h * 0x5BD1E995) & 0xFFFFFFFF


def glitch_strength(dive: Dive) -> int:
    """0..100: nothing while the clock is comfortable, growing over its last half."""
    p = dive.pressure()
    if dive.phase == "over":
        return 0 if dive.won else 60
    return max(0, min(100, (p - 450) * 100 // 550))


def format_clock(ticks: int) -> str:
    seconds, rest = divmod(max(0, ticks), 60)
    return f"{seconds // 60:02d}:{seconds % 60:02d}.{rest * 10 // 60}"


def _hover(boxes, pointer, active: bool) -> int | None:
    if not active:
        return None
    for i, box in enumerate(boxes):
        if box.contains(pointer):
            return i
    return None


class DiveRenderer:
    """Draws a dive. Panels are cached as pictures keyed by everything they show, so a frame only
    repaints what changed (the clock, glitches); the cache belongs to the view, never to the game."""

    def __init__(self, font) -> None:
        self.font = font
        self._background_image: pygame.Surface | None = None
        self._scratch: pygame.Surface | None = None
        self._cache: dict[str, tuple[object, pygame.Surface]] = {}

    # -- the whole screen -------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, dive: Dive) -> None:
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
        g = glitch_strength(dive)
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
        draw_panel(surface, _rect(box), accent="cyan" if focused else "teal_dark", fill="night", alpha=240)
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
        if dive.penalty_flash:
            font.draw(surface, f"-{dive.last_penalty // 60}s", (470, 7), colour("magenta"))
        self._clock(surface, dive)

    def _clock(self, surface: pygame.Surface, dive: Dive) -> None:
        text = format_clock(dive.ticks_left)
        p = dive.pressure()
        tone = "cyan_light" if p < 500 else "amber" if p < 750 else "red"
        pos = (632, 2)
        g = glitch_strength(dive)
        if g:
            shift = 1 + g // 30
            jitter = (_hash(dive.elapsed // 3) % 3) - 1 if g > 40 else 0
            self.font.draw(surface, text, (pos[0] - shift + jitter, pos[1]), colour("magenta"), scale=2,
                           align="right")
            self.font.draw(surface, text, (pos[0] + shift, pos[1] + (1 if g > 60 else 0)), colour("cyan"), scale=2,
                           align="right")
        blink = p >= 750 and dive.phase == "play" and (dive.ticks_left // 15) % 2 == 0
        self.font.draw(surface, text, pos, colour("white" if blink else tone), scale=2, align="right",
                       shadow=colour("ink"))

    def _eye(self, surface: pygame.Surface, x: int, y: int, dive: Dive) -> None:
        """SPECTRA's sign: a cyan geometric eye on navy."""
        surface.fill(colour("navy"), pygame.Rect(x, y, 18, 18))
        pygame.draw.rect(surface, colour("teal"), pygame.Rect(x, y, 18, 18), 1)
        cx, cy = x + 9, y + 9
        pygame.draw.polygon(surface, colour("cyan"), [(x + 2, cy), (cx, y + 4), (x + 15, cy), (cx, y + 14)], 1)
        pupil = "magenta" if glitch_strength(dive) > 50 and (dive.elapsed // 8) % 3 == 0 else "cyan_light"
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
                pygame.draw.rect(surface, colour("teal_dark"), _rect(row), 1)
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
        if dive.hint_lines and len(program) <= layout.MAX_ROWS - 3:
            # the most precise hint bought so far stays in view under the code
            y = layout.CODE.bottom - 14
            pygame.draw.line(surface, colour("teal_dark"), (layout.CODE.x + 6, y - 3), (layout.CODE.right - 7, y - 3))
            text = self.font.wrap(f"HINT {len(dive.hint_lines)}: {dive.hint_lines[-1]}", layout.CODE.w - 12)[0]
            font.draw(surface, text, (layout.CODE.x + 6, y), colour("yellow"))

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
        draw_panel(surface, _rect(box), accent="violet", fill="night", alpha=240)
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
                pygame.draw.rect(surface, colour("teal_dark"), _rect(row), 1)
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
            font.draw(surface, f"E steps through example {dive.case_cursor + 1}.", (box.x + 8, box.y + 20),
                      colour("fog"))
            font.draw(surface, "R toggles a breakpoint on the cursor line.", (box.x + 8, box.y + 31), colour("fog"))
            font.draw(surface, "Enter in this panel runs to the next one.", (box.x + 8, box.y + 42), colour("fog"))
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
            label = layout.BUTTONS[key][1]
            hover = box.contains(dive.pointer) and dive.phase == "play"
            rect = _rect(box)
            surface.fill(colour("navy" if hover else "night"), rect)
            pygame.draw.rect(surface, colour("cyan" if hover else "teal_dark"), rect, 1)
            keyname, _, rest = label.partition("  ")
            x = font.draw(surface, keyname, (box.x + 5, box.y + 2), colour("amber")).right
            font.draw(surface, rest, (x + 4, box.y + 2), colour("paper"))
        status = f"patches {dive.patches}   hints {dive.hints}/3"
        font.draw(surface, status, (636, layout.BUTTONS_Y + 2), colour("fog"), align="right")

    def _messages(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = layout.MESSAGES
        draw_panel(surface, _rect(box), accent="teal", fill="ink", alpha=245)
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
        g = glitch_strength(dive)
        for i, (kind, line) in enumerate(rows):
            y = box.y + 4 + i * 11
            tone = colour(MESSAGE_TONES.get(kind, "mist"))
            if i < len(rows) - 1:
                tone = tuple(c * 3 // 4 for c in tone)
            if g > 30 and kind in ("bad", "spectra") and i == len(rows) - 1:
                font.draw(surface, line, (box.x + 31, y), colour("magenta"))
            font.draw(surface, line, (box.x + 30, y), tone)

    # -- the patch editor -------------------------------------------------------------------------
    def _editor(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        editor = dive.editor
        assert editor is not None
        box = layout.editor_box(editor.line)
        draw_panel(surface, _rect(box), accent="amber", fill="ink", alpha=250)
        font.draw(surface, f"PATCH L{editor.line + 1}", (box.x + 6, box.y + 3), colour("amber"))
        font.draw(surface, "was", (box.x + 72, box.y + 3), colour("steel"))
        self._tokens(surface, dive.program.code[editor.line].tokens(), box.x + 96, box.y + 3)
        values = [("op", editor.op)] + [self._operand_token(a) for a in editor.args]
        for i in range(1 + len(layout.FIELD_W) - 1):
            if i >= editor.fields:
                break
            fbox = layout.editor_field(box, i)
            selected = i == editor.field
            rect = _rect(fbox)
            surface.fill(colour("navy" if selected else "night"), rect)
            pygame.draw.rect(surface, colour("amber" if selected else "slate"), rect, 1)
            left, right = layout.editor_arrows(fbox)
            arrow_tone = colour("amber" if selected else "steel")
            font.draw(surface, "<", (left.x + 4, fbox.y + 3), arrow_tone)
            font.draw(surface, ">", (right.x + 3, fbox.y + 3), arrow_tone)
            kind, text = values[i]
            font.draw(surface, text, (fbox.x + fbox.w // 2, fbox.y + 3), colour(SYNTAX[kind]), align="center")
        help_text = "\u2190\u2192 value  \u2191\u2193 field"
        font.draw(surface, help_text, (box.x + 6, box.bottom - 14), colour("fog"))
        write, cancel = layout.editor_buttons(box)
        for b, label, tone in ((write, "Enter Write", "amber"), (cancel, "Esc Back", "fog")):
            r = _rect(b)
            hover = b.contains(dive.pointer)
            surface.fill(colour("navy" if hover else "night"), r)
            pygame.draw.rect(surface, colour(tone), r, 1)
            font.draw(surface, label, (r.centerx, r.y + 1), colour(tone if not hover else "white"), align="center")

    @staticmethod
    def _operand_token(arg) -> tuple[str, str]:
        kind = {"reg": "reg", "imm": "num", "mreg": "reg", "mimm": "num", "label": "label"}[arg.kind]
        return kind, arg.text()

    # -- glitches ---------------------------------------------------------------------------------
    def _glitch(self, surface: pygame.Surface, dive: Dive) -> None:
        g = glitch_strength(dive)
        if g <= 0:
            return
        frame = dive.elapsed // 4
        bands = g // 18 + (1 if _hash(frame, 99) % 100 < g else 0)
        for i in range(bands):
            h = _hash(frame, i)
            y = 26 + h % 290
            height = 1 + (h >> 9) % (2 + g // 25)
            dx = (1 + (h >> 5) % (1 + g // 20)) * (1 if h & 1 else -1)
            strip = surface.subsurface(pygame.Rect(0, y, 640, height)).copy()
            surface.blit(strip, (dx, y))
            tint = pygame.Surface((640, height), pygame.SRCALPHA)
            tint.fill((*colour("magenta" if h & 2 else "cyan"), 40 + g // 2))
            surface.blit(tint, (0, y))
        if g > 55 and _hash(frame, 7) % 100 < g - 40:
            # a channel split across one band for a moment: magenta ghost left, cyan ghost right
            h = _hash(frame, 8)
            y = 26 + h % 250
            height = 12 + (h >> 8) % 30
            band = surface.subsurface(pygame.Rect(0, y, 640, height)).copy()
            for tone, dx in (("magenta", -2), ("cyan", 2)):
                ghost = band.copy()
                tint = pygame.Surface(ghost.get_size())
                tint.fill(colour(tone))
                ghost.blit(tint, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
                ghost.set_alpha(70)
                surface.blit(ghost, (dx, y))

    # -- banners ----------------------------------------------------------------------------------
    def _banner(self, surface: pygame.Surface, accent: str) -> Box:
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((*colour("ink"), 170))
        surface.blit(shade, (0, 0))
        box = layout.BANNER
        draw_panel(surface, _rect(box), accent=accent, fill="night", alpha=250)
        return box

    def _intro(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = self._banner(surface, "cyan")
        puzzle = dive.puzzle
        font.draw(surface, f"LAYER {dive.layer + 1} OF {len(dive.layers)}", (320, box.y + 10), colour("cyan"),
                  align="center")
        font.draw(surface, puzzle.title, (320, box.y + 24), colour("white"), scale=2, align="center",
                  outline=colour("ink"))
        for i, line in enumerate(font.wrap(puzzle.brief, box.w - 30)[:4]):
            font.draw(surface, line, (320, box.y + 54 + i * 11), colour("mist"), align="center")
        faults = len(puzzle.faults)
        font.draw(surface, f"{faults} fault{'s' if faults > 1 else ''} injected  /  clock "
                           f"{format_clock(dive.ticks_left)}", (320, box.y + 104), colour("amber"), align="center")
        if (dive.t // 30) % 2 == 0:
            font.draw(surface, "Enter, click or A to dive in", (320, box.bottom - 18), colour("cyan_light"),
                      align="center")

    def _cleared(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = self._banner(surface, "green")
        font.draw(surface, "LAYER RESTORED", (320, box.y + 30), colour("green"), scale=2, align="center",
                  outline=colour("ink"))
        font.draw(surface, f"{dive.puzzle.title}: every case passes, hidden ones included.", (320, box.y + 64),
                  colour("mist"), align="center")
        font.draw(surface, f"Descending to layer {dive.layer + 2} of {len(dive.layers)}...", (320, box.y + 84),
                  colour("cyan_light"), align="center")
        font.draw(surface, f"clock {format_clock(dive.ticks_left)}  /  patches {dive.patches}  /  hints "
                           f"{dive.total_hints}", (320, box.y + 104), colour("amber"), align="center")
        if dive.t > 20 and (dive.t // 30) % 2 == 0:
            font.draw(surface, "Enter or click to go on", (320, box.bottom - 18), colour("fog"), align="center")

    def _results(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        box = self._banner(surface, "green" if dive.won else "magenta")
        title = "SPECTRA ONLINE" if dive.won else "CORE OFFLINE"
        tone = colour("green" if dive.won else "magenta")
        if not dive.won:
            font.draw(surface, title, (322, box.y + 12), colour("cyan"), scale=2, align="center")
        font.draw(surface, title, (320, box.y + 12), tone, scale=2, align="center", outline=colour("ink"))
        used = dive.time_total - dive.ticks_left
        rows = [("layers restored", f"{dive.layers_cleared}/{len(dive.layers)}"),
                ("time used", format_clock(used)), ("patches", f"{dive.patches} ({dive.failed_patches} rejected)"),
                ("hints", str(dive.total_hints)), ("score", str(dive.score))]
        for i, (label, value) in enumerate(rows):
            y = box.y + 40 + i * 11
            font.draw(surface, label, (box.x + 90, y), colour("fog"))
            font.draw(surface, value, (box.right - 90, y), colour("white"), align="right")
        for i, item in enumerate(dive.result_items):
            row = layout.result_row(i)
            r = _rect(row)
            selected = i == dive.result_index
            if selected:
                surface.fill(colour("teal_dark"), r)
                pygame.draw.rect(surface, colour("cyan"), r, 1)
            font.draw(surface, item, (r.centerx, r.y + 2), colour("white" if selected else "mist"), align="center")
