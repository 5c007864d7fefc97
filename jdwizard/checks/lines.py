"""What one line of a Markdown or plain-text job post is: a heading, a list item, a table row,
a `key: value` label, a rule, blank, or a line of prose. Readability and the gender coding both
read a post line by line through it, so that they agree on what a heading is.

A heading is an ATX heading (`## Pay`), a bold line alone (`**What you'll do**`), or, in a plain
post, a short line that ends with ":" ("What you'll do:"), is in capitals ("REQUIREMENTS") or
is in Title Case with no full stop ("About The Team"). A list item starts with a bullet of any
glyph ("-", "*", "+", "•", "●", "▪", "✓", "➤", …) or a number ("1.", "2)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from jdwizard.checks.inline import heading_text


class Kind(StrEnum):
    BLANK = "blank"
    RULE = "rule"
    HEADING = "heading"
    ITEM = "item"
    TABLE = "table"
    LABEL = "label"  # "Location: Denver, CO": a key and its value, not a sentence
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    kind: Kind
    text: str  # a heading's or item's own text, without its marks; the line for the rest


MAX_HEADING_WORDS = 8  # a Title Case or capitals line longer than this is prose
MAX_COLON_HEADING_WORDS = 6
MAX_KEY_WORDS = 4  # "Salary range (gross):" is a key; "We offer the following perks:" not

_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")  # --- *** ___ and setext underlines (=== ---)
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]+?)\1\s*$")  # "**Requirements**" alone
_GLYPHS = "•●○◦‣▪▫■□▸▹►▶➤➢→✓✔✗☐☑◆◇❖·"  # bullets that need no space after them
_ITEM = re.compile(
    rf"^\s*(?:[-*+–—]\s+|[{_GLYPHS}]\s*|\d{{1,9}}[.)]\s+)(?:\[[ xX]\]\s+)?(?P<text>.*)$"
)
_TABLE = re.compile(r"^\s*\|")
_KEY = re.compile(r"^\s*(?:\*\*|__)?(?P<key>[^\W\d_][^:.!?]{0,40}?)(?:\*\*|__)?:(?:\*\*|__)?"
                  r"\s+(?P<value>\S.*)$")
_MARKS = re.compile(r"[*_`~]+")
_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
    "per", "the", "to", "via", "vs", "with", "your", "our", "you",
})
_LETTERED = re.compile(r"[^\W\d_]")


def unquoted(line: str) -> str:
    """`line` without its `>` quote markers."""
    return _QUOTE.sub("", line) if ">" in line else line


def read_line(raw: str) -> Line:
    """What `raw` (one line, without its newline) is."""
    line = unquoted(raw)
    if not line.strip():
        return Line(Kind.BLANK, "")
    if _RULE.match(line):
        return Line(Kind.RULE, "")
    head = heading_text(line)
    if head is None and (bold := _BOLD_LINE.match(line)):
        head = bold["text"]
    if head is not None:
        return Line(Kind.HEADING, head)
    if item := _ITEM.match(line):
        return Line(Kind.ITEM, item["text"])
    if _TABLE.match(line):
        return Line(Kind.TABLE, line)
    if looks_like_heading(line):
        return Line(Kind.HEADING, line.strip())
    if is_label(line):
        return Line(Kind.LABEL, line)
    return Line(Kind.TEXT, line)


def is_label(text: str) -> bool:
    """Whether `text` is a `key: value` label ("Salary: $90k a year"): a key of a few words, and
    a value that does not end as a sentence does."""
    key = _KEY.match(text)
    return bool(key and len(key["key"].split()) <= MAX_KEY_WORDS
                and not key["value"].rstrip(" *_").endswith((".", "!", "?")))


def looks_like_heading(line: str) -> bool:
    """A plain post's heading: a short line ending with ":", or in capitals, or in Title Case,
    with no full stop at its end."""
    if (line.rstrip().endswith((".", "!", "?", ",", ";"))
            or len(line.split(None, MAX_HEADING_WORDS)) > MAX_HEADING_WORDS):
        return False  # most lines: a sentence, or too long (a quick test first)
    text = _MARKS.sub("", line).strip()
    words = text.split()
    if not words or text.endswith((".", "!", "?", ",", ";")):
        return False
    if text.endswith(":"):
        return len(words) <= MAX_COLON_HEADING_WORDS
    if len(words) > MAX_HEADING_WORDS or ":" in text:
        return False
    lettered = [word for word in words if _LETTERED.search(word)]
    if not lettered:
        return False
    if text.isupper():
        return True
    first = [next(c for c in word if _LETTERED.match(c)) for word in lettered]
    return all(letter.isupper() or word.lower() in _SMALL_WORDS
               for word, letter in zip(lettered, first, strict=True)) and first[0].isupper()
