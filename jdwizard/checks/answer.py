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
    if field.validate is Validator.DEADLINE:
        return _deadline(value)
    return Feedback()


def _deadline(value: str) -> Feedback:
    """The deadline as read ("Friday 15 January 2027", "open until filled"), or why it will
    not do (past, ambiguous, unreadable), as a sentence."""
    from datetime import date

    from jdwizard.deadline import read_deadline, reading

    deadline = read_deadline(value, date.today())
    if deadline is None:
        return Feedback()
    if deadline.problem:
        return Feedback(problem=deadline.problem[:1].upper() + deadline.problem[1:] + ".")
    return Feedback(reading=reading(deadline))


def answer_problem(field: Field, value: str) -> str | None:
    """The problem with `value`, if any."""
    return check_answer(field, value).problem


def needs_checking(field: Field, value: str) -> bool:
    """Whether the draft checks can find anything in `value`: an empty answer matters only to
    the pay rules (salary, location, work type, benefits); elsewhere it is just unanswered."""
    return bool(value.strip()) or field.role in PAY_ROLES
