"""The story layer: ``ctx.story``. Chapters, the current objective, difficulty, transitions and endings.

It sits above the dialogue, the world and the minigames and wires them together, so none of them needs
to know the others: a conversation hands every command it cannot carry out alone to ``command``; the
map asks ``open_dialogue``, ``open_minigame``, ``pause`` and ``objective``. Its state is the run's
``StoryState`` (``ctx.run.story``): this object holds nothing of its own but the loaded chapters, so a
new run, a loaded save or a replay needs no extra step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from game.core.outcome import Outcome
from game.story.chapters import Chapter, Chapters, ChaptersError, Objective, load_chapters
from game.story.difficulty import minigame_difficulty
from game.story.state import StoryState

log = logging.getLogger(__name__)

GRADE_POINTS = {"S": 3, "A": 2, "B": 1, "C": 0}
#: commands a conversation hands to the map it runs over
MAP_COMMANDS = ("npc_move", "npc_turn", "player_move", "change_map", "lights", "alarm", "pose", "crowd",
                "shake", "camera")
ENDING_FLAGS = ("ending_bridge", "ending_crossroads", "ending_reboot")


@dataclass(frozen=True)
class Journal:
    chapter: int
    title: str
    objective: Objective | None
    done: tuple[str, ...]
    difficulty: str


class Story:
    def __init__(self, ctx) -> None:
        self.ctx = ctx

    # content ------------------------------------------------------------------------------------
    @property
    def chapters(self) -> Chapters:
        cached = self.ctx.content.get("chapters")
        if cached is None:
            try:
                cached = load_chapters(self.ctx.paths.dialogue / "chapters.yaml")
            except ChaptersError as exc:  # `neosmiles check` names the line; the game goes on without objectives
                log.warning("chapters.yaml cannot be used: %s", exc)
                self.ctx.notify("The story's chapter file is damaged: run 'neosmiles check'.", 600)
                cached = Chapters((), ())
            self.ctx.content["chapters"] = cached
        return cached

    @property
    def state(self) -> StoryState:
        return self.ctx.run.story

    def chapter(self, number: int | None = None) -> Chapter | None:
        return self.chapters.chapter(self.state.chapter if number is None else number)

    # what to do now -----------------------------------------------------------------------------
    def objective(self) -> Objective | None:
        """The current objective (None once the story is over)."""
        if self.state.ending and self.state.has("game_over"):
            return None
        return self.chapters.objective(self.state)

    def hint(self, map_name: str = "") -> str:
        """What H says: the objective's hint, with the way there when it is on another map."""
        objective = self.objective()
        if objective is None:
            return "Nothing left to do here. Thank you for playing."
        text = objective.hint or objective.text
        if map_name and objective.map and objective.map != map_name:
            text += f" (It is in the {_place(objective.map)}: follow the arrow to the door.)"
        return text

    def journal(self) -> Journal:
        chapter = self.chapter()
        done = tuple(o.done or o.text for o in self.chapters.done(self.state))
        return Journal(self.state.chapter, chapter.title if chapter else "Epilogue", self.objective(), done,
                       self.state.difficulty)

    # difficulty -------------------------------------------------------------------------------------
    @property
    def difficulty(self) -> str:
        return self.state.difficulty

    def set_difficulty(self, value: str) -> None:
        if value not in ("story", "normal", "hard"):
            raise ValueError(f"unknown difficulty {value!r}")
        self.state.difficulty = value

    def minigame_difficulty(self, explicit: str | None = None) -> str:
        return explicit or minigame_difficulty(self.state.difficulty)

    # endings ----------------------------------------------------------------------------------------
    def decide_ending(self) -> str:
        """Pick the ending from the rules in chapters.yaml and set its flag (only one ``ending_*`` flag)."""
        ending = self.chapters.ending(self.state)
        name = ending.id if ending is not None else "crossroads"
        for flag in ENDING_FLAGS:
            self.state.set_flag(flag, flag == f"ending_{name}")
        return name

    def record_ending(self, name: str) -> None:
        self.state.ending = name
        for flag in ENDING_FLAGS:
            self.state.set_flag(flag, flag == f"ending_{name}")

    # chapters ---------------------------------------------------------------------------------------
    def enter_chapter(self, number: int) -> None:
        """The story moves to chapter ``number`` (the ending is decided when the epilogue begins)."""
        self.state.chapter = number
        if number == self.chapters.last and not self.state.ending:
            self.decide_ending()

    def place_for_chapter(self, host, number: int) -> None:
        """Put Lena where chapter ``number`` begins, on the map ``host`` shows (at full black)."""
        chapter = self.chapter(number)
        if chapter is None or host is None or not hasattr(host, "place"):
            return
        host.place(chapter.map, chapter.spawn)

    # wiring: what conversations and maps ask ---------------------------------------------------------
    def open_dialogue(self, host, node_id: str) -> None:
        from game.dialogue.scene import DialogueScene

        self.ctx.scenes.push(DialogueScene(self.ctx, node_id, host=host))

    def open_minigame(self, host, spec: str) -> None:
        """A map machine that starts a minigame directly (``minigame: swarm:tutorial``)."""
        name, _, encounter = spec.partition(":")
        try:
            scene = self._build_minigame(name, encounter, None, lambda outcome: self._machine_done(host, outcome))
        except (KeyError, ValueError, LookupError):
            self.ctx.notify(f"(minigame {spec!r} is not available)", 120)
            return
        self.ctx.scenes.push(scene)

    def _machine_done(self, host, outcome: Outcome) -> None:
        self._record_outcome(outcome)
        if host is not None and hasattr(host, "after_minigame"):
            host.after_minigame(outcome)

    def pause(self) -> None:
        from game.scenes.pause import PauseScene

        self.ctx.audio.play_sfx("ui_confirm")
        self.ctx.scenes.push(PauseScene(self.ctx, restart=self.ctx.run.start))

    def journal_scene(self):
        from game.story.scenes import JournalScene

        return JournalScene(self.ctx)

    def command(self, talk, name: str, args: dict):
        """Carry out a dialogue command for the conversation ``talk``. Returns None when done at once (the
        conversation goes on), a string naming what it waits for (a scene was pushed that will call
        ``talk.resume_after(outcome)``), or an ``Outcome`` to resume with at once."""
        if name == "minigame":
            return self._minigame(talk, args)
        if name == "end_chapter":
            return self._end_chapter(talk, int(args["chapter"]))
        if name == "chapter_card":
            return self._card(talk, int(args["chapter"]), move=False)
        if name == "ending":
            self.record_ending(str(args["name"]))
            return None
        if name == "credits":
            return self._credits()
        if name == "sound":
            self.ctx.audio.play_sfx(args["name"])
            return None
        if name == "music":
            self.ctx.audio.play_music(args["name"])
            return None
        host = getattr(talk, "host", None)
        if name in MAP_COMMANDS and host is not None and hasattr(host, "dialogue_command"):
            host.dialogue_command(name, args)
        else:
            log.info("dialogue command %s %s has no map to carry it out", name, args)
        return None

    # the commands ------------------------------------------------------------------------------------
    def _build_minigame(self, game: str, encounter: str, difficulty: str | None, on_finish):
        from game.minigames import build_minigame

        return build_minigame(self.ctx, game, encounter, self.minigame_difficulty(difficulty), on_finish)

    def _minigame(self, talk, args: dict):
        game, encounter = args["game"], args["encounter"]
        music_before = getattr(self.ctx.audio, "current_music", None)

        def finished(outcome: Outcome) -> None:
            self._record_outcome(outcome)
            # the minigame played its own music; the place's music comes back with the conversation
            if music_before and getattr(self.ctx.audio, "current_music", None) != music_before:
                self.ctx.audio.play_music(music_before)
            talk.resume_after(outcome)

        try:
            scene = self._build_minigame(game, encounter, args.get("difficulty"), finished)
        except (KeyError, ValueError, LookupError) as exc:
            log.warning("minigame %s/%s unavailable: %s", game, encounter, exc)
            self.ctx.notify(f"The {game} encounter \u201c{encounter}\u201d is not in this build; the story goes on.")
            return Outcome(game, encounter, True, 0, 0)
        self.ctx.scenes.push(scene)
        return f"{game}:{encounter}"

    def _record_outcome(self, outcome: Outcome) -> None:
        points = GRADE_POINTS.get(str(getattr(outcome, "grade", "") or ""), 0)
        if points and getattr(outcome, "won", False):
            self.state.add("grade_points", points)

    def _end_chapter(self, talk, number: int):
        self.ctx.run.mark(f"chapter-{number}")
        self.enter_chapter(number + 1)
        if self.chapter(number + 1) is None:
            return None  # the last chapter closed: the credits follow
        return self._card(talk, number + 1, move=True)

    def _card(self, talk, number: int, move: bool):
        from game.story.scenes import ChapterCardScene

        chapter = self.chapter(number)
        if chapter is None:
            return None
        host = getattr(talk, "host", None)

        def at_black() -> None:
            if move:
                self.place_for_chapter(host, number)

        self.ctx.scenes.push(ChapterCardScene(self.ctx, chapter, at_black=at_black,
                                              done=lambda: talk.resume_after(None)))
        return f"chapter-card:{number}"

    def _credits(self):
        from game.story.scenes import CreditsScene

        self.state.set_flag("game_over")
        # the epilogue's split: the last chapter closes as the credits roll (it finishes an any% run)
        mark = f"chapter-{self.state.chapter}"
        if mark not in [event[2] for event in self.ctx.run.events]:
            self.ctx.run.mark(mark)
        self.ctx.scenes.push(CreditsScene(self.ctx))
        return "credits"

    # starting ----------------------------------------------------------------------------------------
    def begin_chapter(self, number: int):
        """The first scene of a run that starts at chapter ``number`` (a new game: chapter 1): Lena on the
        chapter's map, walking in if it says so, its lights off if it starts dark, then its node."""
        from game.world.scene import ExplorationScene, resolve_map

        chapter = self.chapter(number)
        if chapter is None:
            raise ValueError(f"there is no chapter {number}")
        self.enter_chapter(number)
        scene = ExplorationScene(self.ctx, resolve_map(self.ctx.paths.levels, chapter.map),
                                 chapter.walk_from or chapter.spawn)
        if chapter.dark:
            scene.core.stage.set_lights("off", emergency=False)
        if chapter.walk_from:
            scene.core.player_move(chapter.spawn)
        if not self._shows_card(chapter.node, number):  # (an opening shows the card itself, lights on)
            from game.story.scenes import ChapterCardScene

            scene.cover = ChapterCardScene(self.ctx, chapter, from_black=True)
        if chapter.node:
            scene.cue(chapter.node)  # opens once the card has gone
        return scene

    def _shows_card(self, node_id: str, number: int) -> bool:
        """Whether dialogue ``node_id`` shows chapter ``number``'s card itself (``chapter_card: N``)."""
        if not node_id:
            return False
        from game.dialogue.loader import DialogueError
        from game.dialogue.model import Branch, Command
        from game.dialogue.scene import shared_dialogue

        try:
            node = shared_dialogue(self.ctx).nodes.get(node_id)
        except DialogueError:
            return False
        todo = list(node.steps) if node is not None else []
        while todo:
            step = todo.pop()
            if isinstance(step, Command) and step.name == "chapter_card" and dict(step.args).get("chapter") == number:
                return True
            if isinstance(step, Branch):
                todo += list(step.then) + list(step.otherwise)
        return False


def _place(map_name: str) -> str:
    return {"clinic": "clinic", "street": "street outside", "debate_hall": "Civic Hall"}.get(map_name, map_name)
