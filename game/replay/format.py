"""The ``.nsreplay`` file: everything needed to re-simulate one run and to check it was not changed.

A replay holds a versioned header (game version, content hash, seed, simulation settings, start
point, category, flags), the action frame of every tick run-length encoded, a state digest every
``digest_interval`` ticks and at the last tick, the run's result, and a BLAKE2b checksum of all the
bytes before it. ``docs/replay-format.md`` describes the layout byte by byte.

Reading trusts nothing: the size is capped before anything is parsed, the checksum is verified before
any field is read, every count is checked against the bytes that remain before anything is allocated,
and every problem raises ``ReplayError`` with a message a player can act on. Frames are expanded
lazily (``Replay.frames()``), so a long run never becomes a list of millions of objects.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from game.core.actions import ActionFrame

MAGIC = b"NSREPLAY"
FORMAT_VERSION = 2  # version 2 adds the save a run started from; version 1 files are still read
READ_VERSIONS = (1, 2)
CHECKSUM_SIZE = 32
DIGEST_SIZE = 16

#: hard limits: a file beyond them is refused before it is simulated
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TICKS = 60 * 60 * 60 * 24  # one day of play at 60 ticks per second
MAX_DIGEST_INTERVAL = 60 * 60 * 60
MAX_SPLITS = 1024
MAX_TEXT = {"game_version": 64, "category": 256, "start": 4096, "settings": 16384, "seen": 4 * 1024 * 1024,
            "save": 2 * 1024 * 1024,
            "split": 128, "outcome": 32}

FLAG_PRACTICE = 1 << 0
FLAG_ASSISTED = 1 << 1
KNOWN_FLAGS = FLAG_PRACTICE | FLAG_ASSISTED

_RUN = struct.Struct("<IIIhh")  # length, held, pressed, pointer x, pointer y
_CHECKPOINT_TICK = struct.Struct("<I")
_SPLIT_TIMES = struct.Struct("<II")  # tick, game ticks
_FIXED_HEAD = struct.Struct("<8sHHIQ32s")  # magic, version, flags, digest interval, seed, content hash


class ReplayError(Exception):
    """A replay file that cannot be used, with a message that says why."""


@dataclass(frozen=True)
class InputRun:
    """``length`` consecutive ticks with the same frame."""

    length: int
    held: int
    pressed: int
    pointer: tuple[int, int]

    def frame(self) -> ActionFrame:
        return ActionFrame(self.held, self.pressed, self.pointer)


@dataclass(frozen=True)
class Split:
    name: str
    tick: int
    game_ticks: int


@dataclass(frozen=True)
class ReplayHeader:
    game_version: str
    content_hash: bytes  # 32 bytes, see game.replay.content
    seed: int
    settings: dict[str, Any]  # the simulation settings (and assist flags) the run was made with
    start_json: str  # StartPoint.to_json()
    category: str
    practice: bool = False
    assisted: bool = False
    digest_interval: int = 60
    #: dialogue line ids seen in earlier playthroughs when the run began (skip-seen depends on them)
    seen_lines: tuple[str, ...] = ()
    #: the save a run continued from, as canonical JSON (``game.saves.format.canonical``), or "" for a run
    #: that began from nothing; its BLAKE2b-256 hash is stored beside it and checked when reading
    save_json: str = ""

    @property
    def save_hash(self) -> str:
        return save_hash(self.save_json) if self.save_json else ""


def save_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=32).hexdigest()


@dataclass(frozen=True)
class ReplayResult:
    outcome: str  # "finished" | "quit" | "ended" | "stopped" | "restarted"
    ticks: int  # simulated ticks recorded
    game_ticks: int  # in-game time at the end (or at the finishing split)
    splits: tuple[Split, ...] = ()


@dataclass(frozen=True)
class Replay:
    header: ReplayHeader
    runs: tuple[InputRun, ...]
    checkpoints: tuple[tuple[int, bytes], ...]  # (tick, digest) in increasing tick order
    result: ReplayResult
    checksum: bytes = field(default=b"", compare=False)

    @property
    def ticks(self) -> int:
        return self.result.ticks

    def frames(self) -> Iterator[ActionFrame]:
        """Every tick's frame, in order, expanded lazily from the runs."""
        for run in self.runs:
            frame = run.frame()
            for _ in range(run.length):
                yield frame

    def frame_at(self, tick: int) -> ActionFrame | None:
        """The frame of tick ``tick`` (1-based, like ``Run.tick`` after the step), or None."""
        if tick < 1:
            return None
        seen = 0
        for run in self.runs:
            seen += run.length
            if tick <= seen:
                return run.frame()
        return None


# writing -----------------------------------------------------------------------------------------

def _text(value: str, limit_key: str, length_format: str) -> bytes:
    data = value.encode("utf-8")
    if len(data) > MAX_TEXT[limit_key]:
        raise ReplayError(f"{limit_key} is too long to store ({len(data)} bytes)")
    return struct.pack(length_format, len(data)) + data


def encode(replay: Replay) -> bytes:
    """The file bytes of ``replay``, checksum included; ``ReplayError`` if a value cannot be stored."""
    try:
        return _encode(replay)
    except (struct.error, OverflowError, TypeError, ValueError) as exc:
        raise ReplayError(f"a value of the replay cannot be stored ({exc})") from None


def _encode(replay: Replay) -> bytes:
    h, r = replay.header, replay.result
    if len(h.content_hash) != 32:
        raise ReplayError("the content hash must be 32 bytes")
    if not 1 <= h.digest_interval <= MAX_DIGEST_INTERVAL:
        raise ReplayError("the digest interval is out of range")
    if not 0 <= h.seed < 2**64:
        raise ReplayError("the seed is out of range")
    total = sum(run.length for run in replay.runs)
    if total != r.ticks or r.ticks > MAX_TICKS:
        raise ReplayError(f"the inputs cover {total} ticks but the result says {r.ticks}")
    flags = (FLAG_PRACTICE if h.practice else 0) | (FLAG_ASSISTED if h.assisted else 0)
    out = bytearray(_FIXED_HEAD.pack(MAGIC, FORMAT_VERSION, flags, h.digest_interval, h.seed, h.content_hash))
    out += _text(h.game_version, "game_version", "<H")
    out += _text(h.category, "category", "<H")
    out += _text(h.start_json, "start", "<I")
    out += _text(json.dumps(h.settings, sort_keys=True, separators=(",", ":")), "settings", "<I")
    out += _text(json.dumps(sorted(h.seen_lines), separators=(",", ":")), "seen", "<I")
    out += _text(h.save_json, "save", "<I")
    if h.save_json:
        out += bytes.fromhex(h.save_hash)
    out += struct.pack("<II", r.ticks, len(replay.runs))
    for run in replay.runs:
        x, y = run.pointer
        if run.length < 1 or not (0 <= run.held < 2**32 and 0 <= run.pressed < 2**32):
            raise ReplayError("an input run is malformed")
        if not (-32768 <= x <= 32767 and -32768 <= y <= 32767):
            raise ReplayError(f"pointer {run.pointer} is outside what a replay can store")
        out += _RUN.pack(run.length, run.held, run.pressed, x, y)
    out += struct.pack("<I", len(replay.checkpoints))
    for tick, digest in replay.checkpoints:
        if len(digest) != DIGEST_SIZE:
            raise ReplayError("a state digest must be 16 bytes")
        out += _CHECKPOINT_TICK.pack(tick) + digest
    out += _text(r.outcome, "outcome", "<B")
    out += struct.pack("<I", r.game_ticks)
    if len(r.splits) > MAX_SPLITS:
        raise ReplayError("too many splits")
    out += struct.pack("<H", len(r.splits))
    for split in r.splits:
        out += _text(split.name, "split", "<B") + _SPLIT_TIMES.pack(split.tick, split.game_ticks)
    out += hashlib.blake2b(bytes(out), digest_size=CHECKSUM_SIZE).digest()
    return bytes(out)


# reading -----------------------------------------------------------------------------------------

class _Reader:
    def __init__(self, data: bytes, end: int) -> None:
        self.data = data
        self.pos = 0
        self.end = end

    @property
    def remaining(self) -> int:
        return self.end - self.pos

    def take(self, n: int, what: str) -> bytes:
        if n < 0 or n > self.remaining:
            raise ReplayError(f"the file ends inside the {what} (it is truncated or damaged)")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: struct.Struct | str, what: str) -> tuple:
        s = fmt if isinstance(fmt, struct.Struct) else struct.Struct(fmt)
        return s.unpack(self.take(s.size, what))

    def text(self, length_format: str, limit_key: str) -> str:
        (n,) = self.unpack(length_format, limit_key)
        if n > MAX_TEXT[limit_key]:
            raise ReplayError(f"the {limit_key} field claims {n} bytes, more than the {MAX_TEXT[limit_key]} allowed")
        raw = self.take(n, limit_key)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise ReplayError(f"the {limit_key} field is not valid text") from None


def decode(data: bytes) -> Replay:
    """Parse replay bytes; raises ``ReplayError`` for anything wrong, never another exception."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ReplayError("a replay is read from bytes")
    data = bytes(data)
    if len(data) == 0:
        raise ReplayError("the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ReplayError(f"the file is {len(data)} bytes, larger than any replay can be ({MAX_FILE_BYTES})")
    if not data[:len(MAGIC)] == MAGIC[:len(data)]:
        raise ReplayError("this is not a NeoSmiles replay (.nsreplay) file")
    if len(data) < _FIXED_HEAD.size + CHECKSUM_SIZE:
        raise ReplayError("the file is truncated (too short to be a replay)")
    (version,) = struct.unpack_from("<H", data, len(MAGIC))
    if version not in READ_VERSIONS:
        raise ReplayError(f"replay format version {version} is not supported (this game reads versions "
                          f"{', '.join(map(str, READ_VERSIONS))})")
    body_end = len(data) - CHECKSUM_SIZE
    expected = hashlib.blake2b(data[:body_end], digest_size=CHECKSUM_SIZE).digest()
    if expected != data[body_end:]:
        raise ReplayError("the checksum does not match: the file is damaged or was edited")
    reader = _Reader(data, body_end)
    _magic, _version, flags, interval, seed, content_hash = reader.unpack(_FIXED_HEAD, "header")
    if flags & ~KNOWN_FLAGS:
        raise ReplayError(f"unknown header flags {flags:#x}")
    if not 1 <= interval <= MAX_DIGEST_INTERVAL:
        raise ReplayError(f"the digest interval {interval} is out of range")
    game_version = reader.text("<H", "game_version")
    category = reader.text("<H", "category")
    start_json = reader.text("<I", "start")
    _check_start(start_json)
    settings_text = reader.text("<I", "settings")
    try:
        settings = json.loads(settings_text)
    except (ValueError, RecursionError):
        raise ReplayError("the settings field is not valid JSON") from None
    if not isinstance(settings, dict):
        raise ReplayError("the settings field is not a JSON object")
    seen_text = reader.text("<I", "seen")
    try:
        seen = json.loads(seen_text)
    except (ValueError, RecursionError):
        raise ReplayError("the seen-lines field is not valid JSON") from None
    if not isinstance(seen, list) or not all(isinstance(item, str) for item in seen):
        raise ReplayError("the seen-lines field is not a list of line ids")
    save_json = ""
    if version >= 2:
        save_json = reader.text("<I", "save")
        if save_json and reader.take(32, "save hash").hex() != save_hash(save_json):
            raise ReplayError("the save the run started from does not match its hash")
    header = ReplayHeader(game_version=game_version, content_hash=content_hash, seed=seed, settings=settings,
                          start_json=start_json, category=category, practice=bool(flags & FLAG_PRACTICE),
                          assisted=bool(flags & FLAG_ASSISTED), digest_interval=interval,
                          seen_lines=tuple(seen), save_json=save_json)

    ticks, run_count = reader.unpack("<II", "input header")
    if ticks > MAX_TICKS:
        raise ReplayError(f"the run is {ticks} ticks long, more than the {MAX_TICKS} a replay may hold")
    if run_count > ticks or run_count * _RUN.size > reader.remaining:
        raise ReplayError(f"the file claims {run_count} input runs, more than it holds")
    runs = []
    covered = 0
    for _ in range(run_count):
        length, held, pressed, x, y = reader.unpack(_RUN, "inputs")
        if length < 1:
            raise ReplayError("an input run has zero length")
        covered += length
        if covered > ticks:
            raise ReplayError("the inputs cover more ticks than the run has")
        runs.append(InputRun(length, held, pressed, (x, y)))
    if covered != ticks:
        raise ReplayError(f"the inputs cover {covered} ticks but the run has {ticks}")

    (count,) = reader.unpack("<I", "digest count")
    if count * (_CHECKPOINT_TICK.size + DIGEST_SIZE) > reader.remaining:
        raise ReplayError(f"the file claims {count} state digests, more than it holds")
    checkpoints = []
    last = 0
    for _ in range(count):
        (tick,) = reader.unpack(_CHECKPOINT_TICK, "state digests")
        digest = reader.take(DIGEST_SIZE, "state digests")
        if tick <= last or tick > ticks:
            raise ReplayError(f"a state digest is at tick {tick}, out of order or past the end")
        last = tick
        checkpoints.append((tick, digest))
    if ticks and last != ticks:
        raise ReplayError("the final state digest is missing")

    outcome = reader.text("<B", "outcome")
    (game_ticks,) = reader.unpack("<I", "result")
    if game_ticks > ticks:
        raise ReplayError("the in-game time is longer than the run")
    (split_count,) = reader.unpack("<H", "split count")
    if split_count > MAX_SPLITS:
        raise ReplayError(f"the file claims {split_count} splits, more than the {MAX_SPLITS} allowed")
    splits = []
    for _ in range(split_count):
        name = reader.text("<B", "split")
        tick, split_game = reader.unpack(_SPLIT_TIMES, "splits")
        if tick > ticks or split_game > tick:
            raise ReplayError(f"split {name!r} is past the end of the run")
        splits.append(Split(name, tick, split_game))
    if reader.remaining:
        raise ReplayError(f"{reader.remaining} unexpected bytes follow the result")
    result = ReplayResult(outcome=outcome, ticks=ticks, game_ticks=game_ticks, splits=tuple(splits))
    return Replay(header=header, runs=tuple(runs), checkpoints=tuple(checkpoints), result=result,
                  checksum=data[body_end:])


def _check_start(text: str) -> None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise ReplayError("the start point is not valid JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise ReplayError("the start point has no name")
    params = data.get("params", {})
    if not isinstance(params, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in params.items()):
        raise ReplayError("the start point's parameters must be text")


def read_file(path) -> Replay:
    """Read and parse a replay file, with the size capped before the bytes are loaded."""
    from pathlib import Path

    from game.core.files import ReadError, read_bytes

    path = Path(path)
    try:  # a regular file only (a FIFO would hang, a device never end), capped before it is read
        data = read_bytes(path, MAX_FILE_BYTES)
    except ReadError as exc:
        if exc.kind == "missing":
            raise ReplayError("no such file") from None
        if exc.kind == "too-large":
            raise ReplayError(f"the file is larger than any replay can be ({MAX_FILE_BYTES} bytes)") from None
        raise ReplayError(exc.message) from None
    return decode(data)


def runs_from_frames(frames) -> list[InputRun]:
    """Run-length encode a sequence of frames (used by tests and tools)."""
    runs: list[InputRun] = []
    for frame in frames:
        key = (frame.held, frame.pressed, tuple(frame.pointer))
        if runs and (runs[-1].held, runs[-1].pressed, runs[-1].pointer) == key:
            last = runs[-1]
            runs[-1] = InputRun(last.length + 1, last.held, last.pressed, last.pointer)
        else:
            runs.append(InputRun(1, *key))
    return runs
