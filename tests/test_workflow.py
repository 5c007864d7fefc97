"""Everyday workflow: themes remembered, every action in the command palette with its key."""

from __future__ import annotations

import tomllib

from conftest import BACKEND_ANSWERS, press, wait_for
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


def saved_theme() -> str | None:
    try:
        return tomllib.loads(config_path().read_text("utf-8")).get("theme")
    except OSError:
        return None


async def test_a_theme_chosen_is_remembered_for_the_next_start(drafts_folder):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        assert "Theme" in " ".join(palette(app))  # Textual's own "Change theme" command
        app.theme = "nord"
        await wait_for(pilot, lambda: saved_theme() == "nord", "the setting")
    again = JDWizardApp(None, drafts_folder)
    async with again.run_test(size=SIZE):
        assert isinstance(again.screen, StartScreen)
        assert again.theme == "nord"


async def test_a_broken_settings_file_is_reported_and_never_overwritten(drafts_folder, notices):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme = ", encoding="utf-8")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        assert any("config.toml: ignored" in m for m in notices)
        app.theme = "nord"
        await wait_for(pilot, lambda: any("fix or delete it" in m for m in notices))
    assert path.read_text(encoding="utf-8") == "theme = "


async def test_start_screen_actions_are_in_the_palette(drafts_folder):
    save_draft(Draft("backend-engineer", {"company": "Acme"}), "", drafts_folder / "a.toml")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, StartScreen)
        commands = palette(app)
        for title in ("New draft: Backend Engineer", "New draft: Site Reliability Engineer"):
            assert title in commands
        for title, key in (("Duplicate draft", "d"), ("Rename draft", "r"),
                           ("Delete draft", "x / delete"), ("Filter the list", "slash"),
                           ("Choose company profile", "p"), ("Import a template", "i"),
                           ("Help", "f1"), ("Quit", "ctrl+q")):
            assert commands[title].endswith(f"  {key}"), (title, commands[title])


WIZARD_KEYS = {"Quit": "ctrl+q", "Toggle preview": "f2", "Help": "f1", "Review and copy": "ctrl+r",
               "Next field": "pgdn", "Previous field": "pgup", "Save draft": "ctrl+s",
               "Save draft as…": "f3", "Close draft": "f4"}
REVIEW_KEYS = {"Quit": "ctrl+q", "Back to the fields": "escape", "Copy document": "c",
               "Save document as…": "e", "Save to company profile": "p", "Save draft": "ctrl+s",
               "Save draft as…": "f3", "Help": "f1", "Close draft": "f4"}


async def test_every_wizard_and_review_key_is_in_the_palette_with_its_key(drafts_folder, backend):
    """On each screen the palette lists each action with the key that does it, and the keys
    shown in the Footer are those of the palette's entries."""
    app = JDWizardApp(new_session(backend, drafts_folder / "d.toml", {}))
    async with app.run_test(size=SIZE) as pilot:
        for expected in (WIZARD_KEYS, REVIEW_KEYS):
            commands = palette(app)
            for title, key in expected.items():
                assert commands[title].endswith(f"  {key}"), (title, commands[title])
            shown = {binding.key for _, binding, _, _ in app.screen.active_bindings.values()
                     if binding.show and binding.action != "app.command_palette"}
            palette_keys = {help_.rsplit("  ", 1)[-1] for help_ in commands.values()}
            keys = {key for entry in palette_keys for key in entry.replace("pgdn", "pagedown")
                    .replace("pgup", "pageup").split(" / ")}
            assert shown <= keys, shown - keys
            await press(pilot, "ctrl+r")
            assert isinstance(app.screen, ReviewScreen)


async def test_palette_jumps_from_the_review_screen_to_a_field(drafts_folder, backend):
    path = drafts_folder / "done.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    from jdwizard.draft.opening import open_session

    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert commands["Copy document"].help.endswith("  c")
        await commands["Jump to field: Datastore"].callback()  # as the palette does
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen)
                       and app.screen.field.name == "datastore", "the jump")
