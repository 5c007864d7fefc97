"""Text from files made safe to show on a terminal: no control character reaches it raw.

A control character in a template, a draft or a profile (an escape sequence, say) would act on
the terminal of whoever looks at it. Shown, each becomes a visible stand-in: C0 as its control
picture (ESC as ␛, NUL as ␀), DEL as ␡, C1 as �. Tab and newline are layout, and kept.
"""

from __future__ import annotations

_VISIBLE = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_VISIBLE[0x7F] = 0x2421
_VISIBLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """`text` with each control character (other than tab and newline) shown as a symbol."""
    return text.translate(_VISIBLE)
