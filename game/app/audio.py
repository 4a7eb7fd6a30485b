"""Sound effects and music through pygame's mixer, failing quietly.

``Audio`` starts the mixer on first use, not when it is built. If the mixer cannot start (no audio device,
a broken driver) it logs one warning and every later call does nothing; a missing or unreadable file logs
one warning per name and is skipped. Nothing here raises into the game.

Files: ``<assets>/sounds/<name>.wav`` for effects and ``<assets>/music/<name>.wav`` for loops (written by
``tools/make_audio.py``). Effects are loaded once and cached.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

from game.core.files import is_file

log = logging.getLogger(__name__)

FREQUENCY = 22050
CHANNELS = 16  # enough for overlapping dialogue blips, steps and UI sounds


def _clamp(value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    if number != number:  # NaN
        return 0.0
    return min(1.0, max(0.0, number))


class Audio:
    """Plays named effects and music loops at the player's volumes."""

    def __init__(self, master: float, music: float, sfx: float, assets: Path) -> None:
        self.assets = Path(assets)
        self.master = _clamp(master)
        self.music = _clamp(music)
        self.sfx = _clamp(sfx)
        self._state = "idle"  # "idle" until the first call, then "ready" or "failed"
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._missing: set[str] = set()
        self._music_name: str | None = None

    # -- state -----------------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """False once the mixer has failed to start; True before the first attempt and after success."""
        return self._state != "failed"

    @property
    def current_music(self) -> str | None:
        """Name of the loop that was last started and not stopped, if any."""
        return self._music_name

    def _ready(self) -> bool:
        if self._state == "ready":
            return True
        if self._state == "failed":
            return False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=FREQUENCY, size=-16, channels=2, buffer=512)
            pygame.mixer.set_num_channels(CHANNELS)
        except Exception as exc:  # noqa: BLE001 - any mixer failure means "play nothing"
            self._state = "failed"
            log.warning("audio disabled: the sound mixer could not start (%s)", exc)
            return False
        self._state = "ready"
        return True

    def _warn_missing(self, key: str, path: Path, exc: BaseException | None = None) -> None:
        if key in self._missing:
            return
        self._missing.add(key)
        reason = f" ({exc})" if exc is not None else ""
        name = key.split(":", 1)[1]
        log.warning("audio: cannot play %s: %s is missing or unreadable%s", name, path, reason)

    # -- effects ---------------------------------------------------------------------------------------

    def _sound(self, name: str) -> pygame.mixer.Sound | None:
        sound = self._sounds.get(name)
        if sound is not None:
            return sound
        key = f"sfx:{name}"
        if key in self._missing:
            return None
        path = self.assets / "sounds" / f"{name}.wav"
        if not is_file(path):  # a regular file: never a FIFO or device (the mixer would hang)
            self._warn_missing(key, path)
            return None
        try:
            sound = pygame.mixer.Sound(str(path))
        except Exception as exc:  # noqa: BLE001 - a bad file must not stop the game
            self._warn_missing(key, path, exc)
            return None
        self._sounds[name] = sound
        return sound

    def play_sfx(self, name: str) -> None:
        """Play the effect ``name`` once (does nothing if audio is off or the file is missing)."""
        if not self._ready():
            return
        sound = self._sound(name)
        if sound is None:
            return
        try:
            sound.set_volume(self.master * self.sfx)
            sound.play()
        except Exception as exc:  # noqa: BLE001
            log.debug("audio: playing %s failed: %s", name, exc)

    # -- music -----------------------------------------------------------------------------------------

    def play_music(self, name: str, loop: bool = True) -> None:
        """Start the loop ``name``; asking for the loop that is already playing keeps it going."""
        if not self._ready():
            return
        try:
            if name == self._music_name and pygame.mixer.music.get_busy():
                return
        except Exception:  # noqa: BLE001
            pass
        key = f"music:{name}"
        if key in self._missing:
            return
        path = self.assets / "music" / f"{name}.wav"
        if not is_file(path):  # a regular file: never a FIFO or device (the mixer would hang)
            self._warn_missing(key, path)
            return
        try:
            pygame.mixer.music.load(str(path))
            pygame.mixer.music.set_volume(self.master * self.music)
            pygame.mixer.music.play(loops=-1 if loop else 0)
        except Exception as exc:  # noqa: BLE001
            self._warn_missing(key, path, exc)
            return
        self._music_name = name

    def stop_music(self) -> None:
        """Stop the current loop, if any."""
        self._music_name = None
        if self._state != "ready":
            return
        try:
            pygame.mixer.music.stop()
        except Exception as exc:  # noqa: BLE001
            log.debug("audio: stopping music failed: %s", exc)

    # -- volumes ---------------------------------------------------------------------------------------

    def set_volumes(self, master: float, music: float, sfx: float) -> None:
        """Change the volumes (each 0..1); applies to the playing loop at once."""
        self.master, self.music, self.sfx = _clamp(master), _clamp(music), _clamp(sfx)
        if self._state != "ready":
            return
        try:
            pygame.mixer.music.set_volume(self.master * self.music)
        except Exception as exc:  # noqa: BLE001
            log.debug("audio: setting the music volume failed: %s", exc)
