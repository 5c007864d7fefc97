"""A drafting session: one template, one draft, its answers, and how and where they are saved.

Pure and Textual-free. The UI asks it for the document and for a `SaveJob` (a snapshot of the
answers taken on the event loop) that a worker thread renders and writes, so typing never waits
on the disk nor on rendering a long document.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jdwizard.checks.answer import Feedback, check_answer
from jdwizard.draft import lock as locking
from jdwizard.draft.file import (
    Draft,
    conflict_copy_path,
    default_draft_path,
    now,
    save_draft,
)
from jdwizard.draft.migration import Migration
from jdwizard.errors import UserError
from jdwizard.export import DOCUMENT_SUFFIXES, FORMAT_SUFFIXES
from jdwizard.files import FileStamp, atomic_write_text, file_stamp, write_failure
from jdwizard.paths import drafts_dir
from jdwizard.safe_text import for_document
from jdwizard.template.answers import is_answered, missing_required
from jdwizard.template.engine import Renderer, RenderError
from jdwizard.template.model import Field, Template
from jdwizard.template.roles import Role

if TYPE_CHECKING:
    from jdwizard.draft.profiles import Profile


class DraftConflict(UserError):
    """The draft file changed on disk since this session last read or wrote it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} was changed by another program (another jdwizard, or an editor) since it "
            "was opened; not overwriting it"
        )
        self.path = path


@dataclass
class SaveJob:
    """Everything needed to write one save, taken at one moment. The document is rendered from
    the snapshot when the job is written (in the worker thread: a long one takes a while)."""

    draft: Draft
    renderer: Renderer
    target: Path
    replaces: Path | None  # an earlier auto-named file that this save renames
    named_after_company: bool | None = None  # set when this save chose an automatic name
    expected: FileStamp | None = None  # the target as last seen; None: it must not exist
    document: str | None = None  # once written; None: the body failed, the answers saved alone
    render_problem: str | None = None  # why there is no document

    def render(self) -> None:
        """Render the snapshot's document (or note why the body fails on these answers)."""
        try:
            self.document = for_document(self.renderer.render(self.draft.answers))
        except RenderError as error:  # the answers are what must not be lost: they save alone
            self.document, self.render_problem = None, str(error)

    def write(self) -> FileStamp | None:
        """Render and write the draft and its documents (blocking: call from a worker thread).

        Raises DraftConflict, writing nothing, when the target is not as this session last saw
        it: someone else saved it meanwhile, and their answers must not be silently replaced.
        The documents go first and the draft last (see `save_draft`): the exports the user saved
        beside it (`exports`), then the .md, each from the same document, so that none keeps
        text the user has since removed. Without a document, all are left as they were. The
        first save that writes a .jsonld records the day the post was first published (`posted`,
        its datePosted).
        """
        if file_stamp(self.target) != self.expected:
            raise DraftConflict(self.target)
        self.render()
        exports = self.exports()
        if self.document is not None:
            from jdwizard.jsonld import in_format

            today = date.today()
            if self.draft.posted is None and any(name == "jsonld" for name, _ in exports):
                self.draft.posted = today
            for format_name, path in exports:
                _write_document(path, in_format(format_name, self.renderer.template,
                                                self.draft.answers, self.document,
                                                self.draft.posted, today))
        save_draft(self.draft, self.document, self.target)
        stamp = file_stamp(self.target)
        if self.replaces is not None and self.replaces != self.target:
            written = set() if self.document is None else {".md", *(p.suffix for _, p in exports)}
            self._leave(self.replaces, written)
            locking.release(self.replaces)
        if self.expected is None:
            locking.acquire(self.target)
        return stamp

    def exports(self) -> list[tuple[str, Path]]:
        """The documents besides the .md that this save rewrites, as (format, path): each one
        saved beside the draft (or beside the file this save renames), and no other."""
        places = [self.target] if self.replaces in (None, self.target) else [
            self.target, self.replaces]
        return [(name, self.target.with_suffix(suffix)) for name, suffix in FORMAT_SUFFIXES.items()
                if name != "markdown" and any(p.with_suffix(suffix).is_file() for p in places)]

    def _leave(self, old: Path, written: set[str]) -> None:
        """Remove the file this save renamed, and its documents written anew beside the target;
        one not written (no document, or a format a save does not write) moves to the new name."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(old)
        for suffix in DOCUMENT_SUFFIXES:
            document, moved = old.with_suffix(suffix), self.target.with_suffix(suffix)
            with contextlib.suppress(FileNotFoundError):
                if suffix in written:
                    os.unlink(document)
                elif not os.path.lexists(moved):
                    os.rename(document, moved)


def _write_document(path: Path, text: str) -> None:
    """Write one document atomically; a failure names the file (the save says which draft)."""
    try:
        atomic_write_text(path, text)
    except OSError as error:
        raise OSError(error.errno, f"{path.name}: {write_failure(error)}") from error


class Session:
    """The state of one wizard run: answers, progress, the rendered document and saving."""

    def __init__(self, template: Template, draft: Draft, *, folder: Path | None = None) -> None:
        self.template = template
        self.draft = draft
        self._renderer: Renderer | None = None
        self._renderer_lock = threading.Lock()
        self.folder = folder
        # A draft without a chosen path is named after its company once that is known.
        self._auto_named = draft.path is None
        self._named_with_company = draft.path is not None
        self.migration: Migration | None = None  # set when opened from a saved draft
        # The draft file as last read or written; a save refuses to replace a file changed since.
        self.disk_stamp: FileStamp | None = file_stamp(draft.path) if draft.path else None
        self.forked_from: Path | None = None  # set when answers now go to a copy of that draft
        self.other_holder: str | None = None  # who else had the draft open when it was opened
        self.profile_name: str | None = None  # the company profile the answers started from
        self.prefilled: dict[str, str] = {}  # the answers that profile filled in
        self.revision = 0  # bumps on every change
        self._answered: dict[str, tuple[str, bool]] = {}  # field: (the answer, answered)
        self._feedback: dict[str, tuple[str, Feedback]] = {}  # field: (the answer, feedback)
        self.saved_revision = 0 if draft.path is not None else -1

    @property
    def renderer(self) -> Renderer:
        """The template's body compiled (made on first use: compiling imports Jinja2, which
        the app does once its first screen is up)."""
        with self._renderer_lock:
            if self._renderer is None:
                self._renderer = Renderer(self.template)
            return self._renderer

    @property
    def renderer_ready(self) -> bool:
        """Whether the body is compiled already (using `renderer` then costs nothing)."""
        return self._renderer is not None

    @property
    def answers(self) -> dict[str, str]:
        return self.draft.answers

    @property
    def path(self) -> Path | None:
        return self.draft.path

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.template.fields

    @property
    def dirty(self) -> bool:
        return self.saved_revision != self.revision

    def set_answer(self, name: str, value: str) -> bool:
        """Record an answer (the user's, from now on: see defaults.py); True when it changed."""
        if self.answers.get(name) == value:
            return False
        self.answers[name] = value
        self.revision += 1
        return True

    def reset_answer(self, name: str) -> bool:
        """Forget the user's answer: the field shows its default again. True when it had one."""
        if name not in self.answers:
            return False
        del self.answers[name]
        self.revision += 1
        return True

    def apply_profile(self, profile: Profile | None) -> None:
        """Fill the company answers from `profile` (remembered, so the UI can mark them)."""
        from jdwizard.draft.profiles import prefill

        if profile is None:
            return
        self.profile_name = profile.name
        self.prefilled = prefill(self.template, profile)
        for name, value in self.prefilled.items():
            self.set_answer(name, value)

    def from_profile(self, field: Field) -> bool:
        """Whether the field's answer is still the one the profile filled in."""
        value = self.prefilled.get(field.name)
        return value is not None and self.answers.get(field.name) == value

    def answered(self, field: Field) -> bool:
        """Whether the field has an answer (remembered per answer: a long one takes a while,
        and the screen asks on every keystroke)."""
        value = self.answers.get(field.name, "")
        known = self._answered.get(field.name)
        if known is None or known[0] is not value:
            known = self._answered[field.name] = (value, is_answered(field, self.answers))
        return known[1]

    def feedback(self, field: Field) -> Feedback:
        """The field's answer checked as it is typed (a salary read), remembered per answer:
        reading a long one takes a while, so the screen can have it made in a thread first."""
        value = self.answers.get(field.name, "")
        known = self._feedback.get(field.name)
        if known is None or known[0] is not value:
            known = self._feedback[field.name] = (value, check_answer(field, value))
        return known[1]

    def feedback_ready(self, field: Field) -> bool:
        """Whether `feedback` for the answer as it is now costs nothing."""
        known = self._feedback.get(field.name)
        return known is not None and known[0] is self.answers.get(field.name, "")

    def problem(self, field: Field) -> str | None:
        """What is wrong with the field's answer, if anything (never blocks moving on)."""
        return self.feedback(field).problem

    def document(self) -> str:
        """The document as published: control characters dropped (`safe_text.for_document`)."""
        return for_document(self.renderer.render(self.answers))

    def mark_posted(self, day: date) -> date:
        """Record `day` as the day the post was first copied or saved as a document (the
        JSON-LD's datePosted), unless one is recorded already; the day recorded. A new one is a
        change to save."""
        if self.draft.posted is None:
            self.draft.posted = day
            self.revision += 1
        return self.draft.posted

    def missing(self) -> list[Field]:
        return missing_required(self.template, self.answers)

    def needs_attention(self) -> list[tuple[Field, str]]:
        """Answered fields whose answer has a problem (e.g. an unreadable salary)."""
        found = []
        for field in self.fields:
            problem = self.problem(field) if self.answered(field) else None
            if problem:
                found.append((field, problem))
        return found

    def unknown_answers(self) -> dict[str, str]:
        """Answers in the draft for fields this template does not have (kept, never dropped)."""
        names = set(self.template.field_names)
        return {k: v for k, v in self.answers.items() if k not in names}

    def progress(self) -> tuple[int, int]:
        """(required fields answered, required fields)."""
        required = [field for field in self.fields if field.required]
        return sum(self.answered(field) for field in required), len(required)

    def resume_index(self) -> int | None:
        """Where to pick up: the first unanswered required field, or None when all are done."""
        for index, field in enumerate(self.fields):
            if field.required and not self.answered(field):
                return index
        return None

    def has_content(self) -> bool:
        """Whether there is anything worth writing to disk."""
        return self.draft.path is not None or any(v.strip() for v in self.answers.values())

    @property
    def company_name(self) -> str:
        """The answer naming the company ("" when there is none yet)."""
        return self.template.answer_for(Role.COMPANY_NAME, self.answers).strip()

    def names_company(self, field: Field) -> bool:
        """Whether `field` is the one whose answer names the company (and the draft file)."""
        return field.role is Role.COMPANY_NAME

    @property
    def awaits_company_name(self) -> bool:
        """Saved under a name without the company (typed since): the next save renames it."""
        return self._auto_named and not self._named_with_company and bool(self.company_name)

    def save_job(self, *, company_settled: bool = True, target: Path | None = None) -> SaveJob:
        """Snapshot the draft for saving; pick (or refine) the file name when it is automatic.
        Cheap whatever the answers' size: the document is rendered when the job is written.

        `company_settled` is False while the user is still typing the company name, so that an
        automatic file name is not taken from half a word.
        """
        replaces = None
        named_after_company = None
        if target is None:
            target = self.draft.path
            company = self.company_name
            if target is None or (
                self._auto_named and not self._named_with_company and company and company_settled
            ):
                folder = self.folder or drafts_dir()
                name_from = company if company_settled else ""
                new_target = default_draft_path(folder, self.template.id, name_from, date.today())
                replaces, target = target, new_target
                named_after_company = bool(name_from)
        snapshot = replace(
            self.draft,
            answers=dict(self.answers),
            template_version=self.template.version,
            created=self.draft.created or now(),
            extra=dict(self.draft.extra),
        )
        expected = self.disk_stamp if target == self.draft.path else None
        return SaveJob(snapshot, self.renderer, target, replaces, named_after_company, expected)

    def saved(self, job: SaveJob, revision: int, stamp: FileStamp | None) -> None:
        """Record that `job` (taken at `revision`) is on disk, as `stamp`."""
        self.disk_stamp = stamp
        if job.named_after_company is not None:
            self._named_with_company = job.named_after_company
        elif job.target != self.draft.path:
            self._auto_named = False  # saved elsewhere on request: the user chose this name
        self.draft.path = job.target
        self.draft.created = job.draft.created
        self.draft.updated = job.draft.updated
        self.draft.template_version = job.draft.template_version
        self.draft.posted = self.draft.posted or job.draft.posted
        self.saved_revision = max(self.saved_revision, revision)

    def save_now(self, *, company_settled: bool = True) -> Path:
        """Save synchronously (for the command line, tests and quitting)."""
        revision = self.revision
        job = self.save_job(company_settled=company_settled)
        stamp = job.write()
        self.saved(job, revision, stamp)
        return job.target

    def fork_to_copy(self, *, dirty: bool = True) -> Path:
        """From now on save to a new file beside the draft, which someone else is editing.

        `dirty` makes the next save write the copy at once (after a refused save); without it
        the copy is written only once something changes (when the draft is merely open twice).
        """
        assert self.draft.path is not None
        self.forked_from = self.draft.path
        locking.release(self.draft.path)  # ours, if we held it: the original is not ours now
        self.draft.path = conflict_copy_path(self.draft.path)
        self._auto_named = False
        self.disk_stamp = None
        self.saved_revision = self.revision - 1 if dirty else self.revision
        return self.draft.path

    def close(self) -> None:
        """Let go of the draft's lock (when the wizard ends)."""
        if self.draft.path is not None:
            locking.release(self.draft.path)
