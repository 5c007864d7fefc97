"""Small dialogs: confirm a step, ask for a line of text, a path to save to, a document format,
or a company profile. Each dismisses with the answer (None when cancelled with Esc)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.draft.opening import save_as_problem
from jdwizard.draft.profiles import Profile, ProfileSummary
from jdwizard.export import FORMAT_LABELS, FORMATS
from jdwizard.safe_text import visible
from jdwizard.ui.screens.base import Dialog
from jdwizard.ui.widgets.line_input import LineInput

CANCEL: list[BindingType] = [Binding("escape", "cancel", "Cancel")]


class ConfirmScreen(Dialog[bool]):
    """Dismisses with True only when the user confirms; Esc or Cancel is False."""

    BINDINGS = CANCEL

    def __init__(self, question: str, confirm_label: str) -> None:
        super().__init__()
        self.question = question
        self.confirm_label = confirm_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(visible(self.question), id="confirm-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.confirm_label, id="confirm", variant="error")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#cancel", Button))  # the safe choice is the default

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)


class AskScreen(Dialog[str | None]):
    """One line of text; `problem(value)` says why it will not do (shown), or None to accept."""

    BINDINGS = CANCEL

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
            yield Static(Text.assemble((self.ask_title, "bold"),
                                       "  (Enter to confirm, Esc to cancel)"))
            yield Static(visible(self.explanation), classes="dialog-help", markup=False)
            yield LineInput(visible(self.value), id="ask-value")
            yield Static(id="ask-error", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted, "#ask-value")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        problem = "Type something first." if not value else (
            self.problem(value) if self.problem else None
        )
        if problem:
            self.query_one("#ask-error", Static).update(visible(problem))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SaveAsScreen(Dialog[Path | None]):
    """Where to write the draft (for when its folder will not do); the chosen .toml path."""

    BINDINGS = CANCEL

    def __init__(self, suggestion: Path, reason: str = "") -> None:
        super().__init__()
        self.suggestion = suggestion
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text.assemble(("Save the draft as", "bold"),
                                       "  (Enter saves, Esc cancels)"))
            if self.reason:
                yield Static(visible(self.reason), id="save-as-reason", markup=False)
            yield Static("A .toml path; the Markdown document is written beside it as .md.",
                         classes="dialog-help")
            yield LineInput(str(self.suggestion), id="save-as-path")
            yield Static(id="save-as-error", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted, "#save-as-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        problem = save_as_problem(path) if event.value.strip() else "Type a path first."
        if problem:
            self.query_one("#save-as-error", Static).update(visible(problem))
            return
        self.dismiss(path.absolute())

    def action_cancel(self) -> None:
        self.dismiss(None)


USES = {
    "markdown": "for job boards and tools that render Markdown",
    "text": "for plain forms: no # or *, bullets as •",
    "html": "for rich-text editors (paste keeps headings and lists)",
    "jsonld": "for your careers page's HTML (Google for Jobs reads it)",
}


class FormatChooser(Dialog[str | None]):
    """The document format for Copy and Save; the default highlighted."""

    BINDINGS = CANCEL

    def __init__(self, action: str, default: str) -> None:
        super().__init__()
        self.action = action
        self.default = default if default in FORMATS else FORMATS[0]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text.assemble((f"{self.action} as", "bold"),
                                       "  (Enter chooses and becomes the default)"))
            yield OptionList(
                *(Option(f"{FORMAT_LABELS[name]} — {USES.get(name, '')}", id=name)
                  for name in FORMATS),
                id="format-list",
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        self.set_focus(choices)
        choices.highlighted = FORMATS.index(self.default)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


NO_PROFILE = ""


class ProfileChooser(Dialog[str | None]):
    """The company profile for new drafts: a profile id, NO_PROFILE, or None (cancelled)."""

    BINDINGS = CANCEL

    def __init__(self, summaries: list[ProfileSummary], current: Profile | None) -> None:
        super().__init__()
        self.summaries = summaries
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text.assemble(("Company profile for new drafts", "bold"),
                                       "  (Enter chooses, Esc cancels)"))
            yield Static(
                "A profile's company answers (company, what you do, location, work type, "
                "benefits, PTO) fill in every new draft. Save one from a review screen (p).",
                classes="dialog-help",
            )
            options = [Option(Text("No profile", "italic"), id="profile:")]
            for summary in self.summaries:
                detail = visible(summary.problem) or f"{summary.answers} answers"
                options.append(Option(
                    Text.assemble((visible(summary.name), "bold"), f"  {summary.id}  ",
                                  (detail, "dim")),
                    id=f"profile:{summary.id}", disabled=bool(summary.problem)))
            yield OptionList(*options, id="profile-list")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        self.set_focus(choices)
        current = f"profile:{self.current.id}" if self.current else "profile:"
        ids = [option.id for option in choices.options]
        choices.highlighted = ids.index(current) if current in ids else 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id).removeprefix("profile:"))

    def action_cancel(self) -> None:
        self.dismiss(None)
