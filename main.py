"""Launcher: ``python main.py [command] [options]`` is the same as ``neosmiles``."""
from game.cli import main

raise SystemExit(main())
