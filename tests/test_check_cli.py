"""`jdwizard check` where job posts live (issue 15): several files, standard input, the JSON
shape, dismissed findings (a draft's table, a post's comments, a profile's never-words), the
drafts-only .toml rule, and the pre-commit hook."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from jdwizard.cli import main
from jdwizard.draft.file import Draft, save_draft
from jdwizard.draft.profiles import Profile, save_profile

ROOT = Path(__file__).resolve().parents[1]
POST = ("# Warehouse Associate\n\nLocation: Brooklyn, NY\n\nPay: $24 per hour.\n\n"
        "We are looking for a ninja to pick and pack orders. Rockstar pickers welcome.\n")


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def draft(path: Path, checks: object = None, **answers: str) -> Path:
    extra = {} if checks is None else {"checks": checks}
    answers = {"company": "Acme Logistics", "what_you_do": "rockstar logistics", **answers}
    save_draft(Draft("backend-engineer", answers=answers, extra=extra), None, path)
    return path


def run_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["check", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


def ids(report: dict) -> list[str]:
    return [finding["id"] for finding in report["findings"]]


def test_one_post_prints_its_report_with_context_and_what_was_dismissed(tmp_path, capsys):
    post = write(tmp_path / "post.md", POST)
    code, report = run_json(capsys, str(post))
    assert code == 0 and "path" not in report and report["dismissed"] == []
    ninja = next(f for f in report["findings"] if f["id"] == "term:ninja")
    assert ninja["context"] == "We are looking for a ninja to pick and pack orders."
    assert ninja["confidence"] == "high" and ninja["key"] == "term:ninja"

    write(post, POST + "<!-- jdwizard: ignore term:ninja -->\n")
    code, report = run_json(capsys, str(post))
    assert "term:ninja" not in ids(report) and "term:rockstar" in ids(report)
    assert [(d["finding"]["id"], d["why"]) for d in report["dismissed"]] == [
        ("term:ninja", "an ignore comment in the post")]
    assert main(["check", str(post)]) == 0
    out = capsys.readouterr().out
    assert "Dismissed (1):\n        term:ninja: an ignore comment in the post" in out
    assert '"ninja"' not in out
    code, plain = run_json(capsys, str(write(post, POST)))
    assert report["word_count"] == plain["word_count"]  # the comment is not part of the post


def test_several_files_and_standard_input(tmp_path, capsys, monkeypatch):
    good = write(tmp_path / "good.md", POST)
    bad = write(tmp_path / "bad.txt", "Join {{company}} as a rockstar.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(POST.encode())))
    code, data = run_json(capsys, str(good), "-", str(bad), str(tmp_path / "gone.md"))
    assert code == 1
    files = data["files"]
    assert [f["path"] for f in files] == [str(good), "standard input", str(bad),
                                          str(tmp_path / "gone.md")]
    assert ids(files[0]) == ids(files[1])  # the same post from a file and from a pipe
    assert "placeholder-left" in ids(files[2])
    assert files[3]["error"].startswith("no file at")
    assert main(["check", str(good), str(good)]) == 0  # no errors in any: exit 0
    out = capsys.readouterr().out
    assert out.count(f"Checked {good}") == 2 and out.rstrip().endswith(
        "2 files checked: no errors.")
    assert main(["check", str(good), str(bad)]) == 1
    assert capsys.readouterr().out.rstrip().endswith("2 files checked: 1 with errors.")
    assert main(["check", "-", "-"]) == 1
    assert "can be given once" in capsys.readouterr().err


def test_standard_input_keeps_its_size_limit(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 1_000_001)))
    assert main(["check", "-"]) == 1
    assert "larger than 1,000,000 bytes" in capsys.readouterr().err


def test_a_toml_file_that_is_not_a_draft_is_skipped(tmp_path, capsys):
    pyproject = write(tmp_path / "pyproject.toml", '[project]\nname = "team-tools"\n')
    template = ROOT / "templates" / "backend-engineer" / "template.toml"
    assert main(["check", str(pyproject)]) == 0
    assert capsys.readouterr().out.startswith(f"Skipped {pyproject}: not a jdwizard draft")
    code, data = run_json(capsys, str(pyproject), str(template))
    assert code == 0 and all(f["skipped"].startswith("not a jdwizard draft")
                             for f in data["files"])
    profile = write(tmp_path / "acme.toml", 'jdwizard_profile = 1\n[answers]\ncompany = "A"\n')
    assert run_json(capsys, str(profile))[1] == {"skipped": "not a jdwizard draft (a company "
                                                            "profile)"}
    # a draft with a mistake is still a draft: its error is reported, not skipped
    broken = write(tmp_path / "broken.toml", 'template = "backend-engineer"\n')
    assert main(["check", str(broken)]) == 1
    assert "has no [answers] table" in capsys.readouterr().err


def test_a_drafts_dismissed_findings_are_skipped_and_listed(tmp_path, capsys):
    path = draft(tmp_path / "d.toml")
    code, report = run_json(capsys, str(path))
    rockstar = next(f for f in report["findings"] if f["id"] == "term:rockstar")
    assert rockstar["field"] == "what_you_do" and rockstar["context"] == "rockstar logistics"
    path = draft(tmp_path / "d2.toml", {"dismissed": ["term:rockstar"]})
    code, report = run_json(capsys, str(path))
    assert "term:rockstar" not in ids(report)
    assert [(d["finding"]["key"], d["why"]) for d in report["dismissed"]] == [
        ("term:rockstar", "dismissed in the draft")]
    path = draft(tmp_path / "d3.toml", {"dismissed": "term:rockstar"})
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("jdwizard: error: ") and err.count("\n") == 1
    assert 'dismissed = ["term:young"' in err


def test_a_profiles_never_words_are_never_findings(tmp_path, capsys):
    save_profile(Profile("acme-logistics", "Acme Logistics", {"company": "Acme Logistics"},
                         extra={"never": ["Rockstar"]}))
    path = draft(tmp_path / "d.toml")
    code, report = run_json(capsys, str(path))  # the draft's company has the profile
    assert "term:rockstar" not in ids(report)
    assert report["dismissed"][0]["why"] == "the profile 'Acme Logistics' never flags 'Rockstar'"
    code, report = run_json(capsys, str(path), "--profile", "")
    assert "term:rockstar" in ids(report) and report["dismissed"] == []
    post = write(tmp_path / "post.md", POST)
    code, report = run_json(capsys, str(post))  # a post names no profile of its own
    assert "term:ninja" in ids(report)
    save_profile(Profile("acme-logistics", "Acme Logistics", {}, extra={"never": ["Ninja"]}))
    code, report = run_json(capsys, str(post), "--profile", "Acme Logistics")
    assert "term:ninja" not in ids(report)
    assert main(["check", str(post), "--profile", "nobody"]) == 1
    assert "no profile 'nobody'" in capsys.readouterr().err
    save_profile(Profile("acme-logistics", "Acme Logistics", {}, extra={"never": "Ninja"}))
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and 'never = ["Dominant", "SharePoint"]' in err


def test_the_pre_commit_hook_runs_check_on_drafts_and_job_post_folders():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")
    try:
        import yaml  # not a dependency: used when it happens to be installed
    except ImportError:
        hooks = [dict(re.findall(r"^\s*-?\s*(\w+):\s*(.+?)\s*$", text, re.MULTILINE))]
        hooks[0] = {key: value.strip("'\"") for key, value in hooks[0].items()}
    else:
        hooks = yaml.safe_load(text)
    assert len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "jdwizard-check" and hook["entry"] == "jdwizard check"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("jobs/backend.md", "team/job-posts/nurse.txt", "postings/a/b.md",
                 "drafts/acme-backend.toml", "pyproject.toml"):
        assert files.search(name), name
    for name in ("README.md", "docs/jobs.md", "jobs/logo.png", "jobs-old/x.md"):
        assert not files.search(name), name


@pytest.mark.parametrize("format_name", ["markdown", "text", "html"])
def test_a_drafts_dismissals_stay_out_of_its_documents(tmp_path, capsys, format_name):
    """What the user dismissed is a note to `check`, never part of the post."""
    path = draft(tmp_path / "d.toml", {"dismissed": ["term:rockstar"]})
    assert main(["render", str(path), "--allow-incomplete", "--format", format_name]) == 0
    out = capsys.readouterr().out
    assert "rockstar logistics" in out
    assert "jdwizard: ignore" not in out and "term:rockstar" not in out


def test_employees_leaves_out_a_law_the_company_is_too_small_for(tmp_path, capsys):
    post = write(tmp_path / "post.md", POST)
    code, report = run_json(capsys, str(post))
    assert "New York City" in report["pay"]["rules"]
    code, report = run_json(capsys, str(post), "--employees", "3")  # NYC: 4 or more
    assert "New York City" not in report["pay"]["rules"]
    assert main(["check", str(post), "--employees", "0"]) == 1
    assert "--employees 0: give the company's number" in capsys.readouterr().err


def test_an_html_post_is_read_without_its_tags_and_keeps_its_comments(tmp_path, capsys):
    page = write(tmp_path / "post.html",
                 "<h1>Warehouse Associate</h1><p>Location: Brooklyn, NY</p>"
                 "<p>We want a <strong>ninja</strong> and a rockstar.</p>"
                 "<!-- jdwizard: ignore term:rockstar -->")
    code, report = run_json(capsys, str(page))
    ninja = next(f for f in report["findings"] if f["id"] == "term:ninja")
    assert ninja["context"] == "We want a ninja and a rockstar."  # no <strong> left
    assert [d["finding"]["id"] for d in report["dismissed"]] == ["term:rockstar"]


def test_a_draft_is_read_up_to_a_drafts_own_limit(tmp_path, capsys):
    """A draft may be larger than the 1 MB a post may be: it is still checked (the long answer
    is one the template does not use, which the checks pass over)."""
    path = draft(tmp_path / "long.toml", old_notes="a shop. " * 140_000)  # 1.1 MB
    assert path.stat().st_size > 1_000_000
    main(["check", str(path)])
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Checked {path}") and not captured.err


def test_a_bad_checks_table_names_its_draft_among_several_files(tmp_path, capsys):
    """With several files, an error must say which one it is about."""
    from jdwizard.cli import main

    bad = tmp_path / "bad.toml"
    bad.write_text('template = "backend-engineer"\n[checks]\ndismissed = "length"\n'
                   '[answers]\ncompany = "A"\n', "utf-8")
    post = tmp_path / "post.md"
    post.write_text("# Cook\n\nLocation: Denver, CO\n\nPay: $20 per hour.\n", "utf-8")
    assert main(["check", str(post), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: the draft's [checks] table" in err
