"""The wizard: one field at a time, its tips inline, and the live preview beside it."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.markup import escape
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Header, Input, OptionList, Static

from jdwizard.checks.answer import check_answer, needs_checking
from jdwizard.draft import lock as locking
from jdwizard.draft.session import DraftConflict, Session
from jdwizard.template.bundle import Field
from jdwizard.ui.copying import choose_format, copy_document
from jdwizard.ui.marks import MARKS
from jdwizard.ui.sizes import NARROW, SHORT, terminal_size
from jdwizard.ui.widgets.answer_inputs import AnswerInput
from jdwizard.ui.widgets.field_list import FieldList
from jdwizard.ui.widgets.preview import DocumentPreview

if TYPE_CHECKING:
    from jdwizard.checks.finding import Finding
    from jdwizard.ui.widgets.answer_text import AnswerText

AUTOSAVE_SECONDS = 0.5
AUTOSAVE_RETRY_SECONDS = 5.0  # after a failed save, autosave waits this long before retrying
MAX_INLINE_FINDINGS = 3  # findings shown under the answer; the review screen lists them all
LONG_ANSWER = 1_000  # characters; a longer answer is checked off the event loop, after a pause
LONG_ANSWER_PAUSE = 0.3  # seconds of no typing before a long answer is checked


class WizardScreen(Screen[None]):
    """Walks the user through the fields of one session."""

    # Priority bindings run when the key arrives, before keys typed after it reach the input;
    # Enter is one too (while a single-line answer is focused), so "Acme⏎Ber" never leaves
    # "Ber" in the company field.
    BINDINGS = [
        Binding("enter", "submit_field", "Next", show=False, priority=True, id="submit"),
        Binding("pagedown", "next_field", "Next", priority=True, id="next"),
        Binding("pageup", "previous_field", "Back", priority=True, id="previous"),
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("f3", "save_as", "Save as", priority=True, id="save-as"),
        Binding("ctrl+r", "review", "Review", priority=True, id="review"),
        Binding("f1", "help", "Help", priority=True, id="help"),
        Binding("f2", "toggle_preview", "Preview", priority=True, id="toggle-preview"),
        Binding("ctrl+j", "focus_fields", "Fields", show=False, priority=True, id="fields"),
        Binding("f4", "close_draft", "Drafts", show=False, priority=True, id="close-draft"),
    ]

    def __init__(self, session: Session, start_index: int = 0) -> None:
        size = terminal_size()  # the size classes now: added after mounting, they restyle all
        narrow = bool(size and size[0] < NARROW)
        classes = {"-short": bool(size and size[1] < SHORT), "-preview-hidden": narrow}
        super().__init__(classes=" ".join(name for name, on in classes.items() if on))
        self.session = session
        self.index = start_index
        self._save_lock = asyncio.Lock()
        self._preview_forced: bool | None = None  # None: by width; else the user's F2 choice
        self._save_failure: str | None = None  # the last save error announced, while it lasts
        self._autosave_paused_until = 0.0
        self._narrow = narrow
        self._hint_from_profile = False  # whether the hint says the answer is the profile's
        self.settled = False  # until first painted: keys wait for it (see ui/key_gate.py)

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="wizard"):
            with Vertical(id="form"):
                yield Static(id="progress")
                yield Static(id="question")
                yield Static(id="hint")
                yield AnswerInput(id="answer-line", select_on_focus=False)
                first = self.session.fields[min(self.index, len(self.session.fields) - 1)]
                if first.kind == "text":
                    yield self._new_text_answer()
                yield Static(id="feedback")
                yield Static(id="tips")
                yield FieldList(self.session, id="fields")
            yield DocumentPreview(id="preview")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        if self.app.quitting:  # type: ignore[attr-defined]
            return
        self.title = f"{self.session.template.title}"
        self._update_subtitle()
        self.show_field(self.index)
        self.set_interval(AUTOSAVE_SECONDS, self._autosave)
        self.call_after_refresh(self.app.first_screen_shown)  # type: ignore[attr-defined]
        self.call_after_refresh(self._prepare_text_answer)
        self.call_after_refresh(self._settle)
        migration = self.session.migration
        if migration is not None and migration.message():
            self.notify(migration.message(), title="Older draft", timeout=12, markup=False)
        if self.session.other_holder and self.session.forked_from:
            self.notify(
                f"{self.session.forked_from.name} is open in another jdwizard "
                f"({self.session.other_holder}). Changes you make here save to "
                f"{self.session.path.name} beside it, so neither copy overwrites the other.",
                title="Open elsewhere",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def on_resize(self, event: Resize) -> None:
        self.set_class(self.size.height < SHORT, "-short")
        narrow = self.size.width < NARROW
        if narrow != self._narrow:  # crossing the threshold: the F2 choice was for the old width
            self._narrow = narrow
            self._preview_forced = None
        self._apply_preview_visibility()
        self.call_after_refresh(self._keep_answer_in_view)

    def _apply_preview_visibility(self) -> None:
        """Wide: form and preview side by side (F2 hides the preview). Narrow: one or the other."""
        narrow = self.size.width < NARROW
        show = (not narrow) if self._preview_forced is None else self._preview_forced
        self.set_class(not show, "-preview-hidden")
        self.set_class(show and narrow, "-preview-only")
        if not self.has_class("-preview-only") and self.is_current:
            focused = self.focused
            if focused is None or not focused.display or not focused.is_on_screen:
                self._answer_widget().focus()

    def _keep_answer_in_view(self) -> None:
        """In a short terminal the form scrolls: bring the answer box into view."""
        form = self.query_one("#form")
        if form.max_scroll_y:
            form.scroll_to_widget(self._answer_widget(), animate=False, top=False)

    def _answer_widget(self) -> Input | AnswerText:
        if self.field.kind == "text":
            return self._text_answer()
        return self.query_one("#answer-line", Input)

    @staticmethod
    def _new_text_answer() -> AnswerText:
        from jdwizard.ui.widgets.answer_text import AnswerText

        return AnswerText(id="answer-text", soft_wrap=True, tab_behavior="focus")

    def _text_answer(self) -> AnswerText:
        """The multi-line answer box. The first screen leaves it out unless its field needs
        it (Textual's TextArea costs a tenth of the start-up); it is mounted, hidden, once
        that screen is up, or at once if a multi-line field comes sooner."""
        found = self.query("#answer-text")
        if found:
            return found.first()  # type: ignore[return-value]
        text = self._new_text_answer()
        text.display = False
        self.query_one("#form").mount(text, after="#answer-line")
        return text

    def _settle(self) -> None:
        self.settled = True

    def _prepare_text_answer(self) -> None:
        """Once the first field shows, mount the multi-line box (unless quitting already)."""
        if not self.app.quitting and self.query_one("#form").is_attached:  # type: ignore[attr-defined]
            self._text_answer()

    def _text_answer_if_any(self) -> AnswerText | None:
        found = self.query("#answer-text")
        return found.first() if found else None  # type: ignore[return-value]

    def on_key(self, event: Key) -> None:
        """Printable keys no widget took (the preview filled a narrow screen, or focus was
        elsewhere) go into the answer, and the form comes back: no typed character is lost."""
        if not (event.is_printable and event.character):
            return
        event.stop()
        if self.has_class("-preview-only"):
            self._preview_forced = False
            self._apply_preview_visibility()
        widget = self._answer_widget()
        if isinstance(widget, Input):
            widget.insert_text_at_cursor(event.character)
        else:
            widget.insert(event.character)
        widget.focus()

    def _update_subtitle(self) -> None:
        path = self.session.path
        self.sub_title = path.name if path else "new draft (autosaves)"

    # -- showing a field --------------------------------------------------------------------

    @property
    def field(self) -> Field:
        return self.session.fields[self.index]

    def show_field(self, index: int) -> None:
        """Switch the form to field `index`."""
        self.index = max(0, min(index, len(self.session.fields) - 1))
        field = self.field
        self._update_progress()
        optional = "" if field.required else " (optional)"
        self.query_one("#question", Static).update(f"[b]{_escape(field.question)}[/b]{optional}")
        self._update_hint()
        tips = self.session.template.tips_for(field.name)
        tips_widget = self.query_one("#tips", Static)
        tips_widget.update("\n".join(f"💡 {_escape(tip.text)}" for tip in tips))
        tips_widget.display = bool(tips)
        value = self.session.answers.get(field.name, "")
        line = self.query_one("#answer-line", Input)
        multi = field.kind == "text"
        text = self._text_answer() if multi else self._text_answer_if_any()
        answer, other = (text, line) if multi else (line, text)
        answer.display = True
        self.set_focus(answer)  # now, before the other is hidden, so focus cannot wander off
        if other is not None:
            other.display = False
        # Loading a value must not post Changed: handled later, it could land in another field.
        # The widget not in use is emptied, so that keys reaching it while focus moves can be
        # handed over to the right one (see _line_changed / on_text_area_changed).
        with line.prevent(Input.Changed), _prevent_changed(text):
            if multi:
                line.value = ""
                if text.text != value:
                    text.load_text(value)
                text.move_cursor(text.document.end)  # typing adds to the answer, as in one line
            else:
                if text is not None and text.text:
                    text.load_text("")
                if line.value != value:
                    line.value = value
        self.call_after_refresh(self._refocus, self.index)  # in case anything moved it since
        self.call_after_refresh(self._keep_answer_in_view)
        if not multi:
            line.suggester = (
                SuggestFromList(field.suggestions, case_sensitive=False)
                if field.suggestions
                else None
            )
            line.placeholder = ""
            line.cursor_position = len(value)
        self.query_one(FieldList).set_current(self.index)
        self._show_feedback()
        self._refresh_preview(follow=True)

    def _refocus(self, index: int) -> None:
        """Focus the answer of field `index` if that field is still the one shown."""
        answer = self._answer_widget()
        if index == self.index and self.focused is not answer:
            answer.focus()

    def _show_feedback(self) -> None:
        """Under the input: the answer as understood (salary), then the checks' findings.

        Short answers are checked on every keystroke (about 1 ms per 1,000 characters); a long
        paste is checked in a worker thread once typing pauses, so input never waits for it.
        """
        value = self.session.answers.get(self.field.name, "")
        if not needs_checking(self.field, value):  # nothing to find: the checks load later
            self.workers.cancel_group(self, "field-checks")
            self._render_feedback([])
        elif len(value) <= LONG_ANSWER:
            from jdwizard.checks import check_field

            self.workers.cancel_group(self, "field-checks")  # a stale long check must not land
            self._render_feedback(check_field(self.session.template, self.field,
                                              self.session.answers))
        else:
            self._check_long_answer(self.field, dict(self.session.answers))

    @work(exclusive=True, group="field-checks")
    async def _check_long_answer(self, field: Field, answers: dict[str, str]) -> None:
        from jdwizard.checks import check_field

        await asyncio.sleep(LONG_ANSWER_PAUSE)  # a newer keystroke cancels this worker
        findings = await asyncio.to_thread(check_field, self.session.template, field, answers)
        if field is self.field and self.session.answers.get(field.name) == answers[field.name]:
            self._render_feedback(findings)

    def _render_feedback(self, findings: list[Finding]) -> None:
        value = self.session.answers.get(self.field.name, "")
        lines = []
        reading = check_answer(self.field, value).reading
        if reading:
            lines.append(Text.assemble(("✓ ", "bold green"), f"Reads as: {reading}"))
        findings = [finding for finding in findings if finding.id != "unfilled"]
        for finding in findings[:MAX_INLINE_FINDINGS]:
            mark, style = MARKS[finding.severity]
            line = Text.assemble((mark, style), finding.message)
            advice = finding.suggestion.split(" Source: ")[0]  # sources: on the review screen
            if advice:
                line.append(f" {advice}", "dim")
            lines.append(line)
        if len(findings) > MAX_INLINE_FINDINGS:
            more = len(findings) - MAX_INLINE_FINDINGS
            lines.append(Text(f"  … {more} more on the review screen (Ctrl+R)", "dim"))
        widget = self.query_one("#feedback", Static)
        widget.update(Text("\n").join(lines))
        widget.display = bool(lines)

    def _refresh_preview(self, *, follow: bool = False) -> None:
        preview = self.query_one(DocumentPreview)
        segments = self.session.renderer.segments(self.session.answers)
        preview.show(segments, self.field.name, follow=follow)

    # -- typing -------------------------------------------------------------------------------

    @on(Input.Changed, "#answer-line")
    def _line_changed(self, event: Input.Changed) -> None:
        if event.value != event.input.value:
            return  # stale: the input changed since (typing went on, or another field is shown)
        if self.field.kind == "text":
            self._take_strays()
        else:
            self._answer_changed(event.value)

    def on_text_area_changed(self, event: AnswerText.Changed) -> None:
        """An edit in the multi-line answer (TextArea.Changed; the class loads lazily)."""
        if event.text_area.id != "answer-text":
            return
        if self.field.kind != "text":
            self._take_strays()
        else:
            self._answer_changed(event.text_area.text)

    def _take_strays(self) -> None:
        """Move keys that reached the hidden answer widget (typed while focus was moving to the
        other one) into the answer being shown, and record it. The hidden one is kept empty."""
        line = self.query_one("#answer-line", Input)
        text = self._text_answer_if_any()
        if text is None:
            return  # no multi-line box yet: no key can have strayed into it
        if self.field.kind == "text" and line.value:
            stray = line.value
            with line.prevent(Input.Changed):
                line.value = ""
            with _prevent_changed(text):
                text.insert(stray)
            self._answer_changed(text.text)
        elif self.field.kind != "text" and text.text:
            stray = " ".join(text.text.split())
            with _prevent_changed(text):
                text.load_text("")
            with line.prevent(Input.Changed):
                line.insert_text_at_cursor(stray)
            self._answer_changed(line.value)

    def _update_hint(self) -> None:
        """The field's example and how to answer; "filled in from the profile" while the
        answer is still the profile's."""
        field = self.field
        hint = field.hint
        if field.kind == "text":
            hint = f"{hint}  ·  one per line; PageDown for the next field"
        if field.suggestions:
            hint = f"{hint}  ·  suggestions: {' / '.join(field.suggestions)} (→ completes)"
        hint = _escape(hint)
        self._hint_from_profile = self.session.from_profile(field)
        if self._hint_from_profile:
            hint += (f"\n[i]⌂ Filled in from the {_escape(self.session.profile_name or '')} "
                     "profile: edit it if this role differs.[/i]")
        self.query_one("#hint", Static).update(hint)

    def _answer_changed(self, value: str) -> None:
        if not self.session.set_answer(self.field.name, value):
            return
        if self._hint_from_profile != self.session.from_profile(self.field):
            self._update_hint()  # edited away from the profile's answer (or back to it)
        self._show_feedback()
        self._refresh_preview()
        self.query_one(FieldList).refresh_field(self.index)
        self._update_progress()

    def _update_progress(self) -> None:
        answered, required = self.session.progress()
        self.query_one("#progress", Static).update(
            f"Field {self.index + 1} of {len(self.session.fields)}  ·  "
            f"{answered}/{required} required answered"
        )

    async def flush_typing(self) -> None:
        """Let keys already queued on the answer widget land, then record its value.

        Priority bindings (PageDown, Ctrl+S, Ctrl+Q) run before earlier keys reach the input;
        without this, "Acme" then PageDown could record "Acme" for the next field, or nothing.
        """
        loop = asyncio.get_running_loop()
        pending = []
        for widget in (self.query_one("#answer-line"), self._text_answer_if_any()):
            if widget is None:
                continue
            done = loop.create_future()
            widget.call_later(lambda done=done: done.done() or done.set_result(None))
            pending.append(done)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.gather(*pending), timeout=1.0)
        self._take_strays()
        widget = self._answer_widget()
        self._answer_changed(widget.value if isinstance(widget, Input) else widget.text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_field":  # Enter means "next" only in a single-line answer
            return self.focused is not None and self.focused.id == "answer-line"
        return True

    async def action_submit_field(self) -> None:
        await self.action_next_field()

    @on(OptionList.OptionSelected, "#fields")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        self.show_field(event.option_index)

    # -- actions ------------------------------------------------------------------------------

    async def action_next_field(self) -> None:
        await self.flush_typing()
        if self.index + 1 < len(self.session.fields):
            self.show_field(self.index + 1)
        else:
            self.action_review()

    async def action_previous_field(self) -> None:
        await self.flush_typing()
        self.show_field(self.index - 1)

    def action_focus_fields(self) -> None:
        self.query_one(FieldList).focus()

    def action_toggle_preview(self) -> None:
        shown = not self.has_class("-preview-hidden")
        self._preview_forced = not shown
        self._apply_preview_visibility()

    def action_help(self) -> None:
        from jdwizard.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.session.template, self.field.name))

    def action_review(self) -> None:
        from jdwizard.ui.screens.review import ReviewScreen

        def jump(index: int | None) -> None:
            if index is not None:
                self.show_field(index)
            else:
                self.show_field(self.index)

        self.app.push_screen(ReviewScreen(self), jump)

    @work(exclusive=True, group="copy")
    async def action_copy(self) -> None:
        """Copy the document in a chosen format (system clipboard tool, else OSC 52)."""
        format_name = await choose_format(self.app, "Copy the document")
        if format_name is not None:
            await copy_document(self.app, self.session, format_name)

    def jump_to(self, name: str) -> None:
        """Show the field called `name` (used by the command palette and the review screen)."""
        self.show_field(self.session.template.field_names.index(name))

    async def action_save(self) -> None:
        await self.flush_typing()
        await self.save(announce=True)

    def action_close_draft(self) -> None:
        """Save and go back to the start screen (templates and drafts)."""
        self.app.run_worker(self.app.close_draft(), exclusive=True, group="open")

    async def _autosave(self) -> None:
        if time.monotonic() < self._autosave_paused_until:
            return  # the last save failed: retry now and then, not every tick
        if self.session.dirty and self.session.has_content():
            typing_company = self.field.name == "company" and self.app.screen is self
            await self.save(announce=False, company_settled=not typing_company)

    def action_save_as(self, reason: str = "") -> None:
        """Ask for a new path and save there; from then on the draft lives at that path."""
        from jdwizard.ui.screens.save_as import SaveAsScreen

        current = self.session.path
        suggestion = (current.parent if current else Path.cwd()) / (
            current.name if current else f"{self.session.template.id}.toml"
        )
        if current is not None:
            suggestion = suggestion.with_name(f"{current.stem}-copy.toml")

        async def chosen(path: Path | None) -> None:
            if path is not None:
                await self.flush_typing()
                await self.save(announce=True, target=path)

        self.app.push_screen(SaveAsScreen(suggestion, reason), chosen)

    async def save(
        self, *, announce: bool, company_settled: bool = True, target: Path | None = None
    ) -> bool:
        """Write the draft and its Markdown in a worker thread; False (and a message) on failure.

        A failure is announced once per distinct reason (autosave retries quietly); the answers
        stay in memory either way.
        """
        async with self._save_lock:
            if not announce and not self.session.dirty and not (
                company_settled and self.session.awaits_company_name
            ):
                return True
            revision = self.session.revision
            previous = self.session.path
            job = self.session.save_job(company_settled=company_settled, target=target)
            try:
                stamp = await asyncio.to_thread(job.write)
                if target is not None and previous is not None and previous != target:
                    await asyncio.to_thread(locking.release, previous)
            except DraftConflict as conflict:
                copy = self.session.fork_to_copy()
                self.notify(
                    f"{conflict.path.name} was changed elsewhere (another jdwizard or an editor) "
                    f"since you opened it, so it is left as it is. Your answers now save to "
                    f"{copy.name} beside it: nothing is lost.",
                    title="Saving to a copy",
                    severity="warning",
                    markup=False,
                    timeout=15,
                )
                self._update_subtitle()
                return False
            except OSError as error:
                reason = f"Could not save {job.target}: {error.strerror or error}."
                self._autosave_paused_until = time.monotonic() + AUTOSAVE_RETRY_SECONDS
                if announce or reason != self._save_failure:
                    self.notify(
                        f"{reason} Your answers are still here: press F3 to save them "
                        "elsewhere.",
                        title="Not saved",
                        severity="error",
                        markup=False,
                        timeout=10,
                    )
                self._save_failure = reason
                return False
            self.session.saved(job, revision, stamp)
            self._autosave_paused_until = 0.0
            if self._save_failure:
                self._save_failure = None
                self.notify(f"Saved {job.target} again.", title="Saved", markup=False)
            self._update_subtitle()
            if announce:
                md_name = job.target.with_suffix(".md").name
                self.notify(f"Saved {job.target} and {md_name}", title="Saved", markup=False)
            return True

    def commands(self, review: bool = False) -> Iterable[SystemCommand]:
        """The wizard's actions for the palette, each with its key, and a jump to every field."""
        yield SystemCommand("Save draft", "Save the answers (TOML) and document (Markdown)  ctrl+s",
                            self.action_save)
        yield SystemCommand("Save draft as…", "Save the draft under another name or folder  f3",
                            self.action_save_as)
        if not review:
            yield SystemCommand("Copy document", "Copy the whole job description (review: c)",
                                self.action_copy)
            yield SystemCommand("Review and copy",
                                "The whole document, what is missing, Copy  ctrl+r",
                                self.action_review)
            yield SystemCommand("Next field", "Go to the next question  enter / pgdn",
                                self.action_next_field)
            yield SystemCommand("Previous field", "Go back one question  pgup",
                                self.action_previous_field)
            yield SystemCommand("Toggle preview", "Show or hide the live preview  f2",
                                self.action_toggle_preview)
            yield SystemCommand("Field list", "Move focus to the list of fields  ctrl+j",
                                self.action_focus_fields)
        yield SystemCommand("Help", "When to use this template, how to personalise it, FAQ  f1",
                            self.action_help)
        yield SystemCommand("Close draft", "Save it and go back to the templates and drafts  f4",
                            self.action_close_draft)
        for field in self.session.fields:
            yield SystemCommand(
                f"Jump to field: {field.label}",
                field.question,
                lambda name=field.name: self._jump_from_anywhere(name),
            )

    def _jump_from_anywhere(self, name: str) -> None:
        """Jump to a field, closing the review screen first if it is showing."""
        from jdwizard.ui.screens.review import ReviewScreen

        if isinstance(self.app.screen, ReviewScreen):
            self.app.screen.dismiss(self.session.template.field_names.index(name))
        else:
            self.jump_to(name)


def _escape(text: str) -> str:
    return escape(text)


def _prevent_changed(text: AnswerText | None) -> contextlib.AbstractContextManager[object]:
    """Hold back the multi-line answer's Changed messages (nothing to hold without one)."""
    return text.prevent(text.Changed) if text is not None else contextlib.nullcontext()
