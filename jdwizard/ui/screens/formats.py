"""Choosing the document format for Copy and Save: Markdown, plain text or HTML."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.export import FORMAT_LABELS, FORMATS

USES = {
    "markdown": "for job boards and tools that render Markdown",
    "text": "for plain forms: no # or *, bullets as •",
    "html": "for rich-text editors (paste keeps headings and lists)",
}


class FormatChooser(ModalScreen[str | None]):
    """Dismisses with a format name, or None when cancelled. The default is highlighted."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, action: str, default: str) -> None:
        super().__init__()
        self.action = action
        self.default = default if default in FORMATS else FORMATS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"[b]{self.action} as[/b]  (Enter chooses and becomes the default)")
            yield OptionList(
                *(Option(f"{FORMAT_LABELS[name]} — {USES.get(name, '')}", id=name)
                  for name in FORMATS),
                id="format-list",
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        choices.highlighted = FORMATS.index(self.default)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
