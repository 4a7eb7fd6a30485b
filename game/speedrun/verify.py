"""``neosmiles verify FILE... [--json]``: re-simulate replays headless and check every state digest.

Each file is read defensively (``game.replay.format``), refused if it was made with other content, then
re-simulated from its start point, seed and simulation settings with its frames, one ``Game.step`` per
tick, with no drawing and no frame cap. At each checkpoint the state digest must match the recorded
one; the first that differs is reported as ``DESYNC at tick N``. The recorded result (in-game time and
splits) must also be what the simulation produced. Exit code 1 if any file fails. ``-j N`` checks the
files in N worker processes at once (a leaderboard's pile of submissions); the lines come out in the
order the files were given, whatever order they finish in.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from game import __version__
from game.core.clock import TICK_RATE, format_ticks
from game.core.files import printable
from game.replay.format import Replay, ReplayError, read_file

DIFFERENT_CONTENT = "made with different content (levels/dialogue/encounters changed)"


@dataclass
class Verdict:
    file: str
    status: str  # ok | desync | refused | error
    message: str = ""
    ticks: int = 0
    game_ticks: int = 0
    time: str = ""
    digest: str = ""
    desync_tick: int | None = None
    category: str = ""
    practice: bool = False
    assisted: bool = False
    seconds: float = 0.0  # wall time spent simulating
    speed: float = 0.0  # simulated seconds per wall second

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def line(self) -> str:
        if self.status == "ok":
            return f"OK {self.file} time={self.time} digest={self.digest}"
        if self.status == "desync":
            extra = f" ({printable(self.message, 400)})" if self.message else ""
            return f"DESYNC at tick {self.desync_tick} {self.file}{extra}"
        if self.status == "refused":
            return f"REFUSED {self.file}: {printable(self.message, 400)}"
        return f"ERROR {self.file}: {printable(self.message, 400)}"


def configure(parser: argparse.ArgumentParser) -> None:
    from game.app.play import _positive  # the command line's one whole-number check

    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="replay files (.nsreplay)")
    parser.add_argument("--max-ticks", type=_positive, metavar="N",
                        help="refuse replays longer than N ticks (60 per second) instead of simulating them")
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.add_argument("--bench", action="store_true", help="also print each replay's speed (x real time)")
    parser.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                        help="verify N files at once, each in its own process (default 1)")


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError("must be between 1 and 256")
    return value


def run(args: argparse.Namespace) -> int:
    verdicts = verify_files(args.files, args.jobs, max_ticks=args.max_ticks, announce=True)
    if args.json:
        print(json.dumps([asdict(v) for v in verdicts], indent=2))
    else:
        for verdict in verdicts:
            print(verdict.line())
            if args.bench and verdict.ok:
                print(f"  {verdict.ticks} ticks in {verdict.seconds:.3f} s: {verdict.speed:.0f}x real time")
    return 0 if all(v.ok for v in verdicts) else 1


def verify_files(files: list[Path], jobs: int = 1, *, max_ticks: int | None = None, announce: bool = False
                 ) -> list[Verdict]:
    """Verify every file, in ``jobs`` processes when more than one; verdicts in the order of ``files``.

    Each replay is simulated by its own process from scratch (a fresh game per file either way), so
    running them side by side cannot change a verdict; the workers are started clean ("spawn"), not
    forked from this process.
    """
    files = list(files)
    jobs = max(1, min(jobs, len(files)))
    one = functools.partial(verify_file, max_ticks=max_ticks, announce=announce)
    if jobs == 1:
        return [one(path) for path in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(one, files))


def verify_file(path: Path, paths=None, *, max_ticks: int | None = None, announce: bool = False) -> Verdict:
    name = str(path)
    try:
        replay = read_file(path)
    except ReplayError as exc:
        return Verdict(name, "error", str(exc))
    return verify_replay(replay, name, paths, max_ticks=max_ticks, announce=announce)


def verify_replay(replay: Replay, name: str = "<replay>", paths=None, *, max_ticks: int | None = None,
                  announce: bool = False) -> Verdict:
    """Re-simulate one replay. ``max_ticks`` refuses longer replays before simulating; ``announce``
    prints the replay's length to stderr first (a long one takes a while, and says so)."""
    from game.core.run import StartPoint
    from game.paths import Paths
    from game.replay.content import ContentError, content_hash, start_problem

    paths = paths or Paths.from_env()
    header = replay.header
    verdict = Verdict(name, "error", category=header.category, practice=header.practice, assisted=header.assisted,
                      ticks=replay.ticks)
    length = f"{replay.ticks} ticks ({format_ticks(replay.ticks)} of play)"
    if max_ticks is not None and replay.ticks > max_ticks:
        verdict.status = "refused"
        verdict.message = f"the replay is {length}, longer than --max-ticks {max_ticks}"
        return verdict
    if announce:
        print(f"neosmiles: {name}: {length}; simulating...", file=sys.stderr, flush=True)
    try:
        fingerprint = content_hash(paths.root)
    except ContentError as exc:
        verdict.message = str(exc)
        return verdict
    if header.content_hash != fingerprint:
        verdict.status, verdict.message = "refused", DIFFERENT_CONTENT
        return verdict
    try:
        problem = start_problem(StartPoint.from_json(header.start_json), paths.root)
    except (ValueError, KeyError, TypeError):
        problem = None  # reported by boot_for with its own message
    if problem is not None:
        verdict.status, verdict.message = "refused", problem
        return verdict
    if header.game_version != __version__:
        print(f"neosmiles: note: {name} was made with game version {printable(header.game_version)}; "
              f"this is {__version__}", file=sys.stderr)
    try:
        game = boot_for(replay, paths)
    except ReplayError as exc:
        verdict.message = str(exc)
        return verdict
    started = time.perf_counter()
    try:
        outcome = simulate(game, replay)
    except Exception as exc:  # noqa: BLE001 - a hostile or foreign replay must give a message, not a traceback
        verdict.message = (f"the game stopped with an internal error at tick {game.ctx.run.tick} "
                           f"({type(exc).__name__}: {exc})")
        return verdict
    verdict.seconds = time.perf_counter() - started
    verdict.speed = round(replay.ticks / TICK_RATE / verdict.seconds, 1) if verdict.seconds > 0 else 0.0
    desync_tick, final_digest, message = outcome
    if desync_tick is not None:
        verdict.status, verdict.desync_tick, verdict.message = "desync", desync_tick, message
        return verdict
    verdict.status = "ok"
    verdict.game_ticks = replay.result.game_ticks
    verdict.time = format_ticks(replay.result.game_ticks)
    verdict.digest = final_digest
    return verdict


def boot_for(replay: Replay, paths=None, *, headless: bool = True, source=None):
    """A game set up exactly as the replay's run began (no recording, the player's files untouched)."""
    from game.app.assets import AssetError
    from game.app.boot import BootOptions, boot
    from game.app.sources import ScriptedInput
    from game.core.run import StartPoint
    from game.starts import StartError

    header = replay.header
    try:
        start = StartPoint.from_json(header.start_json)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReplayError(f"the start point cannot be read ({exc})") from None
    options = {"seen_lines": header.seen_lines}
    if start.name == "save" or header.save_json:
        options["save"] = embedded_save(replay, start)
    opts = BootOptions(start=start, seed=header.seed, headless=headless, persist=False,
                       settings_override=replay_settings(replay), options=options)
    try:
        return boot(opts, source=source or ScriptedInput(replay.frames()), paths=paths)
    except StartError as exc:
        raise ReplayError(f"this version cannot start the run: {exc}") from None
    except (KeyError, ValueError) as exc:
        raise ReplayError(f"the replay's settings are not valid here: {exc}") from None
    except AssetError as exc:
        raise ReplayError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - a scene that cannot be built from this replay: a message
        raise ReplayError(f"the run cannot be started ({type(exc).__name__}: {exc})") from None


def embedded_save(replay: Replay, start) -> dict:
    """The save a run from a save began with, read from the replay as untrusted as a save file."""
    from game.replay.categories import FULL_GAME
    from game.saves.format import SaveError, check_body, parse_bounded_json, state_hash

    header = replay.header
    if not header.save_json:
        raise ReplayError("the run started from a save, but the replay does not hold it")
    if start.name != "save" or start.get("hash") != header.save_hash:
        raise ReplayError("the save in the replay is not the one its start point names")
    if header.category == FULL_GAME or not header.practice:
        raise ReplayError("a run continued from a save never counts for the full game")
    try:
        body = parse_bounded_json(header.save_json.encode("utf-8"))
        check_body(body)
    except SaveError as exc:
        raise ReplayError(f"the save in the replay cannot be used: {exc.reason}") from None
    if state_hash(body) != header.save_hash:
        raise ReplayError("the save in the replay is not in canonical form")
    return body


def replay_settings(replay: Replay) -> dict:
    """The settings to force for a replay: every simulation setting, the recorded value or the default.

    A replay may only set simulation settings (and assist options); anything else is refused, so a
    crafted file cannot change how the verifier's game is set up.
    """
    from game.app.settings import SIMULATION_KEYS, SPECS

    values = {key: SPECS[key].default for key in SIMULATION_KEYS}
    for key, value in replay.header.settings.items():
        if key not in SIMULATION_KEYS and not key.startswith("assist"):
            raise ReplayError(f"the replay sets {key!r}, which is not a simulation setting")
        if key not in SPECS:
            raise ReplayError(f"the replay needs setting {key!r}, which this version does not have")
        if not SPECS[key].check(value):
            raise ReplayError(f"the replay's setting {key!r} must be {SPECS[key].describe}")
        values[key] = value
    return values


def simulate(game, replay: Replay) -> tuple[int | None, str, str]:
    """Step through every frame; returns (first differing checkpoint tick or None, final digest, note)."""
    ctx = game.ctx
    run = ctx.run
    step, source = game.step, game.source
    tick = 0
    digest = ""
    for checkpoint, expected in replay.checkpoints:
        while tick < checkpoint:
            step(source.next_frame())
            tick += 1
        digest = game.digest()
        if bytes.fromhex(digest) != expected:
            return checkpoint, digest, ""
    while tick < replay.ticks:  # only when there are no checkpoints at all (an empty run)
        step(source.next_frame())
        tick += 1
    result = replay.result
    # a run continued from a save counts its ticks and times from the save's counters
    simulated = [(name, t - run.base_tick, gt - run.base_game_ticks) for t, gt, name in run.events
                 if t - run.base_tick <= replay.ticks]
    recorded = [(s.name, s.tick, s.game_ticks) for s in result.splits]
    if simulated[:len(recorded)] != recorded:
        return replay.ticks, digest, "the recorded splits are not what the run did"
    if result.outcome == "finished":
        if not recorded or recorded[-1][2] != result.game_ticks:
            return replay.ticks, digest, "the recorded time is not the finishing split's time"
    elif run.game_ticks - run.base_game_ticks != result.game_ticks:
        return replay.ticks, digest, "the recorded in-game time is not what the run took"
    return None, digest, ""
