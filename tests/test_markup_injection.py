"""Issue 18, hostile input: text from a file is never Textual markup.

A template's question, hint or tip, or a profile's name, may hold `[ @click=app.screenshot(...)]`
(markup Textual's `escape()` lets through: a space before `@`), `[b]`, `[$error]` or an
unclosed `[/b]`. Shown as markup, such text styled the screen and bound a click to any action
(a screenshot written over a file the user owns). It must show exactly as written, and a click
on it must do nothing.
"""

from __future__ import annotations

from pathlib import Path

from test_library import _edit, user_copy

from conftest import press, screen_rows, wait_for
from jdwizard.draft.opening import new_session
from jdwizard.draft.profiles import Profile
from jdwizard.template.library import get_template
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.wizard import WizardScreen

SIZE = (200, 40)


TRAP = "[ @click=app.screenshot('victim.svg','victims')]CLICK HERE[/]"  # if obeyed, a click
# writes a screenshot into the folder `victims` (of the current directory)


def hostile_template() -> str:
    bundle = user_copy("marked")
    meta = bundle / "template.toml"
    _edit(meta, 'question = "What is your company called?"',
          f'question = "Company? {TRAP}"')
    _edit(meta, 'hint = "e.g. Acme Logistics"', 'hint = "e.g. [b]Acme[/b] [$error]Logistics"')
    meta.write_text(meta.read_text("utf-8") + '\n[[tips]]\ntext = "Bold [/b] tip [2J end"\n'
                    'fields = ["company"]\n', "utf-8")
    return "marked"


async def test_template_and_profile_text_shows_as_written_and_a_click_on_it_does_nothing(
        tmp_path: Path, drafts_folder: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    victims = tmp_path / "victims"
    victims.mkdir()
    template = get_template(hostile_template())
    profile = Profile("p", f"Acme {TRAP}", {"company": "Acme"})
    session = new_session(template, drafts_folder / "d.toml", {}, profile=profile)
    app = JDWizardApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        await press(pilot, "pageup")  # the profile answered the company: back to it
        await wait_for(pilot, lambda: "CLICK HERE" in "\n".join(screen_rows(app)),
                       "the company field")
        screen = "\n".join(screen_rows(app))
        assert f"Company? {TRAP}" in screen
        assert "e.g. [b]Acme[/b] [$error]Logistics" in screen
        assert "Bold [/b] tip [2J end" in screen
        assert f"Filled in from the Acme {TRAP}" in screen
        for row, text in enumerate(screen_rows(app)):
            column = text.find("CLICK HERE")
            if column >= 0:
                await pilot.click(offset=(column + 2, row))
        await pilot.pause()
    assert not list(victims.iterdir()), "a click on template text ran an action"
