"""Screens lay themselves out at the terminal's size, not at the size a Resize event carries.

Textual (8.2.8) lays a screen out at the size its Resize event carries, and a layout that
changes the screen's size posts the screen another Resize with that size. When resizes to two
different sizes are queued at once with other messages between them (a window dragged while
the app is busy), each layout undoes the other's and posts another: the screen swaps between
the two sizes forever, at full CPU, and the rest of the app (timers, saving, anything waiting on
the event loop) stops getting its turn. At the terminal's current size, the later of them finds
nothing to change and the exchange stops.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen

_textual_on_resize = Screen._on_resize


async def _on_resize_at_terminal_size(self: Screen, event: events.Resize) -> None:
    """Screen._on_resize, with the app's size (the terminal's latest) for the event's."""
    size = self.app.size
    if size != event.size and not self.app.is_inline:
        event.stop()
        event = events.Resize(size, size)
    await _textual_on_resize(self, event)


def install() -> None:
    """Make every screen (jdwizard's and Textual's own, such as the command palette) lay
    itself out at the terminal's size. Done once, when the app module is imported."""
    Screen._on_resize = _on_resize_at_terminal_size  # type: ignore[method-assign]
