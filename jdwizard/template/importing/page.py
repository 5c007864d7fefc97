"""The page a template was copied from: its sections ("When to use", "Writing tips", the job
description, "How to personalize", FAQ), its title, summary and category; page chrome (pricing,
sign-up prompts, navigation) left out."""

from __future__ import annotations

import re
from pathlib import Path

from jdwizard.template.importing.lines import Line, split_paragraphs

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


def front(preamble: list[Line], source_name: str, paged: bool) -> tuple[str, int, str, set[int]]:
    """The title, the line it came from (0: the file name), and a summary (pages only) with the
    lines it came from."""
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
    summary, summary_lines = "", set()
    if paged:
        after = [p for p in split_paragraphs(preamble) if p[0][0] > title_line]
        texts = [(" ".join(t.strip() for _, t in p), p) for p in after]
        summary, lines = next(
            ((t, p) for t, p in texts if "template" not in t.lower() and "{" not in t), ("", [])
        )
        summary_lines = {number for number, _ in lines}
    return title or "Imported template", title_line, summary, summary_lines
