"""A field from what the text calls it: `[your datastore, e.g. PostgreSQL]` is `datastore`,
labelled "Datastore", hinted "e.g. PostgreSQL"; a field jdwizard knows from its own templates
takes their question, suggestions, checks and role."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from jdwizard.template.model import Field, FieldKind

# The base ends on a non-space, so each run of spaces is scanned once (a lazy base followed
# by `\s*` was quadratic in a long run); the hint runs to the end, trimmed by `_trim_hint`.
HINT = re.compile(
    r"^(?P<base>.*?)(?<!\s)(?:\s*[,;:(]\s*|\s+)"
    r"(?P<hint>(?:e\.g\.|eg\b|for example|such as|i\.e\.).*)$",
    re.IGNORECASE,
)


LEADING = {
    "your", "our", "their", "my", "the", "a", "an", "any", "some", "this", "relevant",
    "comprehensive", "primary", "main", "specific", "actual", "own", "competitive", "key",
}


WH_WORDS = {"what", "who", "where", "when", "why", "how", "which"}


RESERVED = {
    "and", "or", "not", "in", "is", "if", "else", "for", "true", "false", "none", "self", "loop",
    "super", "caller", "varargs", "kwargs",
}


def identifier(words: list[str]) -> str:
    """A field name from words: ASCII, lower case, '_' between, at most 40 characters."""
    joined = "_".join(words).lower().replace("ß", "ss").replace("-", "_")
    folded = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode()
    name = re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "", folded)).strip("_")
    while len(name) > 40 and "_" in name:
        name = name.rsplit("_", 1)[0]
    name = name[:40] or "field"
    if name[0].isdigit():
        name = "field_" + name
    return name + "_" if name in RESERVED else name


def finish(draft: FieldInProgress) -> Field:
    """The Field for a draft; a plural note that is always a whole bullet is a list."""
    last = draft.name.rsplit("_", 1)[-1]
    as_list = all(draft.whole_bullets) and last.endswith("s") and not last.endswith(("ss", "us"))
    label, first = draft.label, draft.label.split()[0]
    lower = label if first.isupper() and len(first) > 1 else label[0].lower() + label[1:]
    if first.lower() in WH_WORDS:
        question = f"Describe {lower}."
    else:
        question = f"Your {lower}?" + (" (one per line)" if as_list else "")
    return Field(
        name=draft.name, label=label, question=question,
        hint=draft.hint or f"in the text: {draft.context}",
        kind=FieldKind.TEXT if as_list else FieldKind.LINE, as_list=as_list, note=draft.note,
    )


def enrich(field: Field, known: Field | None) -> Field:
    """The field with a known field's wording, checks and role (its own example hint wins)."""
    if known is None:
        return field
    hint = known.hint if field.hint.startswith("in the text:") else field.hint
    return replace(
        field, label=known.label, question=known.question, hint=hint,
        suggestions=known.suggestions, validate=known.validate, kind=known.kind,
        as_list=known.as_list, role=known.role, company=known.company,
    )


def known_fields() -> dict[str, Field]:
    """Every built-in template's fields by name (the first template to define one wins)."""
    from jdwizard.template.bundle import load_template
    from jdwizard.template.library import template_folders

    fields: dict[str, Field] = {}
    for folder in template_folders():
        for field in load_template(folder, trusted=True).fields:
            fields.setdefault(field.name, field)
    return fields


@dataclass
class FieldInProgress:
    """A field being collected from its occurrences in the body."""

    name: str
    label: str
    note: str
    hint: str
    context: str
    whole_bullets: list[bool]


def placeholder_field(raw: str, token: str, context: str) -> FieldInProgress:
    name = identifier(re.split(r"[\s-]+", raw))
    return FieldInProgress(name, name.replace("_", " ").capitalize(), token, "", context, [False])


def note_field(inner: str, token: str, context: str, whole_bullet: bool) -> FieldInProgress:
    """A note's field: "[your datastore, e.g. PostgreSQL]" is `datastore`, hinted."""
    match = HINT.match(inner.strip())
    base, hint = inner, ""
    if match and match["base"]:
        base, hint = match["base"], _trim_hint(match["hint"])
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", _without_parentheses(base))
    leading = 0
    while leading < len(words) - 1 and words[leading].lower() in LEADING:
        leading += 1
    words = words[leading : leading + 6]
    name = identifier(words) if words else ""
    label = " ".join(words) or inner.strip()
    label = label if label.split()[0].isupper() else label[0].upper() + label[1:]
    return FieldInProgress(name, label, token, hint, context, [whole_bullet])


def _trim_hint(hint: str) -> str:
    """The hint without the spaces and the one `)` that close the note."""
    hint = hint.rstrip()
    return (hint[:-1] if hint.endswith(")") else hint).strip()


def _without_parentheses(text: str) -> str:
    """`text` with each `(...)` a space, in one pass (a pattern searched from every `(` of
    "((((..." was quadratic): once a `(` has no `)` after it, no later one has either."""
    out: list[str] = []
    position = 0
    while (start := text.find("(", position)) >= 0 and (end := text.find(")", start)) >= 0:
        out += [text[position:start], " "]
        position = end + 1
    return "".join(out) + text[position:]
