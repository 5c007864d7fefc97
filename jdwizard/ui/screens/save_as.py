"""Save as: a small dialog asking where to write the draft, for when its folder will not do."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from jdwizard.draft.opening import save_as_problem


class SaveAsScreen(ModalScreen[Path | None]):
    """Dismisses with the chosen .toml path, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggestion: Path, reason: str = "") -> None:
        super().__init__()
        self.suggestion = suggestion
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="save-as"):
            yield Static("[b]Save the draft as[/b]  (Enter saves, Esc cancels)")
            if self.reason:
                yield Static(self.reason, id="save-as-reason", markup=False)
            yield Static(
                "A .toml path; the Markdown document is written beside it as .md.",
                id="save-as-help",
            )
            yield Input(str(self.suggestion), id="save-as-path")
            yield Static(id="save-as-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#save-as-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        problem = save_as_problem(path) if event.value.strip() else "Type a path first."
        if problem:
            self.query_one("#save-as-error", Static).update(problem)
            return
        self.dismiss(path.absolute())

    def action_cancel(self) -> None:
        self.dismiss(None)
