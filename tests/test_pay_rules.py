"""Pay-transparency rules keyed to places: which laws apply where, from when, to whom, and what
they ask of the stated pay (a range or a fixed rate, Ontario's width, BC's open-ended ban)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from jdwizard.checks.pay import check_pay, jurisdictions, location_in_text, rules
from jdwizard.checks.post import check_draft, check_text
from jdwizard.cli import main
from jdwizard.template.engine import Renderer

DAY = date(2026, 12, 1)  # "today" for these tests: every listed law but Columbus in force


def ids(findings) -> list[str]:
    return [finding.id for finding in findings]


def applied(salary: str, location: str, **kwargs) -> tuple[str, ...]:
    return check_pay(salary, location, today=kwargs.pop("today", DAY), **kwargs)[1].rules


@pytest.mark.parametrize(
    ("location", "names"),
    [
        ("Washington, DC", ["Washington, DC"]),
        ("Honolulu, HI", ["Hawaii"]),
        ("Baltimore, MD", ["Maryland"]),
        ("Minneapolis, Minnesota", ["Minnesota"]),
        ("Newark, NJ", ["New Jersey"]),
        ("Jersey City, NJ", ["New Jersey", "Jersey City"]),
        ("Burlington, VT", ["Vermont"]),
        ("Boston, MA", ["Massachusetts"]),
        ("Cleveland, OH", ["Cleveland"]),
        ("Columbus, OH", ["Columbus"]),
        ("Columbus, GA", []),  # not Columbus, Ohio
        ("Dublin, OH", []),  # not Dublin, Ireland, nor Columbus
        ("Vancouver, BC", ["British Columbia"]),
        ("Toronto, ON", ["Ontario"]),
        ("Charlottetown, PE", ["Prince Edward Island"]),
        ("New York, NY", ["New York City", "New York State"]),
        ("Staten Island", ["New York City", "New York State"]),
        ("Buffalo, NY", ["New York State"]),
        ("Vienna, VA", []),
        ("Vienna", ["European Union"]),
        ("fully remote (EU)", ["European Union"]),
        ("Seattle, WA / Berlin", ["Washington", "European Union"]),
        ("Halifax, NS", []),  # Nova Scotia: no in-force date confirmed, not in the data
        ("Austin, TX", []),
    ],
)
def test_the_rules_of_each_place(location, names):
    assert [rule.name for rule in jurisdictions(location)] == names


def test_every_rule_has_its_dates_threshold_and_source():
    for rule in rules():
        assert rule.regions or rule.countries or rule.cities, rule.name
        assert rule.min_employees >= 1 and rule.source and rule.requires
    assert {rule.name for rule in rules()} >= {
        "Washington, DC", "Hawaii", "Maryland", "Minnesota", "New Jersey", "Vermont",
        "Massachusetts", "Cleveland", "Columbus", "Jersey City", "British Columbia", "Ontario",
        "Prince Edward Island"}


def test_columbus_is_upcoming_until_2027():
    findings, verdict = check_pay("$60k-$70k per year", "Columbus, OH", today=date(2026, 12, 31))
    assert verdict.rules == () and "pay-rule:columbus" not in ids(findings)
    upcoming = [f for f in findings if f.id == "pay-upcoming:columbus"]
    assert upcoming and "1 January 2027" in upcoming[0].message
    findings, verdict = check_pay("$60k-$70k per year", "Columbus, OH", today=date(2027, 1, 1))
    assert verdict.rules == ("Columbus",) and "pay-upcoming:columbus" not in ids(findings)


def test_ontario_refuses_a_range_wider_than_50000_up_to_200000():
    wide = [f for f in check_pay("$60,000-$120,000 per year", "Toronto, ON", today=DAY)[0]
            if f.id == "pay-range-wide"]
    assert wide and "Ontario" in wide[0].message and "50,000" in wide[0].message
    for salary, location in [("$60,000-$110,000 per year", "Toronto, ON"),  # 50,000 is allowed
                             ("$180,000-$240,000 per year", "Toronto, ON"),  # above 200,000
                             ("$60,000-$120,000 per year", "Denver, CO")]:  # not Ontario
        findings, _ = check_pay(salary, location, today=DAY)
        assert "pay-range-wide" not in ids(findings), (salary, location)


def test_british_columbia_refuses_an_open_ended_range():
    findings, verdict = check_pay("$60,000+ per year", "Vancouver, BC", today=DAY)
    invalid = [f for f in findings if f.id == "pay-invalid"]
    assert verdict.status == "invalid" and "British Columbia" in invalid[0].suggestion
    findings, _ = check_pay("$60,000+ per year", "Austin, TX", today=DAY)
    assert "British Columbia" not in findings[0].suggestion


def test_a_fixed_rate_is_fine_unless_a_rule_needs_a_range():
    for location in ["Denver, CO", "Vancouver, BC", "Berlin", ""]:
        findings, verdict = check_pay("$85,000-$85,000 per year", location, today=DAY)
        assert "pay-equal" not in ids(findings) and verdict.status == "ok", location
    findings, verdict = check_pay("$85,000-$85,000 per year", "Denver, CO; New York, NY",
                                  today=DAY)
    equal = [f for f in findings if f.id == "pay-equal"]
    assert verdict.status == "incomplete" and equal[0].severity == "warning"
    assert "New York City and New York State" in equal[0].message
    assert "Colorado" not in equal[0].message


def test_employer_size_decides_which_rules_apply():
    assert applied("$40-$50 per hour", "Honolulu, HI") == ("Hawaii",)
    findings, verdict = check_pay("$40-$50 per hour", "Honolulu, HI", employees=10, today=DAY)
    size = [f for f in findings if f.id == "pay-size"]
    assert verdict.rules == () and "Hawaii (50+ employees)" in size[0].message
    assert applied("$40-$50 per hour", "Honolulu, HI", employees=50) == ("Hawaii",)
    findings, _ = check_pay("$40-$50 per hour", "Honolulu, HI", today=DAY)
    assert "employers with 50+ employees" in findings[0].message  # unknown size: say who
    assert applied("$40-$50 per hour", "Denver, CO", employees=1) == ("Colorado",)


@pytest.mark.parametrize(
    ("post", "location"),
    [
        ("# Nurse\n\nJob Location: Honolulu, HI\n", "Honolulu, HI"),
        ("# Nurse\n\n**Work location:** Boston, MA\n", "Boston, MA"),
        ("# Nurse\n\n**Location**: Boston, MA\n", "Boston, MA"),
        ("# Engineer\nSan Francisco, CA\n\nWe build things.\n", "San Francisco, CA"),
        ("Engineer\n\n- Vancouver, BC\n", "Vancouver, BC"),
        ("# Engineer\n\nThe team is based in Denver, Colorado and works in the open.\n",
         "Denver, Colorado"),
        ("# Engineer\n\nThe role is based in Washington, D.C. with travel.\n", "Washington, DC"),
        ("# Engineer\n\nPay is based in part on experience.\n", ""),
        ("# Engineer\n\nWe use Python, Go and Rust.\n", ""),
        ("# Engineer\n" + "\nA line.\n" * 10 + "\nDenver, CO\n", ""),  # too far from the top
    ],
)
def test_where_a_post_states_its_location(post, location):
    assert location_in_text(post) == location


def test_a_post_with_several_places_gets_the_rules_of_each():
    post = "# Engineer\n\nLocation: Denver, CO\nLocation: Toronto, ON\n"
    assert location_in_text(post) == "Denver, CO; Toronto, ON"
    assert check_text(post + "\nSalary: $90k-$100k per year\n").pay.rules[:2] == (
        "Colorado", "Ontario")


def test_a_post_naming_no_place_is_told():
    report = check_text("# Engineer\n\nSalary: $100k-$120k per year\n")
    assert "location-missing" in ids(report.findings)
    report = check_text("# Engineer\n\nLocation: Remote\n\nSalary: $100k-$120k per year\n")
    assert "location-missing" not in ids(report.findings)


@pytest.mark.parametrize(
    ("post", "shown", "not_shown"),
    [
        ("# Warehouse Associate\nBrooklyn, NY\n\nSalary: $40,000-$40,000 per year\n",
         ["New York City pay-transparency rules apply", "New York State pay-transparency",
          "New York City and New York State ask for a range"], ["European Union"]),
        ("# Barista\n\nJob Location: Vienna, VA\n\nPay: $18-$20 per hour\n",
         ["Pay transparency: USD 18–20 per hour."], ["European Union", "rules:"]),
        ("# Analyst\n\nWe are based in Washington, D.C. near the Mall.\n\n"
         "Salary: $70,000-$80,000 per year\n",
         ["Washington, DC pay-transparency rules apply"], ["Washington pay-transparency"]),
        ("# Nurse\n\n**Location:** Baltimore, MD\n\nPay: $40-$50 per hour\n",
         ["Maryland pay-transparency rules apply", "benefits"], []),
        ("# Engineer\nToronto, ON\n\nSalary: CA$80,000-CA$140,000 per year\n",
         ["Ontario allows at most 50,000"], []),
        ("# Engineer\n\nSalary: $100,000-$120,000 per year\n",
         ["names no location"], ["rules:"]),
    ],
)
def test_check_on_small_posts_names_the_right_rules(tmp_path, capsys, post, shown, not_shown):
    path = tmp_path / "post.md"
    path.write_text(post, encoding="utf-8")
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert all(text in out for text in shown), out
    assert not any(text in out for text in not_shown), out


DENVER = "# Engineer\n\nLocation: Denver, CO\n\nSalary: $90k-$100k per year\n\nHealth insurance.\n"


@pytest.mark.parametrize(
    ("line", "has_one"),
    [
        ("Apply by 15 January 2027.", True),
        ("Apply by January 15.", True),
        ("Applications close on 30 January.", True),
        ("Deadline: 3 March 2027", True),
        ("Application deadline 3 March", True),
        ("This role is open until filled.", True),
        ("Applications are open until the role is filled.", True),
        ("We are accepting applications until 1 May.", True),
        ("We review applications on a rolling basis.", True),
        ("Apply by email to jobs@acme.example.", False),
        ("Apply through this posting with your CV.", False),
        ("You work well under tight deadlines.", False),
    ],
)
def test_colorado_asks_for_an_application_deadline(line, has_one):
    from jdwizard.checks.pay import deadline_in_text

    assert deadline_in_text(line) is has_one
    findings = check_text(f"{DENVER}\n{line}\n").findings
    deadline = [f for f in findings if f.id == "pay-deadline"]
    assert bool(deadline) is not has_one
    if deadline:
        assert deadline[0].severity == "warning" and "Colorado" in deadline[0].message
        assert "application deadline" in deadline[0].suggestion
        assert "open until filled" in deadline[0].suggestion
    no_colorado = check_text(DENVER.replace("Denver, CO", "Austin, TX") + line).findings
    assert "pay-deadline" not in ids(no_colorado)


def test_a_draft_answers_the_deadline_in_its_apply_by_field(backend):
    answers = {f.name: f.sample for f in backend.fields if f.sample}
    answers.update(location="Denver, CO", apply_by="")
    deadline = [f for f in check_draft(backend, answers).findings if f.id == "pay-deadline"]
    assert deadline and deadline[0].field == "apply_by"
    assert "the Apply by field" in deadline[0].suggestion
    for apply_by in ("2027-01-15", "open until filled"):
        answers["apply_by"] = apply_by
        assert "pay-deadline" not in ids(check_draft(backend, answers).findings)
    # A body that does not show the field: its answer counts, if it reads as a deadline.
    quiet = replace(backend, body=backend.body.replace("{{ apply_by }}", ""))
    for apply_by, told in [("2099-01-15", False), ("open until filled", False), ("soon", True),
                           ("", True)]:
        answers["apply_by"] = apply_by
        assert ("pay-deadline" in ids(check_draft(quiet, answers).findings)) is told, apply_by


@pytest.mark.parametrize(
    ("typed", "employees"),
    [("about 120 people", 120), ("120", 120), ("1,200", 1200), ("50-200", 200),
     ("500+", 500), ("10k+ employees", 10_000), ("fewer than 50", 49), ("a few", None), ("", None)],
)
def test_a_company_size_as_typed(typed, employees):
    from jdwizard.checks.pay import read_employees

    assert read_employees(typed) == employees


@pytest.mark.parametrize(
    ("text", "employees"),
    [("We're a team of about 120 people.", 120), ("We have 1,200 employees.", 1200),
     ("Acme, a company of 30, builds boats.", 30), ("You join a team of 6 engineers.", None),
     ("Our app serves 40M users.", None)],
)
def test_a_company_size_a_post_states(text, employees):
    from jdwizard.checks.pay import employees_in_text

    assert employees_in_text(text) == employees


HONOLULU = "# Nurse\n\nLocation: Honolulu, HI\n\nPay: $40-$50 per hour\n"


def test_the_company_size_decides_for_text_and_draft(backend):
    assert check_text(HONOLULU).pay.rules == ("Hawaii",)  # unknown: the rule, and who it covers
    small = check_text(HONOLULU, employees=12)
    assert small.pay.rules == () and "pay-size" in ids(small.findings)
    assert check_text(HONOLULU + "\nWe're a team of 12.\n").pay.rules == ()
    assert check_text(HONOLULU + "\nWe're a team of 12.\n", employees=80).pay.rules == (
        "Hawaii",)  # the size given wins over the post's
    answers = {f.name: f.sample for f in backend.fields if f.sample}
    answers["location"] = "Honolulu, HI"
    for size, names in [("about 12 people", ()), ("50-200", ("Hawaii",)), ("", ("Hawaii",))]:
        answers["company_size"] = size
        assert check_draft(backend, answers).pay.rules == names, size


def test_a_place_only_mentioned_in_prose_counts_at_lower_confidence():
    post = ("# Engineer\n\nLocation: Austin, TX\n\nYou'll often visit our Chicago office.\n\n"
            "Salary: $90k-$100k per year\n")
    report = check_text(post)
    illinois = [f for f in report.findings if f.id == "pay-rule:illinois"]
    assert illinois[0].confidence == "low" and report.pay.rules == ()
    assert "The post mentions Chicago; if the role can be done there" in illinois[0].message
    stated = check_text(post.replace("Austin, TX", "Chicago, IL"))
    assert [f.confidence for f in stated.findings if f.id == "pay-rule:illinois"] == ["high"]
    assert stated.pay.rules == ("Illinois",)


def test_a_post_naming_no_place_is_told_for_text_and_draft(backend):
    answers = {f.name: f.sample for f in backend.fields if f.sample}
    answers["location"] = ""
    draft = [f for f in check_draft(backend, answers).findings if f.id == "location-missing"]
    assert draft and draft[0].field == "location"
    text = check_text(Renderer(backend).render(answers))
    assert "location-missing" in ids(text.findings)
    answers["about_team"] = "You'll work from our Chicago office."
    message = [f.message for f in check_draft(backend, answers).findings
               if f.id == "location-missing"]
    assert message and "it mentions Chicago" in message[0]


@pytest.mark.parametrize(
    ("salary", "period_finding", "salary_read"),
    [
        ("$120,000", "pay-period-yearly", "USD 120,000 per year"),
        ("$150k-190k", "pay-period-yearly", "USD 150,000–190,000 per year"),
        ("£45,000 - £52,000", "pay-period-yearly", "GBP 45,000–52,000 per year"),
        ("SEK 550 000", "pay-period-yearly", "SEK 550,000 per year"),
        ("€3.500 - €4.000", "pay-period", "EUR 3,500–4,000"),  # a month's pay, perhaps
        ("SEK 45 000", "pay-period", "SEK 45,000"),
        ("¥5,000,000", "pay-period", "JPY 5,000,000"),  # not guessed for every currency
        ("$45", "pay-period", "USD 45"),
    ],
)
def test_a_large_amount_with_no_period_is_read_as_yearly(salary, period_finding, salary_read):
    findings, verdict = check_pay(salary, "", today=DAY)
    period = [f for f in findings if f.id.startswith("pay-period")]
    assert [f.id for f in period] == [period_finding] and verdict.salary == salary_read
    if period_finding == "pay-period-yearly":
        assert period[0].severity == "info" and verdict.status == "ok"
        assert "read as a yearly salary" in period[0].message
    else:
        assert period[0].severity == "warning" and verdict.status == "incomplete"


@pytest.mark.parametrize(
    ("salary", "wide"),
    [
        ("$30-$60 per hour", "about 62,400 a year over 2,080 hours (40 a week)"),
        ("$30-$50 per hour", None),  # 41,600 a year
        ("$4,000-$9,000 per month", "about 60,000 a year over 12 months"),
        ("$100-$150 per hour", None),  # over 200,000 a year at the top: not limited
        ("$60,000-$120,000", "60,000 wide;"),  # read as yearly
    ],
)
def test_ontario_width_limit_for_hourly_and_monthly_rates(salary, wide):
    findings, _ = check_pay(salary, "Toronto, ON", today=DAY)
    found = [f.message for f in findings if f.id == "pay-range-wide"]
    assert (wide in found[0]) if wide else not found, found


def test_a_bare_dollar_in_canada_is_the_canadian_dollar():
    assert check_pay("$30-$40 per hour", "Toronto, ON", today=DAY)[1].salary == (
        "CAD 30–40 per hour")
    assert check_pay("US$30-$40 per hour", "Toronto, ON", today=DAY)[1].salary == (
        "USD 30–40 per hour")
    assert check_pay("$30-$40 per hour", "Denver, CO", today=DAY)[1].salary == (
        "USD 30–40 per hour")


@pytest.mark.parametrize(
    ("salary", "location", "severity"),
    [("GS-11", "Washington, DC", "warning"), ("Band 5", "", "info"),
     ("Entgeltgruppe 9", "Berlin", "warning")],
)
def test_pay_stated_by_a_scale_is_reported_as_such(salary, location, severity):
    findings, verdict = check_pay(salary, location, salary_field="salary", today=DAY)
    scale = [f for f in findings if f.id == "pay-scale"]
    assert scale and scale[0].severity == severity and salary in scale[0].message
    assert verdict.status == "incomplete" and verdict.salary == f"pay scale: {salary}"
    assert "pay-invalid" not in ids(findings) and "pay-missing" not in ids(findings)
    report = check_text(f"# Analyst\n\nLocation: {location}\n\nSalary: {salary}\n")
    assert report.pay == verdict
