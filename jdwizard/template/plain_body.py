"""Template bodies in the plain subset of Jinja, rendered without importing Jinja2.

Job description bodies insert fields (`{{ name }}`) and test them (`{% if name %}`, `{% elif
name %}`, `{% else %}`, `{% endif %}`), nothing more. `compile_plain` turns such a body into a
`PlainBody` that renders exactly what Jinja2 renders for it (default delimiters, no whitespace
trimming, trailing newline kept): importing Jinja2 and compiling a body costs more than the
rest of opening a draft. A body that uses anything else (a filter, a loop, a comment, `{%-`
whitespace control, a name that is not a field) gets None, and the caller uses Jinja2, which
also reports any mistake in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Where Jinja2's lexer sees a tag begin; each must be the start of one of the plain tags below.
_TAG_START = re.compile(r"\{[{%#]")
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_SPACE = r"[ \t\n]*"
_TAG = re.compile(
    rf"\{{\{{{_SPACE}(?P<variable>{_NAME}){_SPACE}\}}\}}"
    rf"|\{{%{_SPACE}(?P<keyword>if|elif|else|endif)(?:[ \t\n]+(?P<test>{_NAME}))?{_SPACE}%\}}"
)
_NEWLINES = re.compile(r"\r\n|\r")
# Names that Jinja2 reads as something other than a variable (constants, operators, keywords,
# the special variables); a body using one goes to Jinja2.
_RESERVED = frozenset({
    "true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if",
    "elif", "else", "endif", "self", "loop", "caller", "varargs", "kwargs", "super",
})


@dataclass(frozen=True)
class _Condition:
    """`{% if %}` ... `{% endif %}`: the branches as (field, nodes), then the else nodes."""

    branches: tuple[tuple[str, tuple[_Node, ...]], ...]
    otherwise: tuple[_Node, ...]


_Node = str | tuple[str] | _Condition  # text, (field name,) for `{{ name }}`, or a condition


class _NotPlain(Exception):
    """The body uses more than the plain subset."""


class PlainBody:
    """A body of the plain subset, parsed once; `render` fills in the answers."""

    def __init__(self, nodes: tuple[_Node, ...], names: frozenset[str]) -> None:
        self._nodes = nodes
        self.names = names  # the fields the body uses

    def render(self, values: Mapping[str, str]) -> str:
        """The body with `values` inserted; every field it uses must have a value."""
        parts: list[str] = []
        self._render(self._nodes, values, parts)
        return "".join(parts)

    def _render(self, nodes: Iterable[_Node], values: Mapping[str, str], parts: list[str]) -> None:
        for node in nodes:
            if isinstance(node, str):
                parts.append(node)
            elif isinstance(node, tuple):
                parts.append(str(values[node[0]]))
            else:
                chosen = node.otherwise
                for name, branch in node.branches:
                    if values[name]:
                        chosen = branch
                        break
                self._render(chosen, values, parts)


def compile_plain(body: str, fields: Iterable[str] | None = None) -> PlainBody | None:
    """`body` as a PlainBody, or None if it uses more than the plain subset (or, given
    `fields`, a name that is not one of them)."""
    allowed = None if fields is None else frozenset(fields)
    source = _NEWLINES.sub("\n", body)  # as Jinja2's lexer does before anything else
    names: set[str] = set()
    try:
        nodes, position, ending = _parse(source, 0, names, allowed)
    except _NotPlain:
        return None
    if ending is not None or position != len(source):
        return None  # an elif/else/endif with no if
    return PlainBody(nodes, frozenset(names))


def _parse(
    source: str, position: int, names: set[str], allowed: frozenset[str] | None
) -> tuple[tuple[_Node, ...], int, tuple[str, str | None] | None]:
    """Nodes from `position` up to the end or to an elif/else/endif tag, which is returned
    (keyword and test) with the position after it."""
    nodes: list[_Node] = []
    while True:
        start = _TAG_START.search(source, position)
        if start is None:
            if position < len(source):
                nodes.append(source[position:])
            return tuple(nodes), len(source), None
        if start.start() > position:
            nodes.append(source[position : start.start()])
        tag = _TAG.match(source, start.start())
        if tag is None:
            raise _NotPlain
        name = tag["variable"] or tag["test"]
        keyword = tag["keyword"]
        if name is not None:
            if name in _RESERVED or (allowed is not None and name not in allowed):
                raise _NotPlain
            names.add(name)
        if (keyword in ("if", "elif")) != (name is not None) and keyword is not None:
            raise _NotPlain  # `{% if %}` with no test, or `{% else x %}`
        position = tag.end()
        if tag["variable"]:
            nodes.append((name,))
        elif keyword == "if":
            condition, position = _parse_condition(source, position, name, names, allowed)
            nodes.append(condition)
        else:
            return tuple(nodes), position, (keyword, name)


def _parse_condition(
    source: str, position: int, test: str, names: set[str], allowed: frozenset[str] | None
) -> tuple[_Condition, int]:
    """The rest of an `{% if test %}` block, after its opening tag."""
    branches: list[tuple[str, tuple[_Node, ...]]] = []
    while True:
        nodes, position, ending = _parse(source, position, names, allowed)
        if ending is None:
            raise _NotPlain  # no endif
        branches.append((test, nodes))
        keyword, name = ending
        if keyword == "elif":
            test = name  # type: ignore[assignment]  # an elif always has a test
            continue
        if keyword == "else":
            otherwise, position, ending = _parse(source, position, names, allowed)
            if ending is None or ending[0] != "endif":
                raise _NotPlain
            return _Condition(tuple(branches), otherwise), position
        return _Condition(tuple(branches), ()), position
