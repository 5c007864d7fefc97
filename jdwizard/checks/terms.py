"""Exclusionary, age-coded, pressure-culture, crude and jargon wording, from the editable list in
jdwizard/data/inclusive-terms.toml, and the ableist verbs a post asks for (physical.py)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from jdwizard.checks.finding import Finding, Severity, data_file
from jdwizard.checks.physical import check_verbs

_LETTERS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_ID_GAPS = re.compile(r"[\s,;]+")  # "work hard, play hard" -> term:work-hard-play-hard
_CONTEXT = 60  # characters read on either side of a match for its neighbouring words


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    severity: Severity
    why: str
    instead: str
    source: str
    pattern: re.Pattern[str]
    unless_next: frozenset[str] = frozenset()  # "young team": not when one of the next 3 words
    unless_previous: frozenset[str] = frozenset()  # "with young people": not when the word
    unless_following: frozenset[str] = frozenset()  # before and the word after are these
    needles: frozenset[str] = frozenset()  # a text whose casefold holds none cannot match

    def excused(self, text: str, start: int, end: int) -> bool:
        """Whether the words around text[start:end] make it no finding ("a young team")."""
        if not (self.unless_next or self.unless_previous):
            return False
        after = [w.lower() for w in _WORD.findall(text, end, end + _CONTEXT)[:3]]
        if self.unless_next.intersection(after):
            return True
        before = _WORD.findall(text, max(0, start - _CONTEXT), start)[-1:]
        return (bool(before) and bool(after) and before[0].lower() in self.unless_previous
                and after[0] in self.unless_following)


def _alternatives(words: tuple[str, ...]) -> str:
    """The words as one alternation, longest first; spaces match any run of spaces, and a "/"
    may have spaces around it ("he / she")."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("/", r"\s*/\s*")
                    for w in ordered)


def _needles(words: tuple[str, ...]) -> frozenset[str]:
    """The longest run of letters of each word ("(s)he" -> "he", "f*ck" -> "ck")."""
    return frozenset(max(_LETTERS.findall(word.casefold()), key=len) for word in words)


@cache
def terms() -> tuple[Term, ...]:
    """The shipped term list, each with a compiled whole-word pattern."""
    data = tomllib.loads(data_file("inclusive-terms.toml").read_text(encoding="utf-8"))
    found = []
    for item in data["terms"]:
        words = tuple(item["match"])
        alternatives = _alternatives(words)
        if item.get("lowercase_only", False):
            # "he", "young": lower case, or capitalised at the start of a sentence only, so that
            # "Ernst & Young", "Hims & Hers" and "the HE sector" are not flagged.
            capitalised = _alternatives(tuple(w.capitalize() for w in words))
            pattern = re.compile(
                rf"(?<![\w-])(?:{alternatives})(?![\w-])"
                rf"|(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=^-\s))(?:{capitalised})(?![\w-])",
                re.MULTILINE,
            )
        else:
            pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
        found.append(Term(words, Severity(item["severity"]), item["why"], item["instead"],
                          item["source"], pattern, frozenset(item.get("unless_next", [])),
                          frozenset(item.get("unless_previous", [])),
                          frozenset(item.get("unless_following", [])), _needles(words)))
    return tuple(found)


def check_terms(text: str, field: str | None) -> list[Finding]:
    """One finding per listed term used in `text` (with how often), then the ableist verbs.

    Where matches overlap, the longest one counts: "he/she" is one finding, not "he" and
    "she" too, and "young and dynamic" is not also "young"."""
    listed = terms()
    folded = text.casefold()
    matches = []
    for index, term in enumerate(listed):
        if not any(needle in folded for needle in term.needles):
            continue
        for match in term.pattern.finditer(text):
            if not term.excused(text, match.start(), match.end()):
                matches.append((match.start(), -match.end(), index, match.group(0)))
    matches.sort()
    counts: dict[tuple[int, str], int] = {}
    starts: dict[tuple[int, str], int] = {}
    taken = 0  # where the last match counted ends
    for start, negative_end, index, matched in matches:
        if start < taken:
            continue
        taken = -negative_end
        key = (index, " ".join(matched.lower().split()).replace(" / ", "/"))
        counts[key] = counts.get(key, 0) + 1
        starts.setdefault(key, start)
    findings = []
    for key in sorted(counts, key=lambda key: (key[0], starts[key])):
        index, word = key
        term = listed[index]
        count = counts[key]
        times = f" ({count}×)" if count > 1 else ""
        findings.append(Finding(
            id=f"term:{_ID_GAPS.sub('-', word)}",
            severity=term.severity,
            field=field,
            message=f'"{word}"{times}: {term.why}.',
            suggestion=f"Instead: {term.instead}. Source: {term.source}.",
            start=starts[key],
        ))
    return findings + check_verbs(text, field)
