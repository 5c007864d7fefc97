"""The review screen: the whole document, what still needs an answer, and Copy / Save / Quit."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.errors import UserError
from jdwizard.ui.copying import choose_format, copy_document
from jdwizard.ui.marks import MARKS
from jdwizard.ui.widgets.preview import DocumentPreview

if TYPE_CHECKING:
    from jdwizard.checks import Report
    from jdwizard.ui.screens.wizard import WizardScreen


class ReviewScreen(Screen[int | None]):
    """Dismisses with the index of a field to jump to, or None to go back where the user was."""

    BINDINGS = [
        Binding("escape", "back", "Back to fields", id="back"),
        Binding("c", "copy", "Copy", id="copy"),
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("e", "save_document", "Save document as", id="save-document"),
        Binding("f3", "save_as", "Save as", id="save-as"),
        Binding("p", "save_to_profile", "To profile", id="save-to-profile"),
        Binding("f1", "help", "Help", id="help"),
        Binding("f4", "close_draft", "Drafts", show=False, id="close-draft"),
    ]

    def __init__(self, wizard: WizardScreen) -> None:
        super().__init__()
        self.wizard = wizard
        self.session = wizard.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review"):
            with Vertical(id="review-side"):
                yield Static(id="review-summary")
                yield Static(id="check-summary")
                yield OptionList(id="todo")
                with Horizontal(id="review-buttons"):
                    yield Button("Copy", id="copy", variant="primary", compact=True)
                    yield Button("Save doc…", id="save", compact=True)
                    yield Button("To profile", id="to-profile", compact=True)
                    yield Button("Back", id="back", compact=True)
                    yield Button("Quit", id="quit", variant="error", compact=True)
            yield DocumentPreview(id="review-preview")
        yield Footer()

    def on_resize(self) -> None:
        """Below 80 columns the document gives way to the summary and buttons."""
        from jdwizard.ui.sizes import NARROW

        self.set_class(self.size.width < NARROW, "-narrow")

    def on_mount(self) -> None:
        self.title = f"Review · {self.session.template.title}"
        self.sub_title = self.session.path.name if self.session.path else "new draft"
        missing = self.session.missing()
        attention = self.session.needs_attention()
        summary = self.query_one("#review-summary", Static)
        answered, required = self.session.progress()
        if missing:
            summary.update(Text.assemble(
                (f"{len(missing)} required field(s) unanswered", "bold red"),
                f" ({answered} of {required} answered). Select one to fill it in.",
            ))
        elif attention:
            summary.update(Text("All required fields answered; check the ones marked ✗", "bold"))
        else:
            summary.update(Text("Every required field is answered. Ready to copy.", "bold green"))
        segments = self.session.renderer.segments(self.session.answers)
        self.query_one(DocumentPreview).show(segments, None, follow=False)
        self.query_one("#copy", Button).focus()
        self._run_checks()

    @work(exclusive=True, group="checks")
    async def _run_checks(self) -> None:
        """Check the whole draft (a few milliseconds, but off the event loop all the same)."""
        from jdwizard.checks import check_draft

        answers = dict(self.session.answers)
        report = await asyncio.to_thread(check_draft, self.session.template, answers)
        self.show_report(report)

    def show_report(self, report: Report) -> None:
        """The checks' summary, and each finding as a jump to its field."""
        from jdwizard.checks.report import compact_summary

        self.query_one("#check-summary", Static).update(Text("\n".join(compact_summary(report))))
        todo = self.query_one("#todo", OptionList)
        todo.clear_options()
        self._targets: dict[str, str] = {}
        for number, finding in enumerate(report.findings):
            label = self._labels.get(finding.field or "", "Whole post")
            mark, style = MARKS[finding.severity]
            message = "no answer yet" if finding.id == "unfilled" else finding.message
            prompt = Text.assemble((mark, style), f"{label}: {message}")
            option_id = f"finding-{number}"
            if finding.field in self._labels:
                self._targets[option_id] = finding.field
            todo.add_option(Option(prompt, id=option_id))
        for name, value in self.session.unknown_answers().items():
            shown = " ".join(value.split())
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            todo.add_option(Option(
                Text.assemble(("  ", ""), (name, "bold"), f": {shown!r}",
                              (" (kept in the file; this template does not use it)", "dim")),
                disabled=True))
        todo.display = todo.option_count > 0
        if report.has_errors:
            todo.highlighted = 0
            todo.focus()  # Enter jumps to the first thing left to do

    @property
    def _labels(self) -> dict[str, str]:
        return {field.name: field.label for field in self.session.fields}

    @on(OptionList.OptionSelected, "#todo")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        name = self._targets.get(event.option.id or "")
        if name is not None:
            self.dismiss(self.session.template.field_names.index(name))

    @on(Button.Pressed, "#copy")
    def _copy_pressed(self) -> None:
        self.action_copy()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save_document()

    @on(Button.Pressed, "#to-profile")
    def _profile_pressed(self) -> None:
        self.action_save_to_profile()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#quit")
    async def _quit_pressed(self) -> None:
        await self.app.action_quit()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.wizard.action_help()

    def action_close_draft(self) -> None:
        self.wizard.action_close_draft()

    async def action_save(self) -> None:
        await self.wizard.save(announce=True)

    def action_save_as(self) -> None:
        self.wizard.action_save_as()

    @work(exclusive=True, group="save-document")
    async def action_save_document(self) -> None:
        """Save the draft, and the document in a chosen format beside it (.md, .txt, .html)."""
        from jdwizard.export import FORMAT_SUFFIXES, export
        from jdwizard.files import atomic_write_text
        from jdwizard.ui.copying import choose_format

        format_name = await choose_format(self.app, "Save the document")
        if format_name is None or not await self.wizard.save(announce=format_name == "markdown"):
            return
        if format_name != "markdown" and self.session.path is not None:
            target = self.session.path.with_suffix(FORMAT_SUFFIXES[format_name])
            text = export(self.session.document(), format_name)
            try:
                await asyncio.to_thread(atomic_write_text, target, text)
            except OSError as error:
                self.notify(f"Could not write {target}: {error.strerror or error}",
                            title="Not saved", severity="error", markup=False)
                return
            self.notify(f"Saved {self.session.path.name} and {target.name}", title="Saved",
                        markup=False)
        missing = len(self.session.missing())
        if missing:
            self.notify(f"{missing} required field(s) are still unanswered; the saved document "
                        "still shows their {{placeholders}}; this screen lists them.",
                        title="Not finished", severity="warning", markup=False, timeout=10)

    @work(exclusive=True, group="profile")
    async def action_save_to_profile(self) -> None:
        """Save this draft's company answers to a profile that prefills new drafts."""
        from jdwizard.draft.profiles import company_fields, profile_id_for, update_profile_from
        from jdwizard.ui.screens.dialogs import AskScreen

        names = [name for name in company_fields(self.session.template)
                 if self.session.answers.get(name, "").strip()]
        if not names:
            self.notify("No company answers to save yet (company, location, benefits...).",
                        title="Profile", severity="warning")
            return
        labels = ", ".join(self.session.template.field(name).label for name in names)
        default = self.session.profile_name or self.session.answers.get("company", "").strip()

        def usable(value: str) -> str | None:
            try:
                profile_id_for(value)
            except UserError as error:
                return str(error)
            return None

        name = await self.app.push_screen_wait(AskScreen(
            "Save to a company profile",
            f"Saves {labels}; every new draft from any template can start from them. "
            "An existing profile of that name is updated.", default, usable))
        if not name:
            return
        answers = dict(self.session.answers)
        try:
            profile = await asyncio.to_thread(
                update_profile_from, answers, self.session.template, profile_id_for(name), name)
        except (UserError, OSError) as error:
            self.notify(str(error), title="Profile not saved", severity="error", markup=False)
            return
        self.session.profile_name = profile.name
        self.notify(f"Saved {len(names)} company answers to the profile {profile.name} "
                    f"({profile.path}).", title="Profile saved", markup=False)

    def commands(self) -> Iterable[SystemCommand]:
        """The review screen's actions for the palette, then the wizard's."""
        yield SystemCommand("Copy document", "Copy the whole job description  c",
                            self.action_copy)
        yield SystemCommand("Save document as…",
                            "Save the draft and the document as Markdown, text or HTML  e",
                            self.action_save_document)
        yield SystemCommand("Save to company profile",
                            "Keep the company answers for the next drafts  p",
                            self.action_save_to_profile)
        yield SystemCommand("Back to the fields", "Return to the field you were on  esc",
                            self.action_back)
        yield from self.wizard.commands(review=True)

    @work(exclusive=True, group="copy")
    async def action_copy(self) -> None:
        """Copy the document in a chosen format (system clipboard tool, else OSC 52)."""
        format_name = await choose_format(self.app, "Copy the document")
        if format_name is not None:
            await copy_document(self.app, self.session, format_name)
