"""Small dialogs: confirm a step, or ask for one line of text (checked before it closes)."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only when the user confirms; Esc or Cancel is False."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, confirm_label: str) -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.confirm_label, id="confirm", variant="error")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()  # the safe choice is the default

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)


class AskScreen(ModalScreen[str | None]):
    """One line of text; `problem(value)` says why it will not do (shown), or None to accept."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        explanation: str,
        value: str = "",
        problem: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.ask_title = title
        self.explanation = explanation
        self.value = value
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"[b]{self.ask_title}[/b]  (Enter to confirm, Esc to cancel)")
            yield Static(self.explanation, classes="dialog-help", markup=False)
            yield Input(self.value, id="ask-value")
            yield Static(id="ask-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#ask-value")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        problem = "Type something first." if not value else (
            self.problem(value) if self.problem else None
        )
        if problem:
            self.query_one("#ask-error", Static).update(problem)
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
