"""Export formats: the Markdown document as-is, or as plain text for forms that show no Markdown."""

from __future__ import annotations

import re

FORMATS = ("markdown", "text")

_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def to_plain_text(markdown: str) -> str:
    """Headings become their text, list items start with "•", bold markers are dropped."""
    lines = []
    for line in markdown.splitlines():
        line = _HEADING.sub("", line)
        line = _BULLET.sub(r"\1• ", line)
        lines.append(_EMPHASIS.sub(r"\2", line))
    return "\n".join(lines).rstrip("\n") + "\n"


def export(markdown: str, format_name: str) -> str:
    """The document in `format_name` (one of FORMATS)."""
    if format_name == "text":
        return to_plain_text(markdown)
    return markdown
