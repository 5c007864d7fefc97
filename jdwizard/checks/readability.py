"""Length and readability of a job post: words, sentences, Flesch reading ease.

Markdown is stripped first: heading and list markers, emphasis, inline-code backticks and HTML
tags go; `[text](url)` keeps its text; a bare URL or e-mail address is one word of one syllable.
Lines are read by checks/lines.py. Headings, `key: value` labels, table rows and list items of
one or two words are units of their own and not sentences: their words count in the length, but
not in the reading ease or the words per sentence. A longer list item is a sentence of its own,
punctuated or not, and so is each paragraph's last run of text; blank lines and `---` rules end
a sentence. An indented line under a list item continues that item; an unindented one starts a
new paragraph.
Inside a paragraph a sentence ends at `.`, `!` or `?` (then any closing quotes or brackets)
before whitespace or the end. A single `.` does not end one before a lowercase word ("etc. and",
"Inc. builds"; before a capital "etc." and "Inc." usually do end one), nor after a title (Dr.,
Ms., Sr., Jr.), "vs.", "approx.", a dotted abbreviation (e.g., i.e., U.S.) or an initial
("J. Smith"). Decimals never split ("3.5", "$150.5k"): that `.` is inside a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from jdwizard.checks.finding import Finding, Severity
from jdwizard.checks.inline import heading_text, replace_addresses, unlink, untag
from jdwizard.checks.lines import Kind, is_label, read_line, unquoted

_URL_WORD = "\ue000"  # stands in for a bare URL or e-mail address (a private-use character)

# Inline Markdown (links and URLs: inline.py).
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MARKS = re.compile(r"[*`~]+")
_UNDERSCORES = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")  # keeps snake_case's inner "_"

# A word: letters/digits joined by apostrophes, hyphens, "_" or "." ("don't", "Node.js",
# "3.5", "e.g"), or by "," between digits ("4,000"). "$150k" -> "150k", "3+" -> "3".
_WORD = re.compile(_URL_WORD + r"|[^\W_]+(?:(?:['’\-‐_.]|(?<=\d),(?=\d))[^\W_]+)*")
_END = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s|$)")  # from a run's start: linear
_BEFORE = re.compile(r"[\w.'’-]+$")
_NEXT = re.compile(r"\s*(\S)")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # e.g, i.e, U.S, a.m
_NEVER_END = {"dr", "mr", "mrs", "ms", "mx", "prof", "sr", "jr", "st", "vs", "approx", "cf"}

# Acronyms: a run of letters in capitals (with a plural "s"), spelled out when it has no vowel
# or is short and no everyday word in capitals.
_CAPITALS = re.compile(r"[A-Z]{2}")
_LETTER_RUN = re.compile(r"[A-Za-z]+")
_ACRONYM = re.compile(r"(?P<letters>[A-Z]{2,6})s?")
_VOWELS = frozenset("AEIOU")
_CAPS_WORDS = frozenset({
    "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "ME", "MY", "NO",
    "OF", "OH", "OK", "ON", "OR", "SO", "TO", "UP", "WE", "YE", "ALL", "AND", "ANY", "ARE", "BIG",
    "BUT", "CAN", "DAY", "DID", "FOR", "FUN", "GET", "HAS", "HAD", "HER", "HIM", "HIS", "HOW",
    "ITS", "JOB", "KEY", "LET", "MAY", "NEW", "NOT", "NOW", "OFF", "OLD", "ONE", "OUR", "OUT",
    "OWN", "PAY", "PUT", "RUN", "SAY", "SEE", "SET", "SHE", "THE", "TOO", "TOP", "TWO", "USE",
    "WAS", "WAY", "WHO", "WHY", "WIN", "YES", "YET", "YOU",
})

# Syllables. "y" is a vowel except word-initially or before a vowel, where it becomes "j".
_PARTS = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "'": None, "’": None})
_DIAERESIS = re.compile(r"(\w)\u0308")  # naïve: the dotted vowel starts a new syllable
_Y_CONSONANT = re.compile(r"^y|y(?=[aeiou])")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Vowel pairs spoken as two syllables, +1 each: media (not social), actual (not quality),
# premium, quiet, various (not ambitious), client, science (not patient, friend).
_HIATUS = re.compile(
    r"i(?:u|et|(?<![ct]i)a|(?<![ctxg]i)ous|(?:(?<![ct]i)(?<!fri)|(?<=sci))en)|u(?<![qg]u)[ao]"
)
_HIATUS_END = re.compile(r"(?:[aeiou]ings?|isms?|ios?)$")  # going, mechanism, portfolio
_SILENT_E = re.compile(  # -1 when the word ends like this (the lookahead is for speed)
    r"(?=[^aeiouy](?:e|ue$))(?:(?:[^aeiouyl]|(?<![bcdfgkptz])l)e$"  # make, whole; not table, little
    r"|(?:[^aeiouylcgsxzh]|(?<![bcdfgkptz])l|(?<![cs])h)es$"  # makes, roles; not services
    r"|(?:[^aeiouyltd]|(?<![bcdfgkptz])l)ed$"  # based, called; not needed, handled
    r"|que$|(?:[^aeiouyl]ement|[^aeiouy]e(?:ly|ful|ness|less))s?$)"  # unique, management
)


MAX_LABEL_WORDS = 2  # a list item of this many words or fewer is a label, not a sentence

# Thresholds (README, Checks: where they come from). Real posts run 162-687 words, reading
# ease 25-62 (median 41) and 7-23 words a sentence (shared/data/real-post-figures.md).
MIN_WORDS = 100  # a post with every part takes more (tests: a complete one in 142 words)
MAX_WORDS = 700  # above every real post measured
MIN_READING_EASE = 30.0  # Flesch's "very difficult" band (college graduate) is below 30
MAX_WORDS_PER_SENTENCE = 20.0  # Oxford Guide to Plain English: 15-20; GOV.UK: 15 on average


@dataclass(frozen=True)
class Readability:
    words: int  # every word of the post: its length
    sentences: int  # its sentences (headings, labels, table rows and short items are not)
    syllables: int  # of every word
    reading_ease: float | None  # Flesch, of the sentences alone, to 1 decimal; None: none
    words_per_sentence: float | None  # of the sentences alone, to 1 decimal; None: none


def measure(text: str) -> Readability:
    """Count words, sentences and syllables in a Markdown or plain-text job post."""
    words = sentences = syllables = prose_words = prose_syllables = 0
    for prose, block in _blocks(unicodedata.normalize("NFC", text)):
        if not prose:
            tokens = _WORD.findall(block)
            words += len(tokens)
            syllables += sum(map(_token_syllables, tokens))
            continue
        for sentence in _sentences(block):
            tokens = _WORD.findall(sentence)
            if tokens:
                sentences += 1
                prose_words += len(tokens)
                prose_syllables += sum(map(_token_syllables, tokens))
    words += prose_words
    syllables += prose_syllables
    if not sentences:
        return Readability(words, 0, syllables, None, None)
    per_sentence = prose_words / sentences
    ease = 206.835 - 1.015 * per_sentence - 84.6 * (prose_syllables / prose_words)
    return Readability(words, sentences, syllables, round(ease, 1), round(per_sentence, 1))


def count_syllables(word: str) -> int:
    """English syllables in `word` (heuristic): >= 1 if it has a letter or digit, else 0.

    Parts split at hyphens and other joiners are counted separately and summed
    ("well-documented" = 1 + 4); each run of digits counts 1 ("2024" = 1, "150k" = 1 + 1).
    An acronym in capitals is spelled out, a syllable a letter ("HTML" = 4, "APIs" = 3; "W"
    is "double-u", 3): one with no vowel, or of two or three letters that is not an everyday
    word ("CEO", "AWS"; not "THE"). Longer ones with vowels are read as words ("NASA").
    """
    if _CAPITALS.search(word):
        return _with_acronyms(word)
    word = word.lower()
    if word.isascii() and word.isalpha():  # the common case, fast
        return max(1, _syllables(word))
    word = word.translate(_LETTERS)
    parts = _PARTS.findall(word)
    if not parts:
        return 0
    return max(1, sum(1 if part[0].isdigit() else _syllables(part) for part in parts))


def _with_acronyms(word: str) -> int:
    """`count_syllables` of a word with capitals in it: its acronyms letter by letter."""
    word = word.replace("'", "").replace("’", "")
    spelled = 0
    rest: list[str] = []  # what is not an acronym, each acronym replaced by a space
    done = 0
    for run in _LETTER_RUN.finditer(word):
        acronym = _ACRONYM.fullmatch(run.group())
        if acronym is None:
            continue
        letters = acronym["letters"]
        if set(letters) & _VOWELS and (len(letters) > 3 or letters in _CAPS_WORDS):
            continue
        spelled += len(letters) + 2 * letters.count("W")
        rest += (word[done : run.start()], " ")
        done = run.end()
    if not spelled:
        return count_syllables(word.lower())
    rest.append(word[done:])
    return spelled + count_syllables("".join(rest).lower())


@lru_cache(maxsize=8192)
def _token_syllables(token: str) -> int:
    return 1 if token == _URL_WORD else count_syllables(token)


def _syllables(part: str) -> int:
    """Vowel groups, plus hiatus pairs, minus a silent final e; accents count as their vowel."""
    w = part
    if not w.isascii():
        w = _DIAERESIS.sub(r"|\1", unicodedata.normalize("NFD", w))
        w = "".join(c for c in w if c.isalpha() or c == "|")
    if "y" in w:
        w = _Y_CONSONANT.sub("j", w)
    tail = w[-10:]  # the end patterns need no more
    count = len(_VOWEL_GROUPS.findall(w)) + len(_HIATUS.findall(w)) + w.startswith("creat")
    count += _HIATUS_END.search(tail) is not None
    if _SILENT_E.search(tail) and not part.endswith(("é", "ë")):  # café, Zoë
        count -= 1
    return max(count, 1 if w.strip("|") else 0)


def _blocks(text: str) -> Iterator[tuple[bool, str]]:
    """Paragraphs, list items, headings, labels and table rows, with the Markdown taken out;
    each with whether it is prose (a paragraph, or a list item of three words or more)."""
    paragraph: list[str] = []
    in_item = False
    for raw in text.splitlines():
        line = read_line(raw)
        continues = (in_item and raw[:1].isspace() and heading_text(unquoted(raw)) is None
                     and line.kind in (Kind.TEXT, Kind.LABEL, Kind.HEADING))
        if line.kind is Kind.TEXT and paragraph and not in_item or continues:
            paragraph.append(_clean(unquoted(raw)))
            continue
        if paragraph:
            yield _unit(" ".join(paragraph), in_item)
        paragraph, in_item = [], False
        if line.kind is Kind.ITEM:
            paragraph, in_item = [_clean(line.text)], True
        elif line.kind is Kind.TEXT:
            paragraph = [_clean(line.text)]
        elif line.kind in (Kind.HEADING, Kind.TABLE, Kind.LABEL):
            yield False, _clean(line.text)
    if paragraph:
        yield _unit(" ".join(paragraph), in_item)


def _unit(text: str, item: bool) -> tuple[bool, str]:
    """A paragraph is prose; a list item is when it has three words or more and is no label."""
    return not item or (len(_WORD.findall(text)) > MAX_LABEL_WORDS and not is_label(text)), text


def _clean(line: str) -> str:
    """Inline Markdown out: links to their text, URLs to one word, no emphasis or code marks."""
    if "](" in line:  # each test skips a regex most lines don't need
        line = unlink(line)
    if "@" in line or "://" in line or "www." in line:
        line = replace_addresses(line, _URL_WORD)
    if "<" in line:
        line = untag(line, _TAG, " ")
    line = _MARKS.sub("", line)
    return _UNDERSCORES.sub("", line) if "_" in line else line


def _sentences(block: str) -> Iterator[str]:
    start = 0
    for end in _END.finditer(block):
        if _ends_sentence(block, end):
            yield block[start : end.end()]
            start = end.end()
    yield block[start:]


def _ends_sentence(block: str, end: re.Match[str]) -> bool:
    if end.group().rstrip("\"'”’)]") != ".":
        return True  # "!", "?", "...", "?!"
    following = _NEXT.match(block, end.end())
    if following and following.group(1).islower():
        return False
    before = _BEFORE.search(block, max(0, end.start() - 20), end.start())
    if before is None:
        return True
    token = before.group().lstrip(".'’-")
    return not (
        token.lower() in _NEVER_END
        or _DOTTED.fullmatch(token)
        or (len(token) == 1 and token.isupper())
    )


def length_findings(readability: Readability) -> list[Finding]:
    """Findings for a post's length, reading ease and sentence length, when out of range."""
    findings = []
    words = readability.words
    if words and not MIN_WORDS <= words <= MAX_WORDS:
        short = words < MIN_WORDS
        findings.append(Finding(
            "length", Severity.WARNING, None,
            f"{words} words: {'short' if short else 'long'} for a job post "
            f"(most run {MIN_WORDS}–{MAX_WORDS}).",
            "Say what the work is, what you ask for, the pay and how to apply." if short
            else "Cut repetition and generic lines.",
        ))
    ease = readability.reading_ease
    if ease is not None and ease < MIN_READING_EASE:
        findings.append(Finding(
            "reading-ease", Severity.WARNING, None,
            f"Reading ease {ease:.0f} (Flesch): very difficult, a graduate's reading level; "
            f"most posts score 30–60.",
            "Use shorter sentences and everyday words.",
        ))
    per_sentence = readability.words_per_sentence
    if per_sentence is not None and per_sentence > MAX_WORDS_PER_SENTENCE:
        findings.append(Finding(
            "sentence-length", Severity.INFO, None,
            f"{per_sentence:.1f} words per sentence on average (plain English aims for "
            f"15–20).",
            "Split the longest sentences, or make a list of them.",
        ))
    return findings
