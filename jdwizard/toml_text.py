"""TOML from files jdwizard does not trust, parsed in bounded time and stack.

`tomllib` recurses once per level of nesting (a 1 KB file of 500 nested arrays is a
RecursionError, and `tomli_w` fails the same way when such a value is saved again) and is
quadratic in the parts of one dotted key (a 40 KB key took 5 s). So the text is scanned first,
in one linear pass that skips strings and comments: more than MAX_NESTING levels of arrays and
inline tables, or a key of more than MAX_KEY_PARTS parts, is refused before parsing.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

MAX_NESTING = 32
MAX_KEY_PARTS = 32


class TomlError(ValueError):
    """Text that is not TOML jdwizard reads; the message is a few words, with the line."""


# What the scan stops at: where a string or comment starts, and the characters of structure.
_STOP = re.compile(r"\"\"\"|'''|[\"'#\[\]{}=.,\n]")
# Where each kind of string ends: "unrolled loops" (a run of plain characters, then an escape
# or a lone quote and another run), linear even when the string never ends.
_BASIC_REST = re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_MULTI_BASIC_REST = re.compile(r'[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"""')


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
    open_brackets: list[str] = []  # the arrays and inline tables open here, innermost last
    key_parts = 0  # dots in the key being read so far
    in_key = True  # reading a key (a line's start, a table header, after `{` or `,` in one)
    in_header = False
    line = 1
    position = 0
    while (stop := _STOP.search(text, position)) is not None:
        token = stop.group()
        position = stop.end()
        if token == "\n":
            line += 1
            if not open_brackets:
                in_key, in_header, key_parts = True, False, 0
        elif token == "#":
            end = text.find("\n", position)
            position = len(text) if end < 0 else end
        elif token in ('"', '"""', "'", "'''"):
            end = _string_end(text, token, position)
            if end < 0:
                return None  # unterminated: the parser says where
            line += text.count("\n", position, end)
            position = end
        elif token == "=":
            in_key = False
        elif token == ".":
            key_parts += in_key or in_header
            if key_parts >= MAX_KEY_PARTS:
                return f"line {line}: a key of more than {MAX_KEY_PARTS} dotted parts"
        elif token == "[" and in_key and not open_brackets:
            in_header = True  # a table header, `[a.b]` or `[[a.b]]`: its dots are a key's
        elif token in "[{":
            open_brackets.append(token)
            if len(open_brackets) > MAX_NESTING:
                return f"line {line}: nested more than {MAX_NESTING} levels deep"
            in_key, key_parts = token == "{", 0
        elif token in "]}":
            if open_brackets and not in_header:
                open_brackets.pop()
        elif token == "," and open_brackets:
            in_key, key_parts = open_brackets[-1] == "{", 0
    return None


def _string_end(text: str, quote: str, start: int) -> int:
    """Where the string opened by `quote` just before `start` ends (after its closing quote);
    -1 when it does not."""
    if quote == "'":
        end = text.find("'", start)
        newline = text.find("\n", start)
        return -1 if end < 0 or 0 <= newline < end else end + 1
    if quote == "'''":
        end = text.find("'''", start)
        return -1 if end < 0 else end + 3
    pattern = _BASIC_REST if quote == '"' else _MULTI_BASIC_REST
    found = pattern.match(text, start)
    return -1 if found is None else found.end()
