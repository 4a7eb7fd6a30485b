"""Where things live: the game's content folders and the player's own files.

This is the one module that knows paths. Content (``assets/``, ``levels/``, ``dialogue/``) comes from
one root, in this order:

1. ``NEOSMILES_CONTENT``, when set (another copy of the content, e.g. a mod or a test fixture);
2. the source checkout this package runs from (an editable install or ``python main.py``), so that a
   map saved in Tiled hot-reloads from the very file the editor wrote;
3. the content installed with the package: the ``game.content`` package of a wheel, a pipx install or
   the desktop build, found through ``importlib.resources``.

Nothing is ever looked up relative to the current folder. The player's files go to the platform's
user folders (platformdirs), overridable with ``NEOSMILES_CONFIG_DIR`` and ``NEOSMILES_DATA_DIR``
(tests point them at temporary folders). Nothing is created at import time.
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


#: the folders a content root holds; ``setup.py`` ships the same ones in the wheel
CONTENT_FOLDERS = ("assets", "levels", "dialogue")
#: the file that marks the top of a source checkout (an installed package never has one beside it)
CHECKOUT_MARKER = "pyproject.toml"


def default_root() -> Path:
    """The content root when ``NEOSMILES_CONTENT`` is not set: the checkout, else the installed content."""
    return source_checkout() or installed_content()


def source_checkout(package_dir: Path | None = None) -> Path | None:
    """The repository this package runs from, or None when it is installed (wheel, pipx, desktop build).

    A checkout is the folder above ``game/`` holding ``pyproject.toml`` and every content folder.
    """
    here = Path(package_dir) if package_dir is not None else Path(__file__).resolve().parent
    root = here.parent
    if (root / CHECKOUT_MARKER).is_file() and all((root / name).is_dir() for name in CONTENT_FOLDERS):
        return root
    return None


def installed_content() -> Path:
    """The ``game.content`` package's folder, where a wheel or the desktop build puts the content."""
    from importlib.resources import files

    found = files("game.content")
    # Installed packages are plain folders (pip and pipx never leave a zipped package); anything else
    # is named as it is, so that the first missing file's message shows where the game looked.
    return found if isinstance(found, Path) else Path(str(found))
