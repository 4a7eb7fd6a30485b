"""Launcher: ``python main.py [command] [options]`` is the same as ``neosmiles``.

It is also the desktop build's entry point (tools/build_desktop.py): ``freeze_support`` lets a frozen
program start worker processes (``verify -j``) on Windows and macOS; elsewhere it does nothing.
"""
import multiprocessing

from game.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
