"""The commands a conversation may give the game, with the arguments each one takes.

A command step in a dialogue file looks like ``- minigame: {game: swarm, encounter: tutorial}``.
This table is the single place that says which commands exist and what their arguments must be; the
validator checks every command against it and the dialogue scene carries them out. Pure data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.minigames import DIFFICULTIES


@dataclass(frozen=True)
class Arg:
    kind: str  # "str" | "int" | "choice"
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

COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec("minigame", {
            "game": Arg("choice", choices=("swarm", "spectra"), help="which minigame"),
            "encounter": Arg("str", help="encounter name, e.g. tutorial"),
            "difficulty": Arg("choice", required=False, choices=DIFFICULTIES),
        }, outcomes=("win", "lose"),
            help="play an encounter; sets last_won and last_score, then runs on_win or on_lose"),
        CommandSpec("npc_move", {"npc": Arg("str"), "to": Arg("str", help="a spawn or marker on the map")},
                    host=True, help="walk an NPC to a named point of the map"),
        CommandSpec("npc_turn", {"npc": Arg("str"), "facing": Arg("choice", choices=FACINGS)},
                    host=True, help="turn an NPC to face a direction"),
        CommandSpec("change_map", {"map": Arg("str"), "spawn": Arg("str")}, host=True,
                    help="move Lena to another map"),
        CommandSpec("end_chapter", {"chapter": Arg("int")}, shorthand="chapter",
                    help="close chapter N: the story moves to chapter N+1 and a split is marked"),
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
        if spec.shorthand is not None and isinstance(args, (str, int)) and not isinstance(args, bool):
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
        if arg.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{name}: {key} must be a whole number, not {value!r}")
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
