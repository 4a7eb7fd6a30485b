"""The checkers ``neosmiles check`` runs, in order. Each content kind adds its checker here."""

from __future__ import annotations


def checkers() -> list:
    found: list = []
    from game.swarm.check import SwarmEncounterChecker

    found.append(SwarmEncounterChecker())
    return found
