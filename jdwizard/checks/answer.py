"""Per-field checks of an answer as it is typed: an inline problem, or a reading to confirm."""

from __future__ import annotations

from dataclasses import dataclass

from jdwizard.template.model import Field, Validator
from jdwizard.template.roles import PAY_ROLES


@dataclass(frozen=True)
class Feedback:
    """What to show under an answer: a problem (never blocking) or a confirmation."""

    problem: str | None = None
    reading: str | None = None  # e.g. the salary as understood: "USD 150,000–190,000 per year"


def check_answer(field: Field, value: str) -> Feedback:
    """Feedback for `value` as an answer to `field` (empty answers have none)."""
    if not value.strip():
        return Feedback()
    if field.validate is Validator.SALARY:
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
    the pay rules (salary, location, work type, benefits); elsewhere it is just unanswered."""
    return bool(value.strip()) or field.role in PAY_ROLES
