"""Importing the seed template from the command line and from the start screen, then drafting
with it as with the built-in one."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events
from textual.widgets import Input, OptionList

from conftest import BACKEND_ANSWERS, press, wait_for
from jdwizard.cli import main
from jdwizard.draft.opening import new_session
from jdwizard.paths import user_templates_dir
from jdwizard.template.importing import known_fields
from jdwizard.template.library import get_template, load_library
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.dialogs import AskScreen
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen

SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "backend-engineer-template.txt"
SIZE = (120, 40)


def test_the_seed_is_in_the_repository():
    assert SEED.is_file() and "{{salary_range}}" in SEED.read_text("utf-8")


def test_import_command_writes_a_template_that_asks_the_builtin_questions(capsys, backend):
    assert main(["import", str(SEED), "--id", "seed-backend"]) == 0
    out = capsys.readouterr().out
    assert "Fields (17)" in out and "Start it with: jdwizard new seed-backend" in out
    assert str(user_templates_dir() / "seed-backend") in out
    imported = get_template("seed-backend")
    assert imported.origin == "user"
    assert set(imported.field_names) <= set(backend.field_names)
    known = known_fields()
    for field in imported.fields:  # the same questions, examples and checks as the built-ins
        builtin = known[field.name]
        assert (field.suggestions, field.validate, field.kind, field.role) == (
            builtin.suggestions, builtin.validate, builtin.kind, builtin.role)
        # a question quoting its template's sentence quotes the seed's instead
        assert field.question.split(" (finishes")[0] == builtin.question.split(" (finishes")[0]
    assert imported.field("what_you_do").question.endswith(
        '(finishes the sentence "<company> is ...")')
    assert main(["templates"]) == 0
    listing = capsys.readouterr().out
    assert "seed-backend" in listing.split("Your templates")[1]


def test_import_refuses_the_builtin_id_and_a_clash_and_force_replaces(capsys):
    assert main(["import", str(SEED)]) == 1
    assert "'backend-engineer' is a built-in template's id" in capsys.readouterr().err
    assert not user_templates_dir().exists() or not any(user_templates_dir().iterdir())
    assert main(["import", str(SEED), "--id", "seed"]) == 0
    assert main(["import", str(SEED), "--id", "seed"]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["import", str(SEED), "--id", "seed", "--force"]) == 0
    assert [t.id for t in load_library().templates].count("seed") == 1


async def test_an_imported_template_walks_and_saves_like_the_builtin_one(tmp_path, drafts_folder):
    main(["import", str(SEED), "--id", "seed-backend"])
    template = get_template("seed-backend")
    path = drafts_folder / "imported.toml"
    app = JDWizardApp(new_session(template, path, {}, folder=drafts_folder))
    # the standard fields keep their defaults (or, optional, stay empty): not typed
    answers = {f.name: BACKEND_ANSWERS[f.name] for f in template.fields
               if f.name in BACKEND_ANSWERS}
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for field in screen.session.fields:
            assert screen.field.name == field.name
            if field.name in answers:
                pilot.app.post_message(events.Paste(answers[field.name]))
                await wait_for(pilot, lambda name=field.name: app.session.answers.get(name)
                               == answers[name], field.name)
            await press(pilot, "pagedown")
        assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: path.exists() and not app.session.dirty, "the save")
    assert tomllib.loads(path.read_text("utf-8"))["answers"] == answers
    document = path.with_suffix(".md").read_text("utf-8")
    assert "{{" not in document and "[" not in document
    assert "## What we offer" in document and "- Health insurance.\n- A yearly" in document
    assert document.startswith("# Backend Engineer\n\n- Company: Acme Logistics\n")
    assert "\n## How to apply\n\nApply through this posting" in document


async def wait_for_message(notices, pilot, title: str) -> None:
    """Wait for a notification titled `title`: the import runs in a thread."""
    await wait_for(pilot, lambda: any(n.title == title for n in notices), title)


async def test_the_start_screen_imports_a_template(drafts_folder, tmp_path, notices):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await press(pilot, "i")
        assert isinstance(app.screen, AskScreen)
        app.screen.query_one(Input).value = str(tmp_path / "missing.txt")
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)  # no such file: said so, still asking
        copy = tmp_path / "my-seed.txt"
        copy.write_text(SEED.read_text("utf-8").replace(
            "Backend Engineer job description template", "Platform Engineer job description "
            "template"), "utf-8")
        app.screen.query_one(Input).value = str(copy)
        await press(pilot, "enter")
        await wait_for_message(notices, pilot, "Template imported")
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one("#template-list", OptionList)
        assert options.highlighted_option.id == "template:platform-engineer"
        await press(pilot, "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.template.id == "platform-engineer"


async def import_dialog_value(app: JDWizardApp, pilot, value: str) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, AskScreen), "the question")
    app.screen.query_one(Input).value = value
    await press(pilot, "enter")


async def test_importing_the_seed_from_the_start_screen_asks_for_a_free_id(drafts_folder,
                                                                            notices):
    """The seed's own id is the built-in "backend-engineer": the start screen offers a free id
    (not "--id", which a dialog does not have), refuses a taken one, and imports under it."""
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "i")
        await import_dialog_value(app, pilot, str(SEED))
        await wait_for(pilot, lambda: isinstance(app.screen, AskScreen)
                       and "id" in app.screen.ask_title, "the question for an id")
        assert "backend-engineer is a built-in template's id" in app.screen.explanation
        assert app.screen.query_one(Input).value == "backend-engineer-2"
        await import_dialog_value(app, pilot, "frontend-engineer")  # taken: still asking
        error = str(app.screen.query_one("#ask-error").render())
        assert "frontend-engineer is taken" in error
        await import_dialog_value(app, pilot, "backend-engineer-2")
        await wait_for_message(notices, pilot, "Template imported")
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one("#template-list", OptionList)
        assert options.highlighted_option.id == "template:backend-engineer-2"
        assert "backend-engineer-2" in str(options.highlighted_option.prompt)  # told apart
    bundle = user_templates_dir() / "backend-engineer-2" / "template.toml"
    assert tomllib.loads(bundle.read_text("utf-8"))["id"] == "backend-engineer-2"
    assert [t.id for t in load_library().templates].count("backend-engineer") == 1
