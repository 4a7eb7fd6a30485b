"""Reading and writing the game's files safely.

Every file the game reads (content under ``levels/`` and ``dialogue/``, settings, saves, replays, personal
bests) is untrusted and goes through ``read_bytes`` or ``read_text``: only a regular file is read (never a
FIFO, which would hang, nor a device such as ``/dev/zero``, which never ends), it must be under a size
limit, and text must be UTF-8. Anything else raises ``ReadError`` with the path, a line (0 when the whole
file is at fault) and a sentence saying what is wrong; each loader turns it into its own error.

Every file the game writes for the player (settings, saves, replays, personal bests) goes through
``write_atomic``: the bytes go to a temporary file in the same folder, are flushed to disk, and only
then replace the old file in one rename. A crash or power cut leaves either the old or the new file,
never half of one.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

MiB = 1024 * 1024
CONTENT_LIMIT = 8 * MiB  # the largest map, tileset, dialogue or encounter file read
USER_LIMIT = 4 * MiB  # the largest settings, splits or seen-lines file read


class ReadError(Exception):
    """A file that cannot be read; ``str()`` is ``path:line: message`` (line 0: the whole file).

    ``kind`` says why, for callers that treat the cases differently (settings set a damaged file aside
    but leave a FIFO alone): ``missing``, ``special`` (a folder, FIFO, device or socket), ``too-large``,
    ``not-utf8``, ``damaged`` (not valid JSON, for ``read_json``) or ``unreadable`` (permissions, link
    loops, I/O errors).
    """

    def __init__(self, path: Path | str, line: int, message: str, kind: str = "unreadable") -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message
        self.kind = kind


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _size_text(size: int) -> str:
    return f"{size / MiB:.1f} MiB" if size >= MiB else f"{size} bytes"


def is_file(path: Path | str) -> bool:
    """Whether ``path`` is a regular file (links followed); False, never an exception, for a name too long,
    a link loop, a NUL in the name or anything else the system refuses. For names that come from files."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def exists(path: Path | str) -> bool:
    """Whether anything is at ``path``; False, never an exception, when the system refuses the name."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def resolved(path: Path | str) -> Path:
    """``path`` made absolute with its links followed; a link loop (which ``Path.resolve`` raises for)
    gives the absolute path unresolved, so reading it then reports the loop."""
    path = Path(path)
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path.absolute()


def read_bytes(path: Path | str, limit: int = CONTENT_LIMIT) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ``ReadError`` saying why not.

    The path is checked with ``stat`` before it is opened (so a FIFO is never opened) and the open file
    again with ``fstat`` (so a file swapped in between is caught too); the file is opened non-blocking,
    and never more than ``limit`` + 1 bytes are read even if it grows meanwhile.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError as exc:
        raise ReadError(path, 0, f"cannot read the file ({_reason(exc)})", "missing") from None
    except OSError as exc:
        raise ReadError(path, 0, f"cannot read the file ({_reason(exc)})") from None
    except ValueError as exc:  # an embedded NUL in the name
        raise ReadError(path, 0, f"cannot read the file ({exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(path, 0, f"cannot read the file: it is {_kind(info.st_mode)}, not a regular file",
                        "special")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(path, 0, f"cannot read the file ({_reason(exc)})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(path, 0, f"cannot read the file: it is {_kind(info.st_mode)}, not a regular file",
                        "special")
        if info.st_size > limit:
            raise ReadError(path, 0, f"the file is too large ({_size_text(info.st_size)}; "
                                     f"at most {_size_text(limit)} is read)", "too-large")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, MiB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise ReadError(path, 0, f"cannot read the file ({_reason(exc)})") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise ReadError(path, 0, f"the file is too large (more than {_size_text(limit)})", "too-large")
    return data


def decode_text(data: bytes, path: Path | str) -> str:
    """UTF-8 bytes as text (a leading byte-order mark is dropped), or ``ReadError`` naming the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(path, line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be "
                                    f"read); save it as UTF-8", "not-utf8") from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: Path | str, limit: int = CONTENT_LIMIT) -> str:
    """A regular UTF-8 text file of at most ``limit`` bytes, or ``ReadError`` saying why not."""
    return decode_text(read_bytes(path, limit), path)


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


def printable(text: str, limit: int = 200) -> str:
    """Text from a file, safe to print: control characters (terminal escape sequences among them) are
    shown escaped, and very long text is cut."""
    out = []
    for ch in str(text)[:limit]:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029\u202e\u2066\u2067\u2068\u2069\u202a\u202b\u202d":
            out.append(repr(ch)[1:-1] if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    if len(str(text)) > limit:
        out.append("...")
    return "".join(out)


def _json_constant(name: str):
    raise ValueError(f"{name} is not a finite number")


def json_depth(value) -> int:
    """How deeply lists and objects nest in parsed JSON (counted without recursion)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if depth <= 64:
                todo.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_json(path: Path | str, limit: int = USER_LIMIT, max_depth: int = 16):
    """A user's JSON file (settings, splits, seen lines), read through ``read_text``.

    ``ReadError`` with kind ``damaged`` for text that is not JSON, nests deeper than ``max_depth`` (too
    deep for the decoder is caught too) or holds NaN or Infinity.
    """
    text = read_text(path, limit)
    try:
        data = json.loads(text, parse_constant=_json_constant)
    except RecursionError:
        raise ReadError(path, 0, "the file is damaged (nested too deeply)", "damaged") from None
    except ValueError as exc:
        line = getattr(exc, "lineno", 0)
        raise ReadError(path, line, f"the file is damaged ({getattr(exc, 'msg', exc)})", "damaged") from None
    if json_depth(data) > max_depth:
        raise ReadError(path, 0, f"the file is damaged (nested more than {max_depth} levels deep)", "damaged")
    return data
