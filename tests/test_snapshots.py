"""Visual regressions of the start, field and review screens (pytest-textual-snapshot).

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import time
from pathlib import Path

from conftest import BACKEND_ANSWERS, answer_box, wait_for
from jdwizard.draft.opening import new_session
from jdwizard.template.library import get_template
from jdwizard.ui.app import JDWizardApp

SIZE = (100, 30)
# Sessions get a fixed draft path: an automatic name would carry today's date into the picture.


def test_start_screen(snap_compare, drafts_folder: Path, monkeypatch):
    drafts_folder.mkdir(parents=True)
    (drafts_folder / "globex.toml").write_text(
        'template = "backend-engineer"\nupdated = 2026-11-20T09:30:00Z\n'
        '[answers]\ncompany = "Globex"\n', "utf-8"
    )
    monkeypatch.setenv("TZ", "UTC")  # the row shows the local time of the last save
    time.tzset()

    try:
        app = JDWizardApp(None, drafts_folder)
        assert snap_compare(app, terminal_size=SIZE)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_field_screen(snap_compare, drafts_folder: Path):
    answers = {k: v for k, v in BACKEND_ANSWERS.items() if k in ("company", "what_you_do")}
    session = new_session(get_template("backend-engineer"), drafts_folder / "role.toml", answers)

    async def go_to_language(pilot) -> None:
        await pilot.app.screen.jump_to("language")
        await pilot.press(*"Go")
        # the cursor drawn steadily: a blink timer could hide it in the picture on a slow run
        answer_box(pilot.app).cursor_blink = False
        await wait_for(pilot, lambda: pilot.app.session.renderer_ready, "the preview")
        await pilot.pause()

    assert snap_compare(JDWizardApp(session), terminal_size=SIZE, run_before=go_to_language)


def test_review_screen(snap_compare, drafts_folder: Path):
    answers = dict(BACKEND_ANSWERS, salary_range="", location="")
    session = new_session(get_template("backend-engineer"), drafts_folder / "role.toml", answers)

    async def review(pilot) -> None:
        await pilot.press("ctrl+r")
        summary = pilot.app.screen.query_one("#check-summary")
        await wait_for(pilot, lambda: "Checking" not in str(summary.render()), "the checks")
        await pilot.pause()

    assert snap_compare(JDWizardApp(session), terminal_size=SIZE, run_before=review)
