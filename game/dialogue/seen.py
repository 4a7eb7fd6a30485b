"""Which dialogue lines the player has seen in any playthrough (for skip-seen).

The file lives in the user data folder. Because skipping changes how a run unfolds, the seen set is
an input of the run: it is read once when a run begins (``ctx.run.seen_at_start``), recorded in the
replay header, and restored from there when a replay is verified. Pure Python, no pygame.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from game.core.files import ReadError, read_json, write_atomic

log = logging.getLogger(__name__)

SEEN_FILE = "seen_lines.json"


def seen_path(data_dir: Path) -> Path:
    return Path(data_dir) / SEEN_FILE


def load_seen(data_dir: Path) -> set[str]:
    path = seen_path(data_dir)
    try:
        data = read_json(path)
    except ReadError as exc:
        if exc.kind != "missing":
            log.warning("could not read %s (%s); starting with no seen lines", path, exc.message)
        return set()
    if not isinstance(data, dict) or not isinstance(data.get("seen"), list):
        log.warning("%s is not a seen-lines file; starting with no seen lines", path)
        return set()
    return {s for s in data["seen"] if isinstance(s, str)}


def save_seen(data_dir: Path, seen: set[str]) -> None:
    path = seen_path(data_dir)
    try:
        write_atomic(path, json.dumps({"version": 1, "seen": sorted(seen)}, indent=0).encode("utf-8"))
    except OSError as exc:
        log.warning("could not save seen dialogue lines: %s", exc)
