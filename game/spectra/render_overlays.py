"""The parts of a dive's picture drawn over the panels: the patch editor, the instruction reference,
the lesson, the glitches and the banners (layer intro, layer restored, results).

``OverlayPainter`` is mixed into ``render.DiveRenderer``; like it, it reads the ``Dive`` and never
changes it, and every position comes from ``layout``. Glitches honour the player's ``flashes``
setting: with flashes off nothing flickers or jumps (a steady tint shows the pressure instead).
"""

from __future__ import annotations

import pygame

from game.spectra import layout
from game.spectra.layout import Box
from game.spectra.puzzle import Dive
from game.ui.palette import colour
from game.ui.widgets import draw_panel

SYNTAX = {"op": "cyan", "reg": "amber", "num": "violet_light", "label": "leaf_light", "punct": "fog"}


def to_rect(box: Box) -> pygame.Rect:
    return pygame.Rect(box.tuple())


def noise_hash(*values: int) -> int:
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



class OverlayPainter:
    """Mixed into ``DiveRenderer`` (which provides ``font``, ``keys``, ``flashes`` and ``_tokens``)."""

    # -- the patch editor -------------------------------------------------------------------------
    def _editor(self, surface: pygame.Surface, dive: Dive) -> None:
        font = self.font
        editor = dive.editor
        assert editor is not None
        box = layout.editor_box(editor.line)
        # a bracket from the edited line to the editor beside the code
        row = layout.code_row(editor.line)
        mid = row.y + row.h // 2
        pygame.draw.rect(surface, colour("amber"), pygame.Rect(row.x, row.y, row.w, row.h), 1)
        pygame.draw.line(surface, colour("amber"), (row.right, mid), (box.x - 1, mid))
        pygame.draw.line(surface, colour("amber"), (box.x - 3, box.y + 6), (box.x - 3, box.bottom - 6))
        draw_panel(surface, to_rect(box), accent="amber", fill="ink", alpha=250)
        font.draw(surface, f"PATCH L{editor.line + 1}", (box.x + 6, box.y + 3), colour("amber"))
        font.draw(surface, "was", (box.x + 72, box.y + 3), colour("steel"))
        self._tokens(surface, dive.program.code[editor.line].tokens(), box.x + 96, box.y + 3)
        values = [("op", editor.op)] + [self._operand_token(a) for a in editor.args]
        for i in range(1 + len(layout.FIELD_W) - 1):
            if i >= editor.fields:
                break
            fbox = layout.editor_field(box, i)
            selected = i == editor.field
            rect = to_rect(fbox)
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
        ok, back = self.keys.get("CONFIRM", "Enter"), self.keys.get("CANCEL", "Esc")
        for b, label, tone in ((write, f"{ok} Write", "amber"), (cancel, f"{back} Back", "fog")):
            r = to_rect(b)
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
        if not self.flashes:  # a steady red-violet tint that deepens with the pressure: nothing moves
            tint = pygame.Surface((640, 334), pygame.SRCALPHA)
            tint.fill((*colour("magenta"), g * 28 // 100))
            surface.blit(tint, (0, 26))
            return
        frame = dive.elapsed // 4
        bands = g // 18 + (1 if noise_hash(frame, 99) % 100 < g else 0)
        for i in range(bands):
            h = noise_hash(frame, i)
            y = 26 + h % 290
            height = 1 + (h >> 9) % (2 + g // 25)
            dx = (1 + (h >> 5) % (1 + g // 20)) * (1 if h & 1 else -1)
            strip = surface.subsurface(pygame.Rect(0, y, 640, height)).copy()
            surface.blit(strip, (dx, y))
            tint = pygame.Surface((640, height), pygame.SRCALPHA)
            tint.fill((*colour("magenta" if h & 2 else "cyan"), 40 + g // 2))
            surface.blit(tint, (0, y))
        if g > 55 and noise_hash(frame, 7) % 100 < g - 40:
            # a channel split across one band for a moment: magenta ghost left, cyan ghost right
            h = noise_hash(frame, 8)
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
        draw_panel(surface, to_rect(box), accent=accent, fill="night", alpha=250)
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
        if not self.flashes or (dive.t // 30) % 2 == 0:
            font.draw(surface, f"{self.keys.get('CONFIRM', 'Enter')} or click to dive in", (320, box.bottom - 18),
                      colour("cyan_light"), align="center")

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
        if dive.t > 20 and (not self.flashes or (dive.t // 30) % 2 == 0):
            font.draw(surface, f"{self.keys.get('CONFIRM', 'Enter')} or click to go on", (320, box.bottom - 18),
                      colour("fog"), align="center")

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
            r = to_rect(row)
            selected = i == dive.result_index
            if selected:
                surface.fill(colour("teal_dark"), r)
                pygame.draw.rect(surface, colour("cyan"), r, 1)
            font.draw(surface, item, (r.centerx, r.y + 2), colour("white" if selected else "mist"), align="center")

    # -- the instruction reference ----------------------------------------------------------------
    def _reference(self, surface: pygame.Surface, dive: Dive) -> None:
        from game.spectra.reference import BASICS, ENTRIES

        font = self.font
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill((*colour("ink"), 200))
        surface.blit(shade, (0, 0))
        box = layout.REFERENCE
        draw_panel(surface, to_rect(box), accent="violet", fill="night", alpha=255)
        font.draw(surface, "INSTRUCTION REFERENCE", (box.x + 8, box.y + 6), colour("violet_light"))
        font.draw(surface, "the clock waits while you read", (box.right - 8, box.y + 6), colour("fog"), align="right")
        chosen = dive.reference or 0
        for i, entry in enumerate(ENTRIES):
            row = layout.reference_row(i)
            if i == chosen:
                surface.fill(colour("teal_dark"), to_rect(row))
            font.draw(surface, entry.op, (row.x + 4, row.y + 1), colour("white" if i == chosen else SYNTAX["op"]))
        entry = ENTRIES[chosen]
        x, width = box.x + 96, box.w - 108
        y = box.y + 24
        font.draw(surface, entry.group.upper(), (x, y), colour("fog"))
        font.draw(surface, entry.op, (x, y + 12), colour(SYNTAX["op"]), scale=2)
        y += 36
        for line in font.wrap(entry.summary, width):
            font.draw(surface, line, (x, y), colour("paper"))
            y += 11
        y += 6
        font.draw(surface, "Example", (x, y), colour("fog"))
        surface.fill(colour("ink"), pygame.Rect(x, y + 12, width, 16))
        self._tokens(surface, _example_tokens(entry.example), x + 6, y + 15)
        font.draw(surface, entry.effect, (x, y + 32), colour("cyan_light"))
        y += 56
        pygame.draw.line(surface, colour("teal_dark"), (x, y), (x + width, y))
        y += 6
        for text in BASICS:
            for line in font.wrap(text, width):
                font.draw(surface, line, (x, y), colour("mist"))
                y += 11
            y += 4
        keys = self.keys
        font.draw(surface, f"\u2191\u2193 or click: choose   {keys.get('HISTORY', 'L')} or "
                           f"{keys.get('CANCEL', 'Esc')}: back to the code", (box.x + box.w // 2, box.bottom - 14),
                  colour("fog"), align="center")

    # -- the lesson -------------------------------------------------------------------------------
    def _lesson(self, surface: pygame.Surface, dive: Dive) -> None:
        """The first layer's next step, in a box over the trace panel; it follows what the player does."""
        stage = dive.lesson_stage
        text = dive.lesson_text.get(stage or "", "")
        if not text:
            return
        font = self.font
        high = stage in layout.LESSON_HIGH_STAGES
        box = layout.LESSON_HIGH if high else layout.LESSON
        lines = font.wrap(fill_keys(text, self.keys), box.w - 16)
        height = 16 + len(lines) * 11
        rect = pygame.Rect(box.x, box.y if high else box.bottom - height, box.w, height)
        draw_panel(surface, rect, accent="yellow", fill="ink", alpha=250)
        step = dive.lesson + 1
        font.draw(surface, f"HOW TO  {step}/{len(dive.lesson_text)}", (rect.x + 8, rect.y + 4), colour("yellow"))
        for i, line in enumerate(lines):
            font.draw(surface, line, (rect.x + 8, rect.y + 14 + i * 11), colour("paper"))


def fill_keys(text: str, keys: dict[str, str]) -> str:
    """Put the keys bound to actions into a text: ``{FOCUS}`` becomes "Q" (or "LT" on a gamepad)."""
    out = text
    for action, label in keys.items():
        out = out.replace("{" + action + "}", label)
    return out


def _example_tokens(text: str) -> list[tuple[str, str]]:
    """Syntax colours for a reference example: the opcode, then registers, numbers, cells and labels."""
    op, _, rest = text.partition(" ")
    tokens: list[tuple[str, str]] = [("op", op)]
    for i, arg in enumerate(a.strip() for a in rest.split(",") if a.strip()):
        if i:
            tokens.append(("punct", ", "))
        inner = arg.strip("[]")
        kind = "reg" if inner[:1] == "R" and inner[1:].isdigit() else "num" if inner.lstrip("-").isdigit() else "label"
        if arg.startswith("["):
            tokens += [("punct", "["), (kind, inner), ("punct", "]")]
        else:
            tokens.append((kind, arg))
    return tokens
