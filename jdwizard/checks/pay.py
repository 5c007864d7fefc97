"""Pay transparency: a salary range with both ends, a currency and a period, and the rules of the
places a posting names (jdwizard/data/pay-transparency.toml). Guidance, not legal advice."""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from jdwizard.checks.finding import Finding, Severity, data_file
from jdwizard.place import Place, city_home, resolve

if TYPE_CHECKING:
    from jdwizard.checks.salary import SalaryRange

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
# The least amount, with no period, that is plainly a yearly salary, by currency ("" for none
# stated): above any monthly pay in it. Currencies not listed are not guessed.
_YEARLY_FROM = {
    "": Decimal(20_000), "USD": Decimal(20_000), "CAD": Decimal(20_000),
    "AUD": Decimal(20_000), "NZD": Decimal(20_000), "EUR": Decimal(20_000),
    "GBP": Decimal(15_000), "CHF": Decimal(30_000), "SEK": Decimal(300_000),
    "NOK": Decimal(300_000), "DKK": Decimal(300_000),
}
# A year of each period, to compare a range with a yearly limit: full-time, 40 hours a week.
_PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
_YEAR_BASIS = {"month": "12 months", "week": "52 weeks", "day": "260 days",
               "hour": "2,080 hours (40 a week)"}
# The dollar of a country: a bare "$" in a post for Canada is the Canadian dollar.
_DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "MX": "MXN"}
_BARE_DOLLAR = re.compile(r"(?<![A-Za-z])\$")
_NAMED_CURRENCY = re.compile(r"[A-Za-z]\$|\b(?:usd|cad|aud|nzd|sgd|hkd|mxn)\b", re.IGNORECASE)
_TOP_LINES = 10  # how far under the title a bare "City, ST" line is looked for
_TOP_LINE_LENGTH = 80
# "Workplace: Remote", "**Work type:** Hybrid": how the role is done, read for remote roles.
_WORKPLACE_LINE = re.compile(
    r"^[^\w\n]*(?:workplace|work\s+(?:type|arrangement|model|setting|style)|remote|"
    r"location\s+type)[*_]*[ \t]*:[ \t]*(?P<how>.+)$", re.IGNORECASE | re.MULTILINE)
_LABEL = re.compile(r"[-*+•]\s+[^:\n]{1,40}:\s")  # "- Workplace: Hybrid", a line's label
_PLACEHOLDER = re.compile(r"\{\{[^{}\n]*\}\}")  # an unanswered field's "{{location}}"
_MONTH_OR_DAY = (r"(?:\d|jan|feb|mar|apr|may\b|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri"
                 r"|sat|sun|the\s+end\b|end\s+of\b|midnight|noon|tomorrow|today|next\b)")
# An application deadline, or that applications stay open ("open until filled"): Colorado asks
# for one. "Apply by email" is not one: "apply by" counts before a date only.
_DEADLINE = re.compile(
    r"\bapply\s+(?:by|before|until|no\s+later\s+than)\s+(?:the\s+)?" + _MONTH_OR_DAY +
    r"|\bapplications?\s+(?:close|closes|closing|are\s+due|due|end|ends)\b"
    r"|\b(?:application|closing)\s+(?:deadline|date)\b|\bdeadline\s+to\s+apply\b"
    r"|\bdeadline(?:\s+for\s+applications)?\s*(?:[:\u2013\u2014]|-\s|is\b)"
    r"|\bopen\s+until\s+(?:the\s+(?:role|position|job|vacancy|post)\s+is\s+)?filled\b"
    r"|\buntil\s+the\s+(?:role|position|job|vacancy|post)\s+is\s+filled\b"
    r"|\b(?:accept|accepting|accepted|take|taking|review|reviewing|reviewed)\s+applications\s+"
    r"(?:until|till|through|on\s+a\s+rolling|on\s+an\s+ongoing)\b"
    r"|\bapplications\s+(?:are|will\s+be)\s+(?:reviewed|accepted|open)\s+"
    r"(?:on\s+a\s+rolling|on\s+an\s+ongoing|until)\b", re.IGNORECASE)
# Benefits a post describes ("Health insurance", "401(k)", "paid time off"): some laws ask for
# a general description of them.
_BENEFITS = re.compile(
    r"\b(?:benefits?|insurance|(?:health|medical)\s+(?:cover|plan)|dental|pension|401\s?\(?k\)?"
    r"|paid\s+(?:time\s+off|leave|vacation|holidays?)|pto|vacation|parental\s+leave"
    r"|sick\s+(?:leave|days|pay)|perks|superannuation|stipends?)(?!\w)",
    re.IGNORECASE)
# The company's size as typed ("about 120 people", "120", "50-200", "500+", "fewer than 50"),
# and as a post says it ("a team of about 120 people", "1,200 employees").
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+"
_HEADCOUNT = re.compile(
    rf"(?P<low>{_COUNT})(?:\s*(?:-|\u2013|to)\s*(?P<high>{_COUNT}))?(?P<k>\s?k\b)?", re.IGNORECASE)
_UNDER = re.compile(r"\b(?:fewer|less)\s+than\b|\bunder\b|\bbelow\b", re.IGNORECASE)
_ABOUT = r"(?:(?:about|around|roughly|some|nearly|over|more\s+than)\s+)?"
_SIZE_IN_TEXT = re.compile(
    r"\b(?:(?:we(?:'|’)re|we\s+are)\s+(?:a\s+)?(?:team|company)|company|business|startup"
    rf"|organi[sz]ation|firm|employer)\s+of\s+{_ABOUT}"
    rf"(?P<count>(?:{_COUNT})(?:\s*(?:-|\u2013|to)\s*(?:{_COUNT}))?)\+?"
    r"(?:\s+(?:people|employees|staff)\b|(?=\s*[.,;!)]|\s*$))"
    rf"|(?<![\w.,$€£])(?P<count2>{_COUNT})\+?\s+"
    r"(?:employees|full-time\s+employees|staff\s+members)\b",
    re.IGNORECASE)


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


def stated_location(text: str) -> str:
    """`location_in_text`, less what is no place: an unanswered field's placeholder
    ("Location: {{location}}"), or the next line's label when a "Location:" line is empty."""
    parts = location_in_text(text).split("; ")
    return "; ".join(part for part in parts
                     if _PLACEHOLDER.sub("", part).strip() and not _LABEL.match(part))


def deadline_in_text(text: str) -> bool:
    """Whether a post gives an application deadline ("Apply by 15 January 2027", "Applications
    close ...", "Deadline: ...") or says applications stay open ("open until filled")."""
    return _DEADLINE.search(text) is not None


def benefits_in_text(text: str) -> bool:
    """Whether a post describes benefits ("Health insurance", "401(k)", "paid time off");
    a placeholder ("{{benefits}}") is no description."""
    return _BENEFITS.search(_PLACEHOLDER.sub(" ", text)) is not None


def workplace_in_text(text: str) -> str:
    """How a plain post says the role is done ("Workplace: Remote", "Work type: Hybrid"), joined
    by "; "."""
    return "; ".join(match.group("how").strip().strip("*_").strip()
                     for match in _WORKPLACE_LINE.finditer(_PLACEHOLDER.sub(" ", text)))


def read_employees(answer: str) -> int | None:
    """A company's size as typed, read leniently: "about 120 people" and "120" are 120,
    "1,200" 1200, "500+" 500; a range "50-200" is its top (a law applies unless the whole
    range is under its threshold); "fewer than 50" is 49. None when no number is given."""
    match = _HEADCOUNT.search(answer)
    if match is None:
        return None
    count = int((match["high"] or match["low"]).replace(",", "")) * (1000 if match["k"] else 1)
    if _UNDER.search(answer[:match.start()]):
        count = max(count - 1, 1)
    return count


def employees_in_text(text: str) -> int | None:
    """The company's size where a post says it ("We're a team of about 120 people", "1,200
    employees"); None when it does not."""
    match = _SIZE_IN_TEXT.search(text)
    if match is None:
        return None
    return read_employees(match["count"] or match["count2"])


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
    deadline_given: bool = False,
    scale: str | None = None,
    mentioned: str = "",
    salary_field: str | None = None,
    location_field: str | None = None,
    work_type_field: str | None = None,
    benefits_field: str | None = None,
    deadline_field: str | None = None,
    employees: int | None = None,
    today: date | None = None,
) -> tuple[list[Finding], PayVerdict]:
    """Findings about pay transparency, and the verdict for the summary; each `*_field` names
    the answer its findings belong to (None: the post as a whole). `scale` is a pay scale or
    grade the post names ("GS-11"), read when no amount is given; `mentioned` places the post
    only mentions in prose, whose rules are told at lower confidence. `employees` is the
    company's size when known; `today` the day the laws in force are those of (default: today)."""
    today = today or date.today()
    covering = jurisdictions(location)
    in_force = [rule for rule in covering if rule.in_force <= today]
    too_small = [rule for rule in in_force
                 if employees is not None and employees < rule.min_employees]
    applying = [rule for rule in in_force if rule not in too_small]
    dollar = _local_dollar(salary or "", location)
    findings, status, normalised = _salary_findings(salary, scale, applying, salary_field,
                                                    dollar)
    for rule in applying:
        findings.append(Finding(
            f"pay-rule:{rule.id}", Severity.INFO, location_field,
            f"{rule.name} pay-transparency rules apply ({rule.covers}): the posting must carry "
            f"{'; '.join(rule.requires)}.",
            f"Source: {rule.source}. {NOT_LEGAL_ADVICE}",
        ))
    findings += _mentioned(mentioned, covering, employees, today)
    findings += _not_applied(covering, too_small, employees, today, location_field)
    needing_benefits = [rule.name for rule in applying if rule.needs_benefits]
    if needing_benefits and not benefits_given:
        verb = "requires" if len(needing_benefits) == 1 else "require"
        findings.append(Finding("pay-benefits", Severity.WARNING, benefits_field,
                                f"{_and(needing_benefits)} {verb} a general "
                                "description of benefits.", "Describe the benefits you offer."))
    needing_deadline = [rule.name for rule in applying if rule.needs_deadline]
    if needing_deadline and not deadline_given:
        verb = "requires" if len(needing_deadline) == 1 else "require"
        where = ("the Apply by field" if deadline_field is not None
                 else '"Apply by 15 January 2027"')
        findings.append(Finding(
            "pay-deadline", Severity.WARNING, deadline_field,
            f"{_and(needing_deadline)} {verb} the application deadline in the post, and it "
            "gives none.",
            f"Add an application deadline ({where}), or \"open until filled\". "
            + NOT_LEGAL_ADVICE))
    if not location.strip():
        findings.append(_location_missing(mentioned, location_field))
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


def _location_missing(mentioned: str, field: str | None) -> Finding:
    names = _and([place.text for place in resolve(mentioned)]) if mentioned else ""
    states = f"states no location (it mentions {names})" if names else "names no location"
    return Finding(
        "location-missing", Severity.INFO, field,
        f"The post {states}: candidates need one, and the pay-transparency rules of a place "
        "could not be checked.",
        'Add a line such as "Location: Denver, CO (hybrid)" or "Location: Remote (US)".')


def _mentioned(mentioned: str, covering: list[Rule], employees: int | None,
               today: date) -> list[Finding]:
    """The rules of places a post only mentions in prose ("our Chicago office"), at lower
    confidence: the role may or may not be done there."""
    findings = []
    places = resolve(mentioned)
    for rule in rules():
        where = [place.text for place in places if rule.covers_place(place)]
        if (not where or rule in covering or rule.in_force > today
                or (employees is not None and employees < rule.min_employees)):
            continue
        findings.append(Finding(
            f"pay-rule:{rule.id}", Severity.INFO, None,
            f"The post mentions {_and(list(dict.fromkeys(where)))}; if the role can be done "
            f"there, {rule.name} pay-transparency rules apply ({rule.covers}): the posting must "
            f"carry {'; '.join(rule.requires)}.",
            "If the role can be done there, name the place in the location. "
            f"Source: {rule.source}. {NOT_LEGAL_ADVICE}",
            confidence="low",
        ))
    return findings


def _local_dollar(salary: str, location: str) -> str | None:
    """The dollar a bare "$" is where every place named is in one country that has its own
    ("CAD" for "Toronto, ON"); None when the pay names its currency, or the places do not
    say."""
    if not _BARE_DOLLAR.search(salary) or _NAMED_CURRENCY.search(salary):
        return None
    countries = {place.country for place in resolve(location)}
    return _DOLLARS.get(countries.pop() or "") if len(countries) == 1 else None


def _salary_findings(salary: str | None, scale: str | None, applying: list[Rule],
                     field: str | None, dollar: str | None = None,
                     ) -> tuple[list[Finding], PayStatus, str | None]:
    """What is wrong with the stated pay, given the rules that apply; `dollar` the currency a
    bare "$" is where the post is."""
    from jdwizard.checks.pay_text import pay_scale, without_scale
    from jdwizard.checks.salary import SalaryError, parse_salary

    if not salary or not salary.strip():
        if scale:
            return _scale_finding(scale, applying, field)
        return [Finding("pay-missing", Severity.ERROR, field,
                        "No salary range: many places require one in the posting.",
                        'Add a minimum and a maximum, e.g. "$150k–190k per year".')], \
            PayStatus.MISSING, None
    named = pay_scale(salary, pay_line=True)
    if named:  # "GS-11": no amount; "Band 5: £29,970–£36,483 a year": the amounts are the pay
        salary = without_scale(salary)
        if not any(character.isdigit() for character in salary):
            return _scale_finding(named, applying, field)
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
    if dollar is not None and parsed.currency == "USD":
        parsed = replace(parsed, currency=dollar)
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
    if parsed.period is None and _plainly_yearly(parsed.minimum, parsed.currency):
        parsed = replace(parsed, period="year")
        findings.append(Finding("pay-period-yearly", Severity.INFO, field,
                                f"The range {normalised} says no period; read as a yearly "
                                "salary.", 'Add "per year" to say so.'))
        normalised = parsed.normalised()
    elif parsed.period is None:
        status = PayStatus.INCOMPLETE
        findings.append(Finding("pay-period", Severity.WARNING, field,
                                f"The range {normalised} says no period.",
                                'Add one, e.g. "per year" or "per hour".'))
    findings += _width_findings(parsed, normalised, applying, field)
    return findings, status, normalised


def _scale_finding(scale: str, applying: list[Rule], field: str | None,
                   ) -> tuple[list[Finding], PayStatus, str | None]:
    """The pay stated by a pay scale or grade ("Band 5", "GS-11", "Entgeltgruppe 9")."""
    names = [rule.name for rule in applying]
    if names:
        verb = "asks" if len(names) == 1 else "ask"
        why = f"{_and(names)} {verb} for the pay itself in the posting"
    else:
        why = "candidates from outside may not know what it pays"
    return [Finding(
        "pay-scale", Severity.WARNING if names else Severity.INFO, field,
        f"The pay is stated by a pay scale or grade ({scale}), with no amounts.",
        f"Add the amounts of that grade, e.g. \"$61,000–79,000 per year\": {why}. "
        + NOT_LEGAL_ADVICE)], PayStatus.INCOMPLETE, f"pay scale: {scale}"


def _plainly_yearly(minimum: Decimal, currency: str | None) -> bool:
    """Whether an amount with no period is plainly a yearly salary: no hourly, weekly or
    monthly pay in its currency comes near it."""
    threshold = _YEARLY_FROM.get(currency or "")
    return threshold is not None and minimum >= threshold


def _width_findings(parsed: SalaryRange, normalised: str, applying: list[Rule],
                    field: str | None) -> list[Finding]:
    """A range wider than a rule allows (Ontario: $50,000 a year, where the pay is up to
    $200,000); an hourly, daily, weekly or monthly range is compared as a yearly one."""
    from jdwizard.checks.salary import format_amount

    per_year = _PER_YEAR.get(parsed.period or "")
    if per_year is None:
        return []
    findings = []
    width = parsed.maximum - parsed.minimum
    yearly_width, yearly_top = width * per_year, parsed.maximum * per_year
    for rule in applying:
        if (rule.max_width is None or yearly_width <= rule.max_width
                or (rule.max_width_up_to is not None and yearly_top > rule.max_width_up_to)):
            continue
        up_to = (f" where the pay is up to {format_amount(rule.max_width_up_to)} a year"
                 if rule.max_width_up_to is not None else "")
        wide = f"{format_amount(width)} wide"
        if per_year != 1:
            wide += (f" per {parsed.period}, about {format_amount(yearly_width)} a year"
                     f" over {_YEAR_BASIS[parsed.period or '']}")
        findings.append(Finding(
            "pay-range-wide", Severity.WARNING, field,
            f"The range {normalised} is {wide}; {rule.name} allows at most "
            f"{format_amount(rule.max_width)} a year{up_to}.",
            f"Narrow the range. Source: {rule.source}. {NOT_LEGAL_ADVICE}"))
    return findings


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
