"""The checkers ``neosmiles check`` runs, in order. Each content kind adds its checker here."""

from __future__ import annotations


def checkers() -> list:
    found: list = []
    from game.dialogue.validate import DialogueChecker

    found.append(DialogueChecker())
    from game.spectra.encounter import SpectraEncounterChecker

    found.append(SpectraEncounterChecker())
    return found
