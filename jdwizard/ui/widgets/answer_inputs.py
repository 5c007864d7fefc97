"""The one-line answer editor, drawing control characters as visible symbols (an escape
sequence in a draft must never act on the terminal). The multi-line one is in answer_text."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.expand_tabs import expand_tabs_inline
from textual.widgets import Input

from jdwizard.ui.widgets.preview import visible


def one_line(text: str) -> str:
    """Pasted text for a one-line answer: line breaks (and runs of spaces around them) become
    one space, so no word of a multi-line paste is lost."""
    if "\n" not in text and "\r" not in text:
        return text
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


class AnswerInput(Input):
    """A one-line answer. A multi-line paste keeps every line, joined by spaces."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if not event.text:
            return
        line = one_line(event.text)
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *selection)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(visible(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(visible(self.value[:position]), 4))
