"""Draft checks: unfilled fields, exclusionary terms, pay transparency, length, the report."""

from __future__ import annotations

import json

import pytest

from conftest import BACKEND_ANSWERS
from jdwizard.checks.pay import check_pay, jurisdictions
from jdwizard.checks.post import check_draft, check_field, check_text
from jdwizard.checks.terms import check_terms
from jdwizard.checks.unfilled import check_leftovers
from jdwizard.cli import main
from jdwizard.draft.file import Draft, save_draft


def ids(findings) -> list[str]:
    return [finding.id for finding in findings]


def test_unfilled_required_fields_are_errors(backend):
    report = check_draft(backend, {"company": "Acme"})
    unfilled = [f for f in report.findings if f.id == "unfilled"]
    assert {f.field for f in unfilled} == {  # an empty salary is the pay check's to report
        f.name for f in backend.fields  # a field left at its default is not unfilled
        if f.required and f.default is None and f.name not in ("company", "salary_range")}
    assert {"language", "pto_policy"} <= {f.field for f in unfilled}
    assert [f.field for f in report.findings if f.id == "pay-missing"] == ["salary_range"]
    assert all(f.severity == "error" for f in unfilled) and report.has_errors
    assert "placeholder-left" not in ids(report.findings)  # not reported twice


def test_leftover_placeholders_and_notes_but_not_links_or_task_boxes():
    text = ("Hi {{company}} and [your datastore, e.g. PostgreSQL].\n"
            "See [our site](https://example.com), [ ] todo, [x] done, \\[escaped\\].")
    found = check_leftovers(text)
    assert ids(found) == ["placeholder-left", "note-left"]
    assert "{{company}}" in found[0].message and "[your datastore" in found[1].message


def test_a_filled_draft_has_no_errors(backend):
    report = check_draft(backend, BACKEND_ANSWERS)
    assert report.counts["error"] == 0, report.findings
    assert report.pay.status == "ok" and report.pay.salary == "EUR 60,000–75,000 per year"
    assert "European Union" in report.pay.rules  # Berlin


def test_terms_rockstar_ninja_give_two_findings_with_replacements():
    found = check_terms("We want a rockstar ninja!", "what_you_do")
    assert ids(found) == ["term:rockstar", "term:ninja"]
    assert all(f.field == "what_you_do" and f.suggestion.startswith("Instead: ") for f in found)
    assert ids(check_terms("Rock star, culture fit, digital natives", None)) == [
        "term:rock-star", "term:digital-natives", "term:culture-fit"]
    assert ids(check_terms("young and the youngest; headstrong", None)) == ["term:young"]
    assert check_terms("the theme, she sells; shell", None)[0].id == "term:she"
    assert check_terms("theme shell hero", None) == []


@pytest.mark.parametrize(
    ("salary", "finding", "severity"),
    [
        ("", "pay-missing", "error"),
        ("$190k-150k", "pay-invalid", "error"),
        ("competitive", "pay-invalid", "error"),
        ("150k-190k per year", "pay-currency", "warning"),
        ("$40-55", "pay-period", "warning"),
    ],
)
def test_pay_problems(salary, finding, severity):
    findings, verdict = check_pay(salary, "Berlin", salary_field="salary_range")
    match = [f for f in findings if f.id == finding]
    assert match and match[0].severity == severity and match[0].field == "salary_range"
    assert verdict.status != "ok"


def test_min_above_max_message_is_clear():
    findings, _ = check_pay("$190k-150k", "")
    assert "above the maximum" in findings[0].message and "swap" in findings[0].message


@pytest.mark.parametrize(
    ("location", "rules"),
    [
        ("Denver, CO", ["Colorado"]),
        ("Brooklyn, New York", ["New York City", "New York State"]),
        ("San Francisco, CA", ["California"]),
        ("Seattle", ["Washington"]),
        ("Chicago, IL", ["Illinois"]),
        ("Berlin, Germany", ["European Union"]),
        ("Toronto, Canada", ["Ontario"]),
        ("Cocoa Beach", []),  # "co" in a word is not Colorado
    ],
)
def test_jurisdictions_from_location(location, rules):
    assert [rule.name for rule in jurisdictions(location)] == rules


def test_colorado_names_the_rule_and_what_else_it_needs():
    findings, verdict = check_pay("$150k-190k per year", "Denver, CO", "Hybrid",
                                  benefits_given=False, benefits_field="benefits")
    rule = [f for f in findings if f.id == "pay-rule:colorado"][0]
    assert "application deadline" in rule.message and "not legal advice" in rule.suggestion
    assert "pay-benefits" in ids(findings) and "pay-deadline" in ids(findings)
    assert verdict.status == "ok" and verdict.rules == ("Colorado",)


def test_remote_roles_get_the_note():
    findings, _ = check_pay("$150k-190k per year", "Anywhere in the US", "Remote")
    assert "pay-remote" in ids(findings)


def test_check_field_is_scoped_to_the_answer(backend):
    answers = dict(BACKEND_ANSWERS, what_you_do="a rockstar ninja shop, driven by data")
    found = check_field(backend, backend.field("what_you_do"), answers)
    assert ids(found) == ["term:rockstar", "term:ninja", "gender-words"]
    assert "driven" in found[-1].message
    salary = check_field(backend, backend.field("salary_range"),
                         dict(answers, salary_range="$190k-150k"))
    assert ids(salary) == ["pay-invalid"]


def test_template_text_counts_in_the_gender_coding(backend):
    report = check_draft(backend, BACKEND_ANSWERS)
    assert report.template_gender is not None
    assert report.template_gender.masculine.get("autonomy") == 1  # "...the autonomy to solve"
    assert report.template_gender.feminine.get("share") == 1  # "Share on-call duty: ..."
    assert report.gender.feminine.get("depend") == 1  # a default's: "...engineers depend on"
    # The template's own wording ("analy...", "lead"...) is part of the whole post's figures.
    for word, count in report.template_gender.masculine.items():
        assert report.gender.masculine.get(word, 0) >= count
    for word, count in report.template_gender.feminine.items():
        assert report.gender.feminine.get(word, 0) >= count


def test_length_and_readability_are_reported():
    short = check_text("## Job\n\nSalary: $100k-120k per year. Write code.\n")
    assert "length" in ids(short.findings) and short.readability.words < 300
    assert "short" in [f for f in short.findings if f.id == "length"][0].message
    long = check_text("Salary: $100k-120k per year.\n\n" + "We write code. " * 400)
    assert "long" in [f for f in long.findings if f.id == "length"][0].message
    hard = check_text("Salary: $100k-120k per year.\n\nThe organisational infrastructure "
                      "necessitates comprehensive interdisciplinary collaboration, continuous "
                      "architectural modernisation and sophisticated operational observability, "
                      "particularly regarding distributed transactional consistency.\n")
    assert "reading-ease" in ids(hard.findings)
    rambling = check_text("Salary: $100k-120k per year.\n\n" + "We build and run the services "
                          "that our customers use every day and we keep them fast and safe for "
                          "everyone who relies on them at work and at home. " * 5)
    assert "sentence-length" in ids(rambling.findings)


def test_ordinary_brackets_and_names_are_not_errors():
    report = check_text("# Senior Backend Engineer [Toronto, Canada]\n\nHims & Hers and Ernst & "
                        "Young use CMake and Ninja in the HE sector.\n\nSalary: $150k-190k "
                        "per year\n")
    assert report.counts["error"] == 0
    assert ids(report.findings).count("note-left") == 1  # a warning, for the user to judge
    assert not [f for f in report.findings if f.id.startswith("term:")]


def test_plain_text_location_comes_from_a_location_line():
    post = ("# Engineer\n\nWe read the Washington Post and keep a remote build cache.\n\n"
            "Location: Toronto, Canada\n\nSalary: CA$120k-150k per year\n")
    report = check_text(post)
    assert report.pay.rules == ("Ontario",) and "pay-remote" not in ids(report.findings)
    report = check_text(post.replace("Toronto, Canada", "Denver, CO (Remote)"))
    assert report.pay.rules == ("Colorado",) and "pay-remote" in ids(report.findings)


@pytest.mark.parametrize(
    ("text", "salary"),
    [
        ("## Salary\n\n- $150,000 - $190,000 per year\n", "USD 150,000–190,000 per year"),
        ("Salary range: 150k–190k USD per year. Apply by May 1.\n", "USD 150,000–190,000 per year"),
        ("- Base salary: $150k–190k per year\n", "USD 150,000–190,000 per year"),
    ],
)
def test_salary_lines_in_markdown_layouts(text, salary):
    assert check_text(text).pay.salary == salary


def test_growth_rate_is_not_a_salary():
    assert check_text("Growth rate: 300% in 2023\n").pay.status == "missing"


def test_washington_dc_and_no_remote():
    assert [rule.name for rule in jurisdictions("Washington, DC")] == ["Washington, DC"]
    findings, _ = check_pay("$150k-190k per year", "Austin, TX", "On-site only, no remote")
    assert "pay-remote" not in ids(findings)


def test_equal_ends_and_one_benefits_warning():
    findings, verdict = check_pay("$150k-150k per year", "New York, NY")
    assert "pay-equal" in ids(findings) and verdict.status == "incomplete"
    findings, verdict = check_pay("$150k-150k per year", "Denver, CO")  # a fixed rate is fine
    assert "pay-equal" not in ids(findings) and verdict.status == "ok"
    findings, _ = check_pay("$150k-190k per year", "Denver, CO; Seattle, WA; Chicago, IL",
                            benefits_given=False)
    assert ids(findings).count("pay-benefits") == 1


def test_remote_work_type_note_shows_on_the_work_type_field(backend):
    answers = dict(BACKEND_ANSWERS, work_type="Remote")
    assert "pay-remote" in ids(check_field(backend, backend.field("work_type"), answers))


def test_empty_and_utf16_posts(tmp_path, capsys):
    empty = tmp_path / "empty.md"
    empty.write_text("", "utf-8")
    assert main(["check", str(empty)]) == 1
    assert "The post is empty." in capsys.readouterr().out
    wide = tmp_path / "wide.txt"
    wide.write_bytes("Salary: $150k-190k per year\n".encode("utf-16"))
    assert main(["check", str(wide)]) == 0
    assert "USD 150,000–190,000 per year" in capsys.readouterr().out


def test_cli_check_on_a_filled_draft_reports_the_template_figures(tmp_path, capsys, backend):
    path = tmp_path / "d.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    report = check_draft(backend, BACKEND_ANSWERS)
    assert f"Gender coding: {report.gender.label}" in out
    assert "the template's own text alone:" in out
    assert f"{report.readability.words} words" in out
    assert "not legal advice" in out
    assert main(["check", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"findings", "gender_coding", "word_count", "reading_ease"}
    assert data["gender_coding"]["label"] == report.gender.label
    assert set(data["gender_coding"]) == {"label", "masculine", "feminine", "adjusted"}
    assert data["word_count"] == report.readability.words


def test_cli_check_fails_on_a_bad_salary_or_none(tmp_path, capsys):
    for salary in ("$190k-150k", ""):
        path = tmp_path / f"s{len(salary)}.toml"
        save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS, salary_range=salary)),
                   "", path)
        assert main(["check", str(path)]) == 1
        out = capsys.readouterr().out
        assert ("above the maximum" in out) if salary else ("No salary range" in out)


def test_cli_check_on_markdown_and_errors(tmp_path, capsys):
    post = tmp_path / "post.md"
    post.write_text("## About Acme\n\nWe need a rockstar.\n\n- Salary: $150k-190k per year\n",
                    "utf-8")
    assert main(["check", str(post)]) == 0
    out = capsys.readouterr().out
    assert "rockstar" in out and "USD 150,000–190,000 per year" in out
    post.write_text("Join {{company}}! Salary: competitive.\n", "utf-8")
    assert main(["check", str(post), "--json"]) == 1
    found = [f["id"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "placeholder-left" in found
    assert main(["check", str(tmp_path / "nope.md")]) == 1
    assert capsys.readouterr().err.startswith("jdwizard: error: no file at")
