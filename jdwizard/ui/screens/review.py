"""The review screen: the whole document, what still needs doing, and Copy / Save / Quit."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
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
    from jdwizard.checks.dismiss import Dismissal
    from jdwizard.checks.finding import Finding
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
        self._findings: dict[str, Finding] = {}  # option id: the finding it shows
        self._report: Report | None = None  # the last checks' report, before dismissals
        self._never: tuple[str, list[str]] = ("", [])  # the profile, and its never-words

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
        self._never = await asyncio.to_thread(self._never_words)
        words = self._dismissed_words()
        report = await asyncio.to_thread(check_draft, self.session.template, answers, words)
        if self.open:  # not left meanwhile (Esc does not wait for the checks)
            self._report = report
            self._show_checks()

    def _dismissed_words(self) -> frozenset[str]:
        """The words the gender coding leaves out: the draft's "gender-coded:WORD" keys and the
        company profile's never-words."""
        from jdwizard.checks.dismiss import draft_keys, gender_words

        try:
            keys = draft_keys(self.session.draft.extra)
        except UserError:  # a hand-written [checks] table that is not a list: said below
            keys = []
        return gender_words(keys, self._never[1])

    def _never_words(self) -> tuple[str, list[str]]:
        """The company profile's name and its never-words (read from disk: in a thread): the
        profile the draft started from, else the one named after its company."""
        from jdwizard.draft.profiles import load_profile, profile_id_for, profile_path

        for name in (self.session.profile_name, self.session.company_name):
            try:
                if name and profile_path(profile_id_for(name)).is_file():
                    profile = load_profile(profile_id_for(name))
                    return profile.name, profile.never
            except UserError:  # a profile that cannot be read flags nothing away
                continue
        return "", []

    def _show_checks(self) -> None:
        """The last report, without what this draft or its company dismissed."""
        if self._report is None:
            return
        try:
            kept, dismissed = self._kept_now(self.session.draft.extra)
        except UserError as error:  # a hand-written [checks] table that is not a list
            self.notify(str(error), title="Dismissed findings", severity="warning")
            kept, dismissed = self._kept_now({})
        self.show_report(replace(self._report, findings=kept), dismissed)

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

    def show_report(self, report: Report, dismissed: Sequence[Dismissal] = ()) -> None:
        """The checks' summary, and each finding as a jump to its field, at its word; then
        the findings dismissed (dim, under "Dismissed"), which `d` brings back."""
        from jdwizard.checks.report import compact_summary

        self.query_one("#check-summary", Static).update(Text("\n".join(compact_summary(report))))
        todo = self.query_one("#todo", OptionList)
        highlighted = todo.highlighted
        todo.clear_options()
        self._targets = {}
        self._findings = {}
        labels = {field.name: visible(field.label) for field in self.session.fields}
        shown = [(finding, "") for finding in report.findings]
        shown += [(dismissal.finding, dismissal.why) for dismissal in dismissed]
        for number, (finding, why) in enumerate(shown):
            if why and number == len(report.findings):
                todo.add_option(Option(Text(f"Dismissed ({len(dismissed)}) · d brings one back",
                                            "bold dim"), id="dismissed", disabled=True))
            label = labels.get(finding.field or "", "Whole post")
            mark, style = MARKS[finding.severity]
            message = "no answer yet" if finding.id == "unfilled" else visible(finding.message)
            option_id = f"finding-{number}"
            self._findings[option_id] = finding
            if finding.field in labels:
                self._targets[option_id] = Jump(finding.field, finding.start)
            prompt = Text.assemble((mark, style), f"{label}: {message}")
            if why:
                prompt = Text.assemble((mark, "dim"), (f"{label}: {message}", "dim strike"),
                                       (f" ({visible(why)})", "dim"))
            todo.add_option(Option(prompt, id=option_id))
        for name, value in self.session.unknown_answers().items():
            text = " ".join(visible(value).split())
            text = text if len(text) <= 60 else text[:59] + "…"
            todo.add_option(Option(
                Text.assemble(("  ", ""), (visible(name), "bold"), f": {text!r}",
                              (" (kept in the file; this template does not use it)", "dim")),
                disabled=True))
        todo.display = todo.option_count > 0
        if todo.option_count and highlighted is not None and self._findings:  # after `d`
            last = max(index for index in range(todo.option_count)
                       if not todo.get_option_at_index(index).disabled)
            todo.highlighted = min(highlighted, last)
            if todo.get_option_at_index(todo.highlighted).disabled:
                todo.highlighted = todo.highlighted + 1  # past the heading
        elif todo.option_count:
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

    async def action_dismiss_finding(self) -> None:
        """`d` on a finding: dismiss it for this draft (kept in the draft's [checks] table,
        saved with the next save), or bring a dismissed one back."""
        from jdwizard.checks.dismiss import FROM_DRAFT, toggled

        todo = self.query_one("#todo", OptionList)
        await handled(todo)
        option = todo.highlighted_option
        finding = self._findings.get(option.id or "") if option is not None else None
        if finding is None or self._report is None:
            self.notify("Highlight a finding in the list to dismiss it.", title="Dismiss")
            return
        if finding.id == "unfilled":
            self.notify("A required field cannot be dismissed: answer it.", title="Dismiss",
                        severity="warning")
            return
        try:
            extra, now_dismissed = toggled(self.session.draft.extra, finding.key)
        except UserError as error:
            self.notify(str(error), title="Dismiss", severity="error")
            return
        kept, _ = self._kept_now(extra)
        if not now_dismissed and finding not in kept:  # the profile's never-words have it
            self.notify("The company profile's never-words dismiss this one; edit the profile "
                        "to bring it back.", title="Dismiss", severity="warning")
            return
        self.session.draft.extra = extra
        self.session.revision += 1  # the draft changed: the next save writes it
        self._show_checks()
        self.notify(f"{finding.key}: {FROM_DRAFT}; d on it again brings it back." if
                    now_dismissed else f"{finding.key} is a finding again.", title="Dismiss")

    def _kept_now(self, extra: Mapping[str, object]) -> tuple[list[Finding], list[Dismissal]]:
        """The last report's findings kept, and those dismissed, by a draft's `extra` and the
        company profile's never-words."""
        from jdwizard.checks.dismiss import apply, draft_keys

        assert self._report is not None
        profile, never = self._never
        return apply(self._report.findings, draft_keys(extra), never, profile)

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
