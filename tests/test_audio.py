"""The generated sound assets and the quiet-failing Audio service."""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.app.audio import Audio  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
RATE = 22050

SOUND_EFFECTS = [
    "ui_move", "ui_confirm", "ui_cancel", "ui_error", "door", "step",
    "blip_lena", "blip_malik", "blip_jenna", "blip_simon", "blip_spectra", "blip_inspector", "blip_voice",
    "swarm_recall", "decay_break", "pain", "alarm", "spectra_pass", "spectra_fail", "glitch", "clock_tick",
    "win", "lose",
]
BLIPS = [name for name in SOUND_EFFECTS if name.startswith("blip_")]
MUSIC = ["clinic", "street", "debate", "swarm", "spectra", "title"]


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_audio_under_test", ROOT / "tools" / "make_audio.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return _load_generator()


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
        assert wav.getframerate() == RATE
        assert wav.getcomptype() == "NONE"
        frames = wav.readframes(wav.getnframes())
    return np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x**2)))


# -- the files ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SOUND_EFFECTS)
def test_sound_effect_file(name):
    x = read_wav(ASSETS / "sounds" / f"{name}.wav")
    assert 0 < len(x) < RATE * 0.5, "effects are shorter than half a second"
    peak = float(np.max(np.abs(x)))
    assert peak > 0.05, "audible"
    assert peak < 0.95, "no clipping"
    assert _rms(x) > 0.01
    # starts and ends near silence: no click
    assert abs(x[0]) < 0.05 and abs(x[-1]) < 0.05


@pytest.mark.parametrize("name", BLIPS)
def test_dialogue_blips_are_very_short(name):
    x = read_wav(ASSETS / "sounds" / f"{name}.wav")
    assert len(x) <= RATE * 0.06


def _dominant_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)), n=8192))
    freqs = np.fft.rfftfreq(8192, 1 / RATE)
    return float(freqs[np.argmax(spectrum)])


def test_each_speaker_blip_is_distinct():
    signals = {name: read_wav(ASSETS / "sounds" / f"{name}.wav") for name in BLIPS}
    pitches = {name: _dominant_hz(x) for name, x in signals.items()}
    ordered = sorted(pitches.values())
    # every speaker is at least a semitone away from the next one
    for low, high in zip(ordered, ordered[1:], strict=False):
        assert high / low > 2 ** (1 / 12), pitches


def test_step_is_very_soft():
    step = read_wav(ASSETS / "sounds" / "step.wav")
    confirm = read_wav(ASSETS / "sounds" / "ui_confirm.wav")
    assert np.max(np.abs(step)) < 0.5 * np.max(np.abs(confirm))


@pytest.mark.parametrize("name", MUSIC)
def test_music_loop_file(name):
    x = read_wav(ASSETS / "music" / f"{name}.wav")
    seconds = len(x) / RATE
    assert 16.0 <= seconds <= 24.0
    peak = float(np.max(np.abs(x)))
    assert 0.3 < peak < 0.95, "loud enough and never clipping"
    assert 0.08 < _rms(x) < 0.3
    assert abs(float(np.mean(x))) < 0.01, "no DC offset"
    # no silent stretch longer than a beat
    window = RATE // 4
    quiet = [_rms(x[i: i + window]) < 0.005 for i in range(0, len(x) - window, window)]
    assert not any(quiet)


@pytest.mark.parametrize("name", MUSIC)
def test_music_loops_seamlessly(name):
    x = read_wav(ASSETS / "music" / f"{name}.wav")
    steps = np.abs(np.diff(x))
    # the jump from the last sample back to the first is no bigger than an ordinary step inside the loop
    assert abs(x[0] - x[-1]) <= np.percentile(steps, 99.5)
    # and the loop's energy just before the wrap matches just after it (no fade in or out at the seam)
    edge = RATE // 10
    head, tail = _rms(x[:edge]), _rms(x[-edge:])
    assert head > 0.02 and tail > 0.02
    assert 0.25 < head / tail < 4.0


@pytest.mark.parametrize("name", MUSIC)
def test_music_is_whole_bars(generator, name):
    track = next(t for t in generator.TRACKS if t.name == name)
    x = read_wav(ASSETS / "music" / f"{name}.wav")
    bar = RATE * 60 * 4 / track.bpm
    assert bar == int(bar), "a bar is a whole number of samples"
    assert len(x) == track.bars * int(bar)
    assert track.bars in (8, 12, 16)


def test_music_total_size_is_small():
    total = sum((ASSETS / "music" / f"{name}.wav").stat().st_size for name in MUSIC)
    assert total < 6 * 1024 * 1024


def test_every_loop_has_its_own_melody(generator):
    melodies = {t.name: tuple(n for _s, _l, n in generator.parse_melody(t.melody) if n is not None)
                for t in generator.TRACKS}
    assert sorted(melodies) == sorted(MUSIC)
    assert len(set(melodies.values())) == len(MUSIC)


def test_generator_is_deterministic(generator):
    a = generator.sfx_glitch()
    b = generator.sfx_glitch()
    assert np.array_equal(a, b)
    on_disk = read_wav(ASSETS / "sounds" / "decay_break.wav")
    fresh = np.frombuffer(generator.to_pcm16(generator.sfx_decay_break()), dtype="<i2") / 32768.0
    assert np.array_equal(on_disk, fresh)


def test_generator_import_does_no_work(generator):
    # importing defines the tables only; the note parser agrees with the written bar lengths
    for track in generator.TRACKS:
        total = sum(length for _start, length, _note in generator.parse_melody(track.melody))
        assert total == track.bars * 16


# -- the Audio service -----------------------------------------------------------------------------------


@pytest.fixture
def mixer_off():
    yield
    if pygame.mixer.get_init():
        pygame.mixer.quit()


def test_audio_plays_with_dummy_driver(monkeypatch, mixer_off, caplog):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    audio = Audio(1.0, 0.5, 0.8, ASSETS)
    with caplog.at_level(logging.WARNING):
        for name in SOUND_EFFECTS:
            audio.play_sfx(name)
        audio.play_music("clinic")
        audio.play_music("clinic")  # same loop again: keeps playing, no restart
        audio.set_volumes(0.5, 0.2, 1.5)
        audio.play_music("swarm", loop=False)
        audio.stop_music()
    assert audio.enabled
    assert not caplog.records
    assert (audio.master, audio.music, audio.sfx) == (0.5, 0.2, 1.0)


def test_audio_caches_sounds(monkeypatch, mixer_off):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    audio = Audio(1.0, 1.0, 1.0, ASSETS)
    loads = []
    real = pygame.mixer.Sound

    def counting(path):
        loads.append(path)
        return real(path)

    monkeypatch.setattr(pygame.mixer, "Sound", counting)
    for _ in range(5):
        audio.play_sfx("ui_move")
    assert len(loads) == 1


def test_audio_never_raises_on_missing_names(monkeypatch, mixer_off, caplog):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    audio = Audio(1.0, 1.0, 1.0, ASSETS)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            audio.play_sfx("no_such_sound")
            audio.play_music("no_such_track")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2, "one warning per missing name, not one per call"
    audio.play_sfx("ui_move")  # the rest still works
    assert audio.enabled


def test_audio_with_missing_assets_folder(monkeypatch, mixer_off, tmp_path):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    audio = Audio(1.0, 1.0, 1.0, tmp_path / "nowhere")
    audio.play_sfx("ui_move")
    audio.play_music("title")
    audio.stop_music()


def test_audio_with_corrupt_file(monkeypatch, mixer_off, tmp_path, caplog):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    (tmp_path / "sounds").mkdir()
    (tmp_path / "music").mkdir()
    (tmp_path / "sounds" / "bad.wav").write_bytes(b"not a wav at all")
    (tmp_path / "music" / "bad.wav").write_bytes(b"RIFF....nope")
    audio = Audio(1.0, 1.0, 1.0, tmp_path)
    with caplog.at_level(logging.WARNING):
        audio.play_sfx("bad")
        audio.play_sfx("bad")
        audio.play_music("bad")
        audio.play_music("bad")
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) <= 2


def test_audio_when_mixer_fails(monkeypatch, mixer_off, caplog):
    if pygame.mixer.get_init():
        pygame.mixer.quit()

    def broken(*_args, **_kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "init", broken)
    audio = Audio(1.0, 1.0, 1.0, ASSETS)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            audio.play_sfx("ui_move")
            audio.play_music("title")
            audio.set_volumes(0.3, 0.3, 0.3)
            audio.stop_music()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert not audio.enabled


def test_audio_is_lazy(monkeypatch, mixer_off):
    if pygame.mixer.get_init():
        pygame.mixer.quit()
    calls = []
    monkeypatch.setattr(pygame.mixer, "init", lambda *a, **k: calls.append(1))
    Audio(1.0, 1.0, 1.0, ASSETS).set_volumes(0.1, 0.1, 0.1)
    assert not calls, "building Audio or setting volumes does not start the mixer"
