"""``neosmiles check [PATH...]``: with no path, every content folder; paths may be files or folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.check import ContentIndex, Problem


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="files or folders to check (default: levels/ and dialogue/)")


def collect(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, "no such file or folder"))
    return files, problems


def check_paths(paths: list[Path], content_roots: list[Path]) -> tuple[list[Problem], int]:
    """Check ``paths``; ``content_roots`` (the game's own folders) feed the index for cross-references."""
    from game.check.registry import checkers

    files, problems = collect(paths)
    root_files, _ = collect([r for r in content_roots if r.exists()])
    index = ContentIndex()
    active = checkers()
    claimed_count = 0
    for checker in active:
        mine_for_index = sorted({f.resolve() for f in root_files + files if checker.claims(f)})
        checker.index(mine_for_index, index)
    for checker in active:
        mine = [f for f in files if checker.claims(f)]
        claimed_count += len(mine)
        if mine:
            problems.extend(checker.check(mine, index))
    return sorted(set(problems)), claimed_count


def run(args: argparse.Namespace) -> int:
    from game.paths import Paths

    paths = Paths.from_env()
    roots = [paths.levels, paths.dialogue]
    targets = args.paths or [r for r in roots if r.exists()]
    problems, count = check_paths(targets, roots)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {count} file(s) checked", file=sys.stderr)
        return 1
    print(f"ok: {count} file(s) checked, no problems")
    return 0
