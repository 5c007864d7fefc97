"""A field's default: what the post shows while the user has not answered the field.

A default is a text, or a list field's items, and may insert other fields as `{{ name }}`
(nothing else of Jinja2): "Design and build APIs in {{ language }}." While the field is absent
from the draft's answers it follows those answers; once the user edits it, what they leave is
their literal text. In a list, an item inserting an optional field left unanswered is dropped;
an unanswered required field shows as its `{{name}}` placeholder. Elsewhere an unanswered field
inserts nothing ("{{ seniority }} Backend Engineer" is "Backend Engineer" until it is answered).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from jdwizard.errors import UserError
from jdwizard.template.answers import escape_block_start, placeholder, prepare_answer
from jdwizard.template.model import Field, FieldKind, Template

REFERENCE = re.compile(r"\{\{\s*([a-z_][a-z0-9_]{0,63})\s*\}\}")
# Characters one field's default may make once filled in: far above any real list (a few KB),
# and measured before it is built, so a template inserting a long answer a thousand times is
# refused at once rather than after seconds and hundreds of MB.
MAX_FILLED = 1_000_000


class DefaultTooLarge(UserError):
    """A default that would make more text than MAX_FILLED, filled in with these answers."""
_ANY_TAG = re.compile(r"\{\{|\{%|\{#")


def default_items(field: Field) -> tuple[str, ...]:
    """The default as a sequence of texts (a list field's items; else one text)."""
    default = field.default
    if default is None:
        return ()
    return (default,) if isinstance(default, str) else default


def references(field: Field) -> set[str]:
    """The names of the fields the default inserts."""
    return {match.group(1) for item in default_items(field) for match in REFERENCE.finditer(item)}


def bad_tag(text: str) -> bool:
    """Whether `text` holds Jinja2 syntax other than `{{ name }}` insertions."""
    return bool(_ANY_TAG.search(REFERENCE.sub("", text)))


def untouched(field: Field, answers: Mapping[str, str]) -> bool:
    """Whether the field follows its default: it has one, and the user has not answered it."""
    return field.default is not None and field.name not in answers


def effective_answer(template: Template, field: Field, answers: Mapping[str, str]) -> str:
    """The field's answer as the user would edit it: theirs, else its default filled in from
    the other answers (a list one item per line)."""
    if not untouched(field, answers):
        return answers.get(field.name, "")
    lines = []
    values: dict[str, str] = {}  # each inserted field's text, prepared once
    size = 0
    for item in default_items(field):
        size += len(item) + sum(len(_inserted(template, match.group(1), answers, values))
                                for match in REFERENCE.finditer(item))
        if size > MAX_FILLED:
            raise DefaultTooLarge(
                f"the default of field {field.name!r} would make more than {MAX_FILLED:,} "
                "characters with these answers; insert fewer fields in it in template.toml")
        text, dropped = _fill(template, item, answers, field.as_list, values)
        if not dropped:
            lines.append(" ".join(text.split()) if field.kind is FieldKind.LINE else text)
    return "\n".join(lines)


def _inserted(template: Template, name: str, answers: Mapping[str, str],
              values: dict[str, str]) -> str:
    """The text `{{ name }}` inserts: the field's answer (or its plain default), prepared and
    on one line; "" for a name no field has (remembered in `values`)."""
    if name not in values:
        try:
            other = template.field(name)
        except KeyError:
            values[name] = ""
            return ""
        raw = answers.get(other.name)
        if raw is None:
            raw = default_items(other)[0] if isinstance(other.default, str) else ""
        text = prepare_answer(other, raw)
        values[name] = " ".join(text.split()) if other.kind is FieldKind.TEXT else text
    return values[name]


def _fill(template: Template, item: str, answers: Mapping[str, str],
          drop_unanswered: bool, values: dict[str, str]) -> tuple[str, bool]:
    """`item` with each `{{ name }}` replaced by that field's answer; whether it is dropped (a
    list item inserting an optional field that has no answer)."""
    dropped = False

    def value(match: re.Match[str]) -> str:
        nonlocal dropped
        try:
            other = template.field(match.group(1))
        except KeyError:
            return match.group(0)
        text = _inserted(template, other.name, answers, values)
        if text:  # at the start of a line, an answer's "# " is text, not a heading
            starts_line = match.start() == 0 or item[match.start() - 1] == "\n"
            return escape_block_start(text) if starts_line else text
        if other.required:
            return placeholder(other)
        dropped = dropped or drop_unanswered
        return ""

    return REFERENCE.sub(value, item), dropped


def shown_answers(template: Template, answers: Mapping[str, str]) -> dict[str, str]:
    """Every answer as the document takes it: the user's, or the default filled in."""
    result = dict(answers)
    for field in template.fields:
        if untouched(field, answers):
            result[field.name] = effective_answer(template, field, answers)
    return result
