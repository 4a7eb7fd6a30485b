"""The dialogue checker of ``neosmiles check``: every problem a writer can make, as ``path:line: message``.

It finds what the loader cannot see file by file: jumps and detours to nodes that do not exist,
nodes no entry point leads to, undeclared speakers, moods, flags and counters, menus that can run out
of options, commands naming encounters or sounds that do not exist, and lines too long for the box
(measured with the real font metrics, see ``game.dialogue.layout``).

A dialogue file is any ``.yaml``/``.yml`` file that is not under a folder named ``encounters`` or
``levels`` (those hold minigame tuning and maps). When one file is checked on its own, the other
dialogue files of its folder and the nearest ``story.yaml`` are read as context, so cross-file jumps
resolve; only problems in the files asked about are reported.
"""

from __future__ import annotations

from pathlib import Path

from game.check import ContentIndex, Problem
from game.core.files import exists, resolved
from game.dialogue.layout import CHOICE_TEXT_WIDTH, TEXT_LINES, TEXT_WIDTH, TextMetrics
from game.dialogue.loader import DECLARATIONS_FILE, dialogue_files, parse_files
from game.dialogue.loader import is_dialogue_file as is_dialogue_path
from game.dialogue.model import (
    BUILTIN_COUNTERS,
    BUILTIN_FLAGS,
    READ_ONLY_COUNTERS,
    Branch,
    Choice,
    Command,
    Detour,
    Dialogue,
    DialogueError,
    Effect,
    Jump,
    Node,
    Say,
    walk_steps,
)


def _content_root() -> Path:
    from game.paths import Paths

    return Paths.from_env().root


def validate(dialogue: Dialogue, all_nodes: dict[str, list[Node]], files: list[Path],
             index: ContentIndex | None = None, assets: Path | None = None) -> list[Problem]:
    """Problems that need the whole dialogue (the loader's own problems are not repeated)."""
    problems: list[Problem] = []
    decls = dialogue.declarations
    assets = assets if assets is not None else _content_root() / "assets"
    metrics = _metrics(assets)

    def report(source, message: str) -> None:
        problems.append(Problem(source.path, source.line, message))

    if not decls.speakers and dialogue.nodes:
        first = min(n.source.path for n in dialogue.nodes.values())
        problems.append(Problem(first, 1, f"no {DECLARATIONS_FILE} with speakers, flags and counters was found "
                                          "next to this file or above it"))
    for node_id, defined in all_nodes.items():
        for node in defined[1:]:
            report(node.source, f"node {node_id!r} is defined twice (also at {defined[0].source.path}:"
                                f"{defined[0].source.line})")

    _check_speakers(decls, assets, report)
    flags, counters = decls.flag_names(), decls.counter_names()
    line_ids: dict[str, Say] = {}
    for node in dialogue.nodes.values():
        for step in walk_steps(node.steps):
            if isinstance(step, (Jump, Detour)):
                if step.target not in dialogue.nodes:
                    word = "jump" if isinstance(step, Jump) else "detour"
                    hint = _near(step.target, dialogue.nodes)
                    report(step.source, f"{word} to a node that does not exist: {step.target!r}{hint}")
            elif isinstance(step, Say):
                _check_say(step, decls, metrics, report)
                other = line_ids.get(step.id)
                if other is not None and other is not step:
                    where = f"{other.source.path}:{other.source.line}"
                    report(step.source, f"line id {step.id!r} is used twice (also at {where})")
                line_ids.setdefault(step.id, step)
            elif isinstance(step, Effect):
                for name in step.set + step.clear:
                    if name not in flags:
                        report(step.source, f"undeclared flag {name!r}{_near(name, flags)}; "
                                            f"declare it in {DECLARATIONS_FILE}")
                for name, _amount in step.add:
                    if name not in counters:
                        report(step.source, f"undeclared counter {name!r}{_near(name, counters)}; "
                                            f"declare it in {DECLARATIONS_FILE}")
                    elif name in READ_ONLY_COUNTERS:
                        report(step.source, f"{name!r} is kept by the game and cannot be changed with add:")
            elif isinstance(step, Branch):
                _check_condition(step.condition, step.source, dialogue, flags, counters, report)
            elif isinstance(step, Choice):
                _check_choice(step, dialogue, flags, counters, metrics, report)
            elif isinstance(step, Command):
                _check_command(step, index, assets, report)
    _check_reachable(dialogue, report)
    _check_silent_loops(dialogue, report)
    return problems


def _check_speakers(decls, assets: Path, report) -> None:
    sounds, portraits = assets / "sounds", assets / "portraits"
    for speaker in decls.speakers.values():
        if speaker.blip and sounds.is_dir() and not exists(sounds / f"{speaker.blip}.wav"):
            report(speaker.source, f"speaker {speaker.id!r}: no sound called {speaker.blip!r} for its blip")
        if speaker.portrait and portraits.is_dir():
            missing = [m for m in speaker.moods if not exists(portraits / f"{speaker.portrait}_{m}.png")]
            if missing:
                report(speaker.source, f"speaker {speaker.id!r}: no portrait for mood(s) {', '.join(missing)} "
                                       f"(assets/portraits/{speaker.portrait}_<mood>.png; or 'portrait: null')")


def _metrics(assets: Path) -> TextMetrics | None:
    try:
        return TextMetrics.load(assets / "fonts" / "neopix.json")
    except (OSError, ValueError, KeyError):
        return None


def _near(name: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _check_say(step: Say, decls, metrics, report) -> None:
    speaker = decls.speakers.get(step.speaker)
    if speaker is None:
        if decls.speakers:
            report(step.source, f"undeclared speaker {step.speaker!r}{_near(step.speaker, decls.speakers)}; "
                                f"declare it under speakers: in {DECLARATIONS_FILE}")
    elif step.mood not in speaker.moods:
        report(step.source, f"{step.speaker} has no mood {step.mood!r} (moods: {', '.join(speaker.moods)})")
    if metrics is None:
        return
    missing = metrics.missing(step.text)
    if missing:
        report(step.source, f"the font has no glyph for {''.join(sorted(missing))!r}")
    lines = metrics.wrap(step.text, TEXT_WIDTH)
    if len(lines) > TEXT_LINES:
        report(step.source, f"this line needs {len(lines)} rows but the box holds {TEXT_LINES}; "
                            f"split it after {' '.join(' '.join(lines[:TEXT_LINES]).split()[-3:])!r}")


def _check_condition(condition, source, dialogue, flags, counters, report) -> None:
    if condition is None:
        return
    for name in sorted(condition.counters):
        if name not in counters:
            report(source, f"undeclared counter {name!r} in condition{_near(name, counters)}")
    for name in sorted(condition.names - condition.counters):
        if name not in flags and name not in counters:
            report(source, f"undeclared flag {name!r} in condition{_near(name, flags | counters)}")
    for node in sorted(condition.visited_nodes):
        if node not in dialogue.nodes:
            report(source, f"visited({node}) names a node that does not exist{_near(node, dialogue.nodes)}")


def _check_choice(step: Choice, dialogue, flags, counters, metrics, report) -> None:
    if not step.options:
        report(step.source, "this choice has no options, so there is no way on")
        return
    if all(o.condition is not None or o.once for o in step.options):
        report(step.source, "every option of this choice can disappear (if: or once:), leaving no way on; "
                            "give it one option without either")
    seen: dict[str, int] = {}
    for option in step.options:
        _check_condition(option.condition, option.source, dialogue, flags, counters, report)
        if option.id in seen:
            report(option.source, f"two options share the id {option.id!r}; give one an id:")
        seen[option.id] = option.source.line
        if metrics is not None:
            if metrics.missing(option.text):
                report(option.source, f"the font has no glyph for {''.join(sorted(metrics.missing(option.text)))!r}")
            if metrics.width(option.text) > CHOICE_TEXT_WIDTH:
                report(option.source, f"option text is {metrics.width(option.text)} px wide; the menu fits "
                                      f"{CHOICE_TEXT_WIDTH} px")


def _check_command(step: Command, index: ContentIndex | None, assets: Path, report) -> None:
    args = dict(step.args)
    if step.name == "minigame" and index is not None and index.encounters:
        known = index.encounters.get(args.get("game", ""))
        if known is not None and args.get("encounter") not in known:
            report(step.source, f"{args.get('game')} has no encounter {args.get('encounter')!r} "
                                f"(known: {', '.join(sorted(known))})")
    if step.name in ("sound", "music"):
        folder = assets / ("sounds" if step.name == "sound" else "music")
        if folder.is_dir() and not exists(folder / f"{args.get('name')}.wav") and "name" in args:
            names = {p.stem for p in folder.glob("*.wav")}
            report(step.source, f"no {step.name} called {args['name']!r}{_near(args['name'], names)}")
    if step.name == "change_map" and index is not None and index.maps:
        spawns = index.maps.get(args.get("map", ""))
        if spawns is None:
            report(step.source, f"no map called {args.get('map')!r}{_near(args.get('map', ''), index.maps)}")
        elif args.get("spawn") not in spawns:
            report(step.source, f"map {args.get('map')!r} has no spawn {args.get('spawn')!r}")


def _check_reachable(dialogue: Dialogue, report) -> None:
    entries = [n for n in dialogue.nodes.values() if n.entry]
    seen = {n.id for n in entries}
    todo = list(seen)
    while todo:
        node = dialogue.nodes[todo.pop()]
        for step in walk_steps(node.steps):
            if isinstance(step, (Jump, Detour)) and step.target in dialogue.nodes and step.target not in seen:
                seen.add(step.target)
                todo.append(step.target)
    for node in dialogue.nodes.values():
        if node.id not in seen:
            report(node.source, f"node {node.id!r} cannot be reached: no entry node jumps or detours to it "
                                "(mark it 'entry: true' if the map starts it)")


def _silent_exits(ops) -> list[tuple[str, bool, object]]:
    """The jumps and detours a node's code reaches before it shows anything: (target, conditional, step)."""
    out = []
    seen: set[tuple[int, bool]] = set()
    todo = [(0, False)]
    while todo:
        pc, conditional = todo.pop()
        if (pc, conditional) in seen or not 0 <= pc < len(ops):
            continue
        seen.add((pc, conditional))
        op = ops[pc]
        if op.kind in ("say", "choice", "command", "end", "return"):
            continue  # shows something, waits for the player, or leaves the node
        if op.kind in ("jump", "detour"):
            out.append((op.target, conditional, op.step))
            if op.kind == "detour":
                todo.append((pc + 1, conditional))
        elif op.kind == "unless":
            todo.append((pc + 1, True))
            todo.append((op.target, True))
        elif op.kind == "goto":
            todo.append((op.target, conditional))
        else:
            todo.append((pc + 1, conditional))
    return out


def _check_silent_loops(dialogue: Dialogue, report) -> None:
    """Nodes that jump or detour back to themselves without showing a line (the game would spin forever).

    Only certain loops are reported: every jump on the way happens whatever the story's state (a loop
    through if: may be left when a flag changes on the way, so the runner's own guard covers those).
    """
    from game.dialogue.runner import compile_steps

    edges: dict[str, list[tuple[str, object]]] = {}
    for node_id, node in dialogue.nodes.items():
        edges[node_id] = [(target, step) for target, conditional, step in _silent_exits(compile_steps(node.steps))
                          if not conditional and target in dialogue.nodes]
    # a cycle in the graph of unconditional silent jumps, found without recursion
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        if state.get(start):
            continue
        path: list[tuple[str, int]] = [(start, 0)]
        state[start] = 1
        while path:
            node_id, i = path[-1]
            if i >= len(edges[node_id]):
                state[node_id] = 2
                path.pop()
                continue
            path[-1] = (node_id, i + 1)
            target, step = edges[node_id][i]
            if state.get(target) == 1:
                cycle = [n for n, _ in path[[n for n, _ in path].index(target):]]
                route = " -> ".join([*cycle, target])
                report(step.source, f"node {target!r} loops without showing a line ({route}); "
                                    "add a line, a choice or an end")
            elif not state.get(target):
                state[target] = 1
                path.append((target, 0))


# the checker -----------------------------------------------------------------------------------
def _context_files(files: list[Path]) -> list[Path]:
    """The files asked about, their sibling dialogue files, and the nearest story.yaml above each."""
    out: set[Path] = set()
    for f in files:
        f = resolved(f)
        out.add(f)
        out.update(resolved(p) for p in f.parent.glob("*.y*ml") if is_dialogue_path(p))
        for folder in (f.parent, *f.parent.parents):
            story = folder / DECLARATIONS_FILE
            if story.is_file():
                out.add(resolved(story))
                break
            candidate = folder / "dialogue" / DECLARATIONS_FILE
            if candidate.is_file():
                out.add(resolved(candidate))
                break
    return sorted(out)


class DialogueChecker:
    name = "dialogue"

    def claims(self, path: Path) -> bool:
        return is_dialogue_path(path)

    def index(self, files: list[Path], index: ContentIndex) -> None:
        if not files:
            return
        dialogue, _problems, _all = parse_files(_context_files(list(files)))
        index.dialogue_nodes = (index.dialogue_nodes or set()) | set(dialogue.nodes)
        decls = dialogue.declarations
        index.flags = (index.flags or set()) | set(decls.flags) | set(BUILTIN_FLAGS)
        index.counters = (index.counters or set()) | set(decls.counters) | set(BUILTIN_COUNTERS)

    def check(self, files: list[Path], index: ContentIndex) -> list[Problem]:
        shown = {resolved(f): str(f) for f in files}
        context = _context_files(list(files))
        dialogue, problems, all_nodes = parse_files(context)
        problems = problems + validate(dialogue, all_nodes, context, index)
        out = []
        for p in problems:
            target = shown.get(resolved(p.path))
            if target is not None:
                out.append(Problem(target, p.line, p.message))
        return out


def load_dialogue(folder: Path) -> Dialogue:
    """Load and fully validate the game's dialogue folder; raise ``DialogueError`` listing any problem."""
    files = dialogue_files(folder)
    if not files:
        raise DialogueError(f"{folder}: no dialogue files found")
    dialogue, problems, all_nodes = parse_files(files)
    problems = problems + validate(dialogue, all_nodes, files)
    if problems:
        shown = "\n".join(str(p) for p in sorted(set(problems))[:10])
        raise DialogueError(f"the dialogue has {len(set(problems))} problem(s); run 'neosmiles check':\n{shown}")
    return dialogue
