"""A saved draft that cannot be opened: say why, and offer to view it or start over from it.

Nothing here writes to the bad file: viewing is read-only, and starting over makes a new draft.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, Static, TextArea

from jdwizard.draft.file import Salvage
from jdwizard.safe_text import visible
from jdwizard.ui.widgets.footer import Footer

VIEW, START_OVER = "view", "start-over"


class BadDraftScreen(ModalScreen[str | None]):
    """Dismisses with VIEW, START_OVER or None (cancel)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, problem: str, salvage: Salvage, template_title: str | None) -> None:
        super().__init__()
        self.problem = problem
        self.salvage = salvage
        self.template_title = template_title

    def compose(self) -> ComposeResult:
        with Vertical(id="bad-draft"):
            yield Static(Text("This draft cannot be opened", "bold"))
            yield Static(visible(self.problem), id="bad-draft-problem", markup=False)
            help_text = "The file is left exactly as it is."
            if self.template_title is not None:
                count = len(self.salvage.answers)
                noun = "answer" if count == 1 else "answers"
                help_text += (
                    f" 'New draft from it' starts a new {visible(self.template_title)} draft "
                    f"with the {count} readable {noun} in this file."
                )
            yield Static(help_text, id="bad-draft-help", markup=False)
            with Horizontal(id="bad-draft-buttons"):
                if self.salvage.text is not None:
                    yield Button("View it (read-only)", id=VIEW)
                if self.template_title is not None:
                    yield Button("New draft from it", id=START_OVER, variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.set_focus(self.query(Button).first())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in (VIEW, START_OVER) else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FileViewScreen(Screen[None]):
    """A file's text, read-only."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.file_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea(visible(self.text), read_only=True, id="file-view", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = visible(self.file_title)
        self.sub_title = "read-only"
        self.set_focus(self.query_one(TextArea))

    def action_close(self) -> None:
        self.dismiss(None)
