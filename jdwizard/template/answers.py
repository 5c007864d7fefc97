"""Answers as the body receives them, and which fields are answered.

Everything visible is kept as typed (Jinja syntax, Markdown, HTML, emoji, right-to-left text);
every kind of line break becomes a newline, and control characters other than tab and newline,
and the bidirectional overrides and isolates (`safe_text.for_document`), never reach the
document (invisible in a job post, NUL makes tools treat the file as binary, and an escape
sequence would act on the terminal of whoever prints the file). The draft keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from jdwizard.safe_text import for_document
from jdwizard.template.model import Field, FieldKind, Template

_BULLET = re.compile(r"^\s*(?:[-*•]\s*|[+]\s+|\d+[.)]\s+)")
# Line breaks other than "\n" (CR, CRLF, vertical tab, form feed, the information separators
# Python splits lines at, NEL, U+2028/U+2029) become "\n", as the multi-line answer box does.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
LIST_SEPARATOR = "\n- "  # between the items of a list answer, as inserted in the body

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


def placeholder(field: Field) -> str:
    """How an unanswered required field shows in the document: the seed's own notation."""
    return "{{" + field.name + "}}"


def prepare_answer(field: Field, raw: str) -> str:
    """Turn a raw answer into the text inserted in the body ("" when unanswered).

    A one-line field's whitespace runs become single spaces; each line of a list answer is an
    item (a bullet typed before it is dropped), joined for the body's `- {{ name }}` line.
    """
    text = for_document(_LINE_BREAKS.sub("\n", raw)).strip()
    if not text:
        return ""
    if field.kind is FieldKind.LINE:
        return " ".join(text.split())
    if field.as_list:
        items = [_BULLET.sub("", line).strip() for line in text.split("\n")]
        return LIST_SEPARATOR.join(item for item in items if item)
    return text


def is_answered(field: Field, answers: Mapping[str, str]) -> bool:
    """Whether `answers` holds a non-blank answer for `field`, or the field is untouched and
    shows its default (see defaults.py)."""
    if field.default is not None and field.name not in answers:
        return True
    return bool(prepare_answer(field, answers.get(field.name, "")))


def missing_required(template: Template, answers: Mapping[str, str]) -> list[Field]:
    """The required fields that have no answer yet, in template order."""
    return [f for f in template.fields if f.required and not is_answered(f, answers)]


def escape_block_start(line: str) -> str:
    """`line` with a backslash before Markdown that would start a block (see _BLOCK_START)."""
    number = _ORDERED_START.match(line)
    if number:
        return f"{line[: number.end()]}\\{line[number.end() :]}"
    return f"\\{line}" if _BLOCK_START.match(line) else line
