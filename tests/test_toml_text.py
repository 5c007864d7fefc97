"""The TOML pre-scan (issue 18): it follows TOML's strings exactly, so its verdict on depth and
dotted keys is the structure tomllib reads, and it fails closed where it cannot follow."""

from __future__ import annotations

import time
import tomllib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jdwizard.toml_text import MAX_KEY_PARTS, MAX_NESTING, TomlError, measure, parse_toml

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def depth(value: Any) -> int:
    """How deep `value` goes: a scalar 0, a table or array 1 more than its deepest item."""
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


# --- valid TOML built from parts, with every kind of string and key, and tricky contents ---
CONTENT = st.text(alphabet='a"\'\\\n.#[]{}=, ', max_size=12)


def basic(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "").replace("\n", "") + "'"


def multi(text: str, quote: str) -> str:
    """A multi-line string of `text` with runs of one or two raw quotes (even right before the
    closing delimiter, as in `\"\"\"a\"\"\"\"\"`), never three."""
    out: list[str] = []
    for char in text:
        if char == "\\" and quote == '"':
            out.append("\\\\")
        elif char == quote and out[-2:] == [quote, quote]:
            out.append("\\" + quote if quote == '"' else "")
        else:
            out.append(char)
    if "".join(out).endswith("\\" * 1) and quote == '"':
        out.append("x")
    return quote * 3 + "".join(out) + quote * 3


STRINGS = st.one_of(CONTENT.map(basic), CONTENT.map(literal),
                    CONTENT.map(lambda text: multi(text, '"')),
                    CONTENT.map(lambda text: multi(text, "'")))
SCALARS = st.one_of(STRINGS, st.sampled_from(["1", "-2.5", "1e3", "true", "1979-05-27",
                                              "07:32:00.5", "inf", "0x1f"]))


@st.composite
def key(draw: st.DrawFn, first: str, parts: int) -> str:
    """A dotted key of `parts` parts whose first names `first`, each part bare or quoted (with
    dots, brackets or quotes inside)."""
    names = [first] + [draw(st.sampled_from(["a", "b-2", "c_d"])) for _ in range(parts - 1)]
    out = []
    for name in names:
        extra = draw(st.sampled_from(["", ".", "[x]", "#", " y"]))
        style = draw(st.sampled_from(["bare", "basic", "literal"] if extra else ["bare"]))
        out.append(name if style == "bare" else basic(name + extra) if style == "basic"
                   else literal(name + extra))
    return draw(st.sampled_from([".", " . "])).join(out)


PARTS = st.one_of(st.integers(1, 3), st.integers(1, MAX_KEY_PARTS + 4))


Value = tuple[str, int]  # a value's TOML text, and the most parts of a key inside it


@st.composite
def inline(draw: st.DrawFn, children: st.SearchStrategy[Value]) -> Value:
    items, most = [], 0
    for index in range(draw(st.integers(0, 3))):
        parts = draw(PARTS)
        text, inner = draw(children)
        items.append(f"{draw(key(f'i{index}', parts))} = {text}")
        most = max(most, parts, inner)
    return "{" + ", ".join(items) + "}", most


@st.composite
def array(draw: st.DrawFn, children: st.SearchStrategy[Value]) -> Value:
    gap = draw(st.sampled_from([" ", "\n", " # a [ comment ' \"\n"]))
    items = draw(st.lists(children, max_size=3))
    comma = draw(st.sampled_from(["", ","])) if items else ""
    text = "[" + gap + f",{gap}".join(text for text, _ in items) + comma + "]"
    return text, max((inner for _, inner in items), default=0)


@st.composite
def deep(draw: st.DrawFn, inner: st.SearchStrategy[Value]) -> Value:
    levels = draw(st.integers(0, MAX_NESTING + 4))
    text, most = draw(inner)
    return "[" * levels + text + "]" * levels, most


NESTED = st.recursive(SCALARS.map(lambda text: (text, 0)),
                      lambda children: st.one_of(inline(children), array(children)),
                      max_leaves=8)
VALUES = st.one_of(NESTED, deep(NESTED))


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, int]:
    """A valid TOML document and the most parts of any key or table name in it."""
    lines: list[str] = []
    most = 0

    def entries(prefix: str) -> int:
        most = 0
        for index in range(draw(st.integers(0, 3))):
            parts = draw(PARTS)
            text, inner = draw(VALUES)
            lines.append(f"{draw(key(f'{prefix}{index}', parts))} = {text}"
                         + draw(st.sampled_from(["", " # \'\'\'x\"\"\" [["])))
            most = max(most, parts, inner)
        return most

    most = entries("k")
    for index in range(draw(st.integers(0, 3))):
        parts = draw(st.one_of(st.integers(1, 3), st.integers(1, MAX_NESTING)))
        name = draw(key(f"h{index}", parts))
        most = max(most, parts)
        array = draw(st.booleans())
        for _ in range(draw(st.integers(1, 2)) if array else 1):
            lines.append(f"[[{name}]]" if array else f"[ {name} ]")
            most = max(most, entries("e"))
            if draw(st.booleans()):
                sub = draw(st.sampled_from(["s", "'s.t'"]))
                lines.append(f"[[{name}.{sub}]]" if draw(st.booleans()) else f"[{name}.{sub}]")
                most = max(most, parts + 1, entries("f"))
    return "\n".join(lines) + "\n", most


def agrees(text: str, key_parts: int | None = None) -> None:
    """The scan's verdict on a document tomllib reads matches what tomllib read."""
    real = depth(tomllib.loads(text))
    shape = measure(text)
    if real > MAX_NESTING or (key_parts or 0) > MAX_KEY_PARTS:
        assert shape.problem is not None, (real, key_parts, shape)
        return
    assert shape.problem is None, (real, key_parts, shape)
    assert shape.depth == real, (real, shape)
    if key_parts is not None:
        assert shape.key_parts == key_parts, (key_parts, shape)
    else:
        assert shape.key_parts <= real  # a key of n parts makes n - 1 tables under its own


@FUZZ
@given(documents())
def test_the_scan_sees_the_structure_tomllib_reads(document):
    text, key_parts = document
    agrees(text, key_parts)


TOKENS = ['"', "'", '"""', "'''", '""', "''", "[", "]", "[[", "]]", "{", "}", ".", ",", " = ",
          "=", "\n", "#", " ", "a", "b", "1", "\\", '\\"', "x = ", "[a]\n", "[[a]]\n"]


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_random_toml_ish_text_the_parser_accepts_is_judged_by_its_structure(text):
    measure(text)  # never fails
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return
    agrees(text)


@FUZZ
@given(documents(), st.data())
def test_a_valid_document_with_a_token_dropped_in_is_judged_by_its_structure(document, data):
    text, _ = document
    where = data.draw(st.integers(0, len(text)))
    token = data.draw(st.sampled_from(TOKENS))
    changed = text[:where] + token + text[where:]
    try:
        tomllib.loads(changed)
    except (tomllib.TOMLDecodeError, RecursionError):
        return
    agrees(changed)


DEEP = "a = " + "[" * 300 + "]" * 300 + "\n"
LONG_KEY = ".".join(["p"] * 20_000) + " = 1\n"


@pytest.mark.parametrize("string", ['"""a""""', '"""a"""""', "'''a''''", "'''a'''''",
                                    '""""a"""', "'''\na'''", '"""\\""""""'])
@pytest.mark.parametrize("rest, words", [(DEEP, "nested more than"),
                                         (LONG_KEY, "dotted parts")])
def test_a_string_ending_in_extra_quotes_does_not_hide_the_rest(string, rest, words):
    text = f"q = {string}\n{rest}"
    with pytest.raises(TomlError, match=words):
        parse_toml(text)


def test_the_long_dotted_key_is_refused_in_time_linear_in_the_text():
    small = 'q = """a""""\n' + ".".join(["p"] * 2_000) + " = 1\n"
    large = 'q = """a""""\n' + ".".join(["p"] * 200_000) + " = 1\n"
    timings = []
    for text in (small, large):
        start = time.perf_counter()
        with pytest.raises(TomlError, match="dotted parts"):
            parse_toml(text)
        timings.append(time.perf_counter() - start)
    assert timings[1] < 30 * max(timings[0], 1e-4)  # refused at once, not after parsing it


@pytest.mark.parametrize("text", ['a = "never closed\n' + DEEP, "a = '''never closed\n" + DEEP,
                                  'a = """never closed\n' + DEEP, 'a = "x\\\n"\n' + DEEP])
def test_a_string_the_scan_cannot_see_the_end_of_is_refused_not_handed_on(text):
    with pytest.raises(TomlError, match="string that is not closed"):
        parse_toml(text)


@pytest.mark.parametrize("text, expected", [
    ('"a.b.c" = 1\n', 1),
    ("[[a]]\n[[a.b]]\n[a.b.c]\nx = {y.z = [1]}\n", 9),
    ("[[a]]\n[[a.b]]\n[[a]]\n[a.b]\n", 5),  # a new element of a has no b yet
    ("x = [{a = [[]]}, 2]\n", 5),
])
def test_depth_counts_tables_arrays_and_dotted_keys(text, expected):
    assert depth(tomllib.loads(text)) == expected == measure(text).depth
