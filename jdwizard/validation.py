"""Per-field checks of an answer: an inline problem, or a normalised reading to confirm."""

from __future__ import annotations

from dataclasses import dataclass

from jdwizard.template import Field


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
        from jdwizard.salary import SalaryError, parse_salary

        try:
            return Feedback(reading=parse_salary(value).normalised())
        except SalaryError as error:
            return Feedback(problem=str(error))
    return Feedback()


def answer_problem(field: Field, value: str) -> str | None:
    """The problem with `value`, if any."""
    return check_answer(field, value).problem
