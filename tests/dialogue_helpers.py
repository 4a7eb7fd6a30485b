"""Small dialogue files written into a temporary folder, for runner, validator and scene tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from game.dialogue.loader import parse_files

STORY = """
speakers:
  lena: {name: Lena, blip: blip_lena}
  malik: {name: Malik, blip: blip_malik}
  narrator: {name: "", blip: null, portrait: null, moods: [neutral]}
flags:
  met: met someone
  other: another flag
counters:
  trust: trust
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make(folder: Path, text: str, story: str = STORY):
    """Write ``story.yaml`` and ``talk.yaml`` and return the parsed dialogue (asserting no problems)."""
    write(folder, "story.yaml", story)
    write(folder, "talk.yaml", text)
    dialogue, problems, _ = parse_files([Path(folder) / "story.yaml", Path(folder) / "talk.yaml"])
    assert problems == [], problems
    return dialogue
