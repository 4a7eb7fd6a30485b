"""Save files on disk: the format refuses anything it cannot trust and never changes a file it reads; writing
keeps the previous save as a backup and survives an interruption at any point; migrations upgrade."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.app.boot import BootOptions, boot
from game.core.actions import Action, ActionFrame
from game.core.run import StartPoint
from game.saves import format as fmt
from game.saves import migrations, slots
from game.saves.format import SaveError, decode_save, encode_save


@pytest.fixture(scope="module")
def body(tmp_path_factory):
    from game.paths import Paths

    folder = tmp_path_factory.mktemp("user")
    paths = Paths.from_env({"NEOSMILES_CONFIG_DIR": str(folder / "config"), "NEOSMILES_DATA_DIR": str(folder)})
    start = StartPoint.of("new-game", difficulty="normal")
    game = boot(BootOptions(start=start, seed=3, headless=True, persist=False), paths=paths)
    game.run_headless(40)
    return game.ctx.saves.build("1", "manual")


@pytest.fixture(scope="module")
def sample(body):
    return encode_save(body)


def resealed(document: dict) -> bytes:
    """A document with a checksum that matches its body (what a careful hand edit would produce)."""
    document = dict(document)
    document["checksum"] = fmt.checksum(document["body"])
    return json.dumps(document).encode()


def test_a_save_round_trips_through_its_bytes(body, sample):
    assert decode_save(sample) == body
    assert json.loads(sample)["version"] == fmt.SAVE_VERSION


@pytest.mark.parametrize("name,make,kind", [
    ("empty", lambda s: b"", "empty"),
    ("truncated", lambda s: s[: len(s) // 2], "truncated"),
    ("cut at the last byte", lambda s: s.rstrip()[:-1], "truncated"),
    ("not json", lambda s: b"\x89PNG not a save", "corrupt"),
    ("not utf-8", lambda s: b"\xff\xfe{}", "corrupt"),
    ("hand-edited", lambda s: s.replace(b'"chapter": 1', b'"chapter": 4', 1), "edited"),
    ("another program's json", lambda s: b'{"version": 1}', "corrupt"),
    ("deeply nested", lambda s: b"[" * 5000 + b"]" * 5000, "corrupt"),
    ("NaN", lambda s: b'{"format": "neosmiles-save", "version": NaN}', "corrupt"),
    ("a number too large to be finite", lambda s: s.replace(b'"chapter": 1', b'"chapter": 1e999', 1), "corrupt"),
])
def test_damaged_saves_are_refused_with_a_reason(sample, name, make, kind):
    with pytest.raises(SaveError) as caught:
        decode_save(make(sample))
    assert caught.value.kind == kind and caught.value.reason


def test_a_save_from_a_newer_version_is_refused_not_downgraded(sample):
    document = json.loads(sample)
    document["version"] = fmt.SAVE_VERSION + 1
    with pytest.raises(SaveError, match="newer NeoSmiles") as caught:
        decode_save(resealed(document))
    assert caught.value.kind == "future"


def test_a_resealed_body_of_the_wrong_shape_is_refused(sample):
    document = json.loads(sample)
    document["body"]["state"]["run"]["tick"] = -5
    with pytest.raises(SaveError, match="tick counters"):
        decode_save(resealed(document))
    document["body"]["state"]["run"]["tick"] = "soon"
    with pytest.raises(SaveError):
        decode_save(resealed(document))


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "1.json"
    with big.open("wb") as handle:
        handle.truncate(fmt.MAX_BYTES + 1)  # sparse: costs no disk
    found = slots.read_file(big)
    assert not found.ok and found.error.kind == "oversized"


# files are never changed by reading ------------------------------------------------------------------------

@pytest.mark.parametrize("damage", [
    lambda s: s[:100], lambda s: s.replace(b'"place"', b'"plaice"', 1), lambda s: b"{" * 40,
])
def test_a_damaged_slot_is_listed_with_its_reason_and_left_byte_for_byte(tmp_path, sample, damage):
    path = slots.slot_path(tmp_path, "2")
    path.write_bytes(damage(sample))
    before = path.read_bytes(), path.stat().st_mtime_ns
    infos = {i.slot: i for i in slots.list_slots(tmp_path)}
    assert infos["2"].state == "damaged" and infos["2"].main.reason
    assert infos["1"].state == "empty"
    assert slots.newest(tmp_path) is None
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2.json"]


FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])


@FEW
@given(data=st.data())
def test_any_corruption_is_refused_or_reads_as_the_same_save_never_crashes(sample, body, data):
    corrupt = bytearray(sample)
    for _ in range(data.draw(st.integers(1, 4), label="changes")):
        at = data.draw(st.integers(0, len(corrupt) - 1), label="at")
        how = data.draw(st.sampled_from(["flip", "cut", "byte"]), label="how")
        if how == "flip":
            corrupt[at] ^= 1 << data.draw(st.integers(0, 7))
        elif how == "cut":
            del corrupt[at:]
            if not corrupt:
                break
        else:
            corrupt[at] = data.draw(st.integers(0, 255))
    try:
        decoded = decode_save(bytes(corrupt))
    except SaveError as exc:
        assert exc.reason
    else:
        assert decoded == body  # only a change the checksum cannot see: whitespace between the fields


# writing ---------------------------------------------------------------------------------------------------

def changed(body: dict, chapter: int) -> dict:
    out = json.loads(json.dumps(body))
    out["meta"]["chapter"] = chapter
    return out


def test_saving_keeps_the_previous_save_as_the_backup(tmp_path, body):
    slots.write_slot(tmp_path, "1", changed(body, 1), b"png-one")
    slots.write_slot(tmp_path, "1", changed(body, 2), b"png-two")
    info = slots.read_slot(tmp_path, "1")
    assert info.main.meta["chapter"] == 2 and info.backup.meta["chapter"] == 1
    assert slots.thumbnail_path(tmp_path, "1").read_bytes() == b"png-two"
    assert slots.thumbnail_path(tmp_path, "1", backup=True).read_bytes() == b"png-one"


def test_a_damaged_slot_offers_its_sound_backup_and_saving_over_it_sets_it_aside(tmp_path, body, sample):
    slots.write_slot(tmp_path, "3", changed(body, 1))
    slots.write_slot(tmp_path, "3", changed(body, 2))
    main = slots.slot_path(tmp_path, "3")
    main.write_bytes(b'{"format": "neosmiles-save", "vers')
    info = slots.read_slot(tmp_path, "3")
    assert info.state == "damaged" and info.usable is info.backup and info.usable.meta["chapter"] == 1
    assert slots.newest(tmp_path).slot == "3"
    slots.write_slot(tmp_path, "3", changed(body, 3))
    aside = list(tmp_path.glob("3.damaged-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"format": "neosmiles-save", "vers'
    info = slots.read_slot(tmp_path, "3")
    assert info.main.meta["chapter"] == 3 and info.backup.meta["chapter"] == 1  # the sound backup was kept


class PowerCut(Exception):
    pass


class Cutter:
    """Lets the file-system steps of a save run until the ``at``-th, which fails like a power cut."""

    def __init__(self, at: int) -> None:
        import game.core.files as files

        self.at, self.steps = at, 0
        self.real = {"mkstemp": files.tempfile.mkstemp, "fsync": os.fsync, "replace": os.replace,
                     "fdopen": os.fdopen}

    def step(self, name, *args, **kwargs):
        self.steps += 1
        if self.steps == self.at:
            raise PowerCut(f"power cut at step {self.at} ({name})")
        return self.real[name](*args, **kwargs)

    def install(self, monkeypatch) -> None:
        import game.core.files as files

        monkeypatch.setattr(files.tempfile, "mkstemp", lambda *a, **kw: self.step("mkstemp", *a, **kw))
        monkeypatch.setattr(os, "fsync", lambda *a: self.step("fsync", *a))
        monkeypatch.setattr(os, "replace", lambda *a: self.step("replace", *a))
        monkeypatch.setattr(os, "fdopen", lambda *a, **kw: self.step("fdopen", *a, **kw))


def test_a_write_interrupted_at_any_point_leaves_a_loadable_save(tmp_path, body, monkeypatch):
    """Fail the k-th file-system step of a save (temporary file, write, fsync, rename) for every k."""
    for k in range(1, 100):
        folder = tmp_path / f"cut{k}"
        slots.write_slot(folder, "1", changed(body, 1), b"old")
        Cutter(k).install(monkeypatch)
        try:
            slots.write_slot(folder, "1", changed(body, 2), b"new")
            interrupted = False
        except PowerCut:
            interrupted = True
        finally:
            monkeypatch.undo()
        info = slots.read_slot(folder, "1")
        assert info.main.ok, f"cut at step {k}: {info.main.reason}"
        # the previous save loads: still in place, or (cut after the rename, before the folder's fsync) the
        # new one is in place and the previous one is its backup
        now, before = info.main.meta["chapter"], info.backup.meta["chapter"] if info.backup else None
        assert now == 1 or (now == 2 and before == 1), f"cut at step {k}"
        if not interrupted:
            assert now == 2 and k > 8  # every step of the save was cut once before it ran through
            break
    else:
        pytest.fail("the save never ran through")


# migrations ------------------------------------------------------------------------------------------------

DATA = Path(__file__).parent / "data"


def test_every_older_version_has_a_migration_and_a_real_save_to_upgrade():
    assert set(migrations.MIGRATIONS) == set(range(1, fmt.SAVE_VERSION))
    for version in range(1, fmt.SAVE_VERSION + 1):
        assert (DATA / f"save-v{version}.json").is_file() or version == fmt.SAVE_VERSION


def test_a_save_written_by_each_version_loads(game_for_trials):
    """``tests/data/save-vN.json`` were written by the game when it wrote version N; each still loads."""
    from game.saves.service import trial_restore

    for path in sorted(DATA.glob("save-v*.json")):
        data = path.read_bytes()
        assert json.loads(data)["version"] == int(path.stem.split("-v")[1])
        body = decode_save(data)
        fmt.check_body(body)
        assert trial_restore(game_for_trials.ctx, body) is None, path.name


def test_the_migration_chain_upgrades_step_by_step_and_never_changes_its_input():
    def v0_to_v1(b):
        b["meta"]["place"] = b["meta"].pop("room")
        return b

    def v1_to_v2(b):
        b["meta"]["talking"] = False
        return b

    old = {"meta": {"room": "clinic"}}
    chain = {0: v0_to_v1, 1: v1_to_v2}
    assert migrations.migrate(old, 0, chain=chain, target=2) == {"meta": {"place": "clinic", "talking": False}}
    assert migrations.migrate(old, 0, chain=chain, target=1) == {"meta": {"place": "clinic"}}
    assert old == {"meta": {"room": "clinic"}}
    with pytest.raises(SaveError, match="too old"):
        migrations.migrate(old, 0, chain={1: v1_to_v2}, target=2)
    with pytest.raises(SaveError, match="could not be upgraded"):
        migrations.migrate({"meta": {}}, 0, chain=chain, target=1)


# a hand edit that even fixes the checksum: refused with a reason, or loaded, never a crash -----------------

def leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list) and value and len(value) < 50:
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path


JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.text(max_size=12),
                        st.lists(st.integers(-5, 5), max_size=3), st.dictionaries(st.text(max_size=3),
                                                                                    st.integers(), max_size=2))


@pytest.fixture(scope="module")
def game_for_trials(tmp_path_factory):
    from game.paths import Paths

    folder = tmp_path_factory.mktemp("trial")
    paths = Paths.from_env({"NEOSMILES_CONFIG_DIR": str(folder / "config"), "NEOSMILES_DATA_DIR": str(folder)})
    return boot(BootOptions(start=StartPoint.of("title"), seed=1, headless=True, persist=False), paths=paths)


@pytest.fixture(scope="module")
def talking_body(game_for_trials):
    """A save in the middle of a conversation with the first person on the clinic's map."""
    ctx = game_for_trials.ctx
    ctx.begin_run(StartPoint.of("new-game", difficulty="normal"), seed=4)
    explore = ctx.scenes.top
    talker = next(n for n in explore.core.npcs if n.dialogue)
    explore.open_dialogue(talker.dialogue)
    for _ in range(30):
        game_for_trials.step(ActionFrame(Action.CONFIRM, Action.CONFIRM) if _ % 10 == 9 else ActionFrame())
    body = ctx.saves.build("1", "manual")
    assert body["state"]["dialogue"]
    return body


@FEW
@given(data=st.data(), talking=st.booleans())
def test_a_resealed_hand_edit_of_any_field_is_refused_or_loads_never_crashes(body, talking_body, game_for_trials,
                                                                            data, talking):
    from game.saves.service import trial_restore

    edited = json.loads(json.dumps(talking_body if talking else body))
    paths = sorted(leaves(edited["state"]), key=repr)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        path = data.draw(st.sampled_from(paths), label="field")
        target = edited["state"]
        for key in path[:-1]:
            target = target[key]
        if path:
            target[path[-1]] = data.draw(JSON_VALUES, label="value")
    try:
        decoded = decode_save(resealed({"format": fmt.FORMAT_NAME, "version": fmt.SAVE_VERSION, "body": edited}))
    except SaveError as exc:
        assert exc.reason
        return
    problem = trial_restore(game_for_trials.ctx, decoded)
    assert problem is None or isinstance(problem, str)
    if problem is not None:
        assert "Error" not in problem, problem  # a reason in words, not an exception that slipped through
        return
    from game.app.sources import ScriptedInput
    from game.saves.service import begin_from_save

    begin_from_save(game_for_trials.ctx, decoded)  # what loads must also play and draw
    game_for_trials.source = ScriptedInput([ActionFrame(Action.LEFT | Action.CONFIRM, Action.CONFIRM)] * 20)
    for _ in range(20):
        game_for_trials.step(game_for_trials.source.next_frame())
    game_for_trials.draw()


def test_version_1_is_upgraded_to_2_with_what_the_story_layer_keeps():
    document = json.loads((DATA / "save-v1.json").read_bytes())
    old = document["body"]
    assert document["version"] == 1 and "difficulty" not in old["state"]["run"]["story"]
    body = migrations.migrate(old, 1, target=2)
    assert body["state"]["run"]["story"]["difficulty"] == "normal" and body["state"]["run"]["story"]["ending"] == ""
    assert body["state"]["map"]["stage"]["lights"] == "on" and body["state"]["map"]["player_route"] == []
    assert body["state"]["map"]["scene"]["cued"] is None and body["meta"]["difficulty"] == "normal"
    assert "difficulty" not in old["state"]["run"]["story"]  # the file's own body is left as it was
    fmt.check_body(body)
    # what version 1 kept is kept: where everyone was, the story, the randomness
    for key in ("npcs", "player", "fired", "tick"):
        assert body["state"]["map"][key] == old["state"]["map"][key]
    assert body["state"]["run"]["rng"] == old["state"]["run"]["rng"]


def test_a_long_session_remembers_only_the_last_few_loaded_saves(body):
    """Loading save after save keeps the running one (Restart needs it) but not every body ever loaded."""
    from types import SimpleNamespace

    from game.saves import service

    ctx = SimpleNamespace(content={})
    hashes = [service.remember(ctx, changed(body, n)) for n in range(1, 11)]
    assert len(set(hashes)) == 10
    known = ctx.content[service.CONTENT_KEY]
    assert len(known) == service.KEEP_BODIES
    assert hashes[-1] in known and list(known)[-1] == hashes[-1]
