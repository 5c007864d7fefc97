"""Importing a job description template written as plain text or Markdown into a bundle.

The source uses the seed notation: `{{name}}` placeholders and `[bracketed notes]` each become a
field. A page copied from the web is split into its sections ("When to use", "Writing tips", "Job
description", "How to personalize", FAQ); page chrome (breadcrumbs, pricing, trial offers) is left
out. Decisions on the edge cases:

- Not notes (kept as literal text): links `[t](url)`, `[t][ref]`, reference definitions, images,
  task boxes `[ ]`/`[x]`, escaped `\\[..\\]`, footnotes `[^1]`, and brackets with no letter (`[1]`).
- `{{ 7*7 }}`, `{% ... %}`, `{# ... #}`: not placeholders; kept as literal text, with a warning.
  Every `{` of literal text is written as `{{ '{' }}`, so no text from the file can become Jinja.
- A lone `{{`, `}}`, `[` or `]` is an error naming the line (notes must close on their line).
- A tip naming no field is kept as a general tip (fields = []): the help screen lists every tip.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import tomli_w

from jdwizard.errors import UserError
from jdwizard.files import atomic_write_text
from jdwizard.paths import builtin_templates_dir
from jdwizard.template.bundle import (
    ID_PATTERN,
    TEMPLATE_FILE,
    Faq,
    Field,
    TemplateError,
    Tip,
    load_template,
)

MAX_BYTES = 1_000_000
BODY_FILE = "body.md.j2"
DEFAULT_CATEGORY = "Imported"

_Line = tuple[int, str]  # (line number in the source, text)

_SECTIONS = {
    "when to use this template": "when to use", "when to use": "when to use",
    "writing tips": "writing tips", "tips": "writing tips",
    "the job description": "intro", "job description": "job description",
    "how to personalize": "how to personalize", "how to personalise": "how to personalize",
    "how to personalize this template": "how to personalize",
    "how to personalise this template": "how to personalize",
    "frequently asked questions": "faq", "faq": "faq", "faqs": "faq",
}
_CHROME = re.compile(
    r"^\W*job descriptions?\s*/|free\s*&\s*editable|free trial|no credit card|see all plans"
    r"|^\W*(transparent|clear) pricing|plans from \$|cancel anytime|stop wrestling"
    r"|^\W*(scales as you grow|sign up|log in|book a demo|request a demo|get started)\W*$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^\s*job descriptions?\s*/\s*(?P<path>.+?)\s*$", re.IGNORECASE)
_TITLE = re.compile(r"^(?:#{1,6}\s+)?(?P<t>.+?)\s+job\s+description(?:\s+template)?\W*$", re.I)
_STEM_SUFFIX = re.compile(r"[-_ ]*(job[-_ ]*description)?[-_ ]*template$", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)[\s#]*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[•◦▪‣·]\s*|[-*+–]\s+)(?P<text>.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_INSTRUCTION = re.compile(r"copy the template below|replace the \{\{\s*placeholders", re.I)
_TOKEN = re.compile(
    r"(?P<escape>\\[\[\]{}])"
    r"|(?P<image>!\[[^\[\]]*\]\([^()]*\))"
    r"|(?P<link>\[[^\[\]]*\](?:\([^()]*\)|\[[^\[\]]*\]))"
    r"|(?P<refdef>^\s{0,3}\[[^\[\]]+\]:(?=\s))"
    r"|(?P<placeholder>\{\{\s*(?P<name>[A-Za-z_][\w -]{0,63}?)\s*\}\})"
    r"|(?P<jinja>\{\{(?:(?!\{\{|\[).)*?\}\}|\{[%#])"
    r"|(?P<bracket>\[(?P<note>[^\[\]]*)\])"
    r"|(?P<stray>\{\{|\}\}|\[|\])"
)
_HINT = re.compile(
    r"^(?P<base>.*?)(?:\s*[,;:(]\s*|\s+)(?P<hint>(?:e\.g\.|eg\b|for example|such as|i\.e\.).*?)"
    r"\)?\s*$",
    re.IGNORECASE,
)
_WHOLE_NOTE = re.compile(r"^(?P<note>\[[^\[\]]+\])\s*[.;,]?$")
_LEADING = {
    "your", "our", "their", "my", "the", "a", "an", "any", "some", "this", "relevant",
    "comprehensive", "primary", "main", "specific", "actual", "own", "competitive", "key",
}
_WH_WORDS = {"what", "who", "where", "when", "why", "how", "which"}
_RESERVED = {
    "and", "or", "not", "in", "is", "if", "else", "for", "true", "false", "none", "self", "loop",
    "super", "caller", "varargs", "kwargs",
}
_TIP_STOPWORDS = _WH_WORDS | _LEADING | {"you", "do", "of", "to", "we", "us", "is", "are"}


class TemplateImportError(UserError):
    """A file that cannot be imported; the message names the file and says what to do."""


class TemplateIdTaken(TemplateImportError):
    """The id is a built-in template's, or one of the user's (without --force)."""

    def __init__(self, message: str, template_id: str, free_id: str, builtin: bool) -> None:
        super().__init__(message)
        self.template_id = template_id
        self.free_id = free_id  # an id nothing uses yet, to offer instead
        self.builtin = builtin


@dataclass(frozen=True)
class ParsedTemplate:
    """A template read from text, ready to be written as a bundle."""

    template_id: str
    title: str
    category: str
    summary: str
    when_to_use: str
    personalize: str
    faq: tuple[Faq, ...]
    tips: tuple[Tip, ...]
    fields: tuple[Field, ...]
    body: str
    sections: tuple[str, ...]  # the page sections recognised, e.g. ("writing tips", "faq")
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, for the CLI's report."""

    template_id: str
    title: str
    path: Path
    source: str
    fields: tuple[Field, ...]
    tips: tuple[Tip, ...]
    faq: int
    sections: tuple[str, ...]
    warnings: tuple[str, ...] = ()


@dataclass
class _Draft:
    """A field being collected from its occurrences in the body."""

    name: str
    label: str
    note: str
    hint: str
    context: str
    whole_bullets: list[bool]


# ---------------------------------------------------------------- parsing the page


def parse_template_text(
    text: str,
    *,
    source_name: str,
    template_id: str | None = None,
    known_fields: Mapping[str, Field] | None = None,
) -> ParsedTemplate:
    """Turn a template in the seed notation into a ParsedTemplate (pure: touches no disk).

    A field named like one in `known_fields` (the built-in templates' fields) takes its
    question, hint, suggestions and validation from there: "{{salary_range}}" is read back.
    """
    if template_id is not None:
        _check_id(template_id, source_name)
    raw = [(n, line.expandtabs(4).rstrip()) for n, line in enumerate(_normalise(text), 1)]
    category = next((_crumb(t) for _, t in raw if _BREADCRUMB.match(t)), DEFAULT_CATEGORY)
    preamble, sections = _split_page([line for line in raw if not _CHROME.search(line[1])])
    title, title_line, summary = _front(preamble, source_name, bool(sections))
    body_lines = sections.get("job description") or sections.get("intro")
    if body_lines is None:
        body_lines = [line for line in preamble if line[0] != title_line]
    converter = _Body(source_name)
    body = converter.convert(body_lines)
    if not converter.drafts:
        raise TemplateImportError(
            f"{source_name}: no {{{{placeholders}}}} or [bracketed notes] found; mark what to "
            "fill in, e.g. {{company}} or [your datastore, e.g. PostgreSQL]"
        )
    fields = tuple(_enrich(field, (known_fields or {}).get(field.name))
                   for field in converter.fields())
    body = _listify(body, fields)
    tips = tuple(_tip(text, fields) for text in _items(sections.get("writing tips", [])))
    return ParsedTemplate(
        template_id=_choose_id(template_id, title, source_name),
        title=title,
        category=category,
        summary=summary or f"Imported from {Path(source_name).name}.",
        when_to_use=_markdown(sections.get("when to use", [])),
        personalize=_markdown(sections.get("how to personalize", [])),
        faq=_faq(sections.get("faq", [])),
        tips=tips,
        fields=fields,
        body=body,
        sections=tuple(dict.fromkeys(n.replace("intro", "job description") for n in sections)),
        warnings=tuple(converter.warnings),
    )


def _normalise(text: str) -> list[str]:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _crumb(line: str) -> str:
    """The last part of a breadcrumb: "Job Descriptions/Engineering" -> "Engineering"."""
    match = _BREADCRUMB.match(line)
    last = match["path"].split("/")[-1].strip() if match else ""
    return last or DEFAULT_CATEGORY


def _heading_key(text: str) -> str:
    stripped = re.sub(r"^\s{0,3}#{1,6}\s+", "", text).strip().strip("*_").strip().rstrip(":")
    return " ".join(stripped.lower().split())


def _split_page(lines: list[_Line]) -> tuple[list[_Line], dict[str, list[_Line]]]:
    """The lines before any known section heading, and each section's lines by name."""
    preamble: list[_Line] = []
    sections: dict[str, list[_Line]] = {}
    current = preamble
    for line in lines:
        name = _SECTIONS.get(_heading_key(line[1]))
        if name:
            current = sections.setdefault(name, [])
        else:
            current.append(line)
    return preamble, sections


def _front(preamble: list[_Line], source_name: str, paged: bool) -> tuple[str, int, str]:
    """The title, the line it came from (0: the file name), and a summary (pages only)."""
    title, title_line = "", 0
    for number, text in preamble:
        match = _TITLE.match(text.strip())
        if match and match["t"].strip("*_ #").lower() not in {"the", "a", "your", "our", "this"}:
            title, title_line = match["t"].strip("*_ #"), number
            break
    if not title:
        heading = next(((n, t) for n, t in preamble if t.startswith("# ")), None)
        if heading:
            title, title_line = heading[1][2:].strip(), heading[0]
    if not title:
        stem = re.sub(_STEM_SUFFIX, "", Path(source_name).stem)
        title = " ".join(word.capitalize() for word in re.split(r"[-_ ]+", stem) if word)
    summary = ""
    if paged:
        after = [p for p in _paragraphs(preamble) if p[0][0] > title_line]
        texts = [" ".join(t.strip() for _, t in p) for p in after]
        summary = next((t for t in texts if "template" not in t.lower() and "{" not in t), "")
    return title or "Imported template", title_line, summary


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of non-blank lines."""
    paragraphs: list[list[_Line]] = [[]]
    for line in lines:
        if line[1].strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


# ---------------------------------------------------------------- the body


class _Body:
    """Converts the job description's lines into the Jinja body, collecting the fields."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.drafts: dict[str, _Draft] = {}
        self.warnings: list[str] = []

    def convert(self, lines: list[_Line]) -> str:
        """Markdown headings, `- ` bullets, `{{ name }}` variables; all other text literal."""
        paragraphs = [p for p in _paragraphs(lines) if not _INSTRUCTION.search(p[0][1])]
        levels = [len(m["hashes"]) for p in paragraphs for _, t in p if (m := _MD_HEADING.match(t))]
        top = min(levels, default=1)
        blocks = ["\n".join(self._paragraph(p, top)).strip("\n") for p in paragraphs]
        return re.sub(r"\n{3,}", "\n\n", "\n\n".join(blocks)).strip("\n") + "\n"

    def _paragraph(self, paragraph: list[_Line], top: int) -> list[str]:
        """One paragraph's Markdown lines, with a blank line between text and list."""
        out: list[str] = []
        base = min((len(m["indent"]) for _, t in paragraph if (m := _BULLET.match(t))), default=0)
        previous = ""
        for number, text in paragraph:
            heading, bullet = _MD_HEADING.match(text), _BULLET.match(text)
            if heading or (len(paragraph) == 1 and _is_title_like(text)):
                level = min(2 + len(heading["hashes"]) - top, 6) if heading else 2
                words = heading["text"] if heading else text.strip().rstrip(":")
                out += ["", "#" * level + " " + self.inline(words, number), ""]
                previous = "heading"
                continue
            kind = "bullet" if bullet else "text"
            if previous and previous != kind:
                out.append("")
            previous = kind
            if bullet:
                indent = "  " * ((len(bullet["indent"]) - base) // 2)
                item = bullet["text"].strip()
                out.append(f"{indent}- {self.inline(item, number, bool(_WHOLE_NOTE.match(item)))}")
            else:
                out.append(self.inline(text.strip(), number))
        return out

    def inline(self, text: str, number: int, whole_bullet: bool = False) -> str:
        """One line: placeholders and notes become variables, the rest literal text."""
        out: list[str] = []
        position = 0
        for match in _TOKEN.finditer(text):
            out.append(_literal(text[position : match.start()]))
            position = match.end()
            token = match.group(0)
            if match["stray"]:
                raise TemplateImportError(
                    f"{self.source}:{number}: unbalanced {token!r} in "
                    f"{_fragment(text, match.start())}; close it on the same line, or put a "
                    "backslash before it to keep it as text"
                )
            draft = None
            if match["placeholder"]:
                draft = _placeholder_draft(match["name"], token, _context(text, token))
            elif match["bracket"] and _is_note(match["note"]):
                draft = _note_draft(match["note"], token, _context(text, token), whole_bullet)
            elif match["jinja"]:
                end = text.find(token[1] + "}", match.start()) + 2 if token[1] in "%#" else 0
                shown = text[match.start() : max(end, match.end())]
                self.warnings.append(
                    f"line {number}: {shown!r} is not a placeholder; kept as literal text"
                )
            out.append("{{ " + self._add(draft) + " }}" if draft else _literal(token))
        out.append(_literal(text[position:]))
        return "".join(out)

    def _add(self, draft: _Draft) -> str:
        """Record an occurrence; the same name is the same field (the first hint found wins)."""
        if not draft.name:
            draft.name = f"note_{len(self.drafts) + 1}"
        known = self.drafts.setdefault(draft.name, draft)
        if known is not draft:
            known.whole_bullets += draft.whole_bullets
            if draft.hint and not known.hint:
                known.hint, known.note = draft.hint, draft.note
        return draft.name

    def fields(self) -> tuple[Field, ...]:
        return tuple(_finish(draft) for draft in self.drafts.values())


def _is_title_like(text: str) -> bool:
    """A short line standing alone that reads like a heading ("What you'll do")."""
    line = text.strip().rstrip(":")
    if not line or _BULLET.match(text) or _NUMBERED.match(text) or not line[0].isupper():
        return False
    return len(line) <= 60 and len(line.split()) <= 8 and line[-1] not in ".!?,;"


def _literal(text: str) -> str:
    """Text that Jinja prints as is: no `{` can start a tag, comment or expression."""
    return text.replace("{", "{{ '{' }}")


def _fragment(text: str, column: int) -> str:
    start = max(0, column - 30)
    return repr(("…" if start else "") + text[start : column + 30].strip())


def _is_note(inner: str) -> bool:
    """A bracketed note names something to fill in; `[ ]`, `[x]`, `[1]`, `[^1]` do not."""
    inner = inner.strip()
    return len(inner) > 1 and any(c.isalpha() for c in inner) and not inner.startswith("^")


def _placeholder_draft(raw: str, token: str, context: str) -> _Draft:
    name = _identifier(re.split(r"[\s-]+", raw))
    return _Draft(name, name.replace("_", " ").capitalize(), token, "", context, [False])


def _note_draft(inner: str, token: str, context: str, whole_bullet: bool) -> _Draft:
    """A note's field: "[your datastore, e.g. PostgreSQL]" is `datastore`, hinted."""
    match = _HINT.match(inner.strip())
    base, hint = (match["base"], match["hint"].strip()) if match and match["base"] else (inner, "")
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", re.sub(r"\([^)]*\)", " ", base))
    while len(words) > 1 and words[0].lower() in _LEADING:
        words.pop(0)
    words = words[:6]
    name = _identifier(words) if words else ""
    label = " ".join(words) or inner.strip()
    label = label if label.split()[0].isupper() else label[0].upper() + label[1:]
    return _Draft(name, label, token, hint, context, [whole_bullet])


def _identifier(words: list[str]) -> str:
    """A field name from words: ASCII, lower case, '_' between, at most 40 characters."""
    joined = "_".join(words).lower().replace("ß", "ss").replace("-", "_")
    folded = unicodedata.normalize("NFKD", joined).encode("ascii", "ignore").decode()
    name = re.sub(r"_+", "_", re.sub(r"[^a-z0-9_]", "", folded)).strip("_")
    while len(name) > 40 and "_" in name:
        name = name.rsplit("_", 1)[0]
    name = name[:40] or "field"
    if name[0].isdigit():
        name = "field_" + name
    return name + "_" if name in _RESERVED else name


def _context(line: str, token: str) -> str:
    """The sentence of `line` holding `token`, shortened to about 90 characters."""
    sentences = re.split(r"(?<=[.!?])\s+", line.strip())
    text = next((s for s in sentences if token in s), line.strip())
    return text if len(text) <= 90 else text[:87].rstrip() + "…"


def _finish(draft: _Draft) -> Field:
    """The Field for a draft; a plural note that is always a whole bullet is a list."""
    last = draft.name.rsplit("_", 1)[-1]
    as_list = all(draft.whole_bullets) and last.endswith("s") and not last.endswith(("ss", "us"))
    label, first = draft.label, draft.label.split()[0]
    lower = label if first.isupper() and len(first) > 1 else label[0].lower() + label[1:]
    if first.lower() in _WH_WORDS:
        question = f"Describe {lower}."
    else:
        question = f"Your {lower}?" + (" (one per line)" if as_list else "")
    return Field(
        name=draft.name, label=label, question=question,
        hint=draft.hint or f"in the text: {draft.context}",
        kind="text" if as_list else "line", as_list=as_list, note=draft.note,
    )


def _enrich(field: Field, known: Field | None) -> Field:
    """The field with a known field's wording and checks (its own example hint wins)."""
    if known is None:
        return field
    hint = known.hint if field.hint.startswith("in the text:") else field.hint
    return replace(
        field, label=known.label, question=known.question, hint=hint,
        suggestions=known.suggestions, validate=known.validate, kind=known.kind,
        as_list=known.as_list,
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


def _listify(body: str, fields: tuple[Field, ...]) -> str:
    """A list field's bullet is just the variable: each answer line becomes its own bullet."""
    for field in fields:
        if field.as_list:
            pattern = r"(?m)^(\s*- )\{\{ " + field.name + r" \}\}\s*[.;,]?$"
            body = re.sub(pattern, r"\g<1>{{ " + field.name + " }}", body)
    return body


# ---------------------------------------------------------------- help, tips and FAQ


def _items(lines: list[_Line]) -> list[str]:
    """Bullet items (a following plain line continues one); paragraphs when there are none."""
    items: list[str] = []
    for paragraph in _paragraphs(lines):
        current = False
        for _, text in paragraph:
            bullet = bool(_BULLET.match(text) or _NUMBERED.match(text))
            content = _BULLET.sub(r"\g<text>", _NUMBERED.sub("", text)).strip()
            if bullet or not current:
                items.append(content)
            else:
                items[-1] += " " + content
            current = True
    return [item for item in items if item]


def _tip(text: str, fields: tuple[Field, ...]) -> Tip:
    """A tip and the fields whose name words all appear in it, in the tip's order."""
    words = [_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]
    found: list[tuple[int, str]] = []
    for field in fields:
        parts = [_stem(w) for w in field.name.split("_") if w not in _TIP_STOPWORDS]
        phrase = " ".join(field.name.split("_"))
        if parts and all(part in words for part in parts):
            found.append((words.index(parts[0]), field.name))
        elif not parts and f" {phrase} " in f" {' '.join(words)} ":
            found.append((len(words), field.name))
    return Tip(text, tuple(name for _, name in sorted(found)))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _markdown(lines: list[_Line]) -> str:
    """Help text as Markdown: paragraphs, with bullets as `- ` items."""
    paragraphs = [
        "\n".join(_BULLET.sub(r"- \g<text>", t.strip()) for _, t in p) for p in _paragraphs(lines)
    ]
    return "\n\n".join(paragraphs)


def _faq(lines: list[_Line]) -> tuple[Faq, ...]:
    """Question lines (ending in '?') each followed by an answer; the FAQ ends at other text.

    After a `#` heading question the answer runs to the next heading; after a plain question
    it is one paragraph, so page text after the last answer is left out.
    """
    pairs: list[list[str]] = []
    headed = 0  # the heading level of the questions, 0 for plain lines
    for paragraph in _paragraphs(lines):
        for index, (_, raw) in enumerate(paragraph):
            heading = _MD_HEADING.match(raw)
            level = len(heading["hashes"]) if heading else 0
            text = re.sub(r"^(#{1,6}\s+|[QA]:\s*)", "", raw.strip()).strip("*_ ")
            if text.endswith("?") and len(text) < 200 and not (heading and level < headed):
                pairs.append([text, ""])
                headed = level
            elif pairs and not heading and (index > 0 or headed or not pairs[-1][1]):
                separator = ("\n\n" if index == 0 else " ") if pairs[-1][1] else ""
                pairs[-1][1] += separator + text
            else:
                return tuple(Faq(question, answer) for question, answer in pairs if answer)
    return tuple(Faq(question, answer) for question, answer in pairs if answer)


# ---------------------------------------------------------------- ids and files


def _check_id(template_id: str, source_name: str) -> str:
    if not ID_PATTERN.match(template_id):
        raise TemplateImportError(
            f"{source_name}: {template_id!r} is not a valid id; use lower-case letters, "
            "digits and '-', e.g. --id backend-engineer-2"
        )
    return template_id


def _choose_id(template_id: str | None, title: str, source_name: str) -> str:
    if template_id is not None:
        return _check_id(template_id, source_name)
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].rstrip("-")
    return slug or "imported-template"


def _read_source(source: Path) -> str:
    """The file's text; a UserError if it is missing, huge, binary, not UTF-8 or empty."""
    try:
        with source.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise TemplateImportError(f"{source}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise TemplateImportError(f"{source}: larger than 1 MB; import a single template's text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", "replace").encode()
    if b"\x00" in data:
        raise TemplateImportError(f"{source}: looks binary; import a plain text or Markdown file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateImportError(f"{source}: not UTF-8 text; save it as UTF-8 and retry") from None
    if not text.strip():
        raise TemplateImportError(f"{source}: is empty; paste the template's text into it")
    return text


def import_template(
    source: Path, *, dest_root: Path, template_id: str | None = None, force: bool = False,
    taken_ids: Collection[str] = (), builtin_ids: Collection[str] | None = None,
) -> ImportResult:
    """Import `source` as the bundle `dest_root / id`; nothing is written if anything fails.

    `builtin_ids` defaults to the installed built-in templates; `force` replaces a user template.
    """
    parsed = parse_template_text(
        _read_source(source), source_name=str(source), template_id=template_id,
        known_fields=known_fields(),
    )
    builtins = set(builtin_ids) if builtin_ids is not None else _installed_ids()
    target = dest_root / parsed.template_id
    taken = set(taken_ids) | builtins
    free = _free_id(parsed.template_id, taken, dest_root)
    if parsed.template_id in builtins:
        raise TemplateIdTaken(
            f"{source}: {parsed.template_id!r} is a built-in template's id; "
            f"choose another, e.g. --id {free}", parsed.template_id, free, builtin=True,
        )
    if not force and (parsed.template_id in taken or target.exists()):
        raise TemplateIdTaken(
            f"{source}: a template {parsed.template_id!r} already exists; use --force to replace "
            f"it, or --id {free}", parsed.template_id, free, builtin=False,
        )
    _write_bundle(parsed, target, source)
    return ImportResult(
        parsed.template_id, parsed.title, target, str(source), parsed.fields, parsed.tips,
        len(parsed.faq), parsed.sections, parsed.warnings,
    )


def _installed_ids() -> set[str]:
    return {path.parent.name for path in builtin_templates_dir().glob(f"*/{TEMPLATE_FILE}")}


def _free_id(template_id: str, taken: set[str], root: Path) -> str:
    number = 2
    while f"{template_id}-{number}" in taken or (root / f"{template_id}-{number}").exists():
        number += 1
    return f"{template_id}-{number}"


def bundle_toml(parsed: ParsedTemplate, source_name: str) -> str:
    """The template.toml text of a parsed template."""
    help_table: dict[str, object] = {
        "when_to_use": parsed.when_to_use, "personalize": parsed.personalize,
        "faq": [{"question": f.question, "answer": f.answer} for f in parsed.faq],
    }
    data = {
        "id": parsed.template_id, "title": parsed.title, "version": 1,
        "category": parsed.category, "summary": parsed.summary, "body": BODY_FILE,
        "help": {key: value for key, value in help_table.items() if value},
        "tips": [{"text": tip.text, "fields": list(tip.fields)} for tip in parsed.tips],
        "fields": [_field_table(field) for field in parsed.fields],
    }
    name = "".join(c if c.isprintable() else "?" for c in Path(source_name).name)
    header = f"# Imported by jdwizard from {name}; edit freely.\n"
    return header + tomli_w.dumps(data, multiline_strings=True)


def _field_table(field: Field) -> dict[str, object]:
    table: dict[str, object] = {"name": field.name, "label": field.label}
    table.update(question=field.question, hint=field.hint)
    if field.kind != "line":
        table["kind"] = field.kind
    if field.as_list:
        table["list"] = True
    if field.suggestions:
        table["suggestions"] = list(field.suggestions)
    if field.validate:
        table["validate"] = field.validate
    table["note"] = field.note
    return table


def _write_bundle(parsed: ParsedTemplate, target: Path, source: Path) -> None:
    """Build the bundle in a hidden sibling folder, validate it, then rename it into place."""
    staging = target.with_name(f".{target.name}.{secrets.token_hex(4)}.importing")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        atomic_write_text(staging / TEMPLATE_FILE, bundle_toml(parsed, str(source)))
        atomic_write_text(staging / BODY_FILE, parsed.body)
        load_template(staging)
        _swap_into_place(staging, target)
    except TemplateError as error:
        raise TemplateImportError(f"{source}: the converted template is invalid: {error}") from None
    except OSError as error:
        raise TemplateImportError(f"{target}: cannot be written ({error})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Rename the finished bundle to `target`, replacing an old one only once the new is ready."""
    if not target.exists():
        os.rename(staging, target)
        return
    backup = target.with_name(f".{target.name}.{secrets.token_hex(4)}.replaced")
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def describe_import(result: ImportResult) -> str:
    """The report printed after an import: fields, tips, sections, where it went, what next."""
    width = max(len(field.name) for field in result.fields)
    lines = [f"Imported {result.title!r} from {result.source} as {result.template_id}.", ""]
    lines.append(f"Fields ({len(result.fields)}), in the order the wizard asks them:")
    for field in result.fields:
        extra = "  (a list: one item per line)" if field.as_list else ""
        lines.append(f"  {field.name:<{width}}  from {field.note}{extra}")
    attached = sum(1 for tip in result.tips if tip.fields)
    lines += ["", f"Tips: {len(result.tips)} ({attached} attached to fields)"]
    for tip in result.tips:
        where = ", ".join(tip.fields) or "general, shown in help"
        lines.append(f"  - {tip.text} [{where}]")
    sections = ", ".join(result.sections) or "none (the whole text is the job description)"
    lines += ["", f"Sections found: {sections}; FAQ entries: {result.faq}"]
    lines += [f"Warning: {warning}" for warning in result.warnings]
    lines += ["", f"Written to {result.path}", f"Start it with: jdwizard new {result.template_id}"]
    return "\n".join(lines)
