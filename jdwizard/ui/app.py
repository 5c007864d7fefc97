"""The Textual application: which screen starts, app-wide keys, the palette and quitting."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from jdwizard.errors import UserError
from jdwizard.session import Session
from jdwizard.template import Template
from jdwizard.ui.screens.wizard import WizardScreen


class JDWizardApp(App[None]):
    """The jdwizard app: a start screen, or straight into the wizard for one session."""

    CSS_PATH = "app.tcss"
    TITLE = "jdwizard"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]

    def __init__(self, session: Session | None = None, drafts_folder: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.drafts_folder = drafts_folder
        self._quit_despite_failed_save = False

    def on_mount(self) -> None:
        if self.session is not None:
            self.push_screen(self._wizard_for(self.session))
        else:
            self.push_screen(self._start_screen())

    def _start_screen(self) -> Screen:
        from jdwizard.app_state import load_start_lists
        from jdwizard.ui.screens.start import StartScreen

        templates, drafts = load_start_lists(self.drafts_folder)
        return StartScreen(templates, drafts)

    @staticmethod
    def _wizard_for(session: Session) -> WizardScreen:
        start = session.resume_index()
        screen = WizardScreen(session, start if start is not None else 0)
        if start is None and session.path is not None:
            screen.call_later(screen.action_review)  # everything answered: show the review
        return screen

    def start_new_draft(self, template: Template) -> None:
        """Open the wizard on a new, empty draft of `template`."""
        from jdwizard.drafts import Draft

        self.session = Session(template, Draft(template.id), folder=self.drafts_folder)
        self.switch_screen(self._wizard_for(self.session))

    def resume_draft(self, path: Path) -> None:
        """Open the wizard on a saved draft; a bad file is reported, not opened."""
        from jdwizard.app_state import open_session

        try:
            self.session = open_session(path, self.drafts_folder)
        except UserError as error:
            self.notify(str(error), title="Cannot open", severity="error", markup=False)
            return
        self.switch_screen(self._wizard_for(self.session))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        wizard = screen if isinstance(screen, WizardScreen) else None
        if wizard is None and hasattr(screen, "wizard"):
            wizard = screen.wizard
        if wizard is not None:
            yield from wizard.commands()

    async def action_quit(self) -> None:
        """Save what was typed, then quit; if that save fails, a second Ctrl+Q quits anyway."""
        if not self._quit_despite_failed_save:
            for wizard in [s for s in self.screen_stack if isinstance(s, WizardScreen)]:
                if wizard.session.has_content() and not await wizard.save(announce=False):
                    self._quit_despite_failed_save = True
                    self.notify(
                        "Not quitting: your answers are not saved. Press Ctrl+Q again to "
                        "quit without saving.",
                        title="Unsaved answers",
                        severity="warning",
                        timeout=10,
                    )
                    return
        self.exit()
