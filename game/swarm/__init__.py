"""The nano-bot swarm minigame: a pure numpy core (sim, grid, tissue, particles, encounter, autopilot)
and its pygame side (render, scene). ``build`` and ``encounters`` are what the registries call."""

from __future__ import annotations


def encounters(ctx) -> list[str]:
    """Encounter names in story order, read from ``levels/encounters/swarm/``."""
    from game.swarm.encounter import encounter_names

    return encounter_names(ctx.paths.encounters / "swarm")


def build(ctx, encounter: str, difficulty: str, on_finish, restart=None, ghost_frames=None):
    """The scene for one encounter (``on_finish=None``: practice, with Retry and Quit to title);
    ``ghost_frames``: a personal best's play frames, drawn as a ghost beacon (practice only)."""
    from game.swarm.encounter import load
    from game.swarm.scene import SwarmScene

    data = load(ctx.paths.encounters / "swarm", encounter, difficulty)
    return SwarmScene(ctx, data, on_finish=on_finish, restart=restart, ghost_frames=ghost_frames)


def build_practice(ctx, start):
    """Start point ``practice-swarm`` (params ``level``, ``difficulty``); bad params raise EncounterError."""
    from game.swarm.ghost import practice_ghost

    names = encounters(ctx)
    level = start.get("level") or (names[0] if names else "tutorial")
    return build(ctx, level, start.get("difficulty") or "normal", None, restart=start,
                 ghost_frames=practice_ghost(ctx, start))
