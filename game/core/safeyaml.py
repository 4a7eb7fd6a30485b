"""The one YAML reader for every content file (dialogue, swarm and SPECTRA encounters, chapters...).

YAML files are untrusted. This reader walks PyYAML's event stream (libyaml's parser when PyYAML has it)
and builds the tree itself, without recursion, so that:

- an explicit tag (``!!python/object``, ``!x``, even ``!!str``) is refused: content never needs one;
- a key given twice in one mapping is refused (instead of silently keeping the last value);
- nesting deeper than ``MAX_DEPTH`` is refused before it can exhaust the stack;
- aliases are allowed but the tree they expand to is bounded (``MAX_NODES``), so an alias bomb is
  refused instead of taking gigabytes; an alias to a node that contains it is refused too;
- plain scalars are read once, the same way for every loader, by the rules YAML 1.1 and 1.2 share:
  ``null``/``~``, ``true``/``false``, decimal whole numbers (no leading zero) and decimal numbers with a
  point. The forms the two versions read differently (``0x1``, ``0o7``, ``010``, ``1:30``, ``1_000``,
  ``1e5``, ``yes``/``no``/``on``/``off``) are plain text, so a loader asking for a number refuses them
  with its usual message. Numbers are finite and bounded (``MAX_INT``, ``MAX_FLOAT``);
  ``.inf``, ``.nan``, ``1e999`` and 5000-digit numbers are refused where they are written;
- every node keeps its line, and every problem is a ``YamlError`` whose ``str()`` is
  ``path:line: message``.

Two results: ``compose`` gives PyYAML nodes (``yaml.ScalarNode`` etc., so node-walking validators keep
working; scalars carry their parsed value as ``.data``) and ``load`` gives plain values where mappings
are ``LineDict`` and lists ``LineList``, which remember their lines. ``compose_file``/``load_file`` read
the file through ``game.core.files`` first. Pure: no pygame.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from game.core.files import CONTENT_LIMIT, ReadError, read_text

MAX_DEPTH = 40  # nested mappings and lists
MAX_NODES = 100_000  # values in the tree with every alias expanded
MAX_INT = 2**53  # the largest whole number (in size) a file may hold
MAX_FLOAT = 1e15

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"

# What reads as a number is the part that YAML 1.1 (PyYAML's) and YAML 1.2 agree on, so text PyYAML
# writes unquoted never turns into a number here: whole numbers without leading zeros, and numbers with
# a decimal point (an exponent needs its sign). ``010``, ``0x1``, ``1_000``, ``1:30`` and ``1e5`` are text.
_INT_RE = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+][0-9]+)?")
_SPECIAL_FLOAT_RE = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

# libyaml's parser when PyYAML was built with it (about ten times faster), the pure one otherwise
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """A YAML file that cannot be used; ``str()`` is ``path:line: message`` (line 0: the whole file)."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


class Scalar(yaml.ScalarNode):
    """A scalar node that also holds its value, read once: str, int, float, bool or None."""

    def __init__(self, tag: str, value: str, data, start_mark, end_mark, style) -> None:
        super().__init__(tag, value, start_mark, end_mark, style)
        self.data = data


class LineDict(dict):
    """A mapping from YAML that remembers its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A list from YAML that remembers its own line and each item's line (1-based)."""

    line: int = 0
    item_lines: list


def line_of(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1 if node.start_mark is not None else 0


def _resolve(value: str, path: str, line: int):
    """(tag, value) of a plain scalar; raises YamlError for numbers that are not finite or too large."""
    if value in _NULLS:
        return NULL, None
    if value in _BOOLS:
        return BOOL, _BOOLS[value]
    if _INT_RE.fullmatch(value):
        digits = value.lstrip("+-").lstrip("0")
        if len(digits) > 16 or abs(number := int(value)) > MAX_INT:
            raise YamlError(path, line, f"the number {_short(value)} is too large (at most {MAX_INT})")
        return INT, number
    if _FLOAT_RE.fullmatch(value):
        number = float(value)
        if not math.isfinite(number) or abs(number) > MAX_FLOAT:
            raise YamlError(path, line, f"the number {_short(value)} is too large (at most {MAX_FLOAT:g})")
        return FLOAT, number
    if _SPECIAL_FLOAT_RE.fullmatch(value):
        raise YamlError(path, line, f"{value} is not a finite number; write a plain number (or quote it as text)")
    return STR, value


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:10]}...{text[-6:]} ({len(text)} characters)"


def _key_id(node: Scalar):
    return type(node.data).__name__, node.data


def _syntax_error(exc: yaml.YAMLError, path: str) -> YamlError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    if isinstance(exc, yaml.MarkedYAMLError):
        what = exc.problem or exc.context or "not valid YAML"
    else:
        what = str(exc).splitlines()[0] if str(exc) else "not valid YAML"
        position = getattr(exc, "position", None)
        if line == 0 and isinstance(position, int):
            line = 1
    if "mapping values are not allowed" in what:
        what += " (text containing ': ' must be put in quotes)"
    if "found character '\\t'" in what:
        what += " (indent with spaces, not tabs)"
    return YamlError(path, line, f"YAML syntax error: {what}")


class _Frame:
    __slots__ = ("node", "size", "key", "keys", "anchor")

    def __init__(self, node: yaml.Node, anchor: str | None) -> None:
        self.node = node
        self.size = 1
        self.key: Scalar | None = None
        self.keys: set = set()
        self.anchor = anchor


def compose(text: str, path: Path | str = "<text>") -> yaml.Node | None:
    """The node tree of one YAML document (None for an empty file); ``YamlError`` for anything unsafe."""
    path = str(path)
    anchors: dict[str, tuple[yaml.Node, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    root: list[tuple[yaml.Node, int]] = []
    documents = 0
    loader = _Loader(text)
    try:
        while True:
            try:
                event = loader.get_event()
            except yaml.YAMLError as exc:
                raise _syntax_error(exc, path) from None
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            line = event.start_mark.line + 1 if event.start_mark is not None else 0
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(path, line, "only one YAML document per file (remove the second '---')")
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
                continue
            tag = getattr(event, "tag", None)
            if tag is not None and not (isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent))
                                        and event.implicit and tag in (SEQ, MAP)):
                shown = tag if len(tag) <= 60 else tag[:57] + "..."
                raise YamlError(path, line, f"the tag {shown} is not allowed in content files; remove it")
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                frame = stack.pop()
                if frame.key is not None:  # cannot happen with a well-formed event stream
                    raise YamlError(path, line, "a key has no value")
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.node, frame.size)
                    open_anchors.discard(frame.anchor)
                done, size = frame.node, frame.size
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor in open_anchors:
                    raise YamlError(path, line, f"the alias *{event.anchor} points into its own anchor")
                if event.anchor not in anchors:
                    raise YamlError(path, line, f"the alias *{event.anchor} has no anchor &{event.anchor} before it")
                done, size = anchors[event.anchor]
            elif isinstance(event, yaml.ScalarEvent):
                if event.implicit[0]:
                    scalar_tag, data = _resolve(event.value, path, line)
                else:
                    scalar_tag, data = STR, event.value
                done = Scalar(scalar_tag, event.value, data, event.start_mark, event.end_mark, event.style)
                size = 1
                if event.anchor is not None:
                    anchors[event.anchor] = (done, 1)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(path, line, f"nested more than {MAX_DEPTH} levels deep")
                if isinstance(event, yaml.SequenceStartEvent):
                    node: yaml.Node = yaml.SequenceNode(SEQ, [], event.start_mark, event.end_mark,
                                                        flow_style=event.flow_style)
                else:
                    node = yaml.MappingNode(MAP, [], event.start_mark, event.end_mark, flow_style=event.flow_style)
                if stack and isinstance(stack[-1].node, yaml.MappingNode) and stack[-1].key is None:
                    raise YamlError(path, line, "a key must be plain text, not a list or mapping")
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                stack.append(_Frame(node, event.anchor))
                continue
            else:
                continue
            if not stack:
                root.append((done, size))
                continue
            parent = stack[-1]
            if isinstance(parent.node, yaml.MappingNode) and parent.key is None:
                if not isinstance(done, Scalar):
                    raise YamlError(path, line, "a key must be plain text, not a list or mapping")
                key_id = _key_id(done)
                if key_id in parent.keys:
                    raise YamlError(path, line, f"the key {_short(str(done.value))!r} is given twice in one "
                                                f"mapping; keep one")
                parent.keys.add(key_id)
                parent.key = done
                parent.size += 1
                continue
            if isinstance(parent.node, yaml.MappingNode):
                parent.node.value.append((parent.key, done))
                parent.key = None
            else:
                parent.node.value.append(done)
            parent.size += size
            if parent.size > MAX_NODES:
                raise YamlError(path, line, f"the file expands to more than {MAX_NODES} values "
                                            f"(too many aliases?)")
    except (ValueError, OverflowError, UnicodeError, RecursionError, MemoryError) as exc:
        raise YamlError(path, 0, f"YAML that cannot be read ({type(exc).__name__})") from None
    finally:
        loader.dispose()
    if not root:
        return None
    return root[0][0]


def construct(node: yaml.Node | None):
    """Plain values from a composed tree: LineDict, LineList, str, int, float, bool or None."""
    if node is None:
        return None
    memo: dict[int, object] = {}

    def build(n: yaml.Node):
        if isinstance(n, Scalar):
            return n.data
        found = memo.get(id(n))
        if found is not None:
            return found
        if isinstance(n, yaml.SequenceNode):
            items = LineList(build(child) for child in n.value)
            items.line = line_of(n)
            items.item_lines = [line_of(child) for child in n.value]
            memo[id(n)] = items
            return items
        mapping = LineDict()
        mapping.line = line_of(n)
        mapping.key_lines = {}
        for key_node, value_node in n.value:
            key = key_node.data if isinstance(key_node, Scalar) else key_node.value
            if not isinstance(key, (str, int, bool)) or key is None:
                key = str(key)
            mapping[key] = build(value_node)
            mapping.key_lines[key] = line_of(key_node)
        memo[id(n)] = mapping
        return mapping

    return build(node)  # recursion is bounded by MAX_DEPTH


def load(text: str, path: Path | str = "<text>"):
    """Plain values (see ``construct``) of one YAML document; ``YamlError`` for anything unsafe."""
    return construct(compose(text, path))


def read(path: Path | str, limit: int = CONTENT_LIMIT) -> str:
    """A YAML file's text through the guarded reader; ``YamlError`` when it cannot be read."""
    try:
        return read_text(path, limit)
    except ReadError as exc:
        raise YamlError(exc.path, exc.line, exc.message) from None


def compose_file(path: Path | str, limit: int = CONTENT_LIMIT) -> yaml.Node | None:
    return compose(read(path, limit), path)


def load_file(path: Path | str, limit: int = CONTENT_LIMIT):
    return load(read(path, limit), path)


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


def plain_name(name: object) -> bool:
    """Whether ``name`` can name a content file in its folder: letters, digits, ``_ . -``, no path."""
    return isinstance(name, str) and bool(_PLAIN_NAME.fullmatch(name)) and ".." not in name


def int_value(node: yaml.Node | None) -> int | None:
    """The whole number a scalar node holds (already range-checked), or None when it holds something else."""
    if isinstance(node, Scalar) and node.tag == INT:
        return node.data
    return None


def number_value(node: yaml.Node | None) -> int | float | None:
    """The finite number (whole or not) a scalar node holds, or None when it holds something else."""
    if isinstance(node, Scalar) and node.tag in (INT, FLOAT):
        return node.data
    return None
