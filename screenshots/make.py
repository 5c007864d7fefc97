"""Regenerate the README's screenshots from the real app: `python screenshots/make.py`.

Drives jdwizard headless at a fixed size with a throwaway data folder and saves one SVG per
screen into this folder. `--check` writes them to a temporary folder instead (for CI).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

SIZE = (120, 34)
# The template's own sample answers, but for the ones the screenshots type.
TYPED = ("datastore", "salary_range", "benefits", "pto_policy", "apply_by")


def answers_of(template) -> dict[str, str]:
    """The sample answers of `template`, without those the screenshots fill in."""
    return {field.name: field.sample for field in template.fields
            if field.sample is not None and field.name not in TYPED}


async def until(pilot, condition) -> None:
    """Let the app run until `condition()` holds (a screen up, the preview compiled)."""
    for _ in range(2000):
        if condition():
            await pilot.pause()
            return
        await pilot.pause()
        await asyncio.sleep(0.005)
    raise SystemExit("the app never got there")


async def capture(out: Path) -> list[Path]:
    from jdwizard.config import update_config
    from jdwizard.draft.file import Draft, save_draft
    from jdwizard.draft.opening import new_session
    from jdwizard.draft.profiles import update_profile_from
    from jdwizard.template.library import get_template
    from jdwizard.ui.app import JDWizardApp

    home = Path(os.environ["JDWIZARD_HOME"])
    drafts = home / "drafts"
    written = []
    template = get_template("backend-engineer")
    answers = answers_of(template)
    save_draft(Draft("backend-engineer", answers=dict(answers)), "",
               drafts / "acme-logistics-backend-engineer.toml")
    nurse = get_template("registered-nurse")
    save_draft(Draft("registered-nurse", answers=answers_of(nurse)), "",
               drafts / "registered-nurse.toml")
    update_profile_from(dict(answers), template, "acme-logistics")
    update_config(profile="acme-logistics")  # the start screen shows the chosen profile

    app = JDWizardApp(None, drafts)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the start screen is up once the app has started
        written.append(Path(app.save_screenshot("start.svg", str(out))))

    app = JDWizardApp(new_session(template, drafts / "shot.toml", dict(answers), drafts))
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("datastore")
        await pilot.press(*"PostgreSQL")
        await until(pilot, lambda: app.session.renderer_ready)
        written.append(Path(app.save_screenshot("field.svg", str(out))))
        await app.screen.jump_to("requirements")  # the template's list, to edit
        await pilot.pause()
        written.append(Path(app.save_screenshot("list.svg", str(out))))
        await app.screen.jump_to("salary_range")
        await pilot.press(*"$150k-190k per year")
        await pilot.pause()
        written.append(Path(app.save_screenshot("salary.svg", str(out))))
        await pilot.press("ctrl+r")
        summary = app.screen.query_one("#check-summary")
        await until(pilot, lambda: "Checking" not in str(summary.render()))
        written.append(Path(app.save_screenshot("review.svg", str(out))))
        await pilot.press("escape", "f1")
        await until(pilot, lambda: app.screen.query("#help-text"))
        written.append(Path(app.save_screenshot("help.svg", str(out))))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write to a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["JDWIZARD_HOME"] = str(Path(scratch) / "home")
        out = Path(scratch) / "out" if args.check else Path(__file__).resolve().parent
        out.mkdir(parents=True, exist_ok=True)
        written = asyncio.run(capture(out))
        for path in written:
            if path.stat().st_size == 0:
                print(f"empty screenshot: {path}", file=sys.stderr)
                return 1
            print(path if not args.check else f"ok {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
