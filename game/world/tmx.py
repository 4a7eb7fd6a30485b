"""A line-aware reader for Tiled's XML files (``.tmx`` maps and ``.tsx`` tilesets).

``xml.etree`` forgets where an element came from; map editors need ``path:line`` in every message, so
this module builds its own small tree with expat and keeps each element's line. It never raises
anything but ``TmxError`` (carrying the path and line) for broken files. Files are read through the
guarded reader (regular files under a size limit), elements may nest at most ``MAX_DEPTH`` deep, and a
``<!DOCTYPE>`` (which Tiled never writes, and which could declare entities that expand without bound)
is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from game.core.files import ReadError, read_bytes

MAX_DEPTH = 32  # <map>/<group>/.../<objectgroup>/<object>/<properties>/<property>: Tiled maps need ~10


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
    parts: list[str] = field(default_factory=list, repr=False)

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
        if len(stack) >= MAX_DEPTH:
            raise TmxError(path, parser.CurrentLineNumber, f"elements nested more than {MAX_DEPTH} deep "
                                                           f"(too many groups inside groups?)")
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
            stack[-1].parts.append(data)

    def doctype(*_args) -> None:
        raise TmxError(path, parser.CurrentLineNumber, "<!DOCTYPE> is not allowed in a Tiled file; remove it")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise TmxError(path, exc.lineno, f"broken XML: {reason} (column {exc.offset + 1})") from None
    except LookupError as exc:  # <?xml encoding="..."?> names an encoding Python does not know
        raise TmxError(path, 1, f"broken XML: {exc}; Tiled saves maps as UTF-8") from None
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
        raise TmxError(path, 0, f"broken XML ({type(exc).__name__})") from None
    if not root:
        raise TmxError(path, 1, "the file is empty")
    todo = [root[0]]
    while todo:  # join each element's text once (adding piece by piece would be quadratic)
        node = todo.pop()
        node.text = "".join(node.parts)
        node.parts = []
        todo.extend(node.children)
    return root[0]


def parse_file(path: Path) -> Node:
    try:
        data = read_bytes(path)
    except ReadError as exc:
        raise TmxError(path, exc.line, exc.message) from None
    return parse_text(data, path)
