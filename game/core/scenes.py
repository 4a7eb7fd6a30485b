"""The pushdown stack of scenes.

A scene is one screen of the game: the title, the clinic map, a dialogue box, a minigame, a pause
menu. Only the top scene receives the tick's action frame; a covered scene keeps being updated (with
an idle frame) only if it sets ``update_when_covered``. A ``transparent`` scene lets the scenes below
it be drawn first (a dialogue box over the map). Push, pop and replace requested during a tick are
queued and applied after the tick, so no scene is ever removed while it is being updated.

This module never imports pygame: ``draw`` receives whatever surface the shell passes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from game.core.actions import ActionFrame, idle_at


class Scene:
    """Base class for scenes. Override the hooks you need; all default to doing nothing."""

    #: let the scenes below be drawn under this one
    transparent: bool = False
    #: keep receiving fixed updates (with an idle frame) while another scene is on top
    update_when_covered: bool = False
    #: whether the in-game timer runs while this scene is on top (menus pause it)
    counts_game_time: bool = True

    def enter(self) -> None:
        """Called once when the scene becomes part of the stack."""

    def exit(self) -> None:
        """Called once when the scene leaves the stack."""

    def pause(self) -> None:
        """Called when another scene is pushed on top of this one."""

    def resume(self) -> None:
        """Called when this scene is the top again."""

    def update(self, frame: ActionFrame) -> None:
        """Advance one fixed tick."""

    def draw(self, surface: Any, alpha: float) -> None:
        """Draw the current state. Must never change state. ``alpha`` is the interpolation fraction."""

    def state_bytes(self) -> bytes:
        """Bytes that identify the simulation state of this scene, for determinism digests."""
        return b""

    def ended(self) -> Any:
        """The scene's result once it is finished (a minigame outcome), else None."""
        return None


@dataclass(frozen=True)
class _Request:
    op: str  # "push" | "pop" | "replace" | "clear"
    scene: Scene | None = None


class SceneStack:
    """Holds the scenes, routes frames to them and applies stack changes between ticks."""

    def __init__(self) -> None:
        self._scenes: list[Scene] = []
        self._pending: list[_Request] = []
        self._updating = False
        #: called with (op, scene) after each applied change; the shell uses it for fades and timers
        self.on_change: Callable[[str, Scene | None], None] | None = None

    # queries ---------------------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    @property
    def scenes(self) -> tuple[Scene, ...]:
        return tuple(self._scenes)

    def __len__(self) -> int:
        return len(self._scenes)

    @property
    def empty(self) -> bool:
        return not self._scenes and not self._pending

    # requests (queued while a tick runs, applied immediately otherwise) -----------------------
    def push(self, scene: Scene) -> None:
        self._request(_Request("push", scene))

    def pop(self) -> None:
        self._request(_Request("pop"))

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for ``scene`` (the old top exits, the new one enters)."""
        self._request(_Request("replace", scene))

    def clear(self, scene: Scene | None = None) -> None:
        """Exit every scene, then (optionally) enter ``scene`` as the only one."""
        self._request(_Request("clear", scene))

    def _request(self, request: _Request) -> None:
        self._pending.append(request)
        if not self._updating:
            self.apply_pending()

    def apply_pending(self) -> None:
        while self._pending:
            request = self._pending.pop(0)
            self._apply(request)

    def _apply(self, request: _Request) -> None:
        scenes = self._scenes
        if request.op == "push":
            assert request.scene is not None
            if scenes:
                scenes[-1].pause()
            scenes.append(request.scene)
            request.scene.enter()
        elif request.op == "pop":
            if not scenes:
                return
            scenes.pop().exit()
            if scenes:
                scenes[-1].resume()
        elif request.op == "replace":
            assert request.scene is not None
            if scenes:
                scenes.pop().exit()
            scenes.append(request.scene)
            request.scene.enter()
        elif request.op == "clear":
            while scenes:
                scenes.pop().exit()
            if request.scene is not None:
                scenes.append(request.scene)
                request.scene.enter()
        if self.on_change is not None:
            self.on_change(request.op, request.scene)

    # the tick --------------------------------------------------------------------------------
    def update(self, frame: ActionFrame) -> None:
        """Give the top scene this tick's frame, covered scenes that ask for it an idle frame."""
        self._updating = True
        try:
            scenes = list(self._scenes)
            if scenes:
                idle = idle_at(frame.pointer)
                for scene in scenes[:-1]:
                    if scene.update_when_covered:
                        scene.update(idle)
                scenes[-1].update(frame)
        finally:
            self._updating = False
        self.apply_pending()

    def draw(self, surface: Any, alpha: float) -> None:
        """Draw from the lowest visible scene upward (transparent scenes show what is below)."""
        scenes = self._scenes
        start = len(scenes) - 1
        while start > 0 and scenes[start].transparent:
            start -= 1
        for scene in scenes[max(start, 0):]:
            scene.draw(surface, alpha)

    def state_bytes(self) -> bytes:
        parts = []
        for scene in self._scenes:
            parts.append(type(scene).__name__.encode())
            parts.append(scene.state_bytes())
        return b"\x00".join(parts)
