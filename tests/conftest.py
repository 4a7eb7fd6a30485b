"""Every test runs headless and keeps the player's real folders untouched."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


@pytest.fixture(autouse=True)
def user_folders(tmp_path, monkeypatch):
    """Point settings, saves and replays at a temporary folder for each test."""
    monkeypatch.setenv("NEOSMILES_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("NEOSMILES_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def booted():
    """Boot a headless game at a start point: ``booted(StartPoint.of("title"), seed=1)``."""
    from game.app.boot import BootOptions, boot

    def _boot(start=None, seed=1, source=None, **options):
        from game.core.run import StartPoint

        return boot(BootOptions(start=start or StartPoint.of("title"), seed=seed, headless=True,
                                options=options), source=source)

    return _boot
