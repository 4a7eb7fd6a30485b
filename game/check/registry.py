"""The checkers ``neosmiles check`` runs, in order. Each content kind adds its checker here."""

from __future__ import annotations


def checkers() -> list:
    from game.world.check import MapChecker

    found: list = [MapChecker()]
    return found
