"""The page a template was copied from: its sections ("When to use", "Writing tips", the job
description, "How to personalize", FAQ), its title, summary and category; page chrome (pricing,
sign-up prompts, navigation) left out."""

from __future__ import annotations

import re
from pathlib import Path

from jdwizard.template.importing.lines import Line, is_heading, split_paragraphs
from jdwizard.template.importing.reader import Routed, is_reader_text, sentences

DEFAULT_CATEGORY = "Imported"
_SECTIONS = {
    "when to use this template": "when to use", "when to use": "when to use",
    "writing tips": "writing tips", "tips": "writing tips",
    "the job description": "intro", "job description": "job description",
    "how to personalize": "how to personalize", "how to personalise": "how to personalize",
    "how to personalize this template": "how to personalize",
    "how to personalise this template": "how to personalize",
    "frequently asked questions": "faq", "faq": "faq", "faqs": "faq",
}


CHROME = re.compile(
    r"^\W*job descriptions?\s*/|free\s*&\s*editable|free trial|no credit card|see all plans"
    r"|^\W*(transparent|clear) pricing|plans from \$|cancel anytime|stop wrestling"
    r"|^\W*(scales as you grow|sign up|log in|book a demo|request a demo|get started)\W*$",
    re.IGNORECASE,
)


# The path runs to the last non-space (`.+?\s*$` was quadratic in a run of spaces).
BREADCRUMB = re.compile(r"^\s*job descriptions?\s*/(?P<path>.*\S)", re.IGNORECASE)


# Linear on any line: the heading's spaces are possessive, and the title ends on a non-space, so
# each run of spaces is scanned once, not once per position in it.
_TITLE = re.compile(
    r"^(?:#{1,6}\s++)?(?P<t>.+?)(?<=\S)\s+job\s+description(?:\s+template)?\W*$", re.I
)


# Tried only where a run of separators starts (the lookbehind), not at every position in it.
_STEM_SUFFIX = re.compile(
    r"(?<![-_ ])[-_ ]*(job[-_ ]*description)?[-_ ]*template$", re.IGNORECASE
)


def normalise(text: str) -> list[str]:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def crumb(line: str) -> str:
    """The last part of a breadcrumb: "Job Descriptions/Engineering" -> "Engineering"."""
    match = BREADCRUMB.match(line)
    last = match["path"].split("/")[-1].strip() if match else ""
    return last or DEFAULT_CATEGORY


def _heading_key(text: str) -> str:
    stripped = re.sub(r"^\s{0,3}#{1,6}\s+", "", text).strip().strip("*_").strip().rstrip(":")
    return " ".join(stripped.lower().split())


def split_page(lines: list[Line]) -> tuple[list[Line], dict[str, list[Line]]]:
    """The lines before any known section heading, and each section's lines by name."""
    preamble: list[Line] = []
    sections: dict[str, list[Line]] = {}
    current = preamble
    for line in lines:
        name = _SECTIONS.get(_heading_key(line[1]))
        if name:
            current = sections.setdefault(name, [])
        else:
            current.append(line)
    return preamble, sections


def title_of(preamble: list[Line], source_name: str) -> tuple[str, int]:
    """The title, and the line it came from (0: the file name)."""
    title, title_line = "", 0
    for number, text in preamble:
        match = _TITLE.match(text.strip())
        if match and match["t"].strip("*_ #").lower() not in {"the", "a", "your", "our", "this"}:
            title, title_line = match["t"].strip("*_ #"), number
            break
    if not title:
        heading = next(((n, t) for n, t in preamble if t.startswith("# ")), None)
        if heading:
            title, title_line = heading[1][2:].strip(), heading[0]
    if not title:
        stem = re.sub(_STEM_SUFFIX, "", Path(source_name).stem)
        title = " ".join(word.capitalize() for word in re.split(r"[-_ ]+", stem) if word)
    return title or "Imported template", title_line


_NOTE = re.compile(r"\{\{|\[[^\[\]]*[^\W\d_][^\[\]]*\]")


def split_intro(lines: list[Line], page_like: bool) -> tuple[list[Line], list[Line]]:
    """A page without a "Job description" heading: its intro (the paragraphs before the first
    heading, none with a note) and the job description from that heading on. The intro is
    the page's only on a page (`page_like`: a "... job description template" title, or
    sections) or where it speaks to the reader; otherwise the whole text is the post."""
    paragraphs = split_paragraphs(lines)
    start = next((i for i, p in enumerate(paragraphs) if is_heading(p)), None)
    if not start:
        return [], lines
    intro = [s for p in paragraphs[:start] for s in sentences(_text(p))]
    readers = [is_reader_text(s) for s in intro]
    if any(_NOTE.search(s) for s, reader in zip(intro, readers, strict=True) if not reader):
        return [], lines
    if not page_like and not any(readers):
        return [], lines
    first = paragraphs[start][0][0]
    return [line for line in lines if line[0] < first], [line for line in lines if line[0] >= first]


def _text(paragraph: list[Line]) -> str:
    return " ".join(t.strip() for _, t in paragraph)


_FOR_A = re.compile(r"^\W*for (?:a|an|the|any)\s", re.IGNORECASE)
_MAX_SUMMARY = 240


def read_intro(intro: list[Line], room: set[str]) -> tuple[str, set[int], Routed]:
    """The summary (the page's "For a ..." line, or the intro's first sentence about the role;
    never a heading), the lines it came from, and the rest of the intro routed: a reader's
    "Use this ..." or "Customize ..." into the help sections in `room`, the rest left out."""
    paragraphs = [p for p in split_paragraphs(intro) if not is_heading(p)]
    texts = [_text(p) for p in paragraphs]
    chosen, summary = -1, ""
    for index, text in enumerate(texts):
        if _FOR_A.match(text) and not _NOTE.search(text) and not is_reader_text(text):
            chosen, summary = index, text
            break
    for index, text in enumerate(texts if chosen < 0 else []):
        first = next((s for s in sentences(text) if not is_reader_text(s)), "")
        if first and not _NOTE.search(first) and first[-1] in ".!?":
            chosen, summary = index, first
            break
    if len(summary) > _MAX_SUMMARY:
        summary = sentences(summary)[0][:_MAX_SUMMARY]
    routed = Routed({}, [])
    for index, text in enumerate(texts):
        rest: list[str] = []
        for sentence in sentences(text):
            if index == chosen and sentence in summary:
                continue
            if is_reader_text(sentence):
                routed.add_page_text(" ".join(rest))
                rest = []
                routed.add_reader(sentence, room)
            else:
                rest.append(sentence)
        routed.add_page_text(" ".join(rest))
    lines = {number for number, _ in paragraphs[chosen]} if chosen >= 0 else set()
    return summary, lines, routed
