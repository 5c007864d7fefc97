"""The Textual bugs that jdwizard/ui/textual_fixes.py works around, reproduced on Textual's own
classes (when a release fixes one, its test here fails: the workaround can go), and the fix."""

from __future__ import annotations

import gc
import inspect
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer as TextualFooter
from textual.widgets import Input, TextArea

from jdwizard.ui import textual_fixes
from pty_app import START_TIMEOUT, PtyApp


async def footer_keys_alive(footer_class: type[TextualFooter]) -> int:
    """Switch the focus 20 times in an app with `footer_class`; the Footer keys still alive."""

    class Keys(App[None]):
        BINDINGS = [Binding("f2", "bell", "Bell"), Binding("f3", "bell", "Again")]

        def compose(self) -> ComposeResult:
            yield Input(id="one")
            yield Input(id="two")
            yield footer_class()

    app = Keys()
    async with app.run_test() as pilot:
        for _ in range(20):
            app.post_message(events.Key("tab", None))
            await pilot.pause()  # the focus moves, and the Footer shows its keys anew
        gc.collect()
        return sum(type(o).__name__ == "FooterKey" for o in gc.get_objects())


@pytest.mark.skipif(not textual_fixes.APPLIES, reason="written for another Textual version")
async def test_textual_footer_keeps_the_keys_it_no_longer_shows():
    """The bug: each focus change shows the keys anew and the old ones stay alive."""
    assert await footer_keys_alive(TextualFooter) > 20


async def test_the_fixed_footer_keeps_only_the_keys_it_shows():
    assert await footer_keys_alive(textual_fixes.Footer) <= 6  # two keys and the palette, twice


class Typed(App[None]):
    def __init__(self, box: TextArea) -> None:
        super().__init__()
        self.box = box

    def compose(self) -> ComposeResult:
        yield self.box


async def typed_in_a_burst(box: TextArea) -> str:
    """The text after "a", "b", Backspace, "c", Left, "x" arrive at once."""
    app = Typed(box)
    async with app.run_test() as pilot:
        app.set_focus(box)
        await pilot.pause()
        for key in ("a", "b", "backspace", "c", "left", "x"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        for _ in range(10):
            await pilot.pause()
        return box.text


@pytest.mark.skipif(not textual_fixes.APPLIES, reason="written for another Textual version")
async def test_textual_runs_a_widgets_bindings_after_the_characters_typed_since():
    """The bug: Backspace and Left act once the later characters are already typed."""
    assert await typed_in_a_burst(TextArea()) != "axc"


async def test_keys_in_order_acts_on_each_key_in_its_turn():
    class Box(textual_fixes.KeysInOrder, TextArea):
        pass

    assert await typed_in_a_burst(Box()) == "axc"


STOCK_LINUX_DRIVER = "textual.drivers.linux_driver:LinuxDriver"


@pytest.mark.skipif(not textual_fixes.APPLIES, reason="written for another Textual version")
@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver")
def test_textuals_linux_driver_ends_the_app_on_a_byte_that_is_not_utf8(tmp_path: Path):
    """The bug: jdwizard on Textual's own LinuxDriver (TEXTUAL_DRIVER names it, so jdwizard
    keeps it) in a real pty; a Latin-1 "é" (0xE9) ends the app, what was typed unsaved."""
    path = tmp_path / "d.toml"
    args = ["new", "backend-engineer", "--draft", str(path)]
    with PtyApp(args, env={"TEXTUAL_DRIVER": STOCK_LINUX_DRIVER}) as app:
        app.wait_for("What is your company called?", timeout=START_TIMEOUT)
        app.send(b"Acme\xe9 Robotics")
        app.wait_exit()  # ended by itself (status 0: Textual's panic sets none)
        assert "UnicodeDecodeError" in app.text()
    assert not path.exists() or "Acme" not in path.read_text(encoding="utf-8")  # lost


def test_the_lenient_driver_is_textuals_but_for_the_decoder():
    """LenientLinuxDriver.run_input_thread is a copy: it must still be Textual's method, with
    only its decoder (the line marked CHANGED, decoding with errors="replace") different."""
    from textual.drivers.linux_driver import LinuxDriver

    def lines(method: Callable[..., object]) -> list[str]:
        return textwrap.dedent(inspect.getsource(method)).splitlines()

    ours = [line.split("  # noqa")[0].split("  # CHANGED")[0]
            for line in lines(textual_fixes.LenientLinuxDriver.run_input_thread)]
    changed = [index for index, line in enumerate(ours) if '("replace")' in line]
    assert len(changed) == 1
    ours[changed[0]] = ours[changed[0]].replace('("replace")', "()")
    assert ours == lines(LinuxDriver.run_input_thread)


def test_only_textuals_own_linux_driver_is_replaced(monkeypatch: pytest.MonkeyPatch):
    from textual import constants
    from textual.drivers.headless_driver import HeadlessDriver
    from textual.drivers.linux_driver import LinuxDriver

    fixed = textual_fixes.LenientLinuxDriver if textual_fixes.APPLIES else LinuxDriver
    assert textual_fixes.input_driver(LinuxDriver) is fixed
    assert textual_fixes.input_driver(HeadlessDriver) is HeadlessDriver
    monkeypatch.setattr(constants, "DRIVER", STOCK_LINUX_DRIVER)  # named: taken as asked
    assert textual_fixes.input_driver(LinuxDriver) is LinuxDriver
