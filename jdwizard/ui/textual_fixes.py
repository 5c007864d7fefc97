"""Workarounds for bugs of Textual itself: the one module allowed Textual's private names.

Each is written for the Textual versions in FIXED_FOR, checks the installed one, and stands
down on another (tests/test_textual_fixes.py reproduces each bug on Textual's own classes: when
a release fixes one, its test fails, and the workaround can go).

Keys act out of order (Textual 8.2): see KeysInOrder.

Footer keys leak (Textual 8.2): every time the Footer shows other keys (each focus change), the
keys it drops stay alive. Each key watches the Footer's `compact` setting (`data_bind`), and a
watcher is removed only when that setting changes, which it never does: after a few hundred
field changes, megabytes of dead keys. `Footer` here drops the watchers of closed keys each
time it shows new ones.

Undecodable input ends the app (Textual 8.2): the Linux driver decodes the terminal's bytes as
strict UTF-8, so one invalid byte (a Latin-1 terminal's "é", pasted binary) raises in its input
thread and the app panics, losing what was not saved. `input_driver` swaps in
LenientLinuxDriver, which decodes with errors="replace": the byte becomes U+FFFD. (Windows'
driver reads characters, not bytes: left alone; so is the inline driver, which jdwizard never
runs.)
"""

from __future__ import annotations

import os
import re
import selectors
import sys
from codecs import getincrementaldecoder
from pathlib import Path
from typing import cast

import textual
from textual import constants, events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.driver import Driver
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter

FIXED_FOR = ("8.2.",)


def textual_version() -> str:
    """The installed Textual's version, from its install record beside it (textual.__version__
    imports importlib.metadata, email and zipfile: about 6 ms of start-up), else as Textual
    says it."""
    site = Path(textual.__file__).resolve().parent.parent
    for record in site.glob("textual-*.dist-info"):
        found = re.fullmatch(r"textual-(.+)\.dist-info", record.name)
        if found:
            return found.group(1)
    return str(textual.__version__)


TEXTUAL_VERSION = textual_version()
APPLIES = TEXTUAL_VERSION.startswith(FIXED_FOR)


class Footer(TextualFooter):
    """Textual's Footer, without keeping the keys it no longer shows."""

    def compose(self) -> ComposeResult:
        if APPLIES:
            self._drop_closed_key_watchers()
        return super().compose()

    def _drop_closed_key_watchers(self) -> None:
        watchers = getattr(self, "__watchers", {})  # Textual's registry (reactive._watch)
        for name, entries in watchers.items():
            watchers[name] = [(node, callback) for node, callback in entries
                              if not getattr(node, "_closing", False)
                              and not getattr(node, "_closed", False)]


class KeysInOrder:
    """Mixed into a widget: its own key bindings act in the order the keys were typed.

    Textual (8.2) runs a widget's key binding (Backspace, the arrows, Ctrl+W...) only once the
    key has bubbled back up to the app, while a character is typed into the widget straight
    away. Keys that arrive together (a fast typist while the app is busy, a terminal that
    sends a burst) then act out of order: "ab", Backspace, "c" gives "abc", not "ac". Here
    the widget runs its own (non-priority) bindings as each key reaches it, in its turn."""

    async def on_key(self, event: events.Key) -> None:
        if not APPLIES:
            return
        action = own_bindings(type(self)).get(event.key)
        if action is None:
            return
        event.stop()
        event.prevent_default()
        await cast(Widget, self).run_action(action)


_OWN_BINDINGS: dict[type, dict[str, str]] = {}


def own_bindings(widget_class: type) -> dict[str, str]:
    """Key -> action, for the bindings a widget's classes declare (not the priority ones)."""
    if widget_class not in _OWN_BINDINGS:
        actions: dict[str, str] = {}
        for klass in reversed(widget_class.__mro__):
            for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
                if not binding.priority:
                    actions[binding.key] = binding.action
        _OWN_BINDINGS[widget_class] = actions
    return _OWN_BINDINGS[widget_class]


def input_driver(chosen: type[Driver]) -> type[Driver]:
    """The driver to run with, given the one Textual chose: LenientLinuxDriver in place of
    Textual's LinuxDriver on the versions in FIXED_FOR, else `chosen` unchanged: on another
    version, for a driver named in TEXTUAL_DRIVER (taken as asked), and on Windows (its
    driver reads the console's keys as characters, not bytes: left alone)."""
    if APPLIES and sys.platform != "win32" and chosen is LinuxDriver and not constants.DRIVER:
        return LenientLinuxDriver
    return chosen


if sys.platform != "win32":  # Textual's Linux driver imports termios: not on Windows
    from textual._loop import loop_last
    from textual._parser import ParseError
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    class LenientLinuxDriver(LinuxDriver):
        """Textual's LinuxDriver, reading bytes that are not UTF-8 as U+FFFD, not ending the
        app (the stock driver's input thread raises UnicodeDecodeError and the app panics).

        The strict decoder is a local of `run_input_thread`, so the method is Textual 8.2.8's,
        copied as is but for the line marked CHANGED (tests/test_textual_fixes.py checks that
        the copy still matches Textual's own method)."""

        def run_input_thread(self) -> None:
            """Wait for input and dispatch events."""
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)

            fileno = self.fileno
            EVENT_READ = selectors.EVENT_READ

            parser = XTermParser(self._debug)
            feed = parser.feed
            tick = parser.tick

            utf8_decoder = getincrementaldecoder("utf-8")("replace").decode  # CHANGED
            decode = utf8_decoder
            read = os.read

            def process_selector_events(
                selector_events: list[tuple[selectors.SelectorKey, int]],
                final: bool = False,
            ) -> None:
                """Process events from selector.

                Args:
                    selector_events: List of selector events.
                    final: True if this is the last call.

                """
                for last, (_selector_key, mask) in loop_last(selector_events):
                    if mask & EVENT_READ:
                        unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                        if not unicode_data:
                            # This can occur if the stdin is piped
                            break
                        for event in feed(unicode_data):
                            self.process_message(event)
                for event in tick():
                    self.process_message(event)

            try:
                while not self.exit_event.is_set():
                    process_selector_events(selector.select(0.1))
                selector.unregister(self.fileno)
                process_selector_events(selector.select(0.1), final=True)

            finally:
                selector.close()
                try:
                    for event in feed(""):  # noqa: B007 (Textual's line)
                        pass
                except (EOFError, ParseError):
                    pass
