"""Gender-coded wording, scored the way the open-source gender-decoder does, and adjusted.

Word stems and rules: jdwizard/data/gender-coded-words.toml (Gaucher, Friesen & Kay 2011, via
Kat Matfield's gender-decoder, MIT licence). One difference, on purpose: an occurrence of a word
counts once however many stems of a list it matches (the reference counts "dominant" twice).

`code` scores every match, as the reference does: a figure to compare with. `code_in_context`
adds `GenderCoding.adjusted`, which leaves out the matches that are not wording choices (see
checks/gender_context.py) and those the user dismissed; `gender_findings` rests on it.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from jdwizard.checks.finding import Finding, Severity, data_file
from jdwizard.checks.gender_context import Lines, Reason, base, in_address, is_name, sense_at

GENDER_SOURCE = "Gaucher, Friesen & Kay (2011); word lists from the open-source gender-decoder"
MAX_SHOWN = 6  # coded words shown in their sentences in a finding; the rest are counted
MAX_LEFT_OUT = 10  # words left out that a finding names
_CONTEXT_WORDS = 5  # words shown either side of a coded word
_BREAK = re.compile(r"[.!?;:,\n]")  # what ends a phrase: "competitive.\n\nPay" is not one

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
class Match:
    """One coded word in the text: `why` it is left out of the adjusted coding (None: it
    counts), and the business or technical `phrase` it is part of, when that is why."""

    word: str  # lower case, without Markdown emphasis
    coded: str  # "masculine" or "feminine"
    start: int  # where it starts in the text
    why: Reason | None = None
    phrase: str = ""


class _Scored:
    """The score and label of coded words counted in `masculine` and `feminine`."""

    masculine: dict[str, int]
    feminine: dict[str, int]

    @property
    def score(self) -> int:
        """Feminine occurrences minus masculine ones."""
        return sum(self.feminine.values()) - sum(self.masculine.values())

    @property
    def label(self) -> str:
        return label_for(self.score, any(self.masculine) or any(self.feminine))


@dataclass(frozen=True)
class Adjusted(_Scored):
    """The coded words that are wording choices, and every match with why it counts or not."""

    masculine: dict[str, int] = field(default_factory=dict)
    feminine: dict[str, int] = field(default_factory=dict)
    matches: tuple[Match, ...] = ()

    def left_out(self) -> list[tuple[Match, int]]:
        """The matches left out, one per word, reason and phrase, with how many there are."""
        counts: Counter[tuple[str, str, Reason, str]] = Counter()
        first: dict[tuple[str, str, Reason, str], Match] = {}
        for match in self.matches:
            if match.why is not None:
                key = (match.word, match.coded, match.why, match.phrase)
                counts[key] += 1
                first.setdefault(key, match)
        return [(first[key], count) for key, count in counts.items()]

    def to_json(self) -> dict[str, object]:
        return {"label": self.label, "score": self.score, "masculine": self.masculine,
                "feminine": self.feminine,
                "left_out": [{"word": match.word, "coded": match.coded, "why": str(match.why),
                              "phrase": match.phrase, "count": count}
                             for match, count in self.left_out()]}


@dataclass(frozen=True)
class GenderCoding(_Scored):
    """The coded words found (word -> occurrences) and the label they add up to, as the
    reference scores them; `adjusted` without the matches that are not wording choices."""

    masculine: dict[str, int] = field(default_factory=dict)
    feminine: dict[str, int] = field(default_factory=dict)
    first: int | None = None  # where the first coded word is in the text
    adjusted: Adjusted | None = None  # from `code_in_context`

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"label": self.label, "masculine": self.masculine,
                                   "feminine": self.feminine}
        if self.adjusted is not None:
            data["adjusted"] = self.adjusted.to_json()
        return data


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
    for _, start, word in _parts(lowered):
        yield start, word


def _parts(lowered: str) -> Iterator[tuple[int, int, str]]:
    """`_words`, each with where its run of characters starts ("data-driven": the "d")."""
    hyphenated = word_lists().hyphenated
    for run in _RUN.finditer(lowered):
        token = run.group()
        if "-" in token and not token.startswith(hyphenated):
            start = run.start()
            for part in token.split("-"):
                if part:
                    yield run.start(), start, part
                start += len(part) + 1
        else:
            yield run.start(), run.start(), token


def code(text: str) -> GenderCoding:
    """The gender coding of `text`; `first` is where its first coded word starts (in one pass:
    a search of the text for each coded word was quadratic on many different ones)."""
    lists = word_lists()
    masculine: Counter[str] = Counter()
    feminine: Counter[str] = Counter()
    first = None
    for start, word in _words(text.lower()):
        if _count(word, lists, masculine, feminine) and first is None:
            first = start
    return GenderCoding(dict(masculine), dict(feminine), first)


def _count(word: str, lists: WordLists, masculine: Counter[str],
           feminine: Counter[str]) -> bool:
    """Count `word` as the reference tool does (under each list whose stem it starts with,
    unless it is an exception); whether it is coded."""
    if word in lists.exceptions:
        return False
    coded = False
    if word.startswith(lists.masculine):
        masculine[word] += 1
        coded = True
    if word.startswith(lists.feminine):
        feminine[word] += 1
        coded = True
    return coded


def describe(words: dict[str, int]) -> str:
    """"lead ×3, driven" style list of coded words, most frequent first."""
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{word} ×{count}" if count > 1 else word for word, count in ranked)


def code_in_context(text: str, *, title: str = "", subject_words: Iterable[str] = (),
                    dismissed: Collection[str] = ()) -> GenderCoding:
    """`code(text)` with `adjusted`: the matches that are wording choices. Left out: words in
    links, on the title line (the first line, when short) and headings, on `Location:`-like
    lines, names, business or technical phrases, words of the job's own subject (coded words
    sharing a stem with a word of `title`, or of the title line when `title` is empty, or of
    `subject_words`), and the `dismissed` words ("support", or the key
    "gender-coded:support"; a dismissed word's forms go with it: "supports")."""
    lists = word_lists()
    lowered = text.lower()
    where = None if len(lowered) == len(text) else _origins(text)
    lines = Lines(text)
    if not title and lines.title is not None:
        title = text[lines.title[0] : lines.title[1]]
    subject = {stem for word in (*tokenise(title), *(w for s in subject_words
                                                      for w in tokenise(s)))
               for stem in _stems(word.strip("_~"), lists)}
    gone = {base(word) for word in _dismissed_words(dismissed)}
    masculine: Counter[str] = Counter()
    feminine: Counter[str] = Counter()
    first = None
    words: list[str] = []  # "" between two sentences, lines or clauses
    previous_end = 0
    found: list[tuple[int, str, str, int, int]] = []  # word index, word, coded, start, run
    for run, start, part in _parts(lowered):
        if _count(part, lists, masculine, feminine) and first is None:
            first = start
        word = part.strip("_~")
        if words and _BREAK.search(lowered, previous_end, start):  # a phrase never spans one
            words.append("")
        previous_end = start + len(part)
        words.append(word)
        if not word or word in lists.exceptions:
            continue
        at = start + len(part) - len(part.lstrip("_~"))
        for kind, stems in (("masculine", lists.masculine), ("feminine", lists.feminine)):
            if word.startswith(stems):
                at_text = at if where is None else where[at]
                run_text = run if where is None else where[run]
                found.append((len(words) - 1, word, kind, at_text, run_text))
    matches = tuple(Match(word, kind, start, *_why(text, lines, words, index, start, run,
                                                    subject, gone, lists))
                    for index, word, kind, start, run in found)
    adjusted = Adjusted(
        dict(Counter(m.word for m in matches if m.why is None and m.coded == "masculine")),
        dict(Counter(m.word for m in matches if m.why is None and m.coded == "feminine")),
        matches,
    )
    return GenderCoding(dict(masculine), dict(feminine), first, adjusted)


def _why(text: str, lines: Lines, words: list[str], index: int, start: int, run: int,
         subject: set[str], gone: set[str], lists: WordLists) -> tuple[Reason | None, str]:
    """Why the match at `start` (word `index` of `words`) is left out, and its phrase."""
    line = lines.at(start)
    if in_address(line, start):
        return Reason.LINK, ""
    if line.why is not None:
        return line.why, ""
    word = words[index]
    if phrase := sense_at(words, index):
        return Reason.SENSE, phrase
    if is_name(text, line.start, run, start):
        return Reason.NAME, ""
    if subject and not subject.isdisjoint(_stems(word, lists)):
        return Reason.SUBJECT, ""
    if word in gone or base(word) in gone:
        return Reason.DISMISSED, ""
    return None, ""


def _stems(word: str, lists: WordLists) -> set[str]:
    """The stems of both lists that `word` starts with."""
    return {stem for stem in (*lists.masculine, *lists.feminine) if word.startswith(stem)}


def _dismissed_words(dismissed: Collection[str]) -> Iterator[str]:
    """The words of `dismissed`: words, or keys "gender-coded:WORD" (other keys are not)."""
    for entry in dismissed:
        entry = entry.strip().lower()
        if entry.startswith("gender-coded:"):
            yield entry.partition(":")[2]
        elif ":" not in entry and entry:
            yield entry


def _origins(text: str) -> list[int]:
    """For each character of `text.lower()`, where it comes from in `text` (lower-casing a
    few characters makes two: "İ")."""
    origins: list[int] = []
    for at, character in enumerate(text):
        origins += [at] * len(character.lower())
    origins.append(len(text))
    return origins


def gender_findings(text: str, *, title: str = "", subject_words: Iterable[str] = (),
                    dismissed: Collection[str] = (),
                    field_name: str | None = None) -> tuple[GenderCoding, list[Finding]]:
    """The gender coding of a post (`code_in_context`) and the finding it makes: none when the
    adjusted coding is neutral or empty; a warning when it is strongly coded, else info."""
    coding = code_in_context(text, title=title, subject_words=subject_words,
                             dismissed=dismissed)
    adjusted = coding.adjusted
    assert adjusted is not None
    label = adjusted.label
    if label in ("empty", "neutral"):
        return coding, []
    masculine = "masculine" in label
    side = "masculine" if masculine else "feminine"
    other = "feminine" if masculine else "masculine"
    message = (f"The post reads {label} (score {adjusted.score:+d}): "
               f"{_shown(text, adjusted, side)}.")
    left = _left_out(adjusted)
    if left:
        message += f" Left out, as not wording choices: {left}."
    suggestion = (f"Swap some of these words for neutral ones, or balance them with "
                  f"{other}-coded ones.")
    if coding.label != label or coding.score != adjusted.score:
        suggestion += (f" Counting every match, as the gender-decoder does, it reads "
                       f"{coding.label} (score {coding.score:+d}).")
    severity = Severity.WARNING if label.startswith("strongly") else Severity.INFO
    return coding, [Finding("gender-coded", severity, field_name, message,
                            f"{suggestion} Source: {GENDER_SOURCE}.")]


def _shown(text: str, adjusted: Adjusted, side: str) -> str:
    """The coded words of `side`, most frequent first, each in its first sentence."""
    words = adjusted.masculine if side == "masculine" else adjusted.feminine
    ranked = sorted(words.items(), key=lambda item: (-item[1], item[0]))
    first: dict[str, int] = {}
    for match in adjusted.matches:
        if match.why is None and match.coded == side:
            first.setdefault(match.word, match.start)
    parts = []
    for word, count in ranked[:MAX_SHOWN]:
        times = f" ×{count}" if count > 1 else ""
        parts.append(f"“{word}”{times} in “{snippet(text, first[word], len(word))}”")
    if len(ranked) > MAX_SHOWN:
        rest = ranked[MAX_SHOWN:]
        parts.append(f"and {len(rest)} more ({describe(dict(rest))})")
    return "; ".join(parts)


def _left_out(adjusted: Adjusted) -> str:
    """"the job title: lead; a business or technical term: driven (event-driven)"."""
    by_reason: dict[Reason, list[str]] = {}
    entries = adjusted.left_out()
    for match, count in entries[:MAX_LEFT_OUT]:
        assert match.why is not None
        times = f" ×{count}" if count > 1 else ""
        where = f" (“{match.phrase}”)" if match.phrase else ""
        by_reason.setdefault(match.why, []).append(f"“{match.word}”{times}{where}")
    parts = [f"{why}: {', '.join(words)}" for why in Reason if (words := by_reason.get(why))]
    if len(entries) > MAX_LEFT_OUT:
        parts.append(f"and {len(entries) - MAX_LEFT_OUT} more")
    return "; ".join(parts)


def snippet(text: str, start: int, length: int) -> str:
    """A few words either side of `text[start : start + length]`, within its line and
    sentence, on one line and without Markdown marks; "…" where it was cut."""
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if line_start == 0 and start > 200:
        line_start = start - 200
    line_end = text.find("\n", start, start + length + 200)
    line_end = min(len(text), start + length + 200) if line_end == -1 else line_end
    before = _SENTENCE_BREAK.split(text[line_start:start])[-1].split()
    after_text = text[start + length : line_end]
    stop = _SENTENCE_STOP.search(after_text)
    after = (after_text[: stop.end()] if stop else after_text).split()
    head = " ".join(before[-_CONTEXT_WORDS:])
    tail = " ".join(after[:_CONTEXT_WORDS])
    word = text[start : start + length]
    glue_before = " " if before and text[start - 1 : start].isspace() else ""
    glue_after = " " if after and after_text[:1].isspace() else ""
    piece = f"{head}{glue_before}{word + glue_after if tail else word}{tail}"
    piece = _MARKS.sub("", piece).strip()
    return (("…" if len(before) > _CONTEXT_WORDS else "") + piece
            + ("…" if len(after) > _CONTEXT_WORDS else ""))


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)")
_MARKS = re.compile(r"^(?:#{1,6}\s+|[-*+•●▪]\s+|\d+[.)]\s+|>\s*)+|[*`]+|(?<!\w)_+|_+(?!\w)")
