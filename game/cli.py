"""The ``neosmiles`` command line (``python main.py`` is the same).

Each command lives in its own module, imported only when that command runs, which defines
``configure(parser)`` and ``run(args) -> int``. ``practice`` and ``bench`` take a minigame name and
dispatch the same way. With no command, ``play`` runs.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

# command -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("game.app.play", "play the game (the default command)"),
    "check": ("game.check.cli", "validate maps, dialogue and encounter files"),
    "verify": ("game.speedrun.verify", "re-simulate replays headless and check they do not desync"),
    "replay": ("game.speedrun.viewer", "watch a replay (pause, frame step, speed, seek to a split)"),
    "splits": ("game.speedrun.splits_cli", "show personal bests and export splits for LiveSplit (.lss)"),
    "autoplay": ("game.autoplay.cli", "let the built-in player play the story to the credits (attract demo, tests)"),
    "saves": ("game.saves.cli", "list the save slots, or show one (saves show SLOT)"),
}
# minigame -> module, for `neosmiles practice NAME` and `neosmiles bench NAME`
PRACTICE: dict[str, str] = {
    "swarm": "game.swarm.cli",
    "spectra": "game.spectra.cli",
}
BENCH: dict[str, str] = {
    "swarm": "game.swarm.bench",
    "spectra": "game.spectra.cli",
    "world": "game.world.bench",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="neosmiles", description="NeoSmiles: a clinic, an AI, a swarm.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        importlib.import_module(module).configure(command)
        command.set_defaults(_module=module)
    for name, table, help_text in (("practice", PRACTICE, "play one minigame encounter on its own"),
                                   ("bench", BENCH, "measure a core's performance")):
        if not table:
            continue
        command = sub.add_parser(name, help=help_text, description=help_text)
        games = command.add_subparsers(dest="minigame", metavar="MINIGAME", required=True)
        for game_name, module in table.items():
            game = games.add_parser(game_name, help=f"{name} {game_name}")
            configure = getattr(importlib.import_module(module), f"configure_{name}")
            configure(game)
            game.set_defaults(_module=module, _entry=f"run_{name}")
    return parser


def _ensure_streams() -> None:
    """A windowed desktop build (Windows, macOS) starts with no console: printing must not fail."""
    if sys.stdout is None or sys.stderr is None:
        sink = open(os.devnull, "w", encoding="utf-8")  # kept open for the life of the process
        sys.stdout = sys.stdout or sink
        sys.stderr = sys.stderr or sink


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    _ensure_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "-v", "--verbose")):
        argv = ["play", *argv]
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "play"])
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    module = importlib.import_module(args._module)
    entry = getattr(module, getattr(args, "_entry", "run"))
    try:
        return int(entry(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into a command that stopped reading (e.g. `| head`)
        return 0
