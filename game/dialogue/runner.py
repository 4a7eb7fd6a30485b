"""DialogueRunner: walks a conversation, one line, menu or command at a time. Pure Python.

Each node is compiled once into a flat list of instructions (a line, a menu, a command, a conditional
skip, a goto, an effect, a jump, a detour, the end); the runner's position is then just the node and
an index, which makes the state trivially serialisable: ``to_data`` gives JSON-able data and
``from_data`` puts a new runner back on the same line (it also remembers the line's id, so a save
made before the text was edited still finds its line, or falls back to the node's start).

The host (the dialogue scene, or a test) drives it:

    event = runner.start("malik_tour")
    while not isinstance(event, Ended):
        if isinstance(event, LineEvent): ...show it...; event = runner.advance()
        elif isinstance(event, ChoiceEvent): event = runner.choose(option_id)
        elif isinstance(event, CommandEvent): event = runner.resume(outcome_or_None)

``visited(node)`` in a condition is true once a conversation has passed through the node and left it
(by a jump, the end of a detour or the end of the conversation), so inside a node ``visited(itself)``
asks "has the player been here before?". The runner never imports pygame, never reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.dialogue.model import (
    Branch,
    Choice,
    Command,
    Detour,
    Dialogue,
    Effect,
    End,
    Jump,
    Option,
    Say,
)
from game.story.conditions import Condition
from game.story.state import StoryState

STATE_VERSION = 1
HISTORY_LIMIT = 200


# what the host sees --------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineEvent:
    line: Say

    @property
    def id(self) -> str:
        return self.line.id


@dataclass(frozen=True)
class ChoiceEvent:
    options: tuple[Option, ...]


@dataclass(frozen=True)
class CommandEvent:
    command: Command

    @property
    def name(self) -> str:
        return self.command.name

    @property
    def args(self) -> dict:
        return dict(self.command.args)


@dataclass(frozen=True)
class Ended:
    pass


Event = LineEvent | ChoiceEvent | CommandEvent | Ended


# compiled instructions -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Op:
    kind: str  # say | choice | command | unless | goto | effect | jump | detour | end
    step: Any = None
    target: Any = None  # goto/unless: index; jump/detour: node id; choice: option index -> index
    condition: Condition | None = None


def compile_steps(steps) -> list[_Op]:
    ops: list[_Op] = []
    _emit(steps, ops)
    ops.append(_Op("return"))
    return ops


def _emit(steps, ops: list[_Op]) -> None:
    for step in steps:
        if isinstance(step, Say):
            ops.append(_Op("say", step))
        elif isinstance(step, Effect):
            ops.append(_Op("effect", step))
        elif isinstance(step, Jump):
            ops.append(_Op("jump", step, step.target))
        elif isinstance(step, Detour):
            ops.append(_Op("detour", step, step.target))
        elif isinstance(step, End):
            ops.append(_Op("end", step))
        elif isinstance(step, Branch):
            skip = len(ops)
            ops.append(_Op("unless"))  # patched below
            _emit(step.then, ops)
            if step.otherwise:
                done = len(ops)
                ops.append(_Op("goto"))
                ops[skip] = _Op("unless", step, len(ops), step.condition)
                _emit(step.otherwise, ops)
                ops[done] = _Op("goto", None, len(ops))
            else:
                ops[skip] = _Op("unless", step, len(ops), step.condition)
        elif isinstance(step, Choice):
            at = len(ops)
            ops.append(_Op("choice"))
            starts, exits = [], []
            for option in step.options:
                starts.append(len(ops))
                _emit(option.body, ops)
                exits.append(len(ops))
                ops.append(_Op("goto"))
            for i in exits:
                ops[i] = _Op("goto", None, len(ops))
            ops[at] = _Op("choice", step, (tuple(starts), len(ops)))
        elif isinstance(step, Command):
            at = len(ops)
            ops.append(_Op("command"))
            starts, exits = {}, []
            for outcome, body in step.branches:
                starts[outcome] = len(ops)
                _emit(body, ops)
                exits.append(len(ops))
                ops.append(_Op("goto"))
            for i in exits:
                ops[i] = _Op("goto", None, len(ops))
            ops[at] = _Op("command", step, tuple(sorted(starts.items())))
        else:  # pragma: no cover - the loader builds only the steps above
            raise TypeError(f"unknown step {step!r}")


def check(condition: Condition | None, story: StoryState) -> bool:
    return condition is None or condition.evaluate(story)


# the runner ----------------------------------------------------------------------------------------
@dataclass
class _Frame:
    node: str
    pc: int


@dataclass
class DialogueRunner:
    dialogue: Dialogue
    story: StoryState
    stack: list[_Frame] = field(default_factory=list)
    #: once-only options already taken, by option id
    taken: set[str] = field(default_factory=set)
    #: (speaker id, text) said so far, oldest first; chosen options have speaker "" and text "> ..."
    history: list[tuple[str, str]] = field(default_factory=list)
    current: Event = field(default_factory=Ended)
    _compiled: dict[str, list[_Op]] = field(default_factory=dict, repr=False)

    # compiled code -----------------------------------------------------------------------------
    def ops(self, node_id: str) -> list[_Op]:
        ops = self._compiled.get(node_id)
        if ops is None:
            ops = self._compiled[node_id] = compile_steps(self.dialogue.node(node_id).steps)
        return ops

    # driving -----------------------------------------------------------------------------------
    def start(self, node_id: str) -> Event:
        if node_id not in self.dialogue.nodes:
            raise KeyError(f"no dialogue node {node_id!r}")
        self.stack = [_Frame(node_id, 0)]
        return self._run()

    @property
    def finished(self) -> bool:
        return isinstance(self.current, Ended)

    @property
    def node(self) -> str | None:
        return self.stack[-1].node if self.stack else None

    def advance(self) -> Event:
        """Go on after the current line."""
        if not isinstance(self.current, LineEvent):
            raise RuntimeError(f"advance() needs a line, the runner is at {self.current!r}")
        self.stack[-1].pc += 1
        return self._run()

    def available(self) -> tuple[Option, ...]:
        if not isinstance(self.current, ChoiceEvent):
            return ()
        return self.current.options

    def choose(self, option_id: str) -> Event:
        if not isinstance(self.current, ChoiceEvent):
            raise RuntimeError("choose() needs a choice menu")
        frame = self.stack[-1]
        op = self.ops(frame.node)[frame.pc]
        for index, option in enumerate(op.step.options):
            if option.id == option_id and option in self.current.options:
                if option.once:
                    self.taken.add(option.id)
                self._log("", f"> {option.text}")
                frame.pc = op.target[0][index]
                return self._run()
        raise KeyError(f"option {option_id!r} is not on offer")

    def resume(self, outcome: Any = None) -> Event:
        """Go on after a command; ``outcome`` (a minigame ``Outcome``) picks the ``on_win``/``on_lose`` arm."""
        if not isinstance(self.current, CommandEvent):
            raise RuntimeError("resume() needs a command")
        frame = self.stack[-1]
        op = self.ops(frame.node)[frame.pc]
        frame.pc += 1
        if outcome is not None:
            won = bool(getattr(outcome, "won", False))
            self.story.set_flag("last_won", won)
            self.story.counters["last_score"] = int(getattr(outcome, "score", 0))
            arm = dict(op.target).get("win" if won else "lose")
            if arm is not None:
                frame.pc = arm
        return self._run()

    # the interpreter ---------------------------------------------------------------------------
    def _leave(self, frame: _Frame) -> None:
        self.story.visit(frame.node)

    def _run(self) -> Event:
        guard = 0
        while self.stack:
            guard += 1
            if guard > 100_000:  # a loop `neosmiles check` cannot prove (it goes through if:): a content error
                from game.dialogue.model import DialogueError

                node = self.stack[-1].node
                where = self.dialogue.node(node).source
                raise DialogueError(f"{where.path}:{where.line}: dialogue node {node!r} loops without showing "
                                    f"anything in this story state; add a line, a choice or an end on the way")
            frame = self.stack[-1]
            ops = self.ops(frame.node)
            op = ops[frame.pc]
            kind = op.kind
            if kind == "say":
                self.current = LineEvent(op.step)
                self._log(op.step.speaker, op.step.text)
                return self.current
            if kind == "choice":
                offered = tuple(o for o in op.step.options
                                if check(o.condition, self.story) and not (o.once and o.id in self.taken))
                if offered:
                    self.current = ChoiceEvent(offered)
                    return self.current
                frame.pc = op.target[1]  # nothing on offer: go on after the menu
                continue
            if kind == "command":
                self.current = CommandEvent(op.step)
                return self.current
            if kind == "unless":
                frame.pc = frame.pc + 1 if check(op.condition, self.story) else op.target
            elif kind == "goto":
                frame.pc = op.target
            elif kind == "effect":
                self._apply(op.step)
                frame.pc += 1
            elif kind == "jump":
                self._leave(frame)
                self.stack[-1] = _Frame(op.target, 0)
            elif kind == "detour":
                frame.pc += 1
                self.stack.append(_Frame(op.target, 0))
            elif kind == "end":
                for f in reversed(self.stack):
                    self._leave(f)
                self.stack.clear()
            elif kind == "return":
                self._leave(frame)
                self.stack.pop()
        self.current = Ended()
        return self.current

    def _apply(self, effect: Effect) -> None:
        for name in effect.set:
            self.story.set_flag(name, True)
        for name in effect.clear:
            self.story.set_flag(name, False)
        for name, amount in effect.add:
            self.story.add(name, amount)

    def _log(self, speaker: str, text: str) -> None:
        self.history.append((speaker, text))
        if len(self.history) > HISTORY_LIMIT:
            del self.history[: len(self.history) - HISTORY_LIMIT]

    # saving ------------------------------------------------------------------------------------
    def to_data(self) -> dict:
        current = self.current
        return {
            "version": STATE_VERSION,
            "stack": [[f.node, f.pc] for f in self.stack],
            "line": current.id if isinstance(current, LineEvent) else None,
            "taken": sorted(self.taken),
            "history": [list(h) for h in self.history],
        }

    @classmethod
    def from_data(cls, dialogue: Dialogue, story: StoryState, data: dict) -> DialogueRunner:
        """A runner at the same place as the one saved; a stale position restarts its node."""
        runner = cls(dialogue, story)
        runner.taken = set(data.get("taken", []))
        runner.history = [(str(s), str(t)) for s, t in data.get("history", [])][-HISTORY_LIMIT:]
        stack = []
        for node, pc in data.get("stack", []):
            if node not in dialogue.nodes:
                continue
            pc = int(pc)
            if not 0 <= pc < len(runner.ops(node)):
                pc = 0
            stack.append(_Frame(node, pc))
        runner.stack = stack
        if not stack:
            runner.current = Ended()
            return runner
        line_id = data.get("line")
        top = stack[-1]
        ops = runner.ops(top.node)
        if line_id is not None and not (ops[top.pc].kind == "say" and ops[top.pc].step.id == line_id):
            found = [i for i, op in enumerate(ops) if op.kind == "say" and op.step.id == line_id]
            top.pc = found[0] if found else 0
        runner._run()
        if isinstance(runner.current, LineEvent) and runner.current.id == line_id and runner.history:
            runner.history.pop()  # the line was already in the saved history when it was first shown
        return runner

    def state_bytes(self) -> bytes:
        stack = ";".join(f"{f.node}@{f.pc}" for f in self.stack)
        return f"{stack}|{','.join(sorted(self.taken))}|{len(self.history)}".encode()
