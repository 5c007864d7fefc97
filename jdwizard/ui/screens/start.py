"""The start screen: pick a template for a new draft, or a saved draft to resume."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.drafts import DraftSummary
from jdwizard.library import USER, TemplateProblem
from jdwizard.template import Template


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
                titles = {t.id: t.title for t in self.templates}
                drafts = [Option(draft_prompt(d, titles), id=f"draft:{i}")
                          for i, d in enumerate(self.drafts)]
                yield OptionList(*drafts, id="draft-list")
                if not self.drafts:
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
        self.query_one("#draft-list").display = bool(self.drafts)

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
