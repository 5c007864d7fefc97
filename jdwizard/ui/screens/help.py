"""Help for a template: when to use it, how to personalise it, its tips and FAQ."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from jdwizard.safe_text import visible
from jdwizard.template.model import Template
from jdwizard.ui.actions import WIZARD, Action


def keys_markdown(table: Iterable[Action]) -> str:
    """The keys of a screen's actions as a Markdown list (from the same table as its bindings)."""
    lines = [f"- **{action.key_names}**: {action.help}"
             for action in table if action.keys and action.help]
    lines.append("- **ctrl+p**: the command palette: every action, and a jump to any field")
    return "\n".join(lines)


def help_markdown(template: Template, current: str | None = None) -> str:
    """The help text of `template` as Markdown; tips for `current` come first. Its text is
    the template's (untrusted): control characters show as symbols."""
    parts = [f"# {template.title}", template.summary]
    if template.when_to_use:
        parts += ["## When to use this template", template.when_to_use]
    tips = sorted(template.tips, key=lambda tip: current not in tip.fields)
    if tips:
        parts.append("## Writing tips")
        parts.append("\n".join(f"- {tip.text}" for tip in tips))
    if template.personalize:
        parts += ["## How to personalise", template.personalize]
    if template.faq:
        parts.append("## Frequently asked questions")
        for item in template.faq:
            parts += [f"**{item.question}**", item.answer]
    text = visible("\n\n".join(part for part in parts if part))
    return f"{text}\n\n## Keys\n\n{keys_markdown(WIZARD)}"


class HelpScreen(ModalScreen[None]):
    """A scrolling help panel over the current screen."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("f1", "dismiss", "Close", priority=True),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, template: Template, current: str | None = None) -> None:
        super().__init__()
        self.template = template
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            with VerticalScroll(id="help-scroll"):
                yield Markdown(help_markdown(self.template, self.current), id="help-text")
            yield Static("Esc or F1 closes", id="help-footer")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
