"""Choosing a company profile: the saved ones, or none."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jdwizard.draft.profiles import Profile, ProfileSummary

NO_PROFILE = ""


class ProfileChooser(ModalScreen[str | None]):
    """Dismisses with a profile id, NO_PROFILE, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, summaries: list[ProfileSummary], current: Profile | None) -> None:
        super().__init__()
        self.summaries = summaries
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("[b]Company profile for new drafts[/b]  (Enter chooses, Esc cancels)")
            yield Static(
                "A profile's company answers (company, what you do, location, work type, "
                "benefits, PTO) fill in every new draft. Save one from a review screen (p).",
                classes="dialog-help",
            )
            options = [Option(Text("No profile", "italic"), id="profile:")]
            for summary in self.summaries:
                detail = summary.problem or f"{summary.answers} answers"
                options.append(Option(
                    Text.assemble((summary.name, "bold"), f"  {summary.id}  ", (detail, "dim")),
                    id=f"profile:{summary.id}", disabled=bool(summary.problem)))
            yield OptionList(*options, id="profile-list")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        current = f"profile:{self.current.id}" if self.current else "profile:"
        ids = [option.id for option in choices.options]
        choices.highlighted = ids.index(current) if current in ids else 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.id).removeprefix("profile:"))

    def action_cancel(self) -> None:
        self.dismiss(None)
