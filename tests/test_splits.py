"""Timer and split arithmetic, the splits file, and the LiveSplit export and client."""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET

from game.core.clock import format_ticks
from game.core.run import StartPoint
from game.replay.categories import category_of, finishes_run, is_assisted, is_practice, is_recorded, slug
from game.replay.livesplit import LiveSplitClient, export_lss, lss_time
from game.replay.splits import CategorySplits, format_delta, load_splits, save_splits, splits_file


def test_in_game_time_is_exact_to_the_millisecond():
    assert format_ticks(0) == "0:00:00.000"
    assert format_ticks(1) == "0:00:00.016"  # 16.67 ms, rounded down
    assert format_ticks(60) == "0:00:01.000"
    assert format_ticks(60 * 60 * 60 + 61) == "1:00:01.016"
    assert lss_time(60 * 61 + 3) == "00:01:01.0500000"


def test_split_deltas_are_signed_and_compact():
    assert format_delta(-10) == "-0.166"
    assert format_delta(90) == "+1.500"
    assert format_delta(60 * 75) == "+1:15.000"
    assert format_delta(-60 * 3600) == "-1:00:00.000"
    assert format_delta(0) == "+0.000"


def test_compare_against_the_personal_best_and_the_golds():
    s = CategorySplits("any%", pb=[("chapter-1", 1000), ("chapter-2", 2500)],
                       golds={"chapter-1": 950, "chapter-2": 1400})
    first = s.compare(0, "chapter-1", 980, 0)
    assert (first.delta, first.segment, first.gold, first.colour_name) == (-20, 980, False, "green")
    second = s.compare(1, "chapter-2", 2300, 980)  # segment 1320 beats the 1400 gold
    assert (second.delta, second.gold, second.colour_name) == (-200, True, "brass")
    behind = s.compare(1, "chapter-2", 2600, 1000)
    assert behind.colour_name == "red" and behind.delta == 100
    fresh = CategorySplits("any%").compare(0, "chapter-1", 10, 0)
    assert fresh.delta is None and fresh.colour_name == "mist"


def test_finishing_updates_the_pb_only_when_faster_and_the_golds_always():
    s = CategorySplits("any%")
    assert s.finish([("a", 100), ("b", 300)]) is True
    assert s.finish([("a", 90), ("b", 320)]) is False  # slower overall, but a faster first segment
    assert s.pb == [("a", 100), ("b", 300)] and s.golds == {"a": 90, "b": 200}
    assert s.sum_of_best() == 290
    assert s.finish([("a", 95), ("b", 280)]) is True and s.pb_time == 280
    assert s.completed == 3


def test_splits_file_round_trips_and_a_damaged_one_is_set_aside(tmp_path):
    s = CategorySplits("practice-swarm encounter=tutorial", attempts=4, completed=2, pb=[("swarm:tutorial", 900)],
                       golds={"swarm:tutorial": 900}, pb_replay="x.nsreplay")
    save_splits(tmp_path, s)
    assert load_splits(tmp_path, s.category) == s
    path = splits_file(tmp_path, s.category)
    path.write_text("{ not json")
    assert load_splits(tmp_path, s.category) == CategorySplits(s.category)
    assert any(p.name.startswith(path.stem + ".corrupt") for p in path.parent.iterdir())


def test_categories_separate_the_full_game_from_practice():
    new_game = StartPoint.of("new-game")
    practice = StartPoint.of("practice-swarm", encounter="tutorial")
    assert category_of(new_game) == "any%" and not is_practice(new_game)
    assert category_of(practice) == "practice-swarm encounter=tutorial" and is_practice(practice)
    assert not is_recorded(StartPoint.of("title"))
    assert finishes_run(new_game, "chapter-4") and not finishes_run(new_game, "chapter-1")
    assert finishes_run(practice, "swarm:tutorial")
    assert finishes_run(StartPoint.of("chapter", chapter=2), "chapter-2")
    assert not finishes_run(StartPoint.of("chapter", chapter=2), "swarm:malfunction")
    assert is_assisted({"assist_slow": True}) and not is_assisted({"text_speed": 45})
    assert slug("any%") != slug("any") and slug("any%").startswith("any-")


def test_lss_export_has_the_elements_livesplit_reads():
    s = CategorySplits("any%", attempts=7, completed=3,
                       pb=[("chapter-1", 3600), ("swarm:malfunction", 7200), ("chapter-4", 36000)],
                       golds={"chapter-1": 3000, "swarm:malfunction": 3500, "chapter-4": 28000})
    root = ET.fromstring(export_lss(s))
    assert root.tag == "Run"
    assert root.findtext("GameName") == "NeoSmiles" and root.findtext("CategoryName") == "any%"
    assert root.findtext("AttemptCount") == "7"
    segments = root.findall("Segments/Segment")
    assert [seg.findtext("Name") for seg in segments] == ["chapter-1", "swarm:malfunction", "chapter-4"]
    pb = segments[1].find("SplitTimes/SplitTime[@name='Personal Best']/GameTime")
    assert pb is not None and pb.text == "00:02:00.0000000"
    assert segments[2].findtext("BestSegmentTime/GameTime") == "00:07:46.6660000"


def test_livesplit_client_sends_lines_to_a_local_server():
    from tests.replay_support import FakeLiveSplitServer

    server = FakeLiveSplitServer()
    client = LiveSplitClient(port=server.port)
    client.send("starttimer")
    client.set_game_time(90)
    client.send("split")
    server.wait(client.poll)  # bounded: poll until the server has everything
    client.close()
    assert bytes(server.received).split(b"\r\n")[:3] == [b"starttimer", b"setgametime 0:00:01.500", b"split"]


def test_livesplit_client_is_quiet_when_nothing_listens():
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now: the connection is refused
    client = LiveSplitClient(port=port)
    for _ in range(50):
        client.send("setgametime 0:00:00.000")
        client.poll()
    assert not client.connected
    client.close()


def test_only_the_newest_replays_are_kept_and_personal_bests_stay(tmp_path):
    from game.replay.pb import pb_replay_path, prune_recent

    for i in range(25):
        (tmp_path / f"20260101-0000{i:02d}-001-any.nsreplay").write_bytes(b"x")
    pb = pb_replay_path(tmp_path, "any%")
    pb.parent.mkdir()
    pb.write_bytes(b"x")
    removed = prune_recent(tmp_path, keep=20)
    assert len(removed) == 5 and all("000000" <= p.name[9:15] <= "000004" for p in removed)
    assert len(list(tmp_path.glob("*.nsreplay"))) == 20 and pb.exists()
