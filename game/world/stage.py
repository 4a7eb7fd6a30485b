"""What a map's staging is doing: lights, alarm, the crowd's mood, a screen shake. Pure Python, ticks only.

The dialogue's staging commands (``lights``, ``alarm``, ``crowd``, ``shake``) set this state through the
exploration scene; it advances one tick at a time with the map and is part of the map's state bytes
(replays see it). The renderer only reads it: how dark each room is, where each audience member stands.
"""

from __future__ import annotations

from dataclasses import dataclass

LIGHT_MODES = ("on", "dim", "off", "flicker")
CROWD_MOODS = ("seated", "murmur", "gasp", "applause", "rush", "quiet", "leave")
ROOM_STEP = 24  # ticks between two rooms lighting up after a blackout
ROOM_FADE = 12  # ticks a room takes to come up to full light
LEAVE_TICKS = 360  # ticks the audience takes to leave the hall
LEAVE_WALK = 60  # ticks one person takes to stand up and walk off
DARK = {"on": 0, "dim": 150, "off": 212, "flicker": 0}


@dataclass
class Staging:
    lights: str = "on"
    #: the lights went out in an emergency (red strips, dead screens), not simply off for the night
    emergency: bool = False
    #: ticks since the lights last changed (rooms come on one by one, a flicker stutters)
    light_ticks: int = 0
    #: the lights came back on after a blackout: rooms light up in their ``order``
    waking: bool = False
    alarm: bool = False
    alarm_ticks: int = 0
    crowd: str = "seated"
    crowd_ticks: int = 0
    shake: int = 0

    # commands -------------------------------------------------------------------------------------
    def set_lights(self, mode: str, emergency: bool = True) -> None:
        if mode not in LIGHT_MODES:
            raise ValueError(f"lights: {mode!r} is not one of {', '.join(LIGHT_MODES)}")
        self.waking = mode == "on" and self.lights == "off"
        self.lights, self.light_ticks = mode, 0
        self.emergency = mode in ("off", "flicker") and emergency

    def set_alarm(self, on: bool) -> None:
        self.alarm, self.alarm_ticks = on, 0

    def set_crowd(self, mood: str) -> None:
        if mood not in CROWD_MOODS:
            raise ValueError(f"crowd: {mood!r} is not one of {', '.join(CROWD_MOODS)}")
        if self.crowd == "leave" and mood != "leave":
            return  # an empty hall stays empty
        self.crowd, self.crowd_ticks = mood, 0

    def start_shake(self, ticks: int) -> None:
        self.shake = max(self.shake, max(0, int(ticks)))

    # the tick -------------------------------------------------------------------------------------
    def step(self) -> list[str]:
        """Advance one tick; returns the sounds to play this tick."""
        sounds = []
        self.light_ticks += 1
        self.crowd_ticks += 1
        if self.shake:
            self.shake -= 1
        if self.alarm:
            if self.alarm_ticks % 75 == 0:
                sounds.append("alarm")
            self.alarm_ticks += 1
        if self.lights == "flicker" and self.light_ticks % 37 == 1:
            sounds.append("glitch")
        return sounds

    # what the renderer asks -----------------------------------------------------------------------
    def room_dark(self, order: int) -> int:
        """How dark (0..255) a room of this ``order`` is now (rooms without an order: order 0)."""
        if self.lights == "flicker":
            return 200 if flicker_off(self.light_ticks, order) else 40
        if self.waking:
            lit = self.light_ticks - order * ROOM_STEP
            if lit <= 0:
                return DARK["off"]
            return max(0, DARK["off"] - DARK["off"] * lit // ROOM_FADE)
        return DARK[self.lights]

    @property
    def dark(self) -> int:
        """The darkness of the whole map (what a map without rooms uses)."""
        return self.room_dark(0)

    def leaving(self, index: int, count: int) -> int:
        """While the hall empties: -1 while audience member ``index`` (of ``count``) is still seated, then the
        ticks since they stood up to leave (gone after ``LEAVE_WALK``). The back rows leave first."""
        if self.crowd != "leave" or count <= 0:
            return -1
        start = (count - 1 - index) * (LEAVE_TICKS - LEAVE_WALK) // count
        return -1 if self.crowd_ticks < start else self.crowd_ticks - start

    def state_bytes(self) -> bytes:
        return repr((self.lights, self.emergency, self.light_ticks, self.waking, self.alarm, self.alarm_ticks,
                     self.crowd, self.crowd_ticks, self.shake)).encode()

    def to_data(self) -> dict:
        return {"lights": self.lights, "emergency": self.emergency, "alarm": self.alarm, "crowd": self.crowd}

    @classmethod
    def from_data(cls, data: dict) -> Staging:
        stage = cls()
        if data.get("lights") in LIGHT_MODES:
            stage.lights = data["lights"]
        stage.emergency = bool(data.get("emergency", False))
        stage.alarm = bool(data.get("alarm", False))
        if data.get("crowd") in CROWD_MOODS:
            stage.crowd = data["crowd"]
            if stage.crowd == "leave":
                stage.crowd_ticks = LEAVE_TICKS  # an emptied hall is empty when Lena comes back, not emptying
        return stage


def flicker_off(ticks: int, salt: int = 0) -> bool:
    """A stuttering failing-power pattern from integers only: mostly on, short irregular drop-outs."""
    h = ((ticks // 3) * 2654435761 + salt * 40503) & 0xFFFFFFFF
    return (h >> 13) % 7 < 3
