"""Per-field checks of an answer: an inline problem, or a normalised reading to confirm."""

from __future__ import annotations

from dataclasses import dataclass

from jdwizard.template.bundle import Field

PAY_FIELDS = ("location", "work_type")  # besides the salary, these decide which pay rules apply


@dataclass(frozen=True)
class Feedback:
    """What to show under an answer: a problem (never blocking) or a confirmation."""

    problem: str | None = None
    reading: str | None = None  # e.g. the salary as understood: "USD 150,000–190,000 per year"


def check_answer(field: Field, value: str) -> Feedback:
    """Feedback for `value` as an answer to `field` (empty answers have none)."""
    if not value.strip():
        return Feedback()
    if field.validate == "salary":
        from jdwizard.checks.salary import SalaryError, parse_salary

        try:
            return Feedback(reading=parse_salary(value).normalised())
        except SalaryError as error:
            return Feedback(problem=str(error))
    return Feedback()


def answer_problem(field: Field, value: str) -> str | None:
    """The problem with `value`, if any."""
    return check_answer(field, value).problem


def needs_checking(field: Field, value: str) -> bool:
    """Whether the draft checks can find anything in `value`: an empty answer matters only to
    the pay rules (salary, location, work type); elsewhere it is just unanswered (a mark)."""
    return bool(value.strip()) or field.validate == "salary" or field.name in PAY_FIELDS
