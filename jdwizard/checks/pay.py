"""Pay transparency: a salary range with both ends, a currency and a period, and the rules of the
places a posting names (jdwizard/data/pay-transparency.toml). Guidance, not legal advice."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from jdwizard.checks.finding import Finding, Severity, data_file

NOT_LEGAL_ADVICE = "This is guidance, not legal advice."
_PAY_WORD = re.compile(r"\b(?:salary|salaries|pay|compensation|wages?)\b", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•]\s+|\d+[.)]\s+)")
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")
_REMOTE = re.compile(r"(?<!\bno )(?<!\bnot )\bremote\b", re.IGNORECASE)
# "[^\w\n]*", not "\W*": that crossed lines, so each line's start re-read all the blank
# lines after it (quadratic); the first match is the same.
_LOCATION_LINE = re.compile(r"^[^\w\n]*(?:location|based in|office)\s*:\s*(?P<place>.+)$",
                            re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Rule:
    name: str
    covers: str
    requires: tuple[str, ...]
    needs_benefits: bool
    needs_deadline: bool
    source: str
    pattern: re.Pattern[str]


class PayStatus(StrEnum):
    OK = "ok"
    MISSING = "missing"
    INVALID = "invalid"
    INCOMPLETE = "incomplete"  # a range, without a currency or a period, or with no spread


@dataclass(frozen=True)
class PayVerdict:
    """The pay check in one line, for summaries."""

    status: PayStatus
    salary: str | None  # the range as understood, normalised
    rules: tuple[str, ...]  # names of the jurisdictions that apply

    def summary(self) -> str:
        where = f"; rules: {', '.join(self.rules)}" if self.rules else ""
        if self.status is PayStatus.OK:
            return f"{self.salary}{where}"
        if self.status is PayStatus.INCOMPLETE:
            return f"{self.salary} (incomplete){where}"
        return f"{self.status.value}{where}"


def _place_pattern(place: str) -> str:
    word = re.escape(place).replace(r"\ ", r"\s+")
    bare = place.lstrip(", ")
    if len(bare) <= 3 and bare.isupper():  # state codes and "EU": capitals only
        return rf"(?-i:{word})(?![\w])"
    return rf"(?<![\w]){word}(?![\w])"


def _rule_pattern(places: list[str], not_followed_by: list[str]) -> re.Pattern[str]:
    """Any of `places` as a whole word, unless followed by one of `not_followed_by` words
    ("Washington" but not "Washington, DC")."""
    guards = "".join(rf"(?![,\s]+{re.escape(word)})" for word in not_followed_by)
    alternatives = "|".join(_place_pattern(place) for place in places)
    return re.compile(f"(?:{alternatives}){guards}", re.IGNORECASE)


@cache
def rules() -> tuple[Rule, ...]:
    data = tomllib.loads(data_file("pay-transparency.toml").read_text(encoding="utf-8"))
    return tuple(
        Rule(
            name=item["name"],
            covers=item["covers"],
            requires=tuple(item["requires"]),
            needs_benefits=item.get("needs_benefits", False),
            needs_deadline=item.get("needs_deadline", False),
            source=item["source"],
            pattern=_rule_pattern(item["places"], item.get("not_followed_by", [])),
        )
        for item in data["rules"]
    )


def jurisdictions(location: str) -> list[Rule]:
    """The rules whose places `location` names."""
    return [rule for rule in rules() if rule.pattern.search(location)]


def _salary_candidates(text: str) -> list[str]:
    """Lines that state pay: "Salary: ...", "- Pay range $x-y", or the line under "## Salary";
    each without its list marker or label, cut at the end of its first sentence."""
    lines = text.splitlines()
    following = _next_lines(lines)
    found = []
    for index, line in enumerate(lines):
        if not _PAY_WORD.search(line):
            continue
        body = _LIST_MARKER.sub("", line)
        if not any(ch.isdigit() for ch in body):  # a heading: the pay is on the next line
            body = _LIST_MARKER.sub("", following[index])
            if not any(ch.isdigit() for ch in body):
                continue
        body = body.split(":", 1)[1] if ":" in body else body
        found.append(_SENTENCE_END.split(body.strip())[0].strip())
    return found


def _next_lines(lines: list[str]) -> list[str]:
    """For each line, the next one that is not blank ("" at the end), found in one pass from
    the end (a search from every line was quadratic on a post of pay headings)."""
    following = [""] * len(lines)
    below = ""
    for index in range(len(lines) - 1, -1, -1):
        following[index] = below
        if lines[index].strip():
            below = lines[index]
    return following


def location_in_text(text: str) -> str:
    """The location a plain job post states on a "Location:" line ("" when it states none)."""
    match = _LOCATION_LINE.search(text)
    return match.group("place").strip() if match else ""


def salary_in_text(text: str) -> str | None:
    """Where a plain job post states its salary: the first pay line that reads as a range
    (else the first pay line, so that its problem can be shown)."""
    from jdwizard.checks.salary import SalaryError, parse_salary

    candidates = _salary_candidates(text)
    for candidate in candidates:
        try:
            parse_salary(candidate)
        except SalaryError:
            continue
        return candidate
    return candidates[0] if candidates else None


def check_pay(
    salary: str | None,
    location: str,
    work_type: str = "",
    *,
    benefits_given: bool = True,
    salary_field: str | None = None,
    location_field: str | None = None,
    work_type_field: str | None = None,
    benefits_field: str | None = None,
) -> tuple[list[Finding], PayVerdict]:
    """Findings about pay transparency, and the verdict for the summary; each `*_field` names
    the answer its findings belong to (None: the post as a whole)."""
    from jdwizard.checks.salary import SalaryError, parse_salary

    findings: list[Finding] = []
    applying = jurisdictions(location)
    names = tuple(rule.name for rule in applying)
    status, normalised = PayStatus.OK, None
    if not salary or not salary.strip():
        status = PayStatus.MISSING
        findings.append(Finding("pay-missing", Severity.ERROR, salary_field,
                                "No salary range: many places require one in the posting.",
                                'Add a minimum and a maximum, e.g. "$150k–190k per year".'))
    else:
        try:
            parsed = parse_salary(salary)
        except SalaryError as error:
            status = PayStatus.INVALID
            findings.append(Finding("pay-invalid", Severity.ERROR, salary_field, str(error),
                                    "Give a range with a minimum below its maximum."))
        else:
            normalised = parsed.normalised()
            if parsed.minimum == parsed.maximum:
                status = PayStatus.INCOMPLETE
                findings.append(Finding("pay-equal", Severity.WARNING, salary_field,
                                        f"The range {normalised} has the same minimum and "
                                        "maximum.", "Give the real spread, lowest to highest."))
            if parsed.currency is None:
                status = PayStatus.INCOMPLETE
                findings.append(Finding("pay-currency", Severity.WARNING, salary_field,
                                        f"The range {normalised} names no currency.",
                                        'Add one, e.g. "$", "€" or "USD".'))
            if parsed.period is None:
                status = PayStatus.INCOMPLETE
                findings.append(Finding("pay-period", Severity.WARNING, salary_field,
                                        f"The range {normalised} says no period.",
                                        'Add one, e.g. "per year" or "per hour".'))
    for rule in applying:
        findings.append(Finding(
            f"pay-rule:{rule.name.lower().replace(' ', '-')}", Severity.INFO, location_field,
            f"{rule.name} pay-transparency rules apply ({rule.covers}): the posting must carry "
            f"{'; '.join(rule.requires)}.",
            f"Source: {rule.source}. {NOT_LEGAL_ADVICE}",
        ))
        if rule.needs_deadline:
            findings.append(Finding("pay-deadline", Severity.INFO, None,
                                    f"{rule.name} requires the application deadline in the post.",
                                    'Add a line such as "Apply by 15 January" or "Applications '
                                    'are reviewed on a rolling basis".'))
    needing_benefits = [rule.name for rule in applying if rule.needs_benefits]
    if needing_benefits and not benefits_given:
        verb = "requires" if len(needing_benefits) == 1 else "require"
        findings.append(Finding("pay-benefits", Severity.WARNING, benefits_field,
                                f"{' and '.join(needing_benefits)} {verb} a general "
                                "description of benefits.", "Describe the benefits you offer."))
    remote_in_work_type = bool(_REMOTE.search(work_type))
    if remote_in_work_type or _REMOTE.search(location):
        findings.append(Finding(
            "pay-remote", Severity.INFO,
            work_type_field if remote_in_work_type else location_field,
            "A remote role may be covered by the pay-transparency rules of every place you hire "
            "from (e.g. Colorado, California, New York, Washington, Illinois, the EU).",
            f"State the range for every location you hire in. {NOT_LEGAL_ADVICE}",
        ))
    return findings, PayVerdict(status, normalised, names)
