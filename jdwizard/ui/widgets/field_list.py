"""The list of a template's fields with done marks; selecting one jumps to it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from jdwizard.draft.session import Session
from jdwizard.safe_text import visible
from jdwizard.template.model import Field
from jdwizard.ui.widgets.lists import ChoiceList


def field_prompt(session: Session, field: Field, current: bool = False) -> Text:
    """One row: a mark (✓ answered, ! needs attention, · unanswered) and the label."""
    if not session.answered(field):
        mark = Text("· ", "dim") if field.required else Text("  ", "dim")
    elif session.problem(field):
        mark = Text("! ", "bold red")
    else:
        mark = Text("✓ ", "bold green")
    label = Text(visible(field.label), "bold reverse" if current else "")
    if not field.required:
        label.append(" (optional)", "dim")
    if session.from_profile(field):
        label.append(" ⌂ profile", "dim italic")
    return Text("▸ " if current else "  ") + mark + label


class FieldList(ChoiceList):
    """Every field of the session, in order, with its state; the current one is marked ▸."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(
            *(Option(field_prompt(session, f), id=f.name) for f in session.fields), id=id
        )
        self.session = session
        self.current = 0
        self._shown = [field_prompt(session, f) for f in session.fields]

    def on_mount(self) -> None:
        self.border_title = "Fields (Tab, then ↑↓ Enter)"

    def refresh_field(self, index: int) -> None:
        """Redraw one row if its state changed (cheap enough for every keystroke)."""
        field = self.session.fields[index]
        prompt = field_prompt(self.session, field, current=index == self.current)
        if prompt != self._shown[index]:
            self._shown[index] = prompt
            self.replace_option_prompt_at_index(index, prompt)

    def set_current(self, index: int) -> None:
        """Mark field `index` as the one being edited and keep it in view."""
        previous, self.current = self.current, index
        self.refresh_field(previous)
        self.refresh_field(index)
        self.highlighted = index
