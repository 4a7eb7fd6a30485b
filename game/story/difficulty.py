"""The difficulty the player picks at New game and what it means for the minigames. Pure data.

The story's difficulty (``story``, ``normal``, ``hard``) lives in ``StoryState.difficulty``; every story
minigame started without a ``difficulty`` of its own plays at the matching minigame difficulty.
"""

from __future__ import annotations

#: what the player chooses at New game, in menu order
STORY_DIFFICULTIES = ("story", "normal", "hard")
#: what a minigame encounter can be tuned for
MINIGAME_DIFFICULTIES = ("easy", "normal", "hard")
LABELS = {"story": "Story", "normal": "Normal", "hard": "Hard"}
BLURBS = {
    "story": "For the story: the minigames are gentle, with time to learn.",
    "normal": "The game as designed: the emergencies are tense, and can be lost.",
    "hard": "Tight clocks, more decay, rogue bots that fight back.",
}
_TO_MINIGAME = {"story": "easy", "normal": "normal", "hard": "hard"}


def minigame_difficulty(story_difficulty: str) -> str:
    """The minigame difficulty a story difficulty plays at (unknown values play ``normal``)."""
    return _TO_MINIGAME.get(story_difficulty, "normal")
