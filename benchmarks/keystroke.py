"""How much work one keystroke costs in the wizard: `python benchmarks/keystroke.py [--quick]`.

Prints one line per figure (median and 95th percentile, in milliseconds):
- core: recording the answer, rendering the document into segments, building the preview text,
  and checking the answer (terms, gender-coded words, pay);
- app: from a key event reaching the headless app until the preview holds the new text.
A benchmark, not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def core_figures(repeats: int) -> list[float]:
    from jdwizard.checks.post import check_field
    from jdwizard.draft.file import Draft
    from jdwizard.draft.session import Session
    from jdwizard.template.library import get_template
    from jdwizard.ui.widgets.preview import preview_text

    template = get_template("backend-engineer")
    session = Session(template, Draft("backend-engineer"))
    field = template.field("salary_range")
    samples = []
    for index in range(repeats):
        start = time.perf_counter()
        answer = "$150k-190k per year, a driven rockstar " + "x" * (index % 80)
        session.set_answer(field.name, answer)
        preview_text(session.renderer.segments(session.answers), field.name)
        check_field(template, field, session.answers)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def scaled_template(scale: int):
    """The backend-engineer template, its body repeated `scale` times (a longer document)."""
    import shutil

    from jdwizard.template.bundle import load_template
    from jdwizard.template.library import get_template

    template = get_template("backend-engineer")
    if scale == 1:
        return template
    folder = Path(tempfile.mkdtemp()) / "long"
    shutil.copytree(template.source, folder)
    body = folder / "body.md.j2"
    body.write_text(body.read_text(encoding="utf-8") * scale, encoding="utf-8")
    return load_template(folder)


async def app_figures(repeats: int, scale: int = 1) -> list[float]:
    """Time from a key event reaching the app until the preview holds the new text."""
    from textual import events

    from jdwizard.draft.opening import new_session
    from jdwizard.ui.app import JDWizardApp
    from jdwizard.ui.widgets.preview import DocumentPreview

    session = new_session(scaled_template(scale), None, {})
    app = JDWizardApp(session)
    samples = []
    async with app.run_test(size=(120, 35)) as pilot:
        preview = app.screen.query_one(DocumentPreview)
        for index in range(repeats):
            letter = "abcdefghij"[index % 10]
            expected = session.answers.get("company", "") + letter
            start = time.perf_counter()
            app.post_message(events.Key(letter, letter))  # as the terminal driver delivers it
            while f"About {expected}" not in preview.plain:
                await asyncio.sleep(0)
            samples.append((time.perf_counter() - start) * 1000)
            await pilot.pause(0.02)  # let the frame paint before the next key
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions (CI smoke run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["JDWIZARD_HOME"] = str(Path(home))
        core = core_figures(50 if args.quick else 2000)
        app = asyncio.run(app_figures(10 if args.quick else 200))
    for name, samples in (("core render per keystroke", core), ("key press to preview", app)):
        median, p95 = percentiles(samples)
        print(f"{name:28} median {median:7.3f} ms   p95 {p95:7.3f} ms   (n={len(samples)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
