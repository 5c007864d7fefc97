"""Shared fixtures: every test runs with its own data folder and a clean environment."""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from jdwizard.template.library import get_template
from jdwizard.template.model import Template

# Test modules list the templates as they are collected, before any fixture runs, and listing
# them writes the template index: a data folder of the tests' own keeps it out of the real cache
# (one for every run, so none is left behind; each test still gets a fresh one, below).
os.environ["JDWIZARD_HOME"] = str(Path(tempfile.gettempdir()) / f"jdwizard-tests-{os.getuid()}")

if TYPE_CHECKING:
    from textual.geometry import Region
    from textual.pilot import Pilot

    from jdwizard.ui.app import JDWizardApp
    from jdwizard.ui.widgets.answer import AnswerBox


def loads_jinja2(code: str, home: Path) -> bool:
    """Whether running `code` in a fresh Python (with its own data folder) imports Jinja2."""
    import subprocess
    import sys

    env = {"JDWIZARD_HOME": str(home), "PATH": "/usr/bin:/bin"}
    script = f"{code}\nimport sys\nprint('jinja2' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, env=env)
    return result.stdout.strip() == "True"


# Plain answers for every field of the built-in Backend Engineer template.
BACKEND_ANSWERS = {
    "company": "Acme Logistics",
    "what_you_do": "a logistics platform that helps 4,000 shops ship faster",
    "scale": "40M API requests a day",
    "work_focus": "platform work",
    "seniority": "Senior",
    "hiring_manager": "Priya Shah, Head of Platform",
    "work_type": "Hybrid",
    "location": "Berlin, Germany",
    "language": "Go",
    "datastore": "PostgreSQL",
    "on_call": "a one-week rotation every six weeks, paid",
    "framework": "gRPC",
    "domain": "payments",
    "salary_range": "€60.000–€75.000 per year",
    "extra_pay": "equity",
    "benefits": "Health insurance\nA yearly learning budget",
    "pto_policy": "30 days of paid vacation",
}


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point JDWIZARD_HOME (and HOME, XDG) at a temporary folder: no test touches the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("JDWIZARD_HOME", str(home / "jdwizard"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    return home / "jdwizard"


@pytest.fixture
def backend() -> Template:
    return get_template("backend-engineer")


@pytest.fixture
def drafts_folder(isolated_home: Path) -> Path:
    return isolated_home / "drafts"


# -- driving the app ---------------------------------------------------------------------------

WAIT_LIMIT = 20.0  # seconds a wait on a state may take before the test fails (a loaded machine)


async def wait_for(pilot: Pilot[None], condition: Callable[[], object], what: str = "") -> None:
    """Let the app run until `condition()` holds: a screen up, a file written, a worker done.

    The app runs its queued messages between checks; the loop also yields to threads (saves
    run in one). Fails (rather than hanging) if that never happens."""
    import asyncio
    import time

    deadline = time.monotonic() + WAIT_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause()
        await asyncio.sleep(0.005)


def answer_box(app: JDWizardApp) -> AnswerBox:
    """The answer box of the field on screen."""
    from jdwizard.ui.screens.wizard import WizardScreen
    from jdwizard.ui.widgets.answer import AnswerBox

    screen = app.screen
    assert isinstance(screen, WizardScreen), screen
    return screen.query_one(f"#answer-{screen.field.name}", AnswerBox)


def post_keys(app: JDWizardApp, *keys: str) -> None:
    """Queue key events all at once, as a fast typist or a paste-happy terminal delivers them."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


class Notice(str):
    """A message the app showed, with its title and severity."""

    title: str
    severity: str


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[Notice]:
    """The messages the app shows the user (its notifications), in order."""
    from jdwizard.ui.app import JDWizardApp

    shown: list[Notice] = []
    notify = JDWizardApp.notify

    def recording(self: JDWizardApp, message: str, **options: Any) -> None:
        notice = Notice(message)
        notice.title = options.get("title", "")
        notice.severity = options.get("severity", "information")
        shown.append(notice)
        notify(self, message, **options)

    monkeypatch.setattr(JDWizardApp, "notify", recording)
    return shown


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press `keys` as a fast typist does, all queued at once (Pilot.press waits for the app
    to idle after each); return once the app has handled them, and the widgets they reached
    too (the wizard's answer boxes, each its own queue)."""
    from jdwizard.ui.screens.base import handled

    app = pilot.app
    post_keys(app, *keys)
    await handled(app)  # each key handled by the app: acted on, or passed to its widget
    focused = app.focused
    if focused is not None:
        await handled(focused)
    settle = getattr(app.screen, "settle_answers", None)
    if settle is not None:
        await settle()
    await pilot.pause()


# -- what the terminal shows -------------------------------------------------------------------

_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-\d+-line-(?P<row>\d+)\)">(?P<text>[^<]*)</text>'
)
_CELL_WIDTH = 12.2  # the width of one cell in Textual's SVG export


def screen_cells(app: JDWizardApp) -> list[list[str]]:
    """The screen as the terminal shows it, one list of cells per row, read from Textual's
    public `export_screenshot()`. A wide character fills its first cell; the next is ""."""
    from rich.cells import cell_len

    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for text in _SVG_TEXT.finditer(app.export_screenshot()):
        cells = rows[int(text["row"])]
        column = round(float(text["x"]) / _CELL_WIDTH)
        for char in html.unescape(text["text"]).replace("\xa0", " "):
            span = cell_len(char)
            if column + span > width:
                break
            cells[column : column + span] = [char] + [""] * (span - 1)
            column += span
    return rows


def screen_rows(app: JDWizardApp) -> list[str]:
    """The text of every row of the screen as the terminal shows it."""
    return ["".join(cells) for cells in screen_cells(app)]


def screen_area(app: JDWizardApp, region: Region) -> str:
    """The text the terminal shows inside `region` of the screen, one line per row."""
    rows = screen_cells(app)[region.y : region.bottom]
    return "\n".join("".join(cells[region.x : region.right]) for cells in rows)
