"""The .nsreplay format: exact round trips, and defensive reading of damaged or hostile files."""

from __future__ import annotations

import hashlib
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core.actions import ActionFrame
from game.replay import format as fmt
from game.replay.format import (
    Replay,
    ReplayError,
    ReplayHeader,
    ReplayResult,
    Split,
    decode,
    encode,
    read_file,
    runs_from_frames,
)


def sample_replay(ticks: int = 150) -> Replay:
    frames = [ActionFrame((i // 7) % 3, 1 if i % 7 == 0 else 0, (i % 13, 200 - i % 5)) for i in range(ticks)]
    header = ReplayHeader(game_version="0.1.0", content_hash=bytes(range(32)), seed=123456789,
                          settings={"text_speed": 45, "auto_advance": False, "speedrun_mode": True},
                          start_json='{"name": "test-dot", "params": {"chapter": "1"}}', category="test-dot chapter=1",
                          practice=True, assisted=False, digest_interval=60)
    checkpoints = tuple((t, hashlib.blake2b(str(t).encode(), digest_size=16).digest())
                        for t in [*range(60, ticks + 1, 60), ticks] if t)
    checkpoints = tuple(dict(checkpoints).items())
    splits = (Split("dot:1", 30, 25), Split("chapter-1", ticks, ticks - 10)) if ticks > 30 else ()
    result = ReplayResult("finished", ticks, max(0, ticks - 10), splits)
    return Replay(header, tuple(runs_from_frames(frames)), checkpoints, result)


SAMPLE = encode(sample_replay())


def test_a_replay_survives_encoding_exactly():
    replay = sample_replay()
    back = decode(encode(replay))
    assert back == replay
    assert list(back.frames()) == list(replay.frames())
    assert back.frame_at(8) == list(replay.frames())[7]


def test_inputs_are_run_length_encoded():
    frames = [ActionFrame()] * 1000 + [ActionFrame(1, 1, (3, 4))] + [ActionFrame(1, 0, (3, 4))] * 500
    runs = runs_from_frames(frames)
    assert [r.length for r in runs] == [1000, 1, 500]


def test_empty_file_is_refused():
    with pytest.raises(ReplayError, match="empty"):
        decode(b"")


def test_another_kind_of_file_is_refused():
    with pytest.raises(ReplayError, match="not a NeoSmiles replay"):
        decode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


def test_a_changed_byte_fails_the_checksum():
    data = bytearray(SAMPLE)
    data[200] ^= 0x01
    with pytest.raises(ReplayError, match="checksum"):
        decode(bytes(data))


def test_a_newer_format_version_is_refused_with_its_number():
    data = bytearray(SAMPLE)
    data[8:10] = struct.pack("<H", 99)
    with pytest.raises(ReplayError, match="version 99"):
        decode(bytes(data))


def _resealed(body: bytes) -> bytes:
    return body + hashlib.blake2b(body, digest_size=32).digest()


def test_a_hostile_run_count_allocates_nothing():
    # a valid checksum over a header that claims four billion input runs
    replay = sample_replay(0)
    body = encode(replay)[:-32]
    at = body.rindex(struct.pack("<II", 0, 0))
    hostile = body[:at] + struct.pack("<II", 0xFFFFFFFF, 0xFFFFFFFF) + body[at + 8:]
    with pytest.raises(ReplayError, match="ticks long|input runs"):
        decode(_resealed(hostile))


def test_a_hostile_text_length_is_refused():
    head = fmt._FIXED_HEAD.pack(fmt.MAGIC, fmt.FORMAT_VERSION, 0, 60, 1, bytes(32))
    with pytest.raises(ReplayError, match="claims"):
        decode(_resealed(head + struct.pack("<H", 60000) + b"x" * 10))


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.nsreplay"
    with big.open("wb") as handle:
        handle.truncate(fmt.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ReplayError, match="larger than any replay"):
        read_file(big)


def test_missing_file_and_folder_are_clear_errors(tmp_path):
    with pytest.raises(ReplayError, match="no such file"):
        read_file(tmp_path / "nope.nsreplay")
    with pytest.raises(ReplayError, match="folder"):
        read_file(tmp_path)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.integers(min_value=0, max_value=len(SAMPLE) - 1))
def test_every_truncation_is_refused(cut):
    with pytest.raises(ReplayError):
        decode(SAMPLE[:cut])


@FUZZ
@given(st.integers(min_value=0, max_value=len(SAMPLE) * 8 - 1))
def test_every_bit_flip_is_refused(bit):
    data = bytearray(SAMPLE)
    data[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(ReplayError):
        decode(bytes(data))


@FUZZ
@given(st.binary(max_size=2048))
def test_garbage_is_refused(data):
    with pytest.raises(ReplayError):
        decode(data)


@FUZZ
@given(st.binary(min_size=0, max_size=400))
def test_garbage_with_a_valid_checksum_is_refused_or_parsed_never_crashes(tail):
    # the checksum cannot protect against a deliberately crafted file: the parser itself must hold
    head = fmt._FIXED_HEAD.pack(fmt.MAGIC, fmt.FORMAT_VERSION, 0, 60, 1, bytes(32))
    try:
        decode(_resealed(head + tail))
    except ReplayError:
        pass


@FUZZ
@given(st.integers(min_value=len(fmt.MAGIC) + 2, max_value=len(SAMPLE) - 33), st.binary(min_size=1, max_size=8))
def test_resealed_corruption_is_refused_or_parsed_never_crashes(at, junk):
    body = bytearray(SAMPLE[:-32])
    body[at:at + len(junk)] = junk
    try:
        decode(_resealed(bytes(body)))
    except ReplayError:
        pass


def test_deeply_nested_json_is_refused_not_a_crash():
    from dataclasses import replace

    replay = sample_replay(10)
    nested = replace(replay, header=replace(replay.header, settings={}))
    body = encode(nested)[:-32]
    at = body.index(b"{}", 56)
    deep = b"[" * 8000 + b"]" * 8000
    hostile = body[:at - 4] + struct.pack("<I", len(deep)) + deep + body[at + 2:]
    with pytest.raises(ReplayError, match="settings"):
        decode(_resealed(hostile))


def test_the_replay_package_never_imports_pygame():
    import subprocess
    import sys

    code = ("import sys; import game.replay.format, game.replay.recorder, game.replay.splits, "
            "game.replay.livesplit, game.replay.pb, game.replay.content, game.replay.categories; "
            "print('pygame' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
