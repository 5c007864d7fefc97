"""The review screen: the whole document, what still needs an answer, and Copy / Save / Quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.ui.copying import copy_document
from jdwizard.ui.widgets.preview import DocumentPreview

if TYPE_CHECKING:
    from jdwizard.ui.screens.wizard import WizardScreen


class ReviewScreen(Screen[int | None]):
    """Dismisses with the index of a field to jump to, or None to go back where the user was."""

    BINDINGS = [
        Binding("escape", "back", "Back to fields", id="back"),
        Binding("c", "copy", "Copy", id="copy"),
        Binding("ctrl+s", "save", "Save", priority=True, id="save"),
        Binding("f1", "help", "Help", id="help"),
    ]

    def __init__(self, wizard: WizardScreen) -> None:
        super().__init__()
        self.wizard = wizard
        self.session = wizard.session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review"):
            with VerticalScroll(id="review-side"):
                yield Static(id="review-summary")
                yield OptionList(id="todo")
                with Vertical(id="review-buttons"):
                    yield Button("Copy", id="copy", variant="primary")
                    yield Button("Save", id="save")
                    yield Button("Back to fields", id="back")
                    yield Button("Quit", id="quit", variant="error")
            yield DocumentPreview(id="review-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Review · {self.session.template.title}"
        self.sub_title = self.session.path.name if self.session.path else "new draft"
        missing = self.session.missing()
        attention = self.session.needs_attention()
        unknown = self.session.unknown_answers()
        names = self.session.template.field_names
        todo = self.query_one("#todo", OptionList)
        for field in missing:
            todo.add_option(Option(Text.assemble(("· ", "bold red"), f"{field.label}: no answer"),
                                   id=field.name))
        for field, problem in attention:
            todo.add_option(Option(Text.assemble(("! ", "bold red"), f"{field.label}: {problem}"),
                                   id=field.name))
        for name in sorted(unknown):
            todo.add_option(Option(Text(f"  {name}: kept, not used by this template", "dim"),
                                   disabled=True))
        summary = self.query_one("#review-summary", Static)
        answered, required = self.session.progress()
        if missing:
            summary.update(Text.assemble(
                (f"{len(missing)} required field(s) unanswered", "bold red"),
                f" ({answered} of {required} answered). Select one to fill it in.",
            ))
        elif attention:
            summary.update(Text("All required fields answered; check the ones marked !", "bold"))
        else:
            summary.update(Text("Every required field is answered. Ready to copy.", "bold green"))
        todo.display = todo.option_count > 0
        segments = self.session.renderer.segments(self.session.answers)
        self.query_one(DocumentPreview).show(segments, None, follow=False)
        if missing or attention:
            todo.highlighted = 0
            todo.focus()  # Enter jumps to the first thing left to do
        else:
            self.query_one("#copy", Button).focus()
        self._names = names

    @on(OptionList.OptionSelected, "#todo")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(self._names.index(event.option.id))

    @on(Button.Pressed, "#copy")
    def _copy_pressed(self) -> None:
        self.action_copy()

    @on(Button.Pressed, "#save")
    async def _save_pressed(self) -> None:
        await self.action_save()

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

    async def action_save(self) -> None:
        await self.wizard.save(announce=True)

    @work(exclusive=True, group="copy")
    async def action_copy(self) -> None:
        """Copy the document (system clipboard tool, else OSC 52)."""
        await copy_document(self.app, self.session)
