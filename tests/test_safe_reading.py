"""The one guarded reader (game.core.files) and the one safe YAML loader (game.core.safeyaml)."""

from __future__ import annotations

import os
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.core import safeyaml
from game.core.files import ReadError, read_bytes, read_text
from game.core.safeyaml import YamlError

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


# the guarded reader --------------------------------------------------------------------------------
def test_a_regular_file_is_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffhé\n".encode())
    assert read_text(path) == "hé\n"


@posix_only
def test_a_fifo_is_refused_without_hanging(tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    with pytest.raises(ReadError, match="pipe.yaml:0: .*pipe"):
        read_text(path)


@posix_only
def test_a_link_to_a_device_is_refused(tmp_path):
    path = tmp_path / "zero.yaml"
    path.symlink_to("/dev/zero")
    with pytest.raises(ReadError, match="device"):
        read_bytes(path)


@posix_only
def test_a_symlink_loop_is_refused(tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(ReadError, match="a.yaml:0: cannot read the file"):
        read_text(tmp_path / "a.yaml")


def test_folders_missing_files_and_big_files_are_refused(tmp_path):
    with pytest.raises(ReadError, match="folder"):
        read_text(tmp_path)
    with pytest.raises(ReadError, match="cannot read"):
        read_text(tmp_path / "nothing.yaml")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(ReadError, match="too large"):
        read_text(big, limit=1000)


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: \xff\xfe\n")
    with pytest.raises(ReadError, match=r"bad.yaml:2: the file is not UTF-8"):
        read_text(path)


# the safe YAML loader ------------------------------------------------------------------------------
def refused(text: str, match: str) -> YamlError:
    with pytest.raises(YamlError, match=match) as info:
        safeyaml.load(text, "f.yaml")
    return info.value


def test_plain_values_and_lines():
    data = safeyaml.load("a: 1\nb:\n  - x\n  - 2.5\n  - ~\n  - true\n", "f.yaml")
    assert data == {"a": 1, "b": ["x", 2.5, None, True]}
    assert data.key_lines == {"a": 1, "b": 2}
    assert data["b"].item_lines == [3, 4, 5, 6]


def test_yaml_1_1_forms_are_text_for_every_loader():
    data = safeyaml.load("a: [0x1, 0o7, 1:30, 1_000, yes, no, on, off, '12', 010, 09, 1e5, 0E0, -.5e3, 12, 1.5e+3]")
    assert data["a"] == ["0x1", "0o7", "1:30", "1_000", "yes", "no", "on", "off", "12", "010", "09", "1e5", "0E0",
                         "-.5e3", 12, 1500.0]
    node = safeyaml.compose("a: 0x1\nb: 7\n")
    assert safeyaml.int_value(node.value[0][1]) is None
    assert safeyaml.int_value(node.value[1][1]) == 7


def test_unknown_tags_are_refused():
    refused("a: !!python/object/apply:os.system ['true']", "f.yaml:1: the tag .* is not allowed")
    refused("a: !custom 3", "not allowed")
    refused("a: !!str 3", "not allowed")


def test_duplicate_keys_are_refused_with_the_line():
    refused("a: 1\nb: 2\na: 3\n", "f.yaml:3: the key 'a' is given twice")
    refused("x:\n  1: a\n  +1: b\n", "f.yaml:3: .*given twice")


def test_non_finite_and_huge_numbers_are_refused():
    for text in (".inf", "-.Inf", ".nan", "1.0e+999", "9" * 5000, "-" + "1" * 30, "1" + "0" * 16 + ".5"):
        refused(f"a: {text}\n", "f.yaml:1: ")


def test_deep_nesting_is_refused_without_recursion():
    refused("[" * 100_000 + "]" * 100_000, "nest")
    refused("a:\n" + "".join(" " * i + "- \n" for i in range(1, 200)), "nested more than")


def test_alias_bombs_are_refused_quickly():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(9)]
    refused("\n".join(lines), "expands to more than")
    refused("&a [*a]", "points into its own anchor")
    refused("a: *nothing", "no anchor")


def test_small_aliases_are_fine():
    assert safeyaml.load("a: &x {k: 1}\nb: *x\n") == {"a": {"k": 1}, "b": {"k": 1}}


def test_syntax_errors_keep_the_line():
    error = refused("a: 1\nb: [1, 2\n", "YAML syntax error")
    assert error.line >= 2
    refused("a:\n  - x\n b: 1\n", "f.yaml:3: YAML syntax error")


def test_only_one_document():
    refused("a: 1\n---\nb: 2\n", "one YAML document")


def test_complex_keys_are_refused():
    refused("? [1]\n: 2\n", "a key must be plain text")


def test_reading_a_file_goes_through_the_guarded_reader(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: \xc3\n")
    with pytest.raises(YamlError, match="x.yaml:1: the file is not UTF-8"):
        safeyaml.load_file(path)
    with pytest.raises(YamlError, match="y.yaml:0: cannot read"):
        safeyaml.load_file(tmp_path / "y.yaml")


# property-based corruption -------------------------------------------------------------------------
SAMPLE = (
    "title: Tutorial\nbots: 600\ntime_limit: 90\ndecay:\n  - {at: [300, 120], radius: 14}\n"
    "anchor: &a {k: [1, 2.5, x]}\nalias: *a\ntext: >\n  folded\n  words\nlist:\n  - 'quoted'\n  - \"dq\"\n"
)
SAFE = (YamlError,)


def _loads_or_refuses(text: str) -> None:
    try:
        data = safeyaml.load(text, "fuzz.yaml")
    except SAFE as exc:
        assert str(exc).startswith("fuzz.yaml:")
        return
    # whatever is accepted holds only plain, finite values
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
            assert all(isinstance(k, (str, int, bool)) for k in value)
        elif isinstance(value, list):
            stack.extend(value)
        else:
            assert value is None or isinstance(value, (str, int, float, bool))
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert abs(value) <= safeyaml.MAX_INT


@FUZZ
@given(cut=st.integers(min_value=0, max_value=len(SAMPLE)))
def test_truncated_yaml(cut):
    _loads_or_refuses(SAMPLE[:cut])


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(SAMPLE.encode()) - 1), st.integers(0, 7)), min_size=1, max_size=6))
def test_bit_flipped_yaml(flips, tmp_path):
    data = bytearray(SAMPLE.encode())
    for at, bit in flips:
        data[at] ^= 1 << bit
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(bytes(data))
    try:
        safeyaml.load_file(path)
    except YamlError as exc:
        assert str(exc).startswith(f"{path}:")


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!,'\"#\n 19.e~|>?")), max_size=200))
def test_random_yaml_like_text(text):
    _loads_or_refuses(text)


def test_the_pure_python_parser_agrees():
    """The same rules hold whichever PyYAML parser is present."""
    assert getattr(yaml, "CSafeLoader", None) is None or safeyaml._Loader is yaml.CSafeLoader
    original = safeyaml._Loader
    safeyaml._Loader = yaml.SafeLoader
    try:
        assert safeyaml.load(SAMPLE, "f.yaml") == safeyaml.construct(safeyaml.compose(SAMPLE))
        refused("a: 1\na: 2\n", "given twice")
        refused("[" * 5000 + "]" * 5000, "nested")
    finally:
        safeyaml._Loader = original


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25)


@FUZZ
@given(value=JSONISH, flow=st.booleans())
def test_what_pyyaml_writes_reads_back_the_same(value, flow):
    """Plain data written by PyYAML reads back as PyYAML reads it: the loaders differ only where this one
    refuses (PyYAML itself folds a few line-break characters such as U+0085 in keys, hence not ``value``)."""
    text = yaml.safe_dump({"v": value}, default_flow_style=flow, allow_unicode=True)
    assert safeyaml.load(text, "f.yaml") == yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
