"""Managing saved drafts: the start screen's filter, duplicate, rename and delete, and `drafts`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from conftest import answer_box, press, wait_for
from jdwizard.cli import main
from jdwizard.draft.file import Draft, DraftError, load_draft, save_draft
from jdwizard.draft.manage import rename_draft
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.dialogs import AskScreen, ConfirmScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen

SIZE = (120, 40)


@pytest.fixture
def three_drafts(drafts_folder: Path) -> dict[str, Path]:
    paths = {}
    for company, template, location in (
        ("Acme", "backend-engineer", "Berlin"),
        ("Globex", "frontend-engineer", "Paris"),
        ("Initech", "data-engineer", "Austin"),
    ):
        path = drafts_folder / f"{company.lower()}.toml"
        save_draft(Draft(template, {"company": company, "location": location}), "doc", path)
        paths[company] = path
    return paths


def test_drafts_command_lists_path_template_company_progress_and_date(three_drafts, capsys):
    assert main(["drafts"]) == 0
    out = capsys.readouterr().out
    header, *rows = out.strip().splitlines()
    assert header.split() == ["UPDATED", "PROGRESS", "TEMPLATE", "COMPANY", "PATH"]
    assert len(rows) == 3
    acme = next(row for row in rows if "Acme" in row)
    # 16 required fields: the company, the location and the template's 5 defaults answered
    assert "backend-engineer" in acme and "7/16" in acme and str(three_drafts["Acme"]) in acme
    assert main(["drafts", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {row["company"] for row in data} == {"Acme", "Globex", "Initech"}
    assert all(row["updated"] and row["path"].endswith(".toml") for row in data)


def test_drafts_command_with_no_drafts_says_how_to_start(capsys):
    assert main(["drafts"]) == 0
    assert "jdwizard new TEMPLATE" in capsys.readouterr().out


def rows(app: JDWizardApp) -> list[str]:
    draft_list = app.screen.query_one("#draft-list", OptionList)
    return [str(draft_list.get_option_at_index(i).prompt) for i in range(draft_list.option_count)]


async def focus_draft(app: JDWizardApp, pilot, company: str) -> None:
    """Tab to the drafts list, and highlight the draft of `company`."""
    assert isinstance(app.screen, StartScreen)
    draft_list = app.screen.query_one("#draft-list", OptionList)
    if app.focused is not draft_list:
        await press(pilot, "tab")
    assert app.focused is draft_list
    draft_list.highlighted = next(i for i, row in enumerate(rows(app)) if company in row)


async def test_the_filter_narrows_the_drafts_list(three_drafts, drafts_folder):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        assert len(rows(app)) == 3
        assert app.screen.query_one("#template-list").has_focus
        await press(pilot, "tab", "slash")  # / filters the list with the focus
        draft_filter = app.screen.query_one("#draft-filter", Input)
        assert app.focused is draft_filter
        await press(pilot, *"front")  # the template's title matches too
        assert len(rows(app)) == 1 and "Globex" in rows(app)[0]
        await press(pilot, *"zzz")
        assert rows(app) == [] and app.screen.query_one("#no-drafts").display
        await press(pilot, *["backspace"] * 8)
        assert len(rows(app)) == 3
        await press(pilot, *"pix")  # letters are typed here, not commands (p, i, x)
        assert draft_filter.value == "pix" and isinstance(app.screen, StartScreen)


async def test_tab_switches_between_the_lists_and_never_lands_in_the_filter(three_drafts,
                                                                            drafts_folder):
    """Tab goes from the templates to the drafts and back; the filter is reached with /.
    So `x` after Tab is the delete key, not a letter typed into the filter."""
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        templates = app.screen.query_one("#template-list")
        drafts = app.screen.query_one("#draft-list")
        await press(pilot, "tab")
        assert app.focused is drafts
        await press(pilot, "tab")
        assert app.focused is templates
        await press(pilot, "shift+tab")
        assert app.focused is drafts
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)  # x acted on the highlighted draft
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        assert app.screen.query_one("#draft-filter", Input).value == ""


async def test_duplicate_opens_a_new_draft_at_its_location(three_drafts, drafts_folder):
    """d on a draft: a new draft with the same answers, opened at the location (the same role
    in another city), even when every field is answered."""
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await focus_draft(app, pilot, "Acme")
        await press(pilot, "d")
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.field.name == "location" and app.focused is answer_box(app)
        copy = app.session.path
        assert copy != three_drafts["Acme"] and copy.parent == drafts_folder
        assert app.session.answers == {"company": "Acme", "location": "Berlin"}
        await press(pilot, *["backspace"] * 6, *"Paris")
        await press(pilot, "ctrl+q")
    assert load_draft(three_drafts["Acme"]).answers == {"company": "Acme", "location": "Berlin"}
    assert load_draft(copy).answers == {"company": "Acme", "location": "Paris"}


async def test_duplicating_a_complete_draft_opens_the_copy_at_its_location(drafts_folder):
    from conftest import BACKEND_ANSWERS

    save_draft(Draft("backend-engineer", dict(BACKEND_ANSWERS)), "doc", drafts_folder / "a.toml")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await focus_draft(app, pilot, "Acme")
        await press(pilot, "d")
        assert isinstance(app.screen, WizardScreen)  # not the review: the city is to change
        assert app.screen.field.name == "location"


async def test_rename_moves_the_draft_and_its_documents(three_drafts, drafts_folder, notices):
    """The .md and the .txt / .html saved in other formats move with the draft, and the
    message names both the old and the new file."""
    three_drafts["Globex"].with_suffix(".html").write_text("<p>doc</p>", "utf-8")
    three_drafts["Globex"].with_suffix(".txt").write_text("doc", "utf-8")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await focus_draft(app, pilot, "Globex")
        await press(pilot, "r")
        assert isinstance(app.screen, AskScreen)
        assert "(.md, .txt, .html)" in app.screen.explanation
        app.screen.query_one(Input).value = "Globex Paris UI"
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen)
                       and any("globex-paris-ui.toml" in row for row in rows(app)), "the list")
        assert "Renamed globex.toml to globex-paris-ui.toml" in notices, notices
    assert not three_drafts["Globex"].exists()
    assert load_draft(drafts_folder / "globex-paris-ui.toml").answers["company"] == "Globex"
    assert (drafts_folder / "globex-paris-ui.md").read_text("utf-8") == "doc"
    assert (drafts_folder / "globex-paris-ui.html").read_text("utf-8") == "<p>doc</p>"
    assert (drafts_folder / "globex-paris-ui.txt").read_text("utf-8") == "doc"
    assert not any(drafts_folder.glob("globex.*"))


def test_rename_refuses_when_an_export_would_be_replaced(three_drafts, drafts_folder):
    three_drafts["Globex"].with_suffix(".html").write_text("<p>globex</p>", "utf-8")
    (drafts_folder / "other.html").write_text("<p>other</p>", "utf-8")
    with pytest.raises(DraftError, match="other.html already exists; choose another name"):
        rename_draft(three_drafts["Globex"], "other")
    assert (drafts_folder / "other.html").read_text("utf-8") == "<p>other</p>"
    assert three_drafts["Globex"].exists() and not (drafts_folder / "other.toml").exists()


async def test_delete_asks_first_and_removes_the_draft_and_its_documents(
    three_drafts, drafts_folder
):
    path = three_drafts["Initech"]
    path.with_suffix(".html").write_text("<p>doc</p>", "utf-8")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await focus_draft(app, pilot, "Initech")
        await press(pilot, "x")
        assert isinstance(app.screen, ConfirmScreen)
        assert "its documents (initech.md, initech.html)" in app.screen.question
        await press(pilot, "enter")  # the focused button is Cancel
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        assert path.exists() and len(rows(app)) == 3
        await press(pilot, "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm")
        await wait_for(pilot, lambda: len(rows(app)) == 2, "the list")
        assert not any("Initech" in row for row in rows(app))
    assert not path.exists() and not path.with_suffix(".md").exists()
    assert not path.with_suffix(".html").exists()


async def test_a_draft_open_in_another_jdwizard_is_not_deleted(three_drafts, drafts_folder,
                                                              notices):
    path = three_drafts["Acme"]
    code = ("import sys; from pathlib import Path; from jdwizard.draft import lock as locking; "
            f"locking.acquire(Path({str(path)!r})); print('locked', flush=True); sys.stdin.read()")
    other = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "locked"
        app = JDWizardApp(None, drafts_folder)
        async with app.run_test(size=SIZE) as pilot:
            await focus_draft(app, pilot, "Acme")
            await press(pilot, "x")
            await pilot.click("#confirm")
            await wait_for(pilot, lambda: any("open in another jdwizard" in m for m in notices))
    finally:
        other.communicate("")
    assert path.exists()


async def test_f4_saves_the_draft_and_goes_back_to_the_start_screen(drafts_folder, notices):
    """From the wizard (or its review), F4 saves what was typed, lets go of the draft (no lock
    left) and shows the start screen with the draft listed; it opens again from there."""
    from jdwizard.draft import lock as locking

    app = JDWizardApp(None, drafts_folder, autosave_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "slash", *"backend", "enter")  # the filter's first match
        assert isinstance(app.screen, WizardScreen)
        await press(pilot, *"Umbrella")
        # an autosave while the company is typed: named without it
        await wait_for(pilot, lambda: any(drafts_folder.glob("*.toml")) and not app.session.dirty)
        assert [p.name.startswith("backend") for p in drafts_folder.glob("*.toml")] == [True]
        await press(pilot, "f4")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen) and rows(app))
        assert len(app.screen_stack) == 2  # the default screen and the start screen
        assert len(rows(app)) == 1 and "Umbrella" in rows(app)[0]
        path = app.screen.drafts[0].path
        assert path.name.startswith("umbrella-backend-engineer-")  # named once it was settled
        assert [p.name for p in drafts_folder.glob("*.toml")] == [path.name]
        assert load_draft(path).answers == {"company": "Umbrella"}
        assert locking.holder(path) is None and not locking.lock_path(path).exists()
        assert f"Saved {path.name}; Tab, then Enter, resumes it." in notices
        await press(pilot, "tab", "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.session.answers == {"company": "Umbrella"}


async def test_after_save_as_the_start_screen_lists_the_new_file_first(drafts_folder, tmp_path,
                                                                      notices):
    """F3 to a file outside the drafts folder, then F4: the start screen lists it (newest
    first), so "Tab, then Enter" resumes it, not the file it was saved from; the review
    screen's title follows the new name."""
    from jdwizard.ui.screens.dialogs import SaveAsScreen
    from jdwizard.ui.screens.review import ReviewScreen

    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter", *"Umbrella", "ctrl+s")
        await wait_for(pilot, lambda: app.session.path is not None and not app.session.dirty)
        original = app.session.path
        await press(pilot, "ctrl+r", "f3")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveAsScreen), "the dialog")
        elsewhere = tmp_path / "shared" / "umbrella-paris.toml"
        app.screen.query_one(Input).value = str(elsewhere)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: app.session.path == elsewhere, "the save")
        assert isinstance(app.screen, ReviewScreen)
        await wait_for(pilot, lambda: app.screen.sub_title == "umbrella-paris.toml", "the title")
        await press(pilot, "f4")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen) and rows(app))
        assert "umbrella-paris.toml" in rows(app)[0] and len(rows(app)) == 2
        assert f"Saved {elsewhere.name}; Tab, then Enter, resumes it." in notices
        await press(pilot, "tab", "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.session.path == elsewhere
    assert original.exists()
    assert main(["drafts"]) == 0  # and the command line lists it too


async def test_quitting_right_after_typing_the_company_names_the_file_after_it(drafts_folder,
                                                                              backend):
    """Autosave while the company is being typed names the file without it; Ctrl+Q straight
    after (nothing typed since) still gives the draft the company's name."""
    from jdwizard.draft.opening import new_session

    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder), autosave_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"Umbrella")
        await wait_for(pilot, lambda: any(drafts_folder.glob("*.toml")) and not app.session.dirty)
        await press(pilot, "ctrl+q")
    names = [p.name for p in drafts_folder.glob("*.toml")]
    assert len(names) == 1 and names[0].startswith("umbrella-backend-engineer-"), names


async def test_tab_then_enter_resumes_the_newest_draft_and_a_filter_then_enter_its_match(
    three_drafts, drafts_folder
):
    """As the start screen says: Tab (to the drafts), then Enter resumes the newest draft;
    typed into the filter, Enter opens the first draft that matches."""
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        newest = app.screen.drafts[0].company
        await press(pilot, "tab", "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.session.answers["company"] == newest
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "tab", "slash", *"front", "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.session.answers["company"] == "Globex"
