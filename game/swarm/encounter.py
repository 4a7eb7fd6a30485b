"""Swarm encounters as data: ``levels/encounters/swarm/<name>.yaml`` loaded, validated and tuned.

A file names its tooth (``tissue_map: molar.txt``, a text grid beside it: see ``game.swarm.anatomy``) and
sets the decay on it, the swarm size, the clock, the pain rules, the rogue-bot waves and the
recall pulse, plus ``difficulty: {easy: {...}, normal: {...}, hard: {...}}`` overrides of any of these
keys. ``validate`` reports every bad key or value as ``(line, message)`` so ``neosmiles check`` can print
``path:line: message``; ``load`` raises ``EncounterError`` with the first such message. Never imports
pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from game.core import safeyaml
from game.core.files import ReadError, read_text
from game.swarm import anatomy

DIFFICULTIES = ("easy", "normal", "hard")
TICKS_PER_SECOND = 60


class EncounterError(Exception):
    """A broken encounter file; the message names the file and line."""


@dataclass(frozen=True)
class DecaySpot:
    x: int
    y: int
    radius: int


@dataclass(frozen=True)
class RogueWave:
    at: int  # seconds after the start
    count: int


@dataclass(frozen=True)
class Encounter:
    name: str
    title: str
    chapter: int
    brief: str
    difficulty: str
    bots: int
    time_limit: int  # seconds
    decay: tuple[DecaySpot, ...]
    decay_hp: int
    erosion: int
    spread_interval: int  # ticks between spreading steps (0: decay does not spread)
    spread_dentin: int  # chance per neighbouring decay cell, out of 1024
    spread_enamel: int
    pain_per_bot: int  # pain per bot in the pulp per tick, in 1/1000 of the meter
    pain_recover: int  # pain healed per tick, in 1/1000 of the meter
    win_decay_percent: int  # win when decay left is at most this share of the starting decay
    recall_cooldown: int  # seconds
    recall_radius: int  # pixels
    rogue: tuple[RogueWave, ...]
    rogue_wound: int  # rogue hits that break one healthy cell
    damage_limit: int  # healthy cells broken by rogues before the tooth is lost
    spread_pulp: int = 0  # chance per neighbouring decay cell, out of 1024, that decay takes the pulp
    tissue_map: str = "molar.txt"
    #: the tooth without its decay (tissue.ROWS x tissue.COLS), read from ``tissue_map``
    anatomy: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def time_limit_ticks(self) -> int:
        return self.time_limit * TICKS_PER_SECOND


# key -> (type, minimum, maximum); lists and texts are checked separately
_INTS: dict[str, tuple[int, int]] = {
    "chapter": (1, 9), "bots": (1, 100_000), "time_limit": (10, 3600), "decay_hp": (1, 10_000),
    "erosion": (1, 1000), "spread_interval": (0, 6000), "spread_dentin": (0, 1024), "spread_enamel": (0, 1024),
    "pain_per_bot": (0, 1000), "pain_recover": (0, 1000), "win_decay_percent": (0, 100),
    "recall_cooldown": (0, 600), "recall_radius": (8, 640), "rogue_wound": (1, 1000), "damage_limit": (1, 100_000),
    "spread_pulp": (0, 1024),
}
_TEXTS = ("title", "brief", "tissue_map")
_LISTS = ("decay", "rogue")
_DEFAULTS: dict[str, Any] = {
    "chapter": 1, "brief": "", "erosion": 1, "spread_interval": 0, "spread_dentin": 0, "spread_enamel": 0,
    "pain_per_bot": 2, "pain_recover": 40, "win_decay_percent": 2, "recall_cooldown": 8, "recall_radius": 120,
    "rogue": [], "rogue_wound": 20, "damage_limit": 400, "spread_pulp": 0,
}
_REQUIRED = ("title", "tissue_map", "bots", "time_limit", "decay", "decay_hp")
_TUNABLE = set(_INTS) | {"decay", "rogue"}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _int_value(node: yaml.Node) -> int | None:
    return safeyaml.int_value(node)  # read once by the safe loader: decimal, finite, bounded


def _check_fields(mapping: yaml.MappingNode, problems: list[tuple[int, str]], allowed: set[str]) -> None:
    for key, (knode, vnode) in _mapping(mapping).items():
        if key not in allowed:
            problems.append((_line(knode), f"unknown key {key!r} (known: {', '.join(sorted(allowed))})"))
            continue
        if key in _INTS:
            lo, hi = _INTS[key]
            value = _int_value(vnode)
            if value is None:
                problems.append((_line(vnode), f"{key} must be a whole number, not {getattr(vnode, 'value', '?')!r}"))
            elif not lo <= value <= hi:
                problems.append((_line(vnode), f"{key} must be between {lo} and {hi}, not {value}"))
        elif key in _TEXTS:
            if not isinstance(vnode, yaml.ScalarNode) or vnode.tag == safeyaml.NULL or not vnode.value.strip():
                problems.append((_line(vnode), f"{key} must be a non-empty text"))
            elif key == "tissue_map" and not _map_name_ok(vnode.value):
                problems.append((_line(vnode), f"tissue_map must be a file name ending in .txt beside the encounter "
                                               f"(like molar.txt), not {vnode.value!r}"))
        elif key == "decay":
            _check_list(vnode, problems, key, {"at": 2, "radius": 1}, [(0, 639), (0, 359)], (2, 80))
        elif key == "rogue":
            _check_list(vnode, problems, key, {"at": 1, "count": 1}, [(0, 3600)], (1, 100_000))


def _map_name_ok(name: str) -> bool:
    return name.endswith(".txt") and "/" not in name and "\\" not in name and not name.startswith(".")


def _check_list(node: yaml.Node, problems: list[tuple[int, str]], key: str, fields: dict[str, int],
                at_ranges: list[tuple[int, int]], second: tuple[int, int]) -> None:
    if not isinstance(node, yaml.SequenceNode):
        problems.append((_line(node), f"{key} must be a list"))
        return
    other = [f for f in fields if f != "at"][0]
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            problems.append((_line(item), f"each {key} entry must be a mapping with 'at' and '{other}'"))
            continue
        entries = _mapping(item)
        for name, (knode, _) in entries.items():
            if name not in fields:
                problems.append((_line(knode), f"unknown key {name!r} in a {key} entry (known: at, {other})"))
        for name in fields:
            if name not in entries:
                problems.append((_line(item), f"a {key} entry needs {name!r}"))
        if "at" in entries:
            vnode = entries["at"][1]
            values = [_int_value(v) for v in vnode.value] if isinstance(vnode, yaml.SequenceNode) else \
                [_int_value(vnode)]
            if len(values) != len(at_ranges) or any(v is None for v in values):
                shape = "[x, y] in logical pixels" if len(at_ranges) == 2 else "seconds (a whole number)"
                problems.append((_line(vnode), f"{key} 'at' must be {shape}"))
            else:
                for v, (lo, hi) in zip(values, at_ranges, strict=True):
                    if not lo <= v <= hi:
                        problems.append((_line(vnode), f"{key} 'at' value {v} is outside {lo}..{hi}"))
        if other in entries:
            vnode = entries[other][1]
            v = _int_value(vnode)
            if v is None or not second[0] <= v <= second[1]:
                problems.append((_line(vnode), f"{key} '{other}' must be a whole number in {second[0]}..{second[1]}"))


def validate_text(text: str, path: Path | str = "<text>") -> list[tuple[int, str]]:
    """Every problem of an encounter file as (line, message); empty when the file is good."""
    try:
        root = safeyaml.compose(text, path)
    except safeyaml.YamlError as exc:
        return [(exc.line, exc.message)]
    if not isinstance(root, yaml.MappingNode):
        return [(1, "an encounter file must be a mapping of keys to values")]
    problems: list[tuple[int, str]] = []
    top = _mapping(root)
    _check_fields(root, problems, set(_INTS) | set(_TEXTS) | set(_LISTS) | {"difficulty"})
    for key in _REQUIRED:
        if key not in top:
            problems.append((1, f"missing required key {key!r}"))
    if "difficulty" in top:
        knode, dnode = top["difficulty"]
        if not isinstance(dnode, yaml.MappingNode):
            problems.append((_line(dnode), "difficulty must map easy/normal/hard to overrides"))
        else:
            for name, (nk, nv) in _mapping(dnode).items():
                if name not in DIFFICULTIES:
                    problems.append((_line(nk), f"unknown difficulty {name!r} (known: easy, normal, hard)"))
                elif isinstance(nv, yaml.ScalarNode) and nv.tag.endswith(":null"):
                    continue
                elif not isinstance(nv, yaml.MappingNode):
                    problems.append((_line(nv), f"difficulty {name} must be a mapping of overrides"))
                else:
                    _check_fields(nv, problems, _TUNABLE)
    return sorted(problems)


def validate_file(path: Path, text: str) -> list[tuple[str, int, str]]:
    """``validate_text`` plus what needs the folder: the tissue map exists and is good, and every decay spot
    (with each difficulty's overrides) lies on the tooth. Problems as ``(path, line, message)``."""
    problems = [(str(path), line, message) for line, message in validate_text(text, path)]
    if problems:
        return problems
    data = safeyaml.load(text, path)
    top = _mapping(safeyaml.compose(text, path))
    name = str(data["tissue_map"])
    map_line = _line(top["tissue_map"][1])
    map_path = Path(path).parent / name
    if not map_path.is_file():
        known = ", ".join(sorted(p.name for p in Path(path).parent.glob("*.txt"))) or "none"
        return [(str(path), map_line, f"tissue_map {name!r} does not exist beside this file (maps here: {known})")]
    grid, map_problems = read_map(map_path)
    if grid is None:
        return [(str(path), map_line, f"tissue_map {name!r} is broken (see {map_path.name})")]
    lists = [("decay", top["decay"][1])]
    diff = top.get("difficulty")
    if diff is not None and isinstance(diff[1], yaml.MappingNode):
        for _, (_, nv) in _mapping(diff[1]).items():
            if isinstance(nv, yaml.MappingNode) and "decay" in _mapping(nv):
                lists.append(("decay", _mapping(nv)["decay"][1]))
    for _, node in lists:
        for item in node.value:
            entries = _mapping(item)
            at = [_int_value(v) for v in entries["at"][1].value]
            radius = _int_value(entries["radius"][1])
            if not anatomy.spot_on_tooth(grid, at[0], at[1], radius):
                problems.append((str(path), _line(item), f"decay at {at} lies off the tooth in {name} "
                                                         "(on open space, gum or bone): it would never show"))
    return problems


def read_map(path: Path) -> tuple[np.ndarray | None, list[tuple[int, str]]]:
    """A tissue map file's grid (or None) and its problems (read through the one guarded reader)."""
    try:
        text = read_text(path, limit=anatomy.MAX_BYTES)
    except ReadError as exc:
        return None, [(exc.line, exc.message)]
    return anatomy.parse(text)


def encounter_names(folder: Path) -> list[str]:
    """Encounters in story order (by chapter, then name), read from the folder."""
    found = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = safeyaml.load_file(path) or {}
            chapter = data.get("chapter", 9) if isinstance(data, dict) else 9
            chapter = chapter if isinstance(chapter, int) and not isinstance(chapter, bool) else 9
        except safeyaml.YamlError:
            chapter = 9
        found.append((chapter, path.stem))
    return [name for _, name in sorted(found)]


def load(folder: Path, name: str, difficulty: str = "normal") -> Encounter:
    if not safeyaml.plain_name(name):  # never a path: ../../x would read a file the content hash misses
        raise EncounterError(f"{name!r} is not an encounter name (a plain name like 'tutorial', not a path)")
    path = Path(folder) / f"{name}.yaml"
    if difficulty not in DIFFICULTIES:
        raise EncounterError(f"unknown difficulty {difficulty!r} (choose easy, normal or hard)")
    if not path.is_file():
        known = ", ".join(encounter_names(folder)) or "none"
        raise EncounterError(f"no swarm encounter called {name!r} (known: {known})")
    try:  # the same parse as ``neosmiles check``: what it accepts loads
        text = safeyaml.read(path)
    except safeyaml.YamlError as exc:
        raise EncounterError(str(exc)) from None
    problems = validate_text(text, path)
    if problems:
        line, message = problems[0]
        raise EncounterError(f"{path}:{line}: {message}")
    data = safeyaml.load(text, path)
    grid, map_problems = read_map(path.parent / str(data["tissue_map"]))
    if grid is None:
        line, message = map_problems[0]
        raise EncounterError(f"{path.parent / str(data['tissue_map'])}:{line}: {message}")
    merged = {**_DEFAULTS, **{k: v for k, v in data.items() if k != "difficulty"}}
    merged.update((data.get("difficulty") or {}).get(difficulty) or {})
    return Encounter(
        name=name, title=str(merged["title"]), chapter=int(merged["chapter"]), brief=str(merged["brief"]).strip(),
        difficulty=difficulty, bots=int(merged["bots"]), time_limit=int(merged["time_limit"]),
        decay=tuple(DecaySpot(int(d["at"][0]), int(d["at"][1]), int(d["radius"])) for d in merged["decay"]),
        decay_hp=int(merged["decay_hp"]), erosion=int(merged["erosion"]),
        spread_interval=int(merged["spread_interval"]), spread_dentin=int(merged["spread_dentin"]),
        spread_enamel=int(merged["spread_enamel"]), pain_per_bot=int(merged["pain_per_bot"]),
        pain_recover=int(merged["pain_recover"]), win_decay_percent=int(merged["win_decay_percent"]),
        recall_cooldown=int(merged["recall_cooldown"]), recall_radius=int(merged["recall_radius"]),
        rogue=tuple(RogueWave(int(r["at"]), int(r["count"])) for r in merged["rogue"]),
        rogue_wound=int(merged["rogue_wound"]), damage_limit=int(merged["damage_limit"]),
        spread_pulp=int(merged["spread_pulp"]), tissue_map=str(merged["tissue_map"]), anatomy=grid,
    )
