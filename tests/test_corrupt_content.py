"""Every loader against corrupted files: property-based corruption of each content kind.

For each kind (dialogue, swarm encounters, SPECTRA encounters, maps, tilesets) a real file from the
game is corrupted (truncated, bit-flipped, a value swapped for a hostile one: wrong types, non-finite
and huge numbers, YAML 1.1 forms, deep nesting, alias bombs, tags, duplicate keys) and then:

- ``neosmiles check``'s checker never raises and names the file;
- the game's loader raises only its own error type, naming the file;
- whatever ``check`` accepts, the game loads (the same parse is behind both).

Hypothesis examples are limited so the whole file stays fast; no assertion is timed, but the inputs
that used to take minutes (alias bombs, 5000-digit numbers) are in every run.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.check import ContentIndex
from game.check.cli import check_paths
from game.core.run import StartPoint
from game.dialogue.loader import DialogueError
from game.dialogue.validate import DialogueChecker, load_dialogue
from game.spectra import encounter as spectra
from game.swarm import encounter as swarm
from game.swarm.check import SwarmEncounterChecker
from game.world.check import check_map, check_tileset
from game.world.model import load_map
from game.world.physics import CollisionWorld
from game.world.tmx import TmxError

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/zero and link loops are POSIX")

ALIAS_BOMB = ('bomb0: &a0 ["x","x","x","x","x","x","x","x","x","x"]\n'
              + "".join(f"bomb{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)))
HOSTILE_YAML = [
    ".inf", "-.inf", ".nan", "1e999", "1.0e+999", "010", "9" * 5000, "-" + "9" * 40, "0x1", "0o17", "1:30",
    "1_000", "yes", "off",
    "~", "''", "[]", "{}", "[1, [2, [3]]]", "{a: 1}", "!!python/object/apply:os.system ['true']", "!custom x",
    "*nowhere", "true", "-1", "0", "2147483648", "12.5", '"\\x1b[31m"', "[" * 60 + "]" * 60, "&a [*a]",
    "'" + "x" * 3000 + "'",
]
HOSTILE_XML = ["inf", "-inf", "nan", "NaN", "abc", "", "0", "-5", "-1", "50000", "1e400", "9" * 5000, "0x10",
               "1.5", " 7 ", "4294967296", "-0", "1e6"]


def copy_tree(src: Path, dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    return dst


# corruption --------------------------------------------------------------------------------------
def damaged(draw, data: bytes, kind: str) -> bytes:
    """``data`` cut short anywhere ("truncate"), or with up to eight bits flipped ("flip")."""
    if kind == "truncate":
        return data[:draw(st.integers(0, len(data)))]
    out = bytearray(data)
    for at, bit in draw(st.lists(st.tuples(st.integers(0, len(out) - 1), st.integers(0, 7)),
                                 min_size=1, max_size=8)):
        out[at] ^= 1 << bit
    return bytes(out)


@st.composite
def corrupt_yaml(draw, text: str) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "value", "value", "value", "prepend", "nest"]))
    data = text.encode()
    if kind in ("truncate", "flip"):
        return damaged(draw, data, kind)
    if kind == "value":  # swap one value (after "key:" or "- ") for a hostile one
        spots = [m for m in re.finditer(r"(?m)(?::|^\s*-) +([^\n#]+)$", text)]
        spot = draw(st.sampled_from(spots))
        value = draw(st.sampled_from(HOSTILE_YAML))
        return (text[:spot.start(1)] + value + text[spot.end(1):]).encode()
    if kind == "prepend":
        extra = draw(st.sampled_from([ALIAS_BOMB, "title: again\n", "x: !!binary aGk=\n", "\ufeff", "--- \n",
                                      "%YAML 1.1\n---\n", "\t\n", "? [a]\n: b\n"]))
        return (extra + text).encode()
    depth = draw(st.integers(20, 3000))
    return (text + "\ndeep: " + "[" * depth + "]" * depth + "\n").encode()


@st.composite
def corrupt_xml(draw, text: str) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "attribute", "attribute", "attribute", "groups", "doctype"]))
    data = text.encode()
    if kind in ("truncate", "flip"):
        return damaged(draw, data, kind)
    if kind == "attribute":  # one attribute value swapped for a hostile one (or a few of them)
        spots = list(re.finditer(r'\b(\w+)="([^"]*)"', text))
        for _ in range(draw(st.integers(1, 3))):
            spot = draw(st.sampled_from(spots))
            value = draw(st.sampled_from(HOSTILE_XML))
            text = text[:spot.start(2)] + value + text[spot.end(2):]
            spots = list(re.finditer(r'\b(\w+)="([^"]*)"', text))
        return text.encode()
    if kind == "groups":
        depth = draw(st.integers(10, 5000))
        nested = "<group>" * depth + "</group>" * depth
        return text.replace("</map>", nested + "</map>").encode()
    bomb = ('<!DOCTYPE map [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    return text.replace("<map", bomb + "<map", 1).replace('name="', 'name="&c;', 1).encode()


# dialogue ----------------------------------------------------------------------------------------
def _dialogue_agree(folder: Path, target: Path) -> None:
    files = sorted(folder.glob("*.yaml"))
    problems = DialogueChecker().check(files, ContentIndex())
    assert all(p.path.startswith(str(folder)) for p in problems)
    try:
        load_dialogue(folder)
    except DialogueError as exc:
        assert str(folder) in str(exc) or "no dialogue files" in str(exc)
        if not problems:
            pytest.fail(f"check accepted the dialogue but the game refused it: {exc}")


@FEW
@given(data=st.data())
def test_dialogue_corruption(tmp_path, data):
    folder = copy_tree(ROOT / "dialogue", tmp_path / "dialogue")
    for extra in folder.glob("*.md"):
        extra.unlink()
    target = folder / data.draw(st.sampled_from(["epilogue.yaml", "story.yaml"]))
    target.write_bytes(data.draw(corrupt_yaml(target.read_text(encoding="utf-8"))))
    _dialogue_agree(folder, target)


def test_dialogue_alias_bomb_is_refused_within_a_memory_bound(tmp_path):
    folder = copy_tree(ROOT / "dialogue", tmp_path / "dialogue")
    target = folder / "epilogue.yaml"
    target.write_text(ALIAS_BOMB + target.read_text(encoding="utf-8"), encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(DialogueError, match=r"epilogue.yaml:\d+: .*expands to more than"):
            load_dialogue(folder)
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_a_node_that_only_jumps_to_itself_fails_check_and_load(tmp_path):
    folder = copy_tree(ROOT / "dialogue", tmp_path / "dialogue")
    (folder / "README.md").unlink()
    (folder / "spin.yaml").write_text("spin:\n  entry: true\n  script:\n    - jump: spin\n", encoding="utf-8")
    problems, _count = check_paths([folder], [])
    assert any("spin.yaml:4: node 'spin' loops without showing a line" in str(p) for p in problems)
    with pytest.raises(DialogueError, match="loops without showing a line"):
        load_dialogue(folder)


def test_conditions_that_blow_the_stack_or_the_number_parser_are_problems(tmp_path):
    folder = copy_tree(ROOT / "dialogue", tmp_path / "dialogue")
    (folder / "README.md").unlink()
    deep = "(" * 5000 + "met_malik" + ")" * 5000
    long = " and ".join(["met_malik"] * 50_000)
    nots = "not " * 5000 + "met_malik"
    huge = "trust > " + "9" * 5000
    lines = "".join(f"    - if: \"{c}\"\n      then:\n        - lena: Hi.\n" for c in (deep, long, nots, huge))
    (folder / "cond.yaml").write_text(f"cond:\n  entry: true\n  script:\n{lines}", encoding="utf-8")
    problems, _count = check_paths([folder / "cond.yaml"], [])
    bad = [p for p in problems if "bad condition" in p.message]
    assert len(bad) == 4 and all(p.path.endswith("cond.yaml") for p in bad)
    with pytest.raises(DialogueError):
        load_dialogue(folder)


# swarm and SPECTRA encounters --------------------------------------------------------------------
def _swarm_agree(folder: Path, name: str) -> None:
    path = folder / f"{name}.yaml"
    problems = SwarmEncounterChecker().check([path], ContentIndex())
    assert all(p.path == str(path) for p in problems)
    for difficulty in swarm.DIFFICULTIES:
        try:
            loaded = swarm.load(folder, name, difficulty)
        except swarm.EncounterError as exc:
            assert str(folder) in str(exc)  # the encounter, or the tissue map it names
            assert problems, f"check accepted {path} but loading it failed: {exc}"
            continue
        import numpy as np

        from game.swarm.sim import Swarm

        Swarm(loaded, np.random.default_rng(1), bots=min(loaded.bots, 64))  # what practice builds first
    swarm.encounter_names(folder)  # the menu's listing never raises


@FUZZ
@given(data=st.data())
def test_swarm_encounter_corruption(tmp_path, data):
    folder = copy_tree(ROOT / "levels" / "encounters" / "swarm", tmp_path / "encounters" / "swarm")
    name = data.draw(st.sampled_from(["tutorial", "malfunction", "emergency"]))
    path = folder / f"{name}.yaml"
    path.write_bytes(data.draw(corrupt_yaml(path.read_text(encoding="utf-8"))))
    _swarm_agree(folder, name)


def _spectra_agree(root: Path, name: str) -> None:
    path = spectra.encounter_path(root, name)
    problems = spectra.check_file(path)
    assert all(p.path == str(path) for p in problems)
    try:
        loaded = spectra.load(root, name)
    except spectra.EncounterError as exc:
        assert str(path) in str(exc)
        assert problems, f"check accepted {path} but loading it failed: {exc}"
        return
    for difficulty in spectra.DIFFICULTIES:
        loaded.tuning(difficulty)  # every difficulty the game may ask for is there


@FEW
@given(data=st.data())
def test_spectra_encounter_corruption(tmp_path, data):
    root = tmp_path / "encounters"
    folder = copy_tree(ROOT / "levels" / "encounters" / "spectra", root / "spectra")
    name = data.draw(st.sampled_from(["first-layer", "full-dive"]))
    path = folder / f"{name}.yaml"
    path.write_bytes(data.draw(corrupt_yaml(path.read_text(encoding="utf-8"))))
    _spectra_agree(root, name)


@pytest.mark.parametrize("value", ["0x1", "1:30", "0o17", "1_000", "010", "1e3", ".inf", "1.0e+999", "9" * 5000,
                                   "yes", "12.0"])
def test_yaml_1_1_and_odd_numbers_are_read_alike_by_both_encounter_loaders(tmp_path, value):
    swarm_folder = copy_tree(ROOT / "levels" / "encounters" / "swarm", tmp_path / "encounters" / "swarm")
    text = (swarm_folder / "tutorial.yaml").read_text(encoding="utf-8")
    (swarm_folder / "tutorial.yaml").write_text(re.sub(r"(?m)^time_limit: .*$", f"time_limit: {value}", text))
    spectra_folder = copy_tree(ROOT / "levels" / "encounters" / "spectra", tmp_path / "encounters" / "spectra")
    text = (spectra_folder / "first-layer.yaml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^ +time: ", text)
    (spectra_folder / "first-layer.yaml").write_text(re.sub(r"(?m)^( +)time: .*$", rf"\g<1>time: {value}", text))
    swarm_problems = SwarmEncounterChecker().check([swarm_folder / "tutorial.yaml"], ContentIndex())
    spectra_problems = spectra.check_file(spectra_folder / "first-layer.yaml")
    assert swarm_problems and spectra_problems  # refused by both (none is a decimal whole number)
    with pytest.raises(swarm.EncounterError):
        swarm.load(swarm_folder, "tutorial")
    with pytest.raises(spectra.EncounterError):
        spectra.load(tmp_path / "encounters", "first-layer")


@pytest.mark.parametrize("bad", ["title: A\ntitle: B\n", "bots: !!int 5\n", "bots: &b 5\nx: *b\n"])
def test_duplicate_keys_and_tags_are_refused_by_check_and_load(tmp_path, bad):
    folder = copy_tree(ROOT / "levels" / "encounters" / "swarm", tmp_path / "encounters" / "swarm")
    path = folder / "tutorial.yaml"
    path.write_text(bad + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert SwarmEncounterChecker().check([path], ContentIndex())
    with pytest.raises(swarm.EncounterError, match=re.escape(str(path))):
        swarm.load(folder, "tutorial")


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "..", "a/b"])
def test_encounter_names_are_never_paths(tmp_path, name):
    with pytest.raises(swarm.EncounterError, match="not an encounter name"):
        swarm.load(ROOT / "levels" / "encounters" / "swarm", name)
    with pytest.raises(spectra.EncounterError, match="not an encounter name"):
        spectra.load(ROOT / "levels" / "encounters", name)


# maps and tilesets -------------------------------------------------------------------------------
def _content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "levels").mkdir(parents=True, exist_ok=True)
    for name in ("clinic.tmx",):
        shutil.copy(ROOT / "levels" / name, root / "levels" / name)
    copy_tree(ROOT / "assets" / "tilesets", root / "assets" / "tilesets")
    return root


def _map_agree(path: Path, play: bool = False) -> None:
    problems = check_map(path, ContentIndex())
    try:
        world = load_map(path)
    except TmxError as exc:
        assert exc.path.endswith((".tmx", ".tsx"))
        assert problems, f"check accepted {path} but loading it failed: {exc}"
        return
    CollisionWorld(world)  # what the exploration scene builds from it
    if play and not problems:  # accepted: the game starts on it and walks about
        from game.app.boot import BootOptions, boot
        from game.app.sources import ScriptedInput
        from game.core.actions import Action, ActionFrame

        frames = [ActionFrame(Action.RIGHT)] * 5 + [ActionFrame(Action.DOWN)] * 5
        game = boot(BootOptions(start=StartPoint.of("map", map=str(path)), seed=1, headless=True, persist=False),
                    source=ScriptedInput(frames))
        game.run_headless(len(frames))


@FUZZ
@given(data=st.data())
def test_map_corruption(tmp_path, data):
    root = _content_copy(tmp_path)
    path = root / "levels" / "clinic.tmx"
    path.write_bytes(data.draw(corrupt_xml(path.read_text(encoding="utf-8"))))
    _map_agree(path, play=True)


@FEW
@given(data=st.data())
def test_tileset_corruption(tmp_path, data):
    root = _content_copy(tmp_path)
    tileset = root / "assets" / "tilesets" / "interior.tsx"
    tileset.write_bytes(data.draw(corrupt_xml(tileset.read_text(encoding="utf-8"))))
    for problem in check_tileset(tileset):
        assert problem.path == str(tileset)
    _map_agree(root / "levels" / "clinic.tmx")


@pytest.mark.parametrize("attribute, value, fragment", [
    ('width="48"', 'width="inf"', "not a finite number"),
    ('width="48"', 'width="50000" height="50000"', "out of range"),
    ('width="48"', 'width="-3"', "out of range"),
    ('tilewidth="16"', 'tilewidth="0"', "out of range"),
    ('width="48"', 'width="abc"', "is not a number"),
])
def test_bad_map_sizes_are_refused_with_path_and_line(tmp_path, attribute, value, fragment):
    root = _content_copy(tmp_path)
    path = root / "levels" / "clinic.tmx"
    text = path.read_text(encoding="utf-8")
    if "height" in value:
        text = re.sub(r'(<map[^>]*?) height="\d+"', r"\1", text, count=1)
    path.write_text(text.replace(attribute, value, 1), encoding="utf-8")
    with pytest.raises(TmxError, match=fragment) as info:
        load_map(path)
    assert info.value.line == 2
    (problem,) = check_map(path)
    assert str(problem).startswith(f"{path}:2: ")


def test_objects_with_non_numeric_or_non_finite_positions(tmp_path):
    root = _content_copy(tmp_path)
    path = root / "levels" / "clinic.tmx"
    text = path.read_text(encoding="utf-8")
    for bad in ('x="abc"', 'x="nan"', 'y="inf"', 'x="1e400"'):
        name = bad.split("=")[0]
        path.write_text(re.sub(rf'<object ([^>]*?) {name}="[^"]*"', rf'<object \1 {bad}', text, count=1),
                        encoding="utf-8")
        with pytest.raises(TmxError, match="number"):
            load_map(path)
        assert check_map(path)


def test_columns_zero_in_a_tileset(tmp_path):
    root = _content_copy(tmp_path)
    tileset = root / "assets" / "tilesets" / "interior.tsx"
    tileset.write_text(re.sub(r'columns="\d+"', 'columns="0"', tileset.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(TmxError, match=r"interior.tsx:\d+: .*columns"):
        load_map(root / "levels" / "clinic.tmx")


def test_deep_groups_and_entity_bombs_are_refused(tmp_path):
    root = _content_copy(tmp_path)
    path = root / "levels" / "clinic.tmx"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</map>", "<group>" * 100_000 + "</group>" * 100_000 + "</map>"), encoding="utf-8")
    with pytest.raises(TmxError, match="nested more than"):
        load_map(path)
    path.write_text(text.replace("<map", '<!DOCTYPE map [<!ENTITY a "x">]><map', 1), encoding="utf-8")
    with pytest.raises(TmxError, match="DOCTYPE"):
        load_map(path)


def test_one_broken_map_does_not_stop_the_check_of_the_others(tmp_path):
    root = _content_copy(tmp_path)
    levels = root / "levels"
    shutil.copy(ROOT / "levels" / "street.tmx", levels / "street.tmx")
    shutil.copy(ROOT / "levels" / "debate_hall.tmx", levels / "debate_hall.tmx")
    (levels / "broken.tmx").write_text('<?xml version="1.0"?>\n<map width="inf" height="2" tilewidth="16" '
                                       'tileheight="16"></map>\n', encoding="utf-8")
    problems, count = check_paths([levels], [levels])
    assert count == 4
    assert [p.path for p in problems] == [str(levels / "broken.tmx")]


# special files -----------------------------------------------------------------------------------
def _specials(folder: Path, suffix: str) -> list[Path]:
    fifo = folder / f"pipe{suffix}"
    os.mkfifo(fifo)
    zero = folder / f"zero{suffix}"
    zero.symlink_to("/dev/zero")
    loop = folder / f"loop{suffix}"
    loop.symlink_to(folder / f"loop2{suffix}")
    (folder / f"loop2{suffix}").symlink_to(loop)
    return [fifo, zero, loop]


@posix_only
def test_special_files_in_every_content_folder_are_reported_not_read(tmp_path):
    dialogue = copy_tree(ROOT / "dialogue", tmp_path / "dialogue")
    swarm_dir = copy_tree(ROOT / "levels" / "encounters" / "swarm", tmp_path / "levels" / "encounters" / "swarm")
    spectra_dir = copy_tree(ROOT / "levels" / "encounters" / "spectra",
                            tmp_path / "levels" / "encounters" / "spectra")
    levels = tmp_path / "levels"
    specials = (_specials(dialogue, ".yaml") + _specials(swarm_dir, ".yaml") + _specials(spectra_dir, ".yaml")
                + _specials(levels, ".tmx"))
    problems, _count = check_paths([tmp_path / "dialogue", levels], [])
    reported = {p.path for p in problems}
    for special in specials:
        assert str(special) in reported, special
    # and the game's loaders refuse them with their own errors (never hang, never read /dev/zero)
    for special in specials[-3:]:
        with pytest.raises(TmxError):
            load_map(special)
    for special in specials[3:6]:
        with pytest.raises(swarm.EncounterError):
            swarm.load(swarm_dir, special.stem)
    for special in specials[6:9]:
        with pytest.raises(spectra.EncounterError):
            spectra.load(tmp_path / "levels" / "encounters", special.stem)
    load_dialogue(dialogue)  # the good files still load; the specials are not dialogue files it reads


def test_invalid_utf8_and_unreadable_encounters_are_refused_by_check_and_practice(tmp_path):
    folder = copy_tree(ROOT / "levels" / "encounters" / "swarm", tmp_path / "encounters" / "swarm")
    (folder / "tutorial.yaml").write_bytes(b"title: \xff\xfe\n")
    (problem,) = SwarmEncounterChecker().check([folder / "tutorial.yaml"], ContentIndex())
    assert "not UTF-8" in problem.message and problem.line == 1
    with pytest.raises(swarm.EncounterError, match="not UTF-8"):
        swarm.load(folder, "tutorial")


@pytest.mark.parametrize("value", ['type="int" value="99999"', 'value="abc"', 'type="float" value="1.5"'])
def test_a_bad_sort_offset_is_refused_by_check_and_load(tmp_path, value):
    root = _content_copy(tmp_path)
    tileset = root / "assets" / "tilesets" / "interior.tsx"
    text = tileset.read_text(encoding="utf-8")
    text = re.sub(r'(<tile id="\d+">)', rf'\1<properties><property name="sort_offset" {value}/></properties>', text,
                  count=1)
    tileset.write_text(text, encoding="utf-8")
    with pytest.raises(TmxError, match="sort_offset"):
        load_map(root / "levels" / "clinic.tmx")
    assert any("sort_offset" in p.message for p in check_map(root / "levels" / "clinic.tmx"))


def test_a_checker_that_fails_on_one_file_costs_only_that_file(tmp_path, monkeypatch):
    import game.check.registry as registry
    from game.check import Problem

    class Fragile:
        name = "fragile"

        def claims(self, path):
            return path.suffix == ".frag"

        def index(self, files, index):
            raise RuntimeError("index trouble")

        def check(self, files, index):
            out = []
            for path in files:
                if path.name == "bad.frag":
                    raise ValueError("boom")
                out.append(Problem(str(path), 1, "looked at"))
            return out

    monkeypatch.setattr(registry, "checkers", lambda: [Fragile()])
    for name in ("a.frag", "bad.frag", "c.frag"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    problems, count = check_paths([tmp_path], [])
    assert count == 3
    shown = {Path(p.path).name: p.message for p in problems}
    assert shown["a.frag"] == "looked at" and shown["c.frag"] == "looked at"
    assert "fragile checker failed on this file (ValueError" in shown["bad.frag"]


def test_an_unknown_xml_encoding_is_a_problem_not_a_crash(tmp_path):
    root = _content_copy(tmp_path)
    path = root / "levels" / "clinic.tmx"
    path.write_text(path.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="TTF-8"', 1),
                    encoding="utf-8")
    with pytest.raises(TmxError, match="clinic.tmx:1: broken XML"):
        load_map(path)
    assert check_map(path)


def test_names_too_long_for_the_file_system_are_problems_not_crashes(tmp_path):
    root = _content_copy(tmp_path)
    path = root / "levels" / "clinic.tmx"
    text = path.read_text(encoding="utf-8")
    long = "9" * 5000
    path.write_text(text.replace('source="../assets/tilesets/interior.tsx"', f'source="{long}"', 1), encoding="utf-8")
    with pytest.raises(TmxError, match="does not exist"):
        load_map(path)
    assert check_map(path)
    path.write_text(text.replace('value="street"', f'value="{long}"', 1), encoding="utf-8")
    found = check_map(path, ContentIndex(maps={"street": {"from_clinic"}}))
    assert any("to_street" in p.message for p in found), found
    from game.world.scene import MapLoadError, resolve_map

    with pytest.raises(MapLoadError):
        resolve_map(root / "levels", long)


def test_a_loop_through_conditions_is_a_dialogue_error_at_run_time(tmp_path):
    from game.dialogue.runner import DialogueRunner
    from game.story.state import StoryState

    folder = copy_tree(ROOT / "dialogue", tmp_path / "dialogue")
    (folder / "README.md").unlink()
    (folder / "spin.yaml").write_text("spin:\n  entry: true\n  script:\n    - if: not saw_letter\n      then:\n"
                                      "        - jump: spin\n    - lena: Out.\n", encoding="utf-8")
    dialogue = load_dialogue(folder)  # check cannot prove this loop: saw_letter might be set
    with pytest.raises(DialogueError, match=r"spin.yaml:1: dialogue node 'spin' loops"):
        DialogueRunner(dialogue, StoryState()).start("spin")


# chapters.yaml (the story's chapters, objectives and endings) -------------------------------------
@FEW
@given(data=st.data())
def test_chapters_corruption(tmp_path, data):
    from game.story.chapters import ChaptersChecker, ChaptersError, load_chapters

    path = tmp_path / "dialogue" / "chapters.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data.draw(corrupt_yaml((ROOT / "dialogue" / "chapters.yaml").read_text(encoding="utf-8"))))
    problems = ChaptersChecker().check([path], ContentIndex())
    assert all(p.path == str(path) for p in problems)
    try:
        load_chapters(path)
    except ChaptersError as exc:
        assert str(path) in str(exc)
        assert problems, f"check accepted {path} but the story refused it: {exc}"


@FEW
@given(data=st.data())
def test_swarm_tissue_map_corruption(tmp_path, data):
    folder = copy_tree(ROOT / "levels" / "encounters" / "swarm", tmp_path / "encounters" / "swarm")
    name = "tutorial"
    tissue = folder / re.search(r"(?m)^tissue_map: *(\S+)", (folder / f"{name}.yaml").read_text()).group(1)
    kind = data.draw(st.sampled_from(["truncate", "flip"]))
    raw = bytearray(tissue.read_bytes())
    if kind == "truncate":
        raw = raw[:data.draw(st.integers(0, len(raw)))]
    else:
        for at, bit in data.draw(st.lists(st.tuples(st.integers(0, len(raw) - 1), st.integers(0, 7)), min_size=1,
                                          max_size=8)):
            raw[at] ^= 1 << bit
    tissue.write_bytes(bytes(raw))
    path = folder / f"{name}.yaml"
    problems = SwarmEncounterChecker().check([path, tissue], ContentIndex())
    assert all(p.path in (str(path), str(tissue)) for p in problems)
    for difficulty in swarm.DIFFICULTIES:
        try:
            swarm.load(folder, name, difficulty)
        except swarm.EncounterError as exc:
            assert str(folder) in str(exc)
            assert problems, f"check accepted {tissue} but loading the encounter failed: {exc}"
