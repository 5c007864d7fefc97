"""Gender-coded wording, scored the way the open-source gender-decoder does.

Word stems and rules: jdwizard/data/gender-coded-words.toml (Gaucher, Friesen & Kay 2011, via
Kat Matfield's gender-decoder, MIT licence). One difference, on purpose: an occurrence of a word
counts once however many stems of a list it matches (the reference counts "dominant" twice).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from jdwizard.checks.finding import data_file

# The reference tool's separators: these ASCII characters, whitespace, and any non-ASCII
# character (em dash, curly quotes, accented letters) split words.
_SEPARATORS = re.compile(r"[\s.,<>*?!\"\[\]@':;()/&]|[^\x00-\x7f]")


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
    lists = word_lists()
    words: list[str] = []
    for token in _SEPARATORS.split(text.lower()):
        if not token:
            continue
        if "-" in token and not token.startswith(lists.hyphenated):
            words.extend(part for part in token.split("-") if part)
        else:
            words.append(token)
    return words


def code(text: str) -> GenderCoding:
    """The gender coding of `text`."""
    lists = word_lists()
    masculine: Counter[str] = Counter()
    feminine: Counter[str] = Counter()
    for word in tokenise(text):
        if word in lists.exceptions:
            continue
        if word.startswith(lists.masculine):
            masculine[word] += 1
        if word.startswith(lists.feminine):
            feminine[word] += 1
    lowered = text.lower()
    places = [lowered.find(word) for word in (*masculine, *feminine)]
    first = min((place for place in places if place >= 0), default=None)
    return GenderCoding(dict(masculine), dict(feminine), first)


def describe(words: dict[str, int]) -> str:
    """"lead ×3, driven" style list of coded words, most frequent first."""
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{word} ×{count}" if count > 1 else word for word, count in ranked)
