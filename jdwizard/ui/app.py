"""The Textual application: which screen shows, opening and closing drafts, app-wide keys, the
command palette, settings, and the requests the screens post (handled by the open draft's
DraftController)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from jdwizard.errors import UserError
from jdwizard.ui import messages
from jdwizard.ui.controller import AUTOSAVE_SECONDS, DraftController, DraftOutcome

if TYPE_CHECKING:  # imported where used: each first screen loads only what it needs
    from jdwizard.draft.listing import StartLists
    from jdwizard.draft.profiles import Profile
    from jdwizard.draft.session import Session
    from jdwizard.template.model import Template
    from jdwizard.template.roles import Role
    from jdwizard.ui.messages import Jump
    from jdwizard.ui.screens.wizard import WizardScreen

QUIT_CONFIRM_SECONDS = 10.0


class JDWizardApp(App[None]):
    """The jdwizard app: a start screen, or straight into the wizard for one session."""

    CSS_PATH = Path(__file__).with_name("app.tcss")  # beside this module, also for subclasses
    TITLE = "jdwizard"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]

    draft_path: reactive[Path | None] = reactive(None)
    """The open draft's file (None: not saved yet, or no draft open); screens show it."""

    def __init__(
        self,
        session: Session | None = None,
        drafts_folder: Path | None = None,
        start_lists: StartLists | None = None,
        *,
        autosave_seconds: float = AUTOSAVE_SECONDS,
    ) -> None:
        """Open the wizard on `session`, else the start screen: on `start_lists` if the
        command line read them before the app started, else on lists read in a thread."""
        # NO_COLOR: Textual would still draw shades of grey; ANSI mode draws no colour at all.
        super().__init__(ansi_color=bool(os.environ.get("NO_COLOR")))
        self.drafts_folder = drafts_folder
        self.autosave_seconds = autosave_seconds
        self.controller: DraftController | None = None
        self.outcome: DraftOutcome | None = None  # how the draft was left, once the app ends
        self._first_session = session
        self._start_lists = start_lists
        self._quit_refused_at = -QUIT_CONFIRM_SECONDS  # when quitting was last refused
        from jdwizard.config import load_config

        self.config = load_config()
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, or its fix for input that is not UTF-8 (ui/textual_fixes.py)."""
        from jdwizard.ui.textual_fixes import input_driver

        return input_driver(super().get_driver_class())

    @property
    def session(self) -> Session | None:
        """The open draft's session, if a draft is open."""
        return self.controller.session if self.controller is not None else None

    async def on_mount(self) -> None:
        """Show the first screen. Awaited: keys typed meanwhile (while jdwizard starts) wait
        in order for it, and reach it once it is up."""
        if self.config.problem:
            self.notify(self.config.problem, title="Settings", severity="warning", markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._first_session is not None:
            await self._open_session(self._first_session, replace=False)
            self._first_session = None
        else:
            await self.show_start_screen(self._start_lists, replace=False)
            self._start_lists = None  # later visits read the lists afresh
        self.call_after_refresh(self._warm_up)

    def _warm_up(self) -> None:
        """Once the first screen is up: load the checks' data (word lists, pay rules), so the
        first keystroke's checks do not wait for it. On the event loop, not in a thread: a
        thread's first allocations come from a memory arena of its own, and the process kept
        about 4.5 MB more (a few milliseconds here)."""
        from jdwizard.checks.post import warm_up

        with contextlib.suppress(Exception):  # a problem is reported when the checks run
            warm_up()

    # -- which screen -------------------------------------------------------------------

    async def show_start_screen(self, lists: StartLists | None = None, *,
                                replace: bool = True) -> None:
        """Show the start screen (in place of the current screen when `replace`), on `lists`
        or on lists read now in a thread; returns once it is mounted."""
        from jdwizard.draft.listing import load_start_lists
        from jdwizard.ui.screens.start import StartScreen

        if lists is None:
            lists = await asyncio.to_thread(load_start_lists, self.drafts_folder)
        start = StartScreen(
            list(lists.library.templates), lists.drafts, lists.library.problems, lists.profile
        )
        if replace:
            await self.switch_screen(start)
        else:
            await self.push_screen(start)
        if lists.problem:
            self.notify(lists.problem, title="Profile", severity="warning", markup=False)

    async def open_template(
        self,
        template: Template,
        answers: dict[str, str] | None = None,
        profile: Profile | None = None,
    ) -> None:
        """Open the wizard on a new draft of `template`: the profile's company answers (marked
        as such), then `answers`. Returns once the wizard is up (keys typed meanwhile wait)."""
        from jdwizard.draft.file import Draft
        from jdwizard.draft.session import Session

        session = Session(template, Draft(template.id), folder=self.drafts_folder)
        session.apply_profile(profile)
        for name, value in (answers or {}).items():
            session.set_answer(name, value)
        await self._open_session(session)

    async def open_draft(self, path: Path, at: Role | None = None) -> None:
        """Open the wizard on a saved draft, read in a thread, at the field playing `at` (else
        where it was left); a file that cannot be opened is explained, and what can be read
        of it offered. Returns once the next screen is up (keys typed meanwhile wait)."""
        from jdwizard.draft.opening import open_session

        try:
            session = await asyncio.to_thread(open_session, path, self.drafts_folder)
        except UserError as error:
            await self._offer_salvage(path, str(error))
            return
        await self._open_session(session, at=at)
        from jdwizard.draft.recent import remember

        await asyncio.to_thread(remember, path, self.drafts_folder)

    async def _open_session(self, session: Session, *, replace: bool = True,
                            at: Role | None = None) -> None:
        from jdwizard.ui.screens.wizard import WizardScreen

        controller = DraftController(self, session, autosave_seconds=self.autosave_seconds,
                                     on_path_changed=self._path_changed)
        self.controller = controller
        self.draft_path = session.path
        field = session.template.field_for(at) if at is not None else None
        start = session.template.index_of(field.name) if field else session.resume_index()
        wizard = WizardScreen(controller, start if start is not None else 0)
        if replace:
            await self.switch_screen(wizard)
        else:
            await self.push_screen(wizard)
        controller.announce_opened()
        if start is None and session.path is not None:
            await self.show_review()  # everything answered: the review first

    def _path_changed(self, path: Path | None) -> None:
        self.draft_path = path

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

        async def chosen(choice: str | None) -> None:
            if choice == VIEW and salvage.text is not None:
                await self.push_screen(
                    FileViewScreen(f"{path.name} (cannot be opened)", salvage.text))
            elif choice == START_OVER and template is not None:
                await self.open_template(template, salvage.answers)

        title = template.title if template is not None else None
        await self.push_screen(BadDraftScreen(problem, salvage, title), chosen)

    def _wizards(self) -> list[WizardScreen]:
        """The wizard screens open (under the review or a dialog, say)."""
        from jdwizard.ui.screens.wizard import WizardScreen

        return [screen for screen in self.screen_stack if isinstance(screen, WizardScreen)]

    # -- what the screens ask for ---------------------------------------------------------

    @on(messages.SaveRequested)
    async def _save_requested(self) -> None:
        if self.controller is not None:
            await self.controller.save(announce=True)

    async def ask_where_to_save(self, reason: str = "") -> None:
        """Ask for a new path (returns once the dialog is up) and save there; from then on the
        draft lives at that path."""
        from jdwizard.ui.screens.dialogs import SaveAsScreen

        controller = self.controller
        if controller is None:
            return
        current = controller.path
        if current is not None:
            suggestion = current.with_name(f"{current.stem}-copy.toml")
        else:
            suggestion = Path.cwd() / f"{controller.session.template.id}.toml"

        async def chosen(path: Path | None) -> None:
            if path is not None:
                await controller.save(announce=True, target=path)

        await self.push_screen(SaveAsScreen(suggestion, reason), chosen)

    async def show_review(self) -> None:
        """From the field screen to the review of the open draft; returns once it is up."""
        from jdwizard.ui.screens.review import ReviewScreen

        if self.controller is not None:
            await self.push_screen(ReviewScreen(self.controller))

    async def back_to_fields(self, jump: Jump | None) -> None:
        """From the review screen back to the wizard: at the field (and word) `jump` names, or
        where the user was. Returns once that field's box has the focus."""
        wizard = next(iter(self._wizards()), None)
        if wizard is None:
            return
        while self.screen is not wizard:
            await self.pop_screen()
        await wizard.back_from_review(jump)

    async def close_draft(self) -> None:
        """Save the draft, let go of it, and show the start screen (to open another).

        If the save fails, say so and stay: nothing typed is dropped."""
        controller = self.controller
        if controller is None:
            return
        if not await controller.save_before_leaving():
            self.notify("Not closed: your answers are not saved (see the message above). "
                        "Fix it, or use Save as (F3) to save elsewhere.",
                        title="Unsaved answers", severity="warning", markup=False)
            return
        controller.close()
        self.controller = None
        self.draft_path = None
        wizard = next(iter(self._wizards()), None)
        while wizard is not None and self.screen is not wizard:  # the review, a dialog...
            await self.pop_screen()
        await self.show_start_screen()
        path = controller.path
        if path is not None and path.exists():
            self.notify(f"Saved {path.name}; Tab, then Enter, resumes it.",
                        title="Draft closed", markup=False)

    @on(messages.CopyRequested)
    def _copy_requested(self, request: messages.CopyRequested) -> None:
        """Copy in a worker of the app, not of the screen that asked: leaving that screen
        while the clipboard tool is slow loses neither the copy nor its message."""
        if self.controller is not None:
            self.run_worker(self.controller.copy(request.format_name), group="copy-document",
                            description="copy the document")
            self._remember_format(request.format_name)

    @on(messages.SaveDocumentRequested)
    async def _save_document_requested(self, request: messages.SaveDocumentRequested) -> None:
        if self.controller is not None:
            self._remember_format(request.format_name)
            await self.controller.save_document(request.format_name)

    @on(messages.SaveToProfileRequested)
    async def _save_to_profile_requested(self, request: messages.SaveToProfileRequested) -> None:
        if self.controller is not None and await self.controller.save_to_profile(request.name):
            from jdwizard.config import load_config

            self.config = await asyncio.to_thread(load_config)

    # -- settings ---------------------------------------------------------------------------

    def _remember_format(self, format_name: str) -> None:
        if format_name != self.config.copy_format:
            self.run_worker(self.save_settings(copy_format=format_name), group="settings")

    def _remember_theme(self, theme: Theme) -> None:
        """A theme chosen in the palette becomes the default (saved in config.toml)."""
        if theme.name != self.config.theme:
            self.run_worker(self.save_settings(theme=theme.name), group="settings")

    async def save_settings(self, *, theme: str | None = None,
                            copy_format: str | None = None) -> None:
        """Change settings in config.toml (in a thread); a failure is reported, not raised."""
        from jdwizard.config import update_config

        try:
            self.config = await asyncio.to_thread(
                lambda: update_config(theme=theme, copy_format=copy_format))
        except (UserError, OSError) as error:
            self.notify(f"Setting not saved: {error}", title="Settings", severity="warning",
                        markup=False)

    # -- the palette, quitting ----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from jdwizard.ui.screens.base import ActionScreen

        yield from super().get_system_commands(screen)
        if isinstance(screen, ActionScreen):  # each screen lists its own actions
            yield from screen.commands()

    async def action_quit(self) -> None:
        """Save what was typed, then quit. If the save fails, say so and stay; a second Ctrl+Q
        within QUIT_CONFIRM_SECONDS quits without saving."""
        controller = self.controller
        saved = controller is None or await controller.save_before_leaving()
        if not saved and time.monotonic() - self._quit_refused_at >= QUIT_CONFIRM_SECONDS:
            self._quit_refused_at = time.monotonic()
            self.notify(
                "Not quitting: your answers are not saved. Press Ctrl+Q again to quit "
                "without saving.",
                title="Unsaved answers", severity="warning", timeout=QUIT_CONFIRM_SECONDS,
            )
            return
        if controller is not None:
            controller.close()
            self.outcome = controller.outcome()
        self.exit()
