"""``neosmiles saves``: list the save slots, or show one (``neosmiles saves show SLOT``).

A damaged save is listed with the reason; ``show`` of a damaged one prints one line naming the file and
why, and exits with code 2. Nothing here ever changes a file.
"""

from __future__ import annotations

import argparse
import sys

from game.core.clock import TICK_RATE
from game.saves import slots
from game.saves.format import SaveError


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    show = sub.add_parser("show", help="print one save: a slot (auto, 1, 2, 3) or a file")
    show.add_argument("slot", metavar="SLOT")


def play_time(ticks: int) -> str:
    seconds = ticks // TICK_RATE
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def saved_on(meta: dict) -> str:
    """The save's date as the player reads it (``2026-12-06 01:30 UTC``)."""
    stamp = str(meta.get("saved_at", ""))
    return f"{stamp[:10]} {stamp[11:16]} UTC" if len(stamp) >= 16 else stamp


def state_text(info: slots.SlotInfo) -> str:
    if info.state == "ok":
        return f"ok, saved {saved_on(info.main.meta)} ({info.main.meta.get('reason', '')})"
    if info.state == "empty":
        if info.backup is not None and info.backup.ok:
            return "empty; a sound backup is kept"
        return "empty"
    text = f"damaged: {info.main.reason}"
    if info.backup is not None and info.backup.ok:
        text += f"; its backup is sound ({saved_on(info.backup.meta)})"
    return text


def rows(saves_dir) -> list[tuple[str, ...]]:
    out = [("slot", "chapter", "place", "play-time", "state")]
    for info in slots.list_slots(saves_dir):
        meta = info.main.meta
        if info.main.ok:
            out.append((info.slot, str(meta["chapter"]), meta["place"], play_time(meta["play_ticks"]),
                        state_text(info)))
        else:
            out.append((info.slot, "-", "-", "-", state_text(info)))
    return out


def format_table(table: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]) - 1)]
    lines = []
    for row in table:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from game.paths import Paths

    saves_dir = Paths.from_env().saves_dir
    if getattr(args, "action", None) == "show":
        return show(saves_dir, args.slot)
    print(format_table(rows(saves_dir)))
    return 0


def show(saves_dir, name: str) -> int:
    try:
        label, found = slots.open_named(saves_dir, name)
    except SaveError as exc:
        print(f"neosmiles: {exc.reason}", file=sys.stderr)
        return 2
    meta, state = found.meta, found.body["state"]
    run = state["run"]
    talking = state.get("dialogue")
    print(f"file       {found.path}")
    print(f"slot       {label}")
    print(f"chapter    {meta['chapter']}")
    print(f"place      {meta['place']} ({meta.get('map', state['map'].get('name', ''))})")
    print(f"play time  {play_time(meta['play_ticks'])}")
    print(f"saved      {saved_on(meta)} ({meta['reason']})")
    print(f"moment     tick {run['tick']}, " + (f"talking ({talking.get('node')})" if talking else "exploring")
          + (", at the start of a minigame" if talking and (talking.get("scene") or {}).get("waiting") else ""))
    print(f"story      chapter {run['story'].get('chapter')}, {run['story'].get('difficulty', 'normal')}, "
          f"{len(run['story'].get('flags', []))} flags" + (f", ending {run['story']['ending']}"
                                                            if run["story"].get("ending") else ""))
    print(f"version    save made by NeoSmiles {meta.get('game_version', '?')}")
    return 0
