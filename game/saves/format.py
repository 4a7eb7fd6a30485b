"""The save file: versioned JSON with a checksum, read as untrusted input. Pure Python, no pygame.

A save file is one JSON object::

    {"format": "neosmiles-save", "version": 1, "checksum": "<hex>", "body": {"meta": {...}, "state": {...}}}

``meta`` is what the Load screen shows (chapter, place, play time, the date it was saved: the date is for
the player only, nothing in the simulation reads it); ``state`` is what a run needs to go on exactly where it
was (``game.saves.snapshot``). ``checksum`` is a BLAKE2b hash of the body in canonical form (keys sorted,
no spaces), so a file changed by hand or damaged on disk is told apart from a sound one.

Reading never trusts the bytes: the size is capped before they are parsed, the nesting depth is checked
before ``json`` recurses, no pickle and no eval, and every problem is a ``SaveError`` with a reason a
player can read. A file from an older version is upgraded by ``game.saves.migrations``; one from a newer
version is refused (never "upgraded" down).
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

from game.saves.errors import SaveError
from game.saves.migrations import migrate

FORMAT_NAME = "neosmiles-save"
#: the version this game writes; older ones are migrated, newer ones refused. Version 1 was the layout before
#: the story layer; version 2 adds what it keeps (difficulty and ending, the map's staging, Lena's scripted
#: walk, the map scene's cued conversation and camera)
SAVE_VERSION = 2
DIFFICULTIES = ("story", "normal", "hard")
MAX_BYTES = 2 * 1024 * 1024  # a real save is a few tens of kilobytes
MAX_DEPTH = 24  # a real save nests 6 deep


# the one bounded JSON reader of this package ------------------------------------------------------

def parse_bounded_json(data: bytes, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse untrusted JSON bytes with the size and nesting capped before ``json`` sees them."""
    if len(data) > max_bytes:
        raise SaveError(f"the file is {len(data)} bytes, larger than a save can be ({max_bytes})", "oversized")
    if not data.strip():
        raise SaveError("the file is empty", "empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError("the file is not text (it is damaged)", "corrupt") from None
    depth = _nesting(text)
    if depth > max_depth:
        raise SaveError(f"the file nests {depth} levels deep, more than a save ever does ({max_depth})", "corrupt")
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or "Unterminated string" in exc.msg:
            raise SaveError("the file ends too early (it is truncated)", "truncated") from None
        raise SaveError(f"the file is not valid JSON (line {exc.lineno}: {exc.msg})", "corrupt") from None
    except (ValueError, RecursionError) as exc:
        raise SaveError(f"the file is not valid JSON ({exc})", "corrupt") from None


def _no_constant(name: str):
    raise ValueError(f"{name} is not allowed in a save")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number for a save")
    return value


def _nesting(text: str) -> int:
    """The deepest ``[``/``{`` nesting outside strings (scanned without recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


# writing and reading ------------------------------------------------------------------------------

def canonical(value: Any) -> bytes:
    """The canonical bytes of a JSON value: keys sorted, no spaces, ASCII only."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False).encode("ascii")


def checksum(body: dict) -> str:
    return hashlib.blake2b(canonical(body), digest_size=16).hexdigest()


def encode_save(body: dict) -> bytes:
    """The file bytes of a save whose body is ``body`` (at ``SAVE_VERSION``)."""
    check_body(body)
    document = {"format": FORMAT_NAME, "version": SAVE_VERSION, "checksum": checksum(body), "body": body}
    text = json.dumps(document, sort_keys=True, indent=1, ensure_ascii=True, allow_nan=False)
    data = (text + "\n").encode("ascii")
    if len(data) > MAX_BYTES:
        raise SaveError(f"the save would be {len(data)} bytes, more than {MAX_BYTES}", "oversized")
    return data


def decode_save(data: bytes) -> dict:
    """The body of a save file, upgraded to ``SAVE_VERSION``; ``SaveError`` for anything wrong."""
    document = parse_bounded_json(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise SaveError("this is not a NeoSmiles save file", "corrupt")
    version = document.get("version")
    if type(version) is not int or version < 0:
        raise SaveError("the save has no valid version number", "corrupt")
    if version > SAVE_VERSION:
        raise SaveError(f"the save was made by a newer NeoSmiles (save version {version}; this game reads up to "
                        f"{SAVE_VERSION})", "future")
    body = document.get("body")
    if not isinstance(body, dict):
        raise SaveError("the save has no body", "corrupt")
    if document.get("checksum") != checksum(body):
        raise SaveError("the checksum does not match: the file was edited or damaged", "edited")
    body = migrate(body, version, target=SAVE_VERSION)
    check_body(body)
    return body


# the body's shape ---------------------------------------------------------------------------------

def _require(condition: bool, what: str) -> None:
    if not condition:
        raise SaveError(f"the save's {what} is not valid", "invalid")


def _is_int(value: Any, lo: int = 0, hi: int = 2**63) -> bool:
    return type(value) is int and lo <= value < hi


def check_body(body: dict) -> None:
    """Check the shape of a body at ``SAVE_VERSION`` (types and ranges; the scenes check the rest)."""
    _require(isinstance(body, dict), "body")
    meta, state = body.get("meta"), body.get("state")
    _require(isinstance(meta, dict), "description")
    for key in ("slot", "place", "saved_at", "reason"):
        _require(isinstance(meta.get(key), str) and len(meta[key]) <= 200, f"description ({key})")
    _require(_is_int(meta.get("chapter"), 0, 1000), "chapter")
    _require(_is_int(meta.get("play_ticks")), "play time")
    _require(isinstance(state, dict), "state")
    run = state.get("run")
    _require(isinstance(run, dict), "run")
    _require(_is_int(run.get("seed"), 0, 2**64), "seed")
    _require(_is_int(run.get("tick")) and _is_int(run.get("game_ticks")) and run["game_ticks"] <= run["tick"],
             "tick counters")
    _require(isinstance(run.get("rng"), list) and len(run["rng"]) == 3, "random state")
    story = run.get("story")
    _require(isinstance(story, dict), "story state")
    _require(story.get("difficulty") in DIFFICULTIES and isinstance(story.get("ending"), str), "difficulty")
    seen = run.get("seen", [])
    _require(isinstance(seen, list) and all(isinstance(s, str) for s in seen), "seen lines")
    place = state.get("map")
    _require(isinstance(place, dict), "map state")
    _require(isinstance(place.get("stage"), dict) and isinstance(place.get("player_route"), list)
             and isinstance(place.get("scene"), dict), "map state")
    _require(state.get("dialogue") is None or isinstance(state["dialogue"], dict), "conversation state")


def state_hash(body: dict) -> str:
    """The hash that names a save's content (a run started from it records it in its replay)."""
    return hashlib.blake2b(canonical(body), digest_size=32).hexdigest()
