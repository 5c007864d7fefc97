"""The one gate for text leaving jdwizard: no control character reaches a terminal raw.

A control character in a template, a draft, a profile or a file name (an escape sequence such
as OSC 52, which writes the clipboard) would act on the terminal of whoever looks at it, and a
bidirectional override (U+202E) lets one name pose as another. Noncharacters (U+FDD0-U+FDEF,
and U+FFFE and U+FFFF of every plane) mean nothing in a job post and are treated alike. Three
ways out:

- `visible`: what is *shown* on a terminal (the app, listings, messages, reports). C0 becomes
  its control picture (ESC as ␛, NUL as ␀), DEL ␡, and C1, the bidirectional controls and the
  noncharacters their code point (`<U+202E>`, `<U+FDD0>`). Tab and newline are layout, and kept.
- `for_document`: what is *published* (`render`, Copy, saved documents). The same characters are
  dropped: a post pasted into a job board carries none of them.
- `as_json`: JSON for scripts, with each of them escaped (`\\u001b`, `\\u202e`, `\\ufdd0`).
"""

from __future__ import annotations

import json
import re

_C0 = [code for code in range(0x20) if code not in (0x09, 0x0A)]
_C1 = list(range(0x80, 0xA0))
# Overrides and embeddings (U+202A-U+202E) and isolates (U+2066-U+2069) change the order in
# which text is drawn. The marks (ALM, LRM, RLM) only nudge it; shown, they are made visible
# too, so that nothing on screen reorders a name.
BIDI_CONTROLS = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_BIDI_MARKS = [0x061C, 0x200E, 0x200F]
NONCHARACTERS = [*range(0xFDD0, 0xFDF0),
                 *(plane << 16 | low for plane in range(17) for low in (0xFFFE, 0xFFFF))]

_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in _C0}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({code: f"<U+{code:04X}>"
                 for code in [*_C1, *BIDI_CONTROLS, *_BIDI_MARKS, *NONCHARACTERS]})

_DROPPED: dict[int, None] = dict.fromkeys([*_C0, 0x7F, *_C1, *BIDI_CONTROLS, *NONCHARACTERS])

_ANY_DROPPED = re.compile("[" + "".join(f"\\U{code:08x}" for code in _DROPPED) + "]")


def _json_escape(code: int) -> str:
    """`code` as a JSON string escape (a surrogate pair above U+FFFF)."""
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


_JSON_ESCAPED: dict[int, str] = {
    code: _json_escape(code)
    for code in [0x7F, *_C1, *BIDI_CONTROLS, *_BIDI_MARKS, *NONCHARACTERS]
}


def visible(text: str) -> str:
    """`text` to show on a terminal: each control character as a visible stand-in."""
    return text.translate(_VISIBLE)


def for_document(text: str) -> str:
    """`text` to publish: control characters (but tab and newline), bidi controls and
    noncharacters dropped."""
    return text.translate(_DROPPED) if _ANY_DROPPED.search(text) else text


def has_controls(text: str) -> bool:
    """Whether `text` holds a character that `for_document` drops."""
    return _ANY_DROPPED.search(text) is not None


def as_json(data: object) -> str:
    """`data` as indented JSON, non-ASCII text kept readable, every control escaped (JSON
    escapes C0 itself; DEL, C1, the bidi controls and the noncharacters only occur inside
    strings, where an escape means the same character)."""
    return json.dumps(data, indent=2, ensure_ascii=False).translate(_JSON_ESCAPED)
