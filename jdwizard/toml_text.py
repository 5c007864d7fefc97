"""TOML from files jdwizard does not trust, parsed in bounded time and stack.

`tomllib` recurses once per level of nesting (a 1 KB file of 500 nested arrays is a
RecursionError, and `tomli_w` fails the same way when such a value is saved again) and is
quadratic in the parts of one dotted key (a 40 KB key took 5 s). So the text is scanned first,
in one linear pass that follows TOML's strings and comments exactly: a value nested more than
MAX_NESTING levels deep (tables, arrays and inline tables alike, the document being level 1), or
a key of more than MAX_KEY_PARTS parts, is refused before parsing. The scan fails closed: a string
it cannot see the end of is refused too (it is never valid TOML), so tomllib never reads a part
of the text the scan did not check.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

MAX_NESTING = 32
MAX_KEY_PARTS = 32


class TomlError(ValueError):
    """Text that is not TOML jdwizard reads; the message is a few words, with the line."""


@dataclass
class Shape:
    """What a scan saw: how deep the value goes (the document's table is level 1, a table,
    array or inline table inside it level 2...), the most parts of one key, and why the text
    is refused (None: it is within the limits)."""

    depth: int = 1
    key_parts: int = 0
    problem: str | None = None


# What the scan stops at: where a string or comment starts, and the characters of structure.
_STOP = re.compile(r"\"\"\"|'''|[\"'#\[\]{}=.,\n]")
# Where each kind of string ends, after its opening quote(s): "unrolled loops", linear even when
# the string never ends. A multi-line string ends at the first run of three or more quotes not
# escaped, and takes up to two more quotes of that run as its own (`"""a"""""` is `a""`).
_STRING_REST = {
    '"': re.compile(r'[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"'),
    "'": re.compile(r"[^'\n]*'"),
    '"""': re.compile(r'[^"\\]*(?:(?:\\[\s\S]|""?(?!"))[^"\\]*)*"{3,5}'),
    "'''": re.compile(r"[^']*(?:''?(?!')[^']*)*'{3,5}"),
}


def parse_toml(text: str) -> dict[str, Any]:
    """The TOML document in `text`; TomlError when it is invalid or nested beyond the limits."""
    problem = nesting_problem(text)
    if problem is not None:
        raise TomlError(problem)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlError(str(error)) from None
    except RecursionError:  # cannot happen within the limits; kept as a last guard
        raise TomlError(f"nested more than {MAX_NESTING} levels deep") from None


def nesting_problem(text: str) -> str | None:
    """Why `text` is nested too deeply for jdwizard, or None. Linear in the text."""
    return measure(text).problem


def measure(text: str) -> Shape:
    """The shape of the TOML in `text`, scanned up to the first limit passed. Linear."""
    scan = _Scan(text.replace("\r\n", "\n"))
    scan.run()
    return scan.shape


@dataclass
class _Table:
    """A table named by a header, and whether it is an array of tables (`[[name]]`)."""

    array: bool = False
    children: dict[str, _Table] = field(default_factory=dict)


class _Scan:
    """One pass over a TOML text, token by token (see `_STOP`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.shape = Shape()
        self.line = 1
        self.table_level = 1  # the level of the table that the lines' keys go into
        self.open: list[tuple[str, int]] = []  # arrays and inline tables open: (bracket, level)
        self.value_level = 2  # the level an array or inline table opened here would have
        self.in_key = True  # reading a key: at a line's start, after `{` or `,` in one
        self.dots = 0  # in the key (or table header) being read
        self.header: list[str] | None = None  # a table header's parts so far, while in one
        self.part_start = 0
        self.array_header = False
        self.tables = _Table()  # the tables headers named, to know which are arrays of tables

    def run(self) -> None:
        text, position = self.text, 0
        while self.shape.problem is None and (stop := _STOP.search(text, position)):
            token, position = stop.group(), stop.end()
            if token == "\n":
                self.line += 1
                if not self.open:
                    self.in_key, self.dots, self.header = True, 0, None
            elif token == "#":
                end = text.find("\n", position)
                position = len(text) if end < 0 else end
            elif token in _STRING_REST:
                found = _STRING_REST[token].match(text, position)
                if found is None:  # never valid TOML: refused, not left for tomllib to read
                    self.shape.problem = f"line {self.line}: a string that is not closed"
                    return
                self.line += text.count("\n", position, found.end())
                position = found.end()
            elif token == "=":
                self._key_read()
            elif token == ".":
                self._dot(stop.start())
            elif token == "[" and self.in_key and not self.open and self.header is None:
                self.array_header = text.startswith("[", position)
                position += self.array_header
                self.header, self.part_start, self.dots = [], position, 0
            elif token in "[{":
                self._open(token)
            elif token == "]" and self.header is not None:
                self.header.append(_key_name(text[self.part_start:stop.start()]))
                position += self.array_header and text.startswith("]", position)
                self._header_read(self.header)
            elif token in "]}":
                self._close()
            elif token == "," and self.open:
                bracket, level = self.open[-1]
                self.in_key, self.dots, self.value_level = bracket == "{", 0, level + 1

    def _dot(self, where: int) -> None:
        if self.header is not None:
            self.header.append(_key_name(self.text[self.part_start:where]))
            self.part_start = where + 1
        elif not self.in_key:
            return  # a number's or a date's
        self.dots += 1
        if self.dots >= MAX_KEY_PARTS:
            self.shape.problem = (
                f"line {self.line}: a key of more than {MAX_KEY_PARTS} dotted parts")

    def _key_read(self) -> None:
        if not self.in_key or self.header is not None:
            return
        parts = self.dots + 1
        self.shape.key_parts = max(self.shape.key_parts, parts)
        level = self.open[-1][1] if self.open else self.table_level
        self._reach(level + parts - 1)  # the tables a dotted key makes on its way
        self.in_key, self.value_level = False, level + parts

    def _header_read(self, parts: list[str]) -> None:
        self.shape.key_parts = max(self.shape.key_parts, len(parts))
        table, level = self.tables, 1
        for index, part in enumerate(parts):
            table = table.children.setdefault(part, _Table())
            if self.array_header and index == len(parts) - 1:
                table.array, table.children = True, {}  # a new element, with no tables yet
            level += 1 + table.array  # an array of tables is a level, and its element another
        self.header, self.in_key, self.table_level = None, False, level
        self._reach(level)

    def _open(self, bracket: str) -> None:
        level = self.value_level
        self.open.append((bracket, level))
        self.in_key, self.dots, self.value_level = bracket == "{", 0, level + 1
        self._reach(level)

    def _close(self) -> None:
        if self.open:
            self.open.pop()
        self.in_key = False
        if self.open and self.open[-1][0] == "[":
            self.value_level = self.open[-1][1] + 1

    def _reach(self, level: int) -> None:
        self.shape.depth = max(self.shape.depth, level)
        if level > MAX_NESTING and self.shape.problem is None:
            self.shape.problem = f"line {self.line}: nested more than {MAX_NESTING} levels deep"


def _key_name(raw: str) -> str:
    """One part of a key as TOML reads it: `a`, `'a'` and `"\\u0061"` are the same name."""
    raw = raw.strip(" \t")
    if raw.startswith('"'):
        try:
            return str(tomllib.loads(f"k = {raw}")["k"])
        except (tomllib.TOMLDecodeError, KeyError):
            return raw
    if raw.startswith("'"):
        return raw[1:-1]
    return raw
