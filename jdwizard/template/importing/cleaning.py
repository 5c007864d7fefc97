"""The source's lines cleaned before they are read: an escape sequence (`ESC [ 2 J`, OSC 52
`ESC ] 52 ; c ; … ESC \\`) removed whole, then every character `safe_text.for_document` drops
(C0 and C1 controls but tab and newline, the bidi overrides and isolates) and the Unicode
noncharacters (U+FDD0-U+FDEF, U+FFFE and U+FFFF of every plane), which mean nothing in a job post.

The line numbers cleaned are kept, so that the import can say which sections were touched."""

from __future__ import annotations

import re

from jdwizard.safe_text import for_document, has_controls

# CSI (ESC [ parameters, intermediates, a final byte) and OSC (ESC ] text, ended by BEL or
# ESC \). Each part is a character class the next cannot match, so no match backtracks more
# than its own length; an OSC not ended on its line is left to the per-character drop.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")

_NONCHARACTERS = re.compile(
    "[\ufdd0-\ufdef" + "".join(f"{chr(p << 16 | 0xFFFE)}{chr(p << 16 | 0xFFFF)}" for p in range(17))
    + "]"
)


def is_dirty(text: str) -> bool:
    """Whether `text` holds anything `clean` removes."""
    return has_controls(text) or _NONCHARACTERS.search(text) is not None


def clean(text: str) -> str:
    """`text` without escape sequences, control characters, bidi controls or noncharacters."""
    if not is_dirty(text):
        return text
    return _NONCHARACTERS.sub("", for_document(_ESCAPE_SEQUENCE.sub("", text)))


def clean_lines(lines: list[str]) -> tuple[list[str], set[int]]:
    """The lines cleaned, and the (1-based) numbers of those that changed."""
    dirty = {number for number, line in enumerate(lines, 1) if is_dirty(line)}
    return [clean(line) for line in lines], dirty
