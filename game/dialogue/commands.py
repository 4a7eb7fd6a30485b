"""The commands a conversation may give the game, with the arguments each one takes.

A command step in a dialogue file looks like ``- minigame: {game: swarm, encounter: tutorial}``.
This table is the single place that says which commands exist and what their arguments must be; the
validator checks every command against it. The dialogue scene carries out none of them itself except
``wait``: it hands each to the story layer (``ctx.story.command``), which owns minigames, chapters,
maps and staging, so this package never imports what sits above it. Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.story.difficulty import MINIGAME_DIFFICULTIES


@dataclass(frozen=True)
class Arg:
    kind: str  # "str" | "int" | "choice" | "bool"
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class CommandSpec:
    name: str
    args: dict[str, Arg]
    #: outcome names this command may branch on (``on_win:`` ...)
    outcomes: tuple[str, ...] = ()
    #: carried out by the map the conversation runs over (``host.dialogue_command``)
    host: bool = False
    help: str = ""
    #: the argument a bare value fills (``- sound: door`` means ``{name: door}``)
    shorthand: str | None = field(default=None)


FACINGS = ("up", "down", "left", "right")

LIGHTS = ("on", "dim", "off", "flicker")
POSES = ("standing", "collapsed", "kneeling", "seated")
CROWD = ("murmur", "gasp", "applause", "rush", "quiet", "leave")
ENDINGS = ("bridge", "crossroads", "reboot")
MAX_TICKS = 60 * 60  # a wait or a shake longer than a minute is a mistake

COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec("minigame", {
            "game": Arg("choice", choices=("swarm", "spectra"), help="which minigame"),
            "encounter": Arg("str", help="encounter name, e.g. tutorial"),
            "difficulty": Arg("choice", required=False, choices=MINIGAME_DIFFICULTIES,
                              help="leave out to follow the player's chosen difficulty"),
        }, outcomes=("win", "lose"),
            help="play an encounter; sets last_won and last_score, then runs on_win or on_lose"),
        CommandSpec("npc_move", {"npc": Arg("str"), "to": Arg("str", help="a spawn or marker on the map")},
                    host=True, help="walk an NPC to a named point of the map"),
        CommandSpec("npc_turn", {"npc": Arg("str"), "facing": Arg("choice", choices=FACINGS)},
                    host=True, help="turn an NPC to face a direction"),
        CommandSpec("player_move", {"to": Arg("str", help="a spawn on the map")}, host=True, shorthand="to",
                    help="walk Lena to a named point of the map"),
        CommandSpec("change_map", {"map": Arg("str"), "spawn": Arg("str")}, host=True,
                    help="move Lena to another map"),
        CommandSpec("camera", {"to": Arg("str", help="a spawn on the map, or lena")}, host=True, shorthand="to",
                    help="the camera looks at a spawn instead of Lena (lena: back to her)"),
        CommandSpec("end_chapter", {"chapter": Arg("int")}, shorthand="chapter",
                    help="close chapter N: a title card for chapter N+1, Lena placed where it begins, a split"),
        CommandSpec("chapter_card", {"chapter": Arg("int")}, shorthand="chapter",
                    help="show chapter N's title card without changing the chapter"),
        CommandSpec("lights", {"mode": Arg("choice", choices=LIGHTS)}, host=True, shorthand="mode",
                    help="the map's lighting"),
        CommandSpec("alarm", {"state": Arg("choice", choices=("on", "off"))}, host=True, shorthand="state",
                    help="a repeating alarm, with a red pulse"),
        CommandSpec("pose", {"npc": Arg("str"), "pose": Arg("choice", choices=POSES)}, host=True,
                    help="a character standing, collapsed, kneeling or seated"),
        CommandSpec("crowd", {"mood": Arg("choice", choices=CROWD)}, host=True, shorthand="mood",
                    help="what the audience of the map does"),
        CommandSpec("shake", {"ticks": Arg("int")}, host=True, shorthand="ticks",
                    help="shake the screen (honours the screen shake setting)"),
        CommandSpec("wait", {"ticks": Arg("int")}, shorthand="ticks",
                    help="hide the box and let the scene play for a number of ticks"),
        CommandSpec("ending", {"name": Arg("choice", choices=ENDINGS)}, shorthand="name",
                    help="record the ending this playthrough reached"),
        CommandSpec("credits", {"show": Arg("bool")}, shorthand="show",
                    help="The End, the credits, then the title screen"),
        CommandSpec("sound", {"name": Arg("str")}, shorthand="name", help="play a sound effect"),
        CommandSpec("music", {"name": Arg("str")}, shorthand="name", help="change the music"),
    )
}


def check_args(name: str, args: object) -> tuple[dict | None, list[str]]:
    """Normalise and check a command's arguments; returns (args or None, problems)."""
    spec = COMMANDS.get(name)
    if spec is None:
        return None, [f"unknown command {name!r} (known: {', '.join(sorted(COMMANDS))})"]
    if not isinstance(args, dict):
        shorthand_kind = spec.args[spec.shorthand].kind if spec.shorthand is not None else None
        on_off = shorthand_kind == "choice" and "on" in spec.args[spec.shorthand].choices
        if isinstance(args, bool) and on_off:
            args = "on" if args else "off"  # YAML reads a bare on/off as true/false
        if spec.shorthand is not None and isinstance(args, (str, int)) and (
                not isinstance(args, bool) or shorthand_kind == "bool"):
            args = {spec.shorthand: args}
        else:
            return None, [f"command {name!r} needs a mapping of arguments: {', '.join(spec.args)}"]
    problems = []
    out: dict = {}
    for key, value in args.items():
        arg = spec.args.get(key)
        if arg is None:
            problems.append(f"command {name!r} has no argument {key!r} (it takes: {', '.join(spec.args)})")
            continue
        if arg.kind == "bool":
            if value is not True:
                problems.append(f"{name}: {key} must be true, not {value!r}")
                continue
        elif arg.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{name}: {key} must be a whole number, not {value!r}")
                continue
            if key == "ticks" and not 0 < value <= MAX_TICKS:
                problems.append(f"{name}: {key} must be between 1 and {MAX_TICKS} ticks, not {value}")
                continue
        elif not isinstance(value, str) or not value:
            problems.append(f"{name}: {key} must be a name, not {value!r}")
            continue
        elif arg.kind == "choice" and value not in arg.choices:
            problems.append(f"{name}: {key} must be one of {', '.join(arg.choices)}, not {value!r}")
            continue
        out[key] = value
    for key, arg in spec.args.items():
        if arg.required and key not in args:
            problems.append(f"command {name!r} is missing its argument {key!r}")
    return (None if problems else out), problems
