"""The review screen's Save document as (e) and Copy (c) in Markdown, plain text or HTML: the
files written beside the draft, the format remembered, and what the user is told."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from conftest import BACKEND_ANSWERS, press, wait_for
from jdwizard.config import config_path, load_config
from jdwizard.draft.file import Draft, load_draft, save_draft
from jdwizard.draft.opening import open_session
from jdwizard.export import export
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.dialogs import FormatChooser
from jdwizard.ui.screens.review import ReviewScreen

SIZE = (120, 40)


def draft(folder: Path, answers: dict[str, str]) -> Path:
    path = folder / "acme.toml"
    save_draft(Draft("backend-engineer", answers=answers), "", path)
    return path


def messages(notices) -> list[tuple[str, str, str]]:
    return [(n.title, n.severity, str(n)) for n in notices]


async def choose(app: JDWizardApp, pilot, format_name: str) -> None:
    """Pick `format_name` in the format chooser that the last key opened."""
    await wait_for(pilot, lambda: isinstance(app.screen, FormatChooser), "the format chooser")
    choices = app.screen.query_one("#format-list", OptionList)
    choices.highlighted = next(i for i in range(choices.option_count)
                               if choices.get_option_at_index(i).id == format_name)
    await press(pilot, "enter")


async def message_titled(notices, pilot, title: str) -> None:
    await wait_for(pilot, lambda: any(n.title == title for n in notices), f"a {title!r} message")


async def test_save_document_as_html_writes_it_beside_the_draft_and_remembers(drafts_folder,
                                                                             notices):
    path = draft(drafts_folder, dict(BACKEND_ANSWERS))
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "e")
        await choose(app, pilot, "html")
        await message_titled(notices, pilot, "Saved")
        assert ("Saved", "information", "Saved acme.toml and acme.html") in messages(notices)
        assert not any(t == "Not finished" for t, _, _ in messages(notices))
        document = app.session.document()
        await press(pilot, "e")  # the next time, HTML is the highlighted choice
        await wait_for(pilot, lambda: isinstance(app.screen, FormatChooser), "the chooser")
        assert app.screen.query_one(OptionList).highlighted_option.id == "html"
        await press(pilot, "escape")
    html = path.with_suffix(".html").read_text("utf-8")
    assert html == export(document, "html")
    assert html.startswith(
        "<h1>Senior Backend Engineer</h1>\n<ul>\n<li>Company: Acme Logistics</li>")
    assert "<h2>About Acme Logistics</h2>" in html and "{{" not in html
    assert load_draft(path).answers == BACKEND_ANSWERS
    assert load_config(config_path()).copy_format == "html"


async def test_saving_an_unfinished_document_says_what_is_missing(drafts_folder, notices):
    answers = {k: v for k, v in BACKEND_ANSWERS.items() if k != "hiring_manager"}
    path = draft(drafts_folder, answers)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+r")
        assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "e")
        await choose(app, pilot, "text")
        await message_titled(notices, pilot, "Not finished")
        warning = next(m for t, s, m in messages(notices) if t == "Not finished")
        assert warning.startswith("1 required field(s) are still unanswered")
    text = path.with_suffix(".txt").read_text("utf-8")
    assert "{{hiring_manager}}" in text  # written as it stands, and the user was told


async def test_copy_fallback_names_the_file_of_the_chosen_format(drafts_folder, monkeypatch,
                                                                 tmp_path, notices):
    """No clipboard tool: the message points at the document in the format chosen, not at the
    Markdown file when plain text was asked for."""
    monkeypatch.setenv("PATH", str(tmp_path))  # no clipboard tool
    path = draft(drafts_folder, dict(BACKEND_ANSWERS))
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "c")
        await choose(app, pilot, "text")
        await message_titled(notices, pilot, "Copied via terminal")
        message = next(m for t, _, m in messages(notices) if t == "Copied via terminal")
        assert str(path.with_suffix(".txt")) in message and ".md" not in message
        assert "Plain text" in message
        assert app.clipboard == export(app.session.document(), "text")
