"""Very large answers (a whole page pasted): typing stays quick, autosave keeps its second, the
review checks them off the event loop. Absolute times are in benchmarks/large_answer.py; here,
states and ratios only."""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from textual import events

from conftest import post_keys, wait_for
from jdwizard.draft.file import Draft, load_draft
from jdwizard.draft.session import Session
from jdwizard.template.model import Template
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.review import ReviewScreen
from jdwizard.ui.screens.wizard import WizardScreen
from jdwizard.ui.widgets.answer import AnswerBox
from jdwizard.ui.widgets.preview import DocumentPreview

LINE = "Health insurance for the whole family, and a yearly learning budget of 2,000 euros\n"


def answer_of(size: int) -> str:
    return (LINE * (size // len(LINE) + 1))[: size - 4] + "END."


async def open_on(app: JDWizardApp, pilot, field: str, size: int) -> AnswerBox:
    """The field's box, with an answer of `size` characters pasted into it."""
    screen = app.screen
    assert isinstance(screen, WizardScreen)
    await screen.jump_to(field)
    box = app.focused
    assert isinstance(box, AnswerBox)
    app.post_message(events.Paste(answer_of(size)))  # as the terminal driver delivers it
    await wait_for(pilot, lambda: len(screen.session.answers.get(field, "")) >= size - 1,
                   "the paste")
    return box


async def test_a_long_answer_previews_as_an_excerpt_and_saves_whole(backend: Template,
                                                                     tmp_path: Path):
    path = tmp_path / "d.toml"
    session = Session(backend, Draft(backend.id, {"company": "Acme"}, path=path))
    app = JDWizardApp(session)
    async with app.run_test(size=(120, 35)) as pilot:
        await open_on(app, pilot, "benefits", 200_000)
        post_keys(app, "q", "j", "z", "z")
        await wait_for(pilot, lambda: session.answers["benefits"].endswith("END.qjzz"), "keys")
        preview = app.screen.query_one(DocumentPreview)
        await wait_for(pilot, lambda: "qjzz" in preview.plain, "the preview")
        # What is typed is in view; the rest of the answer is left out of the preview
        assert "characters before, not shown in the preview" in preview.plain
        assert len(preview.plain) < 20_000
        # ... but never out of the draft or its document
        await wait_for(pilot, lambda: path.exists() and "qjzz" in path.read_text("utf-8"),
                       "the autosave")
        assert load_draft(path).answers["benefits"] == answer_of(200_000) + "qjzz"
        document = path.with_suffix(".md").read_text("utf-8")
        assert document.count("learning budget") == answer_of(200_000).count("learning budget")


async def test_a_line_too_long_to_wrap_scrolls_sideways_until_it_is_gone(backend: Template):
    session = Session(backend, Draft(backend.id, {"company": "Acme"}))
    app = JDWizardApp(session)
    async with app.run_test(size=(120, 35)) as pilot:
        box = await open_on(app, pilot, "what_you_do", 200_000)  # one line: joined on paste
        assert box.document.line_count == 1
        await wait_for(pilot, lambda: not box.soft_wrap, "wrapping off")
        box.replace("a platform", box.document.start, box.document.end)
        await wait_for(pilot, lambda: box.soft_wrap, "wrapping back on")
        assert session.answers["what_you_do"] == "a platform"


async def until(condition, what: str) -> None:
    """Wait for a state without `pilot.pause()`, which waits for the CPU to be idle (and so for
    any thread at work, such as the checks)."""
    deadline = time.monotonic() + 20
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.002)


async def key_times(field: str, size: int, backend: Template) -> list[float]:
    """How long each of a few keys takes to reach the answer, with `size` characters in it."""
    session = Session(backend, Draft(backend.id, {"company": "Acme"}))
    app = JDWizardApp(session)
    times = []
    async with app.run_test(size=(120, 35)) as pilot:
        await open_on(app, pilot, field, size)
        await pilot.pause()
        for letter in "qjzzqjzz":  # at a fast typist's pace: what a key leaves to do (the
            before = len(session.answers[field])  # screen to draw) delays the next one
            start = time.perf_counter()
            post_keys(app, letter)
            await until(lambda: len(session.answers[field]) > before, "the key")  # noqa: B023
            times.append(time.perf_counter() - start)
            await asyncio.sleep(max(0.0, start + 0.1 - time.perf_counter()))
    return times


async def test_a_key_costs_about_the_same_in_a_200_kb_answer(backend: Template):
    """A ratio, not a time: before the preview showed long answers as excerpts, a key in a
    200 KB answer took over 100 times as long as in a 2 KB one."""
    for field in ("benefits", "what_you_do"):
        small = statistics.median(await key_times(field, 2_000, backend))
        large = statistics.median(await key_times(field, 200_000, backend))
        assert large < 30 * small, (field, small, large)


def test_a_save_snapshot_costs_the_same_whatever_the_answer(backend: Template):
    """The snapshot is taken on the event loop; the document is rendered in the save's thread."""
    def snapshot_time(size: int) -> float:
        session = Session(backend, Draft(backend.id, {"company": "Acme",
                                                      "benefits": answer_of(size)}))
        session.renderer  # noqa: B018 - compiled first, as the app does
        best = float("inf")
        for _ in range(7):
            start = time.perf_counter()
            session.save_job()
            best = min(best, time.perf_counter() - start)
        return best

    assert snapshot_time(200_000) < 10 * snapshot_time(2_000)


async def test_the_review_checks_a_long_post_while_keys_still_work(backend: Template,
                                                                    tmp_path: Path):
    """Ctrl+R on a 300 KB answer (or larger): "Checking…" shows while the checks run in a
    thread, and Esc goes back meanwhile (it waited for the whole check, and the UI froze for
    the document's preview, before)."""
    from jdwizard.checks.post import check_draft

    size = 300_000  # made larger if the checks take it in less than half a second here, so
    for _ in range(3):  # that Esc has time to act while they run
        start = time.perf_counter()
        check_draft(backend, {"company": "Acme", "benefits": answer_of(size)})
        took = time.perf_counter() - start
        if took >= 0.5:
            break
        size = min(3_000_000, int(size * 0.6 / max(took, 0.01)))
    session = Session(backend, Draft(backend.id, {"company": "Acme",
                                                  "benefits": answer_of(size)},
                                     path=tmp_path / "d.toml"))
    app = JDWizardApp(session)
    async with app.run_test(size=(120, 35)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.focused, AnswerBox), "the fields")
        post_keys(app, "ctrl+r")
        await until(lambda: isinstance(app.screen, ReviewScreen), "the review")
        review = app.screen
        await until(lambda: review.is_mounted and review.query("#check-summary"), "its summary")
        summary = review.query_one("#check-summary")
        assert "Checking…" in str(summary.render())
        post_keys(app, "escape")
        await until(lambda: isinstance(app.screen, WizardScreen), "back to the fields")
        assert "Checking…" in str(summary.render()), "Esc waited for the checks"
        await pilot.pause()  # the move back ends (the box of the field focused)
