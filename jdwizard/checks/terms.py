"""Exclusionary wording and jargon, from the editable list in jdwizard/data/inclusive-terms.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from jdwizard.checks.finding import Finding, Severity, data_file


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    severity: Severity
    why: str
    instead: str
    source: str
    pattern: re.Pattern[str]


@cache
def terms() -> tuple[Term, ...]:
    """The shipped term list, each with a compiled whole-word pattern."""
    data = tomllib.loads(data_file("inclusive-terms.toml").read_text(encoding="utf-8"))
    found = []
    for item in data["terms"]:
        words = tuple(item["match"])
        alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        if item.get("lowercase_only", False):
            # "he", "young": lower case, or capitalised at the start of a sentence only, so that
            # "Ernst & Young", "Hims & Hers" and "the HE sector" are not flagged.
            capitalised = "|".join(re.escape(w.capitalize()) for w in words)
            pattern = re.compile(
                rf"(?<![\w-])(?:{alternatives})(?![\w-])"
                rf"|(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=^-\s))(?:{capitalised})(?![\w-])",
                re.MULTILINE,
            )
        else:
            pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        found.append(Term(words, Severity(item["severity"]), item["why"], item["instead"],
                          item["source"], pattern))
    return tuple(found)


def check_terms(text: str, field: str | None) -> list[Finding]:
    """One finding per listed term used in `text` (with how often)."""
    findings = []
    for term in terms():
        counts: dict[str, int] = {}
        starts: dict[str, int] = {}
        for match in term.pattern.finditer(text):
            word = " ".join(match.group(0).lower().split())
            counts[word] = counts.get(word, 0) + 1
            starts.setdefault(word, match.start())
        for word, count in counts.items():
            times = f" ({count}×)" if count > 1 else ""
            findings.append(Finding(
                id=f"term:{word.replace(' ', '-')}",
                severity=term.severity,
                field=field,
                message=f'"{word}"{times}: {term.why}.',
                suggestion=f"Instead: {term.instead}. Source: {term.source}.",
                start=starts[word],
            ))
    return findings
