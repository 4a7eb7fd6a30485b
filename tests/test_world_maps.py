"""The shipped maps: they load, use the agreed vocabulary and node ids, and Tiled's other readers agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.world.model import load_map

LEVELS = Path(__file__).resolve().parent.parent / "levels"
MAPS = sorted(LEVELS.glob("*.tmx"))

ROOT = LEVELS.parent


def entry_nodes() -> set[str]:
    from game.dialogue.validate import load_dialogue

    return {n.id for n in load_dialogue(ROOT / "dialogue").nodes.values() if n.entry}


def test_the_three_places_exist():
    assert {p.stem for p in MAPS} >= {"clinic", "street", "debate_hall"}


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_map_loads_with_a_start_spawn_and_known_nodes(path):
    world = load_map(path)
    assert "start" in world.spawns()
    used = {str(o.prop("dialogue")) for o in world.objects if o.prop("dialogue")}
    assert used and used <= entry_nodes()  # a map starts only entry nodes
    assert world.layers and all(len(layer.gids) == world.height for layer in world.layers)


def test_the_clinic_is_big_and_has_every_room_machine():
    world = load_map(LEVELS / "clinic.tmx")
    assert world.width >= 40 and world.height >= 30
    machines = {o.name for o in world.by_kind("machine")}
    assert machines >= {"reception_desk", "office_letter", "nanobot_chair_1", "nanobot_chair_2", "workshop_bench",
                        "spectra_console"}
    assert {o.prop("who") for o in world.by_kind("npc")} >= {"malik", "jenna"}


def test_the_three_waiting_room_patients_are_three_people_with_their_own_lines():
    world = load_map(LEVELS / "clinic.tmx")
    patients = [o for o in world.by_kind("npc") if o.name.startswith("patient_")]
    assert len(patients) == 3
    assert len({o.prop("who") for o in patients}) == 3 and len({o.prop("dialogue") for o in patients}) == 3


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_pytmx_reads_the_same_objects(path):
    pytmx = pytest.importorskip("pytmx")
    tiled = pytmx.TiledMap(str(path))
    ours = load_map(path)
    assert (tiled.width, tiled.height) == (ours.width, ours.height)
    theirs = sorted((o.name, o.type) for o in tiled.objects)
    assert theirs == sorted((o.name, o.kind) for o in ours.objects)


def test_the_tiled_project_defines_every_object_type_with_its_properties():
    import json

    from game.world.model import VOCABULARY
    from game.world.tmx import parse_file

    project = json.loads((LEVELS / "neosmiles.tiled-project").read_text())
    types = parse_file(LEVELS / project["objectTypesFile"])
    declared = {t.get("name"): {p.get("name"): p.get("type") for p in t.findall("property")}
                for t in types.findall("objecttype")}
    expected = {kind: {name: kind_type for name, (kind_type, _) in props.items()} for kind, props in VOCABULARY.items()}
    assert declared == expected
    assert all(t["type"] in ("enum", "class") for t in project["propertyTypes"])
