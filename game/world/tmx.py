"""A line-aware reader for Tiled's XML files (``.tmx`` maps and ``.tsx`` tilesets).

``xml.etree`` forgets where an element came from; map editors need ``path:line`` in every message, so
this module builds its own small tree with expat and keeps each element's line. It never raises
anything but ``TmxError`` (carrying the path and line) for broken files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat


class TmxError(Exception):
    """A map or tileset that cannot be read; ``line`` is 0 when the whole file is at fault."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


@dataclass
class Node:
    tag: str
    attrib: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def find(self, tag: str) -> Node | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None

    def findall(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.attrib.get(key, default)


def parse_text(text: bytes | str, path: Path | str) -> Node:
    parser = expat.ParserCreate()
    stack: list[Node] = []
    root: list[Node] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        node = Node(tag, dict(attrib), parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            stack[-1].text += data

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise TmxError(path, exc.lineno, f"broken XML: {reason} (column {exc.offset + 1})") from None
    if not root:
        raise TmxError(path, 1, "the file is empty")
    return root[0]


def parse_file(path: Path) -> Node:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TmxError(path, 0, f"cannot read the file ({exc.strerror or exc})") from None
    return parse_text(data, path)
