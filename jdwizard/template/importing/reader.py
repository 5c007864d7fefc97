"""Text addressed to the reader of the template page, not to a candidate: "Use this … template",
"Copy the template below", "Customize it…", "Replace the placeholders…", sign-up prompts. It is
never part of the post: a "Use this …" sentence becomes the help's "when to use", a "Customize
…" one its "how to personalise" (where the page has none), the rest is left out; the import
lists each part it left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")

# Each alternative is a few words matched at one place: no pattern here backtracks over a line.
_READER = re.compile(
    r"\bjob description templates?\b|\btemplate (?:below|above)\b"
    r"|\bthis (?:[\w&-]+ ){0,4}template\b"
    r"|\b(?:use|copy|download|customi[sz]e|edit) (?:the|our) (?:[\w&-]+ ){0,3}template\b"
    r"|\bcopy (?:it|this|the text)\b"
    r"|^\W*(?:customi[sz]e|personali[sz]e|tailor|adapt|edit) (?:it|this|the|these)\b"
    r"|\breplace (?:the|these|all|each|any) (?:\{\{|\[|placeholders|bracketed|notes|text in)"
    r"|\bpost it (?:to|on) (?:job boards|your)"
    r"|^\W*(?:sign up|log in|start (?:your|a) free trial|(?:book|request) a demo|get started)\b"
    r"|\bfree trial\b|\bno credit card\b",
    re.IGNORECASE,
)

_WHEN_TO_USE = re.compile(r"^\W*use (?:this|it|the)\b", re.IGNORECASE)
_PERSONALIZE = re.compile(
    r"^\W*(?:customi[sz]e|personali[sz]e|tailor|adapt|edit|replace|fill in|swap|add your)\b",
    re.IGNORECASE,
)

WHEN_TO_USE = "when to use"
PERSONALIZE = "how to personalise"


def sentences(text: str) -> list[str]:
    """The sentences of a line or paragraph (split after `.`, `!` or `?` and a space)."""
    return [part for part in _SENTENCE.split(text.strip()) if part]


# A page's words to its reader are short sentences; a longer one is the post's (and searching
# it is skipped: a 200 KB line costs no more than its reading).
_MAX_READER = 400


def is_reader_text(sentence: str) -> bool:
    """Whether a sentence speaks to the reader of the template page rather than to a candidate."""
    return len(sentence) <= _MAX_READER and _READER.search(sentence) is not None


def help_for(sentence: str) -> str:
    """The help section a reader's sentence belongs in (WHEN_TO_USE, PERSONALIZE), or ""."""
    if _WHEN_TO_USE.match(sentence):
        return WHEN_TO_USE
    if _PERSONALIZE.match(sentence):
        return PERSONALIZE
    return ""


@dataclass(frozen=True)
class LeftOut:
    """A part of the page the import did not put in the post, and where it went instead."""

    text: str
    kind: str  # "instructions to the reader", "page text", "page chrome"
    moved_to: str = ""  # a help section, or "" (dropped)
    lines: int = 1  # for page chrome: how many lines

    def describe(self) -> str:
        """One line of the import's report."""
        quoted = shorten(self.text)
        if self.kind == "page chrome":
            more = f"{self.lines} lines, e.g. " if self.lines > 1 else ""
            return f"page chrome (sign-up, pricing, navigation): {more}{quoted}"
        where = f'kept in the help, under "{self.moved_to}"' if self.moved_to else "dropped"
        return f"{self.kind}: {quoted} ({where})"


def shorten(text: str, width: int = 70) -> str:
    """`text` quoted, cut to about `width` characters."""
    text = " ".join(text.split())
    return '"' + (text if len(text) <= width else text[: width - 1].rstrip() + "…") + '"'


@dataclass
class Routed:
    """The page text that is not the post: help gathered from it, and what was left out."""

    help: dict[str, list[str]]  # WHEN_TO_USE / PERSONALIZE: sentences for the help
    left_out: list[LeftOut]

    def add_reader(self, sentence: str, room: set[str]) -> None:
        """A reader's sentence: into the help section it belongs in if that has room, or out."""
        target = help_for(sentence)
        target = target if target in room else ""
        if target:
            self.help.setdefault(target, []).append(sentence)
        self.left_out.append(LeftOut(sentence, "instructions to the reader", target))

    def add_page_text(self, text: str) -> None:
        if text.strip():
            self.left_out.append(LeftOut(text, "page text"))
