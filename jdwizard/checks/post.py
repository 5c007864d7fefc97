"""All the checks of a job post: what makes it fail, found offline and explained in one line each.

Pure and Textual-free. `check_draft` checks a template's answers and rendered document,
`check_text` any Markdown or plain-text post, and `check_field` one answer as it is typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jdwizard.checks.finding import Finding, Severity
from jdwizard.checks.gender import GenderCoding, code, describe
from jdwizard.checks.pay import PayVerdict, check_pay, location_in_text
from jdwizard.checks.pay_text import salary_in_text
from jdwizard.checks.readability import Readability, measure
from jdwizard.checks.terms import check_terms
from jdwizard.checks.unfilled import check_leftovers, check_required
from jdwizard.template.model import Field, Template
from jdwizard.template.roles import PAY_ROLES, Role

WORDS_RANGE = (300, 700)  # Textio, Ongig, Paycor (shared/data/pay-transparency.md)
MIN_READING_EASE = 60.0  # Flesch: 60+ is plain English
MAX_WORDS_PER_SENTENCE = 13.0
MAX_POST_BYTES = 1_000_000  # the most `jdwizard check` reads: a real post is 5-30 KB
GENDER_SOURCE = "Gaucher, Friesen & Kay (2011); word lists from the open-source gender-decoder"

__all__ = ["Finding", "Report", "Severity", "check_draft", "check_field", "check_text"]


@dataclass
class Report:
    """Everything the checks found about one job post."""

    findings: list[Finding]
    gender: GenderCoding
    readability: Readability
    pay: PayVerdict
    template_gender: GenderCoding | None = None  # the template's own fixed text, for drafts
    counts: dict[Severity, int] = field(init=False)

    def __post_init__(self) -> None:
        order = list(Severity)
        self.findings.sort(key=lambda f: order.index(f.severity))
        self.counts = {s: sum(f.severity is s for f in self.findings) for s in Severity}

    @property
    def has_errors(self) -> bool:
        return self.counts[Severity.ERROR] > 0

    def to_json(self) -> dict[str, object]:
        return {
            "findings": [finding.to_json() for finding in self.findings],
            "gender_coding": self.gender.to_json(),
            "word_count": self.readability.words,
            "reading_ease": self.readability.reading_ease,
            "words_per_sentence": self.readability.words_per_sentence,
            "pay": {"status": self.pay.status.value, "salary": self.pay.salary,
                    "rules": list(self.pay.rules)},
        }


def check_text(text: str) -> Report:
    """Check a finished job post given as Markdown or plain text."""
    findings = check_leftovers(text, notes=Severity.WARNING)
    if not text.strip():
        findings.append(Finding("empty", Severity.ERROR, None, "The post is empty.",
                                "Check the file: it has no text to check."))
    findings += check_terms(text, None)
    gender = code(text)
    findings += _gender_findings(gender, None)
    location = location_in_text(text)
    title = next((line for line in text.splitlines() if line.strip()), "")
    pay_findings, verdict = check_pay(salary_in_text(text), location, f"{title} {location}",
                                      salary_field=None, location_field=None,
                                      work_type_field=None, benefits_field=None)
    findings += pay_findings
    readability = measure(text)
    findings += _length_findings(readability)
    return Report(findings, gender, readability, verdict)


def check_draft(template: Template, answers: Mapping[str, str]) -> Report:
    """Check a draft: its answers field by field, and the document they render."""
    from jdwizard.template.engine import Renderer

    segments = Renderer(template).segments(answers)
    document = "".join(segment.text for segment in segments)
    fixed_text = "".join(segment.text for segment in segments if segment.field is None)
    findings = check_required(template, answers)
    missing = {finding.field for finding in findings}
    findings += check_leftovers(fixed_text)
    for item in template.fields:
        value = answers.get(item.name, "")
        if value.strip() and item.name not in missing:
            findings += check_leftovers(value, field=item.name, notes=Severity.WARNING)
            findings += check_terms(value, item.name)
    gender = code(document)
    findings += _gender_findings(gender, None)
    pay_findings, verdict = _pay(template, answers)
    salary = template.field_for(Role.SALARY)
    findings += pay_findings
    if salary is not None and any(f.id == "pay-missing" for f in pay_findings):
        # one line for an empty salary, not two
        findings = [f for f in findings if not (f.id == "unfilled" and f.field == salary.name)]
    readability = measure(document)
    findings += _length_findings(readability)
    return Report(findings, gender, readability, verdict, code(fixed_text))


def warm_up() -> None:
    """Load the word lists and rules now (once the first screen is up), not at the first key."""
    from jdwizard.checks.gender import word_lists
    from jdwizard.checks.pay import rules
    from jdwizard.checks.terms import terms

    word_lists(), rules(), terms()


def check_field(template: Template, item: Field, answers: Mapping[str, str]) -> list[Finding]:
    """The findings for one answer, cheap enough to run on every keystroke."""
    value = answers.get(item.name, "")
    findings = check_terms(value, item.name)
    findings += check_leftovers(value, field=item.name, notes=Severity.WARNING)
    coded = code(value)
    if coded.masculine or coded.feminine:
        parts = [f"{kind}-coded: {describe(words)}" for kind, words in
                 (("masculine", coded.masculine), ("feminine", coded.feminine)) if words]
        findings.append(Finding(
            "gender-words", Severity.INFO, item.name, f"{'; '.join(parts).capitalize()}.",
            "Fine in moderation; the review screen shows the balance of the whole post, "
            "where the template's own text counts too.", coded.first,
        ))
    if item.role in PAY_ROLES:
        findings += [f for f in _pay(template, answers)[0] if f.field == item.name]
    return findings


def _pay(template: Template, answers: Mapping[str, str]) -> tuple[list[Finding], PayVerdict]:
    """The pay findings of a draft, from the answers to the fields playing the pay roles."""
    salary = template.field_for(Role.SALARY)
    benefits = template.field_for(Role.BENEFITS)
    location = template.field_for(Role.LOCATION)
    work_type = template.field_for(Role.WORK_TYPE)
    return check_pay(
        answers.get(salary.name, "") if salary is not None else None,
        template.answer_for(Role.LOCATION, answers),
        template.answer_for(Role.WORK_TYPE, answers),
        benefits_given=benefits is None or bool(answers.get(benefits.name, "").strip()),
        salary_field=salary.name if salary is not None else None,
        location_field=location.name if location is not None else None,
        work_type_field=work_type.name if work_type is not None else None,
        benefits_field=benefits.name if benefits is not None else None,
    )


def _gender_findings(gender: GenderCoding, field_name: str | None) -> list[Finding]:
    label = gender.label
    if label in ("empty", "neutral"):
        return []
    masculine = "masculine" in label
    words = describe(gender.masculine if masculine else gender.feminine)
    severity = Severity.WARNING if label.startswith("strongly") else Severity.INFO
    other = "feminine" if masculine else "masculine"
    return [Finding(
        "gender-coded", severity, field_name,
        f"The post reads {label} (score {gender.score:+d}): {words}.",
        f"Swap some of these words for neutral ones, or balance them with {other}-coded ones. "
        f"Source: {GENDER_SOURCE}.",
    )]


def _length_findings(readability: Readability) -> list[Finding]:
    findings = []
    low, high = WORDS_RANGE
    if readability.words and not low <= readability.words <= high:
        side = "short" if readability.words < low else "long"
        findings.append(Finding(
            "length", Severity.WARNING, None,
            f"{readability.words} words: {side} for a job post (aim for {low}–{high}).",
            "Add what the work is really like." if side == "short"
            else "Cut repetition and generic lines.",
        ))
    ease = readability.reading_ease
    if ease is not None and ease < MIN_READING_EASE:
        findings.append(Finding(
            "reading-ease", Severity.WARNING, None,
            f"Reading ease {ease:.0f} (Flesch; 60+ is plain English).",
            "Use shorter sentences and everyday words.",
        ))
    per_sentence = readability.words_per_sentence
    if per_sentence is not None and per_sentence > MAX_WORDS_PER_SENTENCE:
        findings.append(Finding(
            "sentence-length", Severity.INFO, None,
            f"{per_sentence:.1f} words per sentence on average (8–13 reads easily).",
            "Split the longest sentences.",
        ))
    return findings
