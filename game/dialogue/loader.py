"""Reading ``dialogue/*.yaml`` into the model, keeping the line every value came from.

The loader is forgiving in one way only: it collects every problem it meets (as ``Problem`` values with
the file and line) instead of stopping at the first, so a writer sees them all at once. Problems that
need the whole picture (a jump to a node in another file, an unreachable node, an undeclared flag) are
left to ``game.dialogue.validate``, whose ``load_dialogue`` is what the game calls: it refuses content
with problems, raising ``DialogueError`` whose message lists them.

The file format is described for writers in ``dialogue/README.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.check import Problem
from game.core import safeyaml
from game.dialogue.commands import COMMANDS, check_args
from game.dialogue.model import (
    Branch,
    Choice,
    Command,
    Declarations,
    Detour,
    Dialogue,
    Effect,
    End,
    Jump,
    Node,
    Option,
    Say,
    Source,
    Speaker,
    derived_id,
)
from game.dialogue.model import DialogueError as DialogueError  # (re-exported: callers catch it here)
from game.story.conditions import ConditionError, parse_condition

DECLARATIONS_FILE = "story.yaml"
DEFAULT_MOODS = ("neutral", "happy", "worried", "angry")
_STEP_WORDS = {"mood", "id", "if", "choice", "jump", "detour", "end", "then", "else", "set", "clear", "add",
               "on_win", "on_lose"}
_OPTION_KEYS = {"text", "id", "if", "once", "set", "clear", "add", "jump", "detour", "end", "then"}
_NODE_KEYS = {"entry", "script"}
_SPEAKER_KEYS = {"name", "blip", "portrait", "moods"}


# YAML with line numbers ----------------------------------------------------------------------------
# every content file is read by the one safe YAML loader; its LineDict and LineList remember the lines
LineDict = safeyaml.LineDict
LineList = safeyaml.LineList


def read_yaml(path: Path, text: str | None = None) -> tuple[object, list[Problem]]:
    """Parse one YAML file; any problem (unreadable, not UTF-8, bad YAML, a tag, a key given twice, an
    alias bomb, a huge number) becomes a Problem at its line."""
    try:
        if text is None:
            text = safeyaml.read(path)
        return safeyaml.load(text, path), []
    except safeyaml.YamlError as exc:
        return None, [Problem(str(path), exc.line, exc.message)]


def _line_of(mapping, key, fallback: int) -> int:
    lines = getattr(mapping, "key_lines", None)
    return lines.get(key, fallback) if lines else fallback


def _names(value) -> list[str] | None:
    """A name or a list of names (``set: met_malik`` or ``set: [a, b]``)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


# declarations --------------------------------------------------------------------------------------
def parse_declarations(path: Path, data, problems: list[Problem]) -> Declarations:
    name = str(path)
    speakers: dict[str, Speaker] = {}
    flags: dict[str, Source] = {}
    counters: dict[str, Source] = {}
    if not isinstance(data, dict):
        problems.append(Problem(name, getattr(data, "line", 1), "story.yaml must hold speakers:, flags: and counters:"))
        return Declarations()
    for key in data:
        if key not in ("speakers", "flags", "counters"):
            problems.append(Problem(name, _line_of(data, key, 1),
                                    f"unknown key {key!r} (story.yaml holds speakers, flags, counters)"))
    table = data.get("speakers") or {}
    if not isinstance(table, dict):
        problems.append(Problem(name, _line_of(data, "speakers", 1), "speakers: must be a mapping"))
        table = {}
    for sid, info in table.items():
        line = _line_of(table, sid, 1)
        info = info if info is not None else {}
        if not isinstance(info, dict):
            problems.append(Problem(name, line, f"speaker {sid!r} must be a mapping (name, blip, portrait, moods)"))
            continue
        for key in info:
            if key not in _SPEAKER_KEYS:
                allowed = ", ".join(sorted(_SPEAKER_KEYS))
                problems.append(Problem(name, _line_of(info, key, line),
                                        f"unknown key {key!r} for speaker {sid!r} (allowed: {allowed})"))
        moods = info.get("moods", list(DEFAULT_MOODS))
        if not (isinstance(moods, list) and moods and all(isinstance(m, str) for m in moods)):
            problems.append(Problem(name, _line_of(info, "moods", line), f"moods of {sid!r} must be a list of names"))
            moods = list(DEFAULT_MOODS)
        portrait = info.get("portrait", sid)
        speakers[sid] = Speaker(id=str(sid), name=str(info.get("name", str(sid).title())),
                                blip=info.get("blip"), portrait=portrait if portrait else None,
                                moods=tuple(moods), source=Source(name, line))
    for section, out in (("flags", flags), ("counters", counters)):
        entries = data.get(section) or {}
        if isinstance(entries, list):
            entries = {e: "" for e in entries if isinstance(e, str)}
        if not isinstance(entries, dict):
            problems.append(Problem(name, _line_of(data, section, 1),
                                    f"{section}: must be a mapping of name: description"))
            continue
        for flag in entries:
            out[str(flag)] = Source(name, _line_of(entries, flag, 1))
    return Declarations(speakers, flags, counters)


# nodes and steps -----------------------------------------------------------------------------------
@dataclass
class _FileParser:
    path: str
    problems: list[Problem]
    speakers: set[str] | None = None
    nodes: dict[str, Node] = field(default_factory=dict)
    _node: str = ""
    _said: dict[str, int] = field(default_factory=dict)

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def parse_file(self, data) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            self.error(getattr(data, "line", 1), "a dialogue file is a mapping of node ids to nodes")
            return
        for node_id, body in data.items():
            line = _line_of(data, node_id, 1)
            if not isinstance(node_id, str) or not node_id.replace("_", "a").replace("-", "a").isalnum():
                self.error(line, f"node id {node_id!r} must be a word (letters, digits, _ and -)")
                continue
            self._node = node_id
            self._said = {}
            entry = False
            if isinstance(body, dict):
                for key in body:
                    if key not in _NODE_KEYS:
                        self.error(_line_of(body, key, line),
                                   f"unknown key {key!r} in node {node_id!r} (a node has entry: and script:)")
                entry = body.get("entry", False)
                if not isinstance(entry, bool):
                    self.error(_line_of(body, "entry", line), "entry: must be true or false")
                    entry = False
                script = body.get("script")
                if script is None:
                    self.error(line, f"node {node_id!r} has no script:")
                    script = []
            else:
                script = body
            steps = self.steps(script, line)
            self.nodes[node_id] = Node(node_id, bool(entry), steps, Source(self.path, line))

    def steps(self, items, line: int) -> tuple:
        if items is None:
            return ()
        if not isinstance(items, list):
            self.error(getattr(items, "line", line), "expected a list of steps (each starting with '- ')")
            return ()
        out = []
        lines = getattr(items, "item_lines", [line] * len(items))
        for item, item_line in zip(items, lines, strict=True):
            step = self.step(item, item_line)
            if step is not None:
                out.append(step)
        return tuple(out)

    def condition(self, text, line: int):
        try:
            return parse_condition(text if isinstance(text, str) else str(text))
        except ConditionError as exc:
            shown = text if not isinstance(text, str) or len(text) <= 80 else f"{text[:60]}...({len(text)} characters)"
            self.error(line, f"bad condition {shown!r}: {exc}")
            return None

    def step(self, item, line: int):
        if isinstance(item, str):
            self.error(line, f"a step needs a speaker or a keyword, e.g. '- narrator: {item[:20]}'")
            return None
        if not isinstance(item, dict) or not item:
            self.error(line, "a step must be a mapping, e.g. '- malik: Hello.'")
            return None
        cond = None
        if "if" in item and "then" not in item:
            cond = self.condition(item["if"], _line_of(item, "if", line))
            if cond is None:
                return None
            rest = LineDict({k: v for k, v in item.items() if k != "if"})
            rest.line, rest.key_lines = line, getattr(item, "key_lines", {})
            item = rest
        inner = self._step(item, line)
        if inner is None or cond is None:
            return inner
        return Branch(cond, (inner,), (), Source(self.path, line))

    def _step(self, item: dict, line: int):
        src = Source(self.path, line)
        keys = set(item)
        commands = keys & set(COMMANDS)
        if commands:
            name = sorted(commands)[0]
            spec = COMMANDS[name]
            allowed = {name} | {f"on_{o}" for o in spec.outcomes}
            self._unknown(item, allowed, line, f"the {name} command")
            args, problems = check_args(name, item[name])
            for message in problems:
                self.error(_line_of(item, name, line), message)
            branches = []
            for outcome in spec.outcomes:
                key = f"on_{outcome}"
                if key in item:
                    branches.append((outcome, self.steps(item[key], _line_of(item, key, line))))
            return Command(name, tuple(sorted((args or {}).items())), tuple(branches), src)
        if "choice" in keys:
            self._unknown(item, {"choice"}, line, "a choice")
            return self.choice(item["choice"], line)
        if "then" in keys or "else" in keys:
            self._unknown(item, {"if", "then", "else"}, line, "an if/then/else")
            if "if" not in item:
                self.error(line, "then: and else: need an if: condition")
                return None
            cond = self.condition(item["if"], _line_of(item, "if", line))
            then = self.steps(item.get("then"), _line_of(item, "then", line))
            otherwise = self.steps(item.get("else"), _line_of(item, "else", line))
            return Branch(cond, then, otherwise, src) if cond is not None else None
        for word, kind in (("jump", Jump), ("detour", Detour)):
            if word in keys:
                self._unknown(item, {word}, line, f"a {word}")
                target = item[word]
                if not isinstance(target, str):
                    self.error(line, f"{word}: needs a node id")
                    return None
                return kind(target, src)
        if "end" in keys:
            self._unknown(item, {"end"}, line, "end")
            if item["end"] is not True:
                self.error(line, "write 'end: true' to end the conversation here")
            return End(src)
        if keys & {"set", "clear", "add"}:
            self._unknown(item, {"set", "clear", "add"}, line, "an effect")
            return self.effect(item, line)
        return self.say(item, line)

    def _unknown(self, item: dict, allowed: set[str], line: int, what: str) -> None:
        for key in item:
            if key not in allowed:
                self.error(_line_of(item, key, line),
                           f"unknown key {key!r} in {what} (allowed here: {', '.join(sorted(allowed))})")

    def effect(self, item: dict, line: int) -> Effect:
        sets = _names(item.get("set", []))
        clears = _names(item.get("clear", []))
        if sets is None:
            self.error(_line_of(item, "set", line), "set: takes a flag name or a list of flag names")
        if clears is None:
            self.error(_line_of(item, "clear", line), "clear: takes a flag name or a list of flag names")
        adds: list[tuple[str, int]] = []
        raw = item.get("add", {})
        if not isinstance(raw, dict):
            self.error(_line_of(item, "add", line), "add: takes a mapping of counter: amount, e.g. add: {trust: 1}")
        else:
            for counter, amount in raw.items():
                if not isinstance(amount, int) or isinstance(amount, bool):
                    self.error(_line_of(raw, counter, line), f"add: {counter} needs a whole number, not {amount!r}")
                else:
                    adds.append((str(counter), amount))
        return Effect(tuple(sets or ()), tuple(clears or ()), tuple(adds), Source(self.path, line))

    def say(self, item: dict, line: int):
        speakers = [k for k in item if k not in _STEP_WORDS]
        if not speakers:
            self.error(line, "this step has no speaker and no keyword (e.g. '- lena: ...', '- jump: node')")
            return None
        speaker = speakers[0]  # the speaker comes first; anything else is a typo
        for key in item:
            if key != speaker and key not in ("mood", "id"):
                self.error(_line_of(item, key, line), f"unknown key {key!r} in a line (allowed: mood, id, if)")
        text = item[speaker]
        if isinstance(text, (dict, list)):
            known = ", ".join(sorted(COMMANDS))
            self.error(line, f"unknown command {speaker!r} (commands: {known}); a line's text is plain words")
            return None
        if not isinstance(text, (str, int, float)) or isinstance(text, bool) or str(text).strip() == "":
            self.error(line, f"the line of {speaker!r} needs some text")
            return None
        text = " ".join(str(text).split())  # folded YAML and stray spaces read as single spaces
        mood = item.get("mood", "neutral")
        if not isinstance(mood, str):
            self.error(_line_of(item, "mood", line), "mood: must be a name")
            mood = "neutral"
        line_id = item.get("id")
        if line_id is None:
            line_id = derived_id(self._node, str(speaker), text)
            n = self._said.get(line_id, 0) + 1
            self._said[line_id] = n
            if n > 1:
                line_id = f"{line_id}-{n}"
        elif not isinstance(line_id, str) or not line_id:
            self.error(_line_of(item, "id", line), "id: must be a name")
            line_id = derived_id(self._node, str(speaker), text)
        return Say(str(line_id), str(speaker), mood, text, Source(self.path, line))

    def choice(self, items, line: int):
        if not isinstance(items, list) or not items:
            self.error(line, "choice: needs a list of options, each with text:")
            return Choice((), Source(self.path, line))
        options = []
        lines = getattr(items, "item_lines", [line] * len(items))
        for raw, item_line in zip(items, lines, strict=True):
            if not isinstance(raw, dict):
                self.error(item_line, "an option is a mapping with text: (and id:, if:, once:, jump:, then: ...)")
                continue
            for key in raw:
                if key not in _OPTION_KEYS:
                    self.error(_line_of(raw, key, item_line),
                               f"unknown key {key!r} in an option (allowed: {', '.join(sorted(_OPTION_KEYS))})")
            text = raw.get("text")
            if not isinstance(text, str) or not text.strip():
                self.error(item_line, "an option needs text:")
                continue
            text = " ".join(text.split())
            cond = None
            if "if" in raw:
                cond = self.condition(raw["if"], _line_of(raw, "if", item_line))
            once = raw.get("once", False)
            if not isinstance(once, bool):
                self.error(_line_of(raw, "once", item_line), "once: must be true or false")
                once = False
            option_id = raw.get("id") or derived_id(self._node, "choice", text)
            body = []
            if keys := {"set", "clear", "add"} & set(raw):
                effect = LineDict({k: raw[k] for k in sorted(keys)})
                effect.line, effect.key_lines = item_line, getattr(raw, "key_lines", {})
                body.append(self.effect(effect, item_line))
            body.extend(self.steps(raw.get("then"), _line_of(raw, "then", item_line)))
            for word, kind in (("detour", Detour), ("jump", Jump)):
                if word in raw:
                    if isinstance(raw[word], str):
                        body.append(kind(raw[word], Source(self.path, _line_of(raw, word, item_line))))
                    else:
                        self.error(_line_of(raw, word, item_line), f"{word}: needs a node id")
            if raw.get("end") is True:
                body.append(End(Source(self.path, _line_of(raw, "end", item_line))))
            options.append(Option(str(option_id), text, cond, once, tuple(body), Source(self.path, item_line)))
        return Choice(tuple(options), Source(self.path, line))


# whole folders -------------------------------------------------------------------------------------
#: files of the dialogue folder that are not conversations (the story layer reads them)
NOT_DIALOGUE = ("chapters.yaml",)


def is_dialogue_file(path: Path) -> bool:
    """Dialogue is any .yaml/.yml file not under a folder named ``encounters`` or ``levels``, except
    ``chapters.yaml`` (the story's chapters and objectives, checked by the story layer)."""
    path = Path(path)
    folders = path.parts[:-1]
    return (path.suffix in (".yaml", ".yml") and "encounters" not in folders and "levels" not in folders
            and path.name not in NOT_DIALOGUE)


def parse_files(files: Iterable[Path]) -> tuple[Dialogue, list[Problem], dict[str, list[Node]]]:
    """Parse dialogue files (``story.yaml`` among them holds the declarations).

    Returns the dialogue, the problems found file by file, and every node by id (several when an id is
    defined twice) so the validator can report duplicates.
    """
    problems: list[Problem] = []
    nodes: dict[str, Node] = {}
    all_nodes: dict[str, list[Node]] = {}
    decls = Declarations()
    merged_speakers: dict = {}
    merged_flags: dict = {}
    merged_counters: dict = {}
    for path in sorted({Path(f) for f in files}):
        data, found = read_yaml(path)
        problems.extend(found)
        if found and data is None:
            continue
        if path.name == DECLARATIONS_FILE:
            d = parse_declarations(path, data, problems)
            merged_speakers.update(d.speakers)
            merged_flags.update(d.flags)
            merged_counters.update(d.counters)
            continue
        parser = _FileParser(str(path), problems)
        parser.parse_file(data)
        for node_id, node in parser.nodes.items():
            all_nodes.setdefault(node_id, []).append(node)
            nodes.setdefault(node_id, node)
    decls = Declarations(merged_speakers, merged_flags, merged_counters)
    return Dialogue(nodes, decls), problems, all_nodes


def dialogue_files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and is_dialogue_file(p))
