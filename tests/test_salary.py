"""Reading salary ranges as typed, and the one-line errors for ranges that can't be used."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdwizard.checks.salary import SalaryError, SalaryRange, parse_salary

# text, minimum, maximum, currency, period, normalised()
READABLE = [
    ("$150k-190k", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    ("$150k–$190k", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    ("$150K - $190K", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    ("150k to 190k USD", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    ("USD 150,000 - 190,000", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    ("usd 150,000 - 190,000", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    (
        "150,000 – 190,000 USD per year",
        150_000, 190_000, "USD", "year", "USD 150,000–190,000 per year",
    ),
    ("€60.000–€75.000", 60_000, 75_000, "EUR", None, "EUR 60,000–75,000"),
    ("€60.000–€75.000 per year", 60_000, 75_000, "EUR", "year", "EUR 60,000–75,000 per year"),
    ("60.000 - 75.000 EUR", 60_000, 75_000, "EUR", None, "EUR 60,000–75,000"),
    ("£45,000-£55,000 a year", 45_000, 55_000, "GBP", "year", "GBP 45,000–55,000 per year"),
    ("£45k–55k pa", 45_000, 55_000, "GBP", "year", "GBP 45,000–55,000 per year"),
    ("£45k–55k p.a.", 45_000, 55_000, "GBP", "year", "GBP 45,000–55,000 per year"),
    ("$40 - $55 / hour", 40, 55, "USD", "hour", "USD 40–55 per hour"),
    ("$40-55/hr", 40, 55, "USD", "hour", "USD 40–55 per hour"),
    ("$40-55 an hour", 40, 55, "USD", "hour", "USD 40–55 per hour"),
    ("$40-55 ph", 40, 55, "USD", "hour", "USD 40–55 per hour"),
    (
        "$42.50 – $55.00 per hour",
        Decimal("42.50"), 55, "USD", "hour", "USD 42.50–55 per hour",
    ),
    ("CA$120k–150k", 120_000, 150_000, "CAD", None, "CAD 120,000–150,000"),
    ("C$120k-150k", 120_000, 150_000, "CAD", None, "CAD 120,000–150,000"),
    ("$120k-150k CAD", 120_000, 150_000, "CAD", None, "CAD 120,000–150,000"),
    ("A$120k-150k", 120_000, 150_000, "AUD", None, "AUD 120,000–150,000"),
    ("AU$120k-150k", 120_000, 150_000, "AUD", None, "AUD 120,000–150,000"),
    ("NZ$90k-110k", 90_000, 110_000, "NZD", None, "NZD 90,000–110,000"),
    ("US$150k-190k", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    ("₹18L–25L", 1_800_000, 2_500_000, "INR", None, "INR 1,800,000–2,500,000"),
    ("¥8,000,000–10,000,000", 8_000_000, 10_000_000, "JPY", None, "JPY 8,000,000–10,000,000"),
    ("CHF 120,000-140,000", 120_000, 140_000, "CHF", None, "CHF 120,000–140,000"),
    ("150000-190000", 150_000, 190_000, None, None, "150,000–190,000"),
    ("1.2M-1.5M", 1_200_000, 1_500_000, None, None, "1,200,000–1,500,000"),
    ("$150k—$190k annually", 150_000, 190_000, "USD", "year", "USD 150,000–190,000 per year"),
    (
        "120 000 – 140 000 SEK per month",
        120_000, 140_000, "SEK", "month", "SEK 120,000–140,000 per month",
    ),
    (
        "120\u00a0000 – 140\u00a0000 SEK per month",
        120_000, 140_000, "SEK", "month", "SEK 120,000–140,000 per month",
    ),
    (
        "$150,000 to $190,000 per annum",
        150_000, 190_000, "USD", "year", "USD 150,000–190,000 per year",
    ),
    ("between $150k and $190k", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    ("150-190k", 150_000, 190_000, None, None, "150,000–190,000"),
    ("1.2-1.5M", 1_200_000, 1_500_000, None, None, "1,200,000–1,500,000"),
    ("$5k-7k monthly", 5_000, 7_000, "USD", "month", "USD 5,000–7,000 per month"),
    ("$5k-7k/mo", 5_000, 7_000, "USD", "month", "USD 5,000–7,000 per month"),
    ("$2k-3k weekly", 2_000, 3_000, "USD", "week", "USD 2,000–3,000 per week"),
    ("$2k-3k/wk", 2_000, 3_000, "USD", "week", "USD 2,000–3,000 per week"),
    ("$400-600 per day", 400, 600, "USD", "day", "USD 400–600 per day"),
    ("$400-600 daily", 400, 600, "USD", "day", "USD 400–600 per day"),
    ("$150k-190k/yr", 150_000, 190_000, "USD", "year", "USD 150,000–190,000 per year"),
    ("$150k-190k yearly", 150_000, 190_000, "USD", "year", "USD 150,000–190,000 per year"),
    ("Base salary: $150k-190k + equity", 150_000, 190_000, "USD", None, "USD 150,000–190,000"),
    (
        "USD 150,000–190,000 per year",
        150_000, 190_000, "USD", "year", "USD 150,000–190,000 per year",
    ),
]


@pytest.mark.parametrize(("text", "low", "high", "currency", "period", "normalised"), READABLE)
def test_reads_the_range(text, low, high, currency, period, normalised):
    salary = parse_salary(text)
    assert (salary.minimum, salary.maximum) == (low, high)
    assert (salary.currency, salary.period) == (currency, period)
    assert salary.normalised() == normalised


def test_amounts_are_decimals_without_a_needless_fraction():
    salary = parse_salary("$42.50 – $55.00 per hour")
    assert isinstance(salary.minimum, Decimal) and isinstance(salary.maximum, Decimal)
    assert str(salary.minimum) == "42.50" and str(salary.maximum) == "55"


def test_normalised_format():
    assert SalaryRange(Decimal(150000), Decimal(190000), "USD", "year").normalised() == (
        "USD 150,000–190,000 per year"
    )
    assert SalaryRange(Decimal(150000), Decimal(190000), None, None).normalised() == (
        "150,000–190,000"
    )
    assert SalaryRange(Decimal("42.5"), Decimal(55), "USD", "hour").normalised() == (
        "USD 42.50–55 per hour"
    )


# text, a word the message must contain
UNREADABLE = [
    ("", "e.g."),
    ("   ", "e.g."),
    ("competitive", "e.g."),
    ("DOE", "e.g."),
    ("$150k+", "both"),
    ("from $150k", "both"),
    ("up to $190k", "both"),
    ("$100k-150k-200k", "just the minimum and the maximum"),
    ("$190k-150k", "swap"),
    ("$0-100k", "above zero"),
    ("-$150k to $190k", "above zero"),
    ("$150k to -$190k", "above zero"),
    ("$150k-190k EUR", "use one"),
    ("$150k/yr-190k/hr", "keep one"),
    ("$150k+ per year", "both"),
    ("50%", "e.g."),
    ("40 hours per week", "e.g."),
]


# A single fixed rate reads as minimum == maximum (issue 15); hours worked, percentages and
# extras after the pay are not amounts; a rate per mile or piece keeps its unit.
FIXED_AND_EXTRAS = [
    ("$150k", 150_000, 150_000, "USD", None, "USD 150,000"),
    ("$32/hour", 32, 32, "USD", "hour", "USD 32 per hour"),
    ("Salary: $32/hour", 32, 32, "USD", "hour", "USD 32 per hour"),
    ("$85,000 a year", 85_000, 85_000, "USD", "year", "USD 85,000 per year"),
    ("$60,000 per year, 40 hours per week", 60_000, 60_000, "USD", "year",
     "USD 60,000 per year"),
    ("$25 an hour, 38-hour week", 25, 25, "USD", "hour", "USD 25 per hour"),
    ("$150k-190k per year, 3-5 years of experience", 150_000, 190_000, "USD", "year",
     "USD 150,000–190,000 per year"),
    ("$0.65 per mile", Decimal("0.65"), Decimal("0.65"), "USD", "mile", "USD 0.65 per mile"),
    ("$1.20/piece", Decimal("1.20"), Decimal("1.20"), "USD", "piece", "USD 1.20 per piece"),
    ("$200 a shift", 200, 200, "USD", "shift", "USD 200 per shift"),
    ("A$95k + super", 95_000, 95_000, "AUD", None, "AUD 95,000"),
    ("$60k plus commission", 60_000, 60_000, "USD", None, "USD 60,000"),
    ("$32/hour plus tips", 32, 32, "USD", "hour", "USD 32 per hour"),
    ("between $150k and $190k plus bonus", 150_000, 190_000, "USD", None,
     "USD 150,000–190,000"),
    ("$150k-190k, equity (0.05%-0.15%) and a yearly bonus of up to 10%", 150_000, 190_000,
     "USD", None, "USD 150,000–190,000"),
    ("$80k base + $40k variable, OTE $120k", 80_000, 80_000, "USD", None, "USD 80,000"),
    ("OTE $120k", 120_000, 120_000, "USD", None, "USD 120,000"),
    ("$25-$26+ per hour", 25, 26, "USD", "hour", "USD 25–26 per hour"),
]


@pytest.mark.parametrize(("text", "low", "high", "currency", "period", "normalised"),
                         FIXED_AND_EXTRAS)
def test_reads_a_fixed_rate_and_leaves_out_hours_and_extras(text, low, high, currency, period,
                                                             normalised):
    salary = parse_salary(text)
    assert (salary.minimum, salary.maximum) == (low, high)
    assert (salary.currency, salary.period) == (currency, period)
    assert salary.normalised() == normalised
    assert parse_salary(salary.normalised()) == salary


@pytest.mark.parametrize(("text", "hint"), UNREADABLE)
def test_rejects_with_a_one_line_hint(text, hint):
    with pytest.raises(SalaryError) as caught:
        parse_salary(text)
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".")
    assert hint in message


def test_min_above_max_says_to_swap():
    with pytest.raises(SalaryError, match="minimum.*above the maximum.*swap") as caught:
        parse_salary("$190k-150k per year")
    assert "USD 150,000–190,000 per year" in str(caught.value)


def test_salary_error_is_a_value_error():
    assert issubclass(SalaryError, ValueError)


@settings(max_examples=100, deadline=None)
@given(
    ends=st.tuples(st.integers(1, 10**7), st.integers(1, 10**7)).map(sorted),
    symbol=st.sampled_from(["$", "€", "£"]),
)
def test_formatted_ranges_read_back(ends, symbol):
    low, high = ends
    salary = parse_salary(f"{symbol}{low:,}–{symbol}{high:,} per year")
    currency = {"$": "USD", "€": "EUR", "£": "GBP"}[symbol]
    assert (salary.minimum, salary.maximum, salary.currency, salary.period) == (
        low, high, currency, "year",
    )
    assert parse_salary(salary.normalised()) == salary


def test_the_salary_field_reads_a_fixed_rate_as_typed():
    from jdwizard.checks.answer import check_answer
    from jdwizard.template.library import get_template
    from jdwizard.template.model import Validator

    field = next(f for f in get_template("backend-engineer").fields
                 if f.validate is Validator.SALARY)
    assert check_answer(field, "$32/hour").reading == "USD 32 per hour"
    assert check_answer(field, "$32/hour").problem is None
    assert "open-ended" in (check_answer(field, "up to $150k").problem or "")


# Issue 15: a yearly (or hourly, monthly) figure followed by the hours of work has one period.
WITH_HOURS = [
    ("$60,000 annually, full time 40 hours weekly", "USD 60,000 per year"),
    ("$52,000 a year, 40 hours of work per week", "USD 52,000 per year"),
    ("€3.000 per month, 20 hours weekly", "EUR 3,000 per month"),
    ("$25 an hour, 20-30 hours weekly", "USD 25 per hour"),
    ("$60k per year; hours: 40 per week", "USD 60,000 per year"),
    ("£28,000 a year (37.5 hours a week)", "GBP 28,000 per year"),
]


@pytest.mark.parametrize(("text", "normalised"), WITH_HOURS)
def test_weekly_hours_after_the_pay_are_not_a_second_period(text, normalised):
    assert parse_salary(text).normalised() == normalised


def test_period_of_a_unit_as_typed():
    from jdwizard.checks.salary import period_of

    assert [period_of(unit) for unit in ("per year", "/hr", "annually", "a mile", "per week",
                                         "gross")] == ["year", "hour", "year", "mile", "week",
                                                       None]
