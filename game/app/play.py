"""``neosmiles play``: the game itself, windowed or headless.

Content and start-up problems are reported as one clear line and exit code 2; an unexpected error is
written with its traceback to ``crash.log`` in the user data folder and summarised for the player.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from game.core.run import StartPoint

log = logging.getLogger(__name__)


def configure(parser: argparse.ArgumentParser) -> None:
    add_run_options(parser)
    parser.add_argument("--start", default="title", help="start point (title by default)")
    parser.add_argument("--dialogue", metavar="NODE", help="play one dialogue node over a backdrop")
    parser.add_argument("--chapter", metavar="N", help="with --dialogue, --map or --start chapter: the story's chapter")
    parser.add_argument("--flags", metavar="LIST",
                        help="with --dialogue, --map or --start chapter: flags and counter=value, comma separated")
    parser.add_argument("--map", metavar="PATH", help="start on this Tiled map (e.g. levels/clinic.tmx)")
    parser.add_argument("--spawn", metavar="NAME", help="with --map: the spawn to start at (default: start)")
    parser.add_argument("--continue", dest="continue_", action="store_true", help="start from the newest save")
    parser.add_argument("--load", metavar="SLOT", help="start from a save: a slot (auto, 1, 2, 3) or a file")


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Options every way of running the game shares (play, practice)."""
    parser.add_argument("--headless", action="store_true", help="no window, no frame cap; prints a digest")
    parser.add_argument("--ticks", type=_positive, metavar="N", help="stop after N ticks")
    parser.add_argument("--seed", type=_seed, metavar="N", help="seed of the run's randomness")
    parser.add_argument("--screenshot", type=Path, metavar="PATH", help="save the last frame as a PNG")
    parser.add_argument("--dev", action="store_true", help="developer mode (F3 overlay, hot reload)")
    parser.add_argument("--record", type=Path, metavar="FILE", help="write the run's replay (.nsreplay) to FILE")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("must be between 0 and 2**63-1")
    return value


def run(args: argparse.Namespace) -> int:
    if args.headless and args.ticks is None:
        print("neosmiles: --headless needs --ticks N (nobody is there to play or quit)", file=sys.stderr)
        return 2
    if getattr(args, "continue_", False) or getattr(args, "load", None):
        return _from_save(args)
    if getattr(args, "dialogue", None):
        return launch(args, StartPoint.of("dialogue", node=args.dialogue, chapter=args.chapter, flags=args.flags))
    if args.start == "chapter":  # a chapter's beginning, as the story reaches it (a card, Lena placed)
        return launch(args, StartPoint.of("chapter", chapter=args.chapter, flags=args.flags))
    if getattr(args, "map", None):
        return launch(args, StartPoint.of("map", map=content_map(args.map), spawn=args.spawn, chapter=args.chapter,
                                          flags=args.flags))
    start = StartPoint.of(args.start)
    if args.headless and start.name == "new-game":
        # nobody is there to answer the difficulty question: a headless new game is played on normal
        start = StartPoint.of("new-game", difficulty="normal")
    return launch(args, start)


def _from_save(args: argparse.Namespace) -> int:
    """``--continue`` / ``--load SLOT``: a damaged or missing save is one line naming the file and why, exit 2."""
    from game.paths import Paths
    from game.saves import slots
    from game.saves.format import SaveError, state_hash

    saves_dir = Paths.from_env().saves_dir
    if args.load:
        try:
            _label, found = slots.open_named(saves_dir, args.load)
        except SaveError as exc:
            print(f"neosmiles: {exc.reason}", file=sys.stderr)
            return 2
    else:
        info = slots.newest(saves_dir)
        if info is None:
            print(f"neosmiles: there is no save to continue in {saves_dir}", file=sys.stderr)
            return 2
        found = info.usable
    body = found.body
    args.seed = body["state"]["run"]["seed"]
    return launch(args, StartPoint.of("save", hash=state_hash(body)), options={"save": body})


def content_map(typed: str) -> str:
    """``--map`` as the start point records it: a file typed relative to the working folder becomes its
    path inside the content root (``levels/clinic.tmx``), so a replay of the run finds the same file from
    any folder; a file outside the content stays an absolute path (it can be played, not recorded); a
    name (``clinic``) stays a name."""
    from game.core.files import resolved
    from game.paths import Paths
    from game.replay.content import content_relative

    path = Path(typed)
    if not path.is_file():
        return typed
    inside = content_relative(path, Paths.from_env().root)
    return inside if inside is not None else str(resolved(path))


def launch(args: argparse.Namespace, start: StartPoint, source=None, options=None,
           until=None, after=None) -> int:
    """Boot, run live or headless, then print the digest (headless) and save the screenshot.

    ``source`` replaces device input (autopilots); ``until`` ends a headless run early;
    ``after(game)`` runs once the loop ends (a minigame prints its result there) and may return an
    exit code.
    """
    from game.app.assets import AssetError
    from game.app.boot import BootOptions, boot
    from game.starts import StartError

    if getattr(args, "record", None) is not None:
        from game.paths import Paths
        from game.replay.content import start_problem

        problem = start_problem(start, Paths.from_env().root)
        if problem is not None:
            print(f"neosmiles: cannot record this run: {problem}", file=sys.stderr)
            return 2
    opts = BootOptions(start=start, seed=args.seed, headless=args.headless, dev=args.dev,
                       options=dict(options or {}), record=getattr(args, "record", None))
    try:
        game = boot(opts, source=source)
        # --ticks N counts the ticks played in this session (a run continued from a save starts at its tick)
        limit = None if args.ticks is None else args.ticks + game.ctx.run.base_tick
        if args.headless:
            game.run_headless(limit, until=until)
        else:
            from game.app.input import InputMapper
            from game.app.sources import LiveInput

            settings = game.ctx.settings
            bindings = {device: settings.bindings(device) for device in ("keyboard", "mouse", "gamepad")}
            mapper = InputMapper(bindings, game.ctx.display.window_to_logical)
            if source is None:
                game.source = LiveInput(mapper)
            game.run_live(mapper, max_ticks=limit)
        game.close()
        code = 0
        if after is not None:
            code = after(game) or 0
        if args.screenshot:
            game.screenshot(args.screenshot)
        if args.headless:
            print(f"digest {game.digest()}")
        return code
    except (AssetError, StartError) as exc:
        from game.core.files import printable

        print(f"neosmiles: {printable(str(exc), 2000)}", file=sys.stderr)  # it may quote text from a file
        return 2
    except content_errors() as exc:  # content met during the run (a conversation, an encounter, a door)
        from game.core.files import printable

        print(f"neosmiles: the game cannot go on with broken content; run 'neosmiles check':\n"
              f"{printable(str(exc), 2000)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # not a crash: whoever read our output stopped reading; the command line ends quietly
    except Exception:  # noqa: BLE001 - the player gets a message and a log, never a raw traceback
        return _crash(traceback.format_exc())


def content_errors() -> tuple[type[Exception], ...]:
    """The loaders' own error types: each means a content file is broken (``neosmiles check`` names it)."""
    from game.dialogue.loader import DialogueError
    from game.spectra.encounter import EncounterError as SpectraEncounterError
    from game.spectra.generator import GenerationError
    from game.swarm.encounter import EncounterError as SwarmEncounterError
    from game.world.scene import MapLoadError
    from game.world.tmx import TmxError

    return DialogueError, SpectraEncounterError, GenerationError, SwarmEncounterError, MapLoadError, TmxError


def _crash(details: str) -> int:
    from game.core.files import write_atomic
    from game.paths import Paths

    target = Paths.from_env().data_dir / "crash.log"
    try:
        write_atomic(target, details.encode())
        where = f"details were written to {target}"
    except OSError:
        where = "details follow:\n" + details
    print(f"neosmiles: an internal error stopped the game; {where}", file=sys.stderr)
    if "--verbose" in sys.argv or "-v" in sys.argv:
        print(details, file=sys.stderr)
    return 70
