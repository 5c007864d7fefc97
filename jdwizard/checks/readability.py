"""Length and readability of a job post: words, sentences, Flesch reading ease.

Markdown is stripped first: heading and list markers, emphasis, inline-code backticks and HTML
tags go; `[text](url)` keeps its text; a bare URL or e-mail address is one word of one syllable.
Every heading, list item and table row is a sentence of its own, punctuated or not, and so is
each paragraph's last run of text; blank lines and `---` rules end a sentence. An indented line
under a list item continues that item; an unindented one starts a new paragraph.
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

from jdwizard.checks.inline import heading_text, replace_addresses, unlink, untag

_URL_WORD = "\ue000"  # stands in for a bare URL or e-mail address (a private-use character)

# Line structure, matched after any `>` quote markers are removed.
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")  # --- *** ___ and setext underlines (=== ---)
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?)\1\s*$")  # "**Requirements**" alone
_ITEM = re.compile(r"^\s*(?:[-*+•‣◦▪–]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?(?P<text>.*)$")
_TABLE = re.compile(r"^\s*\|")

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


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    reading_ease: float | None  # Flesch reading ease, rounded to 1 decimal; None when no words
    words_per_sentence: float | None  # rounded to 1 decimal; None when no sentences


def measure(text: str) -> Readability:
    """Count words, sentences and syllables in a Markdown or plain-text job post."""
    words = sentences = syllables = 0
    for block in _blocks(unicodedata.normalize("NFC", text)):
        for sentence in _sentences(block):
            tokens = _WORD.findall(sentence)
            if tokens:
                sentences += 1
                words += len(tokens)
                syllables += sum(map(_token_syllables, tokens))
    if not words:
        return Readability(0, 0, 0, None, None)
    ease = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
    return Readability(words, sentences, syllables, round(ease, 1), round(words / sentences, 1))


def count_syllables(word: str) -> int:
    """English syllables in `word` (heuristic): >= 1 if it has a letter or digit, else 0.

    Parts split at hyphens and other joiners are counted separately and summed
    ("well-documented" = 1 + 4); each run of digits counts 1 ("2024" = 1, "150k" = 1 + 1).
    """
    word = word.lower()
    if word.isascii() and word.isalpha():  # the common case, fast
        return max(1, _syllables(word))
    word = word.translate(_LETTERS)
    parts = _PARTS.findall(word)
    if not parts:
        return 0
    return max(1, sum(1 if part[0].isdigit() else _syllables(part) for part in parts))


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


def _blocks(text: str) -> Iterator[str]:
    """Paragraphs, headings, list items and table rows, with the Markdown taken out."""
    paragraph: list[str] = []
    in_item = False
    for raw in text.splitlines():
        line = _QUOTE.sub("", raw)
        head = heading_text(line)
        if head is None and (bold := _BOLD_LINE.match(line)):
            head = bold["text"]
        item = None if head is not None else _ITEM.match(line)
        table = _TABLE.match(line)
        if not line.strip() or _RULE.match(line) or head is not None or item or table:
            if paragraph:
                yield " ".join(paragraph)
            paragraph, in_item = [], False
            if head is not None:
                yield _clean(head)
            elif item:
                paragraph, in_item = [_clean(item["text"])], True
            elif table:
                yield _clean(line)
        elif paragraph and (not in_item or line[:1].isspace()):
            paragraph.append(_clean(line))
        else:
            if paragraph:
                yield " ".join(paragraph)
            paragraph, in_item = [_clean(line)], False
    if paragraph:
        yield " ".join(paragraph)


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
