"""The start screen: pick a template for a new draft, or a saved draft to resume."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.drafts import DraftSummary
from jdwizard.errors import UserError
from jdwizard.library import USER, TemplateProblem
from jdwizard.template import Template

T = TypeVar("T")


def draft_prompt(summary: DraftSummary, titles: dict[str, str]) -> Text:
    """One row of the drafts list: company, template, progress and when it was saved."""
    when = summary.updated.astimezone().strftime("%Y-%m-%d %H:%M") if summary.updated else ""
    if summary.problem:
        return Text.assemble((f"{summary.path.name}", "bold"), ("  cannot be opened", "red"))
    company = summary.company or "(no company yet)"
    template = titles.get(summary.template, summary.template)
    progress = f"{summary.answered}/{summary.required}" if summary.required else "?"
    return Text.assemble(
        (company, "bold"), f"  {template}\n", (f"{progress} answered · {when} · ", "dim"),
        (summary.path.name, "dim"),
    )


class DraftList(OptionList):
    """The saved drafts; its keys act on the highlighted one."""

    BINDINGS = [
        Binding("d", "screen.duplicate_draft", "Duplicate"),
        Binding("r", "screen.rename_draft", "Rename"),
        Binding("delete,x", "screen.delete_draft", "Delete"),
        Binding("slash", "screen.filter_drafts", "Filter"),
    ]


class StartScreen(Screen[None]):
    """Templates on the left, saved drafts (newest first) on the right."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Switch list"),
        Binding("f1", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        templates: list[Template],
        drafts: list[DraftSummary],
        problems: Sequence[TemplateProblem] = (),
    ) -> None:
        super().__init__()
        self.templates = templates
        self.problems = problems
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start"):
            with Vertical(id="start-templates"):
                yield Static(
                    "[b]New draft from a template[/b]  (Enter starts it)", classes="heading"
                )
                options = []
                category = None
                for template in self.templates:
                    group = "Your templates" if template.origin == USER else template.category
                    if group != category:
                        category = group
                        options.append(Option(Text(category.upper(), "dim bold"), disabled=True))
                    mark = f"  ({template.category})" if template.origin == USER else ""
                    options.append(Option(Text.assemble(
                        (template.title, "bold"), (mark, "dim"), "\n", (template.summary, "dim")),
                        id=f"template:{template.id}"))
                for problem in self.problems:
                    options.append(Option(Text.assemble(
                        (problem.template_id, "bold"), ("  cannot be used\n", "red"),
                        (problem.message, "dim")), disabled=True))
                yield OptionList(*options, id="template-list")
                yield Static(id="when-to-use")
            with Vertical(id="start-drafts"):
                yield Static("[b]Resume a saved draft[/b]  (Tab, then Enter)", classes="heading")
                yield Input(placeholder="Filter drafts: company, template or file name",
                            id="draft-filter")
                yield DraftList(id="draft-list")
                yield Static("No saved drafts yet. Drafts autosave as you type.",
                             id="no-drafts")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "jdwizard"
        self.sub_title = "draft a job description"
        template_list = self.query_one("#template-list", OptionList)
        template_list.focus()
        first = next((i for i, o in enumerate(template_list.options) if not o.disabled), None)
        template_list.highlighted = first
        self._fill_drafts()

    # -- the drafts list ----------------------------------------------------------------------

    def _fill_drafts(self) -> None:
        """Show the drafts matching the filter, keeping the highlighted one where it is left."""
        draft_list = self.query_one("#draft-list", DraftList)
        kept = draft_list.highlighted_option.id if draft_list.highlighted_option else None
        words = self.query_one("#draft-filter", Input).value.casefold().split()
        titles = {t.id: t.title for t in self.templates}
        options = []
        for index, summary in enumerate(self.drafts):
            haystack = " ".join((summary.company, summary.template,
                                 titles.get(summary.template, ""), summary.path.name)).casefold()
            if all(word in haystack for word in words):
                options.append(Option(draft_prompt(summary, titles), id=f"draft:{index}"))
        draft_list.clear_options()
        draft_list.add_options(options)
        ids = [option.id for option in options]
        draft_list.highlighted = ids.index(kept) if kept in ids else (0 if ids else None)
        self.query_one("#draft-filter").display = bool(self.drafts)
        draft_list.display = bool(options)
        no_drafts = self.query_one("#no-drafts", Static)
        no_drafts.display = not options
        no_drafts.update("No saved drafts yet. Drafts autosave as you type." if not self.drafts
                         else "No draft matches the filter.")

    @on(Input.Changed, "#draft-filter")
    def _filter_changed(self) -> None:
        self._fill_drafts()

    @on(Input.Submitted, "#draft-filter")
    def _filter_submitted(self) -> None:
        self.query_one("#draft-list", DraftList).focus()

    def selected_draft(self) -> DraftSummary | None:
        option = self.query_one("#draft-list", DraftList).highlighted_option
        return self.drafts[int(str(option.id).split(":")[1])] if option else None

    async def reload_drafts(self) -> None:
        """Read the drafts folder again (in a thread) and show it."""
        from jdwizard.app_state import draft_progress
        from jdwizard.drafts import list_drafts
        from jdwizard.paths import drafts_dir

        folder = self.app.drafts_folder or drafts_dir()
        self.drafts = await asyncio.to_thread(list_drafts, folder, draft_progress)
        self._fill_drafts()

    async def _draft_operation(self, operation: Callable[[], T], done: str) -> T | None:
        """Run a file operation in a thread; report a refusal in one line; reload the list."""
        try:
            result = await asyncio.to_thread(operation)
        except (UserError, OSError) as error:
            message = str(error) if isinstance(error, UserError) else (
                f"{error.strerror or error}: {error.filename or ''}")
            self.notify(message, title="Not done", severity="error", markup=False)
            return None
        finally:
            await self.reload_drafts()
        self.notify(done, markup=False)
        return result

    @work(group="drafts")
    async def action_duplicate_draft(self) -> None:
        summary = self.selected_draft()
        if summary is None:
            return
        from jdwizard.draft_ops import duplicate_draft

        copy = await self._draft_operation(
            lambda: duplicate_draft(summary.path), f"Duplicated {summary.path.name}"
        )
        if copy is not None:
            self.app.resume_draft(copy)  # straight in: change what differs (the city, say)

    def action_rename_draft(self) -> None:
        summary = self.selected_draft()
        if summary is None:
            return
        from jdwizard.draft_ops import rename_draft
        from jdwizard.drafts import slugify
        from jdwizard.ui.screens.dialogs import AskScreen

        def usable(value: str) -> str | None:
            return None if slugify(value, limit=80) else "Use letters or digits in the name."

        async def chosen(name: str | None) -> None:
            if name:
                await self._draft_operation(
                    lambda: rename_draft(summary.path, name), f"Renamed {summary.path.name}"
                )

        self.app.push_screen(AskScreen(
            "Rename draft", "A new file name; the document (.md) is renamed with it.",
            summary.path.stem, usable), chosen)

    def action_delete_draft(self) -> None:
        summary = self.selected_draft()
        if summary is None:
            return
        from jdwizard.draft_ops import delete_draft
        from jdwizard.ui.screens.dialogs import ConfirmScreen

        async def confirmed(yes: bool | None) -> None:
            if yes:
                await self._draft_operation(
                    lambda: delete_draft(summary.path), f"Deleted {summary.path.name}"
                )

        what = summary.company or summary.path.name
        self.app.push_screen(ConfirmScreen(
            f"Delete the draft {what} ({summary.path.name}) and its document? "
            "This cannot be undone.", "Delete"), confirmed)

    def action_filter_drafts(self) -> None:
        self.query_one("#draft-filter", Input).focus()

    def commands(self) -> Iterable[SystemCommand]:
        """The start screen's actions for the palette, each with its key."""
        for template in self.templates:
            yield SystemCommand(f"New draft: {template.title}", template.summary,
                                lambda t=template: self.app.start_new_draft(t))
        if self.drafts:
            yield SystemCommand("Duplicate draft", "A new draft from the highlighted one  d",
                                self.action_duplicate_draft)
            yield SystemCommand("Rename draft", "Rename the highlighted draft  r",
                                self.action_rename_draft)
            yield SystemCommand("Delete draft", "Delete the highlighted draft  x / delete",
                                self.action_delete_draft)
            yield SystemCommand("Filter drafts", "Type to narrow the drafts list  /",
                                self.action_filter_drafts)
        yield SystemCommand("Help", "The highlighted template's guidance and FAQ  f1",
                            self.action_help)

    @on(OptionList.OptionHighlighted, "#template-list")
    def _template_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        template = self._template(event.option.id)
        text = template.when_to_use.split("\n\n")[0] if template else ""
        self.query_one("#when-to-use", Static).update(Text(text, "italic"))

    def _template(self, option_id: str | None) -> Template | None:
        for template in self.templates:
            if option_id == f"template:{template.id}":
                return template
        return None

    @on(OptionList.OptionSelected, "#template-list")
    def _template_selected(self, event: OptionList.OptionSelected) -> None:
        template = self._template(event.option.id)
        if template is not None:
            self.app.start_new_draft(template)

    @on(OptionList.OptionSelected, "#draft-list")
    def _draft_selected(self, event: OptionList.OptionSelected) -> None:
        summary = self.drafts[int(str(event.option.id).split(":")[1])]
        self.app.resume_draft(summary.path)  # a draft that cannot be opened is explained there

    def action_help(self) -> None:
        template_list = self.query_one("#template-list", OptionList)
        highlighted = template_list.highlighted_option
        template = self._template(highlighted.id if highlighted else None) or self.templates[0]
        from jdwizard.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(template))
