"""SwarmScene: wires the swarm core to action frames, sound, the HUD and the results screen.

Phases: ``brief`` (the encounter's card; the clock waits), ``play`` (``Swarm.step`` on the game-speed
schedule), ``results`` (grade, score and time; Continue hands an ``Outcome`` with the grade to
``on_finish``, or in practice Retry / Quit to title). The optional ghost beacon replays recorded frames
through the same ``beacon_step``.

Game speed (the ``swarm_speed`` assist, 50-100%, a simulation setting recorded in replays): the swarm
steps on ``swarm_speed`` of every 100 ticks, spread evenly by a counter (never the wall clock); buttons
pressed on a tick the swarm sits out are kept for its next step. When the patient flinches (each tenth
of the pain meter crossed upwards) the view shakes for a moment, unless ``screen_shake`` is off.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.core.actions import Action, ActionFrame
from game.core.outcome import Outcome
from game.core.run import StartPoint
from game.core.scenes import Scene
from game.scenes.common import dim, play
from game.swarm import encounter as E
from game.swarm.render import SwarmRenderer
from game.swarm.sim import PAIN_MAX, Beacon, Swarm, beacon_step, start_beacon
from game.ui.palette import colour
from game.ui.prompts import action_label
from game.ui.widgets import Menu, MenuItem, draw_panel

BRIEF_TICKS = 600  # the card closes by itself after ten seconds
# simulation event -> (sound effect, fewest ticks between two plays)
_SOUNDS = {"break": ("decay_break", 9), "recall": ("swarm_recall", 0), "pain": ("pain", 30), "alarm": ("alarm", 0),
           "rogue": ("glitch", 24), "win": ("win", 0), "lose": ("lose", 0)}


def format_clock(ticks: int) -> str:
    seconds = (ticks + 59) // 60
    return f"{seconds // 60}:{seconds % 60:02d}"


def decay_readout(percent: int) -> tuple[str, str]:
    """The value beside the HUD's fixed label DECAY LEFT: the decay left as a share of the decay the
    encounter started with, always that (above 100% when it has spread further than it started; amber
    then). (text, colour name)"""
    return f"{percent}%", "amber" if percent > 100 else "white"


def decay_result(swarm: Swarm) -> tuple[str, str]:
    """The results screen's decay row (label, value): the same measure as the HUD, under the same label."""
    percent = swarm.decay_percent
    if swarm.won:
        return "Decay left", "none" if swarm.decay_cells == 0 else f"{percent}% (clean enough)"
    return "Decay left", f"{percent}% of the start"


def _setting(ctx, key: str, default):
    """A setting, or ``default`` for contexts without settings (the benchmark's)."""
    settings = getattr(ctx, "settings", None)
    try:
        return settings[key]
    except (TypeError, KeyError):
        return default


SHAKE_TICKS = 14
HINT_TICKS = 150  # how long the cut-off hint stays after the last reason to show it


def shake_offset(swarm: Swarm, enabled: bool) -> tuple[int, int]:
    """The view's offset in the ticks after the patient flinched (drawing only): stronger with more pain."""
    since = swarm.tick_count - swarm.flinch_tick
    if not enabled or not 0 <= since < SHAKE_TICKS:
        return 0, 0
    amount = 1 + swarm.pain * 3 // PAIN_MAX
    pattern = ((1, 0), (-1, 1), (1, -1), (-1, 0), (0, 1), (1, 1), (-1, -1))
    dx, dy = pattern[since % len(pattern)]
    fade = (SHAKE_TICKS - since + 4) // 5
    return dx * min(amount, fade + 1), dy * min(amount, fade)


class SwarmScene(Scene):
    def __init__(self, ctx, encounter: E.Encounter, *, on_finish=None, restart: StartPoint | None = None,
                 ghost_frames: list[ActionFrame] | None = None, bots: int | None = None) -> None:
        self.ctx = ctx
        self.encounter = encounter
        self.on_finish = on_finish
        self.restart = restart
        self.swarm = Swarm(encounter, ctx.run.rng.numpy(f"swarm:{encounter.name}"), bots=bots)
        self.phase = "brief"
        self.t = 0
        self.ghost_frames = ghost_frames
        self.ghost: Beacon | None = start_beacon() if ghost_frames else None
        self._ghost_i = 0
        self._renderer: SwarmRenderer | None = None
        self.results_menu: Menu | None = None
        self.outcome: Outcome | None = None
        self._hud: dict[str, tuple] = {}
        self.keys = {a: action_label(ctx, a, d) for a, d in (("FOCUS", "q"), ("SPREAD", "e"), ("RECALL", "r"),
                                                            ("PAUSE", "escape"))}
        self._last_sound: dict[str, int] = {}
        self.speed = int(_setting(ctx, "swarm_speed", 100))
        self._speed_acc = 0
        self._held_over = 0  # buttons pressed on ticks the swarm sat out (slowed game speed)
        self._hint_until = -1
        self._cut_checked = -1

    @property
    def counts_game_time(self) -> bool:  # the results screen is a menu: the in-game timer stops there
        return self.phase != "results"

    # life cycle -----------------------------------------------------------------------------------
    def enter(self) -> None:
        self.ctx.audio.play_music("swarm")
        for observer in self.ctx.options.get("swarm_observers", ()):
            observer.attach(self)  # the autopilot and the command line's result watcher

    def ended(self) -> Outcome | None:
        return self.outcome

    # the tick ---------------------------------------------------------------------------------------
    def update(self, frame: ActionFrame) -> None:
        self.t += 1
        if frame.pressed & Action.PAUSE and self.phase != "results":
            self.ctx.open_pause(restart=self.restart)
            return
        if self.phase == "brief":
            if frame.pressed & (Action.CONFIRM | Action.POINTER) or self.t >= BRIEF_TICKS:
                play(self.ctx, "ui_confirm")
                self.phase = "play"
            return
        if self.phase == "play":
            self._play(frame)
        elif self.phase == "results":
            self._results(frame)

    def _play(self, frame: ActionFrame) -> None:
        swarm = self.swarm
        if self.speed < 100:
            # slowed game speed: step on `speed` of every 100 ticks, evenly (a tick counter, not the clock)
            self._speed_acc += self.speed
            if self._speed_acc < 100:
                self._held_over |= frame.pressed
                return
            self._speed_acc -= 100
            if self._held_over:
                frame = ActionFrame(frame.held, frame.pressed | self._held_over, frame.pointer)
                self._held_over = 0
        swarm.step(frame)
        self._update_hint()
        if self.ghost is not None and self._ghost_i < len(self.ghost_frames):
            self.ghost = beacon_step(self.ghost, self.ghost_frames[self._ghost_i])
            self._ghost_i += 1
        for event in swarm.events:
            sound = _SOUNDS.get(event)
            if sound is None:
                continue
            name, gap = sound
            # decay breaks nearly every tick while the swarm grinds: keep each sound to a sensible rate
            if self.t - self._last_sound.get(name, -10_000) >= gap:
                self._last_sound[name] = self.t
                play(self.ctx, name)
        if swarm.finished:
            self.phase = "results"
            self.outcome = Outcome("swarm", self.encounter.name, swarm.won, swarm.score, swarm.tick_count,
                                   grade=swarm.grade.letter)
            self.ctx.run.mark(f"swarm:{self.encounter.name}")
            if self.on_finish is not None:
                items = [MenuItem("continue", "Continue")]
            else:  # practice: after a win Continue comes first, so Enter moves on instead of replaying
                items = [MenuItem("continue", "Continue")] if swarm.won else []
                items += [MenuItem("retry", "Retry"), MenuItem("title", "Quit to title")]
            self.results_menu = Menu(items, self.ctx.assets.font(), center_x=320, top=242, width=150, row_height=15)

    def _results(self, frame: ActionFrame) -> None:
        event = self.results_menu.update(frame)
        if event is None:
            return
        kind, key = event
        if kind == "move":
            play(self.ctx, "ui_move")
            return
        if kind != "choose":
            return
        play(self.ctx, "ui_confirm")
        if key == "continue" and self.on_finish is None:
            self.ctx.back_to_practice()
        elif key == "continue":
            self.ctx.scenes.pop()
            self.on_finish(self.outcome)
        elif key == "retry" and self.restart is not None:
            self.ctx.begin_run(self.restart, seed=self.ctx.run.seed)
        else:
            self.ctx.begin_run(StartPoint.of("title"))

    def _update_hint(self) -> None:
        """Show the cut-off hint while the beacon sits where the swarm cannot go, or while many bots have
        no open way to it (checked twice a second: it counts the bots)."""
        swarm = self.swarm
        if swarm.slid_tick == swarm.tick_count:
            self._hint_until = swarm.tick_count + HINT_TICKS
        elif swarm.tick_count % 30 == 0 and swarm.cut_off_bots() * 10 > swarm.n:
            self._hint_until = swarm.tick_count + HINT_TICKS

    @property
    def hint_showing(self) -> bool:
        return self.phase == "play" and self.swarm.tick_count < self._hint_until

    def state_bytes(self) -> bytes:
        menu = self.results_menu.index if self.results_menu else -1
        head = np.array([self.t, ("brief", "play", "results").index(self.phase), menu, self._speed_acc,
                         self._held_over, self._hint_until], np.int64).tobytes()
        return head + self.swarm.state_bytes()

    # drawing ---------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        if self._renderer is None:
            glow = None
            try:
                glow = self.ctx.assets.image("ui/glow.png")
            except Exception:  # noqa: BLE001 - the glow is decoration; the game runs without it
                glow = None
            self._renderer = SwarmRenderer(glow)
        shake = shake_offset(self.swarm, bool(_setting(self.ctx, "screen_shake", True)))
        self._renderer.draw(surface, self.swarm, self.ghost, offset=shake)
        self._draw_hud(surface)
        if self.hint_showing:
            self._draw_hint(surface)
        if self.phase == "brief":
            self._draw_brief(surface)
        elif self.phase == "results":
            self._draw_results(surface)

    def _bar(self, surface, x, y, w, value, maximum, fill, back="ink") -> None:
        pygame.draw.rect(surface, colour(back), (x, y, w, 5))
        filled = 0 if maximum <= 0 else min(w - 2, (w - 2) * value // maximum)
        if filled > 0:
            pygame.draw.rect(surface, colour(fill), (x + 1, y + 1, filled, 3))
        pygame.draw.rect(surface, colour("slate"), (x, y, w, 5), 1)

    def _draw_hud(self, surface: pygame.Surface) -> None:
        """Decay and pain (top left), clock and score (top right), abilities (bottom), alarms (top centre).

        Each block is rendered into a cached surface and redrawn only when what it shows changes."""
        swarm = self.swarm
        pain = swarm.pain * 100 // PAIN_MAX
        hurt = pain >= 60 and (self.t // 8) % 2 == 0
        health = (swarm.decay_percent, swarm.encounter.win_decay_percent, pain, hurt)
        self._hud_block(surface, "health", (6, 6, 132, 42), health, self._hud_health)
        left = swarm.time_left
        low = left < 15 * 60 and (self.t // 15) % 2 == 0
        self._hud_block(surface, "clock", (534, 6, 100, 42), (format_clock(left), low, swarm.score), self._hud_clock)
        total = max(1, swarm.encounter.recall_cooldown * 60)
        charge = (total - swarm.recall_cooldown) * 50 // total
        self._hud_block(surface, "abilities", (6, 330, 250, 26), (swarm.mode, swarm.recall_ready, charge),
                        self._hud_abilities)
        font = self.ctx.assets.font()
        font.draw(surface, f"{swarm.n} BOTS", (634, 339), colour("mist"), shadow=colour("ink"), align="right")
        if swarm.rogues or swarm.damaged:
            blink = (self.t // 10) % 2 == 0
            self._hud_block(surface, "alarm", (220, 6, 200, 32), (swarm.rogues, swarm.damaged, blink), self._hud_alarm)

    def _hud_block(self, surface: pygame.Surface, name: str, rect: tuple, key: tuple, paint) -> None:
        cached = self._hud.get(name)
        if cached is None or cached[0] != key:
            image = pygame.Surface(rect[2:], pygame.SRCALPHA)
            paint(image, *key)
            cached = (key, image)
            self._hud[name] = cached
        surface.blit(cached[1], rect[:2])

    def _hud_health(self, image: pygame.Surface, percent: int, goal: int, pain: int, hurt: bool) -> None:
        font, ink = self.ctx.assets.font(), colour("ink")
        draw_panel(image, pygame.Rect(0, 0, 132, 40), alpha=200)
        font.draw(image, "DECAY LEFT", (6, 4), colour("decay_light"), shadow=ink)
        text, tint = decay_readout(percent)
        font.draw(image, text, (126, 4), colour(tint), shadow=ink, align="right")
        self._bar(image, 6, 15, 120, min(percent, 100), 100, "amber" if percent > 100 else "decay_light")
        # the goal: a notch on the bar where the decay left is low enough to win
        pygame.draw.line(image, colour("green"), (7 + 118 * goal // 100, 13), (7 + 118 * goal // 100, 20))
        font.draw(image, "PAIN", (6, 22), colour("white") if hurt else colour("rose"), shadow=ink)
        self._bar(image, 38, 25, 88, pain, 100, "red" if pain >= 60 else "pulp")

    def _hud_clock(self, image: pygame.Surface, clock: str, low: bool, score: int) -> None:
        font, ink = self.ctx.assets.font(), colour("ink")
        draw_panel(image, pygame.Rect(0, 0, 100, 40), alpha=200)
        font.draw(image, clock, (94, 3), colour("amber") if low else colour("white"), scale=2, shadow=ink,
                  align="right")
        font.draw(image, f"SCORE {score}", (94, 26), colour("cyan_light"), shadow=ink, align="right")

    def _hud_abilities(self, image: pygame.Surface, mode: int, ready: bool, charge: int) -> None:
        font, ink = self.ctx.assets.font(), colour("ink")
        draw_panel(image, pygame.Rect(0, 0, 250, 24), alpha=200)
        keys = self.keys
        x = 5
        # the held mode lights up: a filled tab behind its label, so holding the key reads at a glance
        for label, active, tint in ((f"{keys['FOCUS']} FOCUS", mode == 1, "cyan_light"),
                                    (f"{keys['SPREAD']} SPREAD", mode == 2, "amber")):
            w = font.width(label) + 6
            if active:
                pygame.draw.rect(image, colour("teal_dark" if mode == 1 else "wood_dark"), (x, 4, w, 16))
                pygame.draw.rect(image, colour(tint), (x, 4, w, 16), 1)
            font.draw(image, label, (x + 3, 7), colour(tint) if active else colour("fog"), shadow=ink)
            x += w + 4
        label = f"{keys['RECALL']} RECALL"
        font.draw(image, label, (x + 3, 7), colour("cyan_light") if ready else colour("steel"), shadow=ink)
        x += font.width(label) + 9
        self._bar(image, x, 9, max(20, 244 - x), charge, 50, "cyan" if ready else "teal")

    def _hud_alarm(self, image: pygame.Surface, rogues: int, damaged: int, blink: bool) -> None:
        font, ink = self.ctx.assets.font(), colour("ink")
        draw_panel(image, pygame.Rect(0, 0, 200, 30), accent="magenta", alpha=210)
        if rogues:
            font.draw(image, f"ROGUE BOTS: {rogues}  -  RECALL NEAR THEM", (100, 4),
                      colour("magenta") if blink else colour("rose"), shadow=ink, align="center")
        else:
            font.draw(image, "ROGUE BOTS CONTAINED", (100, 4), colour("green"), shadow=ink, align="center")
        font.draw(image, f"healthy tissue lost {damaged}/{self.encounter.damage_limit}", (100, 16),
                  colour("rose"), shadow=ink, align="center")

    def _draw_hint(self, surface: pygame.Surface) -> None:
        self._hud_block(surface, "hint", (170, 300, 300, 24), ("cut",), self._hud_hint)

    def _hud_hint(self, image: pygame.Surface, _key: str) -> None:
        font, ink = self.ctx.assets.font(), colour("ink")
        draw_panel(image, pygame.Rect(0, 0, 300, 22), accent="amber", alpha=220)
        font.draw(image, "The swarm can't get in there: the beacon waits at the", (150, 2), colour("amber"),
                  shadow=ink, align="center")
        font.draw(image, "nearest open spot. Lead it round through open space.", (150, 11), colour("mist"),
                  shadow=ink, align="center")

    def _draw_brief(self, surface: pygame.Surface) -> None:
        font = self.ctx.assets.font()
        enc = self.encounter
        dim(surface, 120)
        lines = font.wrap(enc.brief, 340 - 28)
        step = font.line_height + 1
        height = 52 + len(lines) * step + 58
        rect = pygame.Rect(150, min(100, 180 - height // 2), 340, height)
        draw_panel(surface, rect)
        font.draw(surface, f"CHAPTER {enc.chapter}  -  {enc.difficulty.upper()}", (320, rect.y + 10),
                  colour("cyan"), align="center", shadow=colour("ink"))
        font.draw(surface, enc.title, (320, rect.y + 24), colour("white"), scale=2, align="center",
                  outline=colour("ink"))
        y = rect.y + 52
        for line in lines:
            font.draw(surface, line, (rect.x + 14, y), colour("mist"), shadow=colour("ink"))
            y += step
        k = self.keys
        controls = f"hold {k['FOCUS']} focus    hold {k['SPREAD']} spread    {k['RECALL']} recall    {k['PAUSE']} pause"
        font.draw(surface, controls, (320, rect.bottom - 44), colour("cyan_light"), align="center",
                  shadow=colour("ink"))
        font.draw(surface, f"{self.swarm.n} bots  -  {format_clock(enc.time_limit_ticks)} on the clock",
                  (320, rect.bottom - 30), colour("fog"), align="center")
        if (self.t // 20) % 2 == 0:
            begin = f"{action_label(self.ctx, 'CONFIRM', 'return')} or click to begin"
            font.draw(surface, begin, (320, rect.bottom - 16), colour("cyan_light"),
                      align="center", shadow=colour("ink"))

    def _draw_results(self, surface: pygame.Surface) -> None:
        font = self.ctx.assets.font()
        swarm = self.swarm
        dim(surface, 140)
        rect = pygame.Rect(170, 68, 300, 228)  # below the run's result plate (y 46), above the ability bar
        draw_panel(surface, rect, accent="cyan" if swarm.won else "magenta")
        title = "TOOTH SAVED" if swarm.won else "TREATMENT FAILED"
        font.draw(surface, title, (320, rect.y + 12), colour("green") if swarm.won else colour("magenta"), scale=2,
                  align="center", outline=colour("ink"))
        font.draw(surface, swarm.reason, (320, rect.y + 36), colour("mist"), align="center", shadow=colour("ink"))
        grade = swarm.grade
        font.draw(surface, f"GRADE {grade.letter}", (320, rect.y + 50), colour("amber") if grade.letter == "S" else
                  colour("white"), scale=2, align="center", outline=colour("ink"))
        font.draw(surface, f"time {grade.time}/40   tissue spared {grade.tissue}/30   comfort {grade.comfort}/30",
                  (320, rect.y + 72), colour("fog"), align="center", shadow=colour("ink"))
        rows = [("Score", str(swarm.score)), ("Treatment time", format_clock(swarm.tick_count)),
                ("Cells cleaned", str(swarm.cleaned)), decay_result(swarm),
                ("Healthy tissue lost", str(swarm.tissue_lost)),
                ("Peak pain", f"{swarm.peak_pain * 100 // PAIN_MAX}%")]
        if swarm.encounter.rogue:
            rows.append(("Rogue bots contained", str(swarm.contained)))
        y = rect.y + 86
        for label, value in rows:
            font.draw(surface, label, (rect.x + 24, y), colour("fog"), shadow=colour("ink"))
            font.draw(surface, value, (rect.right - 24, y), colour("white"), shadow=colour("ink"), align="right")
            y += font.line_height + 3
        if self.results_menu is not None:
            self.results_menu.draw(surface, tick=self.t)
