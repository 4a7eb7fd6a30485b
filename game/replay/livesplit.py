"""LiveSplit: export a category's splits as a ``.lss`` file, and talk to LiveSplit Server.

The export writes the XML LiveSplit opens (Run, GameName, CategoryName, AttemptCount, Segments with
the personal best's game time and the best segment of each split). Times are game time, from ticks,
rounded down to the millisecond exactly like the on-screen timer.

``LiveSplitClient`` speaks LiveSplit Server's line protocol over TCP to 127.0.0.1:16834. It never
blocks: the socket is non-blocking, connecting and sending progress a little on every ``poll``, and
if nothing listens (connection refused) it stays quiet and tries again much later. Lines are dropped
rather than queued without bound. Nothing here affects the simulation.
"""

from __future__ import annotations

import errno
import select
import socket
import xml.etree.ElementTree as ET

from game.core.clock import TICK_RATE, format_ticks
from game.replay.splits import CategorySplits

GAME_NAME = "NeoSmiles"
DEFAULT_PORT = 16834


def lss_time(ticks: int) -> str:
    """LiveSplit's TimeSpan text, hh:mm:ss.fffffff (milliseconds exact, like the game's timer)."""
    total_ms = ticks * 1000 // TICK_RATE
    s, ms = divmod(total_ms, 1000)
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{ms:03d}0000"


def export_lss(splits: CategorySplits, game_name: str = GAME_NAME) -> str:
    """The ``.lss`` XML text for ``splits``; segments are the PB's splits (or the golds' names)."""
    run = ET.Element("Run", version="1.7.0")
    ET.SubElement(run, "GameIcon")
    ET.SubElement(run, "GameName").text = game_name
    ET.SubElement(run, "CategoryName").text = splits.category
    metadata = ET.SubElement(run, "Metadata")
    ET.SubElement(metadata, "Run", id="")
    ET.SubElement(metadata, "Platform", usesEmulator="False").text = "PC"
    ET.SubElement(metadata, "Region")
    ET.SubElement(metadata, "Variables")
    ET.SubElement(run, "Offset").text = "00:00:00"
    ET.SubElement(run, "AttemptCount").text = str(splits.attempts)
    ET.SubElement(run, "AttemptHistory")
    segments = ET.SubElement(run, "Segments")
    names = [name for name, _ in splits.pb] or sorted(splits.golds)
    pb_times = dict(splits.pb)
    for name in names:
        segment = ET.SubElement(segments, "Segment")
        ET.SubElement(segment, "Name").text = name
        ET.SubElement(segment, "Icon")
        split_times = ET.SubElement(segment, "SplitTimes")
        split_time = ET.SubElement(split_times, "SplitTime", name="Personal Best")
        if name in pb_times:
            ET.SubElement(split_time, "GameTime").text = lss_time(pb_times[name])
        best = ET.SubElement(segment, "BestSegmentTime")
        if name in splits.golds:
            ET.SubElement(best, "GameTime").text = lss_time(splits.golds[name])
        ET.SubElement(segment, "SegmentHistory")
    ET.SubElement(run, "AutoSplitterSettings")
    ET.indent(run)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(run, encoding="unicode") + "\n"


_IN_PROGRESS = {errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY, getattr(errno, "WSAEWOULDBLOCK", -1), 10035}
RETRY_POLLS = 600  # after a refused connection, wait this many polls (10 s of ticks) before trying again
MAX_BUFFER = 16 * 1024


class LiveSplitClient:
    """Non-blocking LiveSplit Server client: ``send(line)`` then ``poll()`` once per tick."""

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> None:
        self.host = host
        self.port = port
        self._sock: socket.socket | None = None
        self._state = "down"  # down | connecting | up
        self._buffer = bytearray()
        self._wait = 0

    @property
    def connected(self) -> bool:
        return self._state == "up"

    def send(self, line: str) -> None:
        """Queue one command; dropped if no server is there or the queue is full."""
        if self._state == "down":
            self._connect()
        if self._state == "down" or len(self._buffer) > MAX_BUFFER:
            return
        self._buffer += line.encode("ascii", "replace") + b"\r\n"
        self.poll()

    def set_game_time(self, ticks: int) -> None:
        self.send(f"setgametime {format_ticks(ticks)}")

    def _connect(self) -> None:
        if self._wait > 0:
            return
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            code = sock.connect_ex((self.host, self.port))
        except OSError:
            self._give_up()
            return
        if code == 0:
            self._sock, self._state = sock, "up"
        elif code in _IN_PROGRESS:
            self._sock, self._state = sock, "connecting"
        else:
            sock.close()
            self._give_up()

    def _give_up(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
        self._sock, self._state = None, "down"
        self._buffer.clear()
        self._wait = RETRY_POLLS

    def poll(self) -> None:
        """Progress the connection and send what is queued, without ever waiting."""
        if self._state == "down":
            if self._wait > 0:
                self._wait -= 1
            return
        sock = self._sock
        assert sock is not None
        try:
            if self._state == "connecting":
                _, writable, failed = select.select([], [sock], [sock], 0)
                if failed:
                    self._give_up()
                    return
                if not writable:
                    return
                if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                    self._give_up()
                    return
                self._state = "up"
            if self._buffer:
                sent = sock.send(self._buffer)
                del self._buffer[:sent]
        except BlockingIOError:
            return
        except OSError:
            self._give_up()

    def close(self) -> None:
        if self._sock is not None:
            self.poll()  # flush what is queued before letting go
        self._give_up()
