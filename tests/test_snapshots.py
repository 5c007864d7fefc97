"""Visual regressions of the start, field and review screens (pytest-textual-snapshot).

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

from conftest import BACKEND_ANSWERS
from jdwizard.app_state import new_session
from jdwizard.drafts import Draft, save_draft
from jdwizard.library import get_template
from jdwizard.ui.app import JDWizardApp

SIZE = (100, 30)
# Sessions get a fixed draft path: an automatic name would carry today's date into the picture.


def test_start_screen(snap_compare, drafts_folder: Path):
    save_draft(Draft("backend-engineer", answers={"company": "Globex"}), "",
               drafts_folder / "globex.toml")
    import os

    os.utime(drafts_folder / "globex.toml", (1_790_000_000, 1_790_000_000))
    app = JDWizardApp(None, drafts_folder)
    assert snap_compare(app, terminal_size=SIZE, run_before=_hide_times)


async def _hide_times(pilot) -> None:
    """Drafts list rows show when they were saved: pin that text for a stable picture."""
    from textual.widgets import OptionList

    drafts = pilot.app.screen.query_one("#draft-list", OptionList)
    for index in range(drafts.option_count):
        drafts.replace_option_prompt_at_index(index, "Globex  Backend Engineer\n1/12 answered")
    await pilot.pause()


def test_field_screen(snap_compare, drafts_folder: Path):
    answers = {k: v for k, v in BACKEND_ANSWERS.items() if k in ("company", "what_you_do")}
    session = new_session(get_template("backend-engineer"), drafts_folder / "role.toml", answers)

    async def go_to_language(pilot) -> None:
        pilot.app.screen.jump_to("language")
        await pilot.press(*"Go")
        await pilot.pause()

    assert snap_compare(JDWizardApp(session), terminal_size=SIZE, run_before=go_to_language)


def test_review_screen(snap_compare, drafts_folder: Path):
    answers = dict(BACKEND_ANSWERS, salary_range="", location="")
    session = new_session(get_template("backend-engineer"), drafts_folder / "role.toml", answers)

    async def review(pilot) -> None:
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(JDWizardApp(session), terminal_size=SIZE, run_before=review)
