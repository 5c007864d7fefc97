"""The schema.org JobPosting of a post (`render --format jsonld`, `--format html --jsonld`): what
the answers give, read as the checks read them, and nothing invented: what they do not give is
left out and named on standard error."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_exports_true import remove_rockstar
from test_formats_flow import choose

from conftest import press, wait_for
from jdwizard.cli import main
from jdwizard.draft.file import Draft, load_draft, save_draft
from jdwizard.draft.opening import open_session
from jdwizard.export import to_html
from jdwizard.jsonld import employment_type, in_format, job_posting, script_block, website
from jdwizard.template.library import get_template
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.review import ReviewScreen

TODAY = date.today()
DEADLINE = TODAY + timedelta(days=40)


def sample_answers(**changes: str | None) -> dict[str, str]:
    """The backend-engineer template's sample answers (a complete Denver post), changed."""
    template = get_template("backend-engineer")
    answers = {field.name: field.sample for field in template.fields if field.sample is not None}
    answers["apply_by"] = DEADLINE.isoformat()
    for name, value in changes.items():
        if value is None:
            answers.pop(name, None)
        else:
            answers[name] = value
    return answers


def draft(folder: Path, answers: dict[str, str], posted: date | None = None) -> Path:
    path = folder / "acme.toml"
    save_draft(Draft("backend-engineer", answers=answers, posted=posted), "", path)
    return path


def render(capsys, path: Path, *options: str) -> tuple[int, str, str]:
    code = main(["render", str(path), *options])
    out, err = capsys.readouterr()
    return code, out, err


def posting_of(capsys, tmp_path: Path, **changes: str | None) -> tuple[dict, str]:
    """The JSON-LD `render` prints for the sample answers with `changes`, and its stderr."""
    code, out, err = render(capsys, draft(tmp_path, sample_answers(**changes)),
                            "--format", "jsonld", "--allow-incomplete")
    assert code == 0, err
    return json.loads(out), err


def test_a_filled_draft_gives_the_job_posting_google_asks_for(tmp_path, capsys):
    path = draft(tmp_path, sample_answers())
    code, out, err = render(capsys, path, "--format", "jsonld")
    assert code == 0
    posting = json.loads(out)
    assert out.endswith("}\n") and out.startswith('{\n  "@context"')  # indented by two
    document = open_session(path, edit=False).document()
    assert posting == {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": "Senior Backend Engineer",
        "description": to_html(document),
        "datePosted": TODAY.isoformat(),
        "validThrough": DEADLINE.isoformat(),
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": "Acme Logistics",
                               "sameAs": "https://acme.example"},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": "Denver", "addressRegion": "CO",
            "addressCountry": "US"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {
            "@type": "QuantitativeValue", "minValue": 150000, "maxValue": 185000,
            "unitText": "YEAR"}},
    }
    assert posting["description"].startswith("<h1>Senior Backend Engineer</h1>")
    # nothing is missing; only where datePosted came from is said, on one line
    assert err == (f"jdwizard: datePosted is today ({TODAY.isoformat()}): the draft records the "
                   "day only when it is first copied or saved as a document in the app\n")


def test_date_posted_is_the_day_the_draft_records(tmp_path, capsys):
    path = draft(tmp_path, sample_answers(), posted=date(2026, 11, 2))
    code, out, err = render(capsys, path, "--format", "jsonld")
    assert code == 0 and err == ""
    assert json.loads(out)["datePosted"] == "2026-11-02"


def test_a_remote_role_is_telecommute_with_where_applicants_may_live(tmp_path, capsys):
    posting, _ = posting_of(capsys, tmp_path, work_type="Remote", location="Remote in the US")
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "Country", "name": "US"}
    assert "jobLocation" not in posting


def test_an_office_or_remote_role_has_both(tmp_path, capsys):
    posting, _ = posting_of(capsys, tmp_path, work_type="Hybrid",
                            location="Denver, CO or remote in Colorado")
    assert posting["jobLocation"]["address"]["addressLocality"] == "Denver"
    assert posting["jobLocationType"] == "TELECOMMUTE"
    assert posting["applicantLocationRequirements"] == {"@type": "State", "name": "Colorado"}


def test_one_place_per_place_named(tmp_path, capsys):
    posting, _ = posting_of(capsys, tmp_path, work_type="On-site",
                            location="Denver, CO or Toronto")
    assert [place["address"] for place in posting["jobLocation"]] == [
        {"@type": "PostalAddress", "addressLocality": "Denver", "addressRegion": "CO",
         "addressCountry": "US"},
        {"@type": "PostalAddress", "addressLocality": "Toronto", "addressRegion": "ON",
         "addressCountry": "CA"}]
    assert "jobLocationType" not in posting


def test_what_cannot_be_derived_is_left_out_and_named(tmp_path, capsys):
    posting, err = posting_of(capsys, tmp_path, apply_by=None, salary_range="competitive",
                              company_website="ask us", location="somewhere nice")
    for absent in ("validThrough", "baseSalary", "jobLocation"):
        assert absent not in posting
    assert "sameAs" not in posting["hiringOrganization"]
    line = [line for line in err.splitlines() if "has no" in line]
    assert line == ["jdwizard: the JSON-LD has no validThrough, hiringOrganization.sameAs, "
                    "jobLocation, baseSalary: nothing in the answers gives them; answer the "
                    "fields they come from to add them"]


@pytest.mark.parametrize("apply_by", ["2020-01-15", "01/02/2030", "soon"])
def test_a_deadline_that_does_not_read_as_a_future_day_is_not_a_valid_through(
        tmp_path, capsys, apply_by):
    posting, err = posting_of(capsys, tmp_path, apply_by=apply_by)
    assert "validThrough" not in posting and "has no validThrough" in err


def test_open_until_filled_has_no_valid_through_and_misses_none(tmp_path, capsys):
    posting, err = posting_of(capsys, tmp_path, apply_by="open until filled")
    assert "validThrough" not in posting and "has no" not in err


def test_the_salary_as_the_checks_read_it(tmp_path, capsys):
    posting, _ = posting_of(capsys, tmp_path, salary_range="$42.50/hour")
    assert posting["baseSalary"] == {"@type": "MonetaryAmount", "currency": "USD", "value": {
        "@type": "QuantitativeValue", "value": 42.5, "unitText": "HOUR"}}
    posting, _ = posting_of(capsys, tmp_path, salary_range="€60.000–€75.000 per year",
                            location="Berlin, Germany")
    assert posting["baseSalary"]["currency"] == "EUR"
    assert posting["baseSalary"]["value"]["minValue"] == 60000
    # a bare "$" in Canada is the Canadian dollar; "US$" stays the US one
    posting, _ = posting_of(capsys, tmp_path, location="Toronto, ON")
    assert posting["baseSalary"]["currency"] == "CAD"
    posting, _ = posting_of(capsys, tmp_path, location="Toronto, ON",
                            salary_range="US$150k-185k per year")
    assert posting["baseSalary"]["currency"] == "USD"


def test_a_salary_without_a_period_has_no_unit_and_says_so(tmp_path, capsys):
    posting, err = posting_of(capsys, tmp_path, salary_range="$150k-$185k")
    assert "unitText" not in posting["baseSalary"]["value"]
    assert "baseSalary.value.unitText" in err


def test_an_untouched_employment_type_is_its_default(tmp_path, capsys):
    posting, _ = posting_of(capsys, tmp_path, employment_type=None)
    assert posting["employmentType"] == "FULL_TIME"  # the standard field's default, Full-time


@pytest.mark.parametrize(("text", "expected"), [
    ("Full-time", "FULL_TIME"), ("full time", "FULL_TIME"), ("Part-time (24 hours a week)",
                                                             "PART_TIME"),
    ("Contract", "CONTRACTOR"), ("Freelance", "CONTRACTOR"), ("Temporary", "TEMPORARY"),
    ("12-month fixed-term", "TEMPORARY"), ("Internship", "INTERN"), ("Volunteer", "VOLUNTEER"),
    ("Full-time or part-time", ["FULL_TIME", "PART_TIME"]), ("Apprenticeship", "OTHER"),
    ("  ", None),
])
def test_employment_types(text, expected):
    assert employment_type(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("https://acme.example", "https://acme.example"), ("acme.example", "https://acme.example"),
    ("www.acme.co.uk/careers", "https://www.acme.co.uk/careers"), ("ask us", None), ("", None),
])
def test_websites(text, expected):
    assert website(text) == expected


def test_an_eu_wide_remote_role_names_each_member_state(backend):
    answers = sample_answers(work_type="Remote", location="Anywhere in the EU")
    posting, missing = job_posting(backend, answers, "# Title\n", None, TODAY)
    names = [area["name"] for area in posting["applicantLocationRequirements"]]
    assert len(names) == 27 and "DE" in names and "EU" not in names and not missing


def test_html_with_jsonld_appends_a_script_nothing_can_close(tmp_path, capsys):
    hostile = "Acme</script><script>alert(1)</script><!--"
    path = draft(tmp_path, sample_answers(company=hostile))
    code, out, _ = render(capsys, path, "--format", "html", "--jsonld")
    assert code == 0
    html, _, script = out.partition('<script type="application/ld+json">\n')
    assert html == to_html(open_session(path, edit=False).document())
    assert script.endswith("\n</script>\n") and script.count("</") == 1
    assert "<!--" not in script
    posting = json.loads(script.removesuffix("</script>\n"))
    assert posting["hiringOrganization"]["name"] == hostile  # escaped, not changed
    assert script_block(posting) == out[len(html):]


def test_jsonld_goes_only_with_html(tmp_path, capsys):
    code, out, err = render(capsys, draft(tmp_path, sample_answers()), "--format", "text",
                            "--jsonld")
    assert code == 1 and out == ""
    assert re.fullmatch(r"jdwizard: error: --jsonld .*--format html.*\n", err)


# -- the app and saves: Copy and Save offer JSON-LD, the .jsonld stays true, posted is kept ------

SIZE = (120, 40)
ROCKSTAR = "a team that loves rockstar engineers"


def expected_jsonld(path: Path, posted: date | None) -> str:
    """The .jsonld the draft at `path` should have beside it."""
    session = open_session(path, edit=False)
    return in_format("jsonld", session.template, session.answers, session.document(), posted,
                     TODAY)


async def test_save_document_as_jsonld_records_posted_and_later_saves_rewrite_it(
        drafts_folder, notices):
    path = draft(drafts_folder, sample_answers(what_you_do=ROCKSTAR))
    jsonld = path.with_suffix(".jsonld")
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        await press(pilot, "e")
        await choose(app, pilot, "jsonld")
        await wait_for(pilot, lambda: any(n.title == "Saved" for n in notices), "the save")
        assert load_draft(path).posted == TODAY
        assert jsonld.read_text("utf-8") == expected_jsonld(path, TODAY)
        assert "rockstar" in json.loads(jsonld.read_text("utf-8"))["description"]
        await remove_rockstar(app, pilot)
        await wait_for(pilot, lambda: "rockstar" not in jsonld.read_text("utf-8")
                       and not app.session.dirty, "the autosave")
    assert load_draft(path).answers["what_you_do"] == "a team that loves engineers"
    assert jsonld.read_text("utf-8") == expected_jsonld(path, TODAY)
    assert load_draft(path).posted == TODAY


async def test_copy_as_jsonld_dates_the_post_and_says_what_it_lacks(drafts_folder, monkeypatch,
                                                                   tmp_path, notices):
    monkeypatch.setenv("PATH", str(tmp_path))  # no clipboard tool: the terminal's clipboard
    path = draft(drafts_folder, sample_answers(apply_by=None))
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c")
        await choose(app, pilot, "jsonld")
        await wait_for(pilot, lambda: any(n.title == "Copied via terminal" for n in notices),
                       "the copy")
        copied = json.loads(app.clipboard)
        await wait_for(pilot, lambda: load_draft(path).posted == TODAY, "posted saved")
    assert copied == json.loads(expected_jsonld(path, TODAY))
    assert copied["datePosted"] == TODAY.isoformat() and "validThrough" not in copied
    message = next(n for n in notices if n.title == "Copied via terminal")
    assert "The JSON-LD has no validThrough" in message and "acme.jsonld" in message
    assert not path.with_suffix(".jsonld").exists()  # copying writes no file


def test_a_save_rewrites_a_jsonld_beside_the_draft_and_dates_it_once(drafts_folder):
    """A .jsonld written by hand (render -o) is rewritten by every save; the first such save
    records posted, and later saves keep it."""
    drafts_folder.mkdir(parents=True)
    path = draft(drafts_folder, sample_answers())
    path.with_suffix(".jsonld").write_text("{}\n", "utf-8")
    session = open_session(path, drafts_folder)
    session.set_answer("salary_range", "$160k-$190k per year")
    session.save_now()
    assert load_draft(path).posted == TODAY
    saved = json.loads(path.with_suffix(".jsonld").read_text("utf-8"))
    assert saved["baseSalary"]["value"]["minValue"] == 160000
    session.close()
    earlier = date(2026, 11, 2)
    path = draft(drafts_folder, sample_answers(), posted=earlier)
    session = open_session(path, drafts_folder)
    session.set_answer("employment_type", "Part-time")
    session.save_now()
    session.close()
    assert load_draft(path).posted == earlier
    assert path.with_suffix(".jsonld").read_text("utf-8") == expected_jsonld(path, earlier)
    assert "PART_TIME" in path.with_suffix(".jsonld").read_text("utf-8")


def test_a_save_writes_no_jsonld_nor_posted_unless_one_was_saved(drafts_folder):
    drafts_folder.mkdir(parents=True)
    path = draft(drafts_folder, sample_answers())
    session = open_session(path, drafts_folder)
    session.set_answer("employment_type", "Part-time")
    session.save_now()
    session.close()
    assert not path.with_suffix(".jsonld").exists() and load_draft(path).posted is None


def test_no_control_character_of_an_answer_reaches_the_json_ld(tmp_path, capsys):
    """The document drops control characters (an OSC 52 sequence would write the clipboard of
    whoever prints the file); the JSON-LD made from the same answers drops them too."""
    hostile = "Acme\x1b]52;c;aGk=\x07 \x9b31m Labs"
    path = draft(tmp_path, sample_answers(company=hostile))
    out = tmp_path / "out.jsonld"
    assert main(["render", str(path), "--format", "jsonld", "-o", str(out)]) == 0
    capsys.readouterr()
    posting = json.loads(out.read_text("utf-8"))
    name = posting["hiringOrganization"]["name"]
    assert not re.search("[\x00-\x1f\x7f-\x9f]", json.dumps(posting, ensure_ascii=False)
                         .replace("\n", ""))
    assert name.startswith("Acme") and name.endswith("Labs")
