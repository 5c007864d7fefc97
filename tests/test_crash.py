"""Reliability promise 1: a crash (kill -9) loses at most the last moment of typing, never a
draft. The real app runs in a pseudo-terminal (tests/pty_app.py); saves are killed mid-write."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from jdwizard.draft.file import DraftError, load_draft, markdown_path
from jdwizard.draft.listing import list_drafts
from pty_app import CTRL_Q, ENTER, START_TIMEOUT, PtyApp, wait_until

FIRST_QUESTION = "What is your company called?"
SECOND_QUESTION = "What does your company do?"
# After company and what_you_do come company_website, company_size and seniority (optional),
# job_title and employment_type (their defaults answer them), then the first required field
# left: hiring_manager, the 8th.
RESUME_QUESTION = "Who does this role report to?"

COMPANY = "Acme Robotics"
SENTENCE = "a robotics platform for warehouses"


def test_kill_9_keeps_what_was_typed_and_the_draft_resumes(tmp_path: Path):
    path = tmp_path / "d.toml"
    with PtyApp(["new", "backend-engineer", "--draft", str(path)], rows=35, cols=120) as app:
        app.wait_for(FIRST_QUESTION, timeout=START_TIMEOUT)
        mark = app.mark()
        app.send(COMPANY + ENTER)
        app.wait_for(SECOND_QUESTION, since=mark)
        mark = app.mark()
        app.send(SENTENCE)  # no Enter: still typing in the field
        app.wait_for(SENTENCE, since=mark)  # the app has the keys: they are on screen
        # Autosave puts them on disk by itself (within a second; benchmarks/ times it).
        wait_until(lambda: SENTENCE in path.read_text("utf-8"), message="the autosave")
        status = app.kill(signal.SIGKILL)
        assert status == -signal.SIGKILL  # killed, not a clean exit that saved on the way out

    draft = load_draft(path)
    assert draft.template == "backend-engineer"
    assert draft.answers == {"company": COMPANY, "what_you_do": SENTENCE}
    document = path.with_suffix(".md").read_text("utf-8")
    assert COMPANY in document and SENTENCE in document

    # Resume in a fresh terminal: it opens at the next required question, on the same file
    # (the dead process's lock is stale, so no "open elsewhere" copy), and saves there.
    with PtyApp(["resume", str(path)], rows=35, cols=120) as app:
        app.wait_for(RESUME_QUESTION, timeout=START_TIMEOUT)
        app.wait_for("Field 8 of ")
        mark = app.mark()
        app.send("Priya Shah")
        app.wait_for("Priya Shah", since=mark)
        app.send(CTRL_Q)
        assert app.wait_exit() == 0
        text = app.text()
    assert "open in another jdwizard" not in text.lower()
    assert "open elsewhere" not in text.lower()
    assert f"Draft saved: {path}" in text
    assert not list(tmp_path.glob("*copy*")), sorted(p.name for p in tmp_path.iterdir())
    assert load_draft(path).answers == {
        "company": COMPANY, "what_you_do": SENTENCE, "hiring_manager": "Priya Shah"
    }


# -- killed in the middle of a save -------------------------------------------------------------

WRITER = """
import json, sys
from pathlib import Path
from jdwizard.draft.file import Draft, save_draft

path, specs = Path(sys.argv[1]), [json.loads(Path(a).read_text("utf-8")) for a in sys.argv[2:]]
drafts = [(Draft("backend-engineer", answers=s["answers"]), s["document"]) for s in specs]
save_draft(*drafts[0], path)  # the draft exists before any kill
print("writing", flush=True)
turn = 0
while True:  # saves back to back: B, A, B, ... over the same path
    turn += 1
    save_draft(*drafts[turn % 2], path)
"""


def big_draft(tag: str) -> dict:
    """About 200 KB of answers (and a document as large), different for A and B; with quotes,
    backslashes, newlines and non-ASCII so the TOML has escapes to cut in half."""
    line = f'Line {{}} of draft {tag}: "quoted", a back\\slash, ünïcödé — {tag * 20}\n'
    long_text = "".join(line.format(number) for number in range(1_900))
    answers = {
        "company": f"Company {tag}",
        "what_you_do": long_text,
        "benefits": f"Health for {tag}\nLearning budget for {tag}",
    }
    return {"answers": answers, "document": f"# Draft {tag}\n\n{long_text}"}


class Watcher(threading.Thread):
    """Reads the draft and its document over and over while the saves run: every read must
    find one whole version (the README: "a draft on disk is always whole")."""

    def __init__(self, path: Path, answers: list[dict], documents: list[str]) -> None:
        super().__init__(name="draft-watcher", daemon=True)
        self.path, self.answers, self.documents = path, answers, documents
        self.done = threading.Event()
        self.reads = 0
        self.problems: list[str] = []

    def run(self) -> None:
        while not self.done.is_set():
            self.reads += 1
            try:
                if load_draft(self.path).answers not in self.answers:
                    self.problems.append("the draft's answers are neither A's nor B's")
                document = markdown_path(self.path).read_text("utf-8")
                if document not in self.documents:
                    self.problems.append(f"the document is neither A nor B ({len(document)} chars)")
            except (DraftError, OSError, UnicodeDecodeError) as error:
                self.problems.append(str(error)[:200])


def test_kill_9_in_the_middle_of_saves_leaves_a_whole_draft(tmp_path: Path):
    path = tmp_path / "drafts" / "d.toml"
    specs = {tag: big_draft(tag) for tag in "AB"}
    assert all(150_000 < len(json.dumps(s["answers"])) < 400_000 for s in specs.values())
    spec_files = []
    for tag, spec in specs.items():
        spec_file = tmp_path / f"{tag}.json"
        spec_file.write_text(json.dumps(spec), "utf-8")
        spec_files.append(str(spec_file))
    expected_answers = [specs["A"]["answers"], specs["B"]["answers"]]
    expected_documents = [specs["A"]["document"], specs["B"]["document"]]
    watcher = Watcher(path, expected_answers, expected_documents)

    chooser = random.Random(20261128)  # the same kill moments on every run
    kills = mid_write = 0
    seen_temporaries: set[str] = set()
    try:
        # 25 kills; more (up to 80) if none has yet landed between a temporary file's creation
        # and its rename, the moment that matters (one in ten or so do, depending on the disk).
        while kills < 25 or (mid_write == 0 and kills < 80):
            kills += 1
            delay = chooser.uniform(0.0, 0.060)
            writer = subprocess.Popen(
                [sys.executable, "-c", WRITER, str(path), *spec_files],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            )
            try:
                ready = writer.stdout.readline()
                assert ready == b"writing\n", (ready, writer.stderr.read())
                if not watcher.is_alive():
                    watcher.start()  # the draft exists from here on
                time.sleep(delay)
                writer.kill()
                assert writer.wait(timeout=10) == -signal.SIGKILL
            finally:
                if writer.poll() is None:
                    writer.kill()
                    writer.wait()
                writer.stdout.close()
                writer.stderr.close()
            where = f"after kill {kills}, {delay * 1000:.0f} ms after the first save"
            temporaries = {p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")}
            mid_write += len(temporaries - seen_temporaries)  # a temporary file left: mid-write
            seen_temporaries |= temporaries
            draft = load_draft(path)  # raises on a truncated or unparsable file
            assert draft.answers in expected_answers, where
            assert markdown_path(path).read_text("utf-8") in expected_documents, where
    finally:
        watcher.done.set()
        watcher.join(timeout=10)
    assert not watcher.problems, (
        f"{len(watcher.problems)} of {watcher.reads} reads during the saves found a broken "
        f"draft, e.g. {watcher.problems[:3]}"
    )
    assert watcher.reads > 25

    assert mid_write, f"none of {kills} kills landed during a write: nothing was tested"
    # The temporary files such kills leave behind never show up as drafts.
    summaries = list_drafts(path.parent, also=())
    assert [(s.path, s.problem) for s in summaries] == [(path, "")]


# -- a disk that fails after the first save ------------------------------------------------------


def test_quitting_without_saving_after_a_failed_save_says_so(tmp_path: Path):
    """Saves start failing (the app may write no more than 1 KB to a file, as on a full disk:
    EFBIG); Ctrl+Q twice quits without saving. What is printed is the truth: nothing claims
    the draft was saved, and the file holds the last save that happened."""
    import resource

    path = tmp_path / "d.toml"
    with PtyApp(["new", "backend-engineer", "--draft", str(path)], rows=35, cols=120) as app:
        app.wait_for(FIRST_QUESTION, timeout=START_TIMEOUT)
        mark = app.mark()
        app.send(COMPANY)
        app.wait_for(COMPANY, since=mark)
        wait_until(lambda: COMPANY in path.read_text("utf-8"), message="the first autosave")
        assert app.process is not None
        resource.prlimit(app.process.pid, resource.RLIMIT_FSIZE, (1024, 1024))
        mark = app.mark()
        app.send(" and a great deal more text " * 60)
        app.wait_for("Not saved", since=mark)
        app.send(CTRL_Q)
        app.wait_for("Not quitting", since=mark)
        mark = app.mark()
        app.send(CTRL_Q)
        assert app.wait_exit() == 0
        text = app.text(since=mark)
    assert "Draft saved" not in text
    assert "quit without saving the last changes (the save failed: File too large)" in text
    assert f"{path} holds the last save" in text
    assert load_draft(path).answers == {"company": COMPANY}


def test_a_draft_saved_without_its_document_says_so_on_quitting(tmp_path: Path):
    """A user template's body fails on the answer "Boom": the answers save alone. Quitting
    says the draft is saved and that its document was not written (it said "document: d.md",
    a file that did not exist or held an earlier answer)."""
    from test_library import fragile_copy

    fragile_copy()
    path = tmp_path / "d.toml"
    with PtyApp(["new", "fragile", "--draft", str(path)], rows=35, cols=120) as app:
        app.wait_for(FIRST_QUESTION, timeout=START_TIMEOUT)
        mark = app.mark()
        app.send("Boom")
        app.wait_for("No preview", since=mark)
        wait_until(lambda: "Boom" in path.read_text("utf-8"), message="the autosave")
        mark = app.mark()
        app.send(CTRL_Q)
        assert app.wait_exit() == 0
        text = " ".join(app.text(since=mark).split())
    assert f"Draft saved: {path} (the document was not written: template" in text
    assert "integer division or modulo by zero" in text
    document = path.with_suffix(".md")  # none, or an earlier save's ("Boo", typed on the way)
    assert not document.exists() or "Boom" not in document.read_text("utf-8")


def test_a_hand_written_draft_left_unchanged_names_no_document_that_is_not_there(
        tmp_path: Path):
    """A draft written by hand has no .md beside it; opened and quit with no change, nothing is
    written, so the goodbye must not name a document (it said "document: d.md")."""
    path = tmp_path / "d.toml"
    path.write_text('template = "backend-engineer"\n[answers]\ncompany = "Acme"\n', "utf-8")
    with PtyApp(["resume", str(path)], rows=35, cols=120) as app:
        app.wait_for(SECOND_QUESTION, timeout=START_TIMEOUT)
        mark = app.mark()
        app.send(CTRL_Q)
        assert app.wait_exit() == 0
        text = " ".join(app.text(since=mark).split())
    assert not markdown_path(path).exists()
    assert f"Draft saved: {path} (no document beside it yet: 'jdwizard render {path}'" in text
