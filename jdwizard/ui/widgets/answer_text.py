"""The multi-line answer editor, drawing control characters as visible symbols like the
one-line one. In a module of its own: Textual's TextArea takes a while to import, and the
wizard loads it only after its first screen is up (or first shows a multi-line field)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from jdwizard.ui.widgets.preview import visible


class AnswerText(TextArea):
    """A multi-line answer."""

    def get_line(self, line_index: int) -> Text:
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)
