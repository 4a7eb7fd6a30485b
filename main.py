"""Launcher: ``python main.py [command] [options]`` is the same as ``neosmiles``."""
from game.cli import main

if __name__ == "__main__":  # worker processes (``verify -j``) import this file without running the game
    raise SystemExit(main())
