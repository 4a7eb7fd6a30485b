"""Walking the story graph without playing it: from New game to the credits by following the objectives.

``StoryWalker`` does what a player who always follows the on-screen objective does, at the level of the
story: it finds the objective's target on its map (the person placed there now, by their ``when:``;
the machine; the door and the trigger that fires on arrival), plays that target's dialogue node
through the pure ``DialogueRunner``, answers menus with a ``policy`` and decides each minigame with an
``outcome`` function, and carries out the story's commands (chapters, endings, the credits). No pygame,
no physics: a playthrough takes milliseconds, so tests can search many of them.

It answers the questions ``neosmiles check`` cannot: does every ending reach the credits, can the
player get stuck (an objective whose target is absent, a conversation that does not move the story
on), does losing a minigame and going on lead somewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.core.outcome import Outcome
from game.dialogue.model import Command, Dialogue, Jump, Option, walk_steps
from game.dialogue.runner import ChoiceEvent, CommandEvent, DialogueRunner, Ended, LineEvent
from game.story.chapters import Chapters
from game.story.director import GRADE_POINTS
from game.story.state import StoryState
from game.world.explore import Exploration
from game.world.model import WorldMap, load_map
from game.world.triggers import condition_holds

#: policy(options, walk) -> the id of the option to take
Policy = Callable[[tuple[Option, ...], "Walk"], str]
#: outcome(game, encounter, walk) -> won?
OutcomeRule = Callable[[str, str, "Walk"], bool]
STUCK_AFTER = 4  # conversations with the same objective before the walker calls the player stuck
EVENT_LIMIT = 20_000  # events in one conversation (a retry loop that never ends)


class Stuck(AssertionError):
    """The objective-following player cannot go on: the message says where and why."""


@dataclass
class Walk:
    story: StoryState
    #: what happened, in order: "talk malik_tour", "minigame swarm:tutorial lose", "chapter 2", "ending bridge"
    log: list[str] = field(default_factory=list)
    lines: int = 0
    words: int = 0
    credits: bool = False
    #: (game, encounter, won) in order
    minigames: list[tuple[str, str, bool]] = field(default_factory=list)
    last_minigame: tuple[str, str] | None = None


def first_option(options: tuple[Option, ...], walk: Walk) -> str:
    return options[0].id


class StoryWalker:
    def __init__(self, dialogue: Dialogue, chapters: Chapters, levels: Path) -> None:
        self.dialogue = dialogue
        self.chapters = chapters
        self.maps: dict[str, WorldMap] = {p.stem: load_map(p) for p in sorted(Path(levels).glob("*.tmx"))}
        # nodes that start each minigame encounter, to tell "try again" from "go on" in a menu
        self.minigame_nodes: dict[tuple[str, str], set[str]] = {}
        for node in dialogue.nodes.values():
            for step in walk_steps(node.steps):
                if isinstance(step, Command) and step.name == "minigame":
                    args = dict(step.args)
                    key = (args.get("game", ""), args.get("encounter", ""))
                    self.minigame_nodes.setdefault(key, set()).add(node.id)

    # policies ------------------------------------------------------------------------------------
    def is_retry(self, option: Option, walk: Walk) -> bool:
        """Whether ``option`` plays the minigame just lost again (it jumps to a node that starts it)."""
        if walk.last_minigame is None:
            return False
        nodes = self.minigame_nodes.get(walk.last_minigame, set())
        return any(isinstance(s, Jump) and s.target in nodes for s in walk_steps(option.body))

    def going_on(self, base: Policy = first_option) -> Policy:
        """A policy that never retries a lost minigame (it goes on), otherwise answers like ``base``."""
        def policy(options: tuple[Option, ...], walk: Walk) -> str:
            if walk.minigames and not walk.minigames[-1][2]:
                onward = tuple(o for o in options if not self.is_retry(o, walk))
                if onward:
                    return base(onward, walk)
            return base(options, walk)
        return policy

    # the walk ------------------------------------------------------------------------------------
    def walk(self, policy: Policy = first_option, outcome: OutcomeRule | None = None, difficulty: str = "normal",
             limit: int = 400) -> Walk:
        outcome = outcome or (lambda game, encounter, walk: True)
        walk = Walk(StoryState(difficulty=difficulty))
        first = self.chapters.chapter(1)
        if first is not None and first.node:
            self.talk(first.node, walk, policy, outcome)
        seen: dict[str, int] = {}
        for _ in range(limit):
            if walk.credits:
                return walk
            objective = self.chapters.objective(walk.story)
            if objective is None:
                raise Stuck(f"chapter {walk.story.chapter}: no objective and no credits yet ({walk.log[-3:]})")
            seen[objective.id] = seen.get(objective.id, 0) + 1
            if seen[objective.id] > STUCK_AFTER:
                raise Stuck(f"objective {objective.id!r} ({objective.text}) does not move on after "
                            f"{STUCK_AFTER} tries: {walk.log[-4:]}")
            node = self.node_for(objective.map, objective.target or "", walk.story)
            if node is None:
                raise Stuck(f"objective {objective.id!r}: {objective.target!r} is not on {objective.map!r} now "
                            f"(chapter {walk.story.chapter}, flags {sorted(walk.story.flags)})")
            if node:
                self.talk(node, walk, policy, outcome)
        raise Stuck(f"no credits after {limit} objectives: {walk.log[-6:]}")

    def node_for(self, map_name: str, target: str, story: StoryState) -> str | None:
        """The dialogue node the objective's target starts now ("" for a door or trigger that only sets flags),
        or None when the target is not there."""
        world = self.maps.get(map_name)
        if world is None:
            return None
        core = Exploration(world, None, story)
        for npc in core.npcs:
            if npc.name == target:
                return npc.dialogue
        for obj in world.objects:
            if obj.name != target:
                continue
            if obj.kind == "machine":
                return str(obj.prop("dialogue", "")) if core.present(obj, story) else None
            if obj.kind == "door":
                return self._arrive(str(obj.prop("target_map", "")), str(obj.prop("target_spawn", "")), story)
            if obj.kind == "trigger":
                return self._fire(obj, story)
            if obj.kind == "spawn":
                return self._arrive(map_name, obj.name, story)
        return None

    def _arrive(self, map_name: str, spawn: str, story: StoryState) -> str:
        """Arriving through a door: the triggers under the arrival spawn fire."""
        world = self.maps.get(map_name)
        if world is None or spawn not in world.spawns():
            return ""
        fx, fy = world.spawns()[spawn].feet
        for trig in world.by_kind("trigger"):
            x, y, w, h = trig.rect
            if x <= fx < x + w and y <= fy < y + h:
                node = self._fire(trig, story)
                if node:
                    return node
        return ""

    def _fire(self, trig, story: StoryState) -> str:
        if not condition_holds(trig.prop("condition"), story):
            return ""
        flag = trig.prop("set_flag")
        if flag:
            story.set_flag(str(flag))
        return str(trig.prop("dialogue", "") or "")

    def talk(self, node: str, walk: Walk, policy: Policy, outcome: OutcomeRule) -> None:
        walk.log.append(f"talk {node}")
        runner = DialogueRunner(self.dialogue, walk.story)
        event = runner.start(node)
        for _ in range(EVENT_LIMIT):
            if isinstance(event, Ended):
                return
            if isinstance(event, LineEvent):
                walk.lines += 1
                walk.words += len(event.line.text.split())
                event = runner.advance()
            elif isinstance(event, ChoiceEvent):
                event = runner.choose(policy(event.options, walk))
            elif isinstance(event, CommandEvent):
                event = runner.resume(self.command(event, walk, outcome))
                if walk.credits:
                    return
        raise Stuck(f"the conversation {node!r} does not end ({walk.log[-4:]})")

    def command(self, event: CommandEvent, walk: Walk, outcome: OutcomeRule):
        name, args = event.name, event.args
        story = walk.story
        if name == "minigame":
            game, encounter = args["game"], args["encounter"]
            won = bool(outcome(game, encounter, walk))
            walk.minigames.append((game, encounter, won))
            walk.last_minigame = (game, encounter)
            walk.log.append(f"minigame {game}:{encounter} {'win' if won else 'lose'}")
            if won:
                story.add("grade_points", GRADE_POINTS["A"])
            return Outcome(game, encounter, won, 1000 if won else 0, 600, "A" if won else "")
        if name == "end_chapter":
            story.chapter = int(args["chapter"]) + 1
            walk.log.append(f"chapter {story.chapter}")
            if story.chapter == self.chapters.last and not story.ending:
                ending = self.chapters.ending(story)
                chosen = ending.id if ending is not None else "crossroads"
                for flag in ("ending_bridge", "ending_crossroads", "ending_reboot"):
                    story.set_flag(flag, flag == f"ending_{chosen}")
        elif name == "ending":
            story.ending = str(args["name"])
            for flag in ("ending_bridge", "ending_crossroads", "ending_reboot"):
                story.set_flag(flag, flag == f"ending_{story.ending}")
            walk.log.append(f"ending {story.ending}")
        elif name == "credits":
            story.set_flag("game_over")
            walk.credits = True
            walk.log.append("credits")
        return None
