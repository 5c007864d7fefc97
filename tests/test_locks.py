"""The lock beside an open draft knows liveness: it is an OS lock (flock) held while the draft
is open, so a dead owner never looks alive and a reused process id never looks like an owner.

What is checked is what the user sees (the draft opens as itself or as a copy, the notices) and
the files on disk (no lock left behind on any way out); "another jdwizard" is a second process.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import press, wait_for
from jdwizard.cli import main
from jdwizard.draft import lock as locking
from jdwizard.draft.file import Draft, load_draft, save_draft
from jdwizard.draft.manage import delete_draft, rename_draft
from jdwizard.draft.opening import open_session
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.wizard import WizardScreen

SIZE = (120, 40)
HOST = socket.gethostname()

# A process holding a draft's lock as jdwizard does: an exclusive flock on the lock file, its
# pid and host written in it; it holds it until its standard input closes (or it is killed).
HOLD = """
import fcntl, os, socket, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
os.ftruncate(fd, 0)
os.write(fd, f"{os.getpid()} {socket.gethostname()}\\n".encode())
print("locked", flush=True)
sys.stdin.read()
"""

# What another process sees: who holds the draft (None: nobody), as jdwizard checks it.
HOLDER = """
import sys
from pathlib import Path
from jdwizard.draft import lock
print(lock.holder(Path(sys.argv[1])))
"""


@pytest.fixture
def saved_draft(drafts_folder: Path) -> Path:
    path = drafts_folder / "shared.toml"
    save_draft(Draft("backend-engineer", {"company": "Acme"}), "", path)
    return path


def holder_elsewhere(path: Path) -> str:
    """Who holds `path`, as a second process sees it ("None": nobody)."""
    result = subprocess.run([sys.executable, "-c", HOLDER, str(path)], capture_output=True,
                            text=True, timeout=60, check=True)
    return result.stdout.strip()


def hold_elsewhere(path: Path) -> subprocess.Popen[str]:
    """A second process holding the draft's lock until told to stop (or killed)."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(locking.lock_path(path))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def lock_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".lock"))


async def type_and_quit(app: JDWizardApp, text: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        await press(pilot, *text, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")


# -- finding 1: a lock naming a live process that is not jdwizard ----------------------------


@pytest.mark.parametrize("pid", [1, os.getppid()], ids=["init", "parent"])
async def test_a_lock_naming_an_unrelated_live_process_opens_the_original(
    pid, saved_draft, drafts_folder, notices
):
    """After a reboot the pid in an old lock may be any live process (init, a shell): it holds
    no lock on the file, so the draft opens as itself, not as a copy, and the old lock goes."""
    locking.lock_path(saved_draft).write_text(f"{pid} {HOST}\n", encoding="utf-8")
    assert locking.holder(saved_draft) is None
    session = open_session(saved_draft, drafts_folder)
    assert session.other_holder is None and session.path == saved_draft
    app = JDWizardApp(session, drafts_folder, autosave_seconds=60)
    await type_and_quit(app, "mine")
    assert not any("open in another jdwizard" in n for n in notices)
    assert load_draft(saved_draft).answers["what_you_do"] == "mine"
    assert not list(drafts_folder.glob("*copy*"))
    assert lock_files(drafts_folder) == []


def test_rename_and_delete_are_not_refused_by_a_lock_naming_a_live_process(saved_draft):
    locking.lock_path(saved_draft).write_text(f"1 {HOST}\n", encoding="utf-8")
    renamed = rename_draft(saved_draft, "renamed")
    assert renamed.exists() and not saved_draft.exists()
    locking.lock_path(renamed).write_text(f"1 {HOST}\n", encoding="utf-8")
    delete_draft(renamed)
    assert not renamed.exists()
    assert lock_files(saved_draft.parent) == []


# -- finding 2: no lock from a command that refuses --------------------------------------------


def test_resume_without_a_terminal_refuses_and_writes_no_lock(saved_draft):
    before = sorted(p.name for p in saved_draft.parent.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "jdwizard", "resume", str(saved_draft)], stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60, env={**os.environ, "TERM": "xterm-256color"},
    )
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "needs an interactive terminal" in lines[0], result.stderr
    assert sorted(p.name for p in saved_draft.parent.iterdir()) == before


def test_the_app_ending_on_an_error_lets_go_of_the_draft(saved_draft, monkeypatch, capsys):
    """However the wizard ends (here: an error inside it), the lock goes with it."""
    import jdwizard.cli.app as cli_app

    def crash(self: JDWizardApp) -> None:
        assert locking.lock_path(saved_draft).exists()  # held while the app runs
        raise RuntimeError("the app failed")

    import jdwizard.cli.drafts as cli_drafts

    monkeypatch.setattr(cli_app, "check_terminal", lambda: None)
    monkeypatch.setattr(cli_drafts, "check_terminal", lambda: None)
    monkeypatch.setattr(JDWizardApp, "run", crash)
    with pytest.raises(RuntimeError):
        main(["resume", str(saved_draft)])
    assert lock_files(saved_draft.parent) == []
    assert holder_elsewhere(saved_draft) == "None"


# -- finding 3: a conflict, then a clean quit --------------------------------------------------


async def test_a_clean_quit_after_a_conflict_leaves_no_lock(saved_draft, drafts_folder,
                                                            notices):
    """The draft changes on disk while open: answers go to a copy; quitting afterwards lets go
    of both (no lock file, and another process finds both free)."""
    app = JDWizardApp(open_session(saved_draft, drafts_folder), autosave_seconds=0.05)
    copy = saved_draft.with_name("shared-copy.toml")
    async with app.run_test(size=SIZE) as pilot:
        other = load_draft(saved_draft)
        other.answers["what_you_do"] = "theirs"
        save_draft(other, "", saved_draft)
        await press(pilot, *"mine")
        await wait_for(pilot, lambda: any(n.title == "Saving to a copy" for n in notices),
                       "the conflict")
        assert holder_elsewhere(saved_draft) == "None"  # the original is let go at once
        assert holder_elsewhere(copy) == f"process {os.getpid()} on {HOST}"
        await press(pilot, *" more")
        await wait_for(pilot, lambda: not app.session.dirty, "the copy's autosave")
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert load_draft(copy).answers["what_you_do"] == "mine more"
    assert lock_files(drafts_folder) == []
    assert holder_elsewhere(saved_draft) == holder_elsewhere(copy) == "None"


# -- another process holding the lock; every way out lets go -----------------------------------


async def test_a_draft_held_elsewhere_opens_a_copy_until_its_holder_dies(
    saved_draft, drafts_folder, notices
):
    other = hold_elsewhere(saved_draft)
    try:
        session = open_session(saved_draft, drafts_folder)
        assert session.other_holder == f"process {other.pid} on {HOST}"
        assert session.path == saved_draft.with_name("shared-copy.toml")
        session.close()
        assert locking.holder(saved_draft) == f"process {other.pid} on {HOST}"  # still theirs
    finally:
        other.kill()  # kill -9: it leaves its lock file, naming a process that is gone
        other.wait(timeout=10)
    assert locking.lock_path(saved_draft).exists()
    assert locking.holder(saved_draft) is None
    app = JDWizardApp(open_session(saved_draft, drafts_folder), drafts_folder,
                      autosave_seconds=60)
    await type_and_quit(app, "after")
    assert load_draft(saved_draft).answers["what_you_do"] == "after"
    assert not list(drafts_folder.glob("*copy*"))
    assert lock_files(drafts_folder) == []


def test_while_a_draft_is_open_another_process_sees_who_has_it(saved_draft):
    session = open_session(saved_draft)
    try:
        assert holder_elsewhere(saved_draft) == f"process {os.getpid()} on {HOST}"
        assert holder_elsewhere(saved_draft) == f"process {os.getpid()} on {HOST}"  # checking
        # took nothing away
        deleting = subprocess.run(
            [sys.executable, "-c", "import sys; from pathlib import Path; from jdwizard.draft."
             "manage import delete_draft; delete_draft(Path(sys.argv[1]))", str(saved_draft)],
            capture_output=True, text=True, timeout=60)
        assert deleting.returncode != 0 and "open in another jdwizard" in deleting.stderr
    finally:
        session.close()
    assert saved_draft.exists()
    assert lock_files(saved_draft.parent) == []


async def test_quitting_without_saving_lets_go_of_the_draft(saved_draft, drafts_folder,
                                                            monkeypatch, notices):
    import jdwizard.draft.session as session_module

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    app = JDWizardApp(open_session(saved_draft, drafts_folder), autosave_seconds=60)
    monkeypatch.setattr(session_module, "save_draft", full)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"lost", "ctrl+q")
        await wait_for(pilot, lambda: any("Not quitting" in n for n in notices), "the refusal")
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert lock_files(drafts_folder) == []
    assert holder_elsewhere(saved_draft) == "None"


async def test_naming_a_new_draft_after_its_company_moves_the_lock(drafts_folder):
    app = JDWizardApp(None, drafts_folder, autosave_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "slash", *"backend", "enter")  # the filter's first match
        await press(pilot, *"Umbrella")
        await wait_for(pilot, lambda: any(drafts_folder.glob("*.toml")) and not app.session.dirty,
                       "the autosave while the company is typed")
        first = app.session.path
        assert first is not None and first.name.startswith("backend-engineer-")
        await press(pilot, "enter", *"shops")  # the company is settled: the next save
        # names the draft after it
        await wait_for(pilot, lambda: app.session.path != first and not app.session.dirty,
                       "the rename")
        named = app.session.path
        assert named.name.startswith("umbrella-")
        assert lock_files(drafts_folder) == [f".{named.name}.lock"]
        assert holder_elsewhere(named) == f"process {os.getpid()} on {HOST}"
        assert holder_elsewhere(first) == "None"
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running, "the app to end")
    assert lock_files(drafts_folder) == []


# -- where the OS lock is not there; a lock file that is not a file ----------------------------


async def test_a_file_system_without_flock_is_treated_as_unlocked(saved_draft, drafts_folder,
                                                                  monkeypatch, notices):
    import fcntl

    def unsupported(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", unsupported)
    assert locking.holder(saved_draft) is None
    app = JDWizardApp(open_session(saved_draft, drafts_folder), autosave_seconds=60)
    await type_and_quit(app, "mine")
    assert load_draft(saved_draft).answers["what_you_do"] == "mine"
    assert not any("open in another jdwizard" in n for n in notices)
    assert lock_files(drafts_folder) == []


def test_a_lock_file_that_links_elsewhere_is_not_written_through(saved_draft, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    locking.lock_path(saved_draft).symlink_to(victim)
    session = open_session(saved_draft)
    session.set_answer("location", "Berlin")
    session.save_now()
    session.close()
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert load_draft(saved_draft).answers["location"] == "Berlin"


def test_a_lock_file_that_is_a_pipe_does_not_hang(saved_draft):
    """A named pipe where the lock should be: reading it would wait for a writer forever."""
    os.mkfifo(locking.lock_path(saved_draft))
    code = ("import sys; from pathlib import Path; "
            "from jdwizard.draft.opening import open_session; "
            "s = open_session(Path(sys.argv[1])); print(s.path.name, s.other_holder); s.close()")
    try:
        result = subprocess.run([sys.executable, "-c", code, str(saved_draft)],
                                capture_output=True, text=True, timeout=30, check=True)
    except subprocess.TimeoutExpired:
        pytest.fail("opening a draft whose lock is a named pipe hung")
    assert result.stdout.split() == ["shared.toml", "None"]
