"""The start screen: pick a template for a new draft, or a saved draft to resume."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key, Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.draft.file import DraftSummary
from jdwizard.draft.profiles import Profile
from jdwizard.errors import UserError
from jdwizard.template.bundle import Template
from jdwizard.template.library import USER, Library, TemplateProblem
from jdwizard.ui.sizes import NARROW, SHORT, terminal_size

T = TypeVar("T")

# Below NARROW columns the drafts list goes under the templates and the headings shorten; below
# SHORT rows there are no margins, one line per template, no when-to-use text. (The wizard's.)
HEADINGS = {  # (wide, narrow)
    "templates": ("[b]New draft from a template[/b]  (Enter starts it)",
                  "[b]New draft[/b]  (Enter)"),
    "drafts": ("[b]Resume a saved draft[/b]  (Tab, then Enter)",
               "[b]Resume a draft[/b]  (Tab, Enter)"),
}


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


def template_label(template: Template) -> str:
    """A template's title; one of yours adds its id (it may share a built-in one's title)."""
    return f"{template.title} ({template.id})" if template.origin == USER else template.title


class TemplateList(OptionList):
    """The templates; Enter starts a new draft of the highlighted one."""

    BINDINGS = [
        Binding("p", "screen.choose_profile", "Profile"),
        Binding("i", "screen.import_template", "Import"),
    ]


class DraftList(OptionList):
    """The saved drafts; its keys act on the highlighted one."""

    BINDINGS = [
        Binding("d", "screen.duplicate_draft", "Duplicate"),
        Binding("r", "screen.rename_draft", "Rename"),
        Binding("delete,x", "screen.delete_draft", "Delete"),
    ]


class StartScreen(Screen[None]):
    """Templates on the left, saved drafts (newest first) on the right."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Switch list"),
        Binding("slash", "filter_drafts", "Filter drafts"),  # from either list
        Binding("f1", "help", "Help", id="help"),
    ]

    def __init__(
        self,
        templates: list[Template],
        drafts: list[DraftSummary],
        problems: Sequence[TemplateProblem] = (),
        profile: Profile | None = None,
    ) -> None:
        size = terminal_size()
        classes = {"-no-drafts": not drafts, "-narrow": bool(size and size[0] < NARROW),
                   "-short": bool(size and size[1] < SHORT)}
        super().__init__(classes=" ".join(name for name, on in classes.items() if on))
        self.templates = templates
        self.problems = problems
        self.drafts = drafts
        self.profile = profile
        self.settled = False  # until first painted: keys wait for it (see ui/key_gate.py)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="start"):
            with Vertical(id="start-templates"):
                yield Static(HEADINGS["templates"][self.has_class("-narrow")],
                             classes="heading",
                             id="templates-heading")
                yield Static(id="profile-line")
                yield TemplateList(id="template-list")
                yield Static(id="when-to-use")
            with Vertical(id="start-drafts"):
                yield Static(HEADINGS["drafts"][self.has_class("-narrow")],
                             classes="heading", id="drafts-heading")
                yield Input(placeholder="Filter drafts: company, template or file name",
                            id="draft-filter")
                yield DraftList(id="draft-list")
                yield Static("No saved drafts yet. Drafts autosave as you type.",
                             id="no-drafts")
        yield Footer()

    def on_mount(self) -> None:
        if self.app.quitting:  # type: ignore[attr-defined]
            return
        self.title = "jdwizard"
        self.sub_title = "draft a job description"
        template_list = self.query_one("#template-list", OptionList)
        template_list.focus()
        self._fill_templates()
        self._fill_drafts()
        self._show_profile()
        self.call_after_refresh(self.app.first_screen_shown)  # type: ignore[attr-defined]
        self.call_after_refresh(self._settle)

    def key_may_open_screen(self, key: Key) -> bool:
        """Enter on a list opens a draft (keys typed after it belong there; see ui/key_gate.py)."""
        focused = self.focused
        return key.key == "enter" and focused is not None and focused.id in (
            "template-list", "draft-filter", "draft-list")

    def _settle(self) -> None:
        self.settled = True  # painted: it takes keys, and may be replaced (see ui/key_gate.py)

    def on_resize(self, event: Resize) -> None:
        """Fit small terminals: stack the lists when narrow, drop the extras when short."""
        narrow, short = self.size.width < NARROW, self.size.height < SHORT
        changed = narrow != self.has_class("-narrow") or short != self.has_class("-short")
        self.set_class(narrow, "-narrow")
        self.set_class(short, "-short")
        if changed:
            for key in ("templates", "drafts"):
                self.query_one(f"#{key}-heading", Static).update(HEADINGS[key][narrow])
            highlighted = self.query_one("#template-list", OptionList).highlighted_option
            chosen = highlighted.id if highlighted else None
            self._fill_templates(highlight=chosen.split(":", 1)[1] if chosen else None)
            self._show_profile()

    def _fill_templates(self, highlight: str | None = None) -> None:
        """The templates grouped by category (yours last), then any that cannot be used.

        A template of yours shows its id too, so one titled like a built-in one is told apart;
        a short terminal gets one line per template (no summary)."""
        short = self.has_class("-short")
        options = []
        category = None
        for template in self.templates:
            group = "Your templates" if template.origin == USER else template.category
            if group != category:
                category = group
                options.append(Option(Text(category.upper(), "dim bold"), disabled=True))
            mark = f"  {template.id} · {template.category}" if template.origin == USER else ""
            summary = () if short else ("\n", (template.summary, "dim"))
            options.append(Option(Text.assemble((template.title, "bold"), (mark, "dim"),
                                                *summary), id=f"template:{template.id}"))
        for problem in self.problems:
            options.append(Option(Text.assemble(
                (problem.template_id, "bold"), ("  cannot be used\n", "red"),
                (problem.message, "dim")), disabled=True))
        template_list = self.query_one("#template-list", OptionList)
        template_list.clear_options()
        template_list.add_options(options)
        ids = [option.id for option in options]
        wanted = f"template:{highlight}"
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        template_list.highlighted = ids.index(wanted) if wanted in ids else first

    @work(group="import")
    async def action_import_template(self) -> None:
        """Import a template file (in the {{placeholder}} / [note] notation) and list it.

        If its id is taken (the seed's "backend-engineer" is built in), the user picks
        another, offered a free one, rather than being sent to the command line."""
        from jdwizard.paths import user_templates_dir
        from jdwizard.template.bundle import ID_PATTERN
        from jdwizard.template.importing import TemplateIdTaken, import_template
        from jdwizard.template.library import load_library
        from jdwizard.ui.screens.dialogs import AskScreen

        def readable(value: str) -> str | None:
            path = Path(value).expanduser()
            return None if path.is_file() else f"No file at {path}; give a .txt or .md file."

        answer = await self.app.push_screen_wait(AskScreen(
            "Import a template",
            "A plain-text or Markdown job description template with {{placeholders}} and "
            "[bracketed notes], e.g. one copied from a web page. It becomes one of your "
            "templates.", str(Path.cwd()) + "/", readable))
        if not answer:
            return
        source = Path(answer).expanduser()

        def run(template_id: str | None) -> tuple[str, Library]:
            result = import_template(source, dest_root=user_templates_dir(),
                                     template_id=template_id, taken_ids=load_library().ids)
            return result.template_id, load_library()

        template_id: str | None = None
        while True:
            try:
                template_id, library = await asyncio.to_thread(run, template_id)
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
                self.notify(str(error), title="Not imported", severity="error", markup=False,
                            timeout=12)
                return
        self.templates, self.problems = list(library.templates), library.problems
        self._fill_templates(highlight=template_id)
        imported = next(t for t in self.templates if t.id == template_id)
        self.notify(f"Imported {imported.title} as {template_id} ({len(imported.fields)} "
                    f"fields, {len(imported.tips)} tips). Enter starts a draft.",
                    title="Template imported", markup=False)

    # -- the company profile ------------------------------------------------------------------

    def _show_profile(self) -> None:
        line = self.query_one("#profile-line", Static)
        narrow = self.has_class("-narrow")
        if self.profile is None:
            line.update(Text("No company profile  ·  p: choose one", "dim"))
        elif narrow:
            line.update(Text.assemble("Profile: ", (self.profile.name, "bold"),
                                      ("  ·  p: change", "dim")))
        else:
            count = len(self.profile.answers)
            line.update(Text.assemble(
                "Company profile: ", (self.profile.name, "bold"),
                (f" ({count} answers prefill new drafts)  ·  p: change", "dim")))

    @work(group="profile")
    async def action_choose_profile(self) -> None:
        """Pick the company profile new drafts start from (remembered as the default)."""
        from jdwizard.config import update_config
        from jdwizard.draft.profiles import list_profiles, load_profile
        from jdwizard.ui.screens.profiles import ProfileChooser

        summaries = await asyncio.to_thread(list_profiles)
        chosen = await self.app.push_screen_wait(ProfileChooser(summaries, self.profile))
        if chosen is None:
            return
        try:
            self.profile = await asyncio.to_thread(load_profile, chosen) if chosen else None
            await asyncio.to_thread(update_config, profile=chosen)
        except UserError as error:
            self.notify(str(error), title="Profile", severity="error", markup=False)
        self._show_profile()

    # -- the drafts list ----------------------------------------------------------------------

    def _fill_drafts(self) -> None:
        """Show the drafts matching the filter, keeping the highlighted one where it is left."""
        draft_list = self.query_one("#draft-list", DraftList)
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
        self.refresh_bindings()
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
        """Enter in the filter opens the highlighted draft (the newest that matches): Tab from
        the templates, then Enter, resumes the last draft."""
        summary = self.selected_draft()
        if summary is not None:
            self.app.resume_draft(summary.path)
        else:
            self.query_one("#draft-list", DraftList).focus()

    def selected_draft(self) -> DraftSummary | None:
        option = self.query_one("#draft-list", DraftList).highlighted_option
        return self.drafts[int(str(option.id).split(":")[1])] if option else None

    async def reload_drafts(self) -> None:
        """Read the drafts folder again (in a thread) and show it."""
        from jdwizard.draft.file import list_drafts
        from jdwizard.draft.listing import draft_progress
        from jdwizard.paths import drafts_dir

        folder = self.app.drafts_folder or drafts_dir()
        self.drafts = await asyncio.to_thread(list_drafts, folder, draft_progress)
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
            self.notify(message, title="Not done", severity="error", markup=False)
            return None
        finally:
            await self.reload_drafts()
        self.notify(done if isinstance(done, str) else done(result), markup=False)
        return result

    @work(group="drafts")
    async def action_duplicate_draft(self) -> None:
        summary = self.selected_draft()
        if summary is None:
            return
        from jdwizard.draft.manage import duplicate_draft

        copy = await self._draft_operation(
            lambda: duplicate_draft(summary.path), f"Duplicated {summary.path.name}"
        )
        if copy is not None:
            self.app.resume_draft(copy)  # straight in: change what differs (the city, say)

    def action_rename_draft(self) -> None:
        summary = self.selected_draft()
        if summary is None:
            return
        from jdwizard.draft.file import slugify
        from jdwizard.draft.manage import document_paths, rename_draft
        from jdwizard.ui.screens.dialogs import AskScreen

        def usable(value: str) -> str | None:
            return None if slugify(value, limit=80) else "Use letters or digits in the name."

        async def chosen(name: str | None) -> None:
            if name:
                await self._draft_operation(
                    lambda: rename_draft(summary.path, name),
                    lambda target: f"Renamed {summary.path.name} to {target.name}",
                )

        documents = ", ".join(d.suffix for d in document_paths(summary.path)) or ".md"
        self.app.push_screen(AskScreen(
            "Rename draft", f"A new file name; its documents ({documents}) are renamed with it.",
            summary.path.stem, usable), chosen)

    def action_delete_draft(self) -> None:
        summary = self.selected_draft()
        if summary is None:
            return
        from jdwizard.draft.manage import delete_draft, document_paths
        from jdwizard.ui.screens.dialogs import ConfirmScreen

        async def confirmed(yes: bool | None) -> None:
            if yes:
                await self._draft_operation(
                    lambda: delete_draft(summary.path), f"Deleted {summary.path.name}"
                )

        what = summary.company or summary.path.name
        documents = ", ".join(d.name for d in document_paths(summary.path))
        self.app.push_screen(ConfirmScreen(
            f"Delete the draft {what} ({summary.path.name})"
            + (f" and its documents ({documents})" if documents else "")
            + "? This cannot be undone.", "Delete"), confirmed)

    def action_filter_drafts(self) -> None:
        self.query_one("#draft-filter", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Filtering needs drafts to filter."""
        return bool(self.drafts) if action == "filter_drafts" else True

    def commands(self) -> Iterable[SystemCommand]:
        """The start screen's actions for the palette, each with its key."""
        for template in self.templates:
            yield SystemCommand(f"New draft: {template_label(template)}", template.summary,
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
        yield SystemCommand("Import a template", "From a text or Markdown file  i",
                            self.action_import_template)
        yield SystemCommand("Choose company profile",
                            "The company answers new drafts start with  p",
                            self.action_choose_profile)
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
            self.app.start_new_draft(template, profile=self.profile)

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
