"""Where things live: the game's content folders and the player's own files.

This is the one module that knows paths. Content (``assets/``, ``levels/``, ``dialogue/``) is found
next to the package unless ``NEOSMILES_CONTENT`` names another root. The player's files go to the
platform's user folders (platformdirs), overridable with ``NEOSMILES_CONFIG_DIR`` and
``NEOSMILES_DATA_DIR`` (tests point them at temporary folders). Nothing is created at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "neosmiles"


@dataclass(frozen=True)
class Paths:
    root: Path  # content root
    config_dir: Path  # settings
    data_dir: Path  # saves, replays, seen dialogue lines, personal bests

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Paths:
        env = os.environ if environ is None else environ
        import platformdirs  # imported here so that importing this module stays cheap

        root = Path(env["NEOSMILES_CONTENT"]) if env.get("NEOSMILES_CONTENT") else default_root()
        config = env.get("NEOSMILES_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME, appauthor=False)
        data = env.get("NEOSMILES_DATA_DIR") or platformdirs.user_data_dir(APP_NAME, appauthor=False)
        return cls(root=root.resolve(), config_dir=Path(config), data_dir=Path(data))

    # content -----------------------------------------------------------------------------------
    @property
    def assets(self) -> Path:
        return self.root / "assets"

    @property
    def levels(self) -> Path:
        return self.root / "levels"

    @property
    def dialogue(self) -> Path:
        return self.root / "dialogue"

    @property
    def encounters(self) -> Path:
        """Minigame encounter tuning: ``levels/encounters/<minigame>/<name>.yaml``."""
        return self.levels / "encounters"

    @property
    def fonts(self) -> Path:
        return self.assets / "fonts"

    @property
    def sounds(self) -> Path:
        return self.assets / "sounds"

    @property
    def music(self) -> Path:
        return self.assets / "music"

    # the player's files ------------------------------------------------------------------------
    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def saves_dir(self) -> Path:
        return self.data_dir / "saves"

    @property
    def replays_dir(self) -> Path:
        return self.data_dir / "replays"

    @property
    def screenshots_dir(self) -> Path:
        return self.data_dir / "screenshots"


def default_root() -> Path:
    """The folder holding ``game/``, ``assets/``, ``levels/`` and ``dialogue/``."""
    return Path(__file__).resolve().parent.parent
