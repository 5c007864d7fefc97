"""The application deadline read leniently: the forms people write, the ambiguous and past ones
answered with what to write, "open until filled", and what the post says for each."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jdwizard.checks.answer import Feedback, check_answer
from jdwizard.deadline import (
    MONTHS,
    Deadline,
    describe,
    describe_day,
    read_deadline,
    reading,
    sentence,
)

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize("text", [
    "2030-01-15", "15 January 2030", "January 15, 2030", "15 Jan 2030", "Jan 15 2030",
    "15th of January 2030", "15/01/2030", "15.01.2030", "15-01-2030", "2030/01/15",
    "01/15/2030",
    "Tuesday 15 January 2030", "by 15 January 2030", "15 january 2030.", "  15  JAN  2030 ",
])
def test_the_ways_people_write_a_day_all_read_as_it(text):
    assert read_deadline(text, TODAY) == Deadline(date(2030, 1, 15))


@pytest.mark.parametrize(("text", "day"), [
    ("Jan 15", date(2027, 1, 15)),  # the next 15 January on or after today
    ("15 December", date(2026, 12, 15)),
    ("6 December", TODAY),  # today itself is not past
    ("5 Dec", date(2027, 12, 5)),
    ("29 February", date(2028, 2, 29)),  # the next leap year
])
def test_a_day_without_a_year_is_the_next_one(text, day):
    assert read_deadline(text, TODAY) == Deadline(day)


@pytest.mark.parametrize("text", ["ongoing", "Open until filled", "until filled", "rolling",
                                  "Rolling basis", "open until the role is filled",
                                  "No deadline"])
def test_open_until_filled_is_a_valid_answer(text):
    deadline = read_deadline(text, TODAY)
    assert deadline == Deadline(None, ongoing=True)
    assert describe(deadline) == "open until filled"
    assert sentence(text, TODAY) == "Applications are open until the role is filled."


def test_an_ambiguous_numeric_date_asks_for_the_month():
    deadline = read_deadline("01/02/2030", TODAY)
    assert deadline == Deadline(None, problem="01/02/2030 could be 1 February or 2 January; "
                                "write the month, e.g. 1 February 2030")
    assert sentence("01/02/2030", TODAY) == "Apply by 01/02/2030."  # as typed
    assert read_deadline("05/05/2030", TODAY) == Deadline(date(2030, 5, 5))  # one reading


def test_a_past_date_is_a_problem_that_says_what_to_do():
    deadline = read_deadline("2026-12-05", TODAY)
    assert deadline is not None and deadline.day == date(2026, 12, 5)
    assert deadline.problem == ("5 December 2026 is in the past; give a later date, or "
                                "'open until filled'")


@pytest.mark.parametrize("text", ["soon", "next month", "mid January 2030", "32 January 2030",
                                  "2030-02-30", "31/02/2030", "15 January 30", "Jan Feb 15"])
def test_what_cannot_be_read_is_a_problem_with_an_example(text):
    deadline = read_deadline(text, TODAY)
    assert deadline is not None and deadline.day is None and not deadline.ongoing
    assert deadline.problem and "15 January 2030" in deadline.problem
    assert sentence(text, TODAY) == f"Apply by {text}."


def test_a_blank_answer_is_no_deadline():
    assert read_deadline("  \n ", TODAY) is None
    assert sentence("", TODAY) == ""


def test_what_the_post_and_the_field_screen_say():
    deadline = read_deadline("2027-01-15", TODAY)
    assert deadline is not None
    assert describe(deadline) == "15 January 2027"
    assert reading(deadline) == "Friday 15 January 2027"
    assert sentence("2027-01-15", TODAY) == "Apply by 15 January 2027."
    assert sentence("15 Jan 2027.", TODAY) == "Apply by 15 January 2027."


days = st.dates(min_value=TODAY, max_value=date(9990, 12, 31))


@given(days)
def test_every_future_day_reads_back_from_each_written_form(day):
    for text in (describe_day(day), day.isoformat(), f"{MONTHS[day.month - 1]} {day.day}, "
                 f"{day.year}", f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"):
        assert read_deadline(text, TODAY) == Deadline(day), text


@given(days, st.dates(min_value=date(2000, 1, 1), max_value=date(9980, 1, 1)))
def test_a_day_without_a_year_is_the_first_on_or_after_today(day, today):
    found = read_deadline(f"{day.day} {MONTHS[day.month - 1]}", today)
    assert found is not None and found.day is not None and found.problem is None
    assert (found.day.month, found.day.day) == (day.month, day.day)
    assert today <= found.day < today + timedelta(days=366 * 4 + 1)


@given(st.integers(1, 12), st.integers(1, 12), st.integers(2027, 2099))
def test_numeric_dates_are_read_only_when_one_reading_is_possible(one, two, year):
    found = read_deadline(f"{one:02}/{two:02}/{year}", TODAY)
    assert found is not None
    if one == two:
        assert found == Deadline(date(year, one, one))
    else:
        assert found.day is None and found.problem and "write the month" in found.problem


@given(st.text(max_size=60))
def test_any_text_reads_as_a_deadline_or_a_problem_never_an_error(text):
    found = read_deadline(text, TODAY)
    if found is None:
        assert not text.split()
    else:
        assert (found.day is not None) or found.ongoing or found.problem
        assert found.problem is None or "\n" not in found.problem
        assert sentence(text, TODAY).endswith(".")


def test_the_apply_by_field_shows_the_reading_or_the_problem(backend):
    field = backend.field("apply_by")
    day = date.today() + timedelta(days=30)
    assert check_answer(field, day.isoformat()) == Feedback(
        reading=f"{day:%A} {describe_day(day)}")
    assert check_answer(field, "until filled") == Feedback(reading="open until filled")
    assert check_answer(field, "01/02/2099") == Feedback(
        problem="01/02/2099 could be 1 February or 2 January; write the month, e.g. "
        "1 February 2099.")
    assert check_answer(field, "yesterday").problem == (
        "Cannot read 'yesterday' as a date; write it like 15 January 2030, or "
        "'open until filled'.")
    assert check_answer(field, "") == Feedback()
