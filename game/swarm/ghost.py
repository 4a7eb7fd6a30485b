"""The personal-best ghost of swarm practice: the PB run's beacon, drawn beside the player's own.

A practice run of a swarm encounter looks up the personal-best replay of its category
(``game.replay.pb``) and hands the frames of that run's *play* phase to the scene, which moves a second
beacon with them through the same ``beacon_step``. The ghost is drawing only: it is never part of
``state_bytes``, so a run with a ghost records and verifies exactly like one without.

A replay holds every tick of the run, the briefing card and any pause included; ``play_frames`` keeps
the ticks the swarm itself was stepped on, following the scene's rules (the card closes on CONFIRM or a
click, or after ``BRIEF_TICKS``; PAUSE opens the pause menu, which Esc, PAUSE or Resume closes).
No pygame here.
"""

from __future__ import annotations

import logging

from game.core.actions import Action, ActionFrame

log = logging.getLogger(__name__)

BRIEF_TICKS = 600  # game.swarm.scene.BRIEF_TICKS (that module needs pygame; a test keeps the two equal)
PAUSE_ITEMS = 4  # Resume, Restart, Settings, Quit to title


def play_frames(frames: list[ActionFrame], brief_ticks: int = BRIEF_TICKS) -> list[ActionFrame]:
    """The frames a practice run's swarm was stepped with, in order (see the module docstring)."""
    out: list[ActionFrame] = []
    phase, t = "brief", 0
    pause_index = -1  # -1: not paused; else the pause menu's selected row
    for frame in frames:
        pressed = frame.pressed
        if pause_index >= 0:
            if pressed & (Action.CANCEL | Action.PAUSE):
                pause_index = -1
            elif pressed & Action.CONFIRM:
                if pause_index != 0:
                    break  # Restart, Settings or Quit: the ghost stops where the PB run left the swarm
                pause_index = -1
            else:
                dy = (1 if pressed & Action.DOWN else 0) - (1 if pressed & Action.UP else 0)
                pause_index = (pause_index + dy) % PAUSE_ITEMS
            continue
        t += 1
        if pressed & Action.PAUSE:
            pause_index = 0
            continue
        if phase == "brief":
            if pressed & (Action.CONFIRM | Action.POINTER) or t >= brief_ticks:
                phase = "play"
            continue
        out.append(frame)
    return out


def practice_ghost(ctx, start) -> list[ActionFrame] | None:
    """The ghost's frames for a swarm practice run from ``start``, or None (no PB, the setting is off, or
    a replay is being verified). ``ctx.options["ghost_frames"]`` (tests, tools) is used as given."""
    if "ghost_frames" in ctx.options:
        return ctx.options["ghost_frames"]
    if not ctx.settings["ghost"] or not ctx.persist:
        return None
    from game.replay.categories import category_of
    from game.replay.pb import personal_best_frames

    frames = personal_best_frames(ctx.paths, category_of(start, ctx.settings.simulation_values()))
    if not frames:
        return None
    ghost = play_frames(frames)
    log.info("swarm ghost: %d frames of the personal best", len(ghost))
    return ghost or None
