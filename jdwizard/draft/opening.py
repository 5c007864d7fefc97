"""Opening a session: on a saved draft (locked while open), or on a new one; and checking a
new path for a draft (`--draft`, Save as) before anything is written there."""

from __future__ import annotations

import os
from pathlib import Path

from jdwizard.draft import lock as locking
from jdwizard.draft.file import Draft, load_draft, markdown_path
from jdwizard.draft.migration import migrate_answers
from jdwizard.draft.profiles import Profile
from jdwizard.draft.session import Session
from jdwizard.errors import UserError
from jdwizard.files import file_stamp
from jdwizard.template.library import get_template
from jdwizard.template.model import Template


def open_session(path: Path, folder: Path | None = None, *, edit: bool = True) -> Session:
    """A session on the saved draft at `path` (UserError naming the problem otherwise).

    `edit=False` (render, check) only reads: it takes no lock.
    """
    stamp = file_stamp(path)  # before reading: a change after this is noticed at save time
    draft = load_draft(path)
    try:
        template = get_template(draft.template)
    except UserError as error:
        raise UserError(f"{path}: {error}") from None
    draft.answers, migration = migrate_answers(template, draft.answers, draft.template_version)
    session = Session(template, draft, folder=folder)
    session.migration = migration
    session.disk_stamp = stamp
    if migration.renamed:
        session.revision += 1  # answers moved to their new names: worth saving
    if edit:
        hold_draft(session)
    return session


def hold_draft(session: Session) -> None:
    """Take the lock of the session's draft for editing; if another jdwizard has it open,
    the session goes on as a copy (the original is left to its holder)."""
    path = session.path
    if path is None:
        return
    session.other_holder = locking.acquire(path)
    if session.other_holder is not None:
        session.fork_to_copy(dirty=False)


def new_session(
    template: Template,
    path: Path | None,
    presets: dict[str, str],
    folder: Path | None = None,
    profile: Profile | None = None,
) -> Session:
    """A session on a new draft, optionally at a chosen path, with answers already filled:
    the company answers of `profile`, then `presets` (which win)."""
    if path is not None:
        check_new_draft_path(path)
    session = Session(template, Draft(template.id, path=path), folder=folder)
    session.saved_revision = -1
    session.apply_profile(profile)
    for name, value in presets.items():
        session.set_answer(name, value)
    return session


def check_new_draft_path(path: Path) -> None:
    """Refuse a path that is not a .toml file name, or whose draft or document already exists."""
    if path.suffix.lower() != ".toml":
        raise UserError(
            f"--draft {path}: give a .toml path; the Markdown document is written beside it as .md"
        )
    for existing in (path, markdown_path(path)):
        if existing.exists():
            raise UserError(
                f"{existing} already exists; resume a draft with 'jdwizard resume PATH' "
                "or choose another --draft path"
            )


def save_as_problem(path: Path) -> str | None:
    """Why a "save as" target will not do (one line), or None when it is fine to write."""
    if path.suffix.lower() != ".toml":
        return f"Give a .toml path, e.g. {path.with_suffix('.toml').name}"
    if path.is_dir():
        return f"{path} is a folder; add a file name ending in .toml"
    for existing in (path, markdown_path(path)):
        if existing.exists():
            return f"{existing} already exists; choose another name"
    parent = next((p for p in path.parents if p.exists()), None)
    if parent is None or not parent.is_dir():
        return f"{path.parent} cannot be created: part of it is not a folder"
    if not os.access(parent, os.W_OK):
        return f"{parent} is not writable; choose another folder"
    return None
