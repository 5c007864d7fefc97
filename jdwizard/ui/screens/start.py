"""The start screen: pick a template for a new draft, or a saved draft to resume.

Enter is a priority binding whose action the app awaits until the wizard is up: keys typed
straight after it (the company name, say) wait in order and land in the wizard, instead of
acting here as commands.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.draft.listing import DraftSummary
from jdwizard.draft.profiles import Profile
from jdwizard.errors import UserError
from jdwizard.safe_text import visible
from jdwizard.template.library import Library, TemplateProblem, folder_label
from jdwizard.template.model import Origin, Template
from jdwizard.ui import actions
from jdwizard.ui.screens.base import ActionScreen, handled
from jdwizard.ui.sizes import HORIZONTAL_BREAKPOINTS, NARROW, SHORT, VERTICAL_BREAKPOINTS
from jdwizard.ui.widgets.footer import Footer
from jdwizard.ui.widgets.line_input import LineInput
from jdwizard.ui.widgets.lists import ChoiceList

T = TypeVar("T")

HEADINGS = {  # (wide, narrow)
    "templates": ("[b]New draft from a template[/b]  (Enter starts it)",
                  "[b]New draft[/b]  (Enter)"),
    "drafts": ("[b]Resume a saved draft[/b]  (Tab, then Enter)",
               "[b]Resume a draft[/b]  (Tab, Enter)"),
}
DRAFT_ACTIONS = {"duplicate_draft", "rename_draft", "delete_draft"}
READ_ONLY_ACTIONS = {"rename_draft", "delete_draft"}  # on a shared template: refused, said why
LETTER_ACTIONS = {"filter", "choose_profile", "import_template"}
FILTERS = {"template-filter", "draft-filter"}


def draft_prompt(summary: DraftSummary, titles: dict[str, str]) -> Text:
    """One row of the drafts list: company, template, progress and when it was saved."""
    when = summary.updated.astimezone().strftime("%Y-%m-%d %H:%M") if summary.updated else ""
    name = visible(summary.path.name)
    if summary.problem:
        return Text.assemble((name, "bold"), ("  cannot be opened", "red"))
    company = visible(summary.company) or "(no company yet)"
    template = titles.get(summary.template, visible(summary.template))
    progress = f"{summary.answered}/{summary.required}" if summary.required else "?"
    return Text.assemble(
        (company, "bold"), f"  {template}\n", (f"{progress} answered · {when} · ", "dim"),
        (name, "dim"),
    )


def template_label(template: Template) -> str:
    """A template's title; one of yours or a shared one adds its id (it may share a built-in
    one's title)."""
    title = visible(template.title)
    return title if template.origin is Origin.BUILTIN else f"{title} ({template.id})"


def template_group(template: Template) -> str:
    """The heading a template is listed under: its category, yours, or its shared folder."""
    if template.origin is Origin.USER:
        return "Your templates"
    if template.origin is Origin.SHARED:
        return f"Shared: {folder_label(template.source.parent)}"
    return template.category


def template_matches(template: Template, words: Sequence[str]) -> bool:
    """Whether every word typed in the filter is in the template's title, summary or id."""
    haystack = " ".join((template.title, template.summary, template.id)).casefold()
    return all(word in haystack for word in words)


class StartScreen(ActionScreen[None]):
    """Templates on the left, saved drafts (newest first) on the right."""

    CSS_PATH = Path(__file__).with_name("start.tcss")  # beside this module, also for subclasses
    ACTIONS = actions.START
    BINDINGS: ClassVar[list[BindingType]] = actions.bindings(ACTIONS)
    HORIZONTAL_BREAKPOINTS = HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = VERTICAL_BREAKPOINTS

    def __init__(
        self,
        templates: list[Template],
        drafts: list[DraftSummary],
        problems: Sequence[TemplateProblem] = (),
        profile: Profile | None = None,
    ) -> None:
        super().__init__(classes="" if drafts else "-no-drafts")
        self.templates = templates
        self.problems = problems
        self.drafts = drafts
        self.profile = profile
        self._narrow: bool | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start"):
            with Vertical(id="start-templates"):
                yield Static(HEADINGS["templates"][0], classes="heading", id="templates-heading")
                yield Static(id="profile-line")
                yield LineInput(placeholder="Filter templates: title or summary",
                                id="template-filter")
                yield ChoiceList(id="template-list")
                yield Static(id="when-to-use")
            with Vertical(id="start-drafts"):
                yield Static(HEADINGS["drafts"][0], classes="heading", id="drafts-heading")
                yield LineInput(placeholder="Filter drafts: company, template or file name",
                            id="draft-filter")
                yield ChoiceList(id="draft-list")
                yield Static("No saved drafts yet. Drafts autosave as you type.",
                             id="no-drafts")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "jdwizard"
        self.sub_title = "draft a job description"
        self.set_focus(self.query_one("#template-list", OptionList))
        self._fill_templates()
        self._fill_drafts()
        self._show_profile()

    def on_resize(self) -> None:
        """The headings and the profile line shorten in a narrow terminal; one line per
        template (no summary) in a short one. (The layout itself is in start.tcss.)"""
        narrow = self.app.size.width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            for key in ("templates", "drafts"):
                self.query_one(f"#{key}-heading", Static).update(HEADINGS[key][narrow])
            self._show_profile()
        self._fill_templates(keep=True)

    # -- opening ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused.id if self.focused is not None else None
        if action == "open":
            return focused in ("template-list", "draft-list", *FILTERS)
        if action in READ_ONLY_ACTIONS and focused == "template-list":
            template = self.highlighted_template()
            return template is not None and template.origin is Origin.SHARED
        if action in DRAFT_ACTIONS:  # they act on the highlighted draft: shown on the list
            return focused == "draft-list" and self.selected_draft() is not None
        if action in LETTER_ACTIONS and focused in FILTERS:
            return False  # typed into the filter
        if action == "filter" and focused in ("draft-list", "draft-filter"):
            return bool(self.drafts)
        return True

    async def action_open(self) -> None:
        """Enter: start a draft of the highlighted template, or resume the highlighted draft
        (in the filter: the first match). Returns once the next screen is up.

        The keys typed before Enter act first (a move down the list, a letter in the filter):
        Enter is handled as it arrives, they in their widget's turn."""
        if self.focused is not None:
            await handled(self.focused)
            if self.focused.id == "draft-filter":
                self._fill_drafts()  # what the filter holds now
            elif self.focused.id == "template-filter":
                self._fill_templates()
        focused = self.focused.id if self.focused is not None else None
        if focused in ("template-list", "template-filter"):
            template = self.highlighted_template()
            if template is not None:
                await self.jdwizard.open_template(template, profile=self.profile)
            elif focused == "template-filter":
                self.set_focus(self.query_one("#template-list", OptionList))
            return
        summary = self.selected_draft()
        if summary is not None:
            await self.jdwizard.open_draft(summary.path)
        elif focused == "draft-filter":
            self.set_focus(self.query_one("#draft-list", OptionList))

    @on(OptionList.OptionSelected, "#template-list")
    async def _template_clicked(self, event: OptionList.OptionSelected) -> None:
        template = self._template(event.option.id)
        if template is not None:
            await self.jdwizard.open_template(template, profile=self.profile)

    @on(OptionList.OptionSelected, "#draft-list")
    async def _draft_clicked(self, event: OptionList.OptionSelected) -> None:
        summary = self._draft(event.option.id)
        if summary is not None:
            await self.jdwizard.open_draft(summary.path)

    def action_switch_list(self) -> None:
        """Tab: between the templates and the drafts (the filter is reached with /)."""
        templates = self.query_one("#template-list", OptionList)
        drafts = self.query_one("#draft-list", OptionList)
        to_drafts = self.focused is templates and drafts.display
        self.set_focus(drafts if to_drafts else templates)

    # -- the templates --------------------------------------------------------------------

    def _fill_templates(self, highlight: str | None = None, *, keep: bool = False) -> None:
        """The templates matching the filter, grouped by category (then yours, then each
        shared folder's), then any that cannot be used (while nothing is filtered).

        A template of yours or a shared one shows its id too, so one titled like a built-in
        one is told apart; a short terminal gets one line per template (no summary)."""
        template_list = self.query_one("#template-list", OptionList)
        if keep:
            current = self.highlighted_template()
            highlight = current.id if current is not None else None
        short = self.app.size.height < SHORT
        words = self.query_one("#template-filter", Input).value.casefold().split()
        options = []
        category = None
        for template in self.templates:
            if not template_matches(template, words):
                continue
            group = template_group(template)
            if group != category:
                category = group
                options.append(Option(Text(visible(category).upper(), "dim bold"),
                                      disabled=True))
            mark = (f"  {template.id} · {visible(template.category)}"
                    if template.origin is not Origin.BUILTIN else "")
            summary = () if short else ("\n", (visible(template.summary), "dim"))
            options.append(Option(Text.assemble((visible(template.title), "bold"),
                                                (mark, "dim"), *summary),
                                  id=f"template:{template.id}"))
        if words and not options:
            options.append(Option(Text("No template matches the filter.", "dim"), disabled=True))
        for problem in () if words else self.problems:
            name = (visible(problem.template_id), "bold") if problem.template_id else ""
            options.append(Option(Text.assemble(
                name, ("  cannot be used\n" if problem.template_id else "", "red"),
                (visible(problem.message), "dim")), disabled=True))
        template_list.clear_options()
        template_list.add_options(options)
        ids = [option.id for option in options]
        wanted = f"template:{highlight}"
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        template_list.highlighted = ids.index(wanted) if wanted in ids else first

    def highlighted_template(self) -> Template | None:
        option = self.query_one("#template-list", OptionList).highlighted_option
        return self._template(option.id if option else None)

    def _template(self, option_id: str | None) -> Template | None:
        for template in self.templates:
            if option_id == f"template:{template.id}":
                return template
        return None

    @on(OptionList.OptionHighlighted, "#template-list")
    def _template_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        template = self._template(event.option.id)
        text = template.when_to_use.split("\n\n")[0] if template else ""
        self.query_one("#when-to-use", Static).update(Text(visible(text), "italic"))
        self.refresh_bindings()  # Rename and Delete show on a shared template, to say why not

    @on(Input.Changed, "#template-filter")
    def _template_filter_changed(self) -> None:
        self._fill_templates()

    def _show_template_filter(self) -> None:
        """The templates' filter shows while it has the focus or holds words."""
        template_filter = self.query_one("#template-filter", Input)
        template_filter.display = template_filter.has_focus or bool(template_filter.value)

    def _read_only(self) -> None:
        """r or x on a shared template: it is changed in its folder, not here."""
        template = self.highlighted_template()
        if template is not None:
            self.notify(f"{visible(template.title)} is shared from "
                        f"{visible(str(template.source.parent))}: read-only here; change it "
                        "in that folder.", title="Shared template", severity="warning",
                        markup=False)

    async def action_import_template(self) -> None:
        """Ask for a template file (in the {{placeholder}} / [note] notation) to import; returns
        once the dialog is up."""
        from jdwizard.ui.screens.dialogs import AskScreen

        def readable(value: str) -> str | None:
            path = Path(value).expanduser()
            return None if path.is_file() else f"No file at {path}; give a .txt or .md file."

        def chosen(answer: str | None) -> None:
            if answer:
                self._import(Path(answer).expanduser())

        await self.app.push_screen(AskScreen(
            "Import a template",
            "A plain-text or Markdown job description template with {{placeholders}} and "
            "[bracketed notes], e.g. one copied from a web page. It becomes one of your "
            "templates.", str(Path.cwd()) + "/", readable), chosen)

    @work(group="import")
    async def _import(self, source: Path) -> None:
        """Import `source` and list it. If its id is taken (the seed's "backend-engineer" is
        built in), the user picks another, offered a free one, rather than being sent to the
        command line."""
        from jdwizard.paths import user_templates_dir
        from jdwizard.template.bundle import ID_PATTERN
        from jdwizard.template.importing import TemplateIdTaken, import_template
        from jdwizard.template.library import load_library
        from jdwizard.ui.screens.dialogs import AskScreen

        def run(template_id: str | None) -> tuple[str, tuple[str, ...], Library]:
            result = import_template(source, dest_root=user_templates_dir(),
                                     template_id=template_id, taken_ids=load_library().ids)
            return result.template_id, result.cleaned, load_library()

        template_id: str | None = None
        while True:
            try:
                template_id, cleaned, library = await asyncio.to_thread(run, template_id)
                break
            except TemplateIdTaken as taken:
                whose = "a built-in template's" if taken.builtin else "one of your templates'"
                used = {t.id for t in self.templates} | {taken.template_id}

                def usable(value: str, used: set[str] = used) -> str | None:
                    if not ID_PATTERN.match(value):
                        return "Use lower-case letters, digits and '-', e.g. my-backend."
                    return f"{value} is taken; choose another." if value in used else None

                template_id = await self.app.push_screen_wait(AskScreen(
                    "Choose an id for the imported template",
                    f"{taken.template_id} is {whose} id. The new template's id (its folder's "
                    f"name; jdwizard new ID opens it):", taken.free_id, usable))
                if not template_id:
                    return
            except (UserError, OSError) as error:
                self.notify(visible(str(error)), title="Not imported", severity="error",
                            markup=False, timeout=12)
                return
        self.templates, self.problems = list(library.templates), library.problems
        self._fill_templates(highlight=template_id)
        imported = next(t for t in self.templates if t.id == template_id)
        self.notify(f"Imported {visible(imported.title)} as {template_id} "
                    f"({len(imported.fields)} fields, {len(imported.tips)} tips). Enter starts "
                    "a draft." + (f" Removed control characters from: {', '.join(cleaned)}."
                                  if cleaned else ""), title="Template imported", markup=False)

    # -- the company profile ------------------------------------------------------------------

    def _show_profile(self) -> None:
        line = self.query_one("#profile-line", Static)
        if self.profile is None:
            line.update(Text("No company profile  ·  p: choose one", "dim"))
        elif self._narrow:
            line.update(Text.assemble("Profile: ", (visible(self.profile.name), "bold"),
                                      ("  ·  p: change", "dim")))
        else:
            count = len(self.profile.answers)
            line.update(Text.assemble(
                "Company profile: ", (visible(self.profile.name), "bold"),
                (f" ({count} answers prefill new drafts)  ·  p: change", "dim")))

    async def action_choose_profile(self) -> None:
        """Ask which company profile new drafts start from; returns once the dialog is up."""
        from jdwizard.draft.profiles import list_profiles
        from jdwizard.ui.screens.dialogs import ProfileChooser

        summaries = await asyncio.to_thread(list_profiles)
        await self.app.push_screen(ProfileChooser(summaries, self.profile), self._use_profile)

    async def _use_profile(self, chosen: str | None) -> None:
        """Start new drafts from the profile `chosen` (remembered as the default)."""
        from jdwizard.config import update_config
        from jdwizard.draft.profiles import load_profile

        if chosen is None:
            return
        try:
            self.profile = await asyncio.to_thread(load_profile, chosen) if chosen else None
            self.jdwizard.config = await asyncio.to_thread(update_config, profile=chosen)
        except UserError as error:
            self.notify(visible(str(error)), title="Profile", severity="error", markup=False)
        self._show_profile()

    # -- the drafts list ----------------------------------------------------------------------

    def _fill_drafts(self) -> None:
        """Show the drafts matching the filter, keeping the highlighted one where it is left."""
        draft_list = self.query_one("#draft-list", OptionList)
        kept = draft_list.highlighted_option.id if draft_list.highlighted_option else None
        words = self.query_one("#draft-filter", Input).value.casefold().split()
        titles = {t.id: template_label(t) for t in self.templates}
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
        self.set_class(not self.drafts, "-no-drafts")
        draft_list.display = bool(options)
        no_drafts = self.query_one("#no-drafts", Static)
        no_drafts.display = not options
        no_drafts.update("No saved drafts yet. Drafts autosave as you type." if not self.drafts
                         else "No draft matches the filter.")
        self.refresh_bindings()

    @on(Input.Changed, "#draft-filter")
    def _filter_changed(self) -> None:
        self._fill_drafts()

    def selected_draft(self) -> DraftSummary | None:
        option = self.query_one("#draft-list", OptionList).highlighted_option
        return self._draft(option.id if option else None)

    def _draft(self, option_id: str | None) -> DraftSummary | None:
        if not option_id:
            return None
        return self.drafts[int(option_id.split(":")[1])]

    @on(OptionList.OptionHighlighted, "#draft-list")
    def _draft_highlighted(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the draft keys show while the drafts list has the focus
        self._show_template_filter()

    def on_descendant_blur(self) -> None:
        self._show_template_filter()

    async def reload_drafts(self) -> None:
        """Read the drafts again (in a thread) and show them."""
        from jdwizard.draft.listing import list_drafts

        self.drafts = await asyncio.to_thread(list_drafts, self.jdwizard.drafts_folder)
        self._fill_drafts()

    async def _draft_operation(
        self, operation: Callable[[], T], done: str | Callable[[T], str]
    ) -> T | None:
        """Run a file operation in a thread; report a refusal in one line; reload the list.

        `done` is the message on success, or makes it from what the operation returned."""
        try:
            result = await asyncio.to_thread(operation)
        except (UserError, OSError) as error:
            message = str(error) if isinstance(error, UserError) else (
                f"{error.strerror or error}: {error.filename or ''}")
            self.notify(visible(message), title="Not done", severity="error", markup=False)
            return None
        finally:
            await self.reload_drafts()
        self.notify(visible(done if isinstance(done, str) else done(result)), markup=False)
        return result

    async def action_duplicate_draft(self) -> None:
        """A new draft with the highlighted one's answers, opened at its location: the same
        role in another city."""
        from jdwizard.draft.manage import duplicate_draft
        from jdwizard.template.roles import Role

        summary = self.selected_draft()
        if summary is None:
            return
        copy = await self._draft_operation(
            lambda: duplicate_draft(summary.path), f"Duplicated {summary.path.name}"
        )
        if copy is not None:
            await self.jdwizard.open_draft(copy, at=Role.LOCATION)

    async def action_rename_draft(self) -> None:
        from jdwizard.draft.file import slugify
        from jdwizard.draft.manage import document_paths, rename_draft
        from jdwizard.ui.screens.dialogs import AskScreen

        if self.focused is self.query_one("#template-list"):
            self._read_only()
            return
        summary = self.selected_draft()
        if summary is None:
            return

        def usable(value: str) -> str | None:
            return None if slugify(value, limit=80) else "Use letters or digits in the name."

        async def chosen(name: str | None) -> None:
            if name:
                await self._draft_operation(
                    lambda: rename_draft(summary.path, name),
                    lambda target: f"Renamed {summary.path.name} to {target.name}",
                )

        documents = ", ".join(d.suffix for d in document_paths(summary.path)) or ".md"
        await self.app.push_screen(AskScreen(
            "Rename draft", f"A new file name; its documents ({documents}) are renamed with it.",
            summary.path.stem, usable), chosen)

    async def action_delete_draft(self) -> None:
        from jdwizard.draft.manage import delete_draft, document_paths
        from jdwizard.ui.screens.dialogs import ConfirmScreen

        if self.focused is self.query_one("#template-list"):
            self._read_only()
            return
        summary = self.selected_draft()
        if summary is None:
            return

        async def confirmed(yes: bool | None) -> None:
            if yes:
                await self._draft_operation(
                    lambda: delete_draft(summary.path), f"Deleted {summary.path.name}"
                )

        what = summary.company or summary.path.name
        documents = ", ".join(d.name for d in document_paths(summary.path))
        await self.app.push_screen(ConfirmScreen(
            f"Delete the draft {what} ({summary.path.name})"
            + (f" and its documents ({documents})" if documents else "")
            + "? This cannot be undone.", "Delete"), confirmed)

    def action_filter(self) -> None:
        """/: the filter of the list with the focus (the templates' when neither has it)."""
        focused = self.focused.id if self.focused is not None else None
        if focused in ("draft-list", "draft-filter"):
            self.set_focus(self.query_one("#draft-filter", Input))
            return
        template_filter = self.query_one("#template-filter", Input)
        template_filter.display = True
        self.set_focus(template_filter)

    async def action_help(self) -> None:
        from jdwizard.ui.screens.help import HelpScreen

        template = self.highlighted_template() or self.templates[0]
        await self.app.push_screen(HelpScreen(template))

    def commands(self) -> Iterable[SystemCommand]:
        """A new draft of every template, then the screen's actions."""
        for template in self.templates:
            yield SystemCommand(f"New draft: {template_label(template)}",
                                visible(template.summary),
                                lambda t=template: self.jdwizard.open_template(
                                    t, profile=self.profile))
        yield from super().commands()

