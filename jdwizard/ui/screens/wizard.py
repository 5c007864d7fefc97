"""The wizard: one field at a time, its tips inline, and the live preview beside it.

Each field has its own answer box in a ContentSwitcher, made when the field is first shown. The
keys that move between fields (Enter in a one-line answer, PageDown, PageUp) are priority
bindings whose actions the app awaits: a key typed after one of them waits until the next box
is up and focused, and lands there; a key typed before it is already queued on the box it was
typed in. Nothing is held, flushed or re-routed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.widgets import ContentSwitcher, Header, OptionList, Static, TextArea

from jdwizard.checks.answer import needs_checking
from jdwizard.checks.finding import Severity
from jdwizard.safe_text import visible
from jdwizard.template.defaults import DefaultTooLarge, effective_answer, untouched
from jdwizard.template.engine import RenderError
from jdwizard.template.model import Field
from jdwizard.ui import actions, messages
from jdwizard.ui.marks import MARKS, PROBLEM
from jdwizard.ui.screens.base import ActionScreen, handled
from jdwizard.ui.sizes import HORIZONTAL_BREAKPOINTS, NARROW, SHORT, VERTICAL_BREAKPOINTS
from jdwizard.ui.widgets.answer import AnswerBox
from jdwizard.ui.widgets.field_list import FieldList
from jdwizard.ui.widgets.footer import Footer
from jdwizard.ui.widgets.preview import LONG_ANSWER_SHOWN, DocumentPreview, shown_answers

if TYPE_CHECKING:
    from jdwizard.checks.finding import Finding
    from jdwizard.ui.controller import DraftController
    from jdwizard.ui.messages import Jump

MAX_INLINE_FINDINGS = 3  # findings shown under the answer; the review screen lists them all
LONG_ANSWER = 1_000  # characters; a longer answer is checked off the event loop, after a pause
LONG_ANSWER_PAUSE = 0.3  # seconds of no typing before a long answer is checked


def shown(text: str, style: str = "") -> Text:
    """Text from a file (a question, a hint, a tip, a profile's name) exactly as written: a
    Text, never markup, so no `[...]` in it can style the screen or bind a click to an action;
    control characters made visible."""
    return Text(visible(text), style=style)


class WizardScreen(ActionScreen[None]):
    """Walks the user through the fields of the open draft."""

    CSS_PATH = Path(__file__).with_name("wizard.tcss")  # beside this module, also for subclasses
    ACTIONS = actions.WIZARD
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(ACTIONS)
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    def __init__(self, controller: DraftController, start_index: int = 0) -> None:
        super().__init__()
        self.controller = controller
        self.session = controller.session
        self.index = max(0, min(start_index, len(self.session.fields) - 1))
        self._preview_forced: bool | None = None  # None: by width; else the user's F2 choice
        self._narrow: bool | None = None
        self._hint_from_profile = False  # whether the hint says the answer is the profile's
        self._hint_untouched = False  # whether it says the answer is the template's text

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="wizard"):
            with Vertical(id="form"):
                yield Static(id="progress")
                yield Static(id="question")
                yield Static(id="hint")
                first = self._new_box(self.field)
                with ContentSwitcher(id="answers", initial=first.id):
                    yield first
                yield Static(id="feedback")
                yield Static(id="tips")
                yield FieldList(self.session, id="fields")
            yield DocumentPreview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.controller.source = self
        self.watch(self.app, "draft_path", self._show_path)
        self.title = visible(self.session.template.title)
        self._show_field_text()
        self.set_focus(self._box_of(self.field))
        if self.session.renderer_ready:
            self._refresh_preview(follow=0)
        else:  # compiled once the screen is up: Jinja2's import and the compile (65-85 ms)
            # stay off the first paint
            self.query_one(DocumentPreview).show_message("Preparing the preview…")
            self.call_after_refresh(self._prepare_preview)

    def on_unmount(self) -> None:
        if self.controller.source is self:
            self.controller.source = None

    def _prepare_preview(self) -> None:
        """Compile the template (importing Jinja2), then show the preview."""
        self.session.renderer  # noqa: B018 - compiles the body, once (see controller.renderer)
        self._refresh_preview(follow=0)

    def _show_path(self, path: object) -> None:
        self.sub_title = self.session.path.name if self.session.path else "new draft (autosaves)"

    def on_resize(self, event: Resize) -> None:
        """Wide: form and preview side by side (F2 hides the preview). Narrow: one or the other,
        the form first. Crossing the width threshold forgets the F2 choice made for the other.

        A resize to a size the terminal no longer has (two queued at once while the window is
        dragged) is left alone: work queued here between the two once kept them from merging,
        and the screen swapped between the two layouts forever."""
        if event.size != self.app.size:
            return
        narrow = self.app.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            self._preview_forced = None
            self._apply_preview_visibility()
        self._update_progress()
        self.call_after_refresh(self._keep_answer_in_view)

    def _apply_preview_visibility(self) -> None:
        narrow = bool(self._narrow)
        show = (not narrow) if self._preview_forced is None else self._preview_forced
        self.set_class(not show, "-preview-hidden")
        self.set_class(show and narrow, "-preview-only")
        if not self.has_class("-preview-only") and self.is_current:
            box = self._box_of(self.field)
            if self.focused is None or not self.focused.display:
                self.set_focus(box)

    def _keep_answer_in_view(self) -> None:
        """In a short terminal the form scrolls: keep the question and the answer box in
        view (the question first, the box whole if there is room for both)."""
        form = self.query_one("#form")
        if not (form.max_scroll_y and form.is_attached):
            return
        question = self.query_one("#question")
        box = self._box_of(self.field)
        top = question.virtual_region.y
        bottom = box.virtual_region.bottom
        height = form.scrollable_content_region.height
        y = top if bottom - top <= height else bottom - height
        form.scroll_to(y=y, animate=False)

    def on_key(self, event: Key) -> None:
        """Printable keys no widget took (the preview filled a narrow screen, or focus was
        on the field list) go into the answer, and the form comes back: none is lost."""
        if not (event.is_printable and event.character):
            return
        event.stop()
        if self.has_class("-preview-only"):
            self._preview_forced = False
            self._apply_preview_visibility()
        box = self._box_of(self.field)
        box.insert(event.character)
        self.set_focus(box)

    # -- the answer boxes ---------------------------------------------------------------

    @property
    def field(self) -> Field:
        return self.session.fields[self.index]

    @property
    def editing(self) -> Field | None:
        """The field being typed in (for autosave: a file is not named after half a word)."""
        return self.field if self.app.screen is self else None

    def _new_box(self, field: Field) -> AnswerBox:
        """A box holding the field's answer, or, while it is untouched, its default filled in
        from the other answers (what the user edits then becomes theirs)."""
        answers = self.session.answers
        return AnswerBox(field, self._default_of(field),
                         replaceable=untouched(field, answers))

    def _default_of(self, field: Field) -> str:
        """The field's answer, or its default filled in from the other answers ("" and a
        notice for a default too large to fill in: see defaults.MAX_FILLED)."""
        try:
            return effective_answer(self.session.template, field, self.session.answers)
        except DefaultTooLarge as error:
            self.notify(f"{error}.", title="Template", severity="error", markup=False)
            return ""

    def _box_of(self, field: Field) -> AnswerBox:
        return self.query_one(f"#answer-{field.name}", AnswerBox)

    async def _box(self, field: Field) -> AnswerBox:
        """The field's box, made and mounted now if this is the first time it shows."""
        found = self.query(f"#answer-{field.name}")
        if found:
            return self._box_of(field)
        box = self._new_box(field)
        await self.query_one("#answers", ContentSwitcher).mount(box)
        return box

    async def settle_answers(self) -> None:
        """Make sure every key typed so far is in the session: each box takes the keys queued
        on it (a callback after them is the sign), then its text is recorded."""
        boxes = list(self.query(AnswerBox))
        await asyncio.gather(*(handled(box) for box in boxes))
        for box in boxes:
            self._record(box)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        if isinstance(event.text_area, AnswerBox):
            self._record(event.text_area)

    def _record(self, box: AnswerBox) -> None:
        """Put a box's text in the session; update what depends on it. A box not edited
        leaves an unanswered field so (one with a default keeps following it)."""
        field = box.field
        if field.name not in self.session.answers and not box.edited:
            return
        if not self.session.set_answer(field.name, box.answer):
            return
        later = False  # whether the field's mark waits for the long answer's check
        if field is self.field:
            if (self._hint_from_profile, self._hint_untouched) != (
                    self.session.from_profile(field), untouched(field, self.session.answers)):
                self._update_hint()  # edited away from the profile's or template's text
            later = self._show_feedback()
            self._refresh_preview(follow=self._cursor_line(box))
        else:  # a key that reached the field just left
            self._refresh_default()
            self._refresh_preview()
        if not later:
            self.query_one(FieldList).refresh_field(self.session.template.index_of(field.name))
        self._update_progress()

    def _refresh_default(self) -> None:
        """The current field's box, while it shows the template's default untouched, filled in
        anew from the answers (a key typed before moving on reaches its field after the move)."""
        field = self.field
        if untouched(field, self.session.answers):
            box = self._box_of(field)
            if not box.edited:
                box.reload(self._default_of(field))

    @staticmethod
    def _cursor_line(box: AnswerBox) -> int:
        """The answer line the cursor is on, counting only the lines with text (as the
        document does: a list answer's empty lines are not items)."""
        row = box.cursor_location[0]
        return sum(1 for line in box.document.lines[:row] if line.strip())

    # -- showing a field ------------------------------------------------------------------

    async def jump_to(self, name: str, at: int | None = None) -> None:
        """Show the field called `name` (see show_field)."""
        await self.show_field(self.session.template.index_of(name), at)

    async def show_field(self, index: int, at: int | None = None) -> None:
        """Switch to field `index` (its box focused at once), the cursor at offset `at` of
        its answer if given, else at the end."""
        self.index = max(0, min(index, len(self.session.fields) - 1))
        box = await self._box(self.field)
        if untouched(self.field, self.session.answers) and not box.edited:
            box.reload(self._default_of(self.field))
        self.query_one("#answers", ContentSwitcher).current = box.id
        self.set_focus(box)  # now: a key typed after the move lands here
        if at is not None:
            text = box.text[: max(0, at)]
            box.move_cursor((text.count("\n"), len(text) - text.rfind("\n") - 1))
        self._show_field_text()
        self._refresh_preview(follow=self._cursor_line(box) if at is not None else 0)
        self.call_after_refresh(self._keep_answer_in_view)

    def _show_field_text(self) -> None:
        """The question, hint, tips, feedback and progress of the current field."""
        field = self.field
        optional = "" if field.required else " (optional)"
        self.query_one("#question", Static).update(
            Text.assemble(shown(field.question, "bold"), optional))
        self._update_hint()
        tips = self.session.template.tips_for(field.name)
        tips_widget = self.query_one("#tips", Static)
        tips_widget.update(Text("\n").join(Text.assemble("💡 ", shown(tip.text))
                                            for tip in tips))
        tips_widget.display = bool(tips)
        self.query_one(FieldList).set_current(self.index)
        self._update_progress()
        self._show_feedback()

    def _update_hint(self) -> None:
        """The field's example and how to answer; "filled in from the profile" while the
        answer is still the profile's."""
        field = self.field
        hint = field.hint
        if field.as_list:
            hint = f"{hint}  ·  one per line (Alt+↑↓ moves one); PageDown for the next field"
        elif field.multi_line:
            hint = f"{hint}  ·  PageDown for the next field"
        if field.suggestions:
            hint = f"{hint}  ·  suggestions: {' / '.join(field.suggestions)} (→ completes)"
        shown_hint = shown(hint)
        self._hint_untouched = untouched(field, self.session.answers)
        if field.default is not None:
            if self._hint_untouched:
                if field.multi_line:
                    note = "edit it freely" + (", or empty it to leave the section out" if
                                               field.as_list or not field.required else "")
                else:
                    note = "typing replaces it; End keeps it, to add to it"
                shown_hint.append(f"\n✎ The template's text: {note}.", "italic")
            else:
                shown_hint.append("\n✎ Your text (F5 puts the template's back).", "italic")
        self._hint_from_profile = self.session.from_profile(field)
        if self._hint_from_profile:
            shown_hint.append("\n⌂ Filled in from the ", "italic")
            shown_hint.append_text(shown(self.session.profile_name or "", "italic"))
            shown_hint.append(" profile: edit it if this role differs.", "italic")
        self.query_one("#hint", Static).update(shown_hint)

    def _update_progress(self) -> None:
        """Where the user is, and (when there is room) the keys that move on and back."""
        answered, required = self.session.progress()
        progress = (f"Field {self.index + 1} of {len(self.session.fields)}  ·  "
                    f"{answered}/{required} required answered")
        width, height = self.app.size
        if width >= NARROW and height >= SHORT:
            keys = "PgDn: next" if self.field.multi_line else "Enter: next"
            progress += f"  ·  {keys}, PgUp: back"
        self.query_one("#progress", Static).update(progress)

    def _show_feedback(self) -> bool:
        """Under the answer: the answer as understood (salary), then the checks' findings.

        Short answers are checked on every keystroke (about 1 ms per 1,000 characters); a long
        paste is checked in a worker thread once typing pauses, so input never waits for it
        (reading a 200 KB salary took 0.3 s). True when that is so: the worker also updates the
        field's mark in the list."""
        value = self.session.answers.get(self.field.name, "")
        if not needs_checking(self.field, value):  # nothing to find: the checks load later
            self.workers.cancel_group(self, "field-checks")
            self._render_feedback([])
        elif len(value) <= LONG_ANSWER:
            from jdwizard.checks.post import check_field

            self.workers.cancel_group(self, "field-checks")  # a stale long check must not land
            self._render_feedback(check_field(self.session.template, self.field,
                                              self.session.answers))
        else:
            self._check_long_answer(self.field, dict(self.session.answers))
            return True
        return False

    @work(exclusive=True, group="field-checks")
    async def _check_long_answer(self, field: Field, answers: dict[str, str]) -> None:
        from jdwizard.checks.post import check_field

        def check() -> list[Finding]:
            self.session.feedback(field)  # made here: the screen's next ask is free
            return check_field(self.session.template, field, answers)

        await asyncio.sleep(LONG_ANSWER_PAUSE)  # a newer keystroke cancels this worker
        findings = await asyncio.to_thread(check)
        if field is self.field and self.session.answers.get(field.name) == answers[field.name]:
            self.query_one(FieldList).refresh_field(self.session.template.index_of(field.name))
            self._render_feedback(findings)

    def _render_feedback(self, findings: list[Finding]) -> None:
        lines = []
        feedback = self.session.feedback(self.field)
        if feedback.reading:
            lines.append(Text.assemble(("✓ ", "bold green"), f"Reads as: {feedback.reading}"))
        findings = [finding for finding in findings if finding.id != "unfilled"]
        problem = feedback.problem
        if problem and not any(problem.rstrip(".") in finding.message for finding in findings):
            mark, style = MARKS[Severity.WARNING]  # the deadline's (the salary's is a finding)
            lines.append(Text.assemble((mark, style), visible(problem)))
        for finding in findings[:MAX_INLINE_FINDINGS]:
            mark, style = MARKS[finding.severity]
            line = Text.assemble((mark, style), visible(finding.message))
            advice = finding.suggestion.split(" Source: ")[0]  # sources: on the review screen
            if advice:
                line.append(f" {visible(advice)}", "dim")
            lines.append(line)
        if len(findings) > MAX_INLINE_FINDINGS:
            more = len(findings) - MAX_INLINE_FINDINGS
            lines.append(Text(f"  … {more} more on the review screen (Ctrl+R)", "dim"))
        widget = self.query_one("#feedback", Static)
        widget.update(Text("\n").join(lines))
        widget.display = bool(lines)

    def _refresh_preview(self, follow: int | None = None) -> None:
        """Show the document in the preview (once the template is compiled), a long answer as
        an excerpt (preview.excerpt): per keystroke, the work does not grow with the answer."""
        if not self.session.renderer_ready:
            return
        preview = self.query_one(DocumentPreview)
        field = self.field
        answers, at = self.session.answers, None
        long = len(answers.get(field.name, "")) > LONG_ANSWER_SHOWN
        if long:  # shown around the cursor: what is typed is in view
            box = self._box_of(field)
            row, column = box.cursor_location
            at = sum(map(len, box.document.lines[:row])) + row + column
        shown, at = shown_answers(answers, field.name, at)
        if long and follow is not None:
            follow = sum(1 for line in shown[field.name][:at].split("\n")[:-1] if line.strip())
        try:
            segments = self.session.renderer.segments(shown)
        except RenderError as error:
            preview.show_message(f"No preview: {error}.", PROBLEM)
            return
        preview.show(segments, self.field.name, follow)

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_field":  # Enter: "next" in a one-line answer; in the fields list,
            focused = self.focused  # the field highlighted (not in a multi-line answer)
            if isinstance(focused, FieldList):
                return True
            return isinstance(focused, AnswerBox) and not focused.field.multi_line
        return True

    async def action_submit_field(self) -> None:
        focused = self.focused
        if isinstance(focused, FieldList):
            await handled(focused)  # the moves typed before Enter first
            if focused.highlighted is not None:
                await self.show_field(focused.highlighted)
            return
        await self.action_next_field()

    async def action_next_field(self) -> None:
        if self.index + 1 < len(self.session.fields):
            await self.show_field(self.index + 1)
        else:
            await self.jdwizard.show_review()

    async def action_previous_field(self) -> None:
        await self.show_field(self.index - 1)

    @on(OptionList.OptionSelected, "#fields")
    async def _jump(self, event: OptionList.OptionSelected) -> None:
        """A click on a field of the list (Enter there is submit_field)."""
        await self.show_field(event.option_index)

    def action_focus_fields(self) -> None:
        self.set_focus(self.query_one(FieldList))

    def action_reset_answer(self) -> None:
        """The template's default back in the answer: it follows the other answers again."""
        field = self.field
        if field.default is None or field.name not in self.session.answers:
            self.notify("This answer already is the template's text." if field.default
                        is not None else "This question has no text from the template.",
                        markup=False)
            return
        self.session.reset_answer(field.name)
        box = self._box_of(field)
        box.reload(self._default_of(field),
                   undoable=True)
        self.notify("The template's text is back. Ctrl+Z brings yours back.",
                    title=visible(field.label), markup=False)
        self._update_hint()
        self._show_feedback()
        self._refresh_preview(follow=0)
        self.query_one(FieldList).refresh_field(self.index)
        self._update_progress()

    def action_toggle_preview(self) -> None:
        shown = not self.has_class("-preview-hidden")
        self._preview_forced = not shown
        self._apply_preview_visibility()

    async def action_help(self) -> None:
        from jdwizard.ui.screens.help import HelpScreen

        await self.app.push_screen(HelpScreen(self.session.template, self.field.name))

    async def action_review(self) -> None:
        await self.jdwizard.show_review()

    async def back_from_review(self, jump: Jump | None) -> None:
        """Show the field a jump names (at its word), else the one the user was on."""
        if jump is not None:
            await self.show_field(self.session.template.index_of(jump.field), jump.at)
        else:
            self.set_focus(self._box_of(self.field))

    async def action_copy(self) -> None:
        from jdwizard.ui.screens.dialogs import FormatChooser

        def chosen(format_name: str | None) -> None:
            if format_name is not None:
                self.post_message(messages.CopyRequested(format_name))

        await self.app.push_screen(
            FormatChooser("Copy the document", self.jdwizard.config.copy_format), chosen)

    def action_save(self) -> None:
        self.post_message(messages.SaveRequested())

    async def action_save_as(self) -> None:
        await self.jdwizard.ask_where_to_save()

    async def action_close_draft(self) -> None:
        await self.jdwizard.close_draft()

    def commands(self) -> Iterable[SystemCommand]:
        """The wizard's actions for the palette, then a jump to every field."""
        yield from super().commands()
        for index, field in enumerate(self.session.fields):
            yield SystemCommand(f"Jump to field: {visible(field.label)}", visible(field.question),
                                lambda index=index: self.show_field(index))
