"""``neosmiles check [PATH...]``: with no path, every content folder; paths may be files or folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.check import ContentIndex, Problem
from game.core.files import printable, resolved


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="files or folders to check (default: levels/ and dialogue/)")


def collect(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The files under ``paths``. Anything that is not a folder is kept, even a FIFO, a device or a broken
    or looping link, so the checker that claims its name reports it (through the guarded reader)."""
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if not p.is_dir()))
        elif path.is_file() or path.is_symlink() or path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, "no such file or folder"))
    return files, problems


def _run_checker(checker, files: list[Path], index: ContentIndex) -> list[Problem]:
    """A checker's problems; a checker that fails on one file costs only that file, never the whole check."""
    try:
        return list(checker.check(files, index))
    except Exception:  # noqa: BLE001 - any failure is reported against the file that caused it
        if len(files) == 1:
            import traceback

            where = traceback.extract_tb(sys.exc_info()[2])[-1]
            kind = sys.exc_info()[0].__name__
            return [Problem(str(files[0]), 0, f"the {checker.name} checker failed on this file ({kind} at "
                                              f"{Path(where.filename).name}:{where.lineno}); please report it")]
        out: list[Problem] = []
        for path in files:
            out.extend(_run_checker(checker, [path], index))
        return out


def check_paths(paths: list[Path], content_roots: list[Path]) -> tuple[list[Problem], int]:
    """Check ``paths``; ``content_roots`` (the game's own folders) feed the index for cross-references."""
    from game.check.registry import checkers

    files, problems = collect(paths)
    root_files, _ = collect([r for r in content_roots if r.exists()])
    index = ContentIndex()
    active = checkers()
    claimed_count = 0
    for checker in active:
        mine_for_index = sorted({resolved(f) for f in root_files + files if checker.claims(f)})
        try:
            checker.index(mine_for_index, index)
        except Exception:  # noqa: BLE001 - the index is best effort; check() reports the file itself
            pass
    for checker in active:
        mine = [f for f in files if checker.claims(f)]
        claimed_count += len(mine)
        if mine:
            problems.extend(_run_checker(checker, mine, index))
    return sorted(set(problems)), claimed_count


def run(args: argparse.Namespace) -> int:
    from game.paths import Paths

    paths = Paths.from_env()
    roots = [paths.levels, paths.dialogue]
    targets = args.paths or [r for r in roots if r.exists()]
    problems, count = check_paths(targets, roots)
    for problem in problems:
        print(printable(str(problem), 2000))  # messages quote file text: never let it drive the terminal
    if problems:
        print(f"{len(problems)} problem(s) in {count} file(s) checked", file=sys.stderr)
        return 1
    print(f"ok: {count} file(s) checked, no problems")
    return 0
