"""Pay-transparency rules keyed to places: which laws apply where, from when, to whom, and what
they ask of the stated pay (a range or a fixed rate, Ontario's width, BC's open-ended ban)."""

from __future__ import annotations

from datetime import date

import pytest

from jdwizard.checks.pay import check_pay, jurisdictions, location_in_text, rules
from jdwizard.checks.post import check_text
from jdwizard.cli import main

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
