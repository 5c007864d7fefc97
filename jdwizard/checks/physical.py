"""Ableist verbs: a body movement or a sense the post asks for ("must be able to lift 25 kg"),
from the US Department of Labor's list in jdwizard/data/ableist-terms.toml, found only where the
sentence asks for the physical act, never as a metaphor ("run the team", "walk us through").

Read word by word, one sentence (or line) at a time, in time linear in the text."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

from jdwizard.checks.finding import Finding, Severity, data_file

# A number ("7.5"), a word ("can't", "hands-on"), a comma, or what ends a sentence or a line.
_TOKEN = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+(?:['’-][^\W\d_]+)*)|(?P<comma>[,/&])"
    r"|(?P<stop>[.!?;:\n•●▪])"
)
_JOINERS = frozenset({",", "/", "&", "and", "or"})
WINDOW = 8  # how many words after a verb its measure may be


@dataclass(frozen=True)
class Verb:
    verb: str
    instead: tuple[str, ...]
    body: bool  # a demand on the body (the accommodation-missing check)
    needs_measure: bool  # asked only with a measure too ("run" is mostly a metaphor)
    not_before: tuple[tuple[str, ...], ...]
    objects: frozenset[str]


@dataclass(frozen=True)
class Rules:
    forms: dict[str, Verb]
    cues: frozenset[tuple[str, ...]]
    between: frozenset[str]
    units: frozenset[str]
    measures: tuple[tuple[str, ...], ...]
    source: str


@dataclass(frozen=True)
class Asked:
    """A verb the post asks for, where it is and as it is written."""

    verb: Verb
    form: str
    start: int


@cache
def rules() -> Rules:
    """The verbs and their context words, from ableist-terms.toml."""
    data = tomllib.loads(data_file("ableist-terms.toml").read_text(encoding="utf-8"))
    context = data["context"]
    forms: dict[str, Verb] = {}
    for item in data["verbs"]:
        verb = Verb(item["verb"], tuple(item["instead"]), item.get("body", False),
                    item.get("needs_measure", False),
                    tuple(tuple(words.split()) for words in item.get("not_before", [])),
                    frozenset(item.get("objects", [])))
        forms.update(dict.fromkeys(item["forms"], verb))
    return Rules(forms, frozenset(tuple(cue.split()) for cue in context["cues"]),
                 frozenset(context["between"]), frozenset(context["units"]),
                 tuple(tuple(words.split()) for words in context["measures"]), data["source"])


def _sentences(text: str) -> list[list[tuple[str, int]]]:
    """The lower-cased words, numbers and commas of each sentence, with where each starts."""
    sentences: list[list[tuple[str, int]]] = [[]]
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "stop":
            if sentences[-1]:
                sentences.append([])
        else:
            sentences[-1].append((match.group().lower(), match.start()))
    return sentences


def _starts_with(words: list[str], at: int, phrase: tuple[str, ...]) -> bool:
    return tuple(words[at : at + len(phrase)]) == phrase


def _measured(words: list[str], at: int, found: Rules) -> bool:
    """Whether a measure of the body's work follows the verb at `at` ("up to 25 kg")."""
    end = min(len(words), at + 1 + WINDOW)
    for index in range(at + 1, end):
        word = words[index]
        if word[0].isdigit() and index + 1 < len(words) and words[index + 1] in found.units:
            return True
        if any(_starts_with(words, index, phrase) for phrase in found.measures
               if phrase[0] == word):
            return True
    return False


def _cued(words: list[str], at: int, found: Rules, asked: set[int]) -> bool:
    """Whether a requirement comes before the verb at `at`, or it is listed with one that
    does ("able to stand, walk and lift")."""
    index = at - 1
    while index >= 0 and words[index] in found.between:
        index -= 1
    if index < 0:
        return False
    if (words[index],) in found.cues or tuple(words[max(0, index - 1) : index + 1]) in found.cues:
        return True
    joined = index
    while joined >= 0 and words[joined] in _JOINERS:
        joined -= 1
    return joined < index and joined in asked


@lru_cache(maxsize=4)  # a draft's document is read by check_terms and by the reviewer checks
def asked_verbs(text: str) -> tuple[Asked, ...]:
    """Each ableist verb the post asks for as a physical act, in order."""
    found = rules()
    result = []
    for sentence in _sentences(text):
        words = [word for word, _ in sentence]
        asked: set[int] = set()
        for at, word in enumerate(words):
            verb = found.forms.get(word)
            if verb is None:
                continue
            if any(_starts_with(words, at + 1, phrase) for phrase in verb.not_before):
                continue
            if verb.objects and not verb.objects.intersection(words[at + 1 : at + 4]):
                continue
            cued = _cued(words, at, found, asked)
            measured = _measured(words, at, found)
            if (cued and measured) if verb.needs_measure else (cued or measured):
                asked.add(at)
                result.append(Asked(verb, sentence[at][0], sentence[at][1]))
    return tuple(result)


def check_verbs(text: str, field: str | None) -> list[Finding]:
    """One finding per ableist verb the post asks for (with how often)."""
    found = rules()
    groups: dict[str, list[Asked]] = {}
    for item in asked_verbs(text):
        groups.setdefault(item.verb.verb, []).append(item)
    findings = []
    for verb, items in groups.items():
        times = f" ({len(items)}×)" if len(items) > 1 else ""
        instead = ", ".join(f"'{word}'" for word in items[0].verb.instead)
        findings.append(Finding(
            id=f"term:{verb}",
            severity=Severity.INFO,
            field=field,
            message=f'"{items[0].form}"{times}: asks for a body movement or a sense, which can '
                    "turn away disabled people who would do the task another way.",
            suggestion=f"Instead: name the task, e.g. {instead}; if the act itself is "
                       f"essential, keep it and say you offer reasonable accommodations. "
                       f"Source: {found.source}.",
            start=items[0].start,
        ))
    return findings
