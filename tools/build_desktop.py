"""Build the desktop application: one folder a player unpacks and runs, with no Python installed.

    .venv/bin/python -m pip install -e ".[dist]"
    .venv/bin/python tools/build_desktop.py [--out dist] [--archive]

PyInstaller freezes ``main.py`` with this Python, pygame-ce, numpy and the rest into
``dist/NeoSmiles/``: the executable ``NeoSmiles`` (``NeoSmiles.exe`` on Windows, plus
``NeoSmiles.app`` on macOS) beside an ``_internal/`` folder that holds the libraries and the content
(``assets/``, ``levels/``, ``dialogue/``) under ``game/content/``, where ``game.paths`` finds installed
content. Settings, saves and replays go to the platform's user folders as in any other install.

The executable is the ``neosmiles`` command: with no arguments it plays in a window, and
``NeoSmiles play --headless --ticks 120`` or ``NeoSmiles check`` work as they do after
``pip install``. A build is for the platform it runs on; build on each platform you ship for.
``--archive`` also packs the folder to hand out: ``dist/NeoSmiles-<version>-<platform>.zip`` on
Windows, ``.tar.gz`` elsewhere.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game import __version__  # noqa: E402
from game.paths import CONTENT_FOLDERS  # noqa: E402

NAME = "NeoSmiles"
# Imported by the tests and tools only, never by the game: left out so the folder stays small.
EXCLUDES = ("tkinter", "pytest", "hypothesis", "pytmx", "PyInstaller", "setuptools", "pip")


def executable(folder: Path) -> Path:
    """The program inside a built folder (what a player double-clicks)."""
    return folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def pyinstaller_args(dist: Path, work: Path) -> list[str]:
    args = [
        str(ROOT / "main.py"),
        "--name", NAME,
        "--onedir",
        "--noconfirm",
        "--distpath", str(dist),
        "--workpath", str(work),
        "--specpath", str(work),
        "--log-level", "WARN",
        # The command line imports each command's module by name (game.cli), which PyInstaller's
        # import analysis cannot follow: take every module of the game.
        "--collect-submodules", "game",
    ]
    for folder in CONTENT_FOLDERS:
        args += ["--add-data", f"{ROOT / folder}{os.pathsep}game/content/{folder}"]
    for module in EXCLUDES:
        args += ["--exclude-module", module]
    icons = ROOT / "assets" / "ui"
    if sys.platform == "win32":
        args += ["--windowed", "--icon", str(icons / "icon.ico")]  # a game, not a console program
    elif sys.platform == "darwin":
        args += ["--windowed", "--icon", str(icons / "icon_large.png")]  # made into the .icns with Pillow
    # Linux executables carry no icon: the game sets its window icon itself (assets/ui/icon.png).
    # No --strip: stripping the wheels' patched libraries (numpy's OpenBLAS) breaks loading them.
    return args


def build(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('build_desktop: PyInstaller is missing; install it with: pip install -e ".[dist]"') from None
    folder = dist / NAME
    env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    subprocess.run([sys.executable, "-m", "PyInstaller", *pyinstaller_args(dist, work)], check=True, cwd=ROOT, env=env)
    if not executable(folder).is_file():
        raise SystemExit(f"build_desktop: PyInstaller finished but {executable(folder)} is missing")
    return folder


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def archive(folder: Path) -> Path:
    """``NeoSmiles-<version>-<platform>.zip`` (Windows) or ``.tar.gz`` beside the folder, the folder inside.

    A tarball elsewhere, because it keeps what the folder needs there and a zip loses on unpacking: the
    executable bit and the libraries' version symlinks (a zip would store each linked library twice).
    """
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    base = folder.parent / f"{NAME}-{__version__}-{system}-{platform.machine().lower()}"
    kind = "zip" if sys.platform == "win32" else "gztar"
    return Path(shutil.make_archive(str(base), kind, root_dir=folder.parent, base_dir=folder.name))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the folder goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "desktop",
                        help="PyInstaller's scratch folder (default: build/desktop/)")
    parser.add_argument("--archive", action="store_true", help="also pack the folder (.zip on Windows, else .tar.gz)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    folder = build(args.out.resolve(), args.work.resolve())
    print(f"built {folder} ({folder_size(folder) / 1e6:.1f} MB) in {time.monotonic() - started:.0f} s; "
          f"run {executable(folder)}")
    if args.archive:
        packed = archive(folder)
        print(f"packed {packed} ({packed.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
