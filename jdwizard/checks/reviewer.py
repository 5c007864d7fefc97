"""The checks people who review job posts run by hand: an equal-opportunity statement, a
reasonable-accommodation sentence where the job is physical, the length of the must-have list,
years of experience, a degree with no alternative, repeated paragraphs, empty sections and age
limits. Their words are in jdwizard/data/reviewer-checks.toml.

A post is read line by line (Markdown, or plain text such as jdwizard's own .txt export) into
headings, list items and paragraphs, in time linear in the text: the texts are untrusted."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from jdwizard.checks.finding import Finding, Severity, data_file
from jdwizard.checks.inline import heading_text
from jdwizard.checks.physical import asked_verbs

_BOLD_LINE = re.compile(r"\s*(\*\*|__)([^*_\n]+)\1\s*$")  # "**Requirements**" alone
_GLYPHS = "•●○◦‣▪▫■□▸▹►▶➤➢→✓✔·"
_ITEM = re.compile(rf"(\s*)(?:[-*+–—]\s+|[{_GLYPHS}]\s*|\d{{1,9}}[.)]\s+)")
_RULE = re.compile(r"\s*(?:[-*_=]\s*){2,}$")
_SETEXT = re.compile(r"\s*(?:=+|-+)\s*$")
_MARKS = re.compile(r"[*_`~#>]+")
_SENTENCE = re.compile(r"[^.!?;\n]+")  # a sentence, near enough to find two words in one
_WORD = re.compile(r"\d+|[^\W\d_]+(?:['’][^\W\d_]+)*|[^\w\s]")
MAX_HEADING_WORDS = 8
MAX_COLON_HEADING_WORDS = 6
MIN_REPEATED_WORDS = 8  # a shorter paragraph may repeat on purpose ("Full-time")
RANGE = ("-", "–", "—", "to", "or")
SHORT_DEGREES = ("bs", "ba", "ms", "ma")  # degrees only before "in" or beside a "/"
NUMBERS = {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
           "twenty": 20}
_NUMBER = re.compile(r"\d|" + "|".join(NUMBERS), re.IGNORECASE)  # a sentence that may ask years


class Kind(StrEnum):
    BLANK = "blank"  # nothing, a rule, or a bullet with nothing after it
    HEADING = "heading"
    ITEM = "item"
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    kind: Kind
    text: str  # a heading's or item's own text, without its marks
    start: int  # where the line starts in the post
    level: int = 0  # a heading's: "#" 1 ... bold 3, plain 2, "Label:" 7
    indent: int = 0  # an item's


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    """Any of `words` as whole words, any case, any spaces or a hyphen between them."""
    ordered = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Words:
    """The word lists of reviewer-checks.toml, ready to match."""

    data: dict[str, Any]
    eeo: re.Pattern[str]
    eeo_together: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]
    accommodation: tuple[re.Pattern[str], re.Pattern[str]]
    physical: re.Pattern[str]
    weight: re.Pattern[str]
    must_have: tuple[str, ...]
    must_have_words: re.Pattern[str]
    optional: re.Pattern[str]
    section_names: tuple[str, ...]
    degree_words: re.Pattern[str]  # a quick look for a sentence that may name a degree
    degree_optional: re.Pattern[str]
    degree_alternatives: re.Pattern[str]
    degree_cues: re.Pattern[str]
    age_reasons: re.Pattern[str]


@cache
def words() -> Words:
    """The word lists, loaded once."""
    data = tomllib.loads(data_file("reviewer-checks.toml").read_text(encoding="utf-8"))
    eeo, accommodation = data["eeo"], data["accommodation"]
    requirements, degree = data["requirements"], data["degree"]
    units = "|".join(re.escape(unit) for unit in accommodation["weights"])
    degrees = "|".join(re.escape(word) for word in [*degree["words"], *SHORT_DEGREES])
    return Words(
        data,
        _phrases(eeo["phrases"]),
        tuple((_phrases(pair["first"]), _phrases(pair["then"])) for pair in eeo["together"]),
        (_phrases(accommodation["first"]), _phrases(accommodation["then"])),
        _phrases(accommodation["physical"]),
        re.compile(rf"(?<![\w.,])\d{{1,4}}(?:[.,]\d{{1,3}})?\s?(?:{units})(?![\w-])",
                   re.IGNORECASE),
        tuple(requirements["starts"]),
        _phrases(requirements["holds"]),
        _phrases(requirements["optional"]),
        tuple(data["sections"]["names"]),
        re.compile(rf"\b(?:{degrees})\b", re.IGNORECASE),
        _phrases(degree["optional"]),
        _phrases(degree["alternatives"]),
        _phrases(degree["cues"]),
        _phrases(data["age_bar"]["reasons"]),
    )


def _name(heading: str) -> str:
    """A heading as its plain words: "## **What You’ll Need:**" -> "what you'll need"."""
    text = _MARKS.sub(" ", heading).replace("’", "'").lower()
    return " ".join(text.split()).strip(" :.-–—!?").lstrip("0123456789.) ")


def _plain_heading(text: str, alone: bool, found: Words) -> int | None:
    """The level of a plain-text heading line (see reviewer-checks.toml [sections]), or None:
    a short line that ends with ":", or one `alone` (after a blank line) that names a section
    or is in capitals."""
    stripped = text.strip()
    if len(stripped) > 60 or stripped[-1] in ".,;!?" or ":" in stripped[:-1]:
        return None  # a sentence, or a "Location: Denver" line
    count = len(stripped.split())
    if stripped.endswith(":"):
        return 7 if count <= MAX_COLON_HEADING_WORDS else None
    if count > MAX_HEADING_WORDS or not alone:
        return None
    name = _name(stripped)
    if name.startswith(found.section_names + found.must_have) or found.must_have_words.search(name):
        return 2
    letters = [c for c in stripped if c.isalpha()]
    return 2 if len(letters) > 1 and all(c.isupper() for c in letters) else None


def read_lines(text: str) -> list[Line]:
    """Each line of the post: a heading (with its level), a list item, text, or blank."""
    found = words()
    lines: list[Line] = []
    start = 0
    for raw in text.split("\n"):
        line_start, start = start, start + len(raw) + 1
        previous = lines[-1] if lines else None
        if not raw.strip():
            lines.append(Line(Kind.BLANK, "", line_start))
        elif previous is not None and previous.kind is Kind.TEXT and _SETEXT.match(raw):
            lines[-1] = Line(Kind.HEADING, previous.text, previous.start,
                             1 if "=" in raw else 2)
            lines.append(Line(Kind.BLANK, "", line_start))
        elif _RULE.match(raw):
            lines.append(Line(Kind.BLANK, "", line_start))
        elif (head := heading_text(raw)) is not None:
            hashes = raw.lstrip()
            level = len(hashes) - len(hashes.lstrip("#"))
            lines.append(Line(Kind.HEADING, head, line_start, level) if head.strip()
                         else Line(Kind.BLANK, "", line_start))
        elif bold := _BOLD_LINE.match(raw):
            lines.append(Line(Kind.HEADING, bold.group(2).strip(), line_start, 3))
        elif item := _ITEM.match(raw):
            rest = raw[item.end():]
            kind = Kind.ITEM if _MARKS.sub("", rest).strip() else Kind.BLANK
            lines.append(Line(kind, rest, line_start + item.end(),
                              indent=len(item.group(1).expandtabs(4))))
        elif (plain := _plain_heading(
                raw, previous is None or previous.kind is Kind.BLANK, found)) is not None:
            lines.append(Line(Kind.HEADING, raw.strip(), line_start, plain))
        else:
            lines.append(Line(Kind.TEXT, raw, line_start))
    return lines


def _is_must_have(heading: str, found: Words) -> bool:
    name = _name(heading)
    return bool((name.startswith(found.must_have) or found.must_have_words.search(name))
                and not found.optional.search(name))


@dataclass(frozen=True)
class Section:
    heading: Line
    lines: list[Line]  # up to the next heading of the same level or higher


def sections(lines: list[Line]) -> Iterator[Section]:
    """Each heading with the lines under it (sub-headings and their lines included), in the
    order the sections end."""
    open_headings: list[int] = []  # each heading not yet ended, its level above the last's
    for index, line in enumerate([*lines, Line(Kind.HEADING, "", 0, 0)]):
        if line.kind is not Kind.HEADING:
            continue
        while open_headings and lines[open_headings[-1]].level >= line.level:
            start = open_headings.pop()
            yield Section(lines[start], lines[start + 1 : index])
        open_headings.append(index)


def reviewer_findings(text: str) -> list[Finding]:
    """The reviewer checks' findings on a whole post (Markdown or plain text)."""
    if not text.strip():
        return []
    lines = read_lines(text)
    findings = _eeo(text)
    findings += _accommodation(text)
    findings += _requirements(lines)
    findings += _experience(lines)
    findings += _degree(text, lines)
    findings += _duplicates(lines)
    findings += _empty_sections(lines)
    findings += _age_bars(text)
    return findings


def _plain(text: str) -> str:
    """The text without Markdown marks, with straight apostrophes."""
    return _MARKS.sub("", text).replace("’", "'")


def _in_a_sentence(text: str, first: re.Pattern[str], then: re.Pattern[str]) -> bool:
    """Whether one sentence of `text` (without its Markdown marks) has a match of `first` and
    one of `then`."""
    if not (first.search(text) and then.search(text)):
        return False  # the quick answer, for most posts
    return any(first.search(sentence.group()) and then.search(sentence.group())
               for sentence in _SENTENCE.finditer(text))


def _eeo(text: str) -> list[Finding]:
    found = words()
    plain = _plain(text)
    if found.eeo.search(plain) or any(
            _in_a_sentence(plain, first, then) for first, then in found.eeo_together):
        return []
    return [Finding(
        "eeo-missing", Severity.INFO, None,
        "No equal-opportunity statement: many candidates look for one before they apply.",
        "Add one at the end, e.g. \"We are an equal opportunity employer and consider every "
        "qualified applicant regardless of race, religion, sex, age, disability or any other "
        f"characteristic protected by law.\" Source: {found.data['eeo']['source']}.",
    )]


def _accommodation(text: str) -> list[Finding]:
    found = words()
    places = [item.start for item in asked_verbs(text) if item.verb.body]
    places += [match.start() for match in (found.physical.search(text), found.weight.search(text))
               if match is not None]
    if not places:
        return []
    if _in_a_sentence(_plain(text), *found.accommodation):
        return []
    return [Finding(
        "accommodation-missing", Severity.WARNING, None,
        "The job asks for physical work, and the post does not say how to ask for a reasonable "
        "accommodation.",
        "Add a sentence such as \"If you need a reasonable accommodation to apply or to do this "
        f"job, tell us and we will make it.\" Source: {found.data['accommodation']['source']}.",
        min(places),
    )]


def _requirements(lines: list[Line]) -> list[Finding]:
    found = words()
    limit = found.data["requirements"]["max_items"]
    findings = []
    for section in sorted(sections(lines), key=lambda section: section.heading.start):
        if not _is_must_have(section.heading.text, found):
            continue
        items = []
        for line in section.lines:
            if line.kind is Kind.HEADING and found.optional.search(_name(line.text)):
                break  # "Preferred:" under "Requirements"
            if line.kind is Kind.ITEM:
                items.append(line)
        if not items:
            continue
        top = min(item.indent for item in items)
        count = sum(item.indent <= top + 1 and not found.optional.search(item.text)
                    for item in items)
        if count > limit:
            findings.append(Finding(
                "requirements-many", Severity.WARNING, None,
                f"{count} must-have items under \"{section.heading.text}\": more than {limit} "
                "turns away people who meet most of them.",
                f"Keep the ones you would turn someone away for; move the rest to \"Nice to "
                f"have\". Source: {found.data['requirements']['source']}.",
                section.heading.start,
            ))
    return findings


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(match.group().lower(), match.start()) for match in _WORD.finditer(text)]


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token) if len(token) <= 2 else None
    return NUMBERS.get(token)


def _years_asked(tokens: list[tuple[str, int]], at: int) -> int | None:
    """The index of "years" when tokens[at] starts "8+ years", "8-10 years", "eight (8) years",
    "10 or more years"; else None."""
    index = at + 1
    if [t for t, _ in tokens[index : index + 3]][:1] == ["("]:
        index += 3  # "eight (8)"
    while index < len(tokens) and tokens[index][0] in ("+", "plus"):
        index += 1
    if index + 1 < len(tokens) and tokens[index][0] in RANGE and (
            _number(tokens[index + 1][0]) is not None):
        index += 2
    while index < len(tokens) and tokens[index][0] in ("+", "or", "more"):
        index += 1
    if index < len(tokens) and tokens[index][0] in ("years", "year", "yrs", "yr"):
        return index
    return None


def _sentences(lines: list[Line], found: Words) -> Iterator[tuple[Line, re.Match[str], bool]]:
    """Each sentence of the lines that are not headings, with its line and whether it is under
    a must-have heading."""
    must_have = False
    for line in lines:
        if line.kind is Kind.HEADING:
            must_have = _is_must_have(line.text, found)
            continue
        for sentence in _SENTENCE.finditer(line.text):
            yield line, sentence, must_have


def _experience(lines: list[Line]) -> list[Finding]:
    """The first "8+ years" of experience asked: with an experience word near it, or as an
    item of a must-have list ("- 10+ years in backend development")."""
    found = words()
    least = found.data["experience"]["min_years"]
    about = set(found.data["experience"]["words"])
    for line, sentence, must_have in _sentences(lines, found):
        if not _NUMBER.search(sentence.group()):
            continue
        tokens = _tokens(sentence.group())
        for at, (token, start) in enumerate(tokens):
            number = _number(token)
            if number is None or number < least:
                continue
            if at >= 2 and tokens[at - 1][0] in RANGE and _number(tokens[at - 2][0]):
                continue  # the top of a range: "3-8 years" asks for 3
            years = _years_asked(tokens, at)
            if years is None:
                continue
            after = {t for t, _ in tokens[years + 1 : years + 7]}
            before = {t for t, _ in tokens[max(0, at - 5) : at]}
            listed = must_have and line.kind is Kind.ITEM
            if after & {"old", "ago"} or not (listed or after & about or before & about):
                continue
            phrase = sentence.group()[start : tokens[years][1] + len(tokens[years][0])]
            return [Finding(
                "experience-years", Severity.INFO, None,
                f"\"{phrase}\" of experience: a long count of years turns away people "
                "who learnt the same faster.",
                "Name the skills and the scope those years should bring, and ask for fewer "
                "years or none. Source: jdwizard editorial; reviewers of real posts flag 8 "
                "or more years (issue 15).",
                line.start + sentence.start() + start,
            )]
    return []


def _degree_at(tokens: list[tuple[str, int]], degree: dict[str, Any]) -> int | None:
    """Where a word for an academic degree is in the tokens, or None."""
    names = set(degree["words"])
    for at, (token, start) in enumerate(tokens):
        before = tokens[at - 1][0] if at else ""
        after = tokens[at + 1][0] if at + 1 < len(tokens) else ""
        if token in names:
            if token.startswith("degree") and (before in degree["not_after"]
                                               or after in degree["not_before"]):
                continue
            return start
        if token in SHORT_DEGREES and (after in ("in", "/", "degree") or before == "/"):
            return start
    return None


def _degree(text: str, lines: list[Line]) -> list[Finding]:
    found = words()
    degree = found.data["degree"]
    if not found.degree_words.search(text) or found.degree_alternatives.search(text):
        return []
    for line, sentence, must_have in _sentences(lines, found):
        if not found.degree_words.search(sentence.group()):
            continue
        at = _degree_at(_tokens(sentence.group()), degree)
        if at is None or found.degree_optional.search(sentence.group()):
            continue
        if must_have or found.degree_cues.search(sentence.group()):
            return [Finding(
                "degree-required", Severity.INFO, None,
                "A degree is asked for with no alternative such as \"or equivalent "
                "experience\".",
                "If experience can stand in for it, say so; if the law requires the degree "
                f"(a licence), say that. Source: {degree['source']}.",
                line.start + sentence.start() + at,
            )]
    return []


def _duplicates(lines: list[Line]) -> list[Finding]:
    seen: dict[str, str] = {}  # each paragraph as compared, and as first written
    findings = []
    for unit, start in _paragraphs(lines):
        plain = _MARKS.sub("", unit)
        key = " ".join(plain.lower().split()).rstrip(".!;:,")
        if len(key.split()) < MIN_REPEATED_WORDS:
            continue
        if key in seen:
            preview = " ".join(seen[key].split()[:8])
            findings.append(Finding(
                "duplicate-paragraph", Severity.WARNING, None,
                f"A paragraph is repeated: \"{preview}…\".",
                "Delete the second copy, or say something new there.", start,
            ))
        seen.setdefault(key, plain)
    return findings


def _paragraphs(lines: list[Line]) -> Iterator[tuple[str, int]]:
    """Each paragraph (lines of text between blank lines) and each list item, with its start."""
    texts: list[str] = []
    start = 0
    for line in [*lines, Line(Kind.BLANK, "", 0)]:
        if line.kind is Kind.TEXT:
            if not texts:
                start = line.start
            texts.append(line.text)
            continue
        if texts:
            yield " ".join(texts), start
            texts = []
        if line.kind is Kind.ITEM:
            yield line.text, line.start


def _empty_sections(lines: list[Line]) -> list[Finding]:
    """A heading with nothing under it; never the post's first line, a title, which may be
    bold or plain and then followed by a "##" heading."""
    findings = []
    following: Line | None = None  # the next line that is not blank
    first = next((line for line in lines if line.kind is not Kind.BLANK), None)
    for line in reversed(lines):
        if line.kind is Kind.BLANK:
            continue
        if line.kind is Kind.HEADING and line is not first and (following is None or (
                following.kind is Kind.HEADING and following.level <= line.level)):
            findings.append(Finding(
                "empty-section", Severity.WARNING, None,
                f"The section \"{line.text}\" has nothing under it.",
                "Write what belongs there, or delete the heading.", line.start,
            ))
        following = line
    return findings[::-1]


# Age limits: "aged 25-35", "under 35", "18+", "at least 18 years old". The number is an age
# only with an age word near it (checked in _age_bars): "under 30 minutes" is no limit.
_AGE_RANGE = re.compile(
    r"(?<![\w-])(?:aged?|ages|between the ages of)\s++(?:between\s++)?(\d\d)\s*+"
    r"(?:-|–|—|to|and)\s*+(\d\d)(?!\d)", re.IGNORECASE)
_AGE_MAX = re.compile(
    r"(?<![\w-])(?:under|below|younger than|no older than|not older than|not over|"
    r"maximum age(?: of)?|max\.? age(?: of)?|up to the age of|age limit(?: of)?)"
    r"\s++(?:the age of\s++)?(\d\d)(?![\d%]|[.,]\d)", re.IGNORECASE)
_AGE_MIN = re.compile(
    r"(?<![\w-])(?:(?:at least|over|older than|minimum age(?: of)?|min\.? age(?: of)?)"
    r"\s++(?:the age of\s++)?(\d\d)(?![\d%]|[.,]\d)|(\d\d)\s*+\+|(\d\d)\s++(?:years\s++)?(?:or|and)"
    r"\s++(?:older|over|above))", re.IGNORECASE)
_AGE_WORDS = re.compile(r"\bage[ds]?\b|years? old|years? of age|yrs old|\by/?o\b", re.IGNORECASE)
_NOT_AGE = re.compile(r"\s*+(?:\+\s*+)?(?:years?|yrs?|months?|hours?|hrs?|minutes?|days?|weeks?|"
                      r"employees|people|staff|countries|k\b|%|percent)", re.IGNORECASE)
# What comes before a number that makes it an age: "must be 18+", "18+ and under 35".
_BE = re.compile(r"(?:\b(?:be|are|is|aged?|applicants|candidates)|\d\d\s*+\+?\s*+(?:and|or|to))"
                 r"\s*+$", re.IGNORECASE)
AGES = range(14, 76)
CONTEXT = 120  # characters either side of an age limit read for its reason


def _word_before(text: str, start: int) -> str:
    """The word before `start` ("is" in "Our team is aged 25-35" skips to "team"), lower case."""
    before = [w.lower() for w in _WORD.findall(text, max(0, start - 40), start) if w.isalpha()]
    while before and before[-1] in ("is", "are", "be", "mostly", "all", "typically"):
        before.pop()
    return before[-1] if before else ""


def _age_bars(text: str) -> list[Finding]:
    found = words()
    findings: list[Finding] = []
    subjects = set(found.data["age_bar"]["subjects"])
    limits = [(match, True) for pattern in (_AGE_RANGE, _AGE_MAX)
              for match in pattern.finditer(text)]
    limits += [(match, False) for match in _AGE_MIN.finditer(text)]
    for match, upper in sorted(limits, key=lambda pair: pair[0].start()):
        number = int(next(group for group in match.groups() if group))
        if number not in AGES or (findings and findings[-1].start == match.start()):
            continue
        near = text[max(0, match.start() - CONTEXT) : match.end() + CONTEXT]
        after = text[match.end() : match.end() + 40]
        before = text[max(0, match.start() - 20) : match.start()]
        age_word = bool(_AGE_WORDS.search(match.group()) or _AGE_WORDS.match(after.lstrip())
                        or _AGE_WORDS.search(before))
        if not age_word and (_NOT_AGE.match(after) or not _BE.search(before)):
            continue
        if _word_before(text, match.start()) in subjects:
            continue  # "customers aged 18-24": their age, not the candidate's
        reason = found.age_reasons.search(near) is not None
        if not upper and reason:
            continue
        severity = Severity.WARNING if upper and not reason else Severity.INFO
        advice = ("Drop the upper age limit unless a law sets it, and then name the law."
                  if upper else "Say the legal reason beside it (serving alcohol, a driving "
                  "licence), or leave it out.")
        findings.append(Finding(
            "age-bar", severity, None, f"\"{match.group().strip()}\": an age limit.",
            f"{advice} Source: {found.data['age_bar']['source']}.", match.start(),
        ))
    return findings
