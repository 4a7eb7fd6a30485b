"""The checkers ``neosmiles check`` runs, in order. Each content kind adds its checker here."""

from __future__ import annotations


def checkers() -> list:
    from game.dialogue.validate import DialogueChecker
    from game.spectra.encounter import SpectraEncounterChecker
    from game.story.chapters import ChaptersChecker
    from game.swarm.check import SwarmEncounterChecker
    from game.world.check import MapChecker

    found: list = [MapChecker(), DialogueChecker(), SwarmEncounterChecker(), SpectraEncounterChecker(),
                        ChaptersChecker()]
    return found
