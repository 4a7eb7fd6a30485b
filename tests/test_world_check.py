"""``neosmiles check`` for maps: each kind of mistake in a crafted map is reported as path:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.check import ContentIndex
from game.check.cli import check_paths
from game.world.check import check_map
from tests.worldmaps import ROOM, npc, obj, spawn, write_map

LEVELS = Path(__file__).resolve().parent.parent / "levels"


def messages(path, index=None):
    return [(p.line, p.message) for p in check_map(path, index)]


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


def test_every_map_in_levels_passes_the_check():
    problems, count = check_paths([LEVELS], [LEVELS])
    assert count >= 3
    assert problems == []


def test_a_good_crafted_map_passes(tmp_path):
    path = write_map(tmp_path, "good", spawn("start", 2, 2) + "\n" + npc("malik", 5, 3, 2))
    assert messages(path) == []


def test_broken_xml_is_reported_with_its_line_and_no_traceback(tmp_path):
    path = write_map(tmp_path, "broken", spawn("start", 2, 2))
    text = path.read_text().replace('<point/></object>', '<point/>', 1)
    path.write_text(text)
    found = check_map(path)
    assert len(found) == 1 and "broken XML" in found[0].message
    assert found[0].line > 1
    assert str(found[0]).startswith(f"{path}:{found[0].line}: ")


def test_missing_tileset_file(tmp_path):
    path = write_map(tmp_path, "nots", spawn("start", 2, 2), tileset="nowhere/missing.tsx")
    (line, message), = messages(path)
    assert "missing.tsx" in message and "does not exist" in message
    assert line == line_of(path, "<tileset")


def test_missing_tileset_image(tmp_path):
    (tmp_path / "t.tsx").write_text('<?xml version="1.0"?>\n<tileset version="1.8" name="t" tilewidth="16" '
                                    'tileheight="16" tilecount="4" columns="2">\n <image source="gone.png" '
                                    'width="32" height="32"/>\n</tileset>\n')
    path = write_map(tmp_path, "noimg", spawn("start", 2, 2), tileset="t.tsx")
    found = check_map(path)
    assert len(found) == 1 and "gone.png" in found[0].message and found[0].line == 3
    assert found[0].path.endswith("t.tsx")


def test_unknown_object_type(tmp_path):
    path = write_map(tmp_path, "unknown", spawn("start", 2, 2) + "\n" + obj("teleporter", "t", 4, 4, 1, 1, 2))
    (line, message), = messages(path)
    assert "unknown object type 'teleporter'" in message and line == line_of(path, 'type="teleporter"')


def test_missing_property(tmp_path):
    path = write_map(tmp_path, "missing", spawn("start", 2, 2) + "\n"
                     + obj("door", "d", 8, 3, 1, 1, 2, target_map="missing"))
    found = messages(path)
    assert any("needs the property 'target_spawn'" in m for _, m in found)


def test_mistyped_property(tmp_path):
    trig = obj("trigger", "t", 3, 3, 2, 2, 2, set_flag="saw_letter").replace(
        "</properties>", '<property name="once" type="int" value="1"/></properties>')
    path = write_map(tmp_path, "typed", spawn("start", 2, 2) + "\n" + trig)
    found = messages(path)
    assert any("'once' must be a bool, not a int" in m for _, m in found), found


def test_door_to_a_missing_map_and_to_a_missing_spawn(tmp_path):
    write_map(tmp_path, "other", spawn("start", 2, 2))
    objects = "\n".join([spawn("start", 2, 2), obj("door", "a", 8, 2, 1, 1, 2, target_map="nowhere", target_spawn="x"),
                         obj("door", "b", 8, 4, 1, 1, 3, target_map="other", target_spawn="nope")])
    path = write_map(tmp_path, "doors", objects)
    found = messages(path)
    assert any("target map 'nowhere' does not exist" in m for _, m in found)
    assert any("map 'other' has no spawn 'nope'" in m for _, m in found)


def test_spawn_and_npc_in_a_solid_tile(tmp_path):
    path = write_map(tmp_path, "walls", spawn("start", 2, 2) + "\n" + spawn("inwall", 0, 3, 2) + "\n"
                     + npc("stuck", 9, 5, 3))
    found = messages(path)
    assert any("spawn 'inwall' stands in a solid" in m for _, m in found)
    assert any("npc 'stuck' stands in a solid" in m for _, m in found)


def test_unreachable_door_and_npc_by_flood_fill(tmp_path):
    rows = list(ROOM)
    rows[1] = "#....#...#"
    rows[2] = "#....#...#"
    rows[3] = "#....#...#"
    rows[4] = "#....#...#"
    rows[5] = "#....#...#"
    rows[6] = "#....#...#"
    objects = "\n".join([spawn("start", 2, 2), npc("hermit", 7, 3, 2),
                         obj("door", "locked", 7, 5, 1, 1, 3, target_map="walled", target_spawn="start")])
    path = write_map(tmp_path, "walled", objects, rows=rows)
    found = messages(path)
    assert any("npc 'hermit' cannot be reached" in m for _, m in found)
    assert any("door 'locked' cannot be reached" in m for _, m in found)


def test_npc_naming_a_missing_dialogue_node_once_dialogue_is_known(tmp_path):
    path = write_map(tmp_path, "talk", spawn("start", 2, 2) + "\n" + npc("malik", 5, 3, 2, dialogue="no_such_node"))
    assert messages(path) == []  # dialogue unknown: nothing to compare against
    index = ContentIndex(dialogue_nodes={"malik_tour"})
    (line, message), = messages(path, index)
    assert "dialogue node 'no_such_node' does not exist" in message
    assert line == line_of(path, 'name="dialogue"')


def test_trigger_rules_flags_and_conditions(tmp_path):
    objects = "\n".join([spawn("start", 2, 2),
                         obj("trigger", "a", 3, 3, 1, 1, 2, set_flag="made_up_flag", once=True),
                         obj("trigger", "b", 4, 3, 1, 1, 3, set_flag="saw_letter", once=True, condition="a and ("),
                         obj("trigger", "c", 5, 3, 1, 1, 4, once=True)])
    path = write_map(tmp_path, "trig", objects)
    found = " | ".join(m for _, m in messages(path))
    assert "'made_up_flag' is not one a map may set" in found
    assert "condition:" in found
    assert "needs exactly one of 'dialogue' or 'set_flag'" in found


def test_templates_and_class_attribute_are_refused(tmp_path):
    objects = spawn("start", 2, 2) + '\n  <object id="5" template="x.tx" x="16" y="16"/>' \
        + '\n  <object id="6" class="door" x="32" y="32" width="16" height="16"/>'
    path = write_map(tmp_path, "tpl", objects)
    found = " | ".join(m for _, m in messages(path))
    assert "templates" in found and "not 'class='" in found


@pytest.mark.parametrize("junk", [b"", b"\x00\x01garbage", b"<map><layer></map>", b"<notamap/>"])
def test_garbage_never_raises(tmp_path, junk):
    path = tmp_path / "junk.tmx"
    path.write_bytes(junk)
    found = check_map(path)
    assert found and all(p.path == str(path) for p in found)


def test_check_command_exits_1_on_a_bad_folder_and_0_on_levels(tmp_path, capsys):
    from game.cli import main

    write_map(tmp_path, "bad", obj("teleporter", "t", 4, 4, 1, 1, 2))
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "bad.tmx:" in out and "unknown object type" in out
    assert main(["check", str(LEVELS)]) == 0


def test_flags_and_condition_names_are_checked_against_the_story_declarations(tmp_path):
    objects = "\n".join([spawn("start", 2, 2),
                         obj("trigger", "a", 3, 3, 1, 1, 2, set_flag="saw_letter", once=True,
                             condition="not mystery and visited(nowhere)")])
    path = write_map(tmp_path, "decl", objects)
    assert messages(path) == []
    index = ContentIndex(dialogue_nodes={"malik_tour"}, flags={"entered_hall"}, counters=set())
    found = " | ".join(m for _, m in messages(path, index))
    assert "'saw_letter' is not declared" in found
    assert "'mystery'" in found and "unknown node 'nowhere'" in found


def test_a_wander_route_through_a_wall_is_reported(tmp_path):
    rows = list(ROOM)
    rows[3] = "#....#...#"
    path = write_map(tmp_path, "route", spawn("start", 2, 2) + "\n" + npc("pacer", 2, 3, 2, wander="2,3 7,3"),
                     rows=rows)
    found = messages(path)
    assert any("wander route is blocked at tile (5, 3)" in m for _, m in found)
    assert messages(write_map(tmp_path, "route", spawn("start", 2, 2) + "\n"
                              + npc("pacer", 2, 4, 2, wander="2,4 7,4"), rows=rows)) == []


def test_damaged_copies_of_a_real_map_never_raise(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = (LEVELS / "debate_hall.tmx").read_text().replace("../assets", str(LEVELS.parent / "assets"))

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.integers(0, len(text) - 1), st.integers(1, 400), st.sampled_from(["", "<", "\"", "x", "0", ">"]))
    def damaged(start, length, junk):
        path = tmp_path / "damaged.tmx"
        path.write_text(text[:start] + junk + text[start + length:])
        for problem in check_map(path):
            assert problem.line >= 0 and problem.message

    damaged()


def test_a_spawn_inside_a_door_is_reported(tmp_path):
    objects = "\n".join([spawn("start", 2, 2), spawn("trap", 6, 3, 3),
                         obj("door", "exit", 6, 3, 1, 1, 2, target_map="loop", target_spawn="start")])
    path = write_map(tmp_path, "loop", objects)
    assert any("spawn 'trap' stands in door 'exit'" in m for _, m in messages(path))
