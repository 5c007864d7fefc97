"""The same verdict for a draft and for the document rendered from it (issue 15): `check_draft`
and `check_text` on the .md, .txt and .html (read without its tags) agree on the pay verdict,
the jurisdictions and the findings (ids and severities), apart from the unfilled-field checks,
which only the draft can make. Every built-in template with its sample answers, and variants."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pytest

from jdwizard.checks.html_text import html_to_text
from jdwizard.checks.post import Report, check_draft, check_text
from jdwizard.export import export
from jdwizard.template.engine import Renderer
from jdwizard.template.library import all_templates, get_template
from jdwizard.template.model import Template

# The unfilled-field checks: a required answer left empty, a placeholder or template note left.
UNFILLED = frozenset({"unfilled", "placeholder-left", "note-left"})
FORMATS = ("markdown", "text", "html")


def samples(template: Template) -> dict[str, str]:
    """The template's sample answers (a field with a default and no sample keeps its default)."""
    if hasattr(template, "samples"):
        return dict(template.samples())
    return {field.name: field.sample for field in template.fields if field.sample}


def findings(report: Report) -> set[tuple[str, str]]:
    return {(f.id, f.severity.value) for f in report.findings if f.id not in UNFILLED}


def as_checked(template: Template, answers: Mapping[str, str], format_name: str) -> Report:
    """`check_text` on the document in `format_name`, as `jdwizard check` reads the file."""
    document = export(Renderer(template).render(answers), format_name)
    return check_text(html_to_text(document) if format_name == "html" else document)


def assert_same(template: Template, answers: Mapping[str, str], format_name: str) -> None:
    draft = check_draft(template, answers)
    text = as_checked(template, answers, format_name)
    assert text.pay == draft.pay
    assert findings(text) == findings(draft)


TEMPLATES = sorted(template.id for template in all_templates())


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_template_gets_one_verdict_as_draft_and_as_document(template_id, format_name):
    template = get_template(template_id)
    answers = samples(template)
    assert_same(template, answers, format_name)
    assert check_draft(template, answers).pay.status == "ok"  # the samples state their pay


VARIANTS = {
    "Denver, no deadline": dict(location="Denver, CO", apply_by=""),
    "Denver, open until filled": dict(location="Denver, CO", apply_by="open until filled"),
    "Brooklyn, a single hourly rate": dict(location="Brooklyn, NY", salary_range="$24/hour",
                                           work_type="On-site"),
    "remote in the US": dict(location="Remote (US)", work_type="Remote"),
    "no location": dict(location=""),
    "only a prose mention": dict(location="",
                                 about_team="You'll work from our Chicago office."),
    "Seattle, no benefits": dict(location="Seattle, WA", benefits="", pto_policy=""),
    "a civil-service grade": dict(location="Washington, DC", salary_range="GS-11"),
    "Toronto, a wide hourly range": dict(location="Toronto, ON", salary_range="$30-$60 per hour"),
    "a small company in Hawaii": dict(location="Honolulu, HI", company_size="about 12 people"),
    "no period": dict(location="Boston, MA", salary_range="$150k-$185k"),
    "an open-ended range in BC": dict(location="Vancouver, BC", salary_range="$60,000+ per year"),
}


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_hand_written_variants_get_one_verdict(variant, format_name):
    template = get_template("backend-engineer")
    answers = samples(template) | VARIANTS[variant]
    assert_same(template, answers, format_name)


def test_the_templates_own_words_count_in_draft_and_document_alike():
    template = get_template("backend-engineer")
    worded = replace(template, body=template.body + "\nWe want a rockstar who is a ninja.\n")
    for format_name in FORMATS:
        assert_same(worded, samples(worded), format_name)
    assert {"term:rockstar", "term:ninja"} <= {
        f.id for f in check_draft(worded, samples(worded)).findings}


def test_the_variants_are_told_what_matters():
    template = get_template("backend-engineer")

    def ids(variant: str) -> set[str]:
        return {f.id for f in check_draft(template, samples(template) | VARIANTS[variant]).findings}

    assert "pay-deadline" in ids("Denver, no deadline")
    assert "pay-deadline" not in ids("Denver, open until filled")
    assert {"pay-equal", "pay-rule:new-york-city"} <= ids("Brooklyn, a single hourly rate")
    assert "pay-remote" in ids("remote in the US")
    assert "location-missing" in ids("no location")
    assert {"location-missing", "pay-rule:illinois"} <= ids("only a prose mention")
    assert "pay-benefits" in ids("Seattle, no benefits")
    assert "pay-scale" in ids("a civil-service grade")
    assert "pay-range-wide" in ids("Toronto, a wide hourly range")
    assert "pay-size" in ids("a small company in Hawaii")
    assert "pay-period-yearly" in ids("no period")
    assert "pay-invalid" in ids("an open-ended range in BC")


def test_html_is_read_as_the_markdown_lines():
    markdown = ("# Senior Engineer\n\n- **Location:** Denver, CO\n- Workplace: Hybrid\n\n"
                "## About\n\nAcme is *great* & big.\nIt ships.\n\n1. one\n2. two\n")
    assert html_to_text(export(markdown, "html")) == (
        "# Senior Engineer\n\n- Location: Denver, CO\n- Workplace: Hybrid\n\n## About\n\n"
        "Acme is great & big. It ships.\n\n- one\n- two\n")


def test_html_reading_drops_scripts_and_keeps_blocks_apart():
    page = ("<html><head><title>Jobs</title><style>p {color: red}</style></head><body>"
            "<h2>Pay</h2><p>Salary:<br>$90k&ndash;$100k per year</p><script>var pay = 1;"
            "</script><ul><li><p>Loose item</p></li><li>Tight item</li></ul>"
            "<table><tr><td>Location</td><td>Denver, CO</td></tr></table></body></html>")
    assert html_to_text(page) == ("## Pay\n\nSalary:\n$90k–$100k per year\n\n- Loose item\n\n"
                                  "- Tight item\n\n| Location | Denver, CO\n")
    assert check_text(html_to_text(page)).pay.salary == "USD 90,000–100,000 per year"


ENGLISH = ("# Barista\n\nWe are a small cafe in the middle of town, and we are looking for a "
           "barista who loves coffee and people. You will make drinks, talk with our guests "
           "and keep the bar clean. Pay: $18-$21 per hour. We train you on the machine, and "
           "you will work with a team of five who help each other every day.\n")
GERMAN = ("# Barista\n\nWir sind ein kleines Café mitten in der Stadt und suchen eine Barista, "
          "die Kaffee und Menschen liebt. Du bereitest Getränke zu, sprichst mit unseren "
          "Gästen und hältst die Theke sauber. Lohn: 14-16 € pro Stunde. Wir lernen dich an "
          "der Maschine an, und du arbeitest in einem Team von fünf Leuten, die einander "
          "jeden Tag helfen.\n")


def test_a_clearly_non_english_post_is_told_the_checks_read_english():
    note = [f for f in check_text(GERMAN).findings if f.id == "not-english"]
    assert note and note[0].severity == "info" and "read English" in note[0].message
    assert "not-english" not in {f.id for f in check_text(ENGLISH).findings}
    assert "not-english" not in {f.id for f in check_text("Lohn: 14 €\n").findings}  # too short


def test_the_gender_finding_rests_on_the_adjusted_coding_and_its_dismissals():
    post = "# Engineer\n\n## Leadership\n\nWe are a warm and collaborative team.\n"
    report = check_text(post)
    assert report.gender.masculine == {"leadership": 1}  # the reference figure counts it
    assert report.gender.adjusted is not None and report.gender.adjusted.masculine == {}
    assert "warm" in [f for f in report.findings if f.id == "gender-coded"][0].message
    kept = check_text(post, dismissed=["gender-coded:warm"]).gender.adjusted
    assert kept is not None and "warm" not in kept.feminine and "collaborative" in kept.feminine
    template = get_template("backend-engineer")
    draft = check_draft(template, samples(template) | {"about_team": "A warm team."},
                        dismissed=["gender-coded:warm"])
    assert draft.gender.adjusted is not None and "warm" not in draft.gender.adjusted.feminine


@pytest.mark.parametrize("piece", ["<a ", "<!--", "</", "< < >", "<![<", "<script>", "<p>x"])
def test_any_html_is_read_in_linear_time_and_never_raises(piece):
    """Python's HTMLParser took 15 s on 40 KB of "<a " and raised on "<![<": the reader's
    own tokenizer reads any markup, and its time grows with the page, not its square."""
    import time

    def seconds(copies: int) -> float:
        page = "<h2>Pay</h2><p>Salary: $90k-$100k per year</p>" + piece * copies
        start = time.perf_counter()
        html_to_text(page)
        return time.perf_counter() - start

    assert html_to_text("<p>Hi</p><![<") == "Hi\n"
    seconds(2_000)  # warm up
    small, large = min(seconds(5_000) for _ in range(3)), min(seconds(40_000) for _ in range(3))
    assert large < 8 * small * 3, (small, large)  # 8 times the text: far below 64 times
