"""The one gate for text leaving jdwizard: no control character reaches a terminal raw.

A control character in a template, a draft, a profile or a file name (an escape sequence such
as OSC 52, which writes the clipboard) would act on the terminal of whoever looks at it, and a
bidirectional override (U+202E) lets one name pose as another. Three ways out:

- `visible`: what is *shown* on a terminal (the app, listings, messages, reports). C0 becomes
  its control picture (ESC as ␛, NUL as ␀), DEL ␡, and C1 and the bidirectional controls their
  code point (`<U+202E>`). Tab and newline are layout, and kept.
- `for_document`: what is *published* (`render`, Copy, saved documents). The same characters are
  dropped: a post pasted into a job board carries none of them.
- `as_json`: JSON for scripts, with each of them escaped (`\\u001b`, `\\u202e`).
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

_VISIBLE: dict[int, str] = {code: chr(0x2400 + code) for code in _C0}
_VISIBLE[0x7F] = "\u2421"
_VISIBLE.update({code: f"<U+{code:04X}>" for code in [*_C1, *BIDI_CONTROLS, *_BIDI_MARKS]})

_DROPPED: dict[int, None] = dict.fromkeys([*_C0, 0x7F, *_C1, *BIDI_CONTROLS])

_ANY_DROPPED = re.compile("[" + "".join(f"\\u{code:04x}" for code in _DROPPED) + "]")

_JSON_ESCAPED: dict[int, str] = {
    code: f"\\u{code:04x}" for code in [0x7F, *_C1, *BIDI_CONTROLS, *_BIDI_MARKS]
}


def visible(text: str) -> str:
    """`text` to show on a terminal: each control character as a visible stand-in."""
    return text.translate(_VISIBLE)


def for_document(text: str) -> str:
    """`text` to publish: control characters (but tab and newline) and bidi controls dropped."""
    return text.translate(_DROPPED) if _ANY_DROPPED.search(text) else text


def has_controls(text: str) -> bool:
    """Whether `text` holds a character that `for_document` drops."""
    return _ANY_DROPPED.search(text) is not None


def as_json(data: object) -> str:
    """`data` as indented JSON, non-ASCII text kept readable, every control escaped (JSON
    escapes C0 itself; DEL, C1 and the bidi controls only occur inside strings, where an
    escape means the same character)."""
    return json.dumps(data, indent=2, ensure_ascii=False).translate(_JSON_ESCAPED)
