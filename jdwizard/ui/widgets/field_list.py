"""The list of a template's fields with done marks; selecting one jumps to it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from jdwizard.session import Session
from jdwizard.template import Field


def field_prompt(session: Session, field: Field) -> Text:
    """One row: a mark (✓ answered, ! needs attention, · unanswered) and the label."""
    if not session.answered(field):
        mark = Text("· ", "dim") if field.required else Text("  ", "dim")
    elif session.problem(field):
        mark = Text("! ", "bold red")
    else:
        mark = Text("✓ ", "bold green")
    label = Text(field.label)
    if not field.required:
        label.append(" (optional)", "dim")
    return mark + label


class FieldList(OptionList):
    """Every field of the session, in order, with its state."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(
            *(Option(field_prompt(session, f), id=f.name) for f in session.fields), id=id
        )
        self.session = session
        self._prompts = [field_prompt(session, f).plain for f in session.fields]

    def refresh_field(self, index: int) -> None:
        """Redraw one row if its state changed (cheap enough for every keystroke)."""
        prompt = field_prompt(self.session, self.session.fields[index])
        if prompt.plain != self._prompts[index]:
            self._prompts[index] = prompt.plain
            self.replace_option_prompt_at_index(index, prompt)
