"""Pay transparency: a salary range with both ends, a currency and a period, and the rules of the
places a posting names (jdwizard/data/pay-transparency.toml). Guidance, not legal advice."""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache

from jdwizard.checks.finding import Finding, Severity, data_file
from jdwizard.place import Place, city_home, resolve

NOT_LEGAL_ADVICE = "This is guidance, not legal advice."
_LIST_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•]\s+|\d+[.)]\s+)")
_OPEN_ENDED = re.compile(r"\+|\b(?:from|starting|starts|up to|upwards|and up|or more|at least)\b",
                         re.IGNORECASE)
_REMOTE = re.compile(r"(?<!\bno )(?<!\bnot )\bremote\b", re.IGNORECASE)
# "[^\w\n]*", not "\W*": that crossed lines, so each line's start re-read all the blank
# lines after it (quadratic); the first match is the same.
_LOCATION_LINE = re.compile(
    r"^[^\w\n]*(?:(?:job|work|working|office|primary|preferred)\s+)?"
    r"(?:location|based in|office)s?[*_]*\s*:\s*(?P<place>.+)$", re.IGNORECASE | re.MULTILINE)
_BASED_IN = re.compile(r"\bbased\s+in\s+(?P<place>[^\n;:!?]{1,80})", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\b(?:D\.\s?C|U\.S(?:\.A)?|U\.K|St)\.")
_CLAUSE_END = re.compile(r"\.|\s(?:and|with|where|who|but|while|to|for|as|on|at|near)\s")
_TOP_LINES = 10  # how far under the title a bare "City, ST" line is looked for
_TOP_LINE_LENGTH = 80


@dataclass(frozen=True)
class Rule:
    """A pay-transparency law: the places it covers (codes of jdwizard/data/places.toml), from
    when and for which employers, and what a posting must carry."""

    name: str
    regions: frozenset[str]
    countries: frozenset[str]
    cities: frozenset[str]
    in_force: date
    min_employees: int
    needs_range: bool  # False: a single fixed rate is accepted
    open_ended: bool  # False: an open-ended range is called out as not allowed
    max_width: Decimal | None  # the widest range allowed, where its top is up to max_width_up_to
    max_width_up_to: Decimal | None
    requires: tuple[str, ...]
    needs_benefits: bool
    needs_deadline: bool
    source: str

    @property
    def id(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def covers(self) -> str:
        if self.min_employees <= 1:
            return "every employer"
        return f"employers with {self.min_employees}+ employees"

    def covers_place(self, place: Place) -> bool:
        """Whether `place` is one this rule covers; a city only in its own region ("Columbus,
        GA" is not Columbus, Ohio)."""
        return (place.region in self.regions or place.country in self.countries
                or (place.city in self.cities and place.region == city_home(place.city)))


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


def _amount(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@cache
def rules() -> tuple[Rule, ...]:
    data = tomllib.loads(data_file("pay-transparency.toml").read_text(encoding="utf-8"))
    return tuple(
        Rule(
            name=item["name"],
            regions=frozenset(item.get("regions", [])),
            countries=frozenset(item.get("countries", [])),
            cities=frozenset(item.get("cities", [])),
            in_force=item["in_force"],
            min_employees=item["min_employees"],
            needs_range=item["needs_range"],
            open_ended=item.get("open_ended", True),
            max_width=_amount(item.get("max_width")),
            max_width_up_to=_amount(item.get("max_width_up_to")),
            requires=tuple(item["requires"]),
            needs_benefits=item.get("needs_benefits", False),
            needs_deadline=item.get("needs_deadline", False),
            source=item["source"],
        )
        for item in data["rules"]
    )


def jurisdictions(location: str) -> list[Rule]:
    """The rules covering a place `location` names (place.resolve), in force or not yet."""
    places = resolve(location)
    return [rule for rule in rules() if any(rule.covers_place(place) for place in places)]


def location_in_text(text: str) -> str:
    """The places a plain job post states, joined by "; " ("" when it states none): "Location:"
    lines in any wording ("Job Location:", "**Work location:**"), a "City, ST" line near the
    top, and "based in ..." sentences."""
    found: list[str] = []
    for match in _LOCATION_LINE.finditer(text):
        found.append(match.group("place").strip().strip("*_").strip())
    found += _top_line_places(text)
    for match in _BASED_IN.finditer(text):
        place = _clause(match.group("place"))
        if place and resolve(place):
            found.append(place)
    return "; ".join(dict.fromkeys(place for place in found if place))


def _top_line_places(text: str) -> list[str]:
    """A short "City, ST" / "City, Province" / "City, Country" line among the first
    non-blank lines (under the title)."""
    found = []
    lines = (line for line in text.splitlines() if line.strip())
    for line in itertools.islice(lines, _TOP_LINES):
        line = _LIST_MARKER.sub("", line).strip(" \t*_")
        if ("," not in line or len(line) > _TOP_LINE_LENGTH or line.endswith((".", "!", "?"))
                or _LOCATION_LINE.match(line)):
            continue
        if any(place.region or place.country for place in resolve(line)):
            found.append(line)
    return found


def _clause(text: str) -> str:
    """A place after "based in", up to the end of its clause ("Washington, D.C." kept)."""
    text = _ABBREVIATION.sub(lambda match: match.group().replace(".", ""), text)
    return _CLAUSE_END.split(text, maxsplit=1)[0].strip(" ,")


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
    employees: int | None = None,
    today: date | None = None,
) -> tuple[list[Finding], PayVerdict]:
    """Findings about pay transparency, and the verdict for the summary; each `*_field` names
    the answer its findings belong to (None: the post as a whole). `employees` is the company's
    size when known; `today` the day the laws in force are those of (default: today)."""
    today = today or date.today()
    covering = jurisdictions(location)
    in_force = [rule for rule in covering if rule.in_force <= today]
    too_small = [rule for rule in in_force
                 if employees is not None and employees < rule.min_employees]
    applying = [rule for rule in in_force if rule not in too_small]
    findings, status, normalised = _salary_findings(salary, applying, salary_field)
    for rule in applying:
        findings.append(Finding(
            f"pay-rule:{rule.id}", Severity.INFO, location_field,
            f"{rule.name} pay-transparency rules apply ({rule.covers}): the posting must carry "
            f"{'; '.join(rule.requires)}.",
            f"Source: {rule.source}. {NOT_LEGAL_ADVICE}",
        ))
        if rule.needs_deadline:
            findings.append(Finding("pay-deadline", Severity.INFO, None,
                                    f"{rule.name} requires the application deadline in the post.",
                                    'Add a line such as "Apply by 15 January" or "Applications '
                                    'are reviewed on a rolling basis".'))
    findings += _not_applied(covering, too_small, employees, today, location_field)
    needing_benefits = [rule.name for rule in applying if rule.needs_benefits]
    if needing_benefits and not benefits_given:
        verb = "requires" if len(needing_benefits) == 1 else "require"
        findings.append(Finding("pay-benefits", Severity.WARNING, benefits_field,
                                f"{_and(needing_benefits)} {verb} a general "
                                "description of benefits.", "Describe the benefits you offer."))
    if not location.strip() and location_field is None:
        findings.append(Finding(
            "location-missing", Severity.INFO, None,
            "The post names no location: candidates need one, and the pay-transparency rules "
            "of a place could not be checked.",
            'Add a line such as "Location: Denver, CO (hybrid)" or "Location: Remote (US)".'))
    remote_in_work_type = bool(_REMOTE.search(work_type))
    if remote_in_work_type or _REMOTE.search(location):
        findings.append(Finding(
            "pay-remote", Severity.INFO,
            work_type_field if remote_in_work_type else location_field,
            "A remote role may be covered by the pay-transparency rules of every place you hire "
            "from (e.g. Colorado, California, New York, Washington, Illinois, the EU).",
            f"State the range for every location you hire in. {NOT_LEGAL_ADVICE}",
        ))
    return findings, PayVerdict(status, normalised, tuple(rule.name for rule in applying))


def _salary_findings(salary: str | None, applying: list[Rule], field: str | None,
                     ) -> tuple[list[Finding], PayStatus, str | None]:
    """What is wrong with the stated pay, given the rules that apply."""
    from jdwizard.checks.salary import SalaryError, format_amount, parse_salary

    if not salary or not salary.strip():
        return [Finding("pay-missing", Severity.ERROR, field,
                        "No salary range: many places require one in the posting.",
                        'Add a minimum and a maximum, e.g. "$150k–190k per year".')], \
            PayStatus.MISSING, None
    try:
        parsed = parse_salary(salary)
    except SalaryError as error:
        suggestion = "Give a range with a minimum below its maximum."
        refusing = [rule.name for rule in applying if not rule.open_ended]
        if refusing and _OPEN_ENDED.search(salary):
            suggestion = (f"{_and(refusing)} {'does' if len(refusing) == 1 else 'do'} not allow "
                          "an open-ended range: give the maximum too.")
        return [Finding("pay-invalid", Severity.ERROR, field, str(error), suggestion)], \
            PayStatus.INVALID, None
    findings: list[Finding] = []
    status, normalised = PayStatus.OK, parsed.normalised()
    if parsed.minimum == parsed.maximum:
        wanting = [rule.name for rule in applying if rule.needs_range]
        if wanting:
            status = PayStatus.INCOMPLETE
            verb = "asks" if len(wanting) == 1 else "ask"
            findings.append(Finding(
                "pay-equal", Severity.WARNING, field,
                f"{normalised} is a single fixed rate; {_and(wanting)} {verb} for a range "
                "(a minimum and a maximum).",
                "Give the real spread, lowest to highest; if the pay is truly fixed, check that "
                f"the law accepts one figure. {NOT_LEGAL_ADVICE}"))
    if parsed.currency is None:
        status = PayStatus.INCOMPLETE
        findings.append(Finding("pay-currency", Severity.WARNING, field,
                                f"The range {normalised} names no currency.",
                                'Add one, e.g. "$", "€" or "USD".'))
    if parsed.period is None:
        status = PayStatus.INCOMPLETE
        findings.append(Finding("pay-period", Severity.WARNING, field,
                                f"The range {normalised} says no period.",
                                'Add one, e.g. "per year" or "per hour".'))
    width = parsed.maximum - parsed.minimum
    for rule in applying:
        if (rule.max_width is not None and parsed.period == "year" and width > rule.max_width
                and (rule.max_width_up_to is None or parsed.maximum <= rule.max_width_up_to)):
            up_to = (f" where the pay is up to {format_amount(rule.max_width_up_to)} a year"
                     if rule.max_width_up_to is not None else "")
            findings.append(Finding(
                "pay-range-wide", Severity.WARNING, field,
                f"The range {normalised} is {format_amount(width)} wide; {rule.name} allows "
                f"at most {format_amount(rule.max_width)}{up_to}.",
                f"Narrow the range. Source: {rule.source}. {NOT_LEGAL_ADVICE}"))
    return findings, status, normalised


def _not_applied(covering: list[Rule], too_small: list[Rule], employees: int | None,
                 today: date, field: str | None) -> list[Finding]:
    """Info on the laws of the place that do not apply: not yet in force, or for larger
    employers than this one."""
    findings = [Finding(
        f"pay-upcoming:{rule.id}", Severity.INFO, field,
        f"{rule.name} pay-transparency rules apply from {_day(rule.in_force)} ({rule.covers}): "
        f"the posting will need {'; '.join(rule.requires)}.",
        f"Source: {rule.source}. {NOT_LEGAL_ADVICE}",
    ) for rule in covering if rule.in_force > today]
    if too_small:
        laws = _and([f"{rule.name} ({rule.min_employees}+ employees)" for rule in too_small])
        findings.append(Finding(
            "pay-size", Severity.INFO, field,
            f"Not applied to a company of {employees}: {laws}.",
            "If the company grows past a threshold, those rules apply. " + NOT_LEGAL_ADVICE))
    return findings


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
