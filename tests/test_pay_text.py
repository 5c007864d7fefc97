"""Finding the pay statement of a plain post on any line (issue 15): what `salary_in_text`
returns for lines a post may hold, and what `parse_salary` makes of it. Texts made up."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdwizard.checks.pay_text import salary_in_text
from jdwizard.checks.salary import SalaryError, parse_salary

# line, what salary_in_text returns, then parse_salary's (minimum, maximum, currency, period)
FOUND = [
    ("$70,000 - $79,000 a year", "$70,000 - $79,000 a year", (70_000, 79_000, "USD", "year")),
    ("$115k - $150k,", "$115k - $150k", (115_000, 150_000, "USD", None)),
    ("$25-$26+ per hour", "$25-$26+ per hour", (25, 26, "USD", "hour")),
    ("€60.000–75.000", "€60.000–75.000", (60_000, 75_000, "EUR", None)),
    ("Pay: $32/hour", "$32/hour", (32, 32, "USD", "hour")),
    ("Hourly rate: $18.50", "$18.50 hourly", (Decimal("18.50"), Decimal("18.50"), "USD", "hour")),
    ("Annual salary: £45,000 - £52,000", "£45,000 - £52,000 annual",
     (45_000, 52_000, "GBP", "year")),
    ("Full-time · USD 150,000 - 190,000 · Remote", "USD 150,000 - 190,000",
     (150_000, 190_000, "USD", None)),
    ("Salary: 60.000 - 75.000 EUR per year", "60.000 - 75.000 EUR per year",
     (60_000, 75_000, "EUR", "year")),
    ("We pay between $150k and $190k", "$150k and $190k", (150_000, 190_000, "USD", None)),
    ("Salary: A$95k + super", "A$95k", (95_000, 95_000, "AUD", None)),
    ("A$95k - A$110k + super", "A$95k - A$110k", (95_000, 110_000, "AUD", None)),
    ("Pay: $60k plus commission", "$60k", (60_000, 60_000, "USD", None)),
    ("$18 - $21 an hour + tips", "$18 - $21 an hour", (18, 21, "USD", "hour")),
    ("Driver: $0.62/mile, 2 years of experience", "$0.62/mile",
     (Decimal("0.62"), Decimal("0.62"), "USD", "mile")),
    ("Sewing: $1.10 per piece", "$1.10 per piece",
     (Decimal("1.10"), Decimal("1.10"), "USD", "piece")),
    ("$60,000 per year, 40 hours per week", "$60,000 per year", (60_000, 60_000, "USD", "year")),
    # On-target earnings: the base is the pay; an OTE alone is read as the pay.
    ("Compensation: $80k base + $40k variable, OTE $120k", "$80k", (80_000, 80_000, "USD", None)),
    ("OTE $120k", "$120k", (120_000, 120_000, "USD", None)),
    ("Compensation: $150k–190k, equity (0.05%-0.15%) and a yearly bonus of up to 10%",
     "$150k–190k", (150_000, 190_000, "USD", None)),
    ("Salary: $100k-120k + $5k signing bonus", "$100k-120k", (100_000, 120_000, "USD", None)),
    ("Paid weekly at $25 per hour", "$25 per hour", (25, 25, "USD", "hour")),
    ("Salary: $70K/yr - $79K/yr", "$70K/yr - $79K/yr", (70_000, 79_000, "USD", "year")),
    ("CAD $120k - $140k", "CAD $120k - $140k", (120_000, 140_000, "CAD", None)),
    ("Salary: 120.000 € - 140.000 € per year", "120.000 € - 140.000 € per year",
     (120_000, 140_000, "EUR", "year")),
    ("£12.50ph", "£12.50ph", (Decimal("12.50"), Decimal("12.50"), "GBP", "hour")),
    ("Full-time – $60,000 per year – 40 hours per week", "$60,000 per year",
     (60_000, 60_000, "USD", "year")),
    ("Pay: from $18 to $21 an hour", "from $18 to $21 an hour", (18, 21, "USD", "hour")),
    # A period ending the line past extras only belongs to the base (issue 15).
    ("Pay: $70k–$80k base + $70k–$80k variable (OTE $140k–$160k) per year",
     "$70k–$80k yearly", (70_000, 80_000, "USD", "year")),
    # A grade named on the pay line is not an amount; the amounts are the pay.
    ("Salary: Band 5, £29,970 - £36,483 a year", "£29,970 - £36,483 a year",
     (29_970, 36_483, "GBP", "year")),
]


@pytest.mark.parametrize(("line", "statement", "reading"), FOUND)
def test_finds_the_pay_statement(line, statement, reading):
    assert salary_in_text(line) == statement
    salary = parse_salary(statement)
    assert (salary.minimum, salary.maximum, salary.currency, salary.period) == reading


NOT_PAY = [
    "Monday - Friday 7:00am - 3:30pm",
    "Shifts 9 am - 5 pm, 12:00 - 20:00 on weekends",
    "Start date: 2026-03-01, or 01/03/2026",
    "Revenue grew 40% in 2025",
    "We offer equity (0.05%-0.15%) and a yearly bonus of up to 10%",
    "Join a $8T industry",
    "Our app runs in 4,000 shops",
    "We serve 40M requests a day",
    "3-5 years of experience",
    "Full-time, 40 hours per week",
    "Call (555) 123-4567 or 555-123-4567",
    "Questions about pay? Call 555-123-4567",
    "$2,000 a year learning budget",
    "A bonus of up to $10,000 a year",
    "$5k signing bonus",
    "We raised $40M and grew from $1M to $10M in revenue",
    "Salary: competitive",
    "Pay reviews every 6 months",
    "Salary review in 2027",
    "We pay attention to detail.\n\nA team of 12 engineers",
    "Plans from $10 to $50 a month",
    "Paid time off: 25 days a year",
    "Shifts of 8 hours, with a paid 30-minute break",
    "A $1.50 an hour night premium for night shifts",
    "Salary: GS-11",
    "Pay: Entgeltgruppe 9 TV-L",
]


@pytest.mark.parametrize("line", NOT_PAY)
def test_ignores_what_is_not_pay(line):
    assert salary_in_text(line) is None


POSTS = [
    # The pay on a header line with no pay word, under the title.
    ("# Barista\n\nCafe Luna · Portland, OR\n$18 - $21 an hour + tips\n\nWe pour coffee 7 days"
     " a week. Shifts: Monday - Friday 6:00am - 2:30pm.\n", "$18 - $21 an hour"),
    ("Data Analyst\nRiverbend Logistics\n$70,000 - $79,000 a year\n\nYou have 3+ years of SQL."
     " We move 4,000 pallets a day.\n", "$70,000 - $79,000 a year"),
    ("## Senior Designer\n\nRemote (US) · $115k - $150k,\n\n- 5+ years in product design\n"
     "- Equity (0.05%-0.15%) and a yearly bonus of up to 10%\n", "$115k - $150k"),
    # A pay heading, then the amount without a pay word or currency.
    ("# Nurse\n\n## Salary\n\n- 150-190k per year\n\n## Hours\n\n36 hours per week\n",
     "150-190k per year"),
    # A pay line wins over an earlier amount elsewhere; a period stays with its amount.
    ("Chef · €3.000 - €3.400 per month\n\nSalary: €42.000 - €48.000 per year\n",
     "€42.000 - €48.000 per year"),
    ("Truck driver\n$0.65 per mile\n\nAt least 2 years of experience; home every 2 weeks.\n",
     "$0.65 per mile"),
    # A pay line that does not read is returned, so that its problem can be shown.
    ("Salary: $190k-150k per year\n\n$100k - $120k a year\n", "$100k - $120k a year"),
    ("Salary: $190k-150k per year\n", "$190k-150k per year"),
    ("# Welder\n\nPaid weekly. 40 hours per week, 7:00am - 3:30pm.\n", None),
]


@pytest.mark.parametrize(("post", "statement"), POSTS)
def test_finds_pay_in_posts(post, statement):
    assert salary_in_text(post) == statement


@pytest.mark.parametrize("line", ["Salary: up to $190k", "Up to $25/hour", "Starting at $20/hour",
                                  "Salary: $150k+", "$50,000+ per year"])
def test_an_open_ended_amount_keeps_its_open_end(line):
    with pytest.raises(SalaryError, match="open-ended"):
        parse_salary(salary_in_text(line) or "")


def test_the_first_readable_pay_line_wins():
    post = "Salary: $150k+\n\nSalary: $150k - $170k per year\n"
    assert salary_in_text(post) == "$150k - $170k per year"
    assert salary_in_text("Salary: $150k+ per year\n") == "$150k+ per year"  # open: a problem


PIECES = ["$", "€", "USD", "1", "25", "150k", "60.000", "1,000", "-", "–", " to ", " and ", "+",
          " per hour", " a year", "/hr", "ph", "%", "7:00am", "555-123-4567", " ", "\n",
          "Salary: ", "## Pay\n", "base", " OTE ", "years", " hours", " super", " bonus",
          "up to ", "from ", ",", ".", "(", ")", "é", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_returns_a_piece_of_the_text_or_none(text):
    found = salary_in_text(text)
    if found is not None:  # perhaps with the period of its label after it
        assert found in text or found.rsplit(" ", 1)[0] in text


@pytest.mark.parametrize(
    ("post", "scale"),
    [
        ("# Analyst\n\nSalary: GS-11 to GS-12\n", "GS-11 to GS-12"),
        ("# Pflegekraft\n\nVergütung nach TVöD E9\n", "TVöD E9"),
        ("# Engineer\n\nPay: Entgeltgruppe 13 TV-L\n", "Entgeltgruppe 13"),
        ("# Nurse\n\n## Salary\n\nBand 5\n", "Band 5"),
        ("# Nurse\n\nWe pay by the collective agreement.\n", "collective agreement"),
        ("# Nurse\n\nNHS Band 6 nurse on a busy ward.\n", "NHS Band 6"),
        ("# Engineer\n\nLevel 3 support for the platform.\n", None),  # not on a pay line
        ("# Engineer\n\nWe scale every group 5 times a year.\n", None),
    ],
)
def test_a_named_pay_scale_or_grade(post, scale):
    from jdwizard.checks.pay_text import pay_scale_in_text

    assert pay_scale_in_text(post) == scale
