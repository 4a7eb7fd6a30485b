"""SPECTRA encounters as data: ``levels/encounters/spectra/<name>.yaml``.

An encounter names its dive (title, chapter), what SPECTRA says (opening lines and the lines it
repeats as the clock runs low) and three difficulties, each a ``Tuning``: layers, faults per layer,
time and penalties in seconds, example and hidden case counts, and optionally which fault kinds and
subsystems may appear. ``check_file`` reports every problem as ``path:line: message``; ``load``
raises ``EncounterError`` carrying the first of them. Pure: YAML and dataclasses, no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.check import Problem
from game.core import safeyaml
from game.spectra.faults import ALL_KINDS
from game.spectra.generator import Tuning
from game.spectra.programs import template_names

DIFFICULTIES = ("easy", "normal", "hard")
TICKS_PER_SECOND = 60
VOICE_KEYS = ("calm", "warning", "critical")
TOP_KEYS = ("title", "chapter", "intro", "voice", "lesson", "difficulties")
# key -> (lowest, highest) for the whole-number settings of a difficulty
NUMBERS: dict[str, tuple[int, int]] = {
    "layers": (1, 8),
    "faults": (1, 3),
    "time": (10, 3600),
    "patch_penalty": (0, 600),
    "hint_penalty": (0, 600),
    "visible": (2, 6),
    "hidden": (0, 12),
}
DEFAULT_VOICE = {
    "calm": ("Diagnostics nominal. Awaiting patch.",),
    "warning": ("Core desync rising.",),
    "critical": ("Core failure imminent.",),
}


class EncounterError(Exception):
    """A bad encounter file; the message is ``path:line: what to change``."""


@dataclass(frozen=True)
class Encounter:
    name: str
    title: str
    chapter: int
    intro: tuple[str, ...]
    voice: dict[str, tuple[str, ...]]
    difficulties: dict[str, Tuning] = field(default_factory=dict)
    #: the first layer's lesson, one text per step of ``puzzle.LESSON_STAGES`` (empty: no lesson)
    lesson: dict[str, str] = field(default_factory=dict)

    def tuning(self, difficulty: str) -> Tuning:
        return self.difficulties[difficulty]


def _line(node) -> int:
    return node.start_mark.line + 1


def _mapping(node, path: str, problems: list[Problem], what: str) -> dict[str, tuple]:
    """A YAML mapping node as {key: (key_node, value_node)}; reports a non-mapping."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(path, _line(node), f"{what} must be a mapping of keys to values"))
        return {}
    out = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
        if key in out:
            problems.append(Problem(path, _line(key_node), f"{what}: key {key!r} appears twice"))
        out[key] = (key_node, value_node)
    return out


def _strings(node, path: str, problems: list[Problem], what: str) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        if not node.value.strip():
            problems.append(Problem(path, _line(node), f"{what} must be a list of text lines"))
            return ()
        return (node.value,)
    if not isinstance(node, yaml.SequenceNode) or not all(
            isinstance(item, yaml.ScalarNode) and item.value.strip() for item in node.value):
        problems.append(Problem(path, _line(node), f"{what} must be a list of text lines"))
        return ()
    return tuple(item.value for item in node.value)


def _int(node, path: str, problems: list[Problem], what: str, lo: int, hi: int) -> int | None:
    value = safeyaml.int_value(node)  # read once by the safe loader: decimal, finite, bounded
    if value is None:
        problems.append(Problem(path, _line(node), f"{what} must be a whole number from {lo} to {hi}"))
        return None
    if not lo <= value <= hi:
        problems.append(Problem(path, _line(node), f"{what} must be from {lo} to {hi}, not {value}"))
        return None
    return value


def _difficulty(name: str, node, path: str, problems: list[Problem]) -> Tuning | None:
    entries = _mapping(node, path, problems, f"difficulty {name!r}")
    values: dict[str, object] = {}
    before = len(problems)
    for key, (key_node, value_node) in entries.items():
        if key in NUMBERS:
            lo, hi = NUMBERS[key]
            values[key] = _int(value_node, path, problems, f"{name}.{key}", lo, hi)
        elif key in ("kinds", "templates"):
            known = ALL_KINDS if key == "kinds" else template_names()
            items = _strings(value_node, path, problems, f"{name}.{key}")
            bad = [item for item in items if item not in known]
            if bad:
                problems.append(Problem(path, _line(value_node), f"{name}.{key}: unknown {bad[0]!r} "
                                                                 f"(known: {', '.join(known)})"))
            values[key] = items
        else:
            problems.append(Problem(path, _line(key_node), f"{name}: unknown key {key!r} "
                                                           f"(known: {', '.join([*NUMBERS, 'kinds', 'templates'])})"))
    for required in ("layers", "faults", "time"):
        if isinstance(node, yaml.MappingNode) and required not in entries:
            problems.append(Problem(path, _line(node), f"difficulty {name!r} needs {required!r}"))
    if len(problems) > before or not entries:
        return None
    defaults = Tuning()
    return Tuning(
        layers=int(values["layers"]),
        faults=int(values["faults"]),
        time_ticks=int(values["time"]) * TICKS_PER_SECOND,
        patch_penalty=int(values.get("patch_penalty", defaults.patch_penalty // TICKS_PER_SECOND)) * TICKS_PER_SECOND,
        hint_penalty=int(values.get("hint_penalty", defaults.hint_penalty // TICKS_PER_SECOND)) * TICKS_PER_SECOND,
        visible=int(values.get("visible", defaults.visible)),
        hidden=int(values.get("hidden", defaults.hidden)),
        kinds=tuple(values.get("kinds") or defaults.kinds),
        templates=tuple(values.get("templates") or ()),
    )


def _generates(tuning: Tuning) -> bool:
    """Whether puzzles can be drawn with this tuning (a few seeds, a few milliseconds)."""
    from game.core.rng import RunRandom
    from game.spectra.generator import GenerationError, generate_puzzle

    try:
        for seed in range(3):
            generate_puzzle(RunRandom(seed), tuning)
    except GenerationError:
        return False
    return True


def parse_encounter(text: str, path: str, name: str) -> tuple[Encounter | None, list[Problem]]:
    problems: list[Problem] = []
    try:
        root = safeyaml.compose(text, path)
    except safeyaml.YamlError as exc:
        return None, [Problem(path, exc.line, exc.message)]
    if root is None:
        return None, [Problem(path, 1, "the file is empty")]
    top = _mapping(root, path, problems, "the encounter")
    for key, (key_node, _) in top.items():
        if key not in TOP_KEYS:
            problems.append(Problem(path, _line(key_node), f"unknown key {key!r} (known: {', '.join(TOP_KEYS)})"))
    title = name
    if "title" in top:
        node = top["title"][1]
        if isinstance(node, yaml.ScalarNode) and node.tag != safeyaml.NULL and node.value.strip():
            title = node.value
        else:
            problems.append(Problem(path, _line(node), "title must be text"))
    chapter = 0
    if "chapter" in top:
        chapter = _int(top["chapter"][1], path, problems, "chapter", 0, 9) or 0
    intro = _strings(top["intro"][1], path, problems, "intro") if "intro" in top else ()
    voice = dict(DEFAULT_VOICE)
    if "voice" in top:
        for key, (key_node, value_node) in _mapping(top["voice"][1], path, problems, "voice").items():
            if key not in VOICE_KEYS:
                problems.append(Problem(path, _line(key_node), f"voice: unknown key {key!r} "
                                                               f"(known: {', '.join(VOICE_KEYS)})"))
                continue
            lines = _strings(value_node, path, problems, f"voice.{key}")
            if lines:
                voice[key] = lines
    lesson = _lesson(top["lesson"][1], path, problems) if "lesson" in top else {}
    tunings: dict[str, Tuning] = {}
    if "difficulties" not in top:
        problems.append(Problem(path, 1, f"missing 'difficulties' ({', '.join(DIFFICULTIES)})"))
    else:
        node = top["difficulties"][1]
        entries = _mapping(node, path, problems, "difficulties")
        for key, (key_node, value_node) in entries.items():
            if key not in DIFFICULTIES:
                problems.append(Problem(path, _line(key_node), f"unknown difficulty {key!r} "
                                                               f"(known: {', '.join(DIFFICULTIES)})"))
                continue
            tuning = _difficulty(key, value_node, path, problems)
            if tuning is not None:
                tunings[key] = tuning
                if not _generates(tuning):
                    problems.append(Problem(path, _line(value_node), f"difficulty {key!r}: no fair puzzle can be "
                                                                     f"made with these faults, kinds and subsystems"))
        for missing in DIFFICULTIES:
            if entries and missing not in entries:
                problems.append(Problem(path, _line(node), f"difficulties: {missing!r} is missing"))
    if problems:
        return None, problems
    return Encounter(name, title, chapter, intro, voice, tunings, lesson), []


def _lesson(node, path: str, problems: list[Problem]) -> dict[str, str]:
    """``lesson:`` maps every step of the lesson to its text (keys in braces: ``{FOCUS}``)."""
    from game.spectra.puzzle import LESSON_STAGES

    out: dict[str, str] = {}
    for key, (key_node, value_node) in _mapping(node, path, problems, "lesson").items():
        if key not in LESSON_STAGES:
            problems.append(Problem(path, _line(key_node), f"lesson: unknown step {key!r} "
                                                           f"(known: {', '.join(LESSON_STAGES)})"))
        elif not (isinstance(value_node, yaml.ScalarNode) and value_node.value.strip()):
            problems.append(Problem(path, _line(value_node), f"lesson.{key} must be text"))
        else:
            out[key] = value_node.value
    missing = [stage for stage in LESSON_STAGES if stage not in out]
    if out and missing:
        problems.append(Problem(path, _line(node), f"lesson: every step needs a text; missing {', '.join(missing)}"))
    return out


def check_file(path: Path) -> list[Problem]:
    try:
        text = safeyaml.read(path)
    except safeyaml.YamlError as exc:
        return [Problem(str(path), exc.line, exc.message)]
    return parse_encounter(text, str(path), Path(path).stem)[1]


def encounter_path(encounters_dir: Path, name: str) -> Path:
    return Path(encounters_dir) / "spectra" / f"{name}.yaml"


def load(encounters_dir: Path, name: str) -> Encounter:
    if not safeyaml.plain_name(name):  # never a path: ../../x would read a file the content hash misses
        raise EncounterError(f"{name!r} is not an encounter name (a plain name like 'first-layer', not a path)")
    path = encounter_path(encounters_dir, name)
    if not path.is_file():
        known = ", ".join(encounter_names(encounters_dir)) or "none"
        raise EncounterError(f"{path}: no such SPECTRA encounter {name!r} (known: {known})")
    try:  # the same reading and parse as ``neosmiles check``: what it accepts loads
        text = safeyaml.read(path)
    except safeyaml.YamlError as exc:
        raise EncounterError(str(exc)) from None
    encounter, problems = parse_encounter(text, str(path), name)
    if encounter is None:
        raise EncounterError(str(problems[0]))
    return encounter


def encounter_names(encounters_dir: Path) -> list[str]:
    folder = Path(encounters_dir) / "spectra"
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.yaml"))


class SpectraEncounterChecker:
    """``neosmiles check`` for files under a folder ``encounters/spectra/``."""

    name = "spectra-encounters"

    def claims(self, path: Path) -> bool:
        parts = Path(path).parts
        return Path(path).suffix in (".yaml", ".yml") and len(parts) >= 3 and parts[-3:-1] == ("encounters",
                                                                                                 "spectra")

    def index(self, files: list[Path], index) -> None:
        index.encounters.setdefault("spectra", set()).update(Path(f).stem for f in files)

    def check(self, files: list[Path], index) -> list[Problem]:
        problems: list[Problem] = []
        for path in files:
            problems.extend(check_file(path))
        return problems
