"""``neosmiles autoplay``: the autoplayer plays from New game to the credits.

Headless it steps as fast as the CPU allows and prints each chapter split (the last one closes as the
credits roll and ends the full game) with its in-game time as it happens, then a ``minigame <game:encounter>
won|lost`` line for each encounter played, ``ending <name>``, ``igt <h:mm:ss.mmm>`` and ``digest <hex>``;
the exit code is 0 only when the credits were reached (or the ``--stop-at`` split, when one is given).
Without ``--headless`` it plays in the window at normal speed, as an attract demo, reading each line
before it moves on (``--pace reading``; headless it confirms as soon as a line shows, ``--pace fast``).
``--record FILE`` writes the run's replay, which ``neosmiles verify`` re-simulates like any player's;
``--shots DIR`` saves a PNG every ``--shot-every`` ticks and one where the run ends, so the whole game
can be looked at without playing it.

An autoplay run leaves the player's files alone (no replays, splits or seen lines written), except
with ``--stop-at``: then it plays as a player who stops there, so the game keeps what it keeps for a
player (the autosave ``neosmiles play --continue`` resumes).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from game.core.clock import TICK_RATE, format_ticks
from game.core.run import StartPoint

#: the longest run the autoplayer may take before it is called stuck (ticks of the simulation)
LIMIT_TICKS = 3 * 3600 * TICK_RATE
DIFFICULTIES = ("story", "normal", "hard")


def configure(parser: argparse.ArgumentParser) -> None:
    from game.app.play import _positive, _seed

    parser.add_argument("--headless", action="store_true", help="no window, no frame cap (prints the splits)")
    parser.add_argument("--seed", type=_seed, default=1, metavar="S", help="seed of the run (default 1)")
    parser.add_argument("--route", type=int, default=0, choices=(0, 1, 2, 3),
                        help="0 first answers, 1 last answers, 2 alternating, 3 loses every minigame once")
    parser.add_argument("--difficulty", default="normal", choices=DIFFICULTIES, help="chosen at New game")
    parser.add_argument("--record", type=Path, metavar="FILE", help="write the run's replay (.nsreplay) to FILE")
    parser.add_argument("--shots", type=Path, metavar="DIR", help="save a PNG of the screen every --shot-every ticks")
    parser.add_argument("--shot-every", type=_positive, default=600, metavar="N", help="ticks between shots (600)")
    parser.add_argument("--stop-at", type=_split_name, metavar="chapter-N",
                        help="stop once this split is done and Lena is back on the map")
    parser.add_argument("--pace", choices=("fast", "reading"),
                        help="fast: Confirm as soon as a line shows (headless default); reading: let each line "
                             "type out and be read (the window's default, an attract demo)")
    parser.add_argument("--dev", action="store_true", help="developer mode (F3 overlay)")


def _split_name(text: str) -> str:
    if not re.fullmatch(r"chapter-[1-9][0-9]?", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a chapter split (chapter-1, chapter-2, ...)")
    return text


def run(args: argparse.Namespace) -> int:
    from game.app.assets import AssetError
    from game.app.boot import BootOptions, boot
    from game.autoplay.player import AutoPlayer
    from game.autoplay.routes import route
    from game.starts import StartError

    pace = args.pace or ("fast" if args.headless else "reading")
    bot = AutoPlayer(route(args.route), args.difficulty, stop_at=args.stop_at, pace=pace)
    opts = BootOptions(start=StartPoint.of("title"), seed=args.seed, headless=args.headless, dev=args.dev,
                       persist=args.stop_at is not None, record=args.record)
    try:
        game = boot(opts, source=bot)
    except (AssetError, StartError) as exc:
        print(f"neosmiles: {exc}", file=sys.stderr)
        return 2
    watcher = Watcher(game, args.shots, args.shot_every)
    if args.headless:
        while not (bot.finished or game.finished):
            if game.ctx.run.tick >= LIMIT_TICKS:
                bot.state, bot.failure = "failed", f"no credits after {LIMIT_TICKS} ticks"
                break
            game.step(bot.next_frame())
            watcher.after_tick()
    else:
        play_window(game, bot, watcher)
    watcher.last_shot()
    game.close()
    return finish(game, bot, args)


def play_window(game, bot, watcher) -> None:
    """The attract demo: the bot's frames at 60 ticks a second in the window; closing it ends the demo."""
    from game.app.input import InputMapper
    from game.autoplay.player import is_credits

    settings = game.ctx.settings
    bindings = {device: settings.bindings(device) for device in ("keyboard", "mouse", "gamepad")}
    mapper = InputMapper(bindings, game.ctx.display.window_to_logical)
    source = bot

    class Watched:
        """The bot's frames; once it is done, the credits roll to their end (back to the title), then the
        demo closes."""

        def next_frame(self):
            if source.finished:
                rolling = source.state == "credits" and any(is_credits(s) for s in game.ctx.scenes.scenes)
                if not rolling:
                    game.ctx.request_quit()
            return source.next_frame()

    game.source = Watched()
    tick_listeners = game.ctx.run.tick_listeners
    tick_listeners.append(lambda run, frame: watcher.after_tick())
    game.run_live(mapper)


class Watcher:
    """Prints chapter splits as they happen and saves the periodic screenshots."""

    def __init__(self, game, shots: Path | None, every: int) -> None:
        self.game = game
        self.shots = shots
        self.every = every
        self.run = None
        self.seen = 0
        self.ticks = 0
        self.saved = 0

    def after_tick(self) -> None:
        ctx = self.game.ctx
        if ctx.run is not self.run:
            self.run, self.seen = ctx.run, 0
        events = ctx.run.events
        while self.seen < len(events):
            _, game_ticks, name = events[self.seen]
            self.seen += 1
            if name.startswith("chapter-"):
                print(f"{name} {format_ticks(game_ticks)}", flush=True)
        self.ticks += 1
        if self.shots is not None and self.ticks % self.every == 0:
            self.shot()

    def shot(self) -> None:
        self.game.screenshot(self.shots / f"shot-{self.saved:05d}-t{self.ticks:07d}.png")
        self.saved += 1

    def last_shot(self) -> None:
        """Where the run ended (the credits, the stop, or where it got stuck) is always in the shots."""
        if self.shots is not None and self.ticks % self.every:
            self.shot()


def final_game_ticks(run) -> int:
    """The run's in-game time: at its finishing split (what a replay's time is), else as it stands."""
    from game.replay import categories

    for _, game_ticks, name in run.events:
        if categories.finishes_run(run.start, name) and run.start.name == categories.FULL_GAME_START:
            return game_ticks
    return run.game_ticks


def finish(game, bot, args) -> int:
    ctx = game.ctx
    if bot.state == "failed":
        print(f"neosmiles: autoplay stopped: {bot.failure}", file=sys.stderr)
    for name, won in bot.report.minigames:
        print(f"minigame {name} {'won' if won else 'lost'}")
    story = ctx.run.story
    ending = getattr(story, "ending", "") or ""
    if bot.state == "credits":
        print(f"ending {ending or 'none'}")
    print(f"igt {format_ticks(final_game_ticks(ctx.run))}")
    print(f"digest {game.digest()}")
    if bot.state == "credits" or (bot.state == "stopped" and args.stop_at):
        return 0
    if bot.state == "playing" and not args.headless:
        return 0 if ctx.quit_requested else 1  # the window was closed: the demo ends there
    return 1
