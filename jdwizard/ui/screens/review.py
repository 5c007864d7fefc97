"""The review screen: the whole document, what still needs doing, and Copy / Save / Quit."""

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
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.errors import UserError
from jdwizard.safe_text import visible
from jdwizard.template.engine import RenderError
from jdwizard.ui import actions, messages
from jdwizard.ui.marks import MARKS, PROBLEM
from jdwizard.ui.messages import Jump
from jdwizard.ui.screens.base import ActionScreen, handled
from jdwizard.ui.sizes import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS
from jdwizard.ui.widgets.footer import Footer
from jdwizard.ui.widgets.lists import ChoiceList
from jdwizard.ui.widgets.preview import DocumentPreview, shown_answers

if TYPE_CHECKING:
    from jdwizard.checks.post import Report
    from jdwizard.ui.controller import DraftController


class ReviewScreen(ActionScreen[None]):
    """The whole draft at a glance; Esc, or a finding, goes back to the fields."""

    CSS_PATH = Path(__file__).with_name("review.tcss")  # beside this module, also for subclasses
    ACTIONS = actions.REVIEW
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(ACTIONS)
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    def __init__(self, controller: DraftController) -> None:
        super().__init__()
        self.controller = controller
        self.session = controller.session
        self._targets: dict[str, Jump] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review"):
            with Vertical(id="review-side"):
                yield Static(id="review-summary")
                yield Static("Checking…", id="check-summary")
                yield ChoiceList(id="todo")
                with Horizontal(id="review-buttons"):
                    yield Button("Copy", id="copy", variant="primary", compact=True)
                    yield Button("Save doc…", id="save", compact=True)
                    yield Button("To profile", id="to-profile", compact=True)
                    yield Button("Back", id="back", compact=True)
                    yield Button("Quit", id="quit", variant="error", compact=True)
            yield DocumentPreview(id="review-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Review · {visible(self.session.template.title)}"
        self.watch(self.app, "draft_path", self._show_path)
        self.set_focus(self.query_one("#todo", OptionList))  # what is left to do comes first
        self._fill()

    def _show_path(self, path: object) -> None:
        self.sub_title = self.session.path.name if self.session.path else "new draft"

    @work(exclusive=True, group="checks")
    async def _fill(self) -> None:
        """What is left to do, the document, and the checks of the whole draft (off the event
        loop: "Checking…" shows meanwhile, and keys, Esc and autosave work), once every key
        typed before the review is in the answers."""
        from jdwizard.checks.post import check_draft

        await self.controller.settle()
        attention = await asyncio.to_thread(self.session.needs_attention)  # reads a salary
        if not self.open:
            return
        self._show_summary(bool(attention))
        renderer = self.controller.renderer()
        answers = dict(self.session.answers)
        shown = shown_answers(answers)[0]  # a long answer as an excerpt (preview.excerpt)
        try:  # in a thread too: a long document takes a while, and keys and autosave go on
            segments = await asyncio.to_thread(renderer.segments, shown)
        except RenderError as error:  # nothing to show or check but the reason
            if not self.open:
                return
            self.query_one(DocumentPreview).show_message(f"No document: {error}.", PROBLEM)
            self.query_one("#check-summary", Static).update(
                Text("The checks need the document; change the answer the body fails on."))
            return
        if not self.open:
            return
        self.query_one(DocumentPreview).show(segments, None)
        report = await asyncio.to_thread(check_draft, self.session.template, answers)
        if self.open:  # not left meanwhile (Esc does not wait for the checks)
            self.show_report(report)

    @property
    def open(self) -> bool:
        """Whether the screen is still up (its workers' threads outlive it)."""
        return self in self.app.screen_stack

    def _show_summary(self, attention: bool) -> None:
        """What is left to do (`attention`: an answered field has a problem)."""
        missing = self.session.missing()
        answered, required = self.session.progress()
        summary = self.query_one("#review-summary", Static)
        if missing:
            summary.update(Text.assemble(
                (f"{len(missing)} required field(s) unanswered", "bold red"),
                f" ({answered} of {required} answered). Select one to fill it in.",
            ))
        elif attention:
            summary.update(Text("All required fields answered; check the ones marked ✗", "bold"))
        else:
            summary.update(Text("Every required field is answered. Ready to copy.", "bold green"))

    def show_report(self, report: Report) -> None:
        """The checks' summary, and each finding as a jump to its field, at its word."""
        from jdwizard.checks.report import compact_summary

        self.query_one("#check-summary", Static).update(Text("\n".join(compact_summary(report))))
        todo = self.query_one("#todo", OptionList)
        todo.clear_options()
        self._targets = {}
        labels = {field.name: visible(field.label) for field in self.session.fields}
        for number, finding in enumerate(report.findings):
            label = labels.get(finding.field or "", "Whole post")
            mark, style = MARKS[finding.severity]
            message = "no answer yet" if finding.id == "unfilled" else visible(finding.message)
            option_id = f"finding-{number}"
            if finding.field in labels:
                self._targets[option_id] = Jump(finding.field, finding.start)
            todo.add_option(Option(Text.assemble((mark, style), f"{label}: {message}"),
                                   id=option_id))
        for name, value in self.session.unknown_answers().items():
            text = " ".join(visible(value).split())
            text = text if len(text) <= 60 else text[:59] + "…"
            todo.add_option(Option(
                Text.assemble(("  ", ""), (visible(name), "bold"), f": {text!r}",
                              (" (kept in the file; this template does not use it)", "dim")),
                disabled=True))
        todo.display = todo.option_count > 0
        if todo.option_count:
            todo.highlighted = 0  # Enter goes to the first thing left to do
        elif self.focused is todo or self.focused is None:
            self.set_focus(self.query_one("#copy", Button))

    def commands(self) -> Iterable[SystemCommand]:
        """The review's actions for the palette, then a jump to every field."""
        yield from super().commands()
        for field in self.session.fields:
            yield SystemCommand(f"Jump to field: {visible(field.label)}", visible(field.question),
                                lambda name=field.name: self.jdwizard.back_to_fields(Jump(name)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "jump":  # Enter on a finding (on a button, Enter presses it)
            return self.focused is self.query_one("#todo")
        return True

    async def action_jump(self) -> None:
        """Enter on a finding: back to its field, at its word (the moves typed before Enter
        act first)."""
        todo = self.query_one("#todo", OptionList)
        await handled(todo)
        option = todo.highlighted_option
        jump = self._targets.get(option.id or "") if option is not None else None
        if jump is not None:
            await self.jdwizard.back_to_fields(jump)

    @on(OptionList.OptionSelected, "#todo")
    async def _clicked(self, event: OptionList.OptionSelected) -> None:
        jump = self._targets.get(event.option.id or "")
        if jump is not None:
            await self.jdwizard.back_to_fields(jump)

    @on(Button.Pressed, "#copy")
    async def _copy_pressed(self) -> None:
        await self.action_copy()

    @on(Button.Pressed, "#save")
    async def _save_pressed(self) -> None:
        await self.action_save_document()

    @on(Button.Pressed, "#to-profile")
    async def _profile_pressed(self) -> None:
        await self.action_save_to_profile()

    @on(Button.Pressed, "#back")
    async def _back_pressed(self) -> None:
        await self.action_back()

    @on(Button.Pressed, "#quit")
    async def _quit_pressed(self) -> None:
        await self.run_action("app.quit")

    async def action_back(self) -> None:
        await self.jdwizard.back_to_fields(None)

    async def action_help(self) -> None:
        from jdwizard.ui.screens.help import HelpScreen

        await self.app.push_screen(HelpScreen(self.session.template))

    async def action_close_draft(self) -> None:
        await self.jdwizard.close_draft()

    def action_save(self) -> None:
        self.post_message(messages.SaveRequested())

    async def action_save_as(self) -> None:
        await self.jdwizard.ask_where_to_save()

    async def _ask_format(self, action: str, request: type[messages.FormatRequest]) -> None:
        """Ask which format (the remembered one highlighted), then post `request` for it."""
        from jdwizard.ui.screens.dialogs import FormatChooser

        def chosen(format_name: str | None) -> None:
            if format_name is not None:
                self.post_message(request(format_name))

        await self.app.push_screen(FormatChooser(action, self.jdwizard.config.copy_format),
                                   chosen)

    async def action_copy(self) -> None:
        """Copy the document in a chosen format (system clipboard tool, else OSC 52)."""
        await self._ask_format("Copy the document", messages.CopyRequested)

    async def action_save_document(self) -> None:
        """Save the draft, and the document in a chosen format beside it (.md, .txt, .html)."""
        await self._ask_format("Save the document", messages.SaveDocumentRequested)

    async def action_save_to_profile(self) -> None:
        """Ask which company profile gets this draft's company answers."""
        from jdwizard.draft.profiles import company_fields, profile_id_for
        from jdwizard.ui.screens.dialogs import AskScreen

        template = self.session.template
        names = [name for name in company_fields(template)
                 if self.session.answers.get(name, "").strip()]
        if not names:
            self.notify("No company answers to save yet (company, location, benefits...).",
                        title="Profile", severity="warning")
            return
        labels = ", ".join(visible(template.field(name).label) for name in names)
        default = self.session.profile_name or self.session.company_name

        def usable(value: str) -> str | None:
            try:
                profile_id_for(value)
            except UserError as error:
                return str(error)
            return None

        def chosen(name: str | None) -> None:
            if name:
                self.post_message(messages.SaveToProfileRequested(name))

        await self.app.push_screen(AskScreen(
            "Save to a company profile",
            f"Saves {labels}; every new draft from any template can start from them. "
            "An existing profile of that name is updated.", default, usable), chosen)
