"""Where a category's replays live, and the personal-best replay as frames (for ghosts).

Auto-saved replays go to ``<data>/replays/`` (the newest ``KEEP_RECENT`` are kept); each category's
personal best is also kept as ``<data>/replays/pb/<slug>.nsreplay`` and is never pruned.
"""

from __future__ import annotations

import logging
from pathlib import Path

from game.core.actions import ActionFrame
from game.replay.categories import slug
from game.replay.format import Replay, ReplayError, read_file

log = logging.getLogger(__name__)

KEEP_RECENT = 20


def pb_replay_path(replays_dir: Path, category: str) -> Path:
    return Path(replays_dir) / "pb" / f"{slug(category)}.nsreplay"


def personal_best_replay(paths, category: str) -> Replay | None:
    """The category's PB replay, or None if there is none or it cannot be read."""
    path = pb_replay_path(paths.replays_dir, category)
    if not path.exists():
        return None
    try:
        return read_file(path)
    except ReplayError as exc:
        log.warning("%s: the personal-best replay cannot be used (%s)", path, exc)
        return None


def personal_best_frames(paths, category: str) -> list[ActionFrame] | None:
    """Every tick's frame of the category's PB run (for a ghost), or None. A PB made by another version of
    the game gives no ghost: its frames, played through this version's rules, would not retrace the run."""
    from game import __version__

    replay = personal_best_replay(paths, category)
    if replay is None:
        return None
    if replay.header.game_version != __version__:
        log.info("%s: the personal best was made with version %s: no ghost", category, replay.header.game_version)
        return None
    return list(replay.frames())


def prune_recent(replays_dir: Path, keep: int = KEEP_RECENT) -> list[Path]:
    """Delete all but the newest ``keep`` auto-saved replays (names sort by time); returns the deleted."""
    files = sorted(p for p in Path(replays_dir).glob("*.nsreplay") if p.is_file())
    doomed = files[:-keep] if keep > 0 else files
    removed = []
    for path in doomed:
        try:
            path.unlink()
            removed.append(path)
        except OSError as exc:
            log.warning("could not remove old replay %s: %s", path, exc)
    return removed
