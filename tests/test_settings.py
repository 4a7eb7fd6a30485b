import json

import pytest

from game.app.settings import Settings, load_settings, save_settings


def test_missing_file_gives_defaults_without_warnings(tmp_path):
    result = load_settings(tmp_path / "settings.json")
    assert result.warnings == []
    assert result.settings["text_speed"] == Settings()["text_speed"]


def test_save_then_load_round_trips(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    settings = Settings()
    settings.set("music_volume", 0.3)
    settings.set("timer", "chapter")
    save_settings(settings, path)
    loaded = load_settings(path)
    assert loaded.warnings == []
    assert loaded.settings["music_volume"] == 0.3
    assert loaded.settings["timer"] == "chapter"
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp files left


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b""])
def test_a_corrupt_file_warns_gives_defaults_and_is_kept_aside(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    result = load_settings(path)
    assert result.warnings
    assert result.settings.values == Settings().values
    kept = list(tmp_path.glob("settings.corrupt-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    # saving afterwards writes a fresh file and leaves the kept copy alone
    save_settings(result.settings, path)
    assert kept[0].read_bytes() == content


def test_two_corruptions_keep_both_bad_files(tmp_path):
    path = tmp_path / "settings.json"
    for content in (b"{", b"}"):
        path.write_bytes(content)
        load_settings(path)
    assert sorted(p.read_bytes() for p in tmp_path.glob("settings.corrupt-*.json")) == [b"{", b"}"]


def test_bad_values_fall_back_one_by_one(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"music_volume": 7, "sfx_volume": 0.5, "timer": "sometimes", "mystery": 1}))
    result = load_settings(path)
    assert result.settings["music_volume"] == Settings()["music_volume"]
    assert result.settings["sfx_volume"] == 0.5
    assert result.settings["timer"] == "off"
    assert len(result.warnings) == 3


def test_set_rejects_wrong_values():
    settings = Settings()
    with pytest.raises(ValueError):
        settings.set("window_scale", 0)
    with pytest.raises(KeyError):
        settings.set("nope", 1)


def test_partial_bindings_keep_the_defaults_for_other_actions():
    settings = Settings()
    settings.set("bindings", {"keyboard": {"CONFIRM": ["k"]}})
    keyboard = settings.bindings("keyboard")
    assert keyboard["CONFIRM"] == ["k"]
    assert keyboard["UP"] == ["up", "w"]
