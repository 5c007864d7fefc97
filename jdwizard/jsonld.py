"""A post as a schema.org JobPosting in JSON-LD, for Google for Jobs and the job boards that read
it: `jdwizard render --format jsonld`, Copy and Save as JSON-LD, and the `.jsonld` a save keeps
true.

Only what the answers state goes in, read by the same code the checks use (the place resolver,
the salary parser, the deadline reader); what cannot be derived is left out and named, so the
user can add it. The properties follow Google's list of required and recommended ones
(developers.google.com/search/docs/appearance/structured-data/job-posting): title, description,
datePosted, hiringOrganization, jobLocation (or, for a remote role, jobLocationType TELECOMMUTE
with applicantLocationRequirements), validThrough, employmentType and baseSalary. `identifier`
and `directApply` belong to the site that publishes the post, so they are not asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from jdwizard.checks.salary import SalaryError, SalaryRange, parse_salary
from jdwizard.deadline import read_deadline
from jdwizard.export import export, to_html, to_plain_text
from jdwizard.place import Place, eu_members, region_name, resolve
from jdwizard.safe_text import for_document
from jdwizard.template.defaults import effective_answer
from jdwizard.template.model import Template
from jdwizard.template.roles import Role

CONTEXT = "https://schema.org/"
# Google's employment types and the words that name them ("Full-time", "Part time",
# "Contractor", "Internship"), in Google's order.
_EMPLOYMENT = (
    ("FULL_TIME", re.compile(r"\bfull[\s-]*time\b|\bpermanent\b", re.IGNORECASE)),
    ("PART_TIME", re.compile(r"\bpart[\s-]*time\b", re.IGNORECASE)),
    ("CONTRACTOR", re.compile(r"\bcontract(?:or|ing)?\b|\bfreelance", re.IGNORECASE)),
    ("TEMPORARY", re.compile(r"\btemp(?:orary)?\b|\bfixed[\s-]*term\b|\bseasonal\b",
                             re.IGNORECASE)),
    ("INTERN", re.compile(r"\bintern(?:ship)?s?\b", re.IGNORECASE)),
    ("VOLUNTEER", re.compile(r"\bvolunteer", re.IGNORECASE)),
    ("PER_DIEM", re.compile(r"\bper[\s-]*diem\b", re.IGNORECASE)),
)
_UNITS = {"hour": "HOUR", "day": "DAY", "week": "WEEK", "month": "MONTH", "year": "YEAR"}
_REMOTE = re.compile(r"(?<!\bno )(?<!\bnot )\b(?:remote|work from home|wfh|telecommut\w*)\b",
                     re.IGNORECASE)
_OFFICE = re.compile(r"\b(?:hybrid|on[\s-]?site|in[\s-]office|office)\b", re.IGNORECASE)
# A bare "$" is the dollar of the country the role is in, when it is not the US one.
_DOLLAR_COUNTRIES = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD",
                     "MX": "MXN"}
_EXPLICIT_USD = re.compile(r"usd|us\$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?", re.IGNORECASE)


def job_posting(template: Template, answers: Mapping[str, str], document: str,
                posted: date | None, today: date) -> tuple[dict[str, Any], list[str]]:
    """The JobPosting of the post `document` (Markdown) made from `answers`, and the required
    or recommended properties that could not be derived from them (left out)."""
    missing: list[str] = []
    posting: dict[str, Any] = {"@context": CONTEXT, "@type": "JobPosting"}

    def value(role: Role) -> str:  # as the document has it: no control characters
        return for_document(role_answer(template, answers, role)).strip()

    title = heading(document) or value(Role.JOB_TITLE)
    _put(posting, missing, "title", title or None)
    posting["description"] = to_html(document)
    posting["datePosted"] = (posted or today).isoformat()
    deadline = read_deadline(value(Role.DEADLINE), today)
    if deadline is None or not deadline.ongoing:  # ongoing: no date is the truth
        day = deadline.day if deadline is not None and deadline.problem is None else None
        _put(posting, missing, "validThrough", day.isoformat() if day else None)
    _put(posting, missing, "employmentType", employment_type(value(Role.EMPLOYMENT_TYPE)))
    company = value(Role.COMPANY_NAME)
    if company:
        organization: dict[str, Any] = {"@type": "Organization", "name": company}
        _put(organization, missing, "sameAs", website(value(Role.COMPANY_WEBSITE)),
             "hiringOrganization.")
        posting["hiringOrganization"] = organization
    else:
        missing.append("hiringOrganization")
    places = resolve(value(Role.LOCATION))
    _locations(posting, missing, places, value(Role.WORK_TYPE))
    countries = {place.country for place in places if place.country}
    _salary(posting, missing, value(Role.SALARY), countries)
    return posting, missing


def role_answer(template: Template, answers: Mapping[str, str], role: Role) -> str:
    """The answer the post shows for the field playing `role`: the user's, else its default
    filled in ("" when the template has no such field)."""
    field = template.field_for(role)
    return effective_answer(template, field, answers) if field is not None else ""


def heading(document: str) -> str:
    """The text of the document's H1 title line ("" when it has none)."""
    for line in document.splitlines():
        if line.startswith("# "):
            return to_plain_text(line).strip()
    return ""


def employment_type(text: str) -> str | list[str] | None:
    """FULL_TIME, PART_TIME, ... for the employment type as typed (several when it names
    several; OTHER when it names none Google knows); None when it is blank."""
    if not text.strip():
        return None
    found = [name for name, pattern in _EMPLOYMENT if pattern.search(text)]
    if not found:
        return "OTHER"
    return found[0] if len(found) == 1 else found


def website(text: str) -> str | None:
    """The company's website as a URL ("acme.example" is https://acme.example); None when the
    answer is not one."""
    text = text.strip()
    if _URL.fullmatch(text):
        return text
    if _DOMAIN.fullmatch(text):
        return f"https://{text}"
    return None


def script_block(posting: Mapping[str, Any]) -> str:
    """The JSON-LD as a `<script type="application/ld+json">` element for an HTML page; `</`
    and `<!--` are escaped so that no text in it can end the script."""
    text = to_json(posting).rstrip("\n").replace("</", "<\\/").replace("<!--", "\\u003c!--")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def to_json(posting: Mapping[str, Any]) -> str:
    """The JSON-LD document: JSON, indented by two spaces, ending with a new line."""
    return json.dumps(posting, ensure_ascii=False, indent=2) + "\n"


def _put(target: dict[str, Any], missing: list[str], key: str, value: object,
         prefix: str = "") -> None:
    """Set `key` to `value`, or note it as missing when there is none."""
    if value is None:
        missing.append(prefix + key)
    else:
        target[key] = value


def _locations(posting: dict[str, Any], missing: list[str], places: list[Place],
               work_type: str) -> None:
    """jobLocation (the offices), and for a role that may be done remotely jobLocationType
    TELECOMMUTE with applicantLocationRequirements (where applicants may live)."""
    remote_only = bool(_REMOTE.search(work_type)) and not _OFFICE.search(work_type)
    offices = [] if remote_only else [place for place in places if not place.remote]
    applicants = places if remote_only else [place for place in places if place.remote]
    addresses = [address for address in map(_address, offices) if address]
    if addresses:
        located = [{"@type": "Place", "address": address} for address in addresses]
        posting["jobLocation"] = located[0] if len(located) == 1 else located
    telecommute = remote_only or bool(_REMOTE.search(work_type)) or any(
        place.remote for place in places)
    if not telecommute:
        if not addresses:
            missing.append("jobLocation")
        return
    posting["jobLocationType"] = "TELECOMMUTE"
    areas = _areas(applicants)
    _put(posting, missing, "applicantLocationRequirements",
         (areas[0] if len(areas) == 1 else areas) if areas else None)


def _address(place: Place) -> dict[str, str] | None:
    """A PostalAddress of the place (None for one naming no city, region or single country)."""
    address = {"@type": "PostalAddress"}
    if place.city:
        address["addressLocality"] = place.city
    if place.region:
        address["addressRegion"] = place.region.split("-", 1)[1]
    if place.country and place.country != "EU":
        address["addressCountry"] = place.country
    return address if len(address) > 1 else None


def _areas(places: list[Place]) -> list[dict[str, str]]:
    """The countries and states applicants may be in; a state is left out when its whole
    country is named too, and the EU is its member states."""
    countries: list[str] = []
    states: list[str] = []
    for place in places:
        if place.region:
            states.append(place.region)
        elif place.country == "EU":
            countries.extend(sorted(eu_members()))
        elif place.country:
            countries.append(place.country)
    countries = list(dict.fromkeys(countries))
    areas = [{"@type": "Country", "name": country} for country in countries]
    for state in dict.fromkeys(states):
        if state.split("-", 1)[0] not in countries:
            areas.append({"@type": "State", "name": region_name(state) or state})
    return areas


def _salary(posting: dict[str, Any], missing: list[str], text: str,
            countries: set[str]) -> None:
    """baseSalary, a MonetaryAmount, when the salary reads with a currency."""
    try:
        salary = parse_salary(text) if text else None
    except SalaryError:
        salary = None
    currency = _currency(salary, text, countries) if salary else None
    if salary is None or currency is None:
        missing.append("baseSalary")
        return
    amount: dict[str, Any] = {"@type": "QuantitativeValue"}
    if salary.minimum == salary.maximum:
        amount["value"] = _number(salary.minimum)
    else:
        amount["minValue"], amount["maxValue"] = _number(salary.minimum), _number(salary.maximum)
    _put(amount, missing, "unitText", _UNITS.get(salary.period or ""), "baseSalary.value.")
    posting["baseSalary"] = {"@type": "MonetaryAmount", "currency": currency, "value": amount}


def _currency(salary: SalaryRange, text: str, countries: set[str]) -> str | None:
    """The salary's currency; a bare "$" for a role in one dollar country other than the US is
    that country's dollar."""
    if salary.currency == "USD" and not _EXPLICIT_USD.search(text) and len(countries) == 1:
        return _DOLLAR_COUNTRIES.get(next(iter(countries)), "USD")
    return salary.currency


def _number(amount: Decimal) -> int | float:
    """A Decimal amount as a JSON number: whole amounts as integers."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def in_format(format_name: str, template: Template, answers: Mapping[str, str], document: str,
              posted: date | None, today: date) -> str:
    """The post in any of export.FORMATS: JSON-LD from the answers, the others from the
    document alone (`export.export`)."""
    if format_name == "jsonld":
        return to_json(job_posting(template, answers, document, posted, today)[0])
    return export(document, format_name)
