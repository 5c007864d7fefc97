"""Rendering a template with answers into Markdown, compiled once and cheap per keystroke.

Answers are inserted literally (Jinja2 never evaluates a value), inside a sandboxed environment
that is strict about undefined variables. `segments()` returns the same document split into
pieces that remember which field produced them, for a preview that highlights fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from jdwizard.template import Field, Template

# Segment markers are Unicode noncharacters, which no real text uses; they are removed from
# answers before rendering. The character after an opening marker is the field's index.
_OPEN_FILLED = "\ufdd0"
_OPEN_EMPTY = "\ufdd1"
_CLOSE = "\ufdd2"
_INDEX_BASE = 0xE000
_MARKERS = re.compile("[\ufdd0-\ufdd2]")
_SEGMENT = re.compile("([\ufdd0\ufdd1])(.)(.*?)\ufdd2", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*•]\s*|[+]\s+|\d+[.)]\s+)")


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
    """Turn a raw answer into the text inserted in the body ("" when unanswered)."""
    text = _MARKERS.sub("", raw).replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    if field.kind == "line":
        return " ".join(text.split())
    if field.as_list:
        items = [_BULLET.sub("", line).strip() for line in text.split("\n")]
        return "\n- ".join(item for item in items if item)
    return text


def is_answered(field: Field, answers: Mapping[str, str]) -> bool:
    """Whether `answers` holds a non-blank answer for `field`."""
    return bool(prepare_answer(field, answers.get(field.name, "")))


def missing_required(template: Template, answers: Mapping[str, str]) -> list[Field]:
    """The required fields that have no answer yet, in template order."""
    return [f for f in template.fields if f.required and not is_answered(f, answers)]


class Renderer:
    """A template's body, compiled once; renders answers into Markdown or segments."""

    def __init__(self, template: Template) -> None:
        self.template = template
        environment = SandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
        )
        self._compiled = environment.from_string(template.body)

    def render(self, answers: Mapping[str, str]) -> str:
        """The Markdown document; unanswered required fields show as `{{name}}`."""
        values = {}
        for field in self.template.fields:
            value = prepare_answer(field, answers.get(field.name, ""))
            values[field.name] = value or (placeholder(field) if field.required else "")
        return _tidy(self._compiled.render(values))

    def segments(self, answers: Mapping[str, str]) -> list[Segment]:
        """The document as segments tagged with the field each value came from."""
        values = {}
        for index, field in enumerate(self.template.fields):
            tag = chr(_INDEX_BASE + index)
            value = prepare_answer(field, answers.get(field.name, ""))
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
