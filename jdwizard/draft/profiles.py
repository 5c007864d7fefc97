"""Company profiles: answers that belong to the company, not the role, to prefill new drafts.

A profile is a TOML file `profiles_dir()/ID.toml` (version 1)::

    jdwizard_profile = 1              # format version
    name = "Acme Logistics"           # display name
    updated = 2026-11-28T10:05:00Z
    never = ["Dominant", "SharePoint"]   # words never a finding for this company (optional)

    [answers]
    company = "Acme Logistics"
    location = "Berlin, Germany"

`never` lists words that `check` and the review never flag for this company (a product named
"Dominant"): see checks/dismiss.py. Only `[answers]` is required in a hand-written profile;
unknown top-level keys are kept. The company-level fields of a template are those marked
`company = true` (which the company roles are unless they say otherwise: see
template/roles.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jdwizard.draft.file import answers_table, now, slugify
from jdwizard.errors import UserError
from jdwizard.files import (
    ReadProblem,
    Unreadable,
    atomic_write_text,
    read_text,
    write_failure,
)
from jdwizard.paths import profiles_dir
from jdwizard.template.model import Field, Template
from jdwizard.template.roles import STANDARD_NAMES, Role
from jdwizard.toml_text import TomlError, parse_toml

FORMAT_VERSION = 1
MAX_PROFILE_BYTES = 1_000_000
PROFILE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_KNOWN_KEYS = {"jdwizard_profile", "name", "updated", "answers"}


class ProfileError(UserError):
    """A profile that cannot be used; the message is one line naming the file or the name."""


@dataclass
class Profile:
    """A company's saved answers, keyed by field name."""

    id: str
    name: str  # display name, e.g. "Acme Logistics"
    answers: dict[str, str] = field(default_factory=dict)
    updated: datetime | None = None
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys, kept as-is

    @property
    def never(self) -> list[str]:
        """The words never a finding for this company (`never = [...]`); a one-line UserError
        when the file lists anything else."""
        from jdwizard.checks.dismiss import never_words

        return never_words(self.extra)


@dataclass(frozen=True)
class ProfileSummary:
    """One line of the profiles list."""

    id: str
    name: str
    answers: int  # how many answers the profile holds
    updated: datetime | None
    path: Path
    problem: str = ""  # why the profile cannot be opened, if it cannot


def company_fields(template: Template) -> tuple[str, ...]:
    """The template's company-level field names, in template order."""
    return tuple(field.name for field in template.fields if field.company)


def profile_id_for(display_name: str) -> str:
    """The file name (without .toml) for a profile called `display_name`, e.g. 'acme-logistics'."""
    profile_id = slugify(display_name, limit=64)
    if not profile_id:
        raise ProfileError(
            f"{display_name!r} cannot name a profile; use letters or digits, e.g. 'Acme'"
        )
    return profile_id


def profile_path(profile_id: str) -> Path:
    """Where the profile `profile_id` lives; ProfileError if the id is not a safe file name."""
    if not PROFILE_ID_PATTERN.match(profile_id):
        hint = slugify(profile_id, limit=64) or "acme"
        raise ProfileError(
            f"{profile_id!r} is not a profile name (lower-case letters, digits and '-'), "
            f"e.g. {hint!r}"
        )
    return profiles_dir() / f"{profile_id}.toml"


def _as_datetime(value: Any) -> datetime | None:
    """A TOML date-time as an aware datetime (UTC when it has no offset); None otherwise."""
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _clean_name(name: str) -> str:
    """A display name on one line, without surrounding or repeated spaces."""
    return " ".join(name.split())


def _read_text(path: Path, profile_id: str) -> str:
    """The profile file's text; ProfileError (one line) when missing, huge or binary."""
    try:
        return read_text(path, MAX_PROFILE_BYTES)
    except Unreadable as error:
        if error.problem is ReadProblem.MISSING:
            message = (f"no profile {profile_id!r} (no file {path}); "
                       f"existing profiles: {_existing()}")
        elif error.problem is ReadProblem.FOLDER:
            message = f"{path} is a folder, not a profile file; remove or rename it"
        elif error.problem is ReadProblem.TOO_LARGE:
            message = f"{path} is {error.detail}: too large to be a profile; remove it"
        elif error.problem is ReadProblem.NOT_TEXT:
            message = f"{path} is not a text file; a profile is TOML (see the README)"
        else:
            message = f"cannot read {path}: {error.detail}"
        raise ProfileError(message) from None


def load_profile(profile_id: str) -> Profile:
    """Read a profile; raise ProfileError with one line naming the file and what is wrong."""
    path = profile_path(profile_id)
    text = _read_text(path, profile_id)
    try:
        data = parse_toml(text)
    except TomlError as error:
        raise ProfileError(f"{path} is not valid TOML ({error}); fix that line by hand") from None
    return profile_from_data(data, profile_id, path)


def profile_from_data(data: dict[str, Any], profile_id: str, path: Path) -> Profile:
    """Check the shape of parsed TOML and build a Profile from it."""
    version = data.get("jdwizard_profile", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProfileError(f"{path}: 'jdwizard_profile' must be the format version number, e.g. 1")
    if version > FORMAT_VERSION:
        raise ProfileError(
            f"{path} was written by a newer jdwizard (format {version}); upgrade jdwizard to use it"
        )
    name = data.get("name", "")
    if not isinstance(name, str):
        raise ProfileError(f'{path}: \'name\' must be text in quotes, e.g. name = "Acme"')
    answers = answers_table(data, path, ProfileError)
    return Profile(
        id=profile_id,
        name=_clean_name(name) or profile_id,
        answers=dict(answers),
        updated=_as_datetime(data.get("updated")),
        path=path,
        extra={key: value for key, value in data.items() if key not in _KNOWN_KEYS},
    )


def profile_to_toml(profile: Profile) -> str:
    """The profile as TOML text (format version 1)."""
    data: dict[str, Any] = {"jdwizard_profile": FORMAT_VERSION, "name": _clean_name(profile.name)}
    if profile.updated is not None:
        data["updated"] = profile.updated
    data.update((key, value) for key, value in profile.extra.items() if key not in _KNOWN_KEYS)
    data["answers"] = dict(profile.answers)
    import tomli_w  # here: only a save needs it (its import is about 1 ms of start-up)
    return tomli_w.dumps(data)


def save_profile(profile: Profile) -> Path:
    """Write the profile atomically to `profile_path(profile.id)`; sets `updated` and `path`."""
    path = profile_path(profile.id)
    profile.updated = now()
    try:
        atomic_write_text(path, profile_to_toml(profile))
    except Exception as error:  # noqa: BLE001 - any failure to write is the user's to hear
        raise ProfileError(f"cannot save {path}: {write_failure(error)}; free some space, or "
                           f"make {path.parent} a writable folder") from None
    profile.path = path
    return path


def delete_profile(profile_id: str) -> Path:
    """Remove a profile's file; ProfileError when there is no such profile."""
    path = profile_path(profile_id)
    try:
        path.unlink()
    except FileNotFoundError:
        raise ProfileError(f"no profile {profile_id!r}; existing profiles: {_existing()}") from None
    except OSError as error:
        raise ProfileError(f"cannot delete {path}: {error.strerror or error}") from None
    return path


def _existing() -> str:
    """The ids of the saved profiles, for an error message."""
    return ", ".join(summary.id for summary in list_profiles()) or "none saved yet"


def list_profiles() -> list[ProfileSummary]:
    """Every profile file, by id; one that cannot be read is listed with its `problem`."""
    folder = profiles_dir()
    return [_summary(path) for path in sorted(folder.glob("[!.]*.toml"))] if folder.is_dir() else []


def _summary(path: Path) -> ProfileSummary:
    """The list line of one profile file, never raising."""
    try:
        profile = load_profile(path.stem)
    except ProfileError as error:
        problem = str(error) if str(path) in str(error) else f"{path}: {error}"
        return ProfileSummary(path.stem, path.stem, 0, None, path, problem)
    count = sum(1 for value in profile.answers.values() if value.strip())
    return ProfileSummary(profile.id, profile.name, count, profile.updated, path)


def _answer_for(field: Field, answers: dict[str, str]) -> str:
    """A field's answer in `answers`, looked up by its name, then by its earlier names, then
    by the name its role has in the built-in templates (a profile saved from one of those, or
    started from the command line, fills a template that names its company field otherwise)."""
    standard = STANDARD_NAMES.get(field.role) if field.role is not None else None
    for name in (field.name, *field.renamed_from, *([standard] if standard else [])):
        value = answers.get(name, "")
        if value.strip():
            return value
    return ""


def profile_answers_for(profile: Profile, template: Template) -> dict[str, str]:
    """The profile's non-blank answers to the template's company-level fields, in field order."""
    fields = [field for field in template.fields if field.company]
    answers = {field.name: _answer_for(field, profile.answers) for field in fields}
    return {name: value for name, value in answers.items() if value}


def prefill(template: Template, profile: Profile | None) -> dict[str, str]:
    """A new draft's starting answers; the keys are the fields to mark as from the profile."""
    return profile_answers_for(profile, template) if profile is not None else {}


def merge_answers(profile: Profile, answers: dict[str, str], template: Template) -> Profile:
    """Copy the non-blank company-level `answers` of a draft of `template` into `profile`.

    Answers for fields this template lacks, and blank draft answers, leave the profile's be.
    """
    for name in company_fields(template):
        value = answers.get(name, "")
        if isinstance(value, str) and value.strip():
            profile.answers[name] = value
    return profile


def update_profile_from(
    answers: dict[str, str], template: Template, profile_id: str, display_name: str = ""
) -> Profile:
    """Save a draft's company-level answers into profile `profile_id`, creating it if need be.

    `display_name` renames the profile when given; a new one is otherwise named after the
    company answer. A profile file that cannot be read is never overwritten (ProfileError).
    """
    path = profile_path(profile_id)
    if path.exists() or path.is_symlink():
        profile = load_profile(profile_id)
    else:
        company = _clean_name(template.answer_for(Role.COMPANY_NAME, answers))
        profile = Profile(id=profile_id, name=company or profile_id)
    if _clean_name(display_name):
        profile.name = _clean_name(display_name)
    merge_answers(profile, answers, template)
    save_profile(profile)
    return profile
