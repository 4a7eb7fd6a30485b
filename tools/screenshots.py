"""Render the README's screenshots from the game's own start points (deterministic; rerun after changes).

    .venv/bin/python tools/screenshots.py [NAME ...] [--out docs] [--list]

Each shot boots the game headless at a start point (a map at a spawn, a practice encounter, a replay),
plays a short script of inputs or lets the built-in autopilot play, then saves the frame at twice the
game's 640x360 (nearest neighbour, so the pixel art stays crisp) as ``docs/<name>.png``. A shot whose
script does not reach the scene it is meant to show (say a map change moved an NPC) fails with a
message instead of writing a wrong picture: fix its script below and run again. The player's own
settings and saves are never read: the shots use a temporary user folder and the default settings.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for _key, _value in (("SDL_VIDEODRIVER", "dummy"), ("SDL_AUDIODRIVER", "dummy"), ("PYGAME_HIDE_SUPPORT_PROMPT", "1")):
    os.environ.setdefault(_key, _value)

import pygame  # noqa: E402

from game.core.actions import Action, ActionFrame  # noqa: E402
from game.core.run import StartPoint  # noqa: E402

SCALE = 2
UP, DOWN, LEFT, RIGHT, OK = Action.UP, Action.DOWN, Action.LEFT, Action.RIGHT, Action.CONFIRM


@dataclass(frozen=True)
class Hold:
    """Hold ``action`` for ``ticks`` ticks (pressed on the first); ``Hold(None, n)`` waits."""

    action: Action | None
    ticks: int = 1


def wait(ticks: int) -> Hold:
    return Hold(None, ticks)


@dataclass(frozen=True)
class Shot:
    name: str  # docs/<name>.png
    caption: str  # the README's alt text
    start: StartPoint | None = None  # scripted shots: the start point the script plays from
    script: tuple[Hold, ...] = ()
    expect: str = ""  # a word in the class name of the scene on top when the shot is taken
    command: tuple[str, ...] = ()  # command-line shots: the neosmiles arguments ({replay} = a recorded run)
    record: tuple[str, ...] = ()  # for a replay shot: the command that records {replay} first
    seed: int = 1
    options: dict = field(default_factory=dict)


SHOTS: tuple[Shot, ...] = (
    Shot("clinic", "The NeoSmiles clinic: patients waiting, the inspector at reception, the goal at the top left",
         start=StartPoint.of("map", map="clinic", spawn="start", chapter="2", flags="malik_warned"),
         script=(wait(30), Hold(RIGHT, 40), Hold(UP, 20), wait(20)), expect="Exploration"),
    Shot("conversation", "Malik greets Lena at the reception desk: a conversation with portraits",
         start=StartPoint.of("map", map="clinic", spawn="reception", chapter="1"),
         script=(wait(20), Hold(RIGHT, 3), wait(10), Hold(OK), wait(240)), expect="Dialogue"),
    Shot("swarm", "Steering thousands of nano-bots through a decaying molar",
         command=("practice", "swarm", "--level", "emergency", "--autopilot", "--headless", "--ticks", "900",
                  "--seed", "3")),
    Shot("spectra", "A SPECTRA debug dive: assembly, failing cases and the debugger",
         command=("practice", "spectra", "--encounter", "full-dive", "--autopilot", "--headless", "--ticks", "400",
                  "--seed", "3")),
    Shot("debate", "The debate in a full Civic Hall: Simon Kwan opens against Lena",
         start=StartPoint.of("map", map="debate_hall", spawn="stage", chapter="3",
                             flags="entered_hall,jenna_will_speak,rowan_confronted"),
         # to Lena's podium, then through the narrator's and the moderator's lines to Simon's first
         script=(wait(20), Hold(LEFT, 20), Hold(UP, 8), wait(10), Hold(OK), wait(200), Hold(OK), wait(200), Hold(OK),
                 wait(220), Hold(OK), wait(240)), expect="Dialogue"),
    Shot("replay", "The replay viewer: speed, splits and every tick's inputs, for speedrunners",
         record=("practice", "swarm", "--level", "tutorial", "--autopilot", "--headless", "--ticks", "900",
                 "--seed", "3", "--record", "{replay}"),
         command=("replay", "{replay}", "--headless", "--ticks", "600")),
)


def frames(script: tuple[Hold, ...]) -> Iterator[ActionFrame]:
    for step in script:
        for i in range(step.ticks):
            mask = int(step.action) if step.action is not None else 0
            yield ActionFrame(held=mask, pressed=mask if i == 0 else 0, pointer=(320, 180))


def scripted(shot: Shot) -> pygame.Surface:
    """Boot at the shot's start point, play its script, return the frame."""
    from game.app.boot import BootOptions, boot
    from game.app.sources import ScriptedInput

    script = tuple(shot.script)
    game = boot(BootOptions(start=shot.start, seed=shot.seed, headless=True, persist=False,
                            options=dict(shot.options)), source=ScriptedInput(frames(script)))
    game.run_headless(sum(step.ticks for step in script))
    top = game.ctx.scenes.top
    if shot.expect and shot.expect not in type(top).__name__:
        raise SystemExit(f"screenshots: {shot.name}: expected a {shot.expect} scene on top, found "
                         f"{type(top).__name__}; the start point or the map changed: adjust its script")
    surface = game.draw().copy()
    game.close()
    return surface


def from_command(shot: Shot, scratch: Path) -> pygame.Surface:
    """Run ``neosmiles <command> --screenshot`` in this process and read the frame back."""
    from game.cli import main

    replay = scratch / f"{shot.name}.nsreplay"
    target = scratch / f"{shot.name}.png"

    def fill(args: tuple[str, ...]) -> list[str]:
        return [arg.replace("{replay}", str(replay)) for arg in args]

    quiet = io.StringIO()
    for args in (fill(shot.record), [*fill(shot.command), "--screenshot", str(target)]):
        if not args:
            continue
        with contextlib.redirect_stdout(quiet):
            code = main(args)
        if code != 0:
            raise SystemExit(f"screenshots: {shot.name}: `neosmiles {' '.join(args)}` exited {code}")
    return pygame.image.load(str(target))


def render(shot: Shot, scratch: Path) -> pygame.Surface:
    frame = scripted(shot) if shot.start is not None else from_command(shot, scratch)
    return pygame.transform.scale(frame, (frame.get_width() * SCALE, frame.get_height() * SCALE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these shots (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="where the PNGs go (default: docs/)")
    parser.add_argument("--list", action="store_true", help="list the shots and their captions")
    args = parser.parse_args(argv)
    known = {shot.name: shot for shot in SHOTS}
    if args.list:
        for shot in SHOTS:
            print(f"{shot.name:14} {shot.caption}")
        return 0
    unknown = [name for name in args.names if name not in known]
    if unknown:
        parser.error(f"unknown shot(s) {', '.join(unknown)} (known: {', '.join(known)})")
    with tempfile.TemporaryDirectory(prefix="neosmiles-shots-") as scratch:
        # a fresh user folder: default settings, nothing seen, no personal bests
        os.environ["NEOSMILES_CONFIG_DIR"] = str(Path(scratch) / "config")
        os.environ["NEOSMILES_DATA_DIR"] = str(Path(scratch) / "data")
        os.environ.pop("NEOSMILES_CONTENT", None)
        args.out.mkdir(parents=True, exist_ok=True)
        for shot in (known[name] for name in args.names) if args.names else SHOTS:
            target = args.out / f"{shot.name}.png"
            pygame.image.save(render(shot, Path(scratch)), str(target))
            print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
