"""Nothing typed is lost: bad draft files, places that cannot be written, and a draft open twice.

(Crash safety and the terminal are in test_crash.py and test_terminal.py; odd answers, names on
disk and the clipboard in test_hostile.py and test_clipboard.py.)
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList, Static, TextArea

from conftest import BACKEND_ANSWERS, press, wait_for
from jdwizard import files as storage
from jdwizard.cli import main
from jdwizard.draft import lock as locking
from jdwizard.draft.file import Draft, load_draft, save_draft
from jdwizard.draft.opening import new_session, open_session
from jdwizard.draft.session import DraftConflict
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.bad_draft import BadDraftScreen, FileViewScreen
from jdwizard.ui.screens.dialogs import SaveAsScreen
from jdwizard.ui.screens.start import StartScreen
from jdwizard.ui.screens.wizard import WizardScreen

SIZE = (120, 40)
GOOD = 'template = "backend-engineer"\n[answers]\ncompany = "Acme"\n'

# Each bad draft, as bytes, and words the one-line error must contain.
BAD_DRAFTS = {
    "not-toml": (b"this is not = = toml\n", "not valid TOML"),
    "answers-not-a-table": (
        b'template = "backend-engineer"\nanswers = "x"\n', "no [answers] table"
    ),
    "value-not-text": (
        b'template = "backend-engineer"\n[answers]\ncompany = "Acme"\nlocation = 3\n',
        "answer 'location' must be text",
    ),
    "unknown-template": (b'template = "chef"\n[answers]\ncompany = "Acme"\n', "unknown template"),
    "empty": (b"", "is empty"),
    "binary": (bytes(range(256)) * 8, "not a text file"),
    "nul-bytes": (b'template = "backend-engineer"\x00\x00\n', "not a text file"),
    "huge": (b"# padding\n" * 1_048_576, "more than a draft may hold"),  # 10 MB
}


@pytest.mark.parametrize("kind", sorted(BAD_DRAFTS))
def test_a_bad_draft_is_one_clear_line_and_left_untouched(kind, tmp_path, capsys):
    content, words = BAD_DRAFTS[kind]
    path = tmp_path / f"{kind}.toml"
    path.write_bytes(content)
    for command in ("resume", "render", "check"):
        code = main([command, str(path)])
        out, err = capsys.readouterr()
        assert code == 1, command
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("jdwizard: error: "), err
        assert str(path) in lines[0] and words in lines[0]
        assert "Traceback" not in err + out
    assert path.read_bytes() == content


async def open_bad_draft_from_start(app: JDWizardApp, pilot) -> BadDraftScreen:
    assert isinstance(app.screen, StartScreen)
    assert app.screen.query_one("#draft-list", OptionList).highlighted == 0
    await press(pilot, "tab", "enter")  # Enter is handled once the dialog is up
    assert isinstance(app.screen, BadDraftScreen)
    return app.screen


async def test_start_screen_offers_a_read_only_view_of_a_bad_draft(drafts_folder):
    drafts_folder.mkdir(parents=True)
    path = drafts_folder / "broken.toml"
    content = 'template = "backend-engineer"\n[answers]\ncompany = "Acme\n'  # unclosed string
    path.write_text(content, encoding="utf-8")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_bad_draft_from_start(app, pilot)
        problem = str(dialog.query_one("#bad-draft-problem", Static).render())
        assert "not valid TOML" in problem and "broken.toml" in problem
        ids = [button.id for button in dialog.query(Button)]
        assert ids == ["view", "cancel"]  # no template could be read: no new draft from it
        await pilot.click("#view")
        await wait_for(pilot, lambda: isinstance(app.screen, FileViewScreen), "the view")
        view = app.screen.query_one(TextArea)
        assert view.read_only and view.text == content
        await press(pilot, *"typing here changes nothing")
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, StartScreen), "the start screen")
    assert path.read_text(encoding="utf-8") == content


@pytest.mark.parametrize("kind", ["binary", "nul-bytes", "empty", "huge", "not-toml"])
async def test_every_kind_of_bad_draft_opens_the_bad_draft_dialog_from_the_start_screen(
    kind, drafts_folder
):
    """Enter on any bad draft explains it in the dialog (reading what can be salvaged never
    raises, whatever the bytes), and leaves the file as it was."""
    drafts_folder.mkdir(parents=True)
    content, words = BAD_DRAFTS[kind]
    path = drafts_folder / f"{kind}.toml"
    path.write_bytes(content)
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_bad_draft_from_start(app, pilot)
        problem = str(dialog.query_one("#bad-draft-problem", Static).render())
        assert words in problem and path.name in problem
        assert app.is_running
    assert path.read_bytes() == content


async def test_a_bad_draft_can_start_a_new_draft_with_its_readable_answers(drafts_folder):
    drafts_folder.mkdir(parents=True)
    path = drafts_folder / "typed.toml"
    content = GOOD + 'location = "Berlin"\nsalary_range = 150000\n'  # a number, not text
    path.write_text(content, encoding="utf-8")
    app = JDWizardApp(None, drafts_folder)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_bad_draft_from_start(app, pilot)
        assert "answer 'salary_range' must be text" in str(
            dialog.query_one("#bad-draft-problem", Static).render())
        await pilot.click("#start-over")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        session = app.screen.session
        assert session.answers == {"company": "Acme", "location": "Berlin"}
        assert session.path != path
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: session.path is not None and not session.dirty)
        saved = session.path
    assert path.read_text(encoding="utf-8") == content
    assert load_draft(saved).answers == {"company": "Acme", "location": "Berlin"}


# --- places that cannot be written ----------------------------------------------------------


async def save_as(pilot, path: Path) -> None:
    await press(pilot, "f3")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, SaveAsScreen), "the dialog")
    await save_as_in_open_dialog(pilot, path)


async def test_disk_full_keeps_the_answers_and_save_as_writes_them_elsewhere(
    tmp_path, monkeypatch, backend, notices
):
    target = tmp_path / "full" / "draft.toml"
    real_write = storage.atomic_write_text

    def disk_full(path: Path, text: str) -> None:
        if path.parent == target.parent:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write(path, text)

    monkeypatch.setattr("jdwizard.draft.file.atomic_write_text", disk_full)
    app = JDWizardApp(new_session(backend, target, {}, folder=tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"Acme", "ctrl+s")
        await wait_for(pilot, lambda: any("No space left on device" in m and "F3" in m
                                          for m in notices), "the message")
        assert app.session.answers["company"] == "Acme"
        elsewhere = tmp_path / "elsewhere" / "saved.toml"
        await save_as(pilot, elsewhere)
        assert isinstance(app.screen, WizardScreen)
        assert app.session.path == elsewhere
        await press(pilot, *" Co")
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert not target.exists()
    assert load_draft(elsewhere).answers["company"] == "Acme Co"
    assert "Acme Co" in elsewhere.with_suffix(".md").read_text("utf-8")


async def test_a_read_only_folder_is_reported_and_save_as_recovers(tmp_path, backend, notices):
    folder = tmp_path / "read-only"
    folder.mkdir()
    target = folder / "draft.toml"
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root ignores permissions: a file in the way instead
        folder.chmod(0o700)
        (tmp_path / "blocker").write_text("x")
        target = tmp_path / "blocker" / "draft.toml"
    try:
        app = JDWizardApp(new_session(backend, target, {}, folder=tmp_path))
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, *"Acme", "ctrl+s")
            await wait_for(pilot, lambda: any(m.startswith(f"Could not save {target}")
                                              for m in notices), "the message")
            await save_as(pilot, target)  # the same unusable place: refused in the dialog
            assert isinstance(app.screen, SaveAsScreen)
            error = str(app.screen.query_one("#save-as-error", Static).render())
            assert error and "choose another" in error or "not a folder" in error
            await save_as_in_open_dialog(pilot, tmp_path / "ok.toml")
            assert app.session.path == tmp_path / "ok.toml"
    finally:
        folder.chmod(0o700)
    assert load_draft(tmp_path / "ok.toml").answers == {"company": "Acme"}


async def save_as_in_open_dialog(pilot, path: Path) -> None:
    """Type `path` in the open Save as dialog and press Enter; wait for the dialog to close
    and the save to be done, or for the dialog to say why not."""
    dialog = pilot.app.screen
    field = dialog.query_one("#save-as-path", Input)
    error = dialog.query_one("#save-as-error", Static)
    field.value = str(path)
    await press(pilot, "enter")
    await wait_for(pilot, lambda: str(error.render()) or (
        pilot.app.screen is not dialog and pilot.app.session.path == path.absolute()
        and not pilot.app.session.dirty), "the save")


@pytest.mark.parametrize("kind", ["directory", "existing", "not-toml"])
async def test_save_as_refuses_a_folder_an_existing_file_or_another_suffix(
    kind, tmp_path, backend
):
    existing = tmp_path / "taken.toml"
    existing.write_text(GOOD, encoding="utf-8")
    path = {"directory": tmp_path, "existing": existing, "not-toml": tmp_path / "x.txt"}[kind]
    app = JDWizardApp(new_session(backend, tmp_path / "d.toml", {}, folder=tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"Acme")
        await save_as(pilot, path)
        assert isinstance(app.screen, SaveAsScreen)
        assert str(app.screen.query_one("#save-as-error", Static).render())
        await press(pilot, "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
    assert existing.read_text(encoding="utf-8") == GOOD


def test_a_draft_path_that_is_a_folder_is_refused_up_front(tmp_path, capsys):
    (tmp_path / "dir.toml").mkdir()
    assert main(["new", "backend-engineer", "--draft", str(tmp_path / "dir.toml")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["resume", str(tmp_path / "dir.toml")]) == 1
    assert "is a folder" in capsys.readouterr().err


# --- the same draft open twice --------------------------------------------------------------


@pytest.fixture
def saved_draft(drafts_folder: Path) -> Path:
    path = drafts_folder / "shared.toml"
    save_draft(Draft("backend-engineer", {"company": "Acme"}), "", path)
    return path


def test_a_save_never_replaces_answers_someone_else_saved_meanwhile(saved_draft):
    first = open_session(saved_draft)
    second = open_session(saved_draft)
    second.set_answer("location", "Berlin")
    second.save_now()
    first.set_answer("location", "Paris")
    with pytest.raises(DraftConflict):
        first.save_now()
    assert load_draft(saved_draft).answers["location"] == "Berlin"
    copy = first.fork_to_copy()
    first.save_now()
    assert copy.name == "shared-copy.toml"
    assert load_draft(copy).answers == {"company": "Acme", "location": "Paris"}
    assert load_draft(saved_draft).answers["location"] == "Berlin"


def test_an_edit_in_place_of_the_same_size_is_noticed(saved_draft):
    """Another program rewrites the draft in place (same file, same size, later time): the
    stamp still tells, and the save refuses rather than overwrite it."""
    session = open_session(saved_draft)
    text = saved_draft.read_text("utf-8")
    assert '"Acme"' in text
    with saved_draft.open("r+", encoding="utf-8") as stream:  # same inode, same size
        stream.write(text.replace('"Acme"', '"Acmf"'))
    later = saved_draft.stat().st_mtime + 5
    os.utime(saved_draft, (later, later))
    session.set_answer("location", "Paris")
    with pytest.raises(DraftConflict):
        session.save_now()
    assert load_draft(saved_draft).answers["company"] == "Acmf"


async def test_the_app_saves_to_a_copy_when_the_draft_changed_on_disk(saved_draft, drafts_folder,
                                                                      notices):
    app = JDWizardApp(open_session(saved_draft, drafts_folder), autosave_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        other = load_draft(saved_draft)  # another jdwizard saves its newer answers
        other.answers["what_you_do"] = "theirs"
        save_draft(other, "", saved_draft)
        await press(pilot, *"mine")
        await wait_for(pilot, lambda: any("changed elsewhere" in m and "shared-copy.toml" in m
                                          for m in notices), "the autosave's message")
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert load_draft(saved_draft).answers["what_you_do"] == "theirs"
    assert load_draft(saved_draft.with_name("shared-copy.toml")).answers["what_you_do"] == "mine"


async def test_quitting_right_after_the_draft_changed_on_disk_saves_the_copy(
    saved_draft, drafts_folder, notices
):
    """The save on quitting finds the draft changed elsewhere: it writes the copy at once and
    quits (no "not saved" and no second Ctrl+Q), and lets go of the original's lock."""
    app = JDWizardApp(open_session(saved_draft, drafts_folder), autosave_seconds=60)
    async with app.run_test(size=SIZE) as pilot:
        assert locking.lock_path(saved_draft).exists()
        other = load_draft(saved_draft)
        other.answers["what_you_do"] = "theirs"
        save_draft(other, "", saved_draft)
        await press(pilot, *"mine", "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    copy = saved_draft.with_name("shared-copy.toml")
    assert not any("Not quitting" in n for n in notices)
    assert any(n.title == "Saving to a copy" for n in notices)
    assert load_draft(copy).answers["what_you_do"] == "mine"
    assert load_draft(saved_draft).answers["what_you_do"] == "theirs"
    assert app.outcome is not None
    assert (app.outcome.path, app.outcome.saved, app.outcome.forked_from) == (
        copy, True, saved_draft)
    assert not locking.lock_path(saved_draft).exists()
    assert not locking.lock_path(copy).exists()


@pytest.mark.parametrize("saved", [False, True])
async def test_a_save_as_target_made_meanwhile_is_left_alone(saved, saved_draft, drafts_folder,
                                                            backend, notices):
    """Save as checks the name when it is chosen; a file made there before the write is not
    replaced, and it is not taken for a change to the open draft (no copy of it)."""
    session = (open_session(saved_draft, drafts_folder) if saved
               else new_session(backend, None, {"company": "Acme"}, drafts_folder))
    app = JDWizardApp(session, autosave_seconds=60)
    target = drafts_folder / "taken.toml"
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"typed")
        target.write_text("someone else's\n", encoding="utf-8")
        assert app.controller is not None
        assert await app.controller.save(announce=True, target=target) is False
        assert any("taken.toml exists now" in n and "F3" in n for n in notices)
        assert session.path == (saved_draft if saved else None)
        assert session.forked_from is None
    assert target.read_text("utf-8") == "someone else's\n"
    assert not list(drafts_folder.glob("*copy*"))


def hold_lock_elsewhere(path: Path) -> subprocess.Popen:
    """Another jdwizard process holding the draft's lock until it is told to stop."""
    code = (
        "import sys; from pathlib import Path; from jdwizard.draft import lock as locking; "
        f"locking.acquire(Path({str(path)!r})); print('locked', flush=True); sys.stdin.read()"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


async def test_the_second_terminal_is_warned_and_writes_a_copy(saved_draft, drafts_folder,
                                                               notices):
    other = hold_lock_elsewhere(saved_draft)
    try:
        session = open_session(saved_draft, drafts_folder)
        assert session.other_holder == f"process {other.pid} on {os.uname().nodename}"
        app = JDWizardApp(session)
        async with app.run_test(size=SIZE) as pilot:
            assert any("open in another jdwizard" in m and "shared-copy.toml" in m
                       for m in notices)
            await press(pilot, *"Globex")
            await press(pilot, "ctrl+q")
            await wait_for(pilot, lambda: not app.is_running, "the app to end")
    finally:
        other.communicate("")
    assert load_draft(saved_draft).answers == {"company": "Acme"}
    copy = saved_draft.with_name("shared-copy.toml")
    assert load_draft(copy).answers["what_you_do"] == "Globex"


def test_a_lock_left_by_a_dead_process_is_taken_over(saved_draft):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    locking.lock_path(saved_draft).write_text(f"{dead.stdout.strip()} {os.uname().nodename}\n")
    session = open_session(saved_draft)
    assert session.other_holder is None and session.path == saved_draft
    session.set_answer("location", "Berlin")
    session.save_now()
    assert load_draft(saved_draft).answers["location"] == "Berlin"
    session.close()
    assert not locking.lock_path(saved_draft).exists()


async def test_quitting_a_draft_open_twice_unchanged_says_it_is_as_it_was(saved_draft,
                                                                          drafts_folder):
    """Open in another jdwizard, nothing typed here: no copy, and quitting reports the draft
    as saved where it is (not "quit without saving")."""
    other = hold_lock_elsewhere(saved_draft)
    try:
        app = JDWizardApp(open_session(saved_draft, drafts_folder))
        async with app.run_test(size=SIZE) as pilot:
            await press(pilot, "ctrl+q")
            await wait_for(pilot, lambda: not app.is_running, "the app to end")
    finally:
        other.communicate("")
    assert app.outcome is not None
    assert (app.outcome.path, app.outcome.saved, app.outcome.forked_from) == (
        saved_draft, True, None)
    assert sorted(p.name for p in saved_draft.parent.glob("*.toml")) == ["shared.toml"]


def test_an_unchanged_draft_open_twice_writes_no_copy(saved_draft):
    other = hold_lock_elsewhere(saved_draft)
    try:
        session = open_session(saved_draft)
        assert not session.dirty
    finally:
        other.communicate("")
    assert sorted(p.name for p in saved_draft.parent.glob("*.toml")) == ["shared.toml"]


def test_backend_answers_round_trip_after_all_this(saved_draft):
    session = open_session(saved_draft)
    for name, value in BACKEND_ANSWERS.items():
        session.set_answer(name, value)
    session.save_now()
    assert tomllib.loads(saved_draft.read_text("utf-8"))["answers"] == BACKEND_ANSWERS


def test_render_and_check_only_read(saved_draft, capsys):
    before = sorted(p.name for p in saved_draft.parent.iterdir())
    main(["render", "--allow-incomplete", str(saved_draft)])
    main(["check", str(saved_draft)])
    capsys.readouterr()
    assert sorted(p.name for p in saved_draft.parent.iterdir()) == before
