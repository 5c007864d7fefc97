"""Rendering a template with answers into Markdown, compiled once and cheap per keystroke.

Answers are inserted literally (Jinja2 never evaluates a value). A body in the plain subset
(fields and if/else, as the built-in templates are) renders without Jinja2 at all, exactly as
Jinja2 would; any other goes to a sandboxed Jinja2 environment, strict about undefined
variables. `segments()` returns the same document split into pieces that remember which field
produced them, for a preview that highlights fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from jdwizard.template.bundle import Field, Template
from jdwizard.template.plain_body import compile_plain

# Segment markers are Unicode noncharacters, which no real text uses; they are removed from
# answers before rendering. The character after an opening marker is the field's index.
_OPEN_FILLED = "\ufdd0"
_OPEN_EMPTY = "\ufdd1"
_CLOSE = "\ufdd2"
_INDEX_BASE = 0xE000
_MARKERS = re.compile("[\ufdd0-\ufdd2]")
_SEGMENT = re.compile("([\ufdd0\ufdd1])(.)(.*?)\ufdd2", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*•]\s*|[+]\s+|\d+[.)]\s+)")
# Line breaks other than "\n" (CR, CRLF, vertical tab, form feed, the information separators
# Python splits lines at, NEL, U+2028/U+2029) become "\n", as the multi-line answer box does.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# The other C0 and C1 control characters (NUL, BEL, backspace, ESC, DEL, CSI...) never reach
# the document: invisible in a job post, NUL makes tools treat the file as binary, and an
# escape sequence would act on the terminal of whoever prints the file. The draft keeps them.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Markdown that starts a block (a heading, quote, list, code fence, rule, setext underline or
# HTML block) when it begins a line. An answer that the template puts at the start of a line (or
# of a list item), and each item of a list answer, gets a backslash before such a start: it then
# reads as typed and cannot turn the template's paragraph into a heading, or a benefit into a
# heading or a code block. (Elsewhere in a line none of this is syntax, and is left as typed;
# free multi-line text is the user's own Markdown.)
_BLOCK_START = re.compile(
    r"#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|`{3}|~{3}|[-*_=][-*_= ]*$|<[A-Za-z/!?]"
)
_ORDERED_START = re.compile(r"\d{1,9}(?=[.)](?:\s|$))")
# What may come before a value on its line for the value to begin a block: indentation, list
# item and quote markers.
_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+|>[ \t]*)*")


@dataclass(frozen=True)
class Segment:
    """A run of the document: fixed template text (field None) or one field's value."""

    text: str
    field: str | None = None
    filled: bool = True


def placeholder(field: Field) -> str:
    """How an unanswered required field shows in the document: the seed's own notation."""
    return "{{" + field.name + "}}"


def prepare_answer(field: Field, raw: str) -> str:
    """Turn a raw answer into the text inserted in the body ("" when unanswered).

    Everything visible is kept as typed (Jinja syntax, Markdown, HTML, emoji, right-to-left
    text); every kind of line break becomes a newline, and control characters other than tab
    and newline are dropped. A one-line field's whitespace runs become single spaces.
    """
    text = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", _MARKERS.sub("", raw))).strip()
    if not text:
        return ""
    if field.kind == "line":
        return " ".join(text.split())
    if field.as_list:
        items = [_BULLET.sub("", line).strip() for line in text.split("\n")]
        return "\n- ".join(item for item in items if item)
    return text


def _escape_block_start(line: str) -> str:
    """`line` with a backslash before Markdown that would start a block (see _BLOCK_START)."""
    number = _ORDERED_START.match(line)
    if number:
        return f"{line[: number.end()]}\\{line[number.end() :]}"
    return f"\\{line}" if _BLOCK_START.match(line) else line


def is_answered(field: Field, answers: Mapping[str, str]) -> bool:
    """Whether `answers` holds a non-blank answer for `field`."""
    return bool(prepare_answer(field, answers.get(field.name, "")))


def missing_required(template: Template, answers: Mapping[str, str]) -> list[Field]:
    """The required fields that have no answer yet, in template order."""
    return [f for f in template.fields if f.required and not is_answered(f, answers)]


class _Compiled(Protocol):
    def render(self, values: Mapping[str, str], /) -> str: ...


def _compile_with_jinja(body: str) -> _Compiled:
    """A body beyond the plain subset (see plain_body), compiled by Jinja2 in its sandbox."""
    from jinja2 import StrictUndefined  # here: only such a body needs Jinja2
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    return environment.from_string(body)


class Renderer:
    """A template's body, compiled once; renders answers into Markdown or segments."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._compiled: _Compiled = compile_plain(
            template.body, (f.name for f in template.fields)
        ) or _compile_with_jinja(template.body)
        self._line_starts = self._fields_starting_a_line()

    def _fields_starting_a_line(self) -> frozenset[str]:
        """The fields that the template puts at the start of a line or list item somewhere
        (found by rendering it with every field answered; all of them if that fails)."""
        fields = self.template.fields
        values = {f.name: f"{_OPEN_FILLED}{chr(_INDEX_BASE + i)}x{_CLOSE}"
                  for i, f in enumerate(fields)}
        try:
            marked = self._compiled.render(values)
        except Exception:  # a template that needs particular answers: escape wherever needed
            return frozenset(f.name for f in fields)
        starts = set()
        for match in _SEGMENT.finditer(marked):
            before = marked[marked.rfind("\n", 0, match.start()) + 1 : match.start()]
            if _CONTAINER_PREFIX.fullmatch(_SEGMENT.sub("x", before)):
                starts.add(fields[ord(match.group(2)) - _INDEX_BASE].name)
        return frozenset(starts)

    def _value(self, field: Field, raw: str) -> str:
        """The answer as inserted: prepared, with block Markdown escaped where it starts one."""
        value = prepare_answer(field, raw)
        if not value or (field.kind != "line" and not field.as_list):
            return value
        first, *items = value.split("\n- ") if field.as_list else [value]
        if field.name in self._line_starts:
            first = _escape_block_start(first)
        return "\n- ".join([first, *(_escape_block_start(item) for item in items)])

    def render(self, answers: Mapping[str, str]) -> str:
        """The Markdown document; unanswered required fields show as `{{name}}`."""
        values = {}
        for field in self.template.fields:
            value = self._value(field, answers.get(field.name, ""))
            values[field.name] = value or (placeholder(field) if field.required else "")
        return _tidy(self._compiled.render(values))

    def segments(self, answers: Mapping[str, str]) -> list[Segment]:
        """The document as segments tagged with the field each value came from."""
        values = {}
        for index, field in enumerate(self.template.fields):
            tag = chr(_INDEX_BASE + index)
            value = self._value(field, answers.get(field.name, ""))
            if value:
                values[field.name] = f"{_OPEN_FILLED}{tag}{value}{_CLOSE}"
            elif field.required:
                values[field.name] = f"{_OPEN_EMPTY}{tag}{placeholder(field)}{_CLOSE}"
            else:
                values[field.name] = ""
        marked = _tidy(self._compiled.render(values))
        segments: list[Segment] = []
        position = 0
        for match in _SEGMENT.finditer(marked):
            if match.start() > position:
                segments.append(Segment(marked[position : match.start()]))
            field = self.template.fields[ord(match.group(2)) - _INDEX_BASE]
            filled = match.group(1) == _OPEN_FILLED
            segments.append(Segment(match.group(3), field.name, filled))
            position = match.end()
        if position < len(marked):
            segments.append(Segment(marked[position:]))
        return segments


def _tidy(document: str) -> str:
    """Collapse runs of blank lines left by optional sections; end with one newline."""
    return re.sub(r"\n{3,}", "\n\n", document).strip("\n") + "\n"
