"""The check report as readable text, for `jdwizard check`."""

from __future__ import annotations

from jdwizard.checks.finding import Severity
from jdwizard.checks.gender import GenderCoding, describe
from jdwizard.checks.pay import NOT_LEGAL_ADVICE
from jdwizard.checks.post import MIN_READING_EASE, WORDS_RANGE, Report


def gender_line(gender: GenderCoding) -> str:
    """"masculine-coded (score -2): masculine lead ×2; feminine support"."""
    parts = [f"{kind} {describe(words)}" for kind, words in
             (("masculine", gender.masculine), ("feminine", gender.feminine)) if words]
    detail = f": {'; '.join(parts)}" if parts else ""
    return f"{gender.label} (score {gender.score:+d}){detail}"


def summary_lines(report: Report) -> list[str]:
    """The summary: counts, gender coding, length and readability, pay."""
    counts = report.counts
    readability = report.readability
    ease = "n/a" if readability.reading_ease is None else f"{readability.reading_ease:.0f}"
    per_sentence = ("n/a" if readability.words_per_sentence is None
                    else f"{readability.words_per_sentence:.1f}")
    lines = [
        f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
        f"{counts[Severity.INFO]} note(s)",
        f"Gender coding: {gender_line(report.gender)}",
    ]
    if report.template_gender is not None:
        lines.append(f"  the template's own text alone: {gender_line(report.template_gender)}")
    low, high = WORDS_RANGE
    lines += [
        f"Length: {readability.words} words (aim {low}–{high}) · reading ease {ease} "
        f"({MIN_READING_EASE:.0f}+ is plain English) · {per_sentence} words per sentence",
        f"Pay transparency: {report.pay.summary()}. {NOT_LEGAL_ADVICE}",
    ]
    return lines


def compact_summary(report: Report) -> list[str]:
    """A short summary for the review screen: counts, gender label, figures, pay verdict."""
    counts = report.counts
    readability = report.readability
    gender = f"{report.gender.label} ({report.gender.score:+d})"
    if report.template_gender is not None:
        template = report.template_gender
        gender += f"; template text alone: {template.label} ({template.score:+d})"
    ease = "n/a" if readability.reading_ease is None else f"{readability.reading_ease:.0f}"
    return [
        f"Checks: {counts[Severity.ERROR]} error(s) · {counts[Severity.WARNING]} warning(s) · "
        f"{counts[Severity.INFO]} note(s)",
        f"Gender coding: {gender}",
        f"{readability.words} words · reading ease {ease}",
        f"Pay: {report.pay.summary()} (guidance, not legal advice)",
    ]


def format_report(report: Report, name: str) -> str:
    """The whole report as text: summary, then each finding with what to do."""
    lines = [f"Checked {name}", *summary_lines(report), ""]
    for finding in report.findings:
        where = f" [{finding.field}]" if finding.field else ""
        lines.append(f"{finding.severity.upper():7} {finding.message}{where}")
        if finding.suggestion:
            lines.append(f"        → {finding.suggestion}")
    if not report.findings:
        lines.append("No findings.")
    return "\n".join(lines)
