"""Exports stay true: every save (autosave, Ctrl+S, quitting) rewrites the documents the user
saved beside the draft (.txt, .html, .jsonld) from the same document as the .md, and creates
none; rename, duplicate and delete carry a .jsonld like the other documents. Each test drives
the real app and reads the files on disk."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from conftest import BACKEND_ANSWERS, press, wait_for
from jdwizard.draft.file import Draft, load_draft, save_draft
from jdwizard.draft.opening import new_session, open_session
from jdwizard.export import export
from jdwizard.paths import builtin_templates_dir, user_templates_dir
from jdwizard.safe_text import for_document
from jdwizard.template.engine import Renderer
from jdwizard.template.library import get_template
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.dialogs import ConfirmScreen, FormatChooser
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen

SIZE = (120, 40)
ROCKSTAR = "a team that loves rockstar engineers"
EXPORTS = ("text", "html")


def document_of(answers: dict[str, str], template_id: str = "backend-engineer") -> str:
    return for_document(Renderer(get_template(template_id)).render(answers))


def saved_with_exports(folder: Path, answers: dict[str, str], *formats: str,
                       template_id: str = "backend-engineer") -> Path:
    """A draft saved with its .md, and the document saved beside it in `formats`."""
    path = folder / "acme.toml"
    document = document_of(answers, template_id)
    save_draft(Draft(template_id, answers=dict(answers)), document, path)
    for format_name in formats:
        path.with_suffix({"text": ".txt", "html": ".html"}[format_name]).write_text(
            export(document, format_name), "utf-8")
    return path


def read(path: Path, suffix: str) -> str:
    return path.with_suffix(suffix).read_text("utf-8")


def files(folder: Path) -> list[str]:
    """The names of the files in `folder` (not the hidden lock files)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def settled(app: JDWizardApp) -> bool:
    """Everything typed is on disk."""
    return app.session is not None and not app.session.dirty


async def remove_rockstar(app: JDWizardApp, pilot) -> None:
    """On the review, Enter on the "rockstar" finding, then delete the word where it lands."""
    assert isinstance(app.screen, ReviewScreen)
    todo = app.screen.query_one("#todo", OptionList)
    await wait_for(pilot, lambda: todo.option_count > 0, "the checks")
    prompts = [str(todo.get_option_at_index(i).prompt) for i in range(todo.option_count)]
    todo.highlighted = next(i for i, p in enumerate(prompts) if '"rockstar"' in p)
    await press(pilot, "enter")
    await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the fields")
    await press(pilot, *["delete"] * len("rockstar "))
    assert app.session.answers["what_you_do"] == "a team that loves engineers"


async def test_the_autosave_rewrites_the_html_and_text_saved_beside_the_draft(drafts_folder):
    """A user removes "rockstar": the .html and .txt they paste from lose it too, and hold
    exactly what the .md holds, converted."""
    path = saved_with_exports(drafts_folder, dict(BACKEND_ANSWERS, what_you_do=ROCKSTAR),
                              *EXPORTS)
    assert all("rockstar" in read(path, suffix) for suffix in (".md", ".html", ".txt"))
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await remove_rockstar(app, pilot)
        await wait_for(pilot, lambda: settled(app) and "rockstar" not in read(path, ".html"),
                       "the autosave")
        document = app.session.document()
    assert load_draft(path).answers["what_you_do"] == "a team that loves engineers"
    assert read(path, ".md") == document
    for format_name, suffix in (("html", ".html"), ("text", ".txt")):
        assert read(path, suffix) == export(document, format_name)
        assert "a team that loves engineers" in read(path, suffix)
        assert "rockstar" not in read(path, suffix)


async def test_a_save_creates_no_export_that_was_never_saved(drafts_folder):
    """Only the .html was saved: a save rewrites it and writes no .txt (nor .jsonld)."""
    path = saved_with_exports(drafts_folder, dict(BACKEND_ANSWERS, what_you_do=ROCKSTAR), "html")
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await remove_rockstar(app, pilot)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: settled(app) and "rockstar" not in read(path, ".html"),
                       "the save")
    assert files(drafts_folder) == ["acme.html", "acme.md", "acme.toml"]


async def test_quitting_rewrites_the_exports(drafts_folder):
    """No autosave yet (it would come in a minute): the save on quitting rewrites them."""
    path = saved_with_exports(drafts_folder, dict(BACKEND_ANSWERS, what_you_do=ROCKSTAR),
                              *EXPORTS)
    app = JDWizardApp(open_session(path, drafts_folder), autosave_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await remove_rockstar(app, pilot)
        assert "rockstar" in read(path, ".html")  # nothing saved yet
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert app.outcome is not None and app.outcome.saved
    for suffix in (".md", ".html", ".txt"):
        assert "rockstar" not in read(path, suffix)
        assert "a team that loves engineers" in read(path, suffix)


def unwritable_file(tmp_path: Path) -> Path:
    """A regular file that cannot be replaced: in a read-only folder or, for root (whom
    permissions do not stop), one of Linux's /proc files."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    (folder / "shared.html").write_text("<p>shared</p>", "utf-8")
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):
        folder.chmod(0o700)
        if not Path("/proc/version").is_file():
            pytest.skip("no file here that root cannot replace")
        return Path("/proc/version")
    return folder / "shared.html"


async def test_an_export_that_cannot_be_written_fails_the_save_and_a_later_one_recovers(
    drafts_folder, tmp_path, notices
):
    """The .html links to a file that cannot be replaced: the save says which file, and the
    draft is left as last saved (documents go first), so once the file can be written the next
    save succeeds, without taking the draft for someone else's change."""
    path = saved_with_exports(drafts_folder, dict(BACKEND_ANSWERS, what_you_do=ROCKSTAR),
                              *EXPORTS)
    html = path.with_suffix(".html")
    html.unlink()
    html.symlink_to(unwritable_file(tmp_path))
    try:
        app = JDWizardApp(open_session(path, drafts_folder), autosave_seconds=60)
        async with app.run_test(size=SIZE) as pilot:
            await remove_rockstar(app, pilot)
            await press(pilot, "ctrl+s")
            await wait_for(pilot, lambda: any(n.title == "Not saved" for n in notices), "it")
            failure = next(n for n in notices if n.title == "Not saved")
            assert failure.startswith(f"Could not save {path}: acme.html: "), failure
            assert "rockstar" in load_draft(path).answers["what_you_do"]
            assert app.session.dirty
            html.unlink()
            html.write_text("<p>old</p>", "utf-8")
            await press(pilot, "ctrl+s")
            await wait_for(pilot, lambda: settled(app), "the save")
            document = app.session.document()
    finally:
        (tmp_path / "read-only").chmod(0o700)
    assert not any(n.title == "Saving to a copy" for n in notices), list(notices)
    assert app.session.path == path
    assert load_draft(path).answers["what_you_do"] == "a team that loves engineers"
    assert read(path, ".html") == export(document, "html")
    assert read(path, ".txt") == export(document, "text")


def fragile_template() -> None:
    """A user template "fragile" whose body fails when the company is "Boom"."""
    folder = user_templates_dir() / "fragile"
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    manifest = folder / "template.toml"
    text = manifest.read_text("utf-8")
    assert 'id = "backend-engineer"' in text
    manifest.write_text(text.replace('id = "backend-engineer"', 'id = "fragile"', 1), "utf-8")
    with (folder / "body.md.j2").open("a", encoding="utf-8") as body:
        body.write('{% if company == "Boom" %}{{ company | int // 0 }}{% endif %}\n')


async def test_a_save_that_cannot_render_leaves_the_exports_as_they_were(drafts_folder,
                                                                         notices):
    fragile_template()
    path = saved_with_exports(drafts_folder, dict(BACKEND_ANSWERS), *EXPORTS,
                              template_id="fragile")
    before = {suffix: read(path, suffix) for suffix in (".md", ".html", ".txt")}
    app = JDWizardApp(open_session(path, drafts_folder), autosave_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the fields")
        await app.screen.jump_to("company")
        await press(pilot, *["backspace"] * len(BACKEND_ANSWERS["company"]), *"Boom")
        assert app.session.answers["company"] == "Boom"
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: any(n.title == "Document not saved" for n in notices),
                       "the save's message")
    assert load_draft(path).answers["company"] == "Boom"  # the answers are saved
    assert {suffix: read(path, suffix) for suffix in before} == before


async def test_the_rename_to_the_company_name_takes_the_exports_along(drafts_folder):
    """A draft saved before its company was known, with its HTML saved from the review and a
    .jsonld beside it: once the company is typed, the draft, its .md and both go to the new
    name, the HTML and the JSON-LD rewritten with the company in it."""
    app = JDWizardApp(new_session(get_template("backend-engineer"), None,
                                  {"what_you_do": "a shop"}, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: settled(app), "the first autosave")
        first = app.session.path
        assert first is not None and first.name.startswith("backend-engineer-")
        first.with_suffix(".jsonld").write_text("{}", "utf-8")
        await press(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        await press(pilot, "e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormatChooser), "the chooser")
        choices = app.screen.query_one("#format-list", OptionList)
        choices.highlighted = next(i for i in range(choices.option_count)
                                   if choices.get_option_at_index(i).id == "html")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: first.with_suffix(".html").exists(), "the HTML")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the fields")
        await app.screen.jump_to("company")
        await press(pilot, *"Zyxco", "enter")
        await wait_for(pilot, lambda: settled(app) and app.session.path.name.startswith(
            "zyxco-"), "the rename")
        path = app.session.path
    assert files(drafts_folder) == sorted(
        path.with_suffix(suffix).name for suffix in (".toml", ".md", ".html", ".jsonld"))
    assert "Zyxco" in read(path, ".html")
    assert read(path, ".html") == export(read(path, ".md"), "html")
    assert json.loads(read(path, ".jsonld"))["hiringOrganization"]["name"] == "Zyxco"


# -- managing drafts: the .jsonld goes with the others ----------------------------------------


@pytest.fixture
def with_documents(drafts_folder: Path) -> Path:
    """A draft with its .md, a .html and a .jsonld beside it."""
    path = saved_with_exports(drafts_folder, dict(BACKEND_ANSWERS), "html")
    path.with_suffix(".jsonld").write_text('{"@type": "JobPosting"}', "utf-8")
    return path


async def start_on_the_draft(app: JDWizardApp, pilot) -> None:
    assert isinstance(app.screen, StartScreen)
    await press(pilot, "tab")
    draft_list = app.screen.query_one("#draft-list", OptionList)
    assert app.focused is draft_list and draft_list.option_count == 1
    draft_list.highlighted = 0


async def test_rename_carries_the_jsonld(with_documents, drafts_folder):
    from textual.widgets import Input

    from jdwizard.ui.screens.dialogs import AskScreen

    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await start_on_the_draft(app, pilot)
        await press(pilot, "r")
        assert isinstance(app.screen, AskScreen)
        assert "(.md, .html, .jsonld)" in app.screen.explanation
        app.screen.query_one(Input).value = "acme-berlin"
        await press(pilot, "enter")
        await wait_for(pilot, lambda: (drafts_folder / "acme-berlin.toml").exists()
                       and isinstance(app.screen, StartScreen), "the rename")
    assert files(drafts_folder) == [
        "acme-berlin.html", "acme-berlin.jsonld", "acme-berlin.md", "acme-berlin.toml"]
    assert read(drafts_folder / "acme-berlin.toml", ".jsonld") == '{"@type": "JobPosting"}'


async def test_delete_removes_the_jsonld(with_documents, drafts_folder):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await start_on_the_draft(app, pilot)
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "its documents (acme.md, acme.html, acme.jsonld)" in app.screen.question
        await pilot.click("#confirm")
        await wait_for(pilot, lambda: not with_documents.exists(), "the delete")
    assert files(drafts_folder) == []


async def test_duplicate_copies_the_exports_and_its_saves_keep_them_true(with_documents,
                                                                         drafts_folder):
    """The copy gets the .html and .jsonld too; a change in the copy rewrites the copy's HTML
    and JSON-LD and leaves the original's alone."""
    original_html = read(with_documents, ".html")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await start_on_the_draft(app, pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, WizardScreen) and app.screen.field.name == "location"
        copy = app.session.path
        assert copy != with_documents
        assert read(copy, ".jsonld") == '{"@type": "JobPosting"}'
        assert read(copy, ".html") == original_html
        await press(pilot, *["backspace"] * len("Berlin, Germany"), *"Lisbon, Portugal")
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert "Lisbon, Portugal" in read(copy, ".html") and "Berlin" not in read(copy, ".html")
    assert read(with_documents, ".html") == original_html
    located = json.loads(read(copy, ".jsonld"))["jobLocation"]["address"]
    assert located["addressLocality"] == "Lisbon" and located["addressCountry"] == "PT"
    assert read(with_documents, ".jsonld") == '{"@type": "JobPosting"}'
