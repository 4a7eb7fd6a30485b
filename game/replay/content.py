"""The fingerprint of the content that decides what the simulation does.

A replay is only meaningful with the maps, dialogue and encounter tuning it was played with. The hash
covers every file under ``levels/`` (which holds ``levels/encounters/``) and ``dialogue/``, in sorted
order of their relative paths, each as its path and its bytes; art and sound do not affect the
simulation and are left out. Hidden files and editor droppings (``.*``, ``*~``, ``__pycache__``) are
skipped so that opening a map in Tiled without saving it does not change the hash.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

CONTENT_FOLDERS = ("levels", "dialogue")


def _ignored(relative: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" or part.endswith("~") for part in relative.parts)


def content_files(root: Path) -> list[tuple[str, Path]]:
    """(relative posix path, absolute path) of every hashed file, sorted by relative path."""
    root = Path(root)
    found: list[tuple[str, Path]] = []
    for folder in CONTENT_FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            relative = path.relative_to(root)
            if path.is_file() and not _ignored(relative):
                found.append((relative.as_posix(), path))
    found.sort(key=lambda item: item[0])
    return found


def content_hash(root: Path) -> bytes:
    """32-byte BLAKE2b of the simulation content under ``root`` (the content root, ``paths.root``)."""
    h = hashlib.blake2b(digest_size=32)
    h.update(b"neosmiles-content-1")
    for relative, path in content_files(root):
        name = relative.encode("utf-8")
        data = path.read_bytes()
        h.update(len(name).to_bytes(4, "little") + name)
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()
