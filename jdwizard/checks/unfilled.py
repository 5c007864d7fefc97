"""Unfilled: required answers left empty, and placeholders or template notes left in the text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from jdwizard.checks.finding import Finding
from jdwizard.template import Template

_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\n]{1,60}?)\s*\}\}")
# A [bracketed note]: not a Markdown link "[text](url)", a task box "[ ]"/"[x]", or an escaped "\[".
_NOTE = re.compile(r"(?<!\\)\[(?![ xX]\])([^\[\]\n]{2,120})\](?![(\[:])")


def check_required(template: Template, answers: Mapping[str, str]) -> list[Finding]:
    """An error for each required field without an answer."""
    from jdwizard.render import missing_required

    return [
        Finding("unfilled", "error", field.name, f"{field.label} has no answer yet.",
                f"Answer: {field.question}")
        for field in missing_required(template, answers)
    ]


def check_leftovers(text: str, skip: set[str] = frozenset(), field: str | None = None
                    ) -> list[Finding]:
    """An error for each `{{placeholder}}` or `[template note]` still in `text`."""
    findings = []
    for match in _PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in skip:
            findings.append(Finding("placeholder-left", "error", field,
                                    f"The placeholder {match.group(0)} is still in the text.",
                                    "Replace it with your own words."))
    for match in _NOTE.finditer(text):
        findings.append(Finding("note-left", "error", field,
                                f"The template note {match.group(0)} is still in the text.",
                                "Replace it with your specifics."))
    return findings
