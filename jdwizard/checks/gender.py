"""Gender-coded wording, scored the way the open-source gender-decoder does.

Word stems and rules: jdwizard/data/gender-coded-words.toml (Gaucher, Friesen & Kay 2011, via
Kat Matfield's gender-decoder, MIT licence). One difference, on purpose: an occurrence of a word
counts once however many stems of a list it matches (the reference counts "dominant" twice).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from jdwizard.checks.finding import data_file

# The reference tool's separators: these ASCII characters, whitespace, and any non-ASCII
# character (em dash, curly quotes, accented letters) split words.
_SEPARATORS = re.compile(r"[\s.,<>*?!\"\[\]@':;()/&]|[^\x00-\x7f]")
_RUN = re.compile(r"[^\s.,<>*?!\"\[\]@':;()/&\x80-\U0010ffff]+")  # what lies between them


@dataclass(frozen=True)
class WordLists:
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    hyphenated: tuple[str, ...]
    exceptions: frozenset[str]


@dataclass(frozen=True)
class GenderCoding:
    """The coded words found (word -> occurrences) and the label they add up to."""

    masculine: dict[str, int] = field(default_factory=dict)
    feminine: dict[str, int] = field(default_factory=dict)
    first: int | None = None  # where the first coded word is in the text

    @property
    def score(self) -> int:
        """Feminine occurrences minus masculine ones."""
        return sum(self.feminine.values()) - sum(self.masculine.values())

    @property
    def label(self) -> str:
        return label_for(self.score, any(self.masculine) or any(self.feminine))

    def to_json(self) -> dict[str, object]:
        return {"label": self.label, "masculine": self.masculine, "feminine": self.feminine}


def label_for(score: int, any_coded: bool) -> str:
    """The reference tool's label for a score."""
    if score == 0:
        return "neutral" if any_coded else "empty"
    if score > 3:
        return "strongly feminine-coded"
    if score > 0:
        return "feminine-coded"
    if score < -3:
        return "strongly masculine-coded"
    return "masculine-coded"


@cache
def word_lists() -> WordLists:
    """The shipped stem lists."""
    data = tomllib.loads(data_file("gender-coded-words.toml").read_text(encoding="utf-8"))
    return WordLists(
        masculine=tuple(data["masculine"]),
        feminine=tuple(data["feminine"]),
        hyphenated=tuple(data["hyphenated"]),
        exceptions=frozenset(data["exceptions"]),
    )


def tokenise(text: str) -> list[str]:
    """Lower-cased words as the reference tool splits them; hyphenated words are split into
    their parts unless they start with a hyphenated stem ("co-operative" stays whole)."""
    return [word for _, word in _words(text.lower())]


def _words(lowered: str) -> Iterator[tuple[int, str]]:
    """`tokenise`'s words of lower-cased text, each with where it starts."""
    hyphenated = word_lists().hyphenated
    for run in _RUN.finditer(lowered):
        token = run.group()
        if "-" in token and not token.startswith(hyphenated):
            start = run.start()
            for part in token.split("-"):
                if part:
                    yield start, part
                start += len(part) + 1
        else:
            yield run.start(), token


def code(text: str) -> GenderCoding:
    """The gender coding of `text`; `first` is where its first coded word starts (in one pass:
    a search of the text for each coded word was quadratic on many different ones)."""
    lists = word_lists()
    masculine: Counter[str] = Counter()
    feminine: Counter[str] = Counter()
    first = None
    for start, word in _words(text.lower()):
        if word in lists.exceptions:
            continue
        coded = False
        if word.startswith(lists.masculine):
            masculine[word] += 1
            coded = True
        if word.startswith(lists.feminine):
            feminine[word] += 1
            coded = True
        if coded and first is None:
            first = start
    return GenderCoding(dict(masculine), dict(feminine), first)


def describe(words: dict[str, int]) -> str:
    """"lead ×3, driven" style list of coded words, most frequent first."""
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{word} ×{count}" if count > 1 else word for word, count in ranked)
