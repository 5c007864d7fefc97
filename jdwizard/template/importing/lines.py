"""The source text as numbered lines, and the line shapes every part of the import reads."""

from __future__ import annotations

import re

Line = tuple[int, str]  # (line number in the source, text)


# The text is empty or ends on a character that is not a space or '#', so that each run of them
# is scanned once: the lazy `.*?[\s#]*$` it replaces was quadratic in a long run of spaces.
MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>(?:.*?[^\s#])?)[\s#]*$")


BULLET = re.compile(r"^(?P<indent>\s*)(?:[•◦▪‣·]\s*|[-*+–]\s+)(?P<text>.*)$")


NUMBERED = re.compile(r"^\s*\d+[.)]\s+")


def split_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines."""
    paragraphs: list[list[Line]] = [[]]
    for line in lines:
        if line[1].strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def is_title_like(text: str) -> bool:
    """A short line standing alone that reads like a heading ("What you'll do")."""
    line = text.strip().rstrip(":")
    if not line or BULLET.match(text) or NUMBERED.match(text) or not line[0].isupper():
        return False
    return len(line) <= 60 and len(line.split()) <= 8 and line[-1] not in ".!?,;"


def is_heading(paragraph: list[Line]) -> bool:
    """A paragraph that opens with a Markdown heading, or is one title-like line."""
    first = paragraph[0][1]
    return bool(MD_HEADING.match(first)) or (len(paragraph) == 1 and is_title_like(first))
