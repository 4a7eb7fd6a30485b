"""The fingerprint of the content that decides what the simulation does.

A replay is only meaningful with the maps, dialogue and encounter tuning it was played with. The hash
covers every file the simulation reads: everything under ``levels/`` (which holds
``levels/encounters/``) and ``dialogue/``, plus the tilesets' ``.tsx`` files (which tiles are solid)
and the fonts' ``.json`` metrics (how text is paged), in sorted order of their relative paths, each as
its path and its bytes; images and sound do not affect the simulation and are left out. Hidden files
and editor droppings (``.*``, ``*~``, ``__pycache__``) are skipped so that opening a map in Tiled
without saving it does not change the hash. Files are read through the guarded reader: a file that
cannot be read raises ``ContentError`` naming it, never a traceback.

A recorded start point must name its content inside the content root (``start_problem``), so that
the hash covers it and the replay verifies the same from any working folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from game.core.files import ReadError, read_bytes
from game.core.safeyaml import plain_name

HASH_PREFIX = b"neosmiles-content-2"
CONTENT_FOLDERS = ("levels", "dialogue")
#: (folder, suffix) of the asset files the simulation reads
CONTENT_ASSETS = (("assets/tilesets", ".tsx"), ("assets/fonts", ".json"))
HASH_FILE_LIMIT = 64 * 1024 * 1024
#: start point parameters that name a file or an encounter
_CONTENT_PARAMS = ("map", "level", "encounter")


class ContentError(Exception):
    """Content that cannot be fingerprinted (an unreadable file); the message names the file."""


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
    for folder, suffix in CONTENT_ASSETS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.glob(f"*{suffix}"):
            relative = path.relative_to(root)
            if path.is_file() and not _ignored(relative):
                found.append((relative.as_posix(), path))
    found.sort(key=lambda item: item[0])
    return found


def content_hash(root: Path) -> bytes:
    """32-byte BLAKE2b of the simulation content under ``root`` (the content root, ``paths.root``)."""
    h = hashlib.blake2b(digest_size=32)
    h.update(HASH_PREFIX)
    for relative, path in content_files(root):
        name = relative.encode("utf-8", "surrogateescape")
        try:
            data = read_bytes(path, HASH_FILE_LIMIT)
        except ReadError as exc:
            raise ContentError(f"{exc.path}: {exc.message}; the content cannot be fingerprinted for the "
                               f"replay (fix or remove the file)") from None
        h.update(len(name).to_bytes(4, "little") + name)
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def start_problem(start, root: Path) -> str | None:
    """Why a run from ``start`` cannot be recorded (or verified), or None when it can.

    A map must be given by its path inside the content root's ``levels/`` folder (``levels/clinic.tmx``)
    or by name (``clinic``); encounters and levels by plain name. Anything naming a file outside the
    content (an absolute path, ``..``) would make the replay depend on a file its content hash does not
    cover, or on the folder it is verified from.
    """
    for key in _CONTENT_PARAMS:
        value = start.get(key)
        if value is None:
            continue
        if key == "map" and "/" in value:
            relative = PurePosixPath(value)
            if relative.is_absolute() or ".." in relative.parts or "\\" in value or relative.parts[0] != "levels":
                return (f"the map {value!r} is outside the content folder's levels/ ({root}); copy it into "
                        f"levels/ to record or verify a run on it")
        elif not plain_name(value):
            return f"{key} {value!r} must be a plain name from the content folder (like 'tutorial'), not a path"
    return None


def content_relative(path: Path | str, root: Path) -> str | None:
    """``path`` (as typed, relative to the working folder) as a posix path inside ``root``, or None."""
    from game.core.files import resolved

    target = resolved(path)
    base = resolved(root)
    try:
        return target.relative_to(base).as_posix()
    except ValueError:
        return None
