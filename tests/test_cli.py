"""The command line: listing, describing, rendering, and one-line errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from conftest import BACKEND_ANSWERS
from jdwizard.cli import main
from jdwizard.draft.file import Draft, save_draft


def write_draft(path: Path, answers: dict[str, str]) -> Path:
    save_draft(Draft("backend-engineer", answers=answers), "", path)
    return path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_templates_lists_backend(capsys):
    code, out, _ = run(capsys, "templates")
    assert code == 0 and out.startswith("Customer\n")  # categories in alphabetical order
    assert re.search(r"^Engineering\n(  \S+ .*\n)*  backend-engineer +Backend Engineer — ",
                     out, re.MULTILINE)  # under its category's heading
    code, out, _ = run(capsys, "templates", "--json")
    rows = {row["id"]: row for row in json.loads(out)["templates"]}
    assert {"origin": "built-in", "category": "Engineering"}.items() <= rows[
        "backend-engineer"].items()


def test_describe_json_is_the_documented_shape(capsys):
    code, out, _ = run(capsys, "describe", "backend-engineer", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"id", "title", "version", "category", "summary", "origin", "folder",
                         "help", "fields", "tips"}  # tests/test_describe_json.py: the rest
    language = [f for f in data["fields"] if f["name"] == "language"][0]
    assert language == {"name": "language", "label": "Language",
                        "question": "Which programming language will they mainly use?",
                        "kind": "line", "list": False, "hint": "e.g. Go, Python, Node",
                        "required": True, "default": None, "sample": "Go"}


def test_render_prints_the_document(tmp_path, capsys):
    path = write_draft(tmp_path / "d.toml", BACKEND_ANSWERS)
    code, out, _ = run(capsys, "render", str(path))
    assert code == 0 and out.startswith("# Senior Backend Engineer\n\n- Company: Acme Logistics\n")
    assert "\n## About Acme Logistics\n" in out and "{{" not in out
    code, text, _ = run(capsys, "render", str(path), "--format", "text")
    assert text.startswith("Senior Backend Engineer\n\n• Company: Acme Logistics\n")
    assert "\nAbout Acme Logistics\n" in text and "• Health insurance.\n" in text


def test_render_refuses_incomplete_naming_fields(tmp_path, capsys):
    path = write_draft(tmp_path / "d.toml", {"company": "Acme"})
    code, out, err = run(capsys, "render", str(path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "what_you_do" in err and "--allow-incomplete" in err
    code, out, _ = run(capsys, "render", str(path), "--allow-incomplete")
    assert code == 0 and "{{salary_range}}" in out


def test_render_output_file(tmp_path, capsys):
    path = write_draft(tmp_path / "d.toml", BACKEND_ANSWERS)
    target = tmp_path / "out" / "job.md"
    code, out, _ = run(capsys, "render", str(path), "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text("utf-8").startswith("# Senior Backend Engineer\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "missing.toml"], "no draft at missing.toml"),
        (["resume", "missing.toml"], "no draft at missing.toml"),
        (["new", "nope"], "unknown template 'nope'"),
        (["describe", "nope"], "unknown template 'nope'"),
        (["new", "backend-engineer", "--set", "company"], "should look like NAME=VALUE"),
        (["new", "backend-engineer", "--set", "colour=red"], "has no field 'colour'"),
    ],
)
def test_user_errors_are_one_line_exit_1(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("jdwizard: error: ") and err.count("\n") == 1
    assert message in err


def test_bad_toml_and_unknown_template_in_draft(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("template = ", "utf-8")
    code, _, err = run(capsys, "render", str(bad))
    assert code == 1 and "not valid TOML" in err and err.count("\n") == 1
    other = tmp_path / "other.toml"
    other.write_text('template = "chef"\n[answers]\n', "utf-8")
    code, _, err = run(capsys, "resume", str(other))
    assert code == 1 and "unknown template 'chef'" in err


def test_new_refuses_to_overwrite_an_existing_draft(tmp_path, capsys):
    path = write_draft(tmp_path / "d.toml", {"company": "Keep me"})
    code, _, err = run(capsys, "new", "backend-engineer", "--draft", str(path))
    assert code == 1 and "already exists" in err
    assert tomllib.loads(path.read_text("utf-8"))["answers"] == {"company": "Keep me"}


def test_new_refuses_a_markdown_path_or_an_existing_document(tmp_path, capsys):
    code, _, err = run(capsys, "new", "backend-engineer", "--draft", str(tmp_path / "jd.md"))
    assert code == 1 and "give a .toml path" in err
    (tmp_path / "jd.md").write_text("my notes", "utf-8")
    code, _, err = run(capsys, "new", "backend-engineer", "--draft", str(tmp_path / "jd.toml"))
    assert code == 1 and "jd.md already exists" in err
    assert (tmp_path / "jd.md").read_text("utf-8") == "my notes"


def test_render_refuses_to_write_over_the_draft(tmp_path, capsys):
    path = write_draft(tmp_path / "d.toml", BACKEND_ANSWERS)
    before = path.read_bytes()
    code, _, err = run(capsys, "render", str(path), "-o", str(path))
    assert code == 1 and "is the draft itself" in err
    assert path.read_bytes() == before


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["render"])
    assert caught.value.code == 2


def _installed_command() -> str:
    script = Path(sysconfig.get_path("scripts")) / "jdwizard"
    return str(script) if script.exists() else ""


def test_installed_command_works_from_any_folder(tmp_path):
    """The real entry point finds its templates and renders, run from an unrelated folder."""
    draft = write_draft(tmp_path / "d.toml", BACKEND_ANSWERS)
    env = dict(os.environ)
    command = _installed_command()
    invocations = [[sys.executable, "-m", "jdwizard"]] + ([[command]] if command else [])
    for prefix in invocations:
        listed = subprocess.run([*prefix, "templates"], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0 and "backend-engineer" in listed.stdout
        rendered = subprocess.run([*prefix, "render", str(draft)], cwd=tmp_path, env=env,
                                  capture_output=True, text=True, timeout=60)
        assert rendered.returncode == 0 and "## About Acme Logistics" in rendered.stdout
        failed = subprocess.run([*prefix, "render", "nope.toml"], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=60)
        assert failed.returncode == 1 and "Traceback" not in failed.stderr
    version = subprocess.run([sys.executable, "-m", "jdwizard", "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("jdwizard ")

