"""A built-in player for SPECTRA dives: it presses keys like a person at a keyboard would.

It reads the dive on top of the scene stack (``game.ctx.scenes.top.dive``) and returns one
``ActionFrame`` per tick: a key press every few ticks with the keys released in between, so every
action goes through exactly the input handling a player's keyboard or gamepad goes through. It runs
the cases, steps a few instructions with the debugger, then walks the cursor to each line that differs
from SPECTRA's backup image (the puzzle's reference) and rewrites it field by field in the editor.
In the story it also takes the results screen's Continue, so the Outcome goes back to the dialogue.
It knows the answer; what it proves is that the answer is reachable through the controls in time.
"""

from __future__ import annotations

from game.core.actions import Action, ActionFrame
from game.spectra.puzzle import Dive, cycle_distance

PRESS_EVERY = 4  # ticks between key presses (a brisk typist)
DEBUG_STEPS = 3  # instructions stepped through on each layer before patching


class SpectraAutopilot:
    def __init__(self, every: int = PRESS_EVERY) -> None:
        self.every = max(2, every)
        self.game = None
        self.t = 0
        self._stepped: dict[int, int] = {}  # layer -> debugger steps taken

    def attach(self, game) -> None:
        """Called by the game loop with the game it drives."""
        self.game = game

    def _dive(self) -> Dive | None:
        if self.game is None:
            return None
        top = self.game.ctx.scenes.top
        dive = getattr(top, "dive", None)
        return dive if isinstance(dive, Dive) else None

    def next_frame(self) -> ActionFrame:
        self.t += 1
        dive = self._dive()
        if dive is None or self.t % self.every:
            return ActionFrame()
        action = self.decide(dive)
        return ActionFrame(int(action), int(action))

    def decide(self, dive: Dive) -> Action:
        if dive.phase == "intro":
            return Action.CONFIRM if dive.t > 40 else Action.NONE
        if dive.phase == "cleared":
            return Action.CONFIRM if dive.t > 40 else Action.NONE
        if dive.phase == "over":
            # in the story the results offer only Continue: take it, so the Outcome goes back to the dialogue;
            # in practice (Retry / Quit to title) a player decides, so the pilot stays idle
            return Action.CONFIRM if dive.t > 40 and dive.result_items == ("Continue",) else Action.NONE
        if dive.phase != "play":
            return Action.NONE
        if dive.results is None:
            return Action.FOCUS
        stepped = self._stepped.get(dive.layer, 0)
        if stepped < DEBUG_STEPS and dive.editor is None:
            self._stepped[dive.layer] = stepped + 1
            return Action.SPREAD
        remaining = dive.remaining_faulty_lines()
        if not remaining:
            return Action.FOCUS
        line = remaining[0]
        target = dive.puzzle.reference.code[line]
        editor = dive.editor
        if editor is not None:
            if editor.line != line:
                return Action.CANCEL
            if editor.op != target.op:
                if editor.field != 0:
                    return Action.UP
                return self._toward(dive.editor_options(0), editor.op, target.op)
            for i, want in enumerate(target.args):
                if editor.args[i] != want:
                    if editor.field != i + 1:
                        return Action.DOWN if editor.field < i + 1 else Action.UP
                    return self._toward(dive.editor_options(i + 1), editor.args[i], want)
            return Action.CONFIRM
        if dive.debug is not None:
            return Action.CANCEL
        if dive.panel != "code":
            return Action.NEXT
        if dive.cursor != line:
            return Action.DOWN if dive.cursor < line else Action.UP
        return Action.CONFIRM

    @staticmethod
    def _toward(options: list, current, target) -> Action:
        return Action.RIGHT if cycle_distance(options, current, target) > 0 else Action.LEFT
