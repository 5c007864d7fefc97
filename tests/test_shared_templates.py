"""Templates shared across a team: folders named by JDWIZARD_TEMPLATE_PATH and config.toml's
template_dirs, listed under the folder's name, read-only in the app, untrusted, and losing an id
clash to a built-in or a user template."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from conftest import press, wait_for
from jdwizard.cli import main
from jdwizard.config import config_path, load_config, update_config
from jdwizard.draft.file import Draft, save_draft
from jdwizard.errors import UserError
from jdwizard.paths import builtin_templates_dir, user_templates_dir
from jdwizard.template.library import get_template, load_library
from jdwizard.template.model import Origin
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.start import StartScreen

SIZE = (120, 40)


def bundle(root: Path, template_id: str, title: str = "Team Backend") -> Path:
    """A bundle in `root`: the built-in backend one under another id and title."""
    folder = root / template_id
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    meta = folder / "template.toml"
    text = meta.read_text("utf-8")
    text = text.replace('id = "backend-engineer"', f'id = "{template_id}"', 1)
    meta.write_text(text.replace('title = "Backend Engineer"', f'title = "{title}"', 1), "utf-8")
    return folder


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """A shared folder named in config.toml, holding one template."""
    root = tmp_path / "hiring-templates"
    bundle(root, "team-backend")
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text(f'template_dirs = ["{root}"]\n', encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_folder_in_template_dirs_is_listed_under_its_name(team, capsys):
    library = load_library()
    shared = next(t for t in library.templates if t.id == "team-backend")
    assert shared.origin is Origin.SHARED and shared.source == team / "team-backend"
    assert library.templates[-1] is shared  # after the built-in ones
    code, out, _ = run(capsys, "templates", "--json")
    row = next(r for r in json.loads(out)["templates"] if r["id"] == "team-backend")
    assert code == 0 and row["origin"] == "shared" and row["folder"] == str(team)
    code, out, _ = run(capsys, "templates")
    group = out.split(f"Shared: hiring-templates ({team}, read-only)\n")[1]
    assert "team-backend" in group and "[Engineering]" in group
    assert get_template("team-backend").origin is Origin.SHARED
    code, out, _ = run(capsys, "describe", "team-backend")
    assert code == 0 and f"Shared from {team} (read-only)" in out


def test_the_environment_names_folders_too_and_comes_first(team, tmp_path, monkeypatch, capsys):
    other = tmp_path / "other-team"
    bundle(other, "team-backend", title="Other Backend")  # the same id: the first folder wins
    bundle(other, "other-only", title="Other Only")
    monkeypatch.setenv("JDWIZARD_TEMPLATE_PATH", f"{other}:~/missing-folder")
    library = load_library()
    by_id = {t.id: t for t in library.templates}
    assert by_id["team-backend"].title == "Other Backend" and "other-only" in by_id
    assert get_template("team-backend").title == "Other Backend"
    clash = next(p for p in library.problems if p.folder == team / "team-backend")
    assert f"is already the id of a template in {other}, listed before" in clash.message
    missing = next(p for p in library.problems if "missing-folder" in str(p.folder))
    assert missing.template_id == "" and "no such folder" in missing.message
    code, out, err = run(capsys, "templates")
    assert code == 0 and "Shared: other-team" in out and "Shared: hiring-templates" not in out
    assert f"jdwizard: warning: {Path.home() / 'missing-folder'}: no such folder" in err


def test_on_an_id_clash_builtin_wins_then_the_users_and_the_clash_is_reported(team, capsys):
    impostor = bundle(team, "backend-engineer", title="Impostor")
    bundle(team, "acme-backend", title="Shared Acme")
    bundle(user_templates_dir(), "acme-backend", title="My Acme")
    library = load_library()
    titles = {t.id: t.title for t in library.templates}
    assert titles["backend-engineer"] == "Backend Engineer" and titles["acme-backend"] == "My Acme"
    assert "Impostor" not in titles.values() and "Shared Acme" not in titles.values()
    problems = {p.folder: p.message for p in library.problems}
    assert "is already a built-in template's id; that one is used" in problems[impostor]
    assert "is already one of your templates' id" in problems[team / "acme-backend"]
    assert get_template("acme-backend").title == "My Acme"
    code, out, err = run(capsys, "templates")
    assert code == 0 and "warning: template 'acme-backend' skipped" in err


def test_a_broken_shared_template_is_reported_and_the_rest_work(team, capsys):
    broken = bundle(team, "broken-one")
    body = broken / "body.md.j2"
    body.write_text(body.read_text("utf-8") + "{{ domian }}\n", "utf-8")
    library = load_library()
    assert "team-backend" in library.ids and "broken-one" not in library.ids
    assert "domian" in next(p for p in library.problems if p.template_id == "broken-one").message
    with pytest.raises(UserError, match="template 'broken-one' cannot be used: .*domian"):
        get_template("broken-one")
    code, _, err = run(capsys, "new", "broken-one")
    assert code == 1 and "domian" in err and "Traceback" not in err


def test_a_shared_template_is_untrusted(team, capsys):
    """Its body is checked in the sandbox when loaded, every time: the index never makes it
    trusted."""
    folder = bundle(team, "evil")
    body = folder / "body.md.j2"
    body.write_text(body.read_text("utf-8") + "{{ company.__class__.__mro__[1] }}\n", "utf-8")
    for _ in range(2):
        library = load_library()
        problem = next(p for p in library.problems if p.template_id == "evil")
        assert "cannot be rendered" in problem.message and "unsafe" in problem.message


def test_a_draft_of_a_shared_template_renders(team, tmp_path, capsys):
    draft = tmp_path / "draft.toml"
    save_draft(Draft("team-backend", {"company": "Acme Shared"}), None, draft)
    code, out, err = run(capsys, "render", str(draft), "--allow-incomplete")
    assert code == 0 and "Acme Shared" in out


def test_template_dirs_of_the_wrong_type_is_one_warning(capsys):
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('template_dirs = "~/one"\n', encoding="utf-8")
    config = load_config()
    assert config.template_dirs == () and config.extra == {"template_dirs": "~/one"}
    code, out, err = run(capsys, "templates")
    assert code == 0 and "backend-engineer" in out
    assert err.count("\n") == 1 and "template_dirs ignored: it must be a list of folders" in err
    update_config(theme="textual-light")  # saving another setting keeps it as written
    assert 'template_dirs = "~/one"' in config_path().read_text("utf-8")


def test_saving_settings_keeps_template_dirs(team):
    update_config(theme="textual-light")
    assert load_config().template_dirs == (str(team),)


async def test_the_start_screen_lists_a_shared_folder_and_refuses_to_change_it(
        team, drafts_folder, notices):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        options = app.screen.query_one("#template-list", OptionList)
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert rows.index("ENGINEERING") < rows.index("SHARED: HIRING-TEMPLATES")
        row = rows.index("SHARED: HIRING-TEMPLATES") + 1
        assert rows[row].startswith("Team Backend  team-backend · Engineering")
        options.highlighted = row
        for key in ("r", "x", "delete"):
            await press(pilot, key)
            await wait_for(pilot, lambda: len(notices) > 0, "a notice")
            notice = notices.pop()
            assert notice == (f"Team Backend is shared from {team}: read-only here; change it "
                              "in that folder.")
            assert isinstance(app.screen, StartScreen)
        assert (team / "team-backend" / "template.toml").is_file()
        options.highlighted = rows.index("Backend Engineer\n" + next(
            t.summary for t in app.screen.templates if t.id == "backend-engineer"))
        await press(pilot, "r")  # on a built-in template: nothing to say, nothing done
        assert not notices and isinstance(app.screen, StartScreen)
