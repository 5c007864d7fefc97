"""Company profiles end to end: saved from a review screen or the command line, prefilling the
next draft from another template, visibly marked; and the profile commands."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from conftest import BACKEND_ANSWERS, answer_box, press, wait_for
from jdwizard import cli
from jdwizard.cli import drafts as draft_commands
from jdwizard.config import config_path
from jdwizard.draft.file import Draft, save_draft
from jdwizard.draft.opening import open_session
from jdwizard.draft.profiles import load_profile
from jdwizard.paths import profiles_dir
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.dialogs import AskScreen, ProfileChooser
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen
from jdwizard.ui.widgets.field_list import FieldList

SIZE = (120, 40)
COMPANY_ANSWERS = {name: BACKEND_ANSWERS[name] for name in (
    "company", "what_you_do", "location", "work_type", "benefits", "pto_policy")}


@pytest.fixture
def done_draft(drafts_folder: Path) -> Path:
    path = drafts_folder / "backend.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    return path


async def test_review_saves_the_company_answers_to_a_profile(done_draft, drafts_folder,
                                                             notices):
    """Saved from the review screen; with no profile chosen yet, it becomes the one new drafts
    start from (the start screen says so)."""
    app = JDWizardApp(open_session(done_draft, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "p")
        await wait_for(pilot, lambda: isinstance(app.screen, AskScreen), "the question")
        assert app.screen.query_one(Input).value == "Acme Logistics"
        await press(pilot, "enter")
        await wait_for(pilot, lambda: any(n.title == "Profile saved" for n in notices))
        assert any("Saved 6 company answers to the profile Acme Logistics" in n
                   and "It is now the default" in n for n in notices)
        await press(pilot, "f4")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        assert "Company profile: Acme Logistics" in str(
            app.screen.query_one("#profile-line", Static).render())
    profile = load_profile("acme-logistics")
    assert profile.answers == COMPANY_ANSWERS  # not the salary, stack or hiring manager
    assert tomllib.loads(config_path().read_text("utf-8"))["profile"] == "acme-logistics"


async def test_a_broken_config_costs_only_the_default_not_the_profile(done_draft, drafts_folder,
                                                                    notices):
    """The profile is written first; a config.toml that cannot be read is left as it is, and
    the message says the profile is saved, just not made the default."""
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("theme = = broken\n", encoding="utf-8")
    app = JDWizardApp(open_session(done_draft, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p")
        await wait_for(pilot, lambda: isinstance(app.screen, AskScreen), "the question")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: any(n.title == "Profile saved" for n in notices),
                       "the profile's message")
        assert not any(n.title == "Profile not saved" for n in notices)
        assert any(n.title == "Default unchanged" and "fix or delete it" in n for n in notices)
        assert app.controller is not None
        assert app.controller.session.profile_name == "Acme Logistics"
    assert load_profile("acme-logistics").answers == COMPANY_ANSWERS
    assert config_path().read_text("utf-8") == "theme = = broken\n"


async def test_saving_to_a_profile_keeps_the_default_already_chosen(done_draft, drafts_folder,
                                                                   notices):
    assert cli.main(["profile", "save", str(done_draft), "--name", "Globex"]) == 0
    assert cli.main(["profile", "use", "globex"]) == 0
    app = JDWizardApp(open_session(done_draft, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "p")
        await wait_for(pilot, lambda: isinstance(app.screen, AskScreen), "the question")
        await press(pilot, "ctrl+u", *"Initech", "enter")
        await wait_for(pilot, lambda: any(n.title == "Profile saved" for n in notices))
        assert not any("default" in n for n in notices)
    assert tomllib.loads(config_path().read_text("utf-8"))["profile"] == "globex"
    assert load_profile("initech").answers == COMPANY_ANSWERS


async def test_a_second_draft_from_another_template_starts_with_the_company_answers(
    done_draft, drafts_folder
):
    assert cli.main(["profile", "save", str(done_draft)]) == 0
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        profile_line = app.screen.query_one("#profile-line", Static)
        assert "No company profile" in str(profile_line.render())
        await press(pilot, "p")
        assert isinstance(app.screen, ProfileChooser)  # up once the key is handled
        choices = app.screen.query_one(OptionList)
        choices.highlighted = 1  # the first saved profile, after "No profile"
        await press(pilot, "enter")
        await wait_for(pilot, lambda: "Company profile: Acme Logistics" in str(
            profile_line.render()), "the profile line")
        templates = app.screen.query_one("#template-list", OptionList)
        templates.highlighted = next(
            i for i in range(templates.option_count)
            if templates.get_option_at_index(i).id == "template:frontend-engineer")
        await press(pilot, "enter")
        assert isinstance(app.screen, WizardScreen)
        session = app.screen.session
        assert session.template.id == "frontend-engineer"
        for name, value in COMPANY_ANSWERS.items():
            assert session.answers[name] == value
        rows = app.screen.query_one(FieldList)
        company_row = str(rows.get_option_at_index(0).prompt)
        assert "⌂ profile" in company_row
        salary_row = next(str(rows.get_option_at_index(i).prompt)
                          for i in range(rows.option_count) if "Salary" in
                          str(rows.get_option_at_index(i).prompt))
        assert "profile" not in salary_row
        assert app.screen.field.name not in COMPANY_ANSWERS  # it starts at the first gap
        await app.screen.jump_to("company")
        assert "Filled in from the Acme Logistics profile" in str(
            app.screen.query_one("#hint", Static).render())
        answer_box(app).select_all()
        await press(pilot, *"Acme")  # edited: no longer the profile's answer
        assert "⌂ profile" not in str(rows.get_option_at_index(0).prompt)
        assert "Filled in from" not in str(app.screen.query_one("#hint", Static).render())
        answer_box(app).select_all()
        app.post_message(events.Paste(COMPANY_ANSWERS["company"]))  # back to the profile's
        await wait_for(pilot, lambda: "Filled in from" in str(
            app.screen.query_one("#hint", Static).render()), "the hint")
    assert tomllib.loads(config_path().read_text("utf-8"))["profile"] == "acme-logistics"


def test_profile_commands(done_draft, capsys, monkeypatch, tmp_path):
    assert cli.main(["profile", "list"]) == 0
    assert "No profiles yet" in capsys.readouterr().out
    assert cli.main(["profile", "save", str(done_draft), "--name", "Acme Berlin"]) == 0
    assert "Saved 6 company answers" in capsys.readouterr().out
    assert cli.main(["profile", "use", "acme-berlin"]) == 0
    capsys.readouterr()
    assert cli.main(["profile", "list"]) == 0
    assert capsys.readouterr().out.startswith("* acme-berlin")
    assert cli.main(["profile", "show", "acme-berlin"]) == 0
    shown = capsys.readouterr().out
    assert "  location: Berlin, Germany\n" in shown
    benefits = load_profile("acme-berlin").answers["benefits"].splitlines()
    assert len(benefits) > 1  # a list answer: each item on its own line, under its name
    assert "  benefits:\n" + "".join(f"    {item}\n" for item in benefits) in shown
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i \'s/Berlin, Germany/Hamburg/\' "$1"\n', "utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", str(editor))
    assert cli.main(["profile", "edit", "acme-berlin"]) == 0
    assert load_profile("acme-berlin").answers["location"] == "Hamburg"
    assert cli.main(["profile", "delete", "acme-berlin"]) == 0
    assert not (profiles_dir() / "acme-berlin.toml").exists()
    assert "profile" not in tomllib.loads(config_path().read_text("utf-8"))
    assert cli.main(["profile", "show", "../etc"]) == 1  # the name is made safe: "etc"
    assert f"no file {profiles_dir() / 'etc.toml'}" in capsys.readouterr().err


def test_new_uses_the_named_or_default_profile(done_draft, monkeypatch, capsys):
    started = []
    monkeypatch.setattr(draft_commands, "run_app", lambda session: started.append(session) or 0)
    cli.main(["profile", "save", str(done_draft)])
    assert cli.main(["new", "data-engineer", "--profile", "acme-logistics",
                     "--set", "location=Remote, EU"]) == 0
    session = started[-1]
    assert session.answers["company"] == "Acme Logistics"
    assert session.answers["location"] == "Remote, EU"  # --set wins over the profile
    assert cli.main(["new", "data-engineer"]) == 0
    assert "company" not in started[-1].answers  # no default profile set
    cli.main(["profile", "use", "acme-logistics"])
    assert cli.main(["new", "data-engineer"]) == 0
    assert started[-1].answers["company"] == "Acme Logistics"
    assert cli.main(["new", "data-engineer", "--profile", ""]) == 0
    assert "company" not in started[-1].answers
    (profiles_dir() / "acme-logistics.toml").write_text("not toml =", "utf-8")
    capsys.readouterr()
    assert cli.main(["new", "data-engineer"]) == 0  # a broken default never blocks
    assert "starting without the default profile" in capsys.readouterr().err
    assert cli.main(["new", "data-engineer", "--profile", "acme-logistics"]) == 1
