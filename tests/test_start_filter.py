"""The start screen with dozens of templates: grouped by job family, `/` filters them by title
and summary (as it filters the drafts), and the single-key commands keep working, at 80×24 and
at 40×12."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from conftest import press, wait_for
from jdwizard.paths import builtin_templates_dir
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.dialogs import AskScreen, ProfileChooser
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen

FAMILIES = ["Healthcare", "Hospitality & Retail", "Operations & Logistics", "Sales"]
ROLES = ["Registered Nurse", "Line Cook", "Warehouse Associate", "Account Executive",
         "Medical Assistant", "Store Associate", "Delivery Driver", "Sales Representative"]


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Thirty templates more, in four job families, in a shared folder."""
    root = tmp_path / "library"
    for number in range(30):
        family, role = FAMILIES[number % 4], ROLES[number % 8]
        folder = root / f"role-{number:02d}"
        shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
        meta = folder / "template.toml"
        text = meta.read_text("utf-8")
        text = text.replace('id = "backend-engineer"', f'id = "role-{number:02d}"', 1)
        text = text.replace('title = "Backend Engineer"', f'title = "{role} {number}"', 1)
        text = re.sub(r'(?m)^category = ".*"', f'category = "{family}"', text, count=1)
        summary = f"For a {role.lower()} on the Zephyr team, number {number}."
        text = re.sub(r'(?m)^summary = ".*"', f'summary = "{summary}"', text, count=1)
        meta.write_text(text, "utf-8")
    monkeypatch.setenv("JDWIZARD_TEMPLATE_PATH", str(root))
    return root


def rows(app: JDWizardApp) -> list[str]:
    options = app.screen.query_one("#template-list", OptionList)
    return [str(options.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(options.option_count)]


def highlighted(app: JDWizardApp) -> str:
    options = app.screen.query_one("#template-list", OptionList)
    option = options.highlighted_option
    return str(option.prompt).split("  ")[0] if option is not None else ""


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_slash_filters_the_templates_by_title_and_summary(library, drafts_folder, size):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        template_filter = app.screen.query_one("#template-filter", Input)
        assert not template_filter.display  # no row spent on it until it is wanted
        assert len(rows(app)) > 35
        await press(pilot, "slash")
        assert app.focused is template_filter and template_filter.display
        assert template_filter.region.height >= 1 and template_filter.region.width > 10
        await press(pilot, *"nurse")  # in the title
        shown = [row for row in rows(app) if not row.isupper()]
        assert shown and all("Registered Nurse" in row for row in shown)
        assert rows(app)[-5:] == ["SHARED: LIBRARY", "Registered Nurse 0  role-00 · Healthcare",
                                  "Registered Nurse 16  role-16 · Healthcare",
                                  "Registered Nurse 24  role-24 · Healthcare",
                                  "Registered Nurse 8  role-08 · Healthcare"]
        await press(pilot, *["backspace"] * 5, *"zephyr")  # in the summaries only
        assert rows(app)[0] == "SHARED: LIBRARY" and len(rows(app)) == 31
        await press(pilot, *["backspace"] * 6, *"xpid")  # letters typed here, not commands
        assert template_filter.value == "xpid" and isinstance(app.screen, StartScreen)
        assert rows(app) == ["No template matches the filter."]
        await press(pilot, *["backspace"] * 4, *"software-engineer")  # or the id
        assert rows(app)[1:] == ["Software Engineer"]
        await press(pilot, "enter")  # the first match, as in the drafts filter
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        assert app.session is not None and app.session.template.id == "software-engineer"


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_single_key_commands_work_on_a_filtered_list(library, drafts_folder, size):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        start = app.screen
        await press(pilot, "slash", *"zephyr cook", "tab")  # Tab: to the list, still filtered
        template_list = start.query_one("#template-list", OptionList)
        assert app.focused is template_list and highlighted(app) == "Line Cook 1"
        assert start.query_one("#template-filter").display  # it holds words: it stays
        await press(pilot, "down")
        assert highlighted(app) == "Line Cook 17"
        await press(pilot, "p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileChooser), "the profiles")
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is start, "the start screen")
        await press(pilot, "i")
        await wait_for(pilot, lambda: isinstance(app.screen, AskScreen), "the import dialog")
        await press(pilot, "escape")
        await wait_for(pilot, lambda: app.screen is start, "the start screen")
        await press(pilot, "slash", *["backspace"] * 11, "tab")  # emptied: every template
        assert len(rows(app)) > 35 and not start.query_one("#template-filter").display
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")


async def test_the_templates_are_grouped_by_job_family(library, drafts_folder):
    """A heading per family (the built-in ones' categories), then each shared folder's."""
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        start = app.screen
        assert isinstance(start, StartScreen)
        builtin = [t for t in start.templates if t.origin == "built-in"]
        families = sorted({t.category for t in builtin}, key=str.casefold)
        headings = [row for row in rows(app) if row.isupper()]
        assert headings == [family.upper() for family in families] + ["SHARED: LIBRARY"]
        heading = ""
        for row in rows(app)[:rows(app).index("SHARED: LIBRARY")]:
            if row.isupper():
                heading = row
            else:
                assert next(t for t in builtin if t.title == row).category.upper() == heading
        await press(pilot, "slash", *"words in no title")
        assert rows(app) == ["No template matches the filter."]
        await press(pilot, "tab")  # the drafts list is empty: back to the templates
        assert app.focused is start.query_one("#template-list")
