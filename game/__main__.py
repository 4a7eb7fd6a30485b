"""``python -m game`` is the same as the ``neosmiles`` command."""

from game.cli import main

raise SystemExit(main())
