"""What the start screen and `jdwizard drafts` list: the saved drafts with their company and
progress, and (for the start screen) the templates and the default company profile, read in one
go. Light on purpose: the start screen reads it before anything else."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jdwizard.draft.file import Draft, DraftError, load_draft
from jdwizard.draft.profiles import Profile
from jdwizard.draft.recent import recent_drafts
from jdwizard.errors import UserError
from jdwizard.paths import drafts_dir
from jdwizard.template.library import Library, get_template, load_library
from jdwizard.template.model import Template
from jdwizard.template.roles import Role


@dataclass(frozen=True)
class DraftSummary:
    """One line of the drafts list."""

    path: Path
    template: str
    company: str
    answered: int  # required fields answered
    required: int  # required fields in the template (0 when the template is unknown)
    updated: datetime | None
    problem: str = ""  # why the draft cannot be opened, if it cannot
    modified_ns: int = 0  # the file's time, to order two drafts saved in the same second


def _template_of(draft: Draft) -> Template | None:
    try:
        return get_template(draft.template)
    except UserError:
        return None


def company_of(draft: Draft) -> str:
    """The company a draft names ("" when it names none, or its template is unknown)."""
    template = _template_of(draft)
    return template.answer_for(Role.COMPANY_NAME, draft.answers).strip() if template else ""


def summarize(path: Path) -> DraftSummary:
    """The list line of one draft file, never raising for a bad one."""
    from jdwizard.draft.migration import migrate_answers  # here: only a draft to count needs it
    from jdwizard.template.answers import is_answered

    try:
        draft = load_draft(path)
    except DraftError as error:
        return DraftSummary(path, "?", "", 0, 0, None, str(error))
    template = _template_of(draft)
    answered = required = 0
    company = ""
    if template is not None:
        answers, _ = migrate_answers(template, draft.answers, draft.template_version)
        needed = [field for field in template.fields if field.required]
        answered, required = sum(is_answered(f, answers) for f in needed), len(needed)
        company = template.answer_for(Role.COMPANY_NAME, answers).strip()
    try:
        modified_ns = path.stat().st_mtime_ns
    except OSError:
        modified_ns = 0
    updated = draft.updated or datetime.fromtimestamp(modified_ns / 1e9, UTC)
    return DraftSummary(path, draft.template, company, answered, required, updated,
                        modified_ns=modified_ns)


def list_drafts(
    folder: Path | None = None, also: Iterable[Path] | None = None
) -> list[DraftSummary]:
    """The drafts in `folder` (default: the drafts folder) and the drafts kept elsewhere that
    jdwizard remembers (`also`, default: recent.py's list), newest first."""
    folder = folder or drafts_dir()
    paths = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    known = {path.absolute() for path in paths}
    outside = recent_drafts() if also is None else list(also)
    paths += [path for path in outside if path.absolute() not in known]
    oldest = datetime.min.replace(tzinfo=UTC)
    summaries = [summarize(path) for path in paths]
    return sorted(summaries, key=lambda s: (s.updated or oldest, s.modified_ns), reverse=True)


@dataclass(frozen=True)
class StartLists:
    """What the start screen shows, read in one go off the event loop."""

    library: Library
    drafts: list[DraftSummary]
    profile: Profile | None  # the default company profile, if one is set and readable
    problem: str = ""  # why the default profile could not be read


def load_start_lists(folder: Path | None = None) -> StartLists:
    """The templates (and broken user templates), the saved drafts, and the default profile."""
    from jdwizard.config import load_config
    from jdwizard.draft.profiles import load_profile

    profile, problem = None, ""
    default = load_config().profile
    if default:
        try:
            profile = load_profile(default)
        except UserError as error:
            problem = f"Starting without the default profile: {error}"
    return StartLists(load_library(), list_drafts(folder), profile, problem)
