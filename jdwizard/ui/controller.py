"""The open draft: its session, saving it (autosave, Ctrl+S, Save as, before closing and
quitting), the save lock, and the notices when a save fails or goes to a copy.

Saving takes a snapshot on the event loop (`Session.save_job`) and writes it in a thread, so
typing never waits on the disk. The field screen registers as the controller's `AnswerSource`:
before a save that the user asked for, every key already typed is in the session.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from jdwizard.draft.session import DraftConflict, SaveJob, Session
from jdwizard.errors import UserError
from jdwizard.files import write_failure
from jdwizard.template.engine import Renderer, RenderError
from jdwizard.template.model import Field

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer


AUTOSAVE_SECONDS = 0.5
AUTOSAVE_RETRY_SECONDS = 5.0  # after a failed save, autosave waits this long before retrying


class AnswerSource(Protocol):
    """Where the answers are typed (the field screen)."""

    async def settle_answers(self) -> None:
        """Make sure every key typed so far is in the session."""

    @property
    def editing(self) -> Field | None:
        """The field being typed in right now, if any."""


@dataclass(frozen=True)
class DraftOutcome:
    """How the draft was left, for the command line to say where it is."""

    path: Path | None  # the draft's file (None: never written)
    saved: bool  # everything typed is in that file
    had_content: bool  # there was something to save
    forked_from: Path | None  # the draft that was open elsewhere, when answers went to a copy
    failure: str | None = None  # why the last save failed, when none has worked since
    unrendered: str | None = None  # why the last save that worked wrote no document


def save_failure(error: Exception) -> str:
    """Why a save failed, in a few words (any exception: a full disk, a value the TOML writer
    cannot write...)."""
    return "it exists" if isinstance(error, DraftConflict) else write_failure(error)


class DraftController:
    """Owns the open draft's session and every write of it."""

    def __init__(
        self,
        app: App[None],
        session: Session,
        *,
        autosave_seconds: float = AUTOSAVE_SECONDS,
        on_path_changed: Callable[[Path | None], None] | None = None,
    ) -> None:
        self.app = app
        self.session = session
        self.source: AnswerSource | None = None
        self._on_path_changed = on_path_changed
        self._save_lock = asyncio.Lock()
        self._failure: str | None = None  # the last save error announced, while it lasts
        self._failure_reason: str | None = None  # its reason alone, for the command line
        self._no_document: str | None = None  # why the last save that worked had no document
        self._unrendered_reason: str | None = None  # the last render failure announced
        self._autosave_paused_until = 0.0
        self._announced_fork = False
        self._timer: Timer | None = app.set_interval(autosave_seconds, self._autosave)

    @property
    def path(self) -> Path | None:
        return self.session.path

    def renderer(self) -> Renderer:
        """The template compiled. The first time, on the event loop, once: importing Jinja2
        and compiling take some 80 ms, and done in a thread they kept about 4.5 MB more in the
        process (a thread's first allocations come from a memory arena of its own)."""
        return self.session.renderer

    def document(self) -> str:
        """The document as the answers render it now (RenderError if the body fails)."""
        self.renderer()
        return self.session.document()

    async def settle(self) -> None:
        """Every key typed so far, in the session."""
        if self.source is not None:
            await self.source.settle_answers()

    # -- saving ---------------------------------------------------------------------------

    async def save(self, *, announce: bool, target: Path | None = None) -> bool:
        """Write the draft and its Markdown in a worker thread; False (and a message) on failure.

        A failure is announced once per distinct reason (autosave retries quietly); the answers
        stay in memory either way. Without `announce` and with nothing changed, nothing is
        written."""
        await self.settle()
        return await self._save(announce=announce, target=target, company_settled=True)

    async def _autosave(self) -> None:
        if time.monotonic() < self._autosave_paused_until:
            return  # the last save failed: retry now and then, not every tick
        if self.session.dirty and self.session.has_content():
            source = self.source
            editing = source.editing if source is not None else None
            typing_company = editing is not None and self.session.names_company(editing)
            await self._save(announce=False, target=None, company_settled=not typing_company)

    async def _save(self, *, announce: bool, target: Path | None, company_settled: bool) -> bool:
        session = self.session
        async with self._save_lock:
            if target is None and not announce and not session.dirty and not (
                company_settled and session.awaits_company_name
            ):
                return True
            self.renderer()
            previous = session.path
            try:
                job = await self._write(target, company_settled)
            except DraftConflict as conflict:
                if target is not None and target != previous:
                    self.app.notify(
                        f"{target} exists now (made since you chose it), so it is left as it "
                        "is. Press F3 and choose another name.",
                        title="Not saved", severity="error", markup=False, timeout=10,
                    )
                    return False
                copy = session.fork_to_copy()
                self.app.notify(
                    f"{conflict.path.name} was changed elsewhere (another jdwizard or an editor) "
                    f"since you opened it, so it is left as it is. Your answers now save to "
                    f"{copy.name} beside it: nothing is lost.",
                    title="Saving to a copy", severity="warning", markup=False, timeout=15,
                )
                self._path_changed()
                try:  # at once: a save the user asked for (or quitting) must not wait for it
                    job = await self._write(None, company_settled)
                except Exception as error:  # noqa: BLE001 - any failure is told, not raised
                    return self._failed(error, copy, announce)
            except Exception as error:  # noqa: BLE001 - serialising or writing: told, not raised
                return self._failed(error, target or session.path, announce)
            self._autosave_paused_until = 0.0
            self._failure_reason = None
            self._no_document = job.render_problem
            if self._failure:
                self._failure = None
                self.app.notify(f"Saved {job.target} again.", title="Saved", markup=False)
            if job.target != previous:
                self._path_changed()
                from jdwizard.draft.recent import remember

                await asyncio.to_thread(remember, job.target, session.folder)
            if job.render_problem is not None:
                self._unrendered(job.target, job.render_problem, announce)
            elif announce:
                self.app.notify(f"Saved {job.target} and {job.target.with_suffix('.md').name}",
                                title="Saved", markup=False)
            return True

    async def _write(self, target: Path | None, company_settled: bool) -> SaveJob:
        """Snapshot the session and write it in a thread; the job, once it is on disk."""
        session = self.session
        revision = session.revision
        previous = session.path
        job = session.save_job(company_settled=company_settled, target=target)
        stamp = await asyncio.to_thread(job.write)
        session.saved(job, revision, stamp)
        if target is not None and previous is not None and previous != target:
            from jdwizard.draft import lock

            await asyncio.to_thread(lock.release, previous)
        return job

    def _failed(self, error: Exception, path: Path | None, announce: bool) -> bool:
        """Announce a failed save (once per reason, unless asked for); False."""
        self._failure_reason = save_failure(error)
        reason = f"Could not save {path}: {self._failure_reason}."
        self._autosave_paused_until = time.monotonic() + AUTOSAVE_RETRY_SECONDS
        if announce or reason != self._failure:
            self.app.notify(
                f"{reason} Your answers are still here: press F3 to save them elsewhere.",
                title="Not saved", severity="error", markup=False, timeout=10,
            )
        self._failure = reason
        return False

    def _unrendered(self, path: Path, reason: str, announce: bool) -> None:
        """Say (once per reason) that the answers were saved but the document was not."""
        if announce or reason != self._unrendered_reason:
            self.app.notify(
                f"Saved your answers in {path.name}, but not the document: {reason}.",
                title="Document not saved", severity="warning", markup=False, timeout=12,
            )
        self._unrendered_reason = reason

    def _path_changed(self) -> None:
        if self._on_path_changed is not None:
            self._on_path_changed(self.session.path)

    def announce_opened(self) -> None:
        """Say what opening the draft did: answers carried over from an older template
        version, or the draft open in another jdwizard (so changes go to a copy)."""
        session = self.session
        migration = session.migration
        if migration is not None and migration.message():
            self.app.notify(migration.message(), title="Older draft", timeout=12, markup=False)
        if session.other_holder and session.forked_from and session.path is not None:
            self.app.notify(
                f"{session.forked_from.name} is open in another jdwizard "
                f"({session.other_holder}). Changes you make here save to "
                f"{session.path.name} beside it, so neither copy overwrites the other.",
                title="Open elsewhere", severity="warning", timeout=15, markup=False,
            )

    # -- leaving ------------------------------------------------------------------------

    async def save_before_leaving(self) -> bool:
        """Save what was typed (if anything); False when that failed and it is still open."""
        await self.settle()
        if not self.session.has_content():
            return True
        return await self._save(announce=False, target=None, company_settled=True)

    def close(self) -> None:
        """Stop autosaving and let go of the draft's lock (and the original's, after a copy)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.session.close()

    def outcome(self) -> DraftOutcome:
        """How the draft is left: saved when its file holds every answer (a later save that
        failed, to rename it or to save it elsewhere, changes nothing in it); else why the last
        save failed, if one did."""
        session = self.session
        path = session.path if session.path is not None and session.path.exists() else None
        if path is None and session.forked_from is not None and not session.dirty:
            # Open elsewhere, and nothing changed here: no copy was needed; the draft is as it was.
            return DraftOutcome(session.forked_from, True, True, None)
        return DraftOutcome(path, not session.dirty and path is not None, session.has_content(),
                            session.forked_from, self._failure_reason, self._no_document)

    # -- the document ---------------------------------------------------------------------

    def in_format(self, format_name: str) -> str:
        """The document as it is now in `format_name` (RenderError if the body fails); JSON-LD
        dated by the draft's `posted` day."""
        from jdwizard.jsonld import in_format

        session = self.session
        return in_format(format_name, session.template, session.answers, self.document(),
                         session.draft.posted, date.today())

    async def copy(self, format_name: str) -> str | None:
        """Copy the document in `format_name`; say how ("system" tool, or "osc52"), or None
        when the template cannot render the answers (and a message says why). The first copy
        or saved document records the day it was posted (the JSON-LD's datePosted)."""
        from jdwizard.clipboard import ClipboardUnavailable, copy_to_system_clipboard
        from jdwizard.export import FORMAT_LABELS, FORMAT_SUFFIXES

        await self.settle()
        try:
            document = self.in_format(format_name)  # as it is when asked
        except RenderError as error:
            self.app.notify(f"{error}.", title="Not copied", severity="error", markup=False,
                            timeout=12)
            return None
        if self.session.draft.posted is None:
            self.session.mark_posted(date.today())
            if format_name == "jsonld":
                document = self.in_format(format_name)  # with its datePosted
        missing = len(self.session.missing())
        note = f" {missing} required field(s) are still unanswered." if missing else ""
        note += self._jsonld_note(format_name)
        try:
            await asyncio.to_thread(copy_to_system_clipboard, document)
        except ClipboardUnavailable as reason:
            self.app.copy_to_clipboard(document)
            suffix = FORMAT_SUFFIXES[format_name]
            path = self.session.path
            if path is None:
                fallback = f"save the document (Ctrl+R, then e) and use the {suffix} file"
            elif format_name == "markdown":
                fallback = f"use the saved file {path.with_suffix(suffix)}"
            else:
                fallback = (f"save the document as {FORMAT_LABELS[format_name]} (Ctrl+R, "
                            f"then e) and use {path.with_suffix(suffix)}")
            self.app.notify(
                f"Sent to your terminal's clipboard (OSC 52): {reason}. If nothing pastes, your "
                f"terminal may not support OSC 52; {fallback}.{note}",
                title="Copied via terminal", severity="warning", timeout=12, markup=False,
            )
            return "osc52"
        self.app.notify(
            f"Copied {len(document):,} characters ({FORMAT_LABELS[format_name]}) with the "
            f"system clipboard.{note}",
            title="Copied", markup=False,
        )
        return "system"

    def _jsonld_note(self, format_name: str) -> str:
        """For JSON-LD: what it leaves out, as a sentence to add to a message ("" otherwise)."""
        if format_name != "jsonld":
            return ""
        from jdwizard.jsonld import job_posting

        session = self.session
        try:
            _, absent = job_posting(session.template, session.answers, self.document(),
                                    session.draft.posted, date.today())
        except RenderError:
            return ""
        return (f" The JSON-LD has no {', '.join(absent)}: answer the fields they come from to "
                "add them." if absent else "")

    async def save_document(self, format_name: str) -> None:
        """Save the draft, and the document in `format_name` beside it (.md, .txt, .html,
        .jsonld). The first one saved records the day it was posted (the JSON-LD's
        datePosted), in the draft."""
        from jdwizard.export import FORMAT_SUFFIXES
        from jdwizard.files import atomic_write_text

        await self.settle()
        self.session.mark_posted(date.today())
        if not await self.save(announce=format_name == "markdown"):
            return
        path = self.session.path
        if format_name != "markdown" and path is not None:
            target = path.with_suffix(FORMAT_SUFFIXES[format_name])
            try:
                text = self.in_format(format_name)
            except RenderError:
                return  # the save has said why there is no document
            try:
                await asyncio.to_thread(atomic_write_text, target, text)
            except Exception as error:  # noqa: BLE001 - any failure to write is told
                self.app.notify(f"Could not write {target}: {save_failure(error)}",
                                title="Not saved", severity="error", markup=False)
                return
            note = self._jsonld_note(format_name)
            self.app.notify(f"Saved {path.name} and {target.name}" + (f".{note}" if note else ""),
                            title="Saved", markup=False)
        missing = len(self.session.missing())
        if missing:
            self.app.notify(
                f"{missing} required field(s) are still unanswered; the saved document still "
                "shows their {{placeholders}}; the review screen lists them.",
                title="Not finished", severity="warning", markup=False, timeout=10,
            )

    async def save_to_profile(self, name: str) -> str | None:
        """Save the company answers to the profile `name`; its id, or None when that failed.

        With no default profile chosen yet, this one becomes the default (new drafts start
        from it)."""
        from jdwizard.config import load_config, update_config
        from jdwizard.draft.profiles import company_fields, profile_id_for, update_profile_from

        await self.settle()
        session = self.session
        names = [field for field in company_fields(session.template)
                 if session.answers.get(field, "").strip()]
        answers = dict(session.answers)
        try:
            profile_id = profile_id_for(name)
            profile = await asyncio.to_thread(
                update_profile_from, answers, session.template, profile_id, name)
        except UserError as error:
            self.app.notify(str(error), title="Profile not saved", severity="error", markup=False)
            return None
        except Exception as error:  # noqa: BLE001 - any failure to write is told
            self.app.notify(f"Could not save the profile: {save_failure(error)}",
                            title="Profile not saved", severity="error", markup=False)
            return None
        session.profile_name = profile.name
        default = ""
        try:  # the profile is saved: a config that cannot be read or written only costs this
            if not (await asyncio.to_thread(load_config)).profile:
                await asyncio.to_thread(update_config, profile=profile_id)
                default = (" It is now the default: new drafts start from it (p on the start "
                           "screen changes that).")
        except (UserError, OSError) as error:
            self.app.notify(f"The profile is saved, but not made the default: {error}",
                            title="Default unchanged", severity="warning", markup=False,
                            timeout=12)
        self.app.notify(f"Saved {len(names)} company answers to the profile {profile.name} "
                        f"({profile.path}).{default}", title="Profile saved", markup=False)
        return profile_id
