"""``neosmiles check`` for swarm encounters: every file under a folder ``encounters/swarm/``: the encounter
YAML files (and the tooth and decay spots each names) and the tissue maps (``.txt``)."""

from __future__ import annotations

from pathlib import Path

from game.check import ContentIndex, Problem
from game.core import safeyaml
from game.swarm.encounter import read_map, validate_file


class SwarmEncounterChecker:
    name = "swarm encounters"

    def claims(self, path: Path) -> bool:
        parts = Path(path).parts
        return len(parts) >= 3 and parts[-3:-1] == ("encounters", "swarm")

    def index(self, files: list[Path], index: ContentIndex) -> None:
        index.encounters.setdefault("swarm", set()).update(f.stem for f in files if f.suffix == ".yaml")

    def check(self, files: list[Path], index: ContentIndex) -> list[Problem]:
        problems = []
        for path in files:
            if path.suffix == ".txt":
                _, found = read_map(path)
                problems.extend(Problem(str(path), line, message) for line, message in found)
                continue
            if path.suffix != ".yaml":
                problems.append(Problem(str(path), 0, "only .yaml encounter files and .txt tissue maps belong in "
                                                      "encounters/swarm/"))
                continue
            try:
                text = safeyaml.read(path)
            except safeyaml.YamlError as exc:
                problems.append(Problem(str(path), exc.line, exc.message))
                continue
            problems.extend(Problem(where, line, message) for where, line, message in validate_file(path, text))
        return problems
