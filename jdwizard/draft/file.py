"""Drafts on disk: a TOML file of answers with the Markdown document beside it.

Format (version 2)::

    jdwizard = 2                      # format version
    template = "backend-engineer"
    template_version = 2
    created = 2026-11-28T10:00:00Z
    updated = 2026-11-28T10:05:00Z
    posted = 2026-11-29               # the day it was first copied or exported (JSON-LD)

    [answers]
    company = "Acme"
    requirements = '''
    3+ years of Go
    Experience with PostgreSQL'''

`[answers]` holds exactly the answers the user gave, typed in the app or written by hand: a field
absent from it is untouched, and the document shows the template's default for it (so a later
template version can improve its defaults); an empty answer is one the user emptied (an emptied
list hides its section). A list answer is one item per line.

Format 1 had no defaults: its blank answers meant "unanswered", and are dropped when it is read.
Only `template` and `[answers]` are required in a hand-written draft. Answers to fields the
template does not know, and unknown top-level keys, are kept when the draft is saved again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from jdwizard.errors import UserError
from jdwizard.files import ReadProblem, Unreadable, atomic_write_text, read_text
from jdwizard.toml_text import TomlError, parse_toml

FORMAT_VERSION = 2
MAX_DRAFT_BYTES = 8_000_000  # bounds reading; far above any post (a long one is 30 KB)
_KNOWN_KEYS = {"jdwizard", "template", "template_version", "created", "updated", "posted",
               "answers"}


class DraftError(UserError):
    """A draft file that cannot be opened; the message names the file and what to do."""


@dataclass
class Draft:
    """A job description in progress: which template, and the answers so far."""

    template: str
    answers: dict[str, str] = field(default_factory=dict)
    template_version: int | None = None
    created: datetime | None = None
    updated: datetime | None = None
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys, kept as-is
    posted: date | None = None  # the day it was first copied or exported: JSON-LD datePosted


def now() -> datetime:
    """The current time in UTC, to the second (as drafts record it)."""
    return datetime.now(UTC).replace(microsecond=0)


def markdown_path(draft_path: Path) -> Path:
    """Where the Markdown document of a draft lives: same folder, same stem, `.md`."""
    return draft_path.with_suffix(".md")


_UNREADABLE = {
    ReadProblem.MISSING:
        "no draft at {path}; check the path, or start one with 'jdwizard new TEMPLATE'",
    ReadProblem.FOLDER: "{path} is a folder, not a draft file; give a .toml draft's path",
    ReadProblem.TOO_LARGE: "{path} is {detail}, more than a draft may hold; if it is one, cut its"
                           " longest answer in a text editor",
    ReadProblem.NOT_A_FILE: "{path} is {detail}; give a .toml draft's path",
    ReadProblem.NOT_TEXT: "{path} is not a text file; a draft is TOML (see the README)",
    ReadProblem.OTHER: "cannot read {path}: {detail}",
}


def load_draft(path: Path) -> Draft:
    """Read a draft; raise DraftError with one line saying what is wrong and what to do."""
    try:
        text = read_text(path, MAX_DRAFT_BYTES)
    except Unreadable as error:
        message = _UNREADABLE[error.problem].format(path=path, detail=error.detail)
        raise DraftError(message) from None
    if not text.strip():
        raise DraftError(
            f"{path} is empty: it holds no answers; start a new draft with 'jdwizard new TEMPLATE'"
        )
    try:
        data = parse_toml(text)
    except TomlError as error:
        raise DraftError(f"{path} is not valid TOML ({error}); fix that line by hand") from None
    return draft_from_data(data, path)


@dataclass(frozen=True)
class Salvage:
    """What can still be read from a draft that does not open, to view it or start over."""

    text: str | None  # the file's text, when it is readable text of a sensible size
    template: str | None
    answers: dict[str, str]


def salvage_draft(path: Path) -> Salvage:
    """Read what is readable from a bad draft, never raising (and never writing)."""
    try:
        text = read_text(path, MAX_DRAFT_BYTES)
    except Unreadable:
        return Salvage(None, None, {})
    try:
        data = parse_toml(text)
    except TomlError:
        return Salvage(text, None, {})
    template = data.get("template")
    answers = data.get("answers")
    readable = {}
    if isinstance(answers, dict):
        readable = {name: value for name, value in answers.items() if isinstance(value, str)}
    return Salvage(text, template.strip() if isinstance(template, str) else None, readable)


def draft_from_data(data: dict[str, Any], path: Path) -> Draft:
    """Check the shape of parsed TOML and build a Draft from it."""
    version = data.get("jdwizard", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise DraftError(f"{path}: 'jdwizard' must be the format version number, e.g. 1")
    if version > FORMAT_VERSION:
        raise DraftError(
            f"{path} was written by a newer jdwizard (format {version}); "
            "upgrade jdwizard to open it"
        )
    template = data.get("template")
    if not isinstance(template, str) or not template.strip():
        raise DraftError(f'{path} names no template; add a line like template = "backend-engineer"')
    answers = answers_table(data, path, DraftError)
    if version < 2:  # format 1 had no defaults: a blank answer meant "not answered yet"
        answers = {name: value for name, value in answers.items() if value.strip()}
    template_version = data.get("template_version")
    if template_version is not None and (
        not isinstance(template_version, int) or isinstance(template_version, bool)
    ):
        raise DraftError(f"{path}: 'template_version' must be a whole number")
    return Draft(
        template=template.strip(),
        answers=dict(answers),
        template_version=template_version,
        created=_as_datetime(data.get("created")),
        updated=_as_datetime(data.get("updated")),
        posted=_as_date(data.get("posted")),
        path=path,
        extra={key: value for key, value in data.items() if key not in _KNOWN_KEYS},
    )


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        try:
            return _as_datetime(datetime.fromisoformat(value))
        except ValueError:
            return None
    return None


def _as_date(value: Any) -> date | None:
    moment = _as_datetime(value)
    return moment.date() if moment is not None else None


def draft_to_toml(draft: Draft) -> str:
    """The draft as TOML text (format version 2)."""
    data: dict[str, Any] = {"jdwizard": FORMAT_VERSION, "template": draft.template}
    if draft.template_version is not None:
        data["template_version"] = draft.template_version
    if draft.created is not None:
        data["created"] = draft.created
    if draft.updated is not None:
        data["updated"] = draft.updated
    if draft.posted is not None:
        data["posted"] = draft.posted
    data.update(draft.extra)
    data["answers"] = dict(draft.answers)
    import tomli_w  # here: only a save needs it (its import is about 1 ms of start-up)
    return tomli_w.dumps(data)


def answers_table(data: dict[str, Any], path: Path, error: type[UserError]) -> dict[str, str]:
    """The `[answers]` table of a draft or profile read from `path`, every value text; `error`
    (one line saying what to fix) when it is missing or holds anything else."""
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise error(f"{path} has no [answers] table; add one with a line per answer")
    for name, value in answers.items():
        if not isinstance(value, str):
            raise error(f'{path}: answer {name!r} must be text in quotes, e.g. {name} = "..."')
    return answers


def save_draft(draft: Draft, document: str | None, path: Path | None = None) -> Path:
    """Write the draft's Markdown document and then its TOML beside it, each atomically
    (without a document, when the template could not render these answers, the TOML alone).

    The document goes first: if it cannot be written, the TOML is still as this session last
    saw it, so the next save is not mistaken for someone else's change."""
    target = path or draft.path
    if target is None:
        raise ValueError("save_draft needs a path")
    draft.created = draft.created or now()
    draft.updated = now()
    text = draft_to_toml(draft)
    if document is not None:
        atomic_write_text(markdown_path(target), document)
    atomic_write_text(target, text)
    draft.path = target
    return target


def slugify(text: str, limit: int = 40) -> str:
    """A readable, safe file-name part: ascii lower-case words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def default_draft_path(folder: Path, template_id: str, company: str, day: date) -> Path:
    """A new, unused path like `acme-backend-engineer-2026-11-28.toml` in `folder`."""
    parts = [part for part in (slugify(company), slugify(template_id)) if part]
    stem = "-".join([*parts, day.isoformat()]) if parts else f"draft-{day.isoformat()}"
    candidate = folder / f"{stem}.toml"
    number = 2
    while _taken(candidate):
        candidate = folder / f"{stem}-{number}.toml"
        number += 1
    return candidate


def conflict_copy_path(path: Path) -> Path:
    """An unused name beside `path` for a copy: `x-copy.toml`, then `x-copy-2.toml`, ..."""
    candidate = path.with_name(f"{path.stem}-copy.toml")
    number = 2
    while _taken(candidate):
        candidate = path.with_name(f"{path.stem}-copy-{number}.toml")
        number += 1
    return candidate


def _taken(draft_path: Path) -> bool:
    """Whether a draft at `draft_path`, or any document it would write or carry, exists (a
    leftover .html there would otherwise be rewritten by the new draft's saves)."""
    from jdwizard.export import DOCUMENT_SUFFIXES

    return draft_path.exists() or any(draft_path.with_suffix(suffix).exists()
                                      for suffix in DOCUMENT_SUFFIXES)
