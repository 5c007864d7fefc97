"""One field's answer box: a line that wraps when long, or several lines (a list, a paragraph).

Every field has its own box, so a key lands in the field it was typed in, however fast the user
moves on. The box holds the answer exactly as typed, pasted or read from the draft, and draws
each control character as a visible symbol (safe_text.visible): an escape sequence in a draft or
a paste never acts on the terminal. A line too long to wrap quickly (a whole page pasted into a
one-line answer) scrolls sideways instead: Textual re-wraps a line whole for each row it draws.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

from jdwizard.safe_text import visible
from jdwizard.template.model import Field
from jdwizard.ui.textual_fixes import KeysInOrder

LONG_LINE = 20_000  # characters; a longer line is not wrapped (about 50 ms a row drawn at 200 KB)


def one_line(text: str) -> str:
    """Pasted text for a one-line answer: line breaks (and runs of spaces around them) become
    one space, so no word of a multi-line paste is lost."""
    lines = text.splitlines()
    if len(lines) <= 1 and "\n" not in text:
        return text
    return " ".join(part.strip() for part in lines if part.strip())


class AnswerBox(KeysInOrder, TextArea):
    """The answer to `field`."""

    BINDINGS = [
        Binding("ctrl+j", "newline", show=False),  # a newline typed ahead (see WIZARD)
        Binding("alt+up", "move_line(-1)", "Move item up", show=False),  # a list's items
        Binding("alt+down", "move_line(1)", "Move item down", show=False),
    ]

    def __init__(self, field: Field, answer: str, *, replaceable: bool = False) -> None:
        self.field = field
        # A one-line default the user has not touched: shown selected, so typing replaces it
        # ("Full-time" becomes "Part-time", not "Full-timePart-time").
        self.replaceable = replaceable and not field.multi_line
        classes = "answer -text" if field.multi_line else "answer -line"
        super().__init__(answer, soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                         id=f"answer-{field.name}", classes=classes)
        self._given = answer
        self._loaded = self.text  # as the box holds it (its lines split at every line break)
        self._wrap_lines()

    @property
    def answer(self) -> str:
        """The answer the box holds: the one it was given, exactly, until it is edited."""
        return self._given if self.text == self._loaded else self.text

    @property
    def edited(self) -> bool:
        """Whether the text differs from what the box was given."""
        return self.text != self._loaded

    def reload(self, answer: str, *, undoable: bool = False) -> None:
        """Hold `answer` as given (a default that follows other answers, filled in anew);
        `undoable`: as an edit Ctrl+Z takes back (the user's text put aside for the default)."""
        if answer == self._given and not self.edited:
            return
        self._given = answer
        if undoable:
            self.replace(answer, (0, 0), self.document.end)
        else:
            self.load_text(answer)
        self._loaded = self.text
        self._wrap_lines()
        self._place_cursor()  # as on a box just made

    def on_mount(self) -> None:
        self._place_cursor()

    def _place_cursor(self) -> None:
        """At the end (typing adds to the answer), or all of a replaceable default selected."""
        if self.replaceable and not self.edited:
            self.select_all()
        else:
            self.move_cursor(self.document.end)

    def _wrap_lines(self, row: int | None = None) -> None:
        """Wrap long lines, unless one (line `row`, or any) is too long to wrap quickly; wrap
        again once the box is down to one short line."""
        lines = self.document.lines
        if self.soft_wrap:
            longest = len(lines[row]) if row is not None else max(map(len, lines))
            if longest > LONG_LINE:
                self.soft_wrap = False
        elif len(lines) == 1 and len(lines[0]) <= LONG_LINE:
            self.soft_wrap = True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """An edit: check the line it was made in (the message goes on to the screen)."""
        self._wrap_lines(self.cursor_location[0])

    def get_line(self, line_index: int) -> Text:
        """A line as drawn: control characters as visible symbols (TextArea's hook)."""
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("newline", "move_line"):
            return self.field.multi_line
        return True

    def action_newline(self) -> None:
        self.insert("\n")

    def action_move_line(self, delta: int) -> None:
        """Swap the cursor's line with the one above (-1) or below (1): reorder a list."""
        row, column = self.cursor_location
        other = row + delta
        lines = self.document.lines
        if not 0 <= other < len(lines):
            return
        first, second = sorted((row, other))
        swapped = f"{lines[second]}\n{lines[first]}"
        self.replace(swapped, (first, 0), (second, len(lines[second])))
        self.move_cursor((other, column))

    def update_suggestion(self) -> None:
        """The rest of the first suggestion that the text begins, once the cursor is at its
        end (→ accepts it): "Hy" suggests "brid"."""
        text = self.text
        suggestion = ""
        if text and self.field.suggestions and self.cursor_location == self.document.end:
            lowered = text.casefold()
            for option in self.field.suggestions:
                if option.casefold().startswith(lowered) and len(option) > len(text):
                    suggestion = option[len(text):]
                    break
        self.suggestion = suggestion

    def on_paste(self, event: events.Paste) -> None:
        """A paste keeps every word: a one-line answer joins its lines with spaces."""
        if self.field.multi_line:
            return  # TextArea's own paste: any kind of line break is a new line
        event.prevent_default()
        event.stop()
        text = one_line(event.text)
        if text and not self.read_only:
            self.replace(text, *self.selection)
