"""User templates beside the built-in ones, template versions, and opening older drafts."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from textual.widgets import OptionList

from conftest import BACKEND_ANSWERS, press, wait_for
from jdwizard.cli import main
from jdwizard.draft.file import Draft, DraftError, load_draft, save_draft
from jdwizard.draft.listing import summarize
from jdwizard.draft.opening import new_session, open_session
from jdwizard.errors import UserError
from jdwizard.paths import builtin_templates_dir, user_templates_dir
from jdwizard.template.bundle import TemplateError, load_template
from jdwizard.template.library import get_template, load_library
from jdwizard.template.model import Origin
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen
from jdwizard.ui.widgets.preview import DocumentPreview

SIZE = (120, 40)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def user_copy(template_id: str, *, title: str = "Acme Backend") -> Path:
    """A user template: the built-in backend bundle under another id and title."""
    folder = user_templates_dir() / template_id
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    _edit(folder / "template.toml", 'id = "backend-engineer"', f'id = "{template_id}"')
    _edit(folder / "template.toml", 'title = "Backend Engineer"', f'title = "{title}"')
    return folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- user templates -------------------------------------------------------------------------


def fragile_copy() -> int:
    """A user template whose body divides by zero when the company is "Boom": it passes the
    bundle's checks (every field "x", then none) and fails on that one answer. Returns the
    line of the body that fails."""
    body = user_copy("fragile") / "body.md.j2"
    text = body.read_text("utf-8")
    body.write_text(text + '{% if company == "Boom" %}{{ company | int // 0 }}{% endif %}\n',
                    encoding="utf-8")
    return text.count("\n") + 1


async def test_an_answer_the_body_fails_on_is_saved_and_the_preview_says_why(drafts_folder,
                                                                           notices):
    line = fragile_copy()
    app = JDWizardApp(new_session(get_template("fragile"), None, {}, drafts_folder),
                      autosave_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        preview = app.screen.query_one(DocumentPreview)
        await press(pilot, *"Boom")
        await wait_for(pilot, lambda: "No preview" in preview.plain, "the preview's message")
        assert f"fails at line {line} (integer division or modulo by zero)" in preview.plain
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: any(n.title == "Document not saved" for n in notices),
                       "the save's message")
        assert app.controller is not None and app.controller.session.path is not None
        path = app.controller.session.path
        assert load_draft(path).answers["company"] == "Boom"  # the answers are never lost
        assert not path.with_suffix(".md").exists()
        await press(pilot, "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        review_preview = app.screen.query_one(DocumentPreview)
        await wait_for(pilot, lambda: "No document" in review_preview.plain, "the review's")
        await press(pilot, "c", "enter")  # Copy, as Markdown: says why not, copies nothing
        await wait_for(pilot, lambda: any(n.title == "Not copied" for n in notices), "copy")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        await press(pilot, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReviewScreen), "the fields")
        preview = app.screen.query_one(DocumentPreview)
        await press(pilot, "backspace")
        await wait_for(pilot, lambda: "No preview" not in preview.plain, "the document again")
        assert "Boo" in preview.plain


def test_the_command_line_says_in_one_line_which_line_of_the_body_fails(drafts_folder,
                                                                      capsys):
    line = fragile_copy()
    path = drafts_folder / "boom.toml"
    save_draft(Draft("fragile", answers={"company": "Boom"}), None, path)
    for command in (["render", str(path), "--allow-incomplete"], ["check", str(path)]):
        code, out, err = run(capsys, *command)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"template 'fragile' cannot render these answers: its body fails at line {line}" \
            in err


def test_user_templates_are_listed_beside_builtin_ones_and_marked(capsys):
    user_copy("acme-backend")
    library = load_library()
    by_id = {template.id: template for template in library.templates}
    assert by_id["acme-backend"].origin is Origin.USER
    assert by_id["backend-engineer"].origin == "built-in"
    assert get_template("acme-backend").title == "Acme Backend"
    code, out, _ = run(capsys, "templates")
    assert code == 0
    mine = out.split("Your templates\n")[1]
    assert "acme-backend" in mine and "[Engineering]" in mine
    assert "backend-engineer" in out.split("Your templates")[0]


def test_a_user_template_never_shadows_a_builtin_one(capsys):
    folder = user_copy("backend-engineer", title="Impostor")
    assert get_template("backend-engineer").title == "Backend Engineer"
    library = load_library()
    assert [t.title for t in library.templates].count("Impostor") == 0
    assert [p.folder for p in library.problems] == [folder]
    assert "built-in" in library.problems[0].message
    code, out, err = run(capsys, "templates")
    assert code == 0 and "backend-engineer" in out
    assert "warning: template 'backend-engineer' skipped" in err and "another id" in err


def test_a_broken_user_template_is_reported_and_the_others_still_work(capsys):
    user_copy("good-one")
    broken = user_copy("broken-one")
    body = broken / "body.md.j2"
    body.write_text(body.read_text("utf-8") + "{{ domian }}\n", "utf-8")
    library = load_library()
    assert "good-one" in library.ids and "broken-one" not in library.ids
    assert "domian" in library.problems[0].message
    with pytest.raises(UserError, match=r"template 'broken-one' cannot be used: .*domian"):
        get_template("broken-one")
    code, out, err = run(capsys, "templates")
    assert code == 0 and "good-one" in out and "broken-one" in err
    code, _, err = run(capsys, "new", "broken-one")
    assert code == 1 and "domian" in err and "Traceback" not in err


def test_a_user_template_folder_must_match_its_id():
    folder = user_copy("named-right")
    folder.rename(folder.with_name("named-wrong"))
    library = load_library()
    assert "named-right" not in library.ids
    assert "named after the template's id" in library.problems[0].message


@pytest.mark.parametrize("bad_id", ["../x", "..", "a/b", "/etc", "Backend", ""])
def test_template_ids_cannot_leave_the_template_folders(bad_id, tmp_path):
    # A real bundle just outside the user folder, where "../x" would point.
    outside = user_templates_dir().parent / "x"
    shutil.copytree(builtin_templates_dir() / "backend-engineer", outside)
    _edit(outside / "template.toml", 'id = "backend-engineer"', 'id = "x"')
    with pytest.raises(UserError, match="not a template id|unknown template"):
        get_template(bad_id)


def test_a_draft_naming_a_path_as_its_template_is_refused(tmp_path, capsys):
    path = tmp_path / "evil.toml"
    save_draft(Draft("../../etc", answers={"company": "Acme"}), "", path)
    code, _, err = run(capsys, "render", str(path))
    assert code == 1 and "not a template id" in err


def test_a_template_body_outside_its_folder_is_refused():
    folder = user_copy("sneaky")
    (folder.parent / "secret.j2").write_text("{{ company }}", encoding="utf-8")
    _edit(folder / "template.toml", 'body = "body.md.j2"', 'body = "../secret.j2"')
    with pytest.raises(TemplateError, match="'body' must be a file name"):
        load_template(folder)


async def test_start_screen_groups_templates_and_lists_broken_ones(drafts_folder):
    user_copy("acme-backend")
    broken = user_copy("broken-one")
    (broken / "template.toml").write_text("id = ", encoding="utf-8")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one("#template-list", OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert rows.index("ENGINEERING") < rows.index("YOUR TEMPLATES")
        mine = rows[rows.index("YOUR TEMPLATES") + 1]
        assert mine.startswith("Acme Backend  acme-backend · Engineering")  # id told apart
        assert any(row.startswith("broken-one  cannot be used") for row in rows)


# --- versions and migration -----------------------------------------------------------------


def test_a_saved_draft_records_its_template_version(tmp_path, backend):
    path = tmp_path / "d.toml"
    session = open_session(save_draft(Draft("backend-engineer", {"company": "A"}), "", path))
    session.set_answer("company", "B")
    session.save_now()
    assert tomllib.loads(path.read_text("utf-8"))["template_version"] == backend.version


def upgrade(folder: Path) -> int:
    """The next version of the user template: `datastore` is now `database`; `domain` is gone.
    Returns the version it had."""
    import re

    toml = folder / "template.toml"
    text = toml.read_text("utf-8")
    version = int(re.search(r"(?m)^version = (\d+)$", text)[1])  # type: ignore[index]
    text = text.replace(f"version = {version}", f"version = {version + 1}", 1)
    text = text.replace('name = "datastore"', 'name = "database"\nrenamed_from = "datastore"')
    text = text.replace('fields = ["language", "framework", "datastore"]',
                        'fields = ["language", "framework", "database"]')
    text = text.replace("{{ datastore }}", "{{ database }}")
    text = re.sub(r'(?m)^ *"Background in \{\{ domain \}\}\.",\n', "", text)
    start = text.index('[[fields]]\nname = "domain"')
    end = text.index("[[fields]]", start + 1)
    toml.write_text(text[:start] + text[end:], "utf-8")
    body = folder / "body.md.j2"
    body.write_text(body.read_text("utf-8").replace("{{ datastore }}", "{{ database }}")
                    .replace("- Background in {{ domain }}.\n", ""), "utf-8")
    return version


@pytest.fixture
def old_draft(tmp_path: Path) -> Path:
    """A complete draft made with a user template, which is then upgraded (OLD to OLD + 1)."""
    folder = user_copy("acme-backend")
    path = tmp_path / "old.toml"
    version = get_template("acme-backend").version
    save_draft(Draft("acme-backend", dict(BACKEND_ANSWERS), template_version=version), "", path)
    assert upgrade(folder) == version == OLD
    assert get_template("acme-backend").version == OLD + 1
    return path


OLD = get_template("backend-engineer").version


def test_an_older_draft_carries_renamed_answers_over_and_keeps_the_rest(old_draft):
    session = open_session(old_draft)
    assert session.answers["database"] == "PostgreSQL"
    assert "datastore" not in session.answers
    assert session.unknown_answers() == {"domain": "payments"}
    assert session.migration.renamed == (("datastore", "database"),)
    message = session.migration.message()
    assert f"version {OLD} of Acme Backend (now {OLD + 1})" in message
    assert "datastore → database" in message and "domain" in message
    assert session.missing() == [] and "against PostgreSQL" in session.document()
    session.save_now()
    data = tomllib.loads(old_draft.read_text("utf-8"))
    assert data["template_version"] == OLD + 1
    assert data["answers"]["database"] == "PostgreSQL"
    assert data["answers"]["domain"] == "payments"  # kept, never dropped
    assert len(data["answers"]) == len(BACKEND_ANSWERS)


def test_a_renamed_field_already_answered_keeps_both_answers(old_draft):
    draft = load_draft(old_draft)
    draft.answers["database"] = "MySQL"
    save_draft(draft, "", old_draft)
    session = open_session(old_draft)
    assert session.answers["database"] == "MySQL"
    assert session.unknown_answers() == {"datastore": "PostgreSQL", "domain": "payments"}


def test_progress_of_an_older_draft_counts_renamed_answers(old_draft):
    summary = summarize(old_draft)
    required = sum(field.required for field in get_template("acme-backend").fields)
    assert (summary.answered, summary.required) == (required, required) and required > 10


def test_an_older_draft_renders_and_checks_from_the_command_line(old_draft, capsys):
    code, out, _ = run(capsys, "render", str(old_draft))
    assert code == 0 and "efficient queries against PostgreSQL" in out
    code, out, _ = run(capsys, "check", str(old_draft), "--json")
    assert not any(f["id"] == "unfilled" for f in json.loads(out)["findings"])


async def test_the_app_shows_what_an_older_draft_kept(old_draft, notices):
    app = JDWizardApp(open_session(old_draft))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)  # every answer is there: straight to review
        assert any("datastore → database" in m for m in notices)
        todo = app.screen.query_one("#todo", OptionList)

        def rows() -> list[str]:
            return [str(todo.get_option_at_index(i).prompt) for i in range(todo.option_count)]

        await wait_for(pilot, lambda: any(row.startswith("  domain: 'payments' (kept in the file")
                                          for row in rows()), "the kept answer")
        await press(pilot, "escape")
        assert isinstance(app.screen, WizardScreen)
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert tomllib.loads(old_draft.read_text("utf-8"))["answers"]["domain"] == "payments"


def test_a_draft_from_a_newer_jdwizard_is_refused_and_left_alone(tmp_path, capsys):
    path = tmp_path / "future.toml"
    from jdwizard.draft.file import FORMAT_VERSION

    newer = FORMAT_VERSION + 1
    text = f'jdwizard = {newer}\ntemplate = "backend-engineer"\n[answers]\ncompany = "Acme"\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError, match="newer jdwizard"):
        load_draft(path)
    for command in (["resume", str(path)], ["render", str(path)], ["check", str(path)]):
        code, _, err = run(capsys, *command)
        assert code == 1 and f"newer jdwizard (format {newer})" in err
    assert path.read_text(encoding="utf-8") == text


def test_a_draft_made_with_a_newer_template_version_says_so(tmp_path):
    path = tmp_path / "d.toml"
    save_draft(Draft("backend-engineer", {"company": "A"}, template_version=9), "", path)
    session = open_session(path)
    assert "version 9 of Backend Engineer" in session.migration.message()
    assert "Upgrade jdwizard" in session.migration.message()


def test_renamed_from_must_not_name_a_current_field(tmp_path):
    folder = tmp_path / "backend-engineer"
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    toml = folder / "template.toml"
    _edit(toml, 'name = "datastore"', 'name = "datastore"\nrenamed_from = "domain"')
    with pytest.raises(TemplateError, match="renamed_from 'domain', which is still a field"):
        load_template(folder)


def test_a_user_template_reaching_past_the_sandbox_is_reported_not_rendered(capsys):
    """User templates are untrusted: a body that digs into Python objects is refused by the
    sandbox when loaded, named with the reason, and the other templates still work."""
    folder = user_copy("evil")
    body = folder / "body.md.j2"
    body.write_text(body.read_text("utf-8") + "{{ company.__class__.__mro__[1] }}\n", "utf-8")
    library = load_library()
    assert "evil" not in {t.id for t in library.templates}
    problem = next(p for p in library.problems if p.template_id == "evil")
    assert "cannot be rendered" in problem.message and "unsafe" in problem.message
    assert "backend-engineer" in {t.id for t in library.templates}
    code, out, err = run(capsys, "describe", "evil")
    assert code == 1 and "cannot be rendered" in err and "Traceback" not in err


def test_the_start_screen_lists_load_without_jinja2(tmp_path):
    """Templates and drafts are listed without importing Jinja2 (about 40 ms of start-up); it
    loads when a draft is opened."""
    from conftest import loads_jinja2

    code = ("from jdwizard.draft.listing import load_start_lists; "
            "lists = load_start_lists(None); assert lists.library.templates")
    assert not loads_jinja2(code, tmp_path / "home")


# --- the template index ------------------------------------------------------------------------


def test_a_second_start_reads_the_index_not_the_bundles(monkeypatch):
    from jdwizard.template import library

    user_copy("acme-backend")
    first = load_library()
    library._memo.clear()  # a new process

    def no_parsing(*args, **kwargs):
        raise AssertionError("a bundle was parsed")

    monkeypatch.setattr(library, "load_template", no_parsing)
    second = load_library()
    assert second.templates == first.templates and len(second.templates) > 5


def test_a_changed_bundle_is_read_again(monkeypatch):
    from jdwizard.template import library

    folder = user_copy("acme-backend")
    load_library()
    library._memo.clear()
    _edit(folder / "template.toml", 'title = "Acme Backend"', 'title = "Acme Backenx"')
    assert get_template("acme-backend").title == "Acme Backenx"
    library._memo.clear()
    assert "Acme Backenx" in {t.title for t in load_library().templates}
    body = folder / "body.md.j2"
    body.write_text(body.read_text("utf-8") + "{{ nowhere }}\n", "utf-8")  # a body is stamped too
    library._memo.clear()
    assert "acme-backend" not in load_library().ids


@pytest.mark.parametrize("damage", ["garbage", "wrong type", "wrong origin"])
def test_an_index_that_cannot_be_used_is_ignored_and_rebuilt(damage):
    from jdwizard.template import library
    from jdwizard.template.index import index_path

    user_copy("acme-backend")
    expected = load_library().templates
    path = index_path()
    data = json.loads(path.read_text("utf-8"))
    key = str(user_templates_dir() / "acme-backend")
    if damage == "garbage":
        path.write_text("{not json", encoding="utf-8")
    elif damage == "wrong type":
        data["entries"][key]["template"]["fields"][0]["required"] = "yes"
        path.write_text(json.dumps(data), encoding="utf-8")
    else:  # a user's template indexed as a built-in one is not taken for one
        data["entries"][key]["origin"] = "built-in"
        data["entries"][key]["template"]["origin"] = "built-in"
        path.write_text(json.dumps(data), encoding="utf-8")
    library._memo.clear()
    assert load_library().templates == expected
    rebuilt = json.loads(path.read_text("utf-8"))["entries"][key]
    assert rebuilt["origin"] == "user" and rebuilt["template"]["fields"][0]["required"] is True


def test_user_templates_start_without_jinja2_once_indexed(isolated_home):
    """A user template's body is checked in the sandbox (Jinja2) when it is new or changed,
    not at every start."""
    from conftest import loads_jinja2

    user_copy("acme-backend")
    code = ("from jdwizard.draft.listing import load_start_lists; "
            "lists = load_start_lists(None); assert 'acme-backend' in lists.library.ids")
    assert loads_jinja2(code, isolated_home)
    assert not loads_jinja2(code, isolated_home)


def test_the_index_keeps_what_another_run_listed_and_drops_what_is_gone(tmp_path, monkeypatch):
    """Starts with and without a shared folder do not undo each other's indexing; a template
    deleted leaves the index at the next start."""
    from jdwizard.template import library
    from jdwizard.template.index import index_path

    shared = tmp_path / "shared"
    shutil.copytree(user_copy("team-one").parent, shared)
    shutil.rmtree(user_templates_dir())
    monkeypatch.setenv("JDWIZARD_TEMPLATE_PATH", str(shared))
    assert "team-one" in load_library().ids
    monkeypatch.delenv("JDWIZARD_TEMPLATE_PATH")
    library._memo.clear()
    assert "team-one" not in load_library().ids
    assert str(shared / "team-one") in json.loads(index_path().read_text("utf-8"))["entries"]
    monkeypatch.setenv("JDWIZARD_TEMPLATE_PATH", str(shared))
    library._memo.clear()
    monkeypatch.setattr(library, "load_template", lambda *args, **kwargs: 1 / 0)
    assert "team-one" in load_library().ids  # from the index
    shutil.rmtree(shared / "team-one")
    monkeypatch.delenv("JDWIZARD_TEMPLATE_PATH")
    load_library()
    assert str(shared / "team-one") not in json.loads(index_path().read_text("utf-8"))["entries"]
