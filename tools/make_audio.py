"""Synthesise NeoSmiles' sound effects and music loops.

Run from the repository root::

    .venv/bin/python tools/make_audio.py

Everything is made from square/pulse and triangle waves, seeded noise and simple envelopes, and written
with the standard ``wave`` module as 16-bit mono WAV at 22050 Hz:

* ``assets/sounds/<name>.wav``: short effects (all under half a second), including one dialogue blip per
  speaker, each with its own pitch and timbre;
* ``assets/music/<name>.wav``: seamless chiptune loops (bass, lead, harmony, light drums), a whole number
  of bars long. Notes that ring past the end of the loop are folded back onto its start, so the last
  sample flows into the first.

The output is deterministic: noise comes from fixed seeds and there is no other randomness.
Importing this module does no work; ``main()`` writes the files and prints peak/RMS per file.
"""

from __future__ import annotations

import sys
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SR = 22050
STEPS_PER_BAR = 16  # the sequencer grid is sixteenth notes in 4/4
PEAK_LIMIT = 0.89  # about -1 dBFS: headroom so nothing clips
TARGET_RMS = 0.17  # loudness of every music loop

# ---------------------------------------------------------------------------------------------------------
# Pitch
# ---------------------------------------------------------------------------------------------------------

_SEMITONES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def midi(name: str) -> int:
    """MIDI number of a note name such as ``C4``, ``F#3`` or ``Bb5`` (C4 = 60)."""
    letter, rest = name[0].upper(), name[1:]
    shift = 0
    while rest and rest[0] in "#b":
        shift += 1 if rest[0] == "#" else -1
        rest = rest[1:]
    return 12 * (int(rest) + 1) + _SEMITONES[letter] + shift


def hz(note: str | int | float) -> float:
    """Frequency of a note name or MIDI number (A4 = 440 Hz)."""
    number = midi(note) if isinstance(note, str) else note
    return 440.0 * 2.0 ** ((number - 69) / 12.0)


# ---------------------------------------------------------------------------------------------------------
# Oscillators and envelopes
# ---------------------------------------------------------------------------------------------------------


Vibrato = tuple[float, float, float]


def _freq_curve(f0: float, n: int, f1: float | None = None, vibrato: Vibrato | None = None) -> np.ndarray:
    """Per-sample frequency: a glide from ``f0`` to ``f1`` (exponential) and optional delayed vibrato.

    ``vibrato`` is ``(rate_hz, depth_semitones, delay_seconds)``.
    """
    t = np.arange(n) / SR
    if f1 is None or n < 2:
        freq = np.full(n, float(f0))
    else:
        freq = f0 * (f1 / f0) ** (np.arange(n) / (n - 1))
    if vibrato is not None:
        rate, depth, delay = vibrato
        ramp = np.clip((t - delay) / 0.08, 0.0, 1.0)
        freq = freq * 2.0 ** (depth * ramp * np.sin(2 * np.pi * rate * t) / 12.0)
    return freq


def _poly_blep(t: np.ndarray, dt: np.ndarray) -> np.ndarray:
    """Band-limiting correction around a step at phase 0 (softens the aliasing of hard edges)."""
    out = np.zeros_like(t)
    low = t < dt
    x = t[low] / dt[low]
    out[low] = x + x - x * x - 1.0
    high = t > 1.0 - dt
    x = (t[high] - 1.0) / dt[high]
    out[high] = x * x + x + x + 1.0
    return out


def pulse(freq: np.ndarray, duty: float | np.ndarray = 0.5, phase0: float = 0.0) -> np.ndarray:
    """Pulse wave with the given duty cycle (0.5 = square), DC removed, amplitude about 1."""
    dt = np.clip(freq / SR, 1e-6, 0.45)
    phase = (phase0 + np.cumsum(dt) - dt[0]) % 1.0
    duty_arr = np.broadcast_to(np.asarray(duty, dtype=float), phase.shape)
    naive = np.where(phase < duty_arr, 1.0, -1.0)
    wave_ = naive + _poly_blep(phase, dt) - _poly_blep((phase - duty_arr) % 1.0, dt)
    return wave_ - (2.0 * duty_arr - 1.0)


def triangle(freq: np.ndarray, phase0: float = 0.0, steps: int = 0) -> np.ndarray:
    """Triangle wave; ``steps`` > 0 quantises it like an old console's 4-bit triangle."""
    dt = freq / SR
    phase = (phase0 + np.cumsum(dt) - dt[0]) % 1.0
    out = 1.0 - 4.0 * np.abs(phase - 0.5)
    if steps:
        out = np.round(out * steps / 2.0) / (steps / 2.0)
    return out


def sine(freq: np.ndarray) -> np.ndarray:
    dt = freq / SR
    return np.sin(2 * np.pi * (np.cumsum(dt) - dt[0]))


def noise(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1.0, 1.0, n)


def highpass(x: np.ndarray) -> np.ndarray:
    """First difference: a gentle high-pass that makes noise hiss rather than roar."""
    return np.diff(x, prepend=x[:1]) * 0.5


def lowpass(x: np.ndarray, width: int) -> np.ndarray:
    """Moving average over ``width`` samples: a cheap low-pass."""
    if width <= 1:
        return x
    kernel = np.ones(width) / width
    return np.convolve(x, kernel, mode="same")


def crush(x: np.ndarray, bits: int = 4, hold: int = 1) -> np.ndarray:
    """Bit-crush: sample-and-hold by ``hold`` samples and quantise to ``bits`` bits."""
    if hold > 1:
        x = np.repeat(x[::hold], hold)[: len(x)]
    levels = 2 ** (bits - 1)
    return np.round(x * levels) / levels


def adsr(gate: int, attack: float, decay: float, sustain: float, release: float) -> np.ndarray:
    """Envelope for a note held ``gate`` samples; the release tail follows (times in seconds)."""
    a = max(1, int(attack * SR))
    d = max(1, int(decay * SR))
    r = max(1, int(release * SR))
    env = np.empty(gate + r)
    t = np.arange(gate)
    held = np.where(
        t < a,
        t / a,
        sustain + (1.0 - sustain) * np.exp(-np.maximum(t - a, 0) / (d / 4.0)),
    )
    env[:gate] = held
    last = held[-1] if gate else 0.0
    env[gate:] = last * (1.0 - np.arange(r) / r) ** 2
    return env


def decay_env(n: int, seconds: float, attack: float = 0.002) -> np.ndarray:
    """Quick attack, exponential decay with time constant ``seconds``."""
    t = np.arange(n) / SR
    return np.minimum(t / attack, 1.0) * np.exp(-t / seconds)


def fade_edges(x: np.ndarray, fade_in: float = 0.001, fade_out: float = 0.004) -> np.ndarray:
    """Remove clicks at the very start and end of a one-shot effect."""
    x = x.copy()
    a = min(len(x), max(1, int(fade_in * SR)))
    b = min(len(x), max(1, int(fade_out * SR)))
    x[:a] *= np.linspace(0.0, 1.0, a)
    x[-b:] *= np.linspace(1.0, 0.0, b)
    return x


def secs(seconds: float) -> int:
    return int(round(seconds * SR))


def tone(
    note: str | float,
    seconds: float,
    *,
    wave_: str = "pulse",
    duty: float = 0.5,
    to: str | float | None = None,
    vibrato: tuple[float, float, float] | None = None,
    env: tuple[float, float, float, float] = (0.002, 0.05, 0.6, 0.03),
) -> np.ndarray:
    """One enveloped note; ``note``/``to`` are names or Hz. Length is ``seconds`` plus the release."""
    f0 = hz(note) if isinstance(note, str) else float(note)
    f1 = (hz(to) if isinstance(to, str) else float(to)) if to is not None else None
    envelope = adsr(secs(seconds), *env)
    freq = _freq_curve(f0, len(envelope), f1, vibrato)
    if wave_ == "triangle":
        osc = triangle(freq)
    elif wave_ == "sine":
        osc = sine(freq)
    else:
        osc = pulse(freq, duty)
    return osc * envelope


def mix(length: int, *parts: tuple[int, np.ndarray, float]) -> np.ndarray:
    """Sum ``(offset_samples, signal, gain)`` parts into a buffer ``length`` samples long."""
    out = np.zeros(length)
    for offset, signal, gain in parts:
        end = min(length, offset + len(signal))
        if end > offset:
            out[offset:end] += gain * signal[: end - offset]
    return out


def normalise(x: np.ndarray, peak: float) -> np.ndarray:
    top = float(np.max(np.abs(x))) or 1.0
    return x * (peak / top)


# ---------------------------------------------------------------------------------------------------------
# Sound effects
# ---------------------------------------------------------------------------------------------------------


def sfx_ui_move() -> np.ndarray:
    x = tone("E6", 0.012, duty=0.25, env=(0.001, 0.02, 0.3, 0.02))
    return normalise(fade_edges(x), 0.32)


def sfx_ui_confirm() -> np.ndarray:
    a = tone("C6", 0.045, duty=0.25, env=(0.001, 0.04, 0.5, 0.015))
    b = tone("G6", 0.07, duty=0.25, env=(0.001, 0.06, 0.5, 0.04))
    return normalise(fade_edges(mix(secs(0.17), (0, a, 1.0), (secs(0.05), b, 1.0))), 0.45)


def sfx_ui_cancel() -> np.ndarray:
    a = tone("E5", 0.045, duty=0.5, env=(0.001, 0.04, 0.5, 0.015))
    b = tone("A4", 0.07, duty=0.5, env=(0.001, 0.06, 0.4, 0.04))
    return normalise(fade_edges(mix(secs(0.17), (0, a, 1.0), (secs(0.05), b, 1.0))), 0.42)


def sfx_ui_error() -> np.ndarray:
    def buzz() -> np.ndarray:
        low = tone(110.0, 0.07, duty=0.5, env=(0.002, 0.05, 0.8, 0.015))
        rub = tone(116.5, 0.07, duty=0.25, env=(0.002, 0.05, 0.8, 0.015))
        return low + 0.7 * rub

    return normalise(fade_edges(mix(secs(0.2), (0, buzz(), 1.0), (secs(0.1), buzz(), 1.0))), 0.5)


def sfx_door() -> np.ndarray:
    n = secs(0.42)
    hiss = lowpass(noise(n, seed=11), 12)
    t = np.arange(n) / SR
    swell = np.sin(np.pi * np.clip(t / 0.34, 0, 1)) ** 2
    servo = pulse(_freq_curve(180.0, n, 420.0), 0.5) * swell * 0.12
    thunk = tone(95.0, 0.03, wave_="triangle", to=55.0, env=(0.001, 0.04, 0.2, 0.05))
    click = highpass(noise(secs(0.012), seed=12)) * decay_env(secs(0.012), 0.003)
    out = mix(n, (0, hiss * swell, 0.9), (0, servo, 1.0), (secs(0.33), thunk, 0.8), (secs(0.33), click, 0.6))
    return normalise(fade_edges(out), 0.45)


def sfx_step() -> np.ndarray:
    n = secs(0.06)
    scuff = lowpass(noise(n, seed=21), 5) * decay_env(n, 0.012)
    thump = tone(90.0, 0.015, wave_="triangle", to=60.0, env=(0.001, 0.02, 0.2, 0.02))
    return normalise(fade_edges(mix(n, (0, scuff, 1.0), (0, thump, 0.6))), 0.14)


def _blip(note: str, *, wave_: str = "pulse", duty: float = 0.5, to: str | None = None,
          seconds: float = 0.03, extra: np.ndarray | None = None, peak: float = 0.42) -> np.ndarray:
    x = tone(note, seconds, wave_=wave_, duty=duty, to=to, env=(0.002, 0.02, 0.45, 0.012))
    if extra is not None:
        x = x[: len(extra)] * extra[: len(x)]
    return normalise(fade_edges(x, 0.001, 0.006), peak)


def sfx_blip_lena() -> np.ndarray:
    return _blip("G5", duty=0.25)


def sfx_blip_malik() -> np.ndarray:
    base = _blip("D4", duty=0.5, seconds=0.034, peak=1.0)
    grit = tone(hz("D4") * 1.012, 0.034, duty=0.125, env=(0.002, 0.02, 0.45, 0.012))[: len(base)]
    return normalise(fade_edges(base + 0.5 * grit, 0.001, 0.006), 0.42)


def sfx_blip_jenna() -> np.ndarray:
    return _blip("D6", wave_="triangle", to="E6", seconds=0.026, peak=0.45)


def sfx_blip_simon() -> np.ndarray:
    return _blip("A3", wave_="triangle", to="G3", seconds=0.038, peak=0.5)


def sfx_blip_spectra() -> np.ndarray:
    n = secs(0.042)
    gate = (np.arange(n) // secs(1 / 120.0)) % 2 == 0  # a 60 Hz chop: robotic ring
    return _blip("G6", duty=0.125, seconds=0.03, extra=np.where(gate, 1.0, 0.35), peak=0.45)


def sfx_blip_inspector() -> np.ndarray:
    return _blip("F3", duty=0.5, to="E3", seconds=0.034, peak=0.4)


def sfx_blip_voice() -> np.ndarray:
    return _blip("C5", duty=0.5, seconds=0.028, peak=0.38)


def sfx_swarm_recall() -> np.ndarray:
    n = secs(0.45)
    t = np.arange(n) / SR
    freq = _freq_curve(180.0, n, 1400.0)
    duty = 0.1 + 0.35 * (0.5 + 0.5 * np.sin(2 * np.pi * 9.0 * t))  # pulse-width sweep: the "whoosh"
    env = np.minimum(t / 0.05, 1.0) * np.clip((0.45 - t) / 0.2, 0, 1)
    body = pulse(freq, duty) * env
    air = highpass(noise(n, seed=31)) * np.sin(np.pi * t / 0.45) ** 2
    sparkle = pulse(freq * 2.0, 0.125) * env * 0.25
    return normalise(fade_edges(body + 0.8 * air + sparkle), 0.5)


def sfx_decay_break() -> np.ndarray:
    n = secs(0.32)
    out = np.zeros(n)
    for index, (start, length, seed) in enumerate(((0.0, 0.07, 41), (0.06, 0.05, 42), (0.13, 0.12, 43))):
        m = secs(length)
        crack = crush(noise(m, seed), bits=3, hold=5 + 2 * index) * decay_env(m, length / 3)
        out[secs(start): secs(start) + m] += crack
    grind = tone(92.0, 0.18, duty=0.25, to=48.0, env=(0.001, 0.1, 0.4, 0.08))
    out = mix(n, (0, out, 0.8), (0, crush(grind, bits=4, hold=3), 0.6))
    return normalise(fade_edges(out), 0.55)


def sfx_pain() -> np.ndarray:
    vib = (11.0, 0.5, 0.0)
    a = tone("A3", 0.26, duty=0.5, to="A2", vibrato=vib, env=(0.004, 0.1, 0.7, 0.06))
    b = tone(hz("A3") * 1.06, 0.26, duty=0.25, to=hz("A2") * 1.06, vibrato=vib, env=(0.004, 0.1, 0.7, 0.06))
    return normalise(fade_edges(mix(secs(0.34), (0, a, 1.0), (0, b, 0.6))), 0.5)


def sfx_alarm() -> np.ndarray:
    parts = []
    for index in range(6):
        note = "A5" if index % 2 == 0 else "E5"
        parts.append((secs(0.075 * index), tone(note, 0.066, duty=0.5, env=(0.002, 0.03, 0.8, 0.006)), 1.0))
    return normalise(fade_edges(mix(secs(0.46), *parts)), 0.38)


def sfx_spectra_pass() -> np.ndarray:
    notes = ("C5", "E5", "G5", "C6")
    parts = [(secs(0.055 * i), tone(n, 0.05, duty=0.125, env=(0.001, 0.04, 0.5, 0.02)), 1.0)
             for i, n in enumerate(notes[:-1])]
    parts.append((secs(0.165), tone("C6", 0.16, duty=0.125, vibrato=(7.0, 0.25, 0.05),
                                    env=(0.001, 0.08, 0.6, 0.12)), 1.0))
    parts.append((secs(0.165), tone("E6", 0.16, duty=0.25, env=(0.001, 0.08, 0.4, 0.12)), 0.35))
    out = mix(secs(0.48), *parts)
    return normalise(fade_edges(out), 0.45)


def sfx_spectra_fail() -> np.ndarray:
    a = tone("F#4", 0.12, duty=0.25, env=(0.001, 0.05, 0.7, 0.02))
    b = tone("C4", 0.22, duty=0.25, to="A#3", env=(0.001, 0.1, 0.7, 0.08))
    low = tone("C3", 0.22, duty=0.5, to="A#2", env=(0.001, 0.1, 0.7, 0.08))
    out = mix(secs(0.46), (0, a, 1.0), (secs(0.13), b, 1.0), (secs(0.13), low, 0.5))
    out = crush(out, bits=4, hold=2)
    chunk = secs(0.02)  # stutter: repeat a slice of the first note
    out[secs(0.08): secs(0.08) + chunk] = out[secs(0.02): secs(0.02) + chunk]
    return normalise(fade_edges(out), 0.48)


def sfx_glitch() -> np.ndarray:
    rng = np.random.default_rng(51)
    chunk = secs(0.024)
    pieces = []
    for _ in range(8):
        kind = rng.integers(0, 3)
        if kind == 0:
            freq = np.full(chunk, float(rng.choice([220.0, 440.0, 660.0, 1320.0, 1760.0])))
            pieces.append(pulse(freq, float(rng.choice([0.125, 0.25, 0.5]))))
        elif kind == 1:
            seed, hold = int(rng.integers(0, 10_000)), int(rng.integers(2, 9))
            pieces.append(crush(noise(chunk, seed), bits=2, hold=hold))
        else:
            pieces.append(np.zeros(chunk))
    out = np.concatenate(pieces) * decay_env(chunk * 8, 0.12, attack=0.001)
    return normalise(fade_edges(out), 0.4)


def sfx_clock_tick() -> np.ndarray:
    n = secs(0.03)
    click = highpass(noise(n, seed=61)) * decay_env(n, 0.002, attack=0.0005)
    ping = tone(2000.0, 0.004, wave_="triangle", env=(0.0005, 0.006, 0.2, 0.008))
    return normalise(fade_edges(mix(n, (0, click, 0.8), (0, ping, 1.0)), 0.0005, 0.003), 0.32)


def sfx_win() -> np.ndarray:
    parts = [(secs(0.07 * i), tone(n, 0.06, duty=0.25, env=(0.001, 0.05, 0.6, 0.02)), 1.0)
             for i, n in enumerate(("C5", "E5", "G5"))]
    parts.append((secs(0.21), tone("C6", 0.19, duty=0.25, vibrato=(6.5, 0.3, 0.06),
                                   env=(0.001, 0.1, 0.7, 0.06)), 1.0))
    parts.append((secs(0.21), tone("G5", 0.19, duty=0.5, env=(0.001, 0.1, 0.5, 0.06)), 0.35))
    parts.append((0, tone("C4", 0.4, wave_="triangle", env=(0.002, 0.2, 0.6, 0.06)), 0.8))
    return normalise(fade_edges(mix(secs(0.48), *parts)), 0.5)


def sfx_lose() -> np.ndarray:
    parts = [(secs(0.09 * i), tone(n, 0.08, duty=0.5, env=(0.002, 0.06, 0.6, 0.02)), 1.0)
             for i, n in enumerate(("G4", "F#4", "F4"))]
    parts.append((secs(0.27), tone("E4", 0.14, duty=0.5, to="C#4", vibrato=(6.0, 0.4, 0.02),
                                   env=(0.002, 0.1, 0.7, 0.06)), 1.0))
    parts.append((0, tone("C3", 0.4, wave_="triangle", to="A2", env=(0.002, 0.2, 0.6, 0.06)), 0.7))
    return normalise(fade_edges(mix(secs(0.48), *parts)), 0.48)


SOUND_EFFECTS = {
    "ui_move": sfx_ui_move,
    "ui_confirm": sfx_ui_confirm,
    "ui_cancel": sfx_ui_cancel,
    "ui_error": sfx_ui_error,
    "door": sfx_door,
    "step": sfx_step,
    "blip_lena": sfx_blip_lena,
    "blip_malik": sfx_blip_malik,
    "blip_jenna": sfx_blip_jenna,
    "blip_simon": sfx_blip_simon,
    "blip_spectra": sfx_blip_spectra,
    "blip_inspector": sfx_blip_inspector,
    "blip_voice": sfx_blip_voice,
    "swarm_recall": sfx_swarm_recall,
    "decay_break": sfx_decay_break,
    "pain": sfx_pain,
    "alarm": sfx_alarm,
    "spectra_pass": sfx_spectra_pass,
    "spectra_fail": sfx_spectra_fail,
    "glitch": sfx_glitch,
    "clock_tick": sfx_clock_tick,
    "win": sfx_win,
    "lose": sfx_lose,
}

# ---------------------------------------------------------------------------------------------------------
# Music: a tiny sixteenth-note sequencer
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Voice:
    """How one part sounds."""

    wave: str = "pulse"  # "pulse" or "triangle"
    duty: float = 0.5
    gain: float = 0.3
    env: tuple[float, float, float, float] = (0.004, 0.08, 0.6, 0.04)
    gate: float = 0.85  # fraction of the written length that the note is held
    vibrato: tuple[float, float, float] | None = None
    echo: tuple[int, float] | None = None  # (delay in steps, feedback gain), wraps around the loop
    octave: int = 0  # transpose by whole octaves


@dataclass(frozen=True)
class Track:
    """A loop: tempo, chords (one per bar), a written melody and the styles of the other parts."""

    name: str
    bpm: int
    chords: tuple[str, ...]  # one chord per bar, e.g. "F3 A3 C4 E4" (lowest note is the root)
    melody: str  # "E5:4 _:2 ..." sixteenth-note lengths; "|" separates bars (for reading only)
    lead: Voice
    harmony: Voice
    harmony_style: str
    bass: Voice
    bass_style: str
    drums: dict[str, str]  # instrument -> 16-step pattern ("x" hit, "o" accented / open)
    drum_fills: dict[int, dict[str, str]] = field(default_factory=dict)  # bar -> overrides
    drum_gain: float = 1.0
    glitch: float = 0.0  # share of steps mangled after mixing (SPECTRA)
    seed: int = 0

    @property
    def bars(self) -> int:
        return len(self.chords)

    @property
    def step_samples(self) -> int:
        samples = SR * 15 / self.bpm
        if samples != int(samples):
            raise ValueError(f"{self.name}: {self.bpm} bpm does not give whole-sample sixteenths")
        return int(samples)

    @property
    def length(self) -> int:
        return self.bars * STEPS_PER_BAR * self.step_samples


def parse_melody(text: str) -> list[tuple[int, int, int | None]]:
    """``"E5:4 _:2"`` -> [(start_step, length_steps, midi or None)]."""
    events = []
    step = 0
    for token in text.replace("|", " ").split():
        note, _, length = token.partition(":")
        steps = int(length)
        events.append((step, steps, None if note == "_" else midi(note)))
        step += steps
    return events


def _chord_notes(chord: str) -> list[int]:
    return [midi(n) for n in chord.split()]


# Bass patterns: (step, length, semitones above the root) within one bar.
BASS_STYLES: dict[str, tuple[tuple[int, int, int], ...]] = {
    "half": ((0, 8, 0), (8, 6, 7), (14, 2, 12)),
    "walk": ((0, 4, 0), (4, 4, 7), (8, 4, 12), (12, 4, 7)),
    "octaves": tuple((2 * i, 2, 12 if i % 2 else 0) for i in range(8)),
    "pedal": tuple((2 * i, 2, 0) for i in range(8)),
    "drive": ((0, 2, 0), (2, 2, 0), (4, 2, 12), (6, 2, 0), (8, 2, 0), (10, 2, 12), (12, 2, 7), (14, 2, 12)),
    "syncopated": ((0, 3, 0), (3, 3, 0), (6, 2, 12), (8, 3, 0), (11, 3, 7), (14, 2, 12)),
}


def _harmony_events(style: str, chord: list[int]) -> list[tuple[int, int, int]]:
    """Accompaniment for one bar: (step, length, midi)."""
    top = chord + [chord[0] + 12]
    if style == "arp16":
        return [(s, 1, top[s % len(top)]) for s in range(16)]
    if style == "arp8":
        order = top + top[-2:0:-1]  # up and back down
        return [(2 * i, 2, order[i % len(order)]) for i in range(8)]
    if style == "broken":  # low-high-mid-high, like a gentle keyboard accompaniment
        low, mid, high = chord[0], chord[1], chord[2]
        pattern = (low, high, mid, high)
        return [(2 * i, 2, pattern[i % 4]) for i in range(8)]
    if style == "stabs":
        return [(s, 1, n) for s in (2, 6, 10, 14) for n in chord[1:]]
    if style == "pad":
        return [(0, 16, n) for n in chord[1:]]
    if style == "pulse":  # repeated eighth-note chord tones: nervous energy
        return [(2 * i, 1, n) for i in range(8) for n in chord[1:3]]
    raise ValueError(f"unknown harmony style {style!r}")


Event = tuple[int, int, int | None]  # (start step, length in steps, MIDI note or None for a rest)


def _render_notes(track: Track, voice: Voice, events: list[Event], buf: np.ndarray) -> None:
    step = track.step_samples
    for start, length, note in events:
        if note is None:
            continue
        gate = max(1, int(length * step * voice.gate))
        freq_hz = hz(note + 12 * voice.octave)
        envelope = adsr(gate, *voice.env)
        freq = _freq_curve(freq_hz, len(envelope), None, voice.vibrato)
        if voice.wave == "triangle":
            osc = triangle(freq, steps=32)
        else:
            osc = pulse(freq, voice.duty)
        offset = start * step
        buf[offset: offset + len(envelope)] += voice.gain * osc * envelope


def _fold(buf: np.ndarray, length: int) -> np.ndarray:
    """Wrap everything past ``length`` back onto the start: a seamless loop."""
    out = buf[:length].copy()
    tail = buf[length:]
    while len(tail):
        part = tail[:length]
        out[: len(part)] += part
        tail = tail[length:]
    return out


def _echo(x: np.ndarray, delay: int, feedback: float, repeats: int = 3) -> np.ndarray:
    out = x.copy()
    for k in range(1, repeats + 1):
        out += (feedback**k) * np.roll(x, delay * k)
    return out


def _drum_kit(seed: int) -> dict[str, np.ndarray]:
    kick_n = secs(0.16)
    kick = sine(_freq_curve(150.0, kick_n, 42.0)) * decay_env(kick_n, 0.05, attack=0.001)
    kick[: secs(0.004)] += highpass(noise(secs(0.004), seed + 1)) * 0.6
    snare_n = secs(0.16)
    snare = (highpass(noise(snare_n, seed + 2)) * 1.4 * decay_env(snare_n, 0.045)
             + triangle(_freq_curve(200.0, snare_n, 150.0)) * decay_env(snare_n, 0.03) * 0.6)
    hat_n = secs(0.05)
    hat = highpass(highpass(noise(hat_n, seed + 3))) * 2.0 * decay_env(hat_n, 0.012, attack=0.0005)
    open_n = secs(0.14)
    open_hat = highpass(highpass(noise(open_n, seed + 4))) * 2.0 * decay_env(open_n, 0.05, attack=0.0005)
    shaker_n = secs(0.07)
    shaker = lowpass(highpass(noise(shaker_n, seed + 5)), 2) * 2.0 * decay_env(shaker_n, 0.02, attack=0.008)
    tom_n = secs(0.2)
    tom = triangle(_freq_curve(130.0, tom_n, 80.0)) * decay_env(tom_n, 0.08)
    return {"kick": kick, "snare": snare, "hat": hat, "open": open_hat, "shaker": shaker, "tom": tom}


DRUM_GAINS = {"kick": 0.55, "snare": 0.3, "hat": 0.12, "open": 0.1, "shaker": 0.12, "tom": 0.4}


def render_parts(track: Track) -> dict[str, np.ndarray]:
    """Render each part of a loop (lead, harmony, bass, drums), folded to exactly ``track.length``."""
    step, length = track.step_samples, track.length
    tail = 2 * SR

    melody = parse_melody(track.melody)
    total = sum(length_ for _start, length_, _note in melody)
    if total != track.bars * STEPS_PER_BAR:
        raise ValueError(f"{track.name}: melody is {total} steps, expected {track.bars * STEPS_PER_BAR}")

    lead = np.zeros(length + tail)
    _render_notes(track, track.lead, melody, lead)
    harmony = np.zeros(length + tail)
    bass = np.zeros(length + tail)
    for bar, chord_text in enumerate(track.chords):
        chord = _chord_notes(chord_text)
        origin = bar * STEPS_PER_BAR
        events = [(origin + s, n, m) for s, n, m in _harmony_events(track.harmony_style, chord)]
        _render_notes(track, track.harmony, events, harmony)
        root = chord[0] - 12
        events = [(origin + s, n, root + iv) for s, n, iv in BASS_STYLES[track.bass_style]]
        _render_notes(track, track.bass, events, bass)

    drums = np.zeros(length + tail)
    kit = _drum_kit(1000 + track.seed)
    for bar in range(track.bars):
        patterns = {**track.drums, **track.drum_fills.get(bar, {})}
        for instrument, pattern in patterns.items():
            for s, mark in enumerate(pattern):
                if mark in "xo":
                    sample = kit[instrument]
                    gain = DRUM_GAINS[instrument] * (1.0 if mark == "o" else 0.75) * track.drum_gain
                    offset = (bar * STEPS_PER_BAR + s) * step
                    drums[offset: offset + len(sample)] += gain * sample

    parts = {}
    for name, voice, signal in (("lead", track.lead, lead), ("harmony", track.harmony, harmony),
                                ("bass", track.bass, bass), ("drums", None, drums)):
        looped = _fold(signal, length)
        if voice is not None and voice.echo is not None:
            delay_steps, feedback = voice.echo
            looped = _echo(looped, delay_steps * step, feedback)
        parts[name] = looped
    return parts


def render_track(track: Track) -> np.ndarray:
    """Render a loop to floats in [-1, 1], exactly ``track.length`` samples, seamless at the wrap."""
    out = np.sum(list(render_parts(track).values()), axis=0)
    if track.glitch > 0:
        out = _glitch(out, track.step_samples, track.glitch, track.seed)
    # level: a common loudness for every loop; the rare peaks above the knee are rounded off softly
    rms = float(np.sqrt(np.mean(out**2))) or 1.0
    return soft_limit(out * (TARGET_RMS / rms))


def soft_limit(x: np.ndarray, knee: float = 0.6, ceiling: float = PEAK_LIMIT) -> np.ndarray:
    """Leave samples below ``knee`` alone and bend louder ones smoothly towards ``ceiling``."""
    magnitude = np.abs(x)
    over = magnitude > knee
    room = ceiling - knee
    bent = knee + room * np.tanh((magnitude[over] - knee) / room)
    out = x.copy()
    out[over] = np.sign(x[over]) * bent
    return out


def _glitch(x: np.ndarray, step: int, share: float, seed: int) -> np.ndarray:
    """Mangle a seeded share of sixteenth steps: stutters, bit-crush and dropouts (all within the loop)."""
    rng = np.random.default_rng(seed)
    out = x.copy()
    steps = len(x) // step
    ramp = np.ones(step)
    edge = min(40, step // 4)
    ramp[:edge] = np.linspace(0.0, 1.0, edge)
    ramp[-edge:] = np.linspace(1.0, 0.0, edge)
    for index in range(steps):
        if rng.random() >= share:
            continue
        a = index * step
        segment = x[a: a + step]
        kind = rng.integers(0, 3)
        if kind == 0:  # stutter: repeat the first quarter four times
            quarter = step // 4
            piece = segment[:quarter] * np.hanning(quarter) ** 0.25
            mangled = np.tile(piece, 4)
            mangled = np.concatenate([mangled, np.zeros(step - len(mangled))])
        elif kind == 1:  # crushed
            mangled = crush(segment, bits=3, hold=6)
        else:  # a brief drop to a thin, high-passed ghost
            mangled = highpass(segment) * 0.6
        out[a: a + step] = segment * (1 - ramp) + mangled * ramp
    return out


def _bars(*bars: str) -> str:
    return " | ".join(bars)


LEAD_SOFT = Voice(wave="pulse", duty=0.25, gain=0.26, env=(0.01, 0.2, 0.55, 0.12), gate=0.9,
                  vibrato=(5.0, 0.18, 0.18), echo=(3, 0.32))

TRACKS: tuple[Track, ...] = (
    # Title: D major, hopeful and singable; I-V-vi-IV with a lift at the end.
    Track(
        name="title",
        bpm=98,
        chords=("D3 F#3 A3", "A2 C#3 E3", "B2 D3 F#3", "G2 B2 D3", "D3 F#3 A3", "A2 C#3 E3", "G2 B2 D3",
                "A2 C#3 E3 G3"),
        melody=_bars(
            "D5:2 F#5:2 A5:4 B5:2 A5:2 F#5:4",
            "E5:2 C#5:2 E5:4 A5:4 E5:4",
            "D5:2 F#5:2 B5:4 C#6:2 B5:2 F#5:4",
            "G5:4 F#5:2 E5:2 D5:4 B4:4",
            "D5:2 F#5:2 A5:4 B5:2 A5:2 D6:4",
            "C#6:4 B5:2 A5:2 E5:4 C#5:4",
            "B5:4 A5:2 G5:2 F#5:2 E5:2 D5:4",
            "E5:6 F#5:2 E5:4 _:4",
        ),
        lead=Voice(wave="pulse", duty=0.25, gain=0.3, env=(0.005, 0.15, 0.6, 0.08), gate=0.88,
                   vibrato=(5.5, 0.2, 0.15), echo=(3, 0.28)),
        harmony=Voice(wave="pulse", duty=0.125, gain=0.14, env=(0.002, 0.06, 0.3, 0.03), gate=0.8),
        harmony_style="arp16",
        bass=Voice(wave="triangle", gain=0.357, env=(0.003, 0.1, 0.8, 0.03), gate=0.9),
        bass_style="syncopated",
        drums={"kick": "x.......x.x.....", "snare": "....x.......x...", "hat": "x.x.x.x.x.x.x.o."},
        drum_fills={7: {"snare": "....x.......x.xx"}},
        seed=1,
    ),
    # Clinic: F major, calm and airy; long notes over soft broken chords.
    Track(
        name="clinic",
        bpm=90,
        chords=("F3 A3 C4 E4", "A2 C3 E3 G3", "D3 F3 A3 C4", "Bb2 D3 F3 A3", "F3 A3 C4 E4", "A2 C3 E3 G3",
                "G2 Bb2 D3 F3", "C3 E3 G3 Bb3"),
        melody=_bars(
            "E5:6 C5:2 A4:8",
            "G4:4 A4:4 C5:4 E5:4",
            "F5:6 E5:2 D5:8",
            "D5:4 C5:4 A4:8",
            "E5:6 F5:2 G5:4 A5:4",
            "G5:6 E5:2 C5:8",
            "D5:4 Bb4:4 D5:4 F5:4",
            "E5:4 D5:4 C5:4 G4:4",
        ),
        lead=Voice(wave="triangle", gain=0.42, env=(0.02, 0.3, 0.6, 0.2), gate=0.92,
                   vibrato=(4.5, 0.15, 0.25), echo=(3, 0.35)),
        harmony=Voice(wave="pulse", duty=0.25, gain=0.15, env=(0.01, 0.25, 0.3, 0.15), gate=0.9,
                      echo=(6, 0.25)),
        harmony_style="broken",
        bass=Voice(wave="triangle", gain=0.34, env=(0.01, 0.3, 0.7, 0.08), gate=0.95),
        bass_style="half",
        drums={"kick": "x.........x.....", "shaker": "....x.......x..x"},
        drum_gain=0.7,
        seed=2,
    ),
    # Street: G major, warm and easy; walking bass and off-beat chords.
    Track(
        name="street",
        bpm=105,
        chords=("G2 B2 D3", "E3 G3 B3", "C3 E3 G3", "D3 F#3 A3", "G2 B2 D3", "E3 G3 B3", "A2 C3 E3 G3",
                "D3 F#3 A3 C4"),
        melody=_bars(
            "B4:3 D5:3 G5:2 F#5:2 G5:2 A5:2 B5:2",
            "G5:6 E5:2 D5:4 B4:4",
            "C5:3 E5:3 G5:2 A5:2 G5:2 E5:2 C5:2",
            "D5:6 F#5:2 A5:8",
            "B5:3 A5:3 G5:2 D5:2 E5:2 G5:2 B5:2",
            "A5:4 G5:2 E5:2 B4:8",
            "C5:3 E5:3 A5:2 G5:4 E5:4",
            "F#5:4 A5:2 C6:2 B5:2 A5:2 F#5:4",
        ),
        lead=Voice(wave="pulse", duty=0.5, gain=0.22, env=(0.006, 0.2, 0.5, 0.08), gate=0.85,
                   vibrato=(5.0, 0.2, 0.12), echo=(2, 0.2)),
        harmony=Voice(wave="pulse", duty=0.25, gain=0.14, env=(0.002, 0.08, 0.3, 0.03), gate=0.7),
        harmony_style="stabs",
        bass=Voice(wave="triangle", gain=0.383, env=(0.004, 0.15, 0.7, 0.04), gate=0.85),
        bass_style="walk",
        drums={"kick": "x.....x...x.....", "snare": "....x.......x...", "hat": "x.x.x.x.x.x.x.x."},
        drum_fills={7: {"snare": "....x.......x.x.", "hat": "x.x.x.x.x.x.o..."}},
        drum_gain=0.8,
        seed=3,
    ),
    # Debate: A minor with a harmonic-minor E; a pedal bass and ticking hats.
    Track(
        name="debate",
        bpm=126,
        chords=("A2 C3 E3", "A2 C3 E3", "F2 A2 C3", "E2 G#2 B2", "A2 C3 E3", "A2 C3 E3", "D3 F3 A3",
                "E2 G#2 B2", "F2 A2 C3", "D3 F3 A3", "E2 G#2 B2 D3", "E2 G#2 B2"),
        melody=_bars(
            "A4:4 C5:4 B4:2 A4:2 E5:4",
            "_:8 E5:2 F5:2 E5:4",
            "F5:4 E5:4 C5:4 A4:4",
            "G#4:6 B4:2 E5:8",
            "A4:4 C5:4 E5:2 D5:2 C5:4",
            "_:8 A5:2 G5:2 E5:4",
            "F5:4 D5:4 A4:4 F5:4",
            "E5:6 D5:2 B4:8",
            "C5:2 F5:2 A5:4 G5:2 F5:2 E5:4",
            "D5:2 F5:2 A5:4 F5:4 D5:4",
            "G#5:8 F5:4 D5:4",
            "E5:8 B4:4 G#4:4",
        ),
        lead=Voice(wave="pulse", duty=0.25, gain=0.24, env=(0.004, 0.12, 0.55, 0.06), gate=0.8,
                   vibrato=(6.0, 0.15, 0.2), echo=(3, 0.22)),
        harmony=Voice(wave="pulse", duty=0.5, gain=0.1, env=(0.002, 0.05, 0.25, 0.02), gate=0.6, octave=1),
        harmony_style="pulse",
        bass=Voice(wave="triangle", gain=0.408, env=(0.003, 0.08, 0.6, 0.03), gate=0.7),
        bass_style="pedal",
        drums={"kick": "x......x..x.....", "snare": "............x...", "hat": "xxxxxxxxxxxxxxxx"},
        drum_fills={11: {"tom": "........x.x.x.x.", "snare": "............o..."}},
        drum_gain=0.85,
        seed=4,
    ),
    # Swarm: E minor, driving four-on-the-floor, sixteenth arpeggios and a bold lead.
    Track(
        name="swarm",
        bpm=150,
        chords=("E3 G3 B3", "E3 G3 B3", "C3 E3 G3", "D3 F#3 A3", "E3 G3 B3", "E3 G3 B3", "C3 E3 G3",
                "B2 D#3 F#3", "A2 C3 E3", "C3 E3 G3", "D3 F#3 A3", "B2 D#3 F#3 A3"),
        melody=_bars(
            "E5:2 E5:2 G5:2 B5:4 A5:2 G5:2 F#5:2",
            "G5:2 F#5:2 E5:4 B4:4 D5:2 E5:2",
            "C5:2 E5:2 G5:4 C6:4 B5:2 G5:2",
            "A5:6 F#5:2 D5:4 F#5:4",
            "E5:2 E5:2 G5:2 B5:4 A5:2 G5:2 F#5:2",
            "G5:2 A5:2 B5:4 E6:4 D6:2 B5:2",
            "C6:4 B5:2 G5:2 E5:4 G5:4",
            "F#5:6 D#5:2 B4:4 D#5:4",
            "A5:2 C6:2 A5:2 E5:2 A5:4 C6:4",
            "G5:2 C6:2 G5:2 E5:2 G5:4 C6:4",
            "F#5:2 A5:2 D6:4 C6:2 A5:2 F#5:4",
            "D#5:4 F#5:4 A5:4 B5:4",
        ),
        lead=Voice(wave="pulse", duty=0.125, gain=0.26, env=(0.003, 0.1, 0.65, 0.05), gate=0.85,
                   vibrato=(6.5, 0.2, 0.12), echo=(3, 0.2)),
        harmony=Voice(wave="pulse", duty=0.25, gain=0.13, env=(0.002, 0.05, 0.3, 0.02), gate=0.75),
        harmony_style="arp16",
        bass=Voice(wave="triangle", gain=0.425, env=(0.002, 0.06, 0.7, 0.02), gate=0.8),
        bass_style="octaves",
        drums={"kick": "x...x...x...x...", "snare": "....x.......x...", "hat": "..x...x...x...x."},
        drum_fills={7: {"snare": "....x.......x.xx"}, 11: {"snare": "....x...x.x.xxxx"}},
        seed=5,
    ),
    # SPECTRA: D minor, mechanical repeated notes, arpeggios, and seeded glitches.
    Track(
        name="spectra",
        bpm=135,
        chords=("D3 F3 A3", "D3 F3 A3", "Bb2 D3 F3", "C3 E3 G3", "D3 F3 A3", "D3 F3 A3", "G2 Bb2 D3",
                "A2 C#3 E3", "Bb2 D3 F3", "C3 E3 G3", "D3 F3 A3", "A2 C#3 E3 G3"),
        melody=_bars(
            "D5:2 D5:2 A5:2 D5:2 F5:4 E5:4",
            "D5:2 _:2 C5:2 D5:2 A4:8",
            "F5:2 F5:2 D6:2 F5:2 Bb5:4 A5:4",
            "G5:4 E5:4 C5:4 E5:4",
            "D5:2 D5:2 A5:2 D5:2 F5:4 E5:4",
            "D5:2 F5:2 A5:2 D6:2 C6:4 A5:4",
            "Bb5:4 G5:2 D5:2 G5:4 Bb5:4",
            "C#6:6 A5:2 E5:8",
            "D6:2 Bb5:2 F5:2 D5:2 F5:4 Bb5:4",
            "C6:2 G5:2 E5:2 C5:2 E5:4 G5:4",
            "A5:4 F5:4 D5:4 F5:4",
            "E5:4 C#5:4 A4:4 C#5:4",
        ),
        lead=Voice(wave="pulse", duty=0.5, gain=0.2, env=(0.002, 0.08, 0.6, 0.03), gate=0.75, echo=(3, 0.3)),
        harmony=Voice(wave="pulse", duty=0.125, gain=0.14, env=(0.001, 0.04, 0.2, 0.015), gate=0.6, octave=1),
        harmony_style="arp16",
        bass=Voice(wave="triangle", gain=0.408, env=(0.002, 0.06, 0.7, 0.02), gate=0.7),
        bass_style="drive",
        drums={"kick": "x..x..x...x..x..", "snare": "....x.......x...", "hat": "x.xxx.x.x.xxx.x."},
        drum_gain=0.8,
        glitch=0.07,
        seed=6,
    ),
)

# ---------------------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------------------


def to_pcm16(x: np.ndarray) -> bytes:
    clipped = np.clip(x, -1.0, 32767 / 32768)
    return np.round(clipped * 32768).astype("<i2").tobytes()


def write_wav(path: Path, x: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SR)
        out.writeframes(to_pcm16(x))


def _report(path: Path, x: np.ndarray) -> str:
    peak = float(np.max(np.abs(x)))
    rms = float(np.sqrt(np.mean(x**2)))
    db = 20 * np.log10(max(peak, 1e-9))
    return (f"{path.relative_to(ROOT)!s:34} {len(x) / SR:6.3f} s  peak {peak:.3f} ({db:5.1f} dBFS)"
            f"  rms {rms:.3f}  {path.stat().st_size / 1024:7.1f} KiB")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    only = set(args)
    sounds = ROOT / "assets" / "sounds"
    music = ROOT / "assets" / "music"
    for name, make in SOUND_EFFECTS.items():
        if only and name not in only:
            continue
        x = make()
        path = sounds / f"{name}.wav"
        write_wav(path, x)
        print(_report(path, x))
    total = 0
    for track in TRACKS:
        if only and track.name not in only:
            continue
        x = render_track(track)
        path = music / f"{track.name}.wav"
        write_wav(path, x)
        total += path.stat().st_size
        print(_report(path, x) + f"  {track.bars} bars at {track.bpm} bpm")
    if total:
        print(f"music total {total / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
