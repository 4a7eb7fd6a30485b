"""``dialogue/chapters.yaml``: the chapters, the objective of each moment, and the endings. Pure Python.

``load_chapters(path)`` gives a ``Chapters`` (or raises ``ChaptersError`` with ``path:line: message``
lines); ``parse_chapters`` gives the problems instead, for ``neosmiles check``. The current objective is
the first objective of the current chapter whose ``when`` holds; the ending is the first ending whose
``when`` holds. Everything is read through the YAML reader that keeps line numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.check import ContentIndex, Problem
from game.story.conditions import Condition, ConditionError, parse_condition
from game.story.state import StoryState

CHAPTERS_FILE = "chapters.yaml"
ENDING_IDS = ("bridge", "crossroads", "reboot")
_CHAPTER_KEYS = {"id", "title", "card", "map", "spawn", "walk_from", "dark", "node", "objectives"}
_OBJECTIVE_KEYS = {"id", "when", "text", "hint", "done", "map", "target"}
_ENDING_KEYS = {"id", "title", "when"}


class ChaptersError(Exception):
    """``chapters.yaml`` cannot be used; the message lists each problem as ``path:line: message``."""


@dataclass(frozen=True)
class Objective:
    """What the player is asked to do now. ``target`` names an object on ``map`` (None: nothing to do)."""

    id: str
    text: str
    hint: str = ""
    map: str = ""
    target: str | None = None
    #: what the journal says once it is done ("Treated Jenna in chair one")
    done: str = ""
    chapter: int = 0


@dataclass(frozen=True)
class ObjectiveSpec:
    objective: Objective
    when: Condition | None
    line: int


@dataclass(frozen=True)
class Chapter:
    id: int
    title: str
    card: str
    map: str
    spawn: str
    objectives: tuple[ObjectiveSpec, ...]
    walk_from: str = ""
    dark: bool = False
    node: str = ""
    line: int = 0


@dataclass(frozen=True)
class Ending:
    id: str
    title: str
    when: Condition | None
    line: int = 0


@dataclass(frozen=True)
class Chapters:
    chapters: tuple[Chapter, ...]
    endings: tuple[Ending, ...]
    path: str = ""

    def chapter(self, number: int) -> Chapter | None:
        for chapter in self.chapters:
            if chapter.id == number:
                return chapter
        return None

    @property
    def last(self) -> int:
        return max((c.id for c in self.chapters), default=0)

    def objective(self, story: StoryState) -> Objective | None:
        chapter = self.chapter(story.chapter)
        if chapter is None:
            return None
        for spec in chapter.objectives:
            if spec.when is None or spec.when.evaluate(story):
                return spec.objective
        return None

    def done(self, story: StoryState) -> list[Objective]:
        """Objectives behind the player, oldest first: every one of earlier chapters, and those of this
        chapter before the current one whose condition no longer holds."""
        out: list[Objective] = []
        for chapter in self.chapters:
            if chapter.id < story.chapter:
                out.extend(s.objective for s in chapter.objectives)
            elif chapter.id == story.chapter:
                for spec in chapter.objectives:
                    if spec.when is None or spec.when.evaluate(story):
                        break
                    out.append(spec.objective)
        return out

    def ending(self, story: StoryState) -> Ending | None:
        for ending in self.endings:
            if ending.when is None or ending.when.evaluate(story):
                return ending
        return None


# reading ---------------------------------------------------------------------------------------------
def _line(mapping, key, fallback: int) -> int:
    lines = getattr(mapping, "key_lines", None)
    return lines.get(key, fallback) if lines else fallback


def parse_chapters(path: Path, index: ContentIndex | None = None) -> tuple[Chapters | None, list[Problem]]:
    """Read and check ``chapters.yaml``. With an ``index`` (from ``neosmiles check``), maps, spawns, targets,
    dialogue nodes and flag names are checked against the other content too."""
    from game.dialogue.loader import read_yaml

    name = str(path)
    data, problems = read_yaml(Path(path))
    if data is None:  # unreadable, or empty: check and the game refuse it alike
        return None, problems or [Problem(name, 1, "the file is empty; it must hold chapters: (and endings:)")]

    def report(line: int, message: str) -> None:
        problems.append(Problem(name, line, message))

    if not isinstance(data, dict) or not isinstance(data.get("chapters"), list):
        report(getattr(data, "line", 1), "chapters.yaml must hold a list under chapters: (and endings:)")
        return None, problems
    for key in data:
        if key not in ("chapters", "endings"):
            report(_line(data, key, 1), f"unknown key {key!r} (chapters.yaml holds chapters: and endings:)")
    chapters: list[Chapter] = []
    seen_objectives: dict[str, int] = {}
    for i, raw in enumerate(data["chapters"]):
        line = data["chapters"].item_lines[i] if hasattr(data["chapters"], "item_lines") else 1
        chapter = _chapter(raw, line, i + 1, report, seen_objectives, index)
        if chapter is not None:
            chapters.append(chapter)
    endings = _endings(data.get("endings"), _line(data, "endings", 1), report, index)
    if problems:
        return None, problems
    return Chapters(tuple(chapters), tuple(endings), name), problems


def _text(raw: dict, key: str, line: int, report, required: bool = True) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            report(line, f"missing {key}:")
        return ""
    if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value).strip() == "":
        report(_line(raw, key, line), f"{key}: must be text, not {value!r}")
        return ""
    return str(value)


def _condition(raw: dict, line: int, report, index: ContentIndex | None) -> Condition | None:
    text = raw.get("when")
    if text is None or str(text).strip() == "":
        return None
    where = _line(raw, "when", line)
    try:
        condition = parse_condition(str(text))
    except ConditionError as exc:
        report(where, f"when: {exc}")
        return None
    if index is not None:
        for problem in condition_problems(condition, index):
            report(where, f"when: {problem}")
    return condition


def condition_problems(condition: Condition, index: ContentIndex) -> list[str]:
    """Names a condition reads that the declarations (dialogue/story.yaml) do not know."""
    out = []
    flags, counters = index.flags, index.counters
    if flags is None or counters is None:
        return out
    for name in sorted(condition.counters):
        if name not in counters:
            out.append(f"undeclared counter {name!r} (declare it in dialogue/story.yaml)")
    for name in sorted(condition.names - condition.counters):
        if name not in flags and name not in counters:
            out.append(f"undeclared flag {name!r} (declare it in dialogue/story.yaml)")
    if index.dialogue_nodes is not None:
        for node in sorted(condition.visited_nodes):
            if node not in index.dialogue_nodes:
                out.append(f"visited({node}) names a dialogue node that does not exist")
    return out


def _check_place(map_name: str, spawn: str, line: int, what: str, report, index: ContentIndex | None) -> None:
    if index is None or not index.maps:
        return
    if map_name not in index.maps:
        report(line, f"{what}: no map called {map_name!r} (maps: {', '.join(sorted(index.maps))})")
    elif spawn and spawn not in index.maps[map_name]:
        report(line, f"{what}: map {map_name!r} has no spawn {spawn!r}")


def _chapter(raw, line: int, position: int, report, seen: dict[str, int], index) -> Chapter | None:
    if not isinstance(raw, dict):
        report(line, "a chapter is a mapping with id, title, card, map, spawn and objectives")
        return None
    line = getattr(raw, "line", line)
    for key in raw:
        if key not in _CHAPTER_KEYS:
            report(_line(raw, key, line),
                   f"unknown key {key!r} in a chapter (known: {', '.join(sorted(_CHAPTER_KEYS))})")
    number = raw.get("id")
    if not isinstance(number, int) or isinstance(number, bool) or number != position:
        report(_line(raw, "id", line), f"chapter id must be {position} (chapters are numbered 1, 2, 3... in order)")
        number = position
    title = _text(raw, "title", line, report)
    card = _text(raw, "card", line, report)
    map_name = _text(raw, "map", line, report)
    spawn = _text(raw, "spawn", line, report)
    walk_from = _text(raw, "walk_from", line, report, required=False)
    node = _text(raw, "node", line, report, required=False)
    _check_place(map_name, spawn, _line(raw, "spawn", line), f"chapter {number}", report, index)
    if walk_from:
        _check_place(map_name, walk_from, _line(raw, "walk_from", line), f"chapter {number} walk_from", report, index)
    if node and index is not None and index.dialogue_nodes is not None and node not in index.dialogue_nodes:
        report(_line(raw, "node", line), f"node: no dialogue node called {node!r}")
    dark = raw.get("dark", False)
    if not isinstance(dark, bool):
        report(_line(raw, "dark", line), "dark: must be true or false")
        dark = False
    objectives = []
    items = raw.get("objectives")
    if not isinstance(items, list) or not items:
        report(_line(raw, "objectives", line), f"chapter {number} needs a list of objectives")
        items = []
    for i, item in enumerate(items):
        item_line = items.item_lines[i] if hasattr(items, "item_lines") else line
        spec = _objective(item, item_line, number, report, seen, index)
        if spec is not None:
            objectives.append(spec)
    if objectives and objectives[-1].when is not None:
        report(objectives[-1].line, f"the last objective of chapter {number} has a when:; leave it out so the "
                                    "chapter always has something to do")
    return Chapter(number, title, card, map_name, spawn, tuple(objectives), walk_from, dark, node, line)


def _objective(raw, line: int, chapter: int, report, seen: dict[str, int], index) -> ObjectiveSpec | None:
    if not isinstance(raw, dict):
        report(line, "an objective is a mapping with id, when, text, hint, map and target")
        return None
    line = getattr(raw, "line", line)
    for key in raw:
        if key not in _OBJECTIVE_KEYS:
            report(_line(raw, key, line),
                   f"unknown key {key!r} in an objective (known: {', '.join(sorted(_OBJECTIVE_KEYS))})")
    oid = _text(raw, "id", line, report)
    if oid in seen:
        report(_line(raw, "id", line), f"objective id {oid!r} is used twice (also at line {seen[oid]})")
    seen[oid] = line
    text = _text(raw, "text", line, report)
    hint = _text(raw, "hint", line, report)
    done = _text(raw, "done", line, report, required=False)
    map_name = _text(raw, "map", line, report)
    target = _text(raw, "target", line, report)
    if index is not None and index.maps and map_name in index.maps:
        names = index.map_objects.get(map_name) if hasattr(index, "map_objects") else None
        if names is not None and target and target not in names:
            report(_line(raw, "target", line), f"target: map {map_name!r} has no object called {target!r}")
    elif map_name:
        _check_place(map_name, "", _line(raw, "map", line), f"objective {oid!r}", report, index)
    condition = _condition(raw, line, report, index)
    return ObjectiveSpec(Objective(oid, text, hint, map_name, target or None, done, chapter), condition, line)


def _endings(items, line: int, report, index) -> list[Ending]:
    if not isinstance(items, list) or not items:
        report(line, "endings: must list the endings (bridge, crossroads, reboot), the last one without when:")
        return []
    out = []
    for i, raw in enumerate(items):
        item_line = items.item_lines[i] if hasattr(items, "item_lines") else line
        if not isinstance(raw, dict):
            report(item_line, "an ending is a mapping with id, title and when")
            continue
        item_line = getattr(raw, "line", item_line)
        for key in raw:
            if key not in _ENDING_KEYS:
                report(_line(raw, key, item_line), f"unknown key {key!r} in an ending (known: id, title, when)")
        eid = _text(raw, "id", item_line, report)
        if eid and eid not in ENDING_IDS:
            report(_line(raw, "id", item_line), f"ending id must be one of {', '.join(ENDING_IDS)}, not {eid!r}")
        title = _text(raw, "title", item_line, report)
        out.append(Ending(eid, title, _condition(raw, item_line, report, index), item_line))
    if out and out[-1].when is not None:
        report(out[-1].line, "the last ending must have no when: (it is the one that plays when no other does)")
    missing = set(ENDING_IDS) - {e.id for e in out}
    if missing:
        report(line, f"endings: {', '.join(sorted(missing))} missing")
    return out


def load_chapters(path: Path) -> Chapters:
    chapters, problems = parse_chapters(path)
    if chapters is None:
        raise ChaptersError("\n".join(str(p) for p in problems) or f"{path}: cannot be read")
    return chapters


class ChaptersChecker:
    """``neosmiles check`` for ``dialogue/chapters.yaml`` (after the maps and the dialogue are indexed)."""

    name = "chapters"

    def claims(self, path: Path) -> bool:
        return Path(path).name == CHAPTERS_FILE

    def index(self, files: list[Path], index: ContentIndex) -> None:
        pass

    def check(self, files: list[Path], index: ContentIndex) -> list[Problem]:
        problems: list[Problem] = []
        for path in files:
            problems.extend(parse_chapters(path, index)[1])
        return problems
