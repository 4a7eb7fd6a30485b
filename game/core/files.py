"""Writing the player's files safely.

Every file the game writes for the player (settings, saves, replays, personal bests) goes through
``write_atomic``: the bytes go to a temporary file in the same folder, are flushed to disk, and only
then replace the old file in one rename. A crash or power cut leaves either the old or the new file,
never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def keep_aside(path: Path, reason: str) -> Path:
    """Rename a bad file out of the way (``name.corrupt-N.ext``) so it is never overwritten."""
    path = Path(path)
    n = 1
    while True:
        candidate = path.with_name(f"{path.stem}.{reason}-{n}{path.suffix}")
        if not candidate.exists():
            break
        n += 1
    os.replace(path, candidate)
    return candidate
