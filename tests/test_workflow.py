"""Everyday workflow: themes remembered, every action in the command palette with its key."""

from __future__ import annotations

import tomllib

from conftest import BACKEND_ANSWERS
from jdwizard.config import config_path
from jdwizard.draft.file import Draft, save_draft
from jdwizard.draft.opening import new_session
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen

SIZE = (120, 40)


def palette(app: JDWizardApp) -> dict[str, str]:
    """The command palette's entries on the current screen: title -> help."""
    return {c.title: c.help for c in app.get_system_commands(app.screen)}


async def test_a_theme_chosen_is_remembered_for_the_next_start(drafts_folder):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        assert "Theme" in " ".join(palette(app))  # Textual's own "Change theme" command
        app.theme = "nord"
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
    assert tomllib.loads(config_path().read_text("utf-8"))["theme"] == "nord"
    again = JDWizardApp(None, drafts_folder)
    async with again.run_test(size=SIZE) as pilot:
        await again.workers.wait_for_complete()  # the start screen is up (not mid-mount)
        await pilot.pause()
        assert isinstance(again.screen, StartScreen)
        assert again.theme == "nord"


async def test_a_broken_settings_file_is_reported_and_never_overwritten(drafts_folder):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme = ", encoding="utf-8")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("config.toml: ignored" in n.message for n in app._notifications)
        app.theme = "nord"
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        assert any("fix or delete it" in n.message for n in app._notifications)
    assert path.read_text(encoding="utf-8") == "theme = "


async def test_start_screen_actions_are_in_the_palette(drafts_folder):
    save_draft(Draft("backend-engineer", {"company": "Acme"}), "", drafts_folder / "a.toml")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        commands = palette(app)
        for title in ("New draft: Backend Engineer", "New draft: Site Reliability Engineer"):
            assert title in commands
        for title, key in (("Duplicate draft", "d"), ("Rename draft", "r"),
                           ("Delete draft", "x / delete"), ("Filter drafts", "/"),
                           ("Help", "f1")):
            assert commands[title].endswith(f"  {key}")


def test_every_wizard_and_review_key_is_in_the_palette(tmp_path, backend):
    """Each key binding of the wizard and review screens has a palette entry naming the key."""
    wizard = WizardScreen(new_session(backend, tmp_path / "d.toml", {}))
    helps = [c.help for c in wizard.commands()] + [c.help for c in ReviewScreen(wizard).commands()]
    for binding in WizardScreen.BINDINGS + ReviewScreen.BINDINGS:
        key = {"escape": "esc", "pagedown": "pgdn", "pageup": "pgup"}.get(binding.key, binding.key)
        assert any(help_.endswith(f"  {key}") or f" {key}" in help_ for help_ in helps), key


async def test_palette_jumps_from_the_review_screen_to_a_field(drafts_folder, backend):
    path = drafts_folder / "done.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    from jdwizard.draft.opening import open_session

    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert commands["Copy document"].help.endswith("  c")
        commands["Jump to field: Datastore"].callback()
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.field.name == "datastore"
