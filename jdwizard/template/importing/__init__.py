"""Importing a job description template written as plain text or Markdown into a bundle.

The source uses the seed notation: `{{name}}` placeholders and `[bracketed notes]` each become a
field (body.py, naming.py), the field jdwizard knows where the note means one (synonyms.py). A
page copied from the web is split into its sections and its intro (page.py); its guidance
becomes the template's help and tips (help.py); its words to the reader ("Use this template",
"Customize it") are never the post and are listed as left out (reader.py). The standard fields
and their sections are added so the post can be published (standard.py); the bundle is written
whole or not at all (writing.py).

Hostile text is cleaned or refused: escape sequences, control characters and noncharacters are
removed before anything is read (cleaning.py), and the report names the sections they were in;
every step is linear in the text, and a text past MAX_FIELDS fields, MAX_EXPRESSIONS uses of
them, or MAX_TIPS tips is refused in one line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from jdwizard.files import Unreadable, read_bytes
from jdwizard.paths import builtin_templates_dir
from jdwizard.template.bundle import ID_PATTERN, TEMPLATE_FILE
from jdwizard.template.importing.body import MAX_EXPRESSIONS, MAX_FIELDS, BodyConverter, listify
from jdwizard.template.importing.cleaning import clean, clean_lines
from jdwizard.template.importing.help import attach_tip, faq_entries, help_markdown, tip_items
from jdwizard.template.importing.model import ParsedTemplate, TemplateIdTaken, TemplateImportError
from jdwizard.template.importing.naming import enrich, finish, known_fields
from jdwizard.template.importing.page import (
    BREADCRUMB,
    CHROME,
    DEFAULT_CATEGORY,
    crumb,
    normalise,
    read_intro,
    split_intro,
    split_page,
    title_of,
)
from jdwizard.template.importing.reader import PERSONALIZE, WHEN_TO_USE, LeftOut
from jdwizard.template.importing.standard import Postable, make_postable
from jdwizard.template.importing.writing import write_bundle
from jdwizard.template.model import Field, Tip

__all__ = [
    "MAX_EXPRESSIONS", "MAX_FIELDS", "MAX_TIPS", "ImportResult", "ParsedTemplate",
    "TemplateIdTaken", "TemplateImportError",
    "describe_import", "import_template", "known_fields", "parse_template_text",
]

MAX_BYTES = 200_000  # a real page's text is under 30 KB; its body must fit MAX_FILE_BYTES
MAX_TIPS = 200  # real pages have 3-15; a limit keeps matching tips to fields quick


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
    cleaned: tuple[str, ...] = ()  # the sections control characters were removed from
    left_out: tuple[str, ...] = ()  # each part of the page not put in the post, described
    standard: tuple[str, ...] = ()  # the standard fields the import added


def parse_template_text(
    text: str,
    *,
    source_name: str,
    template_id: str | None = None,
    known_fields: Mapping[str, Field] | None = None,
    postable: bool = True,
) -> ParsedTemplate:
    """Turn a template in the seed notation into a ParsedTemplate (pure: touches no disk).

    A field named like one in `known_fields` (the built-in templates' fields) takes its
    question, hint, suggestions and validation from there: "{{salary_range}}" is read back.
    `postable` adds the standard fields and their sections (standard.py); without it, the
    body and fields are the job description's own.
    """
    if template_id is not None:
        _check_id(template_id, source_name)
    lines, dirty = clean_lines(normalise(text))
    raw = [(n, line.expandtabs(4).rstrip()) for n, line in enumerate(lines, 1)]
    crumbs = next(((n, t) for n, t in raw if BREADCRUMB.match(t)), (0, ""))
    category = crumb(crumbs[1]) if crumbs[0] else DEFAULT_CATEGORY
    chrome = [t.strip() for n, t in raw if CHROME.search(t) and n != crumbs[0]]
    preamble, sections = split_page([line for line in raw if not CHROME.search(line[1])])
    file_name = clean(Path(source_name).name)
    title, title_line = title_of(preamble, file_name)
    rest = [line for line in preamble if line[0] != title_line]
    body_lines = sections.get("job description") or sections.get("intro")
    if body_lines is None:
        intro, body_lines = split_intro(rest, page_like=bool(title_line or sections))
    else:  # "The job description" before "Job description" holds the page's instructions
        intro = rest + (sections.get("intro", []) if "job description" in sections else [])
    when_to_use = help_markdown(sections.get("when to use", []))
    personalize = help_markdown(sections.get("how to personalize", []))
    room = {name for name, text in ((WHEN_TO_USE, when_to_use), (PERSONALIZE, personalize))
            if not text}
    summary, summary_lines, routed = read_intro(intro, room)
    converter = BodyConverter(source_name)
    body = converter.convert(body_lines)
    if not converter.drafts:
        raise TemplateImportError(
            f"{source_name}: no {{{{placeholders}}}} or [bracketed notes] found; mark what to "
            "fill in, e.g. {{company}} or [your datastore, e.g. PostgreSQL]"
        )
    for sentence in converter.reader:
        routed.add_reader(sentence, room)
    known = known_fields or {}
    fields = tuple(enrich(finish(draft), known.get(draft.name), draft)
                   for draft in converter.drafts.values())
    body = listify(body, fields)
    post = make_postable(fields, body, title) if postable else Postable(fields, body, {}, ())
    tip_texts = tip_items(sections.get("writing tips", []))
    if len(tip_texts) > MAX_TIPS:
        raise TemplateImportError(
            f"{source_name}: {len(tip_texts)} writing tips, more than the {MAX_TIPS} a template "
            "may have; keep the few that matter"
        )
    if file_name != Path(source_name).name:
        dirty.add(0)  # line 0: the file's name, which the title or summary may come from
    touched = {  # the lines each section was read from
        "title": {title_line}, "category": {crumbs[0]} - {0},
        "summary": summary_lines if summary else {0},
        **{name: {n for n, _ in sections.get(key, [])} for key, name in _SECTION_NAMES.items()},
        "job description": {n for n, _ in body_lines},
    }
    left_out = [part.describe() for part in routed.left_out[:_MAX_LEFT_OUT]]
    if len(routed.left_out) > _MAX_LEFT_OUT:
        left_out.append(f"and {len(routed.left_out) - _MAX_LEFT_OUT} more parts like these")
    if chrome:
        left_out.append(LeftOut(chrome[0], "page chrome", lines=len(chrome)).describe())
    return ParsedTemplate(
        template_id=_choose_id(template_id, title, source_name),
        title=title,
        category=category,
        summary=summary or f"Imported from {file_name}.",
        when_to_use=when_to_use or " ".join(routed.help.get(WHEN_TO_USE, [])),
        personalize=personalize or " ".join(routed.help.get(PERSONALIZE, [])),
        faq=faq_entries(sections.get("faq", [])),
        tips=tuple(attach_tip(text, post.fields) for text in tip_texts),
        fields=post.fields,
        body=post.body,
        sections=tuple(dict.fromkeys(n.replace("intro", "job description") for n in sections)),
        warnings=tuple(converter.warnings),
        cleaned=tuple(name for name, numbers in touched.items() if numbers & dirty),
        left_out=tuple(left_out),
        defaults=post.defaults,
        standard=post.added,
    )


_MAX_LEFT_OUT = 20  # parts of the page listed as left out (a real page has 2-6), then a count

# The help's sections, as the report names them.
_SECTION_NAMES = {
    "when to use": "when to use", "how to personalize": "how to personalise", "faq": "FAQ",
    "writing tips": "tips",
}


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
        data = read_bytes(source, MAX_BYTES)
    except Unreadable as error:
        raise TemplateImportError(f"{source}: cannot be read ({error.detail})") from None
    if len(data) > MAX_BYTES:
        raise TemplateImportError(
            f"{source}: larger than {MAX_BYTES // 1000} KB; import a single template's text")
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
    write_bundle(parsed, target, source)
    return ImportResult(
        parsed.template_id, parsed.title, target, str(source), parsed.fields, parsed.tips,
        len(parsed.faq), parsed.sections, parsed.warnings, parsed.cleaned, parsed.left_out,
        parsed.standard,
    )


def _installed_ids() -> set[str]:
    return {path.parent.name for path in builtin_templates_dir().glob(f"*/{TEMPLATE_FILE}")}


def _free_id(template_id: str, taken: set[str], root: Path) -> str:
    number = 2
    while f"{template_id}-{number}" in taken or (root / f"{template_id}-{number}").exists():
        number += 1
    return f"{template_id}-{number}"


def describe_import(result: ImportResult) -> str:
    """The report printed after an import: fields, tips, sections, where it went, what next."""
    width = max(len(field.name) for field in result.fields)
    lines = [f"Imported {result.title!r} from {result.source} as {result.template_id}.", ""]
    lines.append(f"Fields ({len(result.fields)}), in the order the wizard asks them:")
    for field in result.fields:
        extra = "  (a list: one item per line)" if field.as_list else ""
        origin = "added: a standard part of a post" if field.name in result.standard else (
            f"from {field.note}")
        lines.append(f"  {field.name:<{width}}  {origin}{extra}")
    attached = sum(1 for tip in result.tips if tip.fields)
    lines += ["", f"Tips: {len(result.tips)} ({attached} attached to fields)"]
    for tip in result.tips:
        where = ", ".join(tip.fields) or "general, shown in help"
        lines.append(f"  - {tip.text} [{where}]")
    sections = ", ".join(result.sections) or "none (the whole text is the job description)"
    lines += ["", f"Sections found: {sections}; FAQ entries: {result.faq}"]
    if result.left_out:
        lines += ["", "Left out of the post:"] + [f"  - {part}" for part in result.left_out]
    lines += [f"Warning: {warning}" for warning in result.warnings]
    if result.cleaned:
        lines.append(
            f"Removed control characters from: {', '.join(result.cleaned)} "
            "(escape sequences, bidi overrides, noncharacters)"
        )
    lines += ["", f"Written to {result.path}", f"Start it with: jdwizard new {result.template_id}"]
    return "\n".join(lines)
