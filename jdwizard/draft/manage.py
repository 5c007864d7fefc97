"""Managing saved drafts as files: duplicate, rename and delete (the .toml with its documents:
the .md that autosaves, and any .txt, .html or .jsonld the user saved beside it).

Each refuses, in one line, to touch a draft that is open in another jdwizard or to replace an
existing file; rename and delete hold the draft's lock while they work, so it cannot be opened
meanwhile, and remove it after. Blocking: the app calls these from a worker thread.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from jdwizard.draft import lock as locking
from jdwizard.draft.file import (
    Draft,
    DraftError,
    default_draft_path,
    load_draft,
    markdown_path,
    now,
    save_draft,
    slugify,
)
from jdwizard.draft.listing import company_of
from jdwizard.export import DOCUMENT_SUFFIXES
from jdwizard.files import atomic_write_text


def duplicate_draft(path: Path, folder: Path | None = None) -> Path:
    """A new draft with the same template and answers, named like a new one, with copies of
    its documents; returns its path."""
    original = load_draft(path)
    target_folder = folder or path.parent
    company = company_of(original)
    target = default_draft_path(target_folder, original.template, company, date.today())
    copy = Draft(
        original.template,
        answers=dict(original.answers),
        template_version=original.template_version,
        extra=dict(original.extra),
    )
    copy.created = now()
    document = _read_document(path)
    for other in document_paths(path):  # the exports too (the copy's saves keep them true)
        text = _read_text(other) if other.suffix != ".md" else None
        if text is not None and not os.path.lexists(target.with_suffix(other.suffix)):
            atomic_write_text(target.with_suffix(other.suffix), text)
    save_draft(copy, document, target)
    return target


def document_paths(path: Path) -> list[Path]:
    """The draft's documents that exist: its .md, and the .txt / .html / .jsonld saved beside."""
    return [path.with_suffix(suffix) for suffix in DOCUMENT_SUFFIXES
            if path.with_suffix(suffix).is_file()]


def rename_draft(path: Path, new_name: str) -> Path:
    """Rename a draft and its documents within its folder; `new_name` is a plain name."""
    stem = slugify(new_name.removesuffix(".toml"), limit=80)
    if not stem:
        raise DraftError(f"{new_name!r} is not a usable file name; use letters and digits")
    target = path.with_name(f"{stem}.toml")
    if target == path:
        return path
    with _held(path):
        documents = document_paths(path)
        for existing in (target, *(target.with_suffix(d.suffix) for d in documents)):
            if existing.exists():
                raise DraftError(f"{existing} already exists; choose another name")
        load_draft(path)  # only drafts that open are renamed: a bad file stays where it is
        os.rename(path, target)
        for document in documents:
            with contextlib.suppress(FileNotFoundError):
                os.rename(document, target.with_suffix(document.suffix))
    return target


def delete_draft(path: Path) -> None:
    """Delete a draft and its documents (the caller has asked the user to confirm)."""
    with _held(path):
        for file in (path, *document_paths(path)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(file)


@contextlib.contextmanager
def _held(path: Path) -> Iterator[None]:
    """Hold the draft's lock while managing it (refused if another jdwizard holds it); its
    file is removed afterwards, and with it one left behind by a crash."""
    other = locking.acquire(path)
    if other is not None:
        raise DraftError(f"{path.name} is open in another jdwizard ({other}); close it there first")
    try:
        yield
    finally:
        locking.release(path)


def _read_document(path: Path) -> str:
    return _read_text(markdown_path(path)) or ""


def _read_text(path: Path) -> str | None:
    """A document's text; None when it cannot be read as UTF-8 text."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
