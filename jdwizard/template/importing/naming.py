"""A field from what the text calls it: `[your datastore, e.g. PostgreSQL]` is `datastore`,
labelled "Datastore", hinted "e.g. PostgreSQL"; a field jdwizard knows from its own templates
takes their question, suggestions, checks and role."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from jdwizard.template.importing.synonyms import field_meant
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
    return Field(
        name=draft.name, label=draft.label, question=question_for(draft, as_list),
        hint=draft.hint or f"in the text: {draft.context}",
        kind=FieldKind.TEXT if as_list else FieldKind.LINE, as_list=as_list, note=draft.note,
    )


# "to own [your metric]": the verb before a note says what the person does with it.
_VERB_BEFORE = re.compile(r"(?:\bto|\bwill|['’]ll)\s+(?P<verb>[a-z]+)\s*$")
_NOT_VERBS = {"be", "have", "get", "do", "make", "the", "a", "an", "your", "our", "and", "or"}


def question_for(draft: FieldInProgress, as_list: bool) -> str:
    """A question for a note jdwizard does not know: "How big is your team?", "Which metric
    will this person own?", "What is your product area?"; a note that is a clause ("what the
    team builds") asks what finishes its sentence, in the body's own words."""
    label, first = draft.label, draft.label.split()[0]
    lower = label if first.isupper() and len(first) > 1 else label[0].lower() + label[1:]
    words = lower.split()
    if first.lower() in WH_WORDS:
        quoted = sentence_start(draft)
        if quoted:
            return f'What finishes the sentence "{quoted}"?'
        return f"What should the post say about {lower}?"
    if len(words) > 1 and words[-1] == "size":
        return f"How big is your {' '.join(words[:-1])}?"
    if len(words) > 2 and words[:2] == ["number", "of"]:
        return f"How many {' '.join(words[2:])}?"
    ones = " (one per line)" if as_list else ""
    verb = _VERB_BEFORE.search(draft.before.lower())
    if verb and verb["verb"] not in _NOT_VERBS:
        return f"Which {lower} will this person {verb['verb']}?{ones}"
    plural = as_list or (words[-1].endswith("s") and not words[-1].endswith(("ss", "us")))
    return f"What {'are' if plural else 'is'} your {lower}?{ones}"


def sentence_start(draft: FieldInProgress) -> str:
    """The body's own words before a note that ends its sentence, to finish: "<company> is …"
    ("" where the note does not end a sentence, or starts it)."""
    if not draft.ends_sentence:
        return ""
    text = re.sub(r"\{\{\s*([\w -]+?)\s*\}\}", r"<\1>", draft.before)
    text = re.sub(r"\[[^\[\]]*\]", "…", text).replace("**", "").replace("__", "")
    words = text.split()
    if not words:
        return ""
    shown = " ".join(words[-6:])
    return ("... " if len(words) > 6 else "") + shown + " ..."


_FINISHES = re.compile(r"\s*\(finishes\b.*\)\s*$")


def enrich(field: Field, known: Field | None, draft: FieldInProgress | None = None) -> Field:
    """The field with a known field's wording, checks and role (its own example hint wins).

    A known question that quotes its own template's sentence ("(finishes "<company> is ...")")
    quotes this body's instead, or nothing where the note does not end a sentence here."""
    if known is None:
        return field
    hint = known.hint if field.hint.startswith("in the text:") else field.hint
    question = known.question
    if _FINISHES.search(question):
        quoted = sentence_start(draft) if draft is not None else ""
        question = _FINISHES.sub("", question)
        question += f' (finishes the sentence "{quoted}")' if quoted else ""
    return replace(
        field, label=known.label, question=question, hint=hint,
        suggestions=known.suggestions, validate=known.validate, kind=known.kind,
        as_list=known.as_list, role=known.role, company=known.company,
    )


# The built-in template the seed notation comes from: its wording wins a tie.
REFERENCE_TEMPLATE = "backend-engineer"


def known_fields() -> dict[str, Field]:
    """Every built-in template's fields by name: for a name several define, the wording most of
    them share (the reference template's, or the first's, among those), so that one job
    family's wording ("Pay (base + variable)") does not become every import's."""
    from jdwizard.template.bundle import load_template
    from jdwizard.template.library import template_folders

    versions: dict[str, list[tuple[bool, Field]]] = {}
    for folder in template_folders():
        reference = folder.name == REFERENCE_TEMPLATE
        for field in load_template(folder, trusted=True).fields:
            versions.setdefault(field.name, []).append((reference, field))
    return {name: _most_shared(found) for name, found in versions.items()}


def _most_shared(found: list[tuple[bool, Field]]) -> Field:
    """The field most templates word alike (label and question, whichever sentence it
    finishes): the reference template's, else the first, among them."""
    def wording(field: Field) -> tuple[str, str]:
        return field.label, _FINISHES.sub("", field.question)

    counts: dict[tuple[str, str], int] = {}
    for _, field in found:
        counts[wording(field)] = counts.get(wording(field), 0) + 1
    top = max(counts.values())
    shared = [(reference, field) for reference, field in found if counts[wording(field)] == top]
    return next((field for reference, field in shared if reference), shared[0][1])


@dataclass
class FieldInProgress:
    """A field being collected from its occurrences in the body."""

    name: str
    label: str
    note: str
    hint: str
    context: str
    whole_bullets: list[bool]
    before: str = ""  # the sentence's words before the note
    ends_sentence: bool = False  # nothing but punctuation after the note in its sentence


def placeholder_field(raw: str, token: str, context: str) -> FieldInProgress:
    """A placeholder's field: "{{ Salary Range }}" is `salary_range`, "{{pay}}" too."""
    words = [word for word in re.split(r"[\s_-]+", raw) if word]
    name = field_meant(" ".join(words), alone=False) or identifier(words)
    label = " ".join(words).lower().capitalize() if words else name
    return FieldInProgress(name, label, token, "", context, [False])


# A note's words that say how much to write, not what: "[one sentence on what you build]".
_FILLER = re.compile(
    r"^\s*(?:(?:a|one|two|two or three|a few|a short|a brief|short|brief)\s+)?"
    r"(?:sentences?|lines?|words|paragraph|description|summary|list|details)\s+(?:on|about|of)\s+",
    re.IGNORECASE,
)
_CONNECTORS = {"and", "or", "of", "on", "the", "a", "an", "for", "to", "with", "in", "at", "by"}


def note_field(
    inner: str, token: str, context: str, whole_bullet: bool, alone: bool = False
) -> FieldInProgress:
    """A note's field: "[your datastore, e.g. PostgreSQL]" is `datastore`, hinted; one the
    synonym table knows is its field: "[work arrangement, e.g. hybrid]" is `work_type` (one
    whose answer is a paragraph only where the note is its line, `alone`)."""
    match = HINT.match(inner.strip())
    base, hint = inner, ""
    if match and match["base"]:
        base, hint = match["base"], _trim_hint(match["hint"])
    plain = _without_parentheses(base)
    meant = field_meant(plain, alone)
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", _FILLER.sub("", plain, count=1))
    leading = 0
    while leading < len(words) - 1 and words[leading].lower() in LEADING:
        leading += 1
    words = words[leading : leading + 5]
    while len(words) > 1 and words[-1].lower() in _CONNECTORS:
        words.pop()
    name = meant or (identifier(words) if words else "")
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
