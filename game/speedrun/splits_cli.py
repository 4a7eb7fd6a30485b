"""``neosmiles splits``: list categories with their personal best and sum of best, show one category's
splits, or export a category for LiveSplit (``neosmiles splits export CATEGORY FILE.lss``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.core.clock import format_ticks


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="splits_command", metavar="ACTION")
    sub.add_parser("list", help="every category with its attempts, personal best and sum of best")
    show = sub.add_parser("show", help="one category's splits, segments and golds")
    show.add_argument("category", help="category name or a unique part of it, e.g. any%% or 'swarm tut' "
                                       "(see `neosmiles splits list`)")
    export = sub.add_parser("export", help="write a category as a LiveSplit .lss file")
    export.add_argument("category", help="category name or a unique part of it, e.g. any%%")
    export.add_argument("file", type=Path, help="the .lss file to write")


def run(args: argparse.Namespace) -> int:
    from game.paths import Paths
    from game.replay.splits import list_categories, load_splits, splits_file

    data_dir = Paths.from_env().data_dir
    action = args.splits_command or "list"
    if action == "list":
        names = list_categories(data_dir)
        if not names:
            print("no splits yet: finish a run or a practice encounter first")
            return 0
        for name in names:
            s = load_splits(data_dir, name)
            pb = format_ticks(s.pb_time) if s.pb_time is not None else "-"
            sob = s.sum_of_best()
            print(f"{name}: attempts {s.attempts}, finished {s.completed}, PB {pb}, "
                  f"sum of best {format_ticks(sob) if sob is not None else '-'}")
        return 0
    from game.replay.categories import resolve

    names = list_categories(data_dir)
    category, candidates = resolve(args.category, names)
    if category is None and splits_file(data_dir, args.category).exists():
        category = args.category
    if category is None:
        if candidates:
            print(f"neosmiles: {args.category!r} could be any of: " + "; ".join(candidates) +
                  " (type more of the name)", file=sys.stderr)
        else:
            known = "; ".join(names) or "none yet"
            print(f"neosmiles: no splits for category {args.category!r} (known: {known})", file=sys.stderr)
        return 2
    splits = load_splits(data_dir, category)
    if action == "show":
        previous = 0
        print(f"{splits.category}: attempts {splits.attempts}, finished {splits.completed}")
        for name, time in splits.pb:
            gold = splits.golds.get(name)
            print(f"  {name:<24} {format_ticks(time)}  segment {format_ticks(time - previous)}  "
                  f"best {format_ticks(gold) if gold is not None else '-'}")
            previous = time
        sob = splits.sum_of_best()
        print(f"  sum of best {format_ticks(sob) if sob is not None else '-'}")
        return 0
    from game.core.files import write_atomic
    from game.replay.livesplit import export_lss

    try:
        write_atomic(args.file, export_lss(splits).encode("utf-8"))
    except OSError as exc:
        print(f"neosmiles: could not write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.file} ({len(splits.pb)} segments)")
    return 0
