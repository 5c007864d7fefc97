"""Help for a template: when to use it, how to personalise it, its tips and FAQ."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from jdwizard.template.bundle import Template


def help_markdown(template: Template, current: str | None = None) -> str:
    """The help text of `template` as Markdown; tips for `current` come first."""
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
    parts += ["## Keys", "\n".join([
        "- **Enter** (single-line field) or **PageDown**: next field; **PageUp**: previous",
        "- **Ctrl+S**: save the draft (TOML) and document (Markdown); changes also autosave",
        "- **Ctrl+R**: review, copy and save; **F2**: show or hide the preview",
        "- **Ctrl+P**: command palette (jump to any field, save, copy, help)",
        "- **Ctrl+Q**: save and quit",
    ])]
    return "\n\n".join(part for part in parts if part)


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
