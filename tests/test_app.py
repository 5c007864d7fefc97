"""The wizard driven as a user would, with Pilot: what the screen shows and what lands on disk."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.widgets import OptionList, Static

from conftest import (
    BACKEND_ANSWERS,
    answer_box,
    post_keys,
    press,
    screen_area,
    screen_rows,
    wait_for,
)
from jdwizard.draft.file import Draft, save_draft
from jdwizard.draft.listing import load_start_lists
from jdwizard.draft.opening import new_session, open_session
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen
from jdwizard.ui.widgets.answer import AnswerBox
from jdwizard.ui.widgets.preview import DocumentPreview

SIZE = (120, 40)


def text_of(app: JDWizardApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


def preview_text(app: JDWizardApp) -> str:
    return app.screen.query_one(DocumentPreview).plain


def saved_answers(path: Path) -> dict[str, str]:
    try:
        return dict(tomllib.loads(path.read_text("utf-8"))["answers"])
    except (OSError, tomllib.TOMLDecodeError):
        return {}


async def preview_ready(pilot) -> None:
    """Wait until the template is compiled and the preview shows the document."""
    await wait_for(pilot, lambda: pilot.app.session.renderer_ready
                   and "Preparing" not in preview_text(pilot.app), "the preview")


async def type_answer(pilot, value: str) -> None:
    """Enter `value` in the current field as a user would: short ASCII text is typed key by key,
    anything longer (or non-ASCII, which a key cannot carry) is pasted; lines are split by
    Enter. Returns once the box shows it."""
    box = answer_box(pilot.app)
    assert pilot.app.focused is box
    for number, line in enumerate(value.split("\n")):
        if number:
            post_keys(pilot.app, "enter")
        if len(line) <= 12 and line.isascii():
            post_keys(pilot.app, *line)
        else:
            pilot.app.post_message(events.Paste(line))  # as the terminal driver sends it
    await wait_for(pilot, lambda: box.text == value, f"{value!r} in the box")


async def walk_all_fields(pilot, answers: dict[str, str]) -> None:
    screen = pilot.app.screen
    for field in screen.session.fields:
        assert screen.field.name == field.name
        if field.name in answers:  # the others are left as they are (a default stays one)
            await type_answer(pilot, answers[field.name])
        await press(pilot, "pagedown" if field.multi_line else "enter")


async def test_full_walk_saves_toml_and_markdown(drafts_folder, backend):
    path = drafts_folder / "walk.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        assert f"Field 1 of {len(backend.fields)}" in text_of(app, "#progress")
        assert "What is your company called?" in text_of(app, "#question")
        await preview_ready(pilot)
        assert "{{company}}" in preview_text(app)
        await walk_all_fields(pilot, BACKEND_ANSWERS)
        assert isinstance(app.screen, ReviewScreen)
        await wait_for(pilot, lambda: "Every required field is answered" in text_of(
            app, "#review-summary"), "the summary")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: saved_answers(path) == BACKEND_ANSWERS, "the save")
    markdown = path.with_suffix(".md").read_text("utf-8")
    assert "{{" not in markdown and "[" not in markdown
    for value in BACKEND_ANSWERS.values():
        for line in value.split("\n"):
            assert line in markdown
    assert markdown == open_session(path).document()


async def test_every_field_has_its_own_box_made_when_first_shown(drafts_folder, backend):
    """The first screen makes only the first field's box; moving on makes the next one, and
    going back finds the earlier box as it was left."""
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        assert [box.field.name for box in app.screen.query(AnswerBox)] == ["company"]
        await press(pilot, *"Acme", "enter", *"a shop")
        assert [box.field.name for box in app.screen.query(AnswerBox)] == [
            "company", "what_you_do"]
        await press(pilot, "pageup")
        assert answer_box(app).text == "Acme" and answer_box(app).has_focus
        await press(pilot, *" Ltd")
        assert app.session.answers == {"company": "Acme Ltd", "what_you_do": "a shop"}


async def test_preview_follows_typing_and_highlights_the_field(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await preview_ready(pilot)
        await press(pilot, *"Acme")
        assert "About Acme" in preview_text(app)
        preview = app.screen.query_one(DocumentPreview)
        highlighted = [preview._text.plain[s.start:s.end] for s in preview._text.spans
                       if "yellow" in str(s.style)]
        assert highlighted == ["Acme", "Acme", "Acme"]  # the facts, the heading, the text
        await press(pilot, "backspace", "backspace", "backspace", "backspace")
        assert "{{company}}" in preview_text(app)


async def test_tips_hint_and_suggestions_show_for_their_field(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await screen.jump_to("language")
        assert "e.g. Go, Python, Node" in text_of(app, "#hint")
        assert "Name your language, framework, and primary datastore" in text_of(app, "#tips")
        await screen.jump_to("company")
        assert not app.screen.query_one("#tips").display
        await screen.jump_to("work_type")
        assert "Remote / Hybrid / On-site" in text_of(app, "#hint")
        await press(pilot, "h", "y")
        assert answer_box(app).suggestion == "brid"  # shown in grey after the text
        await press(pilot, "right")  # accept the suggestion
        assert answer_box(app).text == "hybrid"[:2] + "brid"
        assert app.session.answers["work_type"] == "hybrid"


async def test_invalid_salary_warns_inline_but_lets_the_user_move_on(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await screen.jump_to("salary_range")
        await press(pilot, *"$190k-150k")
        feedback = text_of(app, "#feedback")
        assert "✗" in feedback and "swap" in feedback.lower()
        await press(pilot, "enter")
        assert screen.field.name == "extra_pay"
        await screen.jump_to("salary_range")
        await press(pilot, *["backspace"] * 10, *"$150k-190k per year")
        assert "Reads as: USD 150,000–190,000 per year" in text_of(app, "#feedback")
        await press(pilot, *["backspace"] * 19, *"lots")
        await press(pilot, "ctrl+r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        todo = review.query_one("#todo", OptionList)
        await wait_for(pilot, lambda: todo.option_count > 0, "the checks")
        prompts = [str(todo.get_option_at_index(i).prompt) for i in range(todo.option_count)]
        assert any(p.startswith("✗ Salary range: Couldn't read") for p in prompts)
        assert any(p.startswith("✗ Company: no answer") for p in prompts)
        summary = text_of(app, "#check-summary")
        assert "Gender coding:" in summary and "Pay: invalid" in summary
        assert todo.has_focus and todo.highlighted == 0  # Enter goes to the first thing to do
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the fields")
        assert app.screen.field.name == "company"


async def test_findings_show_under_the_field_as_you_type(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("what_you_do")
        await press(pilot, *"rockstar ninja")
        lines = text_of(app, "#feedback").splitlines()
        assert lines[0].startswith('! "rockstar": vague jargon')
        assert lines[1].startswith('! "ninja": vague jargon')
        await press(pilot, *["backspace"] * 14)
        assert not app.screen.query_one("#feedback").display
        await app.screen.jump_to("location")
        await press(pilot, *"Denver, CO")
        assert "Colorado pay-transparency rules apply" in text_of(app, "#feedback")


async def test_a_long_paste_is_checked_after_a_pause(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        feedback = screen.query_one("#feedback", Static)
        await screen.jump_to("what_you_do")
        app.post_message(events.Paste("a shop " * 15_000 + "for a rockstar"))  # ~100 KB
        await wait_for(pilot, lambda: app.session.answers.get("what_you_do", "").endswith(
            "rockstar"), "the paste")
        await press(pilot, "x")  # typing goes on while the check waits for a pause
        await wait_for(pilot, lambda: not screen.workers, "the check")
        assert "rockstar" not in text_of(app, "#feedback")  # "rockstarx" is not the term
        await press(pilot, "backspace")
        await wait_for(pilot, lambda: '"rockstar": vague jargon' in str(feedback.render()),
                       "the finding")
        app.post_message(events.Paste(" rockstar" * 700))  # long again: checked after a pause
        await pilot.pause()
        answer_box(app).select_all()
        await press(pilot, *"Acme")  # short before it lands
        await wait_for(pilot, lambda: not screen.workers, "the check")
        assert not feedback.display  # no stale findings for "Acme"


async def test_bindings_work_inside_the_multiline_field(drafts_folder, backend):
    path = drafts_folder / "multi.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await preview_ready(pilot)
        await screen.jump_to("benefits")
        await type_answer(pilot, "Health\nDental")
        assert "• Health.\n• Dental." in preview_text(app)
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: saved_answers(path).get("benefits") == "Health\nDental")
        await press(pilot, "pageup")
        assert screen.field.name == "extra_pay"
        await press(pilot, "pagedown", "pagedown")
        assert screen.field.name == "pto_policy"


async def test_autosave_within_a_second_and_quit_saves(drafts_folder, backend):
    """Typing saves by itself (the promise: on disk within a second; autosave runs every
    AUTOSAVE_SECONDS), named after the company; quitting saves what came after."""
    from jdwizard.ui.controller import AUTOSAVE_SECONDS

    assert AUTOSAVE_SECONDS <= 0.5
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"Acme", "enter")
        await press(pilot, *"a shop")

        def saved() -> list[Path]:
            return sorted(drafts_folder.glob("*.toml"))

        await wait_for(pilot, lambda: len(saved()) == 1 and saved_answers(saved()[0]) == {
            "company": "Acme", "what_you_do": "a shop"}, "the autosave")
        assert saved()[0].name.startswith("acme-backend-engineer-")
        await press(pilot, *" for bikes")
        await press(pilot, "ctrl+q")
    assert saved_answers(saved()[0])["what_you_do"] == "a shop for bikes"


async def test_resume_opens_at_first_unanswered_and_changes_one_answer(drafts_folder, backend):
    path = drafts_folder / "resume.toml"
    answers = dict(BACKEND_ANSWERS, location="", datastore="")
    save_draft(Draft("backend-engineer", answers=answers), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.field.name == "location"
        await preview_ready(pilot)
        assert "Acme Logistics" in preview_text(app)
        await press(pilot, *"Remote, EU")
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: saved_answers(path)["location"] == "Remote, EU")
    data = saved_answers(path)
    assert data["company"] == "Acme Logistics"
    assert "- Location: Remote, EU\n" in path.with_suffix(".md").read_text("utf-8")


async def test_resume_of_complete_draft_shows_review(drafts_folder, backend):
    path = drafts_folder / "done.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        await wait_for(pilot, lambda: "About Acme Logistics" in preview_text(app))
        await press(pilot, "escape")
        assert isinstance(app.screen, WizardScreen)


def fake_clipboard_tools(folder: Path) -> Path:
    """A pretend wl-copy/wl-paste on PATH: what pyperclip would run on a Wayland desktop."""
    folder.mkdir()
    store = folder / "clipboard.txt"
    for name, body in (("wl-copy", f'cat > "{store}"\n'), ("wl-paste", f'cat "{store}"\n')):
        script = folder / name
        script.write_text(f"#!/bin/sh\n{body}", "utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return store


async def test_copy_uses_the_system_clipboard_tool(tmp_path, monkeypatch, drafts_folder, backend,
                                                   notices):
    store = fake_clipboard_tools(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-test")
    path = drafts_folder / "copy.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "c")
        await press(pilot, "enter")  # the format chooser: Markdown is the default
        await wait_for(pilot, lambda: any(m.startswith("Copied") for m in notices), "the copy")
        assert any("system clipboard" in m for m in notices)
    assert store.read_text("utf-8") == open_session(path).document()


async def test_copy_without_clipboard_tool_falls_back_to_osc52(drafts_folder, backend, notices):
    path = drafts_folder / "copy.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#copy")
        await wait_for(pilot, lambda: app.screen.query("#format-list"), "the format chooser")
        await press(pilot, "enter")  # the format chooser: Markdown is the default
        await wait_for(pilot, lambda: any("OSC 52" in m for m in notices), "the copy")
        assert app.clipboard == open_session(path).document()
        assert any("no clipboard tool" in m for m in notices)


async def test_narrow_terminal_hides_preview_behind_a_toggle(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#preview").display
        assert answer_box(app).display
        await press(pilot, "f2")
        assert app.screen.query_one("#preview").display
        await press(pilot, "f2")
        assert not app.screen.query_one("#preview").display
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#preview").display


async def test_narrow_toggle_never_swallows_typing(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(60, 20)) as pilot:
        await press(pilot, "f2")  # preview fills the screen
        assert not app.screen.query_one("#form").display
        await press(pilot, "A")  # typing brings the form back, with the key
        assert app.screen.query_one("#form").display
        await press(pilot, "f2", "f2", *"cme")
        assert app.session.answers["company"] == "Acme"


async def test_typing_with_focus_on_the_field_list_goes_into_the_answer(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "tab")  # focus leaves the answer for the field list
        assert app.focused is app.screen.query_one("#fields")
        await press(pilot, *"Acme")
        assert app.session.answers["company"] == "Acme"
        assert answer_box(app).has_focus


async def test_tab_then_enter_picks_from_the_field_list(drafts_folder, backend):
    """Tab goes to the field list at once: Down and Enter typed straight after it act there
    (Enter in the answer would have moved to the next field); the answer box of the field
    picked has the focus."""
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, "tab", "down", "down", "enter")
        await wait_for(pilot, lambda: app.screen.field.name == "company_website", "the jump")
        await press(pilot, *"Big")
        assert app.session.answers == {"company_website": "Big"}


async def test_crossing_the_width_threshold_resets_the_preview_choice(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "f2", "f2")  # hidden, then shown again, at full width
        await pilot.resize_terminal(60, 20)
        await wait_for(pilot, lambda: app.screen.has_class("-narrow"), "the narrow layout")
        assert app.screen.query_one("#form").display
        assert not app.screen.query_one("#preview").display
        await press(pilot, *"Acme")
        assert app.session.answers["company"] == "Acme"


async def test_help_shows_when_to_use_faq_and_the_keys(drafts_folder, backend):
    from textual.widgets import Markdown

    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f1")
        await wait_for(pilot, lambda: app.screen.query(Markdown), "the help")
        source = app.screen.query_one(Markdown).source
        assert "When to use this template" in source
        assert "What does a Backend Engineer do?" in source
        assert "- **ctrl+s**: Save the answers" in source and "- **pgdn**:" in source
        await press(pilot, "escape")
        assert isinstance(app.screen, WizardScreen)


async def test_command_palette_jumps_to_a_field(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "ctrl+p")
        await press(pilot, *"jump to field: datastore")
        await wait_for(pilot, lambda: "Datastore" in " ".join(
            str(app.screen.query_one(OptionList).get_option_at_index(i).prompt)
            for i in range(app.screen.query_one(OptionList).option_count)), "the match")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen)
                       and app.screen.field.name == "datastore", "the jump")
        assert answer_box(app).has_focus


@pytest.mark.parametrize("read_first", [False, True], ids=["lists-read-in-app", "lists-read-first"])
async def test_start_screen_lists_templates_and_resumes_a_draft(drafts_folder, backend, read_first):
    """The lists are read by the app in a thread, or (as the command line does) before it
    starts: the same screen either way."""
    path = drafts_folder / "started.toml"
    save_draft(Draft("backend-engineer", answers={"company": "Globex"}), "", path)
    lists = load_start_lists(drafts_folder) if read_first else None
    app = JDWizardApp(None, drafts_folder, start_lists=lists)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        templates = app.screen.query_one("#template-list", OptionList)
        assert any("Backend Engineer" in str(templates.get_option_at_index(i).prompt)
                   for i in range(templates.option_count))
        drafts = app.screen.query_one("#draft-list", OptionList)
        row = str(drafts.get_option_at_index(0).prompt)
        assert "Globex" in row and "6/16" in row  # the template's defaults answer 5
        await press(pilot, "tab", "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.field.name == "what_you_do"


@pytest.mark.parametrize("size", [(80, 24), (100, 24), (120, 40)])
async def test_a_long_template_list_stays_on_screen_and_its_last_one_shows(drafts_folder, size):
    """With more templates than rows, the list scrolls inside the screen: its bottom edge is
    above the footer, and End shows the last template (it ran below the screen)."""
    from test_library import user_copy

    for number in range(4):
        user_copy(f"team-{number}", title=f"Team Template {number}")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
        templates = app.screen.query_one("#template-list", OptionList)
        await wait_for(pilot, lambda: templates.option_count > 8, "the templates")
        await press(pilot, "end")
        footer_row = size[1] - 1
        assert templates.region.bottom <= footer_row, (templates.region, size)
        assert "Team Template 3" in "\n".join(screen_rows(app))


async def test_start_screen_new_draft(drafts_folder):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter")
        assert isinstance(app.screen, WizardScreen)
        assert app.session.template.origin == "built-in"


async def test_save_failure_keeps_answers_and_says_so(tmp_path, backend, notices):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    if os.access(locked, os.W_OK):  # running as root: permissions do not stop us
        locked.chmod(0o700)
        blocker = tmp_path / "file"
        blocker.write_text("x")
        target = blocker / "draft.toml"  # a path whose parent is a file: cannot be created
    else:
        target = locked / "draft.toml"
    app = JDWizardApp(new_session(backend, target, {}, folder=tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"Acme", "ctrl+s")
        await wait_for(pilot, lambda: any(m.startswith("Could not save") for m in notices))
        assert any("still here" in m for m in notices)
        assert app.session.answers["company"] == "Acme"
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: any("Press Ctrl+Q again" in m for m in notices))
        assert app.is_running  # quitting would lose the answer: the app stays open
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert not target.exists()
    assert app.outcome is not None and not app.outcome.saved


async def test_keys_typed_before_pagedown_land_in_their_own_field(drafts_folder, backend):
    path = drafts_folder / "burst.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, *"Acme", "pagedown", *"a shop", "pagedown")
        await wait_for(pilot, lambda: app.session.answers.get("what_you_do") == "a shop")
        assert app.session.answers.get("company") == "Acme"
        assert app.screen.field.name == "company_website"
        post_keys(app, *"acme.io", "enter", *"about 40", "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert saved_answers(path) == {
        "company": "Acme", "what_you_do": "a shop", "company_website": "acme.io",
        "company_size": "about 40",
    }


async def test_keys_typed_right_after_moving_into_a_multiline_field_land_there(
    drafts_folder, backend
):
    app = JDWizardApp(new_session(backend, drafts_folder / "multi-burst.toml", {}))
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("extra_pay")
        post_keys(app, *"equity", "enter", *"Health", "pagedown", *"25 days", "pageup", "pageup",
                  "!")
        await wait_for(pilot, lambda: app.session.answers.get("extra_pay") == "equity!")
        assert answer_box(app).field.name == "extra_pay" and answer_box(app).has_focus
        answers = app.session.answers
        assert answers["benefits"] == "Health"
        assert answers["pto_policy"] == "25 days"


async def test_fast_paging_never_copies_one_answer_into_another(drafts_folder, backend):
    answers = dict(BACKEND_ANSWERS)
    app = JDWizardApp(new_session(backend, drafts_folder / "page.toml", answers))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "escape")  # every field is answered: it opened on the review screen
        await app.screen.jump_to("pto_policy")
        post_keys(app, "pageup", "pageup", "pageup")
        await wait_for(pilot, lambda: app.screen.field.name == "salary_range")
        post_keys(app, *["pagedown"] * (len(backend.fields) - backend.index_of("salary_range")))
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert app.session.answers == BACKEND_ANSWERS


async def test_a_huge_number_in_the_salary_is_an_inline_problem(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("salary_range")
        app.post_message(events.Paste("1111111111111111111111111111111-2"))
        await wait_for(pilot, lambda: "too large" in text_of(app, "#feedback"))
        assert app.is_running


async def test_autosave_failure_is_announced_once_and_recovery_saves(tmp_path, backend, notices):
    blocker = tmp_path / "drafts"
    blocker.write_text("a file where the drafts folder should be")
    target = blocker / "draft.toml"
    app = JDWizardApp(new_session(backend, target, {}, folder=tmp_path), autosave_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"Acme")
        await wait_for(pilot, lambda: any(m.startswith("Could not save") for m in notices))
        await press(pilot, *" Co")  # more typing, more autosave ticks: no second message
        for _ in range(10):
            await app.controller._autosave()
        assert sum(m.startswith("Could not save") for m in notices) == 1
        blocker.unlink()
        blocker.mkdir()  # the user fixes the folder
        await press(pilot, *" Ltd", "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert saved_answers(target)["company"] == "Acme Co Ltd"


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_layout_fits_common_sizes(drafts_folder, backend, size):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        box = answer_box(app)
        assert box.region.height == 3 and box.region.width >= 30
        assert app.screen.query_one("#question").region.height >= 1


async def test_a_long_one_line_answer_shows_whole_while_it_is_edited(drafts_folder, backend):
    """A one-line answer longer than its box wraps onto more rows (no sideways scrolling)."""
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.screen.jump_to("what_you_do")
        answer = "a logistics platform that helps 4,000 independent shops ship faster, " * 2
        app.post_message(events.Paste(answer.strip()))
        await wait_for(pilot, lambda: answer_box(app).region.height > 3, "the box to grow")
        box = answer_box(app)
        shown = " ".join(screen_area(app, box.content_region).split())
        assert shown.split() == answer.split()
        assert box.scroll_offset.x == 0


async def test_an_empty_salary_still_says_it_is_missing_and_an_empty_company_says_nothing(
    drafts_folder, backend
):
    """Empty answers skip the checks, except where emptiness is itself the finding (pay)."""
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 40)) as pilot:
        feedback = app.screen.query_one("#feedback", Static)
        assert app.screen.field.name == "company" and not feedback.display
        await app.screen.jump_to("salary_range")
        assert feedback.display and "No salary range" in str(feedback.render())
        await app.screen.jump_to("company")
        await press(pilot, *"Acme rockstar")  # typed: checked as before
        assert feedback.display and "rockstar" in str(feedback.render()).lower()


@pytest.mark.parametrize("first", ["start", "wizard"])
async def test_ctrl_q_typed_while_the_first_screen_mounts_quits_quietly(
    backend, drafts_folder, first
) -> None:
    """Ctrl+Q typed ahead while jdwizard starts: it waits for the first screen, then quits
    (exit code 0, no traceback)."""

    class QuitAtOnce(JDWizardApp):
        async def on_mount(self) -> None:
            post_keys(self, "ctrl+q")  # queued before the first screen is built
            await super().on_mount()

    session = new_session(backend, None, {}, drafts_folder) if first == "wizard" else None
    app = QuitAtOnce(session, drafts_folder)
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert app.return_code == 0


async def test_typing_straight_after_enter_on_a_template_lands_in_the_wizard(drafts_folder):
    """Enter on a template, then the company and the next answer typed at once: the keys
    after Enter wait for the wizard to be ready, and each lands in its field."""
    app = JDWizardApp(None, drafts_folder, start_lists=load_start_lists(drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, "enter", *"Initech", "enter", *"a platform")
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.answers.get("what_you_do") == "a platform")
        assert isinstance(app.screen, WizardScreen)
        assert app.session.answers == {"company": "Initech", "what_you_do": "a platform"}
        assert app.screen.field.name == "what_you_do"


async def test_typing_straight_after_enter_on_a_draft_lands_in_the_wizard(drafts_folder):
    """Tab, Enter on a saved draft, then typing at once: the keys are not start-screen commands
    (i, p, / ...) while the draft is read; they go into its first open field."""
    save_draft(Draft("backend-engineer", answers={"company": "Globex"}), "",
               drafts_folder / "globex.toml")
    app = JDWizardApp(None, drafts_folder, start_lists=load_start_lists(drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, "tab", "enter", *"ipsum")
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.answers.get("what_you_do") == "ipsum")
        assert isinstance(app.screen, WizardScreen)


async def test_typing_straight_after_enter_on_a_bad_draft_waits_for_its_dialog(
    drafts_folder, monkeypatch
):
    """Enter on a draft that cannot be opened, then typing at once: while the file is looked
    at for what can be saved, the keys are not start-screen commands ('/' would move to the
    drafts filter and take the rest); they wait for the bad-draft dialog."""
    import asyncio
    import threading

    from jdwizard.draft import file
    from jdwizard.ui.screens.bad_draft import BadDraftScreen

    drafts_folder.mkdir(parents=True)
    (drafts_folder / "broken.toml").write_text('template = "backend-engineer"\n[answers\n')
    salvage_draft = file.salvage_draft
    release = threading.Event()

    def slow_salvage(path):
        release.wait(10)  # until the keys typed after Enter have been delivered
        return salvage_draft(path)

    monkeypatch.setattr(file, "salvage_draft", slow_salvage)
    app = JDWizardApp(None, drafts_folder, start_lists=load_start_lists(drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        post_keys(app, "tab", "enter", "slash", *"ab")
        for _ in range(100):  # turns of the event loop for the keys to act, had they gone on
            await asyncio.sleep(0)
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, BadDraftScreen), "the dialog")
        draft_filter = start.query_one("#draft-filter")
        assert draft_filter.value == "" and not draft_filter.has_focus


async def test_enter_typed_ahead_while_starting_moves_to_the_next_field(backend, drafts_folder):
    """Typed before the app took the terminal, Enter arrives as a newline (Ctrl+J): it means
    Enter, so "Acme", Enter, "a platform" fill two fields; on the start screen it opens."""
    app = JDWizardApp(new_session(backend, None, {}, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, *"Acme", "ctrl+j", *"a platform")
        await wait_for(pilot, lambda: app.session.answers.get("what_you_do") == "a platform")
        assert app.session.answers == {"company": "Acme", "what_you_do": "a platform"}
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, "ctrl+j", *"Acme")
        await wait_for(pilot, lambda: app.session is not None
                       and app.session.answers.get("company") == "Acme")


async def test_typing_in_an_answered_multi_line_field_adds_to_the_end(drafts_folder, backend):
    """Coming back to a multi-line answer, the cursor is at its end (as in a one-line answer):
    Enter and a new line add a benefit instead of splitting the first one."""
    session = new_session(backend, None, {"benefits": "Health insurance\nGym"}, drafts_folder)
    app = JDWizardApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("benefits")
        await press(pilot, "enter", *"Dental")
        assert session.answers["benefits"] == "Health insurance\nGym\nDental"
        await press(pilot, "pageup", "pagedown")
        await press(pilot, "enter", *"Pension")
        assert session.answers["benefits"] == "Health insurance\nGym\nDental\nPension"


async def test_a_finding_on_the_review_screen_jumps_to_its_word(drafts_folder, backend):
    """The review opens on what is left to do; Enter on a finding opens its field with the
    cursor at the word it is about."""
    answers = dict(BACKEND_ANSWERS, what_you_do="a team that loves rockstar engineers")
    path = drafts_folder / "jump.toml"
    save_draft(Draft("backend-engineer", answers=answers), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        todo = app.screen.query_one("#todo", OptionList)
        assert app.focused is todo  # not the Copy button
        await wait_for(pilot, lambda: todo.option_count > 0, "the checks")
        prompts = [str(todo.get_option_at_index(i).prompt) for i in range(todo.option_count)]
        todo.highlighted = next(i for i, p in enumerate(prompts) if '"rockstar"' in p)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the fields")
        box = answer_box(app)
        assert box.field.name == "what_you_do" and app.focused is box
        assert box.cursor_location == (0, answers["what_you_do"].index("rockstar"))


async def test_the_preview_follows_the_line_typed_at_the_bottom_of_a_list(drafts_folder,
                                                                         backend):
    """Typing at the bottom of a long multi-line answer, the preview shows the line typed."""
    benefits = "\n".join(f"Perk number {n}" for n in range(1, 40))
    app = JDWizardApp(new_session(backend, None, {"benefits": benefits}, drafts_folder))
    async with app.run_test(size=(120, 30)) as pilot:
        await preview_ready(pilot)
        await app.screen.jump_to("benefits")
        preview = app.screen.query_one(DocumentPreview)
        await press(pilot, "enter", *"Free lunch")

        def shown() -> str:
            return screen_area(app, preview.content_region)

        await wait_for(pilot, lambda: "• Free lunch" in shown(), "the line typed in the preview")


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 35)])
async def test_the_footer_keeps_quit_preview_and_the_palette(drafts_folder, backend, size):
    """Quit, F2 and the command palette stay in the field screen's Footer on narrow
    terminals; one of 80 columns or more shows F4 whole too."""
    app = JDWizardApp(new_session(backend, None, {}, drafts_folder))
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: "Quit" in screen_rows(app)[-1], "the footer drawn")
        footer = screen_rows(app)[-1]
        for key in ("^q Quit", "f2 Preview", "^p palette"):
            assert key in footer, (key, footer)
        if size[0] >= 80:
            assert "f4 Drafts" in footer, footer
