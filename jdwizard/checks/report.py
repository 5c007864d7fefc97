"""The check report as readable text, for `jdwizard check`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from jdwizard.checks.finding import Finding, Severity
from jdwizard.checks.gender import Adjusted, GenderCoding, describe
from jdwizard.checks.pay import NOT_LEGAL_ADVICE
from jdwizard.checks.post import MIN_READING_EASE, WORDS_RANGE, Report

if TYPE_CHECKING:
    from jdwizard.checks.dismiss import Dismissal


MAX_CONTEXT = 200  # characters of a finding's sentence shown: a sentence, not a paragraph
_BREAK = re.compile(r"[.!?](?=\s)|\n")  # where a sentence ends (a line ends one too)
_MARKUP = re.compile(r"^(?:#{1,6}\s+|[-*+•●▪]\s+|\d+[.)]\s+|>\s*)+")


def sentence_at(text: str, start: int) -> str:
    """The sentence (or line) of `text` that `start` falls in, on one line, without its
    Markdown heading or bullet mark, cut to MAX_CONTEXT characters around `start`."""
    start = max(0, min(start, len(text)))
    begin = 0
    window_start = max(0, start - MAX_CONTEXT)  # bounded: never a scan of a whole long text
    for match in _BREAK.finditer(text, window_start, start):
        begin = match.end()
    begin = max(begin, window_start)
    end_match = _BREAK.search(text, start, start + MAX_CONTEXT)
    end = end_match.end() if end_match else min(len(text), start + MAX_CONTEXT)
    piece = _MARKUP.sub("", text[begin:end].strip())
    piece = " ".join(piece.split())
    if len(piece) > MAX_CONTEXT:
        piece = piece[:MAX_CONTEXT - 1] + "…"
    return piece


def with_context(findings: Iterable[Finding], text: str,
                 answers: Mapping[str, str] | None = None) -> list[Finding]:
    """The findings, each with the sentence it was found in where its check left `context`
    empty: at `start` in its answer (`answers[field]`), or in `text` (the whole post) for a
    finding of the whole text; a finding of an answer with no `start` gets the answer's first
    sentence; one of the whole post with no `start` (its length) none."""
    found = []
    for finding in findings:
        if not finding.context:
            source = text if finding.field is None else (answers or {}).get(finding.field, "")
            if finding.start is not None or (finding.field is not None and source.strip()):
                offset = finding.start or len(source) - len(source.lstrip())
                context = sentence_at(source, offset)
                if context:
                    finding = replace(finding, context=context)
        found.append(finding)
    return found


def gender_line(gender: GenderCoding) -> str:
    """"masculine-coded (score -2): masculine lead ×2; feminine support", from the adjusted
    figure (the wording choices) when there is one, the reference tool's added when it differs."""
    shown: GenderCoding | Adjusted = gender.adjusted or gender
    parts = [f"{kind} {describe(words)}" for kind, words in
             (("masculine", shown.masculine), ("feminine", shown.feminine)) if words]
    detail = f": {'; '.join(parts)}" if parts else ""
    return f"{shown.label} (score {shown.score:+d}){detail}{_reference(gender)}"


def _reference(gender: GenderCoding) -> str:
    """" [reference tool: masculine-coded (-3)]" where the adjusted figure differs from it."""
    adjusted = gender.adjusted
    if adjusted is None or (adjusted.label, adjusted.score) == (gender.label, gender.score):
        return ""
    return f" [reference tool: {gender.label} ({gender.score:+d})]"


def gender_figure(gender: GenderCoding) -> str:
    """"masculine-coded (-2)", adjusted when there is one (see gender_line)."""
    shown: GenderCoding | Adjusted = gender.adjusted or gender
    return f"{shown.label} ({shown.score:+d}){_reference(gender)}"


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
        f"Length: {readability.words} words (told under {low} or over {high}) · reading ease "
        f"{ease} (under {MIN_READING_EASE:.0f} is very difficult) · {per_sentence} words per "
        "sentence",
        f"Pay transparency: {report.pay.summary()}. {NOT_LEGAL_ADVICE}",
    ]
    return lines


def compact_summary(report: Report) -> list[str]:
    """A short summary for the review screen: counts, gender label, figures, pay verdict."""
    counts = report.counts
    readability = report.readability
    gender = gender_figure(report.gender)
    if report.template_gender is not None:
        gender += f"; template text alone: {gender_figure(report.template_gender)}"
    ease = "n/a" if readability.reading_ease is None else f"{readability.reading_ease:.0f}"
    return [
        f"Checks: {counts[Severity.ERROR]} error(s) · {counts[Severity.WARNING]} warning(s) · "
        f"{counts[Severity.INFO]} note(s)",
        f"Gender coding: {gender}",
        f"{readability.words} words · reading ease {ease}",
        f"Pay: {report.pay.summary()} (guidance, not legal advice)",
    ]


@dataclass
class Checked:
    """One file `check` was given: its report (its dismissed findings left out, and listed in
    `dismissed`), or why it was skipped, or the error that stopped it."""

    name: str  # the path as given, or "standard input"
    report: Report | None = None
    dismissed: list[Dismissal] = field(default_factory=list)
    skipped: str = ""
    error: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.error) or (self.report is not None and self.report.has_errors)

    def to_json(self, *, with_path: bool = True) -> dict[str, object]:
        """The report's JSON and what was dismissed (`with_path`: first the file's path)."""
        data: dict[str, object] = {"path": self.name} if with_path else {}
        if self.error:
            data["error"] = self.error
        elif self.report is None:
            data["skipped"] = self.skipped
        else:
            data.update(self.report.to_json())
            data["dismissed"] = [dismissal.to_json() for dismissal in self.dismissed]
        return data


def format_checked(checked: Checked) -> str:
    """A checked file as text: its report and a line per dismissed finding."""
    if checked.error:
        return f"{checked.name}: {checked.error}"
    if checked.report is None:
        return f"Skipped {checked.name}: {checked.skipped}."
    lines = [format_report(checked.report, checked.name)]
    if checked.dismissed:
        lines.append(f"Dismissed ({len(checked.dismissed)}):")
        lines += [f"        {dismissal.finding.key}: {dismissal.why}"
                  for dismissal in checked.dismissed]
    return "\n".join(lines)


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
