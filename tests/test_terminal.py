"""Reliability promise 6: small terminals, resizing while typing, NO_COLOR, TERM=dumb, no mouse.

"40×12, resizing while typing, no colour (NO_COLOR), TERM=dumb, no mouse: the app stays usable
or says what it needs." The layout tests drive the app in-process with Pilot; the terminal
tests run the real `python -m jdwizard` in a pseudo-terminal (tests/pty_app.py).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.errors import NoWidget
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from conftest import BACKEND_ANSWERS, answer_box, press, screen_area, screen_rows, wait_for
from jdwizard.draft.file import load_draft
from jdwizard.draft.opening import new_session
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.wizard import WizardScreen
from pty_app import CTRL_Q, START_TIMEOUT, PtyApp

SMALL = (40, 12)
FIRST_QUESTION = "What is your company called?"


def drawn(app: JDWizardApp, widget: Widget) -> bool:
    """Whether the first row of `widget`'s content is on screen and not covered by anything
    (the footer, another widget): the user can see what is typed there."""
    region = widget.content_region
    screen = app.screen
    if not region.area or not screen.region.contains(region.x, region.y):
        return False
    try:
        under, _ = screen.get_widget_at(region.x, region.y)
    except NoWidget:
        return False
    return under is widget


# -- 40×12 --------------------------------------------------------------------------------------


async def test_at_40x12_the_question_and_answer_show_and_typing_saves(drafts_folder, backend):
    path = drafts_folder / "small.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        question = screen.query_one("#question", Static)
        answer = answer_box(app)
        for widget in (question, answer):
            assert widget.region.area > 0, widget
            assert screen.region.contains_region(widget.region), (widget, widget.region)
            assert drawn(app, widget), (widget, widget.region)
        assert app.focused is answer
        assert any(FIRST_QUESTION in line for line in screen_rows(app))

        await press(pilot, *"Acme")
        row = screen_rows(app)[answer.content_region.y]
        assert "Acme" in row  # typed text shows in the answer box
        await press(pilot, "enter")
        assert screen.field.name == "what_you_do"
        assert drawn(app, screen.query_one("#question"))
        assert any("What does your company do?" in line for line in screen_rows(app))
        assert drawn(app, answer_box(app))
        await press(pilot, *"a shop", "ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty, "the save")
    assert load_draft(path).answers == {"company": "Acme", "what_you_do": "a shop"}


async def test_at_40x12_every_fields_answer_box_is_on_screen(drafts_folder, backend):
    """Walking the fields with PageDown, each field's question and the row the user types in
    are drawn (not below the bottom edge, not under the footer)."""
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    hidden = []
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        for field in backend.fields:
            await pilot.pause()
            assert screen.field.name == field.name
            answer = answer_box(app)
            assert app.focused is answer
            if not drawn(app, screen.query_one("#question")):
                hidden.append(f"{field.name}: question")
            if not drawn(app, answer):
                hidden.append(f"{field.name}: answer box (content at {answer.content_region})")
            await press(pilot, "pagedown")
    assert not hidden, f"at {SMALL[0]}x{SMALL[1]}, not on screen: {hidden}"


async def test_at_40x12_the_review_screen_text_is_not_cut_off(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, drafts_folder / "r.toml", dict(BACKEND_ANSWERS)))
    async with app.run_test(size=SMALL) as pilot:
        assert isinstance(app.screen, ReviewScreen)  # every field answered: opens on review
        summary = app.screen.query_one("#review-summary", Static)
        await wait_for(pilot, lambda: str(summary.render()), "the summary")
        width = app.screen.size.width
        summary = app.screen.query_one("#review-summary")
        assert summary.region.right <= width, (
            f"#review-summary spans columns {summary.region.x}-{summary.region.right - 1} of a "
            f"{width}-column screen; its text is cut off: {screen_rows(app)[summary.region.y]!r}"
        )


async def test_at_40x12_the_start_screen_shows_templates_and_drafts(drafts_folder):
    """Both lists keep rows on a 40×12 screen: a template to start and a draft to resume are
    drawn, Enter on the template opens its first question, and Tab reaches the drafts."""
    from jdwizard.draft.file import Draft, save_draft
    from jdwizard.ui.screens.start import StartScreen

    save_draft(Draft("backend-engineer", {"company": "Globex"}), "doc",
               drafts_folder / "globex.toml")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SMALL) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.pause()
        lines = screen_rows(app)
        assert any("Backend Engineer" in line for line in lines), lines
        assert any("Globex" in line for line in lines), lines
        for selector in ("#template-list", "#draft-list"):
            assert drawn(app, app.screen.query_one(selector)), (selector, lines)
        await press(pilot, "tab")  # Tab reaches the drafts
        assert app.screen.query_one("#draft-list").has_focus
        await press(pilot, "shift+tab", "enter")
        assert isinstance(app.screen, WizardScreen)
        await pilot.pause()
        assert any(FIRST_QUESTION in line for line in screen_rows(app))


# -- resizing while typing ------------------------------------------------------------------


async def test_resizing_between_keystrokes_loses_no_character(drafts_folder, backend):
    path = drafts_folder / "resize.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 35)) as pilot:
        screen = app.screen
        await press(pilot, "A", "c")
        await pilot.resize_terminal(40, 12)  # narrow: the preview gives way to the form
        assert not screen.query_one("#preview").display
        await press(pilot, "m", "e")
        await pilot.resize_terminal(80, 24)  # wide again: the preview comes back
        assert screen.query_one("#preview").display
        await press(pilot, " ", "L")
        await pilot.resize_terminal(120, 35)
        await press(pilot, "t", "d")
        assert answer_box(app).text == "Acme Ltd"
        assert app.focused is answer_box(app)
        await press(pilot, "enter")
        await press(pilot, *"a sh")
        await pilot.resize_terminal(40, 12)
        await press(pilot, *"op")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty, "the save")
    assert load_draft(path).answers == {"company": "Acme Ltd", "what_you_do": "a shop"}


def resize_now(app: JDWizardApp, width: int, height: int) -> None:
    """Queue a terminal resize without waiting, as the driver posts one on SIGWINCH."""
    size = Size(width, height)
    app.post_message(events.Resize(size, size))


async def test_resizes_queued_among_keys_lose_no_character(drafts_folder, backend):
    """Keys and resizes arriving together (a fast typist while the window is dragged)."""
    path = drafts_folder / "burst.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 35)) as pilot:
        script: list[str | tuple[int, int]] = [
            "A", "c", (40, 12), "m", "e", (80, 24), "enter", (40, 12), "a", " ", (120, 35),
            "s", "h", (60, 20), "o", "p",
        ]
        for step in script:
            if isinstance(step, tuple):
                resize_now(app, *step)
            else:
                app.post_message(events.Key(step, step if len(step) == 1 else None))
        await wait_for(pilot, lambda: app.session.answers.get("what_you_do") == "a shop")
        assert app.session.answers == {"company": "Acme", "what_you_do": "a shop"}
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty, "the save")
    assert load_draft(path).answers == {"company": "Acme", "what_you_do": "a shop"}


def test_real_terminal_resized_while_typing_keeps_every_key(tmp_path: Path):
    """The real app in a pty; resizing the pty sends SIGWINCH, the app redraws at the new size,
    and the keys typed around it all land in the answer."""
    path = tmp_path / "d.toml"
    with PtyApp(["new", "backend-engineer", "--draft", str(path)], rows=35, cols=120) as app:
        app.wait_for(FIRST_QUESTION, timeout=START_TIMEOUT)
        app.send("Acme")
        mark = app.mark()
        app.resize(12, 40)
        app.send(" Rob")
        app.wait_for(FIRST_QUESTION, since=mark)  # redrawn from scratch: the resize arrived
        mark = app.mark()
        app.resize(24, 80)
        app.send("otics")
        app.wait_for(FIRST_QUESTION, since=mark)
        app.send(CTRL_Q)
        assert app.wait_exit() == 0
    assert load_draft(path).answers == {"company": "Acme Robotics"}


# -- NO_COLOR -----------------------------------------------------------------------------------

_SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def colour_sequences(output: bytes) -> list[bytes]:
    """The SGR sequences in `output` that set a colour: 16-colour (30–37, 40–47, 90–97,
    100–107), 256-colour (38;5;N, 48;5;N) or 24-bit (38;2;R;G;B, 48;2;R;G;B), and underline
    colour (58;...). Default colours (39, 49) and bold, italic, reverse... are not colour."""
    found = []
    for match in _SGR.finditer(output):
        params = match.group(1).decode().split(";") if match.group(1) else ["0"]
        index = 0
        while index < len(params):
            head = params[index].split(":")[0]
            number = int(head) if head.isdigit() else 0
            if number in (38, 48, 58):
                found.append(match.group(0))
                if ":" not in params[index] and index + 1 < len(params):
                    index += {"5": 2, "2": 4}.get(params[index + 1], 1)
                break
            if 30 <= number <= 37 or 40 <= number <= 47 or 90 <= number <= 97 \
                    or 100 <= number <= 107:
                found.append(match.group(0))
                break
            index += 1
    return found


def test_colour_sequences_are_recognised():
    assert colour_sequences(b"\x1b[1;38;5;247;48;5;234mx\x1b[0m") == [b"\x1b[1;38;5;247;48;5;234m"]
    assert colour_sequences(b"\x1b[38;2;1;2;3m\x1b[31m\x1b[48:2::1:2:3m") == [
        b"\x1b[38;2;1;2;3m", b"\x1b[31m", b"\x1b[48:2::1:2:3m"
    ]
    assert colour_sequences(b"\x1b[1;4;39;49m\x1b[7m\x1b[0m\x1b[m\x1b[2;3m") == []


def test_no_color_starts_saves_and_draws_no_colour(tmp_path: Path):
    path = tmp_path / "d.toml"
    with PtyApp(["new", "backend-engineer", "--draft", str(path)], env={"NO_COLOR": "1"}) as app:
        app.wait_for(FIRST_QUESTION, timeout=START_TIMEOUT)
        mark = app.mark()
        app.send("Acme Robotics")
        app.wait_for("Acme Robotics", since=mark)
        app.send(CTRL_Q)
        assert app.wait_exit() == 0
        output = app.raw
        assert f"Draft saved: {path}" in app.text()
    assert load_draft(path).answers == {"company": "Acme Robotics"}
    colours = colour_sequences(output)
    assert not colours, (
        f"NO_COLOR=1, yet the app drew {len(colours)} colour SGR sequences, e.g. "
        f"{sorted(set(colours))[:8]}"
    )


# -- TERM=dumb, no terminal ---------------------------------------------------------------------


@pytest.mark.parametrize("args", [["new", "backend-engineer"], []], ids=["new", "start-screen"])
def test_term_dumb_refuses_in_one_line(args: list[str]):
    with PtyApp(args, env={"TERM": "dumb"}) as app:
        assert app.wait_exit(timeout=20) == 1
        raw, text = app.raw, app.text()
    assert b"\x1b[?1049h" not in raw  # never switched to the full-screen (alternate) buffer
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("jdwizard: error: ") and "TERM=dumb" in lines[0], lines
    assert "Traceback" not in text


@pytest.mark.parametrize("args", [["new", "backend-engineer"], []], ids=["new", "start-screen"])
def test_without_a_terminal_it_says_it_needs_one(args: list[str]):
    result = subprocess.run(
        [sys.executable, "-m", "jdwizard", *args], stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60, env={**os.environ, "TERM": "xterm-256color"},
    )
    assert result.returncode == 1, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("jdwizard: error: ")
    assert "needs an interactive terminal" in lines[0]


# -- no mouse -----------------------------------------------------------------------------------


async def test_keyboard_only_at_40x12_reaches_review_and_saves(drafts_folder, backend):
    """No mouse: answer the last three required fields (typed, or pasted as a terminal pastes),
    move on with Enter and PageDown, reach the review screen, save with Ctrl+S; nothing is
    clicked."""
    path = drafts_folder / "keys.toml"
    typed = {"salary_range": "$150k-190k per year", "benefits": "Health\nDental",
             "pto_policy": "30 days"}
    presets = {name: value for name, value in BACKEND_ANSWERS.items() if name not in typed}
    app = JDWizardApp(new_session(backend, path, presets, folder=drafts_folder))
    async with app.run_test(size=SMALL) as pilot:
        screen = app.screen
        assert screen.field.name == "salary_range"  # the first unanswered required field
        app.post_message(events.Paste(typed["salary_range"]))  # as the terminal sends a paste
        await wait_for(pilot, lambda: answer_box(app).text == typed["salary_range"])
        await press(pilot, "enter")
        assert screen.field.name == "extra_pay"  # optional, already answered: move on
        await press(pilot, "enter")
        assert screen.field.name == "benefits"
        await press(pilot, *"Health", "enter", *"Dental", "pagedown")
        assert screen.field.name == "pto_policy"
        await press(pilot, *typed["pto_policy"], "enter")
        # the standard fields after it: optional, or answered by their defaults
        for name, key in (("interview_process", "pagedown"), ("extra", "pagedown"),
                          ("apply_by", "enter"), ("how_to_apply", "pagedown"),
                          ("eeo_statement", "pagedown")):
            assert screen.field.name == name
            await press(pilot, key)
        assert isinstance(app.screen, ReviewScreen)
        summary = app.screen.query_one("#review-summary", Static)
        await wait_for(pilot, lambda: "Every required field is answered" in str(
            summary.render()), "the summary")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: not app.session.dirty, "the save")
    assert load_draft(path).answers == {**presets, **typed}
    assert "30 days" in path.with_suffix(".md").read_text("utf-8")


@pytest.mark.parametrize("size", [(120, 40), (80, 24), SMALL])
async def test_every_review_button_is_whole_on_screen(drafts_folder, backend, size):
    """No button is cut off at the side panel's edge or the screen's (five buttons in a row
    once ran past a 46-column panel: "Copy Save To profile Back Qu")."""
    from textual.widgets import Button

    app = JDWizardApp(new_session(backend, drafts_folder / "r.toml", dict(BACKEND_ANSWERS)))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        side = screen.query_one("#review-side").content_region
        buttons = list(screen.query(Button))
        assert len(buttons) == 5
        for button in buttons:
            screen.query_one("#review-side").scroll_to_widget(button, animate=False)
            await pilot.pause()
            region = button.region
            label = str(button.label)
            assert side.x <= region.x and region.right <= side.right, (label, region, side)
            assert region.right <= screen.size.width, (label, region)
            row = screen_area(app, region)
            assert label in row, (label, row)


async def test_two_sizes_queued_together_settle_and_typing_goes_on(
    drafts_folder, backend, monkeypatch
):
    """Resizes to two sizes queued at once, other messages between them (a window dragged
    while the app is busy): the screen settles and typing goes on. (Work the wizard queued on
    each resize kept Textual from merging the two, and the screen swapped between the two
    layouts forever; a resize to a size the terminal no longer has is now left alone.)"""
    layouts = 0
    wizard_on_resize = WizardScreen.on_resize

    def counted(screen: WizardScreen, event: events.Resize) -> None:
        nonlocal layouts
        layouts += 1
        if layouts > 50:  # fail, rather than hang the suite as it did
            raise AssertionError("the screen keeps laying itself out between two sizes")
        wizard_on_resize(screen, event)

    monkeypatch.setattr(WizardScreen, "on_resize", counted)
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 35)) as pilot:
        screen = app.screen
        resize_now(app, 60, 20)  # the terminal's size from now on
        screen.post_message(events.Resize(Size(40, 12), Size(40, 12)))
        screen.call_later(lambda: None)  # not next to each other: neither replaces the other
        screen.post_message(events.Resize(Size(60, 20), Size(60, 20)))
        await press(pilot, *"Acme")
        assert answer_box(app).text == "Acme"
        await wait_for(pilot, lambda: screen.size == Size(60, 20), "the terminal's size")
    assert layouts < 10
