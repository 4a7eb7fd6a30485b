"""The save slots on disk: ``saves/auto.json`` and ``saves/1.json`` .. ``saves/3.json`` in the user data
folder, each with its thumbnail (``1.png``) and the save it replaced (``1.json.bak``, ``1.png.bak``).

Writing never loses a save: the previous file is first copied to the backup, then the new one replaces it
through ``write_atomic`` (temporary file, fsync, rename), so an interruption at any moment leaves the
previous save (or the backup) loadable. A damaged file is never overwritten or changed: listing and loading
only read it, and saving into its slot first moves it aside under a new name (``1.damaged-1.json``).
Pure Python, no pygame.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from game.core import files
from game.core.files import keep_aside, write_atomic
from game.saves.format import MAX_BYTES, SaveError, decode_save, encode_save

AUTO = "auto"
MANUAL = ("1", "2", "3")
SLOTS = (AUTO, *MANUAL)


@dataclass(frozen=True)
class SaveFile:
    """What one file holds: a sound body, or the reason it cannot be loaded."""

    path: Path
    body: dict | None = None
    error: SaveError | None = None

    @property
    def ok(self) -> bool:
        return self.body is not None

    @property
    def reason(self) -> str:
        return self.error.reason if self.error is not None else ""

    @property
    def meta(self) -> dict:
        return self.body["meta"] if self.body is not None else {}


@dataclass(frozen=True)
class SlotInfo:
    slot: str
    main: SaveFile
    backup: SaveFile | None  # None when there is no backup file

    @property
    def state(self) -> str:
        """``empty``, ``ok`` or ``damaged``."""
        if self.main.ok:
            return "ok"
        return "empty" if self.main.error is not None and self.main.error.kind == "missing" else "damaged"

    @property
    def usable(self) -> SaveFile | None:
        """The file to load: the save itself, else a sound backup."""
        if self.main.ok:
            return self.main
        if self.backup is not None and self.backup.ok:
            return self.backup
        return None

    @property
    def thumbnail(self) -> Path:
        return thumbnail_path(self.main.path.parent, self.slot)


def slot_path(saves_dir: Path, slot: str) -> Path:
    return Path(saves_dir) / f"{slot}.json"


def backup_path(saves_dir: Path, slot: str) -> Path:
    return Path(saves_dir) / f"{slot}.json.bak"


def thumbnail_path(saves_dir: Path, slot: str, backup: bool = False) -> Path:
    return Path(saves_dir) / (f"{slot}.png.bak" if backup else f"{slot}.png")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A save file's bytes through the game's one guarded reader (a regular file, size capped before it is
    read); ``SaveError`` with the reason otherwise."""
    try:
        return files.read_bytes(path, limit)
    except files.ReadError as exc:
        kind = {"missing": "missing", "too-large": "oversized"}.get(exc.kind, "corrupt")
        reason = "there is no such save" if kind == "missing" else exc.message
        raise SaveError(reason, kind) from None


def read_file(path: Path) -> SaveFile:
    """Read one save file; never raises, never changes the file."""
    try:
        return SaveFile(Path(path), body=decode_save(read_bytes(path)))
    except SaveError as exc:
        return SaveFile(Path(path), error=exc)


def read_slot(saves_dir: Path, slot: str) -> SlotInfo:
    main = read_file(slot_path(saves_dir, slot))
    bak = backup_path(saves_dir, slot)
    backup = read_file(bak) if bak.exists() else None
    return SlotInfo(slot, main, backup)


def list_slots(saves_dir: Path) -> list[SlotInfo]:
    return [read_slot(saves_dir, slot) for slot in SLOTS]


def newest(saves_dir: Path) -> SlotInfo | None:
    """The slot whose sound save (or sound backup) was written last, by its recorded date and sequence."""
    best, best_key = None, None
    for info in list_slots(saves_dir):
        usable = info.usable
        if usable is None:
            continue
        meta = usable.meta
        key = (meta.get("serial", 0), meta.get("saved_at", ""))
        if best_key is None or key > best_key:
            best, best_key = info, key
    return best


def next_serial(saves_dir: Path) -> int:
    """One more than the highest save sequence number on disk (orders saves without trusting the clock)."""
    serials = [f.meta.get("serial", 0) for info in list_slots(saves_dir) for f in (info.main, info.backup)
               if f is not None and f.ok]
    return max([0, *(s for s in serials if isinstance(s, int))]) + 1


def write_slot(saves_dir: Path, slot: str, body: dict, thumbnail_png: bytes | None = None) -> Path:
    """Write ``body`` into ``slot``: back up the save it replaces, then replace it atomically.

    A damaged file in the slot is moved aside (renamed, bytes untouched), never overwritten; if the slot's
    backup is damaged it is moved aside too before a new backup takes its name.
    """
    if slot not in SLOTS:
        raise ValueError(f"unknown save slot {slot!r}")
    saves_dir = Path(saves_dir)
    data = encode_save(body)
    target = slot_path(saves_dir, slot)
    saves_dir.mkdir(parents=True, exist_ok=True)
    if target.exists():
        current = read_file(target)
        if current.ok:
            old = read_bytes(target)
            bak = backup_path(saves_dir, slot)
            if bak.exists() and not read_file(bak).ok:
                keep_aside(bak, "damaged")
            write_atomic(bak, old)
            thumb = thumbnail_path(saves_dir, slot)
            if thumb.exists():
                try:  # the guarded reader: a FIFO or device in its place must not hang the save
                    write_atomic(thumbnail_path(saves_dir, slot, backup=True), files.read_bytes(thumb, 512 * 1024))
                except (OSError, files.ReadError):
                    pass  # a picture is not worth failing a save for
        else:
            keep_aside(target, "damaged")
    if thumbnail_png is not None:
        try:
            write_atomic(thumbnail_path(saves_dir, slot), thumbnail_png)
        except OSError:
            pass
    write_atomic(target, data)
    return target


def refusal(path: Path, found: SaveFile | None = None) -> str:
    """The one line that refuses a damaged save on the command line, pointing at a sound backup if any
    (``found``: the file as already read, if it was)."""
    found = read_file(path) if found is None else found
    line = f"{path}: {found.reason}"
    bak = Path(f"{path}.bak") if Path(path).suffix == ".json" else None
    if bak is not None and bak.exists() and read_file(bak).ok:
        line += f" (its backup is sound: neosmiles play --load {bak})"
    return line


def resolve(saves_dir: Path, name: str) -> tuple[str, Path]:
    """A save named on the command line: a slot (``auto``, ``1``..) or a file path. Returns (label, path)."""
    if name in SLOTS:
        return name, slot_path(saves_dir, name)
    path = Path(name)
    if path.suffix in (".json", ".bak") or os.sep in name or "/" in name:
        return path.name, path
    raise SaveError(f"there is no save slot {name!r} (slots: {', '.join(SLOTS)}, or a file path)", "missing")


def open_named(saves_dir: Path, name: str) -> tuple[str, SaveFile]:
    """A save named on the command line (a slot or a file), read and sound: (label, file). Otherwise
    ``SaveError`` whose reason is the one line to print (an unknown name, or the refusal with its backup)."""
    label, path = resolve(saves_dir, name)
    found = read_file(path)
    if not found.ok:
        raise SaveError(refusal(path, found), found.error.kind if found.error is not None else "damaged")
    return label, found
