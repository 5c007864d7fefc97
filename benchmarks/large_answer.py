"""Very large answers: `python benchmarks/large_answer.py [--quick]`.

The README promises that typed keys reach the disk within about a second (autosave). This drives
the headless app on a draft of backend-engineer, pastes an answer of 200 KB into a field (a list
answer, and a one-line answer), then types a few keys at a fast typist's pace and measures:
- key handled: from a key event reaching the app until its answer holds the key (the preview is
  rebuilt in the same step);
- key to disk: from the last key of a burst until the draft file holds the keys (the file is
  watched: every change to it is read, no fixed sleep).
Each figure is printed beside the same measure on a 2 KB answer in the same run (the baseline).
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

SIZES = (2_000, 200_000)  # the baseline, then the large answer (characters)
FIELDS = ("benefits", "what_you_do", "salary_range")  # a list, a line, a salary (read as pay)
KEY_INTERVAL = 0.08  # seconds between keys: a fast typist
PROMISE = 1.0  # seconds from the last key to the disk


def answer_of(size: int) -> str:
    """A pasted answer of `size` characters: lines of plain text, no trailing newline."""
    line = "Health insurance for the whole family, and a yearly learning budget of 2,000 euros\n"
    return (line * (size // len(line) + 1))[: size - 1] + "."


def token(number: int) -> str:
    """Letters that appear nowhere else in the answer: what a burst of keys types."""
    letters = "bcdfghjklmnpqrstvwxz"
    return "qj" + letters[number // 20 % 20] + letters[number % 20]


async def disk_holds(path: Path, text: str, timeout: float = 30.0) -> float:
    """Wait (on the app's event loop) until `path` holds `text`; when it did (monotonic)."""
    seen = None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            info = os.stat(path)
            stamp = (info.st_ino, info.st_mtime_ns, info.st_size)
            if stamp != seen:
                seen = stamp
                if text in path.read_text("utf-8"):
                    return time.monotonic()
        except (FileNotFoundError, UnicodeDecodeError):  # not written yet / mid-write
            pass
        await asyncio.sleep(0.002)
    raise TimeoutError(f"{text!r} never reached {path}")


async def measure(field: str, size: int, rounds: int, folder: Path) -> tuple[list[float], ...]:
    """Per-key handling times and key-to-disk times (seconds) for one field and answer size."""
    from textual import events

    from jdwizard.draft.opening import new_session
    from jdwizard.template.library import get_template
    from jdwizard.ui.app import JDWizardApp

    path = folder / f"{field}-{size}.toml"
    session = new_session(get_template("backend-engineer"), path, {"company": "Acme"})
    app = JDWizardApp(session)
    handled: list[float] = []
    to_disk: list[float] = []
    async with app.run_test(size=(120, 35)) as pilot:
        await app.screen.jump_to(field)  # type: ignore[attr-defined]
        await pilot.pause()
        box = app.focused
        assert box is not None
        app.post_message(events.Paste(answer_of(size)))  # as the terminal driver does
        await disk_holds(path, "2,000 euros")
        for number in range(rounds):
            last = 0.0
            for letter in token(number):
                before = len(session.answers[field])
                sent = time.monotonic()
                app.post_message(events.Key(letter, letter))  # as the terminal driver does
                while len(session.answers[field]) == before:
                    await asyncio.sleep(0)
                handled.append(time.monotonic() - sent)
                last = sent
                await asyncio.sleep(max(0.0, sent + KEY_INTERVAL - time.monotonic()))
            to_disk.append(await disk_holds(path, token(number)) - last)
    return handled, to_disk


def figure(samples: list[float]) -> str:
    ordered = sorted(samples)
    return (f"median {1000 * statistics.median(ordered):6.0f} ms, "
            f"max {1000 * ordered[-1]:6.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few rounds (CI smoke run)")
    parser.add_argument("--large", type=int, default=SIZES[1], metavar="CHARACTERS",
                        help=f"the large answer's size (default {SIZES[1]:,})")
    parser.add_argument("--field", choices=FIELDS, action="append",
                        help="only this field (repeatable; default: all three)")
    args = parser.parse_args()
    rounds = 2 if args.quick else 10
    sizes = (SIZES[0], args.large)
    failed = False
    with tempfile.TemporaryDirectory() as home:
        os.environ["JDWIZARD_HOME"] = str(Path(home) / "jdwizard")
        for field in args.field or FIELDS:
            results = {size: asyncio.run(measure(field, size, rounds, Path(home)))
                       for size in sizes}
            base_handled, base_disk = results[sizes[0]]
            for size, (handled, to_disk) in results.items():
                label = f"{field}, {size // 1000} KB"
                print(f"{label:22} key handled {figure(handled)}   "
                      f"key to disk {figure(to_disk)}")
            handled, to_disk = results[sizes[-1]]
            ratio_handled = statistics.median(handled) / statistics.median(base_handled)
            ratio_disk = statistics.median(to_disk) / statistics.median(base_disk)
            worst = max(to_disk)
            verdict = "PASS" if worst <= PROMISE else "FAIL"
            failed |= worst > PROMISE
            print(f"{'':22} {sizes[-1] // 1000} KB vs {sizes[0] // 1000} KB: key handled "
                  f"{ratio_handled:.1f} x, key to disk {ratio_disk:.1f} x; slowest key to disk "
                  f"{worst:.2f} s (promise {PROMISE:.0f} s): {verdict}")
    return 1 if failed and not args.quick else 0


if __name__ == "__main__":
    raise SystemExit(main())
