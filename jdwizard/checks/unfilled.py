"""Unfilled: required answers left empty, and placeholders or template notes left in the text."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from jdwizard.checks.finding import Finding, Severity
from jdwizard.template.model import Template

# "{{" ... "}}" with no brace between; _placeholder_name reads the name, as
# r"\{\{\s*([^{}\n]{1,60}?)\s*\}\}" did (whose retries were quadratic on "{{" and spaces).
_PLACEHOLDER = re.compile(r"\{\{([^{}]*)\}\}")
# A [bracketed note]: not a Markdown link "[text](url)", a task box "[ ]"/"[x]", or an escaped "\[".
_NOTE = re.compile(r"(?<!\\)\[(?![ xX]\])([^\[\]\n]{2,120})\](?![(\[:])")


def _placeholder_name(inside: str) -> str | None:
    """The name between "{{" and "}}": up to 60 characters on one line, spaces around it
    dropped; a lone space when there are only spaces; None when it is not a placeholder."""
    name = inside.strip()
    if not name:  # only spaces: the last one that is not a line break, as the regex did
        name = inside.rstrip("\n")[-1:]
        return name or None
    return name if len(name) <= 60 and "\n" not in name else None


def check_required(template: Template, answers: Mapping[str, str]) -> list[Finding]:
    """An error for each required field without an answer."""
    from jdwizard.template.answers import missing_required

    return [
        Finding("unfilled", Severity.ERROR, field.name, f"{field.label} has no answer yet.",
                f"Answer: {field.question}")
        for field in missing_required(template, answers)
    ]


def check_leftovers(text: str, skip: Collection[str] = frozenset(), field: str | None = None,
                    notes: Severity = Severity.ERROR) -> list[Finding]:
    """An error for each `{{placeholder}}` still in `text`, and a finding of severity `notes`
    for each `[bracketed note]` (an error in a template's own text; in an answer or a plain
    post it may be ordinary brackets, "Engineer [Toronto]", so there it is a warning)."""
    findings = []
    for match in _PLACEHOLDER.finditer(text):
        name = _placeholder_name(match.group(1))
        if name is not None and name not in skip:
            findings.append(Finding("placeholder-left", Severity.ERROR, field,
                                    f"The placeholder {match.group(0)} is still in the text.",
                                    "Replace it with your own words.", match.start()))
    for match in _NOTE.finditer(text):
        findings.append(Finding("note-left", notes, field,
                                f"{match.group(0)} looks like a template note left in the text.",
                                "Replace it with your specifics (or ignore this if the "
                                "brackets are yours).", match.start()))
    return findings
