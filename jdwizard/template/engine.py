"""Rendering a template with answers into Markdown: Jinja2, in its sandbox, compiled once.

Answers are inserted literally (Jinja2 never evaluates a value). `segments()` gives the same
document as pieces that remember which field produced them, for a preview that highlights the
fields: each answer reaches the body as a string that knows its field, and Jinja2's `finalize`
hook, called for every `{{ ... }}` it prints, says which field the next piece of output came
from. Nothing is added to the text to find the fields again, so no character of a template or
an answer can confuse the two.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from jdwizard.errors import UserError
from jdwizard.safe_text import visible
from jdwizard.template.answers import LIST_SEPARATOR, placeholder, prepare_answer
from jdwizard.template.model import Field, FieldKind, Template

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

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
_BLANK_RUNS = re.compile(r"\n{3,}")


class RenderError(UserError):
    """The template's body failed on these answers (a bundle is checked with every field
    answered and with none, so a body may still fail on one particular answer)."""


def _body_line(error: BaseException) -> int | None:
    """The line of the body that raised `error` (Jinja2 gives its frames that file name)."""
    line = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


@dataclass(frozen=True)
class Segment:
    """A run of the document: fixed template text (field None) or one field's value."""

    text: str
    field: str | None = None
    filled: bool = True


class _Answer(str):
    """An answer on its way into the body: a string that knows its field."""

    field: str
    filled: bool

    def __new__(cls, text: str, field: str, filled: bool) -> _Answer:
        answer = super().__new__(cls, text)
        answer.field = field
        answer.filled = filled
        return answer


_printed = threading.local()  # what `finalize` saw since the last piece of output


def _finalize(value: object) -> object:
    """Jinja2 calls this for every value it prints: note it, print it unchanged."""
    seen = getattr(_printed, "values", None)
    if seen is not None:
        seen.append(value)
    return value


@cache
def sandbox() -> SandboxedEnvironment:
    """The Jinja2 environment every body renders in: sandboxed, strict about undefined names,
    no escaping (the output is Markdown), the body's last newline kept."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True,
        finalize=_finalize,
    )


def _escape_block_start(line: str) -> str:
    """`line` with a backslash before Markdown that would start a block (see _BLOCK_START)."""
    number = _ORDERED_START.match(line)
    if number:
        return f"{line[: number.end()]}\\{line[number.end() :]}"
    return f"\\{line}" if _BLOCK_START.match(line) else line


class Renderer:
    """A template's body, compiled once; renders answers into Markdown or segments."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._compiled = sandbox().from_string(template.body)
        self._line_starts = self._fields_starting_a_line()

    def _fields_starting_a_line(self) -> frozenset[str]:
        """The fields that the template puts at the start of a line or list item somewhere
        (found by rendering it with every field answered; all of them if that fails)."""
        values = {f.name: _Answer("x", f.name, True) for f in self.template.fields}
        try:
            pieces = list(self._pieces(values))
        except Exception:  # a template that needs particular answers: escape wherever needed
            return frozenset(self.template.field_names)
        starts = set()
        line = ""  # the text of the current line before the piece
        for piece in pieces:
            if piece.field is not None and _CONTAINER_PREFIX.fullmatch(line):
                starts.add(piece.field)
            line = (line + piece.text).rpartition("\n")[2]
        return frozenset(starts)

    def _value(self, field: Field, raw: str) -> str:
        """The answer as inserted: prepared, with block Markdown escaped where it starts one."""
        value = prepare_answer(field, raw)
        if not value or (field.kind is FieldKind.TEXT and not field.as_list):
            return value  # free text is the user's own Markdown
        first, *items = value.split(LIST_SEPARATOR) if field.as_list else [value]
        if field.name in self._line_starts:
            first = _escape_block_start(first)
        return LIST_SEPARATOR.join([first, *(_escape_block_start(item) for item in items)])

    def _values(self, answers: Mapping[str, str]) -> dict[str, _Answer]:
        """Each field's value for the body: its answer, `{{name}}` when a required field is
        unanswered, "" when an optional one is."""
        values = {}
        for field in self.template.fields:
            value = self._value(field, answers.get(field.name, ""))
            if value:
                values[field.name] = _Answer(value, field.name, True)
            else:
                values[field.name] = _Answer(placeholder(field) if field.required else "",
                                             field.name, False)
        return values

    def _pieces(self, values: Mapping[str, _Answer]) -> Iterable[Segment]:
        """The body's output as Jinja2 produces it, each piece tagged with its field (if the
        piece is exactly one field's value, as `{{ name }}` prints it)."""
        seen: list[object] = []
        _printed.values = seen
        try:
            for chunk in self._compiled.generate(values):
                printed = seen[0] if len(seen) == 1 else None
                seen.clear()
                if isinstance(printed, _Answer) and chunk == printed:
                    yield Segment(chunk, printed.field, printed.filled)
                elif chunk:
                    yield Segment(chunk)
        finally:
            _printed.values = None

    def render(self, answers: Mapping[str, str]) -> str:
        """The Markdown document; unanswered required fields show as `{{name}}`."""
        return "".join(segment.text for segment in self.segments(answers))

    def segments(self, answers: Mapping[str, str]) -> list[Segment]:
        """The document as segments tagged with the field each value came from.

        Raises RenderError (one line, naming the body's line) when the body fails on them."""
        try:
            pieces = list(self._pieces(self._values(answers)))
        except Exception as error:  # the template's own code, on the user's answers
            line = _body_line(error)
            where = f" at line {line}" if line is not None else ""
            reason = visible(" ".join(str(error).split())[:200]) or type(error).__name__
            raise RenderError(
                f"template '{self.template.id}' cannot render these answers: its body fails"
                f"{where} ({reason}); change that answer, or fix the template's body"
            ) from None
        return _tidy(pieces)


def _tidy(segments: list[Segment]) -> list[Segment]:
    """Collapse runs of blank lines left by optional sections; end with one newline.

    The same as `re.sub(r"\\n{3,}", "\\n\\n", text).strip("\\n") + "\\n"` on the joined text,
    done on the segments: it only deletes newlines, so each segment keeps what is left of it."""
    text = "".join(segment.text for segment in segments)
    body_start = len(text) - len(text.lstrip("\n"))
    body_end = len(text.rstrip("\n"))
    if body_end <= body_start:
        return [Segment("\n")]
    cuts = [(0, body_start)]
    cuts += [(m.start() + 2, m.end()) for m in _BLANK_RUNS.finditer(text, body_start, body_end)]
    cuts.append((body_end, len(text)))
    tidied: list[Segment] = []
    start = 0
    cut = 0
    for segment in segments:
        end = start + len(segment.text)
        kept: list[str] = []
        position = start
        while cut < len(cuts) and cuts[cut][0] < end:
            cut_start, cut_end = cuts[cut]
            if cut_start > position:
                kept.append(text[position:cut_start])
            position = max(position, cut_end)
            if cut_end > end:
                break
            cut += 1
        if position < end:
            kept.append(text[position:end])
        if kept:
            tidied.append(Segment("".join(kept), segment.field, segment.filled))
        start = end
    tidied.append(Segment("\n"))
    return tidied
