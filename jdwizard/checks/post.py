"""All the checks of a job post: what makes it fail, found offline and explained in one line each.

Pure and Textual-free. `check_draft` checks a template's answers and rendered document,
`check_text` any Markdown or plain-text post, and `check_field` one answer as it is typed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from jdwizard.checks.finding import Finding, Severity
from jdwizard.checks.gender import GenderCoding, code, code_in_context, describe, gender_findings
from jdwizard.checks.pay import (
    PayVerdict,
    benefits_in_text,
    check_pay,
    deadline_in_text,
    employees_in_text,
    read_employees,
    stated_location,
    workplace_in_text,
)
from jdwizard.checks.pay_text import pay_scale_in_text, salary_in_text
from jdwizard.checks.readability import (
    MAX_WORDS,
    MIN_READING_EASE,
    MIN_WORDS,
    Readability,
    length_findings,
    measure,
)
from jdwizard.checks.reviewer import reviewer_findings
from jdwizard.checks.terms import check_terms
from jdwizard.checks.unfilled import check_leftovers, check_required
from jdwizard.place import mentioned_in_prose
from jdwizard.template.defaults import untouched
from jdwizard.template.model import Field, Template
from jdwizard.template.roles import PAY_ROLES, Role

WORDS_RANGE = (MIN_WORDS, MAX_WORDS)  # the length a post is not told about (readability.py)
MAX_POST_BYTES = 1_000_000  # the most `jdwizard check` reads: a real post is 5-30 KB
# The checks read English: a text with fewer of its most common words than this is told so.
_ENGLISH = frozenset((
    "the", "and", "to", "of", "a", "in", "you", "we", "our", "for", "with", "is", "are", "will",
    "be", "on", "your", "as", "at", "this", "that", "or", "an", "it", "by", "from", "have", "who",
    "what", "how", "us", "can", "all", "not", "if", "they", "their", "about", "work", "team",
))
_MIN_ENGLISH_SHARE = 0.12  # English prose runs at 35-50 %; German or Spanish under 5 %
_MIN_WORDS_FOR_LANGUAGE = 40
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

__all__ = ["MIN_READING_EASE", "WORDS_RANGE", "Finding", "Report", "Severity", "check_draft",
           "check_field", "check_text"]


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


@dataclass(frozen=True)
class _PayFacts:
    """What the pay check reads of a post: from its text, or a draft's answers over its text."""

    salary: str | None
    scale: str | None
    location: str
    mentioned: str
    work_type: str
    benefits: bool
    deadline: bool
    employees: int | None


def _facts_of_text(text: str, employees: int | None) -> _PayFacts:
    """The pay facts a plain post states: its pay, places, workplace, benefits, deadline and
    (unless given) the company's size."""
    location = stated_location(text)
    title = next((line for line in text.splitlines() if line.strip()), "")
    return _PayFacts(
        salary_in_text(text), pay_scale_in_text(text), location,
        "; ".join(mentioned_in_prose(text)),
        " ".join(part for part in (title, location, workplace_in_text(text)) if part),
        benefits_in_text(text), deadline_in_text(text),
        employees if employees is not None else employees_in_text(text))


def check_text(text: str, employees: int | None = None,
               dismissed: Collection[str] = ()) -> Report:
    """Check a finished job post given as Markdown or plain text (HTML read without its tags:
    `checks.html_text`). `employees` is the company's size when known (else read from the
    post, if it says it): a pay law whose threshold it falls under is not applied. `dismissed`
    keys ("gender-coded:support") leave their words out of the adjusted gender coding."""
    findings = check_leftovers(text, notes=Severity.WARNING)
    if not text.strip():
        findings.append(Finding("empty", Severity.ERROR, None, "The post is empty.",
                                "Check the file: it has no text to check."))
    findings += check_terms(text, None)
    gender, gendered = gender_findings(text, dismissed=dismissed)
    findings += gendered
    facts = _facts_of_text(text, employees)
    pay_findings, verdict = check_pay(
        facts.salary, facts.location, facts.work_type, benefits_given=facts.benefits,
        deadline_given=facts.deadline, scale=facts.scale, mentioned=facts.mentioned,
        employees=facts.employees)
    findings += pay_findings
    findings += reviewer_findings(text)
    readability = measure(text)
    findings += length_findings(readability)
    findings += _language_findings(text)
    return Report(findings, gender, readability, verdict)


def check_draft(template: Template, answers: Mapping[str, str],
                dismissed: Collection[str] = ()) -> Report:
    """Check a draft: its answers field by field, and the document they render. The post-wide
    checks read the document as `check_text` does, so that a draft and the document rendered
    from it get the same verdict; the answers say which field a finding belongs to.
    `dismissed`: as for `check_text`."""
    from jdwizard.template.engine import Renderer

    segments = Renderer(template).segments(answers)
    document = "".join(segment.text for segment in segments)
    fixed_text = "".join(segment.text for segment in segments if segment.field is None)
    findings = check_required(template, answers)
    missing = {finding.field for finding in findings}
    findings += check_leftovers(fixed_text)
    terms: list[Finding] = []
    for item in template.fields:
        value = answers.get(item.name, "")
        if value.strip() and item.name not in missing:
            findings += check_leftovers(value, field=item.name, notes=Severity.WARNING)
            terms += check_terms(value, item.name)
    # the words of the template's own text, and of defaults, count as the document's
    found = {finding.id for finding in terms}
    findings += terms + [f for f in check_terms(document, None) if f.id not in found]
    gender, gendered = gender_findings(document, dismissed=dismissed)
    findings += gendered
    pay_findings, verdict = _pay(template, answers, document)
    salary = template.field_for(Role.SALARY)
    findings += pay_findings
    if salary is not None and any(f.id == "pay-missing" for f in pay_findings):
        # one line for an empty salary, not two
        findings = [f for f in findings if not (f.id == "unfilled" and f.field == salary.name)]
    findings += reviewer_findings(document)
    readability = measure(document)
    findings += length_findings(readability)
    findings += _language_findings(document)
    # The template's own words: its fixed text, and the defaults the user left as they are.
    template_text = "".join(
        segment.text for segment in segments
        if segment.field is None or untouched(template.field(segment.field), answers))
    return Report(findings, gender, readability, verdict, code_in_context(template_text))


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


def _pay(template: Template, answers: Mapping[str, str], document: str | None = None,
         ) -> tuple[list[Finding], PayVerdict]:
    """The pay findings of a draft, from the answers to the fields playing the pay roles, and
    what its `document` states besides (None: the answers alone, as while typing)."""
    from jdwizard.template.answers import is_answered

    text = _facts_of_text(document or "", None)
    salary = template.field_for(Role.SALARY)
    benefits = template.field_for(Role.BENEFITS)
    location = template.field_for(Role.LOCATION)
    work_type = template.field_for(Role.WORK_TYPE)
    deadline = template.field_for(Role.DEADLINE)
    employees = read_employees(template.answer_for(Role.COMPANY_SIZE, answers))
    return check_pay(
        answers.get(salary.name, "") if salary is not None else text.salary,
        _joined(template.answer_for(Role.LOCATION, answers), text.location),
        _joined(template.answer_for(Role.WORK_TYPE, answers), text.work_type),
        benefits_given=(benefits is None and document is None) or text.benefits
        or (benefits is not None and is_answered(benefits, answers)),
        deadline_given=text.deadline or _reads_as_deadline(template.answer_for(Role.DEADLINE,
                                                                               answers)),
        scale=text.scale, mentioned=text.mentioned,
        salary_field=salary.name if salary is not None else None,
        location_field=location.name if location is not None else None,
        work_type_field=work_type.name if work_type is not None else None,
        benefits_field=benefits.name if benefits is not None else None,
        deadline_field=deadline.name if deadline is not None else None,
        employees=employees if employees is not None else text.employees,
    )


def _reads_as_deadline(answer: str) -> bool:
    """Whether a deadline answer reads as a day or as "open until filled" (jdwizard.deadline);
    one it cannot read is the field's own problem to show, and no deadline."""
    from datetime import date

    from jdwizard.deadline import read_deadline

    deadline = read_deadline(answer, date.today())
    return deadline is not None and deadline.problem is None


def _joined(*parts: str) -> str:
    """The non-blank parts, each once, joined by "; "."""
    return "; ".join(dict.fromkeys(part.strip() for part in parts if part.strip()))


def _language_findings(text: str) -> list[Finding]:
    """An info finding on a text that is clearly not English: the checks read English."""
    words = [word.lower() for word in _WORDS.findall(text)]
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return []
    share = sum(word in _ENGLISH for word in words) / len(words)
    if share >= _MIN_ENGLISH_SHARE:
        return []
    return [Finding(
        "not-english", Severity.INFO, None,
        "This post does not read as English: the checks read English, so their word lists, "
        "pay reading and readability figures may not fit it.",
        "Check its wording, pay and places by hand.")]
