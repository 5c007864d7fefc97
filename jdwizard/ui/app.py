"""The Textual application: which screen starts, app-wide keys, the palette and quitting."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import time
from collections.abc import Awaitable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual._time import get_time  # the clock Textual stamps events with
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from jdwizard.errors import UserError
from jdwizard.ui import textual_fixes
from jdwizard.ui.key_gate import KeyGate

if TYPE_CHECKING:  # imported where used: each first screen loads only what it needs
    from jdwizard.draft.listing import StartLists
    from jdwizard.draft.profiles import Profile
    from jdwizard.draft.session import Session
    from jdwizard.template.bundle import Template
    from jdwizard.ui.screens.wizard import WizardScreen

QUIT_CONFIRM_SECONDS = 10.0

textual_fixes.install()  # two resizes queued at once swapped the layout forever (Textual 8.2.8)


class JDWizardApp(KeyGate):
    """The jdwizard app: a start screen, or straight into the wizard for one session."""

    CSS_PATH = "app.tcss"
    TITLE = "jdwizard"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]

    def __init__(
        self,
        session: Session | None = None,
        drafts_folder: Path | None = None,
        start_lists: StartLists | None = None,
    ) -> None:
        """Open the wizard on `session`, else the start screen: on `start_lists` if the
        command line read them before the app started, else on lists read in a thread."""
        # NO_COLOR: Textual would still draw shades of grey; ANSI mode draws no colour at all.
        super().__init__(ansi_color=bool(os.environ.get("NO_COLOR")))
        self.session = session
        self.drafts_folder = drafts_folder
        self._start_lists = start_lists
        self._quit_refused_at = -QUIT_CONFIRM_SECONDS  # when quitting was last refused
        self._first_screen_shown = False
        self._init_key_gate()
        from jdwizard.config import load_config

        self.config = load_config()
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme

    def first_screen_shown(self) -> None:
        """Called once the first screen (start or wizard) is painted: turn the garbage
        collector back on if the command line paused it for start-up (freezing what start-up
        built, so later collections skip it), and load the checks' data in a thread so the
        first keystroke does not wait for it."""
        if self._first_screen_shown:
            return
        self._first_screen_shown = True
        self.first_painted_at = get_time()
        if not gc.isenabled():
            gc.enable()
            gc.freeze()
        # The method, not a coroutine: quitting at once, the worker never starts, and an
        # unawaited coroutine would print a warning on the way out.
        self.run_worker(self._warm_up_checks, group="warm-up", exit_on_error=False)

    async def _warm_up_checks(self) -> None:
        def load() -> None:
            from jdwizard.checks import warm_up

            with contextlib.suppress(Exception):  # a problem is reported when checks run
                warm_up()

        await asyncio.to_thread(load)

    def on_mount(self) -> None:
        if self.config.problem:
            self.notify(self.config.problem, title="Settings", severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.session is not None:
            self.push_screen(self._wizard_for(self.session))
        elif self._start_lists is not None:
            self._show_start_screen(self._start_lists)
            self._start_lists = None  # later visits read the lists afresh
        else:
            self.run_worker(self._open_start_screen(), exclusive=True, group="open")

    async def _open_start_screen(self, replace: bool = False) -> None:
        """Read the templates and drafts off the event loop, then show the start screen
        (in place of the current screen when `replace`)."""
        from jdwizard.draft.listing import load_start_lists

        lists = await asyncio.to_thread(load_start_lists, self.drafts_folder)
        await self._show_start_screen(lists, replace)

    def _show_start_screen(self, lists: StartLists, replace: bool = False) -> Awaitable[object]:
        """Show the start screen on `lists`; the result can be awaited until it is mounted."""
        from jdwizard.ui.screens.start import StartScreen

        start = StartScreen(
            list(lists.library.templates), lists.drafts, lists.library.problems, lists.profile
        )
        shown = self.switch_screen(start) if replace else self.push_screen(start)
        if lists.problem:
            self.notify(lists.problem, title="Profile", severity="warning", markup=False)
        return shown

    async def close_draft(self) -> None:
        """Save the draft, let go of it, and show the start screen (to open another).

        If the save fails, say so and stay: nothing typed is dropped."""
        wizard = next(iter(self._wizards()), None)
        if wizard is None:
            return
        await wizard.flush_typing()
        if wizard.session.has_content() and not await wizard.save(announce=False):
            self.notify("Not closed: your answers are not saved (see the message above). "
                        "Fix it, or use Save as (F3) to save elsewhere.",
                        title="Unsaved answers", severity="warning", markup=False)
            return
        wizard.session.close()
        while self.screen is not wizard:  # the review or a dialog on top of it
            self.pop_screen()
        await self._open_start_screen(replace=True)
        if wizard.session.path is not None and wizard.session.path.exists():
            self.notify(f"Saved {wizard.session.path.name}; Tab, then Enter, resumes it.",
                        title="Draft closed", markup=False)

    def _wizards(self) -> list[WizardScreen]:
        """The wizard screens open (under the review or a dialog, say)."""
        from jdwizard.ui.screens.wizard import WizardScreen

        return [screen for screen in self.screen_stack if isinstance(screen, WizardScreen)]

    @staticmethod
    def _wizard_for(session: Session) -> WizardScreen:
        from jdwizard.ui.screens.wizard import WizardScreen

        start = session.resume_index()
        screen = WizardScreen(session, start if start is not None else 0)
        if start is None and session.path is not None:
            screen.call_later(screen.action_review)  # everything answered: show the review
        return screen

    def start_new_draft(
        self,
        template: Template,
        answers: dict[str, str] | None = None,
        profile: Profile | None = None,
    ) -> None:
        """Open the wizard on a new draft of `template`: the profile's company answers (marked
        as such), then `answers`."""
        from jdwizard.draft.file import Draft
        from jdwizard.draft.session import Session

        self.session = Session(template, Draft(template.id), folder=self.drafts_folder)
        self.session.apply_profile(profile)
        for name, value in (answers or {}).items():
            self.session.set_answer(name, value)
        self._switch_when_settled(self._wizard_for(self.session))

    def _switch_when_settled(self, screen: Screen) -> None:
        """Show `screen` in place of the current one once that has settled (been painted).

        Textual's Header fills in its title just after mounting and fails if its screen is
        gone by then: Enter typed ahead at start-up would open a draft that soon."""
        if getattr(self.screen, "settled", True):
            self.switch_screen(screen)
        else:
            self.screen.call_after_refresh(self._switch_when_settled, screen)

    def resume_draft(self, path: Path) -> None:
        """Open the wizard on a saved draft (read in a worker); a bad file is reported.
        Keys typed meanwhile wait for the wizard (they are not start-screen commands)."""
        self.opening = True
        self.run_worker(self._resume(path), exclusive=True, group="open")

    async def _resume(self, path: Path) -> None:
        from jdwizard.draft.opening import open_session

        try:
            self.session = await asyncio.to_thread(open_session, path, self.drafts_folder)
        except UserError as error:  # keys wait on until the bad-draft dialog is up
            await self._offer_salvage(path, str(error))
            return
        finally:
            self.opening = False
        self._switch_when_settled(self._wizard_for(self.session))

    async def _offer_salvage(self, path: Path, problem: str) -> None:
        """Say why a draft cannot be opened; offer to view it or start a new draft from it."""
        from jdwizard.draft.file import salvage_draft
        from jdwizard.template.library import get_template
        from jdwizard.ui.screens.bad_draft import START_OVER, VIEW, BadDraftScreen, FileViewScreen

        salvage = await asyncio.to_thread(salvage_draft, path)
        template = None
        if salvage.template is not None:
            with contextlib.suppress(UserError):
                template = await asyncio.to_thread(get_template, salvage.template)

        def chosen(choice: str | None) -> None:
            if choice == VIEW and salvage.text is not None:
                self.push_screen(FileViewScreen(f"{path.name} (cannot be opened)", salvage.text))
            elif choice == START_OVER and template is not None:
                self.start_new_draft(template, salvage.answers)

        title = template.title if template is not None else None
        self.push_screen(BadDraftScreen(problem, salvage, title), chosen)

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen in the palette becomes the default (saved in config.toml)."""
        if theme.name != self.config.theme:
            self.run_worker(self.save_settings(theme=theme.name), group="settings")

    async def save_settings(self, **changes: str) -> None:
        """Change settings in config.toml (in a thread); a failure is reported, not raised."""
        from jdwizard.config import update_config

        try:
            self.config = await asyncio.to_thread(update_config, **changes)
        except (UserError, OSError) as error:
            self.notify(f"Setting not saved: {error}", title="Settings", severity="warning",
                        markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = getattr(screen, "commands", None)  # each screen lists its own actions
        if commands is not None:
            yield from commands()

    async def action_quit(self) -> None:
        """Save what was typed, then quit. If the save fails, say so and stay; a second Ctrl+Q
        within QUIT_CONFIRM_SECONDS quits without saving."""
        for wizard in self._wizards():
            await wizard.flush_typing()
            if not wizard.session.has_content() or await wizard.save(announce=False):
                continue
            if time.monotonic() - self._quit_refused_at < QUIT_CONFIRM_SECONDS:
                break
            self._quit_refused_at = time.monotonic()
            self.notify(
                "Not quitting: your answers are not saved. Press Ctrl+Q again to quit without "
                "saving.",
                title="Unsaved answers",
                severity="warning",
                timeout=QUIT_CONFIRM_SECONDS,
            )
            return
        self.exit()
