"""Helpers for the world tests: write small crafted maps that use the game's real tilesets."""

from __future__ import annotations

from pathlib import Path

from game.world.tmx import parse_file

ROOT = Path(__file__).resolve().parent.parent
INTERIOR = ROOT / "assets" / "tilesets" / "interior.tsx"


def tile_ids() -> tuple[int, int]:
    """(floor gid, wall gid) of the interior tileset, with firstgid 1."""
    root = parse_file(INTERIOR)
    solid = []
    for tile in root.findall("tile"):
        props = tile.find("properties")
        if props is not None and any(p.get("name") == "solid" and p.get("value") == "true"
                                     for p in props.findall("property")):
            solid.append(int(tile.get("id")))
    wall = min(solid)
    floor = 0 if 0 not in solid else next(i for i in range(200) if i not in solid)
    return floor + 1, wall + 1


def grid_csv(rows: list[str]) -> str:
    """Rows of '#' (wall) and '.' (floor) to CSV gids."""
    floor, wall = tile_ids()
    return ",\n".join(",".join(str(wall if ch == "#" else floor) for ch in row) for row in rows)


ROOM = [
    "##########",
    "#........#",
    "#........#",
    "#........#",
    "#........#",
    "#........#",
    "#........#",
    "##########",
]


def write_map(folder: Path, name: str, objects: str, rows: list[str] | None = None,
              tileset: str | None = None) -> Path:
    rows = rows or ROOM
    h, w = len(rows), len(rows[0])
    source = tileset if tileset is not None else str(INTERIOR)
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<map version="1.8" tiledversion="1.8.2" orientation="orthogonal" renderorder="right-down" \
width="{w}" height="{h}" tilewidth="16" tileheight="16" infinite="0" nextlayerid="3" nextobjectid="50">
 <tileset firstgid="1" source="{source}"/>
 <layer id="1" name="floor" width="{w}" height="{h}">
  <data encoding="csv">
{grid_csv(rows)}
</data>
 </layer>
 <objectgroup id="2" name="objects">
{objects}
 </objectgroup>
</map>
"""
    path = Path(folder) / f"{name}.tmx"
    path.write_text(text)
    return path


def spawn(name: str, tx: int, ty: int, oid: int = 1) -> str:
    return f'  <object id="{oid}" name="{name}" type="spawn" x="{tx * 16 + 8}" y="{ty * 16 + 14}"><point/></object>'


def obj(kind: str, name: str, tx: int, ty: int, tw: int, th: int, oid: int, **props) -> str:
    lines = [f'  <object id="{oid}" name="{name}" type="{kind}" x="{tx * 16}" y="{ty * 16}" '
             f'width="{tw * 16}" height="{th * 16}">']
    if props:
        lines.append("   <properties>")
        for k, v in props.items():
            if isinstance(v, bool):
                lines.append(f'    <property name="{k}" type="bool" value="{str(v).lower()}"/>')
            else:
                lines.append(f'    <property name="{k}" value="{v}"/>')
        lines.append("   </properties>")
    lines.append("  </object>")
    return "\n".join(lines)


def npc(name: str, tx: int, ty: int, oid: int, dialogue: str = "hello", **extra) -> str:
    props = {"who": "malik", "dialogue": dialogue, "facing": "down", **extra}
    inner = "".join(f'<property name="{k}" value="{v}"/>' for k, v in props.items())
    return (f'  <object id="{oid}" name="{name}" type="npc" x="{tx * 16 + 8}" y="{ty * 16 + 14}">'
            f"<properties>{inner}</properties><point/></object>")
