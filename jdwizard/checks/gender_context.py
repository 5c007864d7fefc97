"""Where a gender-coded match stands in a post, and so whether it is a wording choice.

A match is not one, and the adjusted gender coding leaves it out, when it is in a link's
address, on the title line or a heading (checks/lines.py), on a `Location:`-like line, a name
(a capitalised word inside a sentence: "our Lead Engineer", "Leadville"), or part of a business
or technical phrase (jdwizard/data/gender-senses.toml: "event-driven", "IT support").
Pure, and linear in the text: each line is read once, when the first match on it is.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from jdwizard.checks.finding import data_file
from jdwizard.checks.lines import Kind, read_line


class Reason(StrEnum):
    """Why a coded match is left out of the adjusted coding."""

    LINK = "a link"
    TITLE = "the job title"
    SUBJECT = "the job's own subject"
    HEADING = "a heading"
    NAME = "a name or place"
    SENSE = "a business or technical term"
    DISMISSED = "dismissed"


MAX_TITLE_WORDS = 12  # a first line longer than this is prose, not a title
_SKIP_BACK = frozenset(" \t*_#>+-–—•●▪✓➤\"'“‘«([`~")  # marks between a sentence's start and a word
_SENTENCE_START = frozenset(".!?:|")
_PLACE_KEYS = ("location", "based in", "office", "city", "place of work", "where",
               "address", "region", "country", "workplace", "site")
_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    why: Reason | None  # every match on it is left out, and why
    addresses: tuple[tuple[int, int], ...]  # link and URL spans, in the text's positions


class Lines:
    """The lines of `text`, read as matches reach them (in order of position)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.title = title_span(text)
        self._line = _Line(-1, -1, None, ())

    def at(self, position: int) -> _Line:
        line = self._line
        if not line.start <= position <= line.end:
            line = self._line = self._read(position)
        return line

    def _read(self, position: int) -> _Line:
        text = self.text
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        raw = text[start:end]
        line = read_line(raw)
        why = None
        if self.title is not None and start == self.title[0]:
            why = Reason.TITLE
        elif line.kind is Kind.HEADING:
            why = Reason.HEADING
        elif line.kind is Kind.LABEL and _is_place_key(raw):
            why = Reason.NAME
        return _Line(start, end, why, _addresses(raw, start))


def title_span(text: str) -> tuple[int, int] | None:
    """Where the post's title line is: its first line with words, when that is short and has no
    full stop at its end (an ATX heading of any length)."""
    first = len(text) - len(text.lstrip())
    if first == len(text):
        return None
    start = text.rfind("\n", 0, first) + 1
    end = text.find("\n", first)
    end = len(text) if end == -1 else end
    line = text[start:end]
    if read_line(line).kind is Kind.HEADING and line.lstrip().startswith("#"):
        return start, end
    if len(line.split()) <= MAX_TITLE_WORDS and not line.rstrip().endswith((".", "!", "?")):
        return start, end
    return None


def _is_place_key(line: str) -> bool:
    key = line.split(":", 1)[0].strip(" *_>").lower()
    return any(word in key for word in _PLACE_KEYS)


def _addresses(line: str, offset: int) -> tuple[tuple[int, int], ...]:
    """The spans of `line` (moved by `offset`) that are a link's address, a URL or an e-mail
    address: a link's text is the post's own words, its address is not."""
    if not any(mark in line for mark in ("://", "www.", "@", "](")):
        return ()
    spans = []
    for chunk in _CHUNK.finditer(line):
        word = chunk.group()
        if "](" in word:
            at = word.find("](")
            while at != -1:
                close = word.find(")", at)
                close = len(word) if close == -1 else close
                spans.append((offset + chunk.start() + at, offset + chunk.start() + close))
                at = word.find("](", close)
        elif "://" in word or word.lstrip("<(").startswith("www.") or (
                "@" in word and "." in word[word.find("@"):]):
            spans.append((offset + chunk.start(), offset + chunk.end()))
    return tuple(spans)


def in_address(line: _Line, position: int) -> bool:
    """Whether `position` is in one of the line's addresses (spans in order, apart)."""
    at = bisect.bisect_right(line.addresses, position, key=lambda span: span[0])
    return at > 0 and position < line.addresses[at - 1][1]


def is_name(text: str, line_start: int, run_start: int, start: int) -> bool:
    """Whether the word at `start` (of the run at `run_start`: "Data-Driven") is a name: a
    capital inside a sentence, the word not all in capitals (that is emphasis or an acronym)."""
    if not text[start].isupper():
        return False
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    if text[start:end].isupper() and end - start > 1:
        return False
    at = run_start - 1
    while at >= line_start and text[at] in _SKIP_BACK:
        at -= 1
    return at >= line_start and text[at] not in _SENTENCE_START and not (
        text[at].isdigit() and _list_number(text, line_start, at))


def _list_number(text: str, line_start: int, at: int) -> bool:
    """Whether the digit at `at` is a list item's number at the start of its line ("2) ")."""
    while at >= line_start and text[at].isdigit():
        at -= 1
    while at >= line_start and text[at] in " \t":
        at -= 1
    return at < line_start


_Sense = tuple[int, tuple[str, ...], str]  # where the word is in the phrase, its words, it


@cache
def senses() -> dict[str, tuple[_Sense, ...]]:
    """The phrases of gender-senses.toml, by each of their words."""
    data = tomllib.loads(data_file("gender-senses.toml").read_text(encoding="utf-8"))
    index: dict[str, list[_Sense]] = {}
    for phrase in data["phrases"]:
        words = tuple(phrase.lower().replace("-", " ").split())
        for place, word in enumerate(words):
            index.setdefault(word, []).append((place, words, phrase))
    return {word: tuple(entries) for word, entries in index.items()}


def sense_at(words: list[str], index: int) -> str | None:
    """The phrase of gender-senses.toml that `words[index]` is part of, as the file spells it."""
    for place, phrase, spelled in senses().get(words[index], ()):
        first = index - place
        if first >= 0 and tuple(words[first : first + len(phrase)]) == phrase:
            return spelled
    return None


def base(word: str) -> str:
    """`word` without a plural or verb ending, to match its forms ("supports" -> "support")."""
    for ending in ("ing", "ers", "er", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word
