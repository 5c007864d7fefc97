"""Pay transparency: a salary range with both ends, a currency and a period, and the rules of the
places a posting names (jdwizard/data/pay-transparency.toml). Guidance, not legal advice."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from jdwizard.checks.finding import Finding, data_file

NOT_LEGAL_ADVICE = "This is guidance, not legal advice."
_SALARY_LINE = re.compile(
    r"\b(?:salary|pay|compensation|wages?|rate)\b[^:\n]*?:?\s*(?P<rest>[^\n]*\d[^\n]*)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rule:
    name: str
    covers: str
    requires: tuple[str, ...]
    needs_benefits: bool
    needs_deadline: bool
    source: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class PayVerdict:
    """The pay check in one line, for summaries."""

    status: str  # "ok" | "missing" | "invalid" | "incomplete"
    salary: str | None  # the range as understood, normalised
    rules: tuple[str, ...]  # names of the jurisdictions that apply

    def summary(self) -> str:
        where = f"; rules: {', '.join(self.rules)}" if self.rules else ""
        if self.status == "ok":
            return f"{self.salary}{where}"
        if self.status == "incomplete":
            return f"{self.salary} (incomplete){where}"
        return f"{self.status}{where}"


def _place_pattern(place: str) -> str:
    word = re.escape(place).replace(r"\ ", r"\s+")
    bare = place.lstrip(", ")
    if len(bare) <= 3 and bare.isupper():  # state codes and "EU": capitals only
        return rf"(?-i:{word})(?![\w])"
    return rf"(?<![\w]){word}(?![\w])"


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
            pattern=re.compile("|".join(_place_pattern(p) for p in item["places"]), re.IGNORECASE),
        )
        for item in data["rules"]
    )


def jurisdictions(location: str) -> list[Rule]:
    """The rules whose places `location` names."""
    return [rule for rule in rules() if rule.pattern.search(location)]


def salary_in_text(text: str) -> str | None:
    """Where a plain job post states its salary: the first line naming salary, pay or rate with
    a number that reads as a range (else the first such line, so its problem can be shown)."""
    from jdwizard.salary import SalaryError, parse_salary

    candidates = [match.group("rest").strip() for match in _SALARY_LINE.finditer(text)]
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
    benefits_given: bool = True,
    salary_field: str | None = "salary_range",
    location_field: str | None = "location",
) -> tuple[list[Finding], PayVerdict]:
    """Findings about pay transparency, and the verdict for the summary."""
    from jdwizard.salary import SalaryError, parse_salary

    findings: list[Finding] = []
    applying = jurisdictions(location)
    names = tuple(rule.name for rule in applying)
    status, normalised = "ok", None
    if not salary or not salary.strip():
        status = "missing"
        findings.append(Finding("pay-missing", "error", salary_field,
                                "No salary range: many places require one in the posting.",
                                'Add a minimum and a maximum, e.g. "$150k–190k per year".'))
    else:
        try:
            parsed = parse_salary(salary)
        except SalaryError as error:
            status = "invalid"
            findings.append(Finding("pay-invalid", "error", salary_field, str(error),
                                    "Give a range with a minimum below its maximum."))
        else:
            normalised = parsed.normalised()
            if parsed.currency is None:
                status = "incomplete"
                findings.append(Finding("pay-currency", "warning", salary_field,
                                        f"The range {normalised} names no currency.",
                                        'Add one, e.g. "$", "€" or "USD".'))
            if parsed.period is None:
                status = "incomplete"
                findings.append(Finding("pay-period", "warning", salary_field,
                                        f"The range {normalised} says no period.",
                                        'Add one, e.g. "per year" or "per hour".'))
    for rule in applying:
        findings.append(Finding(
            f"pay-rule:{rule.name.lower().replace(' ', '-')}", "info", location_field,
            f"{rule.name} pay-transparency rules apply ({rule.covers}): the posting must carry "
            f"{'; '.join(rule.requires)}.",
            f"Source: {rule.source}. {NOT_LEGAL_ADVICE}",
        ))
        if rule.needs_benefits and not benefits_given:
            findings.append(Finding("pay-benefits", "warning", "benefits",
                                    f"{rule.name} requires a general description of benefits.",
                                    "Describe the benefits you offer."))
        if rule.needs_deadline:
            findings.append(Finding("pay-deadline", "info", None,
                                    f"{rule.name} requires the application deadline in the post.",
                                    'Add a line such as "Apply by 15 January" or "Applications '
                                    'are reviewed on a rolling basis".'))
    if "remote" in f"{work_type} {location}".lower():
        findings.append(Finding(
            "pay-remote", "info", location_field,
            "A remote role may be covered by the pay-transparency rules of every place you hire "
            "from (e.g. Colorado, California, New York, Washington, Illinois, the EU).",
            f"State the range for every location you hire in. {NOT_LEGAL_ADVICE}",
        ))
    return findings, PayVerdict(status, normalised, names)
