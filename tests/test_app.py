"""The wizard driven as a user would, with Pilot: what the screen shows and what lands on disk."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, OptionList, Static

from conftest import BACKEND_ANSWERS
from jdwizard.draft.file import Draft, save_draft
from jdwizard.draft.opening import new_session, open_session
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen
from jdwizard.ui.widgets.preview import DocumentPreview

SIZE = (120, 40)


def text_of(app: JDWizardApp, selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


def preview_text(app: JDWizardApp) -> str:
    return app.screen.query_one(DocumentPreview).plain


async def type_answer(pilot, value: str) -> None:
    """Enter `value` in the current field as a user would: short ASCII text is typed key by key,
    anything longer (or non-ASCII, which Pilot cannot type) is pasted; lines are split by Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, WizardScreen)
    multi = screen.field.kind == "text"
    widget = screen.query_one("#answer-text" if multi else "#answer-line")
    assert widget.has_focus
    for number, line in enumerate(value.split("\n")):
        if number:
            await pilot.press("enter")
        if len(line) <= 12 and line.isascii():
            await pilot.press(*line)
        else:
            pilot.app.post_message(events.Paste(line))  # as the terminal driver sends it
            await pilot.pause()


async def walk_all_fields(pilot, answers: dict[str, str]) -> None:
    screen = pilot.app.screen
    for field in screen.session.fields:
        assert screen.field.name == field.name
        await type_answer(pilot, answers[field.name])
        await pilot.press("pagedown" if field.kind == "text" else "enter")
        await pilot.pause()


async def test_full_walk_saves_toml_and_markdown(drafts_folder, backend):
    path = drafts_folder / "walk.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        assert "Field 1 of 17" in text_of(app, "#progress")
        assert "What is your company called?" in text_of(app, "#question")
        assert "{{company}}" in preview_text(app)
        await walk_all_fields(pilot, BACKEND_ANSWERS)
        assert isinstance(app.screen, ReviewScreen)
        assert "Every required field is answered" in text_of(app, "#review-summary")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["answers"] == BACKEND_ANSWERS
    markdown = path.with_suffix(".md").read_text("utf-8")
    assert "{{" not in markdown and "[" not in markdown
    for value in BACKEND_ANSWERS.values():
        for line in value.split("\n"):
            assert line in markdown
    assert markdown == open_session(path).document()


async def test_preview_follows_typing_and_highlights_the_field(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Acme")
        assert "About Acme" in preview_text(app)
        preview = app.screen.query_one(DocumentPreview)
        highlighted = [preview._text.plain[s.start:s.end] for s in preview._text.spans
                       if "yellow" in str(s.style)]
        assert highlighted == ["Acme", "Acme"]
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert "{{company}}" in preview_text(app)


async def test_tips_hint_and_suggestions_show_for_their_field(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.jump_to("language")
        await pilot.pause()
        assert "e.g. Go, Python, Node" in text_of(app, "#hint")
        assert "Name your language, framework, and primary datastore" in text_of(app, "#tips")
        screen.jump_to("company")
        await pilot.pause()
        assert not app.screen.query_one("#tips").display
        screen.jump_to("work_type")
        await pilot.pause()
        assert "Remote / Hybrid / On-site" in text_of(app, "#hint")
        await pilot.press("h", "y", "right")  # accept the inline suggestion
        assert app.screen.query_one("#answer-line", Input).value == "Hybrid"


async def test_invalid_salary_warns_inline_but_lets_the_user_move_on(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.jump_to("salary_range")
        await pilot.pause()
        await pilot.press(*"$190k-150k")
        feedback = text_of(app, "#feedback")
        assert "✗" in feedback and "swap" in feedback.lower()
        await pilot.press("enter")
        assert screen.field.name == "extra_pay"
        screen.jump_to("salary_range")
        await pilot.pause()
        await pilot.press(*["backspace"] * 10, *"$150k-190k per year")
        assert "Reads as: USD 150,000–190,000 per year" in text_of(app, "#feedback")
        await pilot.press(*["backspace"] * 19, *"lots")
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        todo = app.screen.query_one("#todo", OptionList)
        prompts = [str(todo.get_option_at_index(i).prompt) for i in range(todo.option_count)]
        assert any(p.startswith("✗ Salary range: Couldn't read") for p in prompts)
        assert any(p.startswith("✗ Company: no answer") for p in prompts)
        summary = text_of(app, "#check-summary")
        assert "Gender coding:" in summary and "Pay: invalid" in summary
        assert todo.has_focus and todo.highlighted == 0  # Enter goes to the first thing to do
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen) and app.screen.field.name == "company"


async def test_findings_show_under_the_field_as_you_type(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.jump_to("what_you_do")
        await pilot.pause()
        await pilot.press(*"rockstar ninja")
        lines = text_of(app, "#feedback").splitlines()
        assert lines[0].startswith('i "rockstar": vague jargon')
        assert lines[1].startswith('i "ninja": vague jargon')
        await pilot.press(*["backspace"] * 14)
        assert not app.screen.query_one("#feedback").display
        app.screen.jump_to("location")
        await pilot.pause()
        await pilot.press(*"Denver, CO")
        assert "Colorado pay-transparency rules apply" in text_of(app, "#feedback")


async def test_a_long_paste_is_checked_after_a_pause(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.jump_to("what_you_do")
        await pilot.pause()
        app.post_message(events.Paste("a shop " * 15_000 + "for a rockstar"))  # ~100 KB
        await pilot.pause()
        assert app.screen.session.answers["what_you_do"].endswith("rockstar")
        await pilot.press("x")  # typing goes on while the check waits for a pause
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "rockstar" not in text_of(app, "#feedback")  # "rockstarx" is not the term
        await pilot.press("backspace")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert '"rockstar": vague jargon' in text_of(app, "#feedback")
        app.post_message(events.Paste(" rockstar" * 700))  # long again: checked after a pause
        await pilot.pause()
        app.screen.query_one("#answer-line", Input).value = "Acme"  # short before it lands
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#feedback").display  # no stale findings for "Acme"


async def test_bindings_work_inside_the_multiline_field(drafts_folder, backend):
    path = drafts_folder / "multi.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.jump_to("benefits")
        await pilot.pause()
        await type_answer(pilot, "Health\nDental")
        assert "• Health\n• Dental" in preview_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert tomllib.loads(path.read_text("utf-8"))["answers"]["benefits"] == "Health\nDental"
        await pilot.press("pageup")
        assert screen.field.name == "extra_pay"
        await pilot.press("pagedown", "pagedown")
        assert screen.field.name == "pto_policy"


async def test_autosave_within_a_second_and_quit_saves(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Acme", "enter")
        await pilot.press(*"a shop")
        await pilot.pause(1.2)
        saved = list(drafts_folder.glob("*.toml"))
        assert [p.name.startswith("acme-backend-engineer-") for p in saved] == [True]
        answers = tomllib.loads(saved[0].read_text("utf-8"))["answers"]
        assert answers == {"company": "Acme", "what_you_do": "a shop"}
        await pilot.press(*" for bikes")
        await pilot.press("ctrl+q")
    answers = tomllib.loads(saved[0].read_text("utf-8"))["answers"]
    assert answers["what_you_do"] == "a shop for bikes"


async def test_resume_opens_at_first_unanswered_and_changes_one_answer(drafts_folder, backend):
    path = drafts_folder / "resume.toml"
    answers = dict(BACKEND_ANSWERS, location="", datastore="")
    save_draft(Draft("backend-engineer", answers=answers), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.field.name == "location"
        assert "Acme Logistics" in preview_text(app)
        await pilot.press(*"Remote, EU")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["answers"]["location"] == "Remote, EU"
    assert data["answers"]["company"] == "Acme Logistics"
    assert "based in Remote, EU (Hybrid)." in path.with_suffix(".md").read_text("utf-8")


async def test_resume_of_complete_draft_shows_review(drafts_folder, backend):
    path = drafts_folder / "done.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "About Acme Logistics" in preview_text(app)
        await pilot.press("escape")
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


async def test_copy_uses_the_system_clipboard_tool(tmp_path, monkeypatch, drafts_folder, backend):
    store = fake_clipboard_tools(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-test")
    path = drafts_folder / "copy.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # the format chooser: Markdown is the default
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Copied") and "system clipboard" in m for m in messages)
    assert store.read_text("utf-8") == open_session(path).document()


async def test_copy_without_clipboard_tool_falls_back_to_osc52(drafts_folder, backend):
    path = drafts_folder / "copy.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    app = JDWizardApp(open_session(path, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#copy")
        await pilot.pause()
        await pilot.press("enter")  # the format chooser: Markdown is the default
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard == open_session(path).document()
        messages = [n.message for n in app._notifications]
        assert any("OSC 52" in m and "no clipboard tool" in m for m in messages)


async def test_narrow_terminal_hides_preview_behind_a_toggle(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#preview").display
        assert app.screen.query_one("#answer-line").display
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#preview").display
        await pilot.press("f2")
        await pilot.pause()
        assert not app.screen.query_one("#preview").display
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#preview").display


async def test_narrow_toggle_never_swallows_typing(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("f2")  # preview fills the screen
        await pilot.pause()
        assert not app.screen.query_one("#form").display
        await pilot.press("A")  # typing brings the form back, with the key
        await pilot.pause()
        assert app.screen.query_one("#form").display
        await pilot.press("f2", "f2", *"cme")
        await pilot.pause()
        assert app.screen.session.answers["company"] == "Acme"


async def test_typing_with_focus_on_the_field_list_goes_into_the_answer(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")  # focus leaves the input for the field list
        assert not app.screen.query_one("#answer-line").has_focus
        await pilot.press(*"Acme")
        assert app.screen.session.answers["company"] == "Acme"
        assert app.screen.query_one("#answer-line").has_focus


async def test_crossing_the_width_threshold_resets_the_preview_choice(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2", "f2")  # hidden, then shown again, at full width
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.screen.query_one("#form").display
        assert not app.screen.query_one("#preview").display
        await pilot.press(*"Acme")
        assert app.screen.session.answers["company"] == "Acme"


async def test_help_shows_when_to_use_and_faq(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        from textual.widgets import Markdown

        source = app.screen.query_one(Markdown).source
        assert "When to use this template" in source
        assert "What does a Backend Engineer do?" in source
        await pilot.press("escape")
        assert isinstance(app.screen, WizardScreen)


async def test_command_palette_jumps_to_a_field(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jump to field: datastore")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.field.name == "datastore"


@pytest.mark.parametrize("read_first", [False, True], ids=["lists-read-in-app", "lists-read-first"])
async def test_start_screen_lists_templates_and_resumes_a_draft(drafts_folder, backend, read_first):
    """The lists are read by the app in a thread, or (as the command line does) before it
    starts: the same screen either way."""
    from jdwizard.draft.listing import load_start_lists

    path = drafts_folder / "started.toml"
    save_draft(Draft("backend-engineer", answers={"company": "Globex"}), "", path)
    lists = load_start_lists(drafts_folder) if read_first else None
    app = JDWizardApp(None, drafts_folder, start_lists=lists)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        templates = app.screen.query_one("#template-list", OptionList)
        assert any("Backend Engineer" in str(templates.get_option_at_index(i).prompt)
                   for i in range(templates.option_count))
        drafts = app.screen.query_one("#draft-list", OptionList)
        row = str(drafts.get_option_at_index(0).prompt)
        assert "Globex" in row and "1/12" in row
        drafts.focus()
        drafts.highlighted = 0
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.field.name == "what_you_do"


async def test_start_screen_new_draft(drafts_folder):
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.template.id == "backend-engineer"


async def test_save_failure_keeps_answers_and_says_so(tmp_path, backend):
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
        await pilot.press(*"Acme", "ctrl+s")
        await pilot.pause(0.3)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Could not save") and "still here" in m for m in messages)
        assert app.screen.session.answers["company"] == "Acme"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running  # quitting would lose the answer: the app stays open
        assert any("Press Ctrl+Q again" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running  # asked twice: the user chose to leave
    assert not target.exists()


def post_keys(app: JDWizardApp, *keys: str, typed_ahead: bool = False) -> None:
    """Queue key events all at once, as a fast typist or a paste-happy terminal delivers them;
    `typed_ahead` stamps them as read before the first screen was painted."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        if typed_ahead:
            event.time = 0.0
        app.post_message(event)


async def test_keys_typed_before_pagedown_land_in_their_own_field(drafts_folder, backend):
    path = drafts_folder / "burst.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, *"Acme", "pagedown", *"a shop", "pagedown")
        await pilot.pause(0.3)
        answers = app.screen.session.answers
        assert answers.get("company") == "Acme" and answers.get("what_you_do") == "a shop"
        assert app.screen.field.name == "scale"
        post_keys(app, *"Big", "enter", *"API work", "ctrl+q")
        await pilot.pause(0.5)
    saved = tomllib.loads(path.read_text("utf-8"))["answers"]
    assert saved == {
        "company": "Acme", "what_you_do": "a shop", "scale": "Big", "work_focus": "API work"
    }


async def test_keys_typed_right_after_moving_into_a_multiline_field_land_there(
    drafts_folder, backend
):
    app = JDWizardApp(new_session(backend, drafts_folder / "multi-burst.toml", {}))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.jump_to("extra_pay")
        await pilot.pause()
        post_keys(app, *"equity", "enter", *"Health", "pagedown", *"25 days", "pageup", "pageup",
                  "!")
        await pilot.pause(0.5)
        assert app.screen.query_one("#answer-line").has_focus
        answers = app.screen.session.answers
        assert answers["extra_pay"] == "equity!"
        assert answers["benefits"] == "Health"
        assert answers["pto_policy"] == "25 days"


async def test_fast_paging_never_copies_one_answer_into_another(drafts_folder, backend):
    answers = dict(BACKEND_ANSWERS)
    app = JDWizardApp(new_session(backend, drafts_folder / "page.toml", answers))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # every field is answered: it opened on the review screen
        app.screen.jump_to("pto_policy")
        await pilot.pause()
        post_keys(app, "pageup", "pageup", "pageup")
        await pilot.pause(0.3)
        post_keys(app, "pagedown", "pagedown", "pagedown")
        await pilot.pause(0.3)
        assert app.screen.session.answers == BACKEND_ANSWERS


async def test_a_huge_number_in_the_salary_is_an_inline_problem(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.jump_to("salary_range")
        await pilot.pause()
        app.post_message(events.Paste("1111111111111111111111111111111-2"))
        await pilot.pause()
        assert "too large" in text_of(app, "#feedback")
        assert app.is_running


async def test_autosave_failure_is_announced_once_and_recovery_saves(tmp_path, backend):
    blocker = tmp_path / "drafts"
    blocker.write_text("a file where the drafts folder should be")
    target = blocker / "draft.toml"
    app = JDWizardApp(new_session(backend, target, {}, folder=tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Acme")
        await pilot.pause(1.6)  # three autosave ticks
        failures = [n for n in app._notifications if n.title == "Not saved"]
        assert len(failures) == 1
        blocker.unlink()
        blocker.mkdir()  # the user fixes the folder
        await pilot.press(*" Ltd", "ctrl+q")
        await pilot.pause(0.3)
        assert not app.is_running
    assert tomllib.loads(target.read_text("utf-8"))["answers"]["company"] == "Acme Ltd"


@pytest.mark.parametrize("size", [(80, 24), (120, 35)])
async def test_layout_fits_common_sizes(drafts_folder, backend, size):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        answer = app.screen.query_one("#answer-line")
        assert answer.region.height == 3 and answer.region.width >= 30
        assert app.screen.query_one("#question").region.height >= 1


async def test_the_garbage_collector_paused_for_start_up_is_back_on_at_the_first_screen(
    drafts_folder, backend
):
    """The command line pauses the collector while start-up builds its objects; the app turns it
    back on (freezing what start-up built) once its first screen is painted."""
    import gc

    from jdwizard.draft.opening import new_session

    gc.disable()
    try:
        app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


async def test_an_empty_salary_still_says_it_is_missing_and_an_empty_company_says_nothing(
    drafts_folder, backend
):
    """Empty answers skip the checks, except where emptiness is itself the finding (pay)."""
    from textual.widgets import Static

    from jdwizard.draft.opening import new_session

    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        feedback = app.screen.query_one("#feedback", Static)
        assert app.screen.field.name == "company" and not feedback.display
        app.screen.jump_to("salary_range")
        await pilot.pause()
        assert feedback.display and "No salary range" in str(feedback.render())
        app.screen.jump_to("company")
        await pilot.press(*"Acme rockstar")  # typed: checked as before
        await pilot.pause()
        assert feedback.display and "rockstar" in str(feedback.render()).lower()


@pytest.mark.parametrize("screen_class", [StartScreen, WizardScreen])
async def test_quitting_while_the_first_screen_mounts_prints_no_traceback(
    monkeypatch, backend, drafts_folder, screen_class
) -> None:
    """Ctrl+Q (or anything that exits) landing while the first screen is still being built:
    its widgets are gone by the time it mounts, and it must leave quietly with exit code 0."""
    compose = screen_class.compose

    def quitting_compose(self):
        self.app.exit()
        yield from compose(self)

    monkeypatch.setattr(screen_class, "compose", quitting_compose)
    if screen_class is WizardScreen:
        app = JDWizardApp(new_session(backend, None, {}, drafts_folder))
    else:
        app = JDWizardApp(drafts_folder=drafts_folder)
    async with app.run_test() as pilot:
        await pilot.pause()
    assert app.return_code == 0


async def test_the_multi_line_box_waits_until_the_first_screen_is_up(
    backend, drafts_folder, monkeypatch
):
    """The first field is one line: the first screen is built without the multi-line box
    (Textual's TextArea is a tenth of the start-up), which is mounted once that screen shows."""
    from textual.widgets import TextArea

    app = JDWizardApp(new_session(backend, None, {}, drafts_folder))
    made_when_first_painted_at = []  # app.first_painted_at when each box is made
    new_text_answer = WizardScreen._new_text_answer

    def recording_new_text_answer():
        made_when_first_painted_at.append(app.first_painted_at)
        return new_text_answer()

    monkeypatch.setattr(WizardScreen, "_new_text_answer", staticmethod(recording_new_text_answer))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(made_when_first_painted_at) == 1
        assert made_when_first_painted_at[0] != float("inf")  # made after the first paint
        box = app.screen.query_one("#answer-text", TextArea)
        assert box.is_mounted and not box.display


async def test_a_multi_line_field_shown_before_its_box_is_mounted_takes_typing(
    backend, drafts_folder, monkeypatch
):
    """Reaching a multi-line field before the box is mounted (keys typed ahead at start-up):
    the box is mounted then and there, gets the focus, and what is typed lands in that field."""
    benefits = next(i for i, f in enumerate(backend.fields) if f.kind == "text")
    on_mount = WizardScreen.on_mount

    def jump_at_once(self):
        on_mount(self)
        self.show_field(benefits)  # before the first paint: no box yet

    monkeypatch.setattr(WizardScreen, "on_mount", jump_at_once)
    app = JDWizardApp(new_session(backend, None, {"benefits": "Dental"}, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.field.name == "benefits"
        box = screen.query_one("#answer-text")
        assert box.display and app.focused is box and box.text == "Dental"
        assert not screen.query_one("#answer-line").display
        await pilot.press("end", "enter", *"Gym", "enter", *"Pension")
        await pilot.pause()
        assert screen.session.answers["benefits"] == "Dental\nGym\nPension"
        assert "Gym" in preview_text(app) and "Pension" in preview_text(app)
        assert "company" not in screen.session.answers


async def settle(pilot, seconds: float = 0.8) -> None:
    for _ in range(int(seconds / 0.02)):
        await pilot.pause(0.02)


async def test_typing_straight_after_enter_on_a_template_lands_in_the_wizard(drafts_folder):
    """Enter on a template, then the company and the next answer typed at once: the keys
    after Enter wait for the wizard to be ready, and each lands in its field."""
    from jdwizard.draft.listing import load_start_lists

    app = JDWizardApp(None, drafts_folder, start_lists=load_start_lists(drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        post_keys(app, "enter", *"Initech", "enter", *"a platform")
        await settle(pilot)
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.answers == {"company": "Initech",
                                               "what_you_do": "a platform"}
        assert app.screen.field.name == "what_you_do"


async def test_typing_straight_after_enter_on_a_draft_lands_in_the_wizard(drafts_folder):
    """Enter on a saved draft, then typing at once: the keys are not start-screen commands
    (i, p, / ...) while the draft is read; they go into its first open field."""
    from jdwizard.draft.listing import load_start_lists

    save_draft(Draft("backend-engineer", answers={"company": "Globex"}), "",
               drafts_folder / "globex.toml")
    app = JDWizardApp(None, drafts_folder, start_lists=load_start_lists(drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#draft-list").focus()
        await pilot.pause()
        post_keys(app, "enter", *"ipsum")
        await settle(pilot)
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.session.answers["what_you_do"] == "ipsum"


async def test_typing_straight_after_enter_on_a_bad_draft_waits_for_its_dialog(
    drafts_folder, monkeypatch
):
    """Enter on a draft that cannot be opened, then typing at once: while the file is looked
    at for what can be saved, the keys are not start-screen commands ('/' would move to the
    drafts filter and take the rest); they wait for the bad-draft dialog."""
    import time

    from jdwizard.draft import file as drafts
    from jdwizard.draft.listing import load_start_lists
    from jdwizard.ui.screens.bad_draft import BadDraftScreen

    drafts_folder.mkdir(parents=True)
    (drafts_folder / "broken.toml").write_text('template = "backend-engineer"\n[answers\n')
    salvage_draft = drafts.salvage_draft

    def slow_salvage(path):
        time.sleep(0.8)  # longer than keys wait after Enter on a list
        return salvage_draft(path)

    monkeypatch.setattr(drafts, "salvage_draft", slow_salvage)
    app = JDWizardApp(None, drafts_folder, start_lists=load_start_lists(drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        start = app.screen
        start.query_one("#draft-list").focus()
        await pilot.pause()
        post_keys(app, "enter", "slash", *"ab")
        await settle(pilot, 1.5)
        assert isinstance(app.screen, BadDraftScreen)
        draft_filter = start.query_one("#draft-filter", Input)
        assert draft_filter.value == "" and not draft_filter.has_focus


async def test_enter_typed_ahead_while_starting_moves_to_the_next_field(backend, drafts_folder):
    """Typed before the app took the terminal, Enter arrives as a newline (Ctrl+J): it still
    means Enter, so "Acme", Enter, "a platform" fill two fields. Ctrl+J pressed later still
    goes to the fields list."""
    app = JDWizardApp(new_session(backend, None, {}, drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        post_keys(app, *"Acme", "ctrl+j", *"a platform", typed_ahead=True)
        await settle(pilot)
        screen = app.screen
        assert screen.session.answers == {"company": "Acme", "what_you_do": "a platform"}
        await pilot.press("ctrl+j")
        assert app.focused.id == "fields"


async def test_typing_in_an_answered_multi_line_field_adds_to_the_end(drafts_folder, backend):
    """Coming back to a multi-line answer, the cursor is at its end (as in a one-line answer):
    Enter and a new line add a benefit instead of splitting the first one."""
    session = new_session(backend, None, {"benefits": "Health insurance\nGym"}, drafts_folder)
    app = JDWizardApp(session)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.jump_to("benefits")
        await pilot.pause()
        await pilot.press("enter", *"Dental")
        await pilot.pause()
        assert session.answers["benefits"] == "Health insurance\nGym\nDental"
        await pilot.press("pageup", "pagedown")
        await pilot.pause()
        await pilot.press("enter", *"Pension")
        await pilot.pause()
        assert session.answers["benefits"] == "Health insurance\nGym\nDental\nPension"
