"""`jdwizard import` on texts built to be slow (issue 18), against a plain template of the same
size imported in the same run.

    python benchmarks/hostile_import.py [--quick] [--repeats N]

Each text is as large as import reads (200 KB): 10,000 notes or placeholders on one line, one note
used a hundred thousand times, nested and unclosed brackets and braces, long runs of spaces where
a heading, a title or a note's hint is read, escape sequences. Before issue 18 the first took
28 s and a run of 2,000 spaces in a heading 18 s. A figure is the median of its runs: the time
to import (read, convert, write and check the bundle) or to refuse, its ratio to the plain
text's, and what import answered. The target: no text takes more than 3 times the plain one.
`--quick` imports 100 KB texts once each, to check that the benchmark works (CI).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jdwizard.errors import UserError  # noqa: E402
from jdwizard.template.importing import MAX_BYTES, import_template  # noqa: E402

TARGET = 3.0


def fill(before: str, unit: str, after: str = "") -> Callable[[int], str]:
    return lambda size: before + unit * ((size - len(before) - len(after)) // len(unit)) + after


PLAIN = fill("# Backend Engineer\n\nWe are [your company, e.g. Acme].\n\n",
             "We build services that people rely on, and we care about them.\n")

TEXTS: dict[str, Callable[[int], str]] = {
    "10,000 notes on one line": lambda size: " ".join(
        f"[note number {i}]" for i in range(10_000)).ljust(size, "x"),
    "10,000 placeholders on one line": lambda size: " ".join(
        f"{{{{p{i}}}}}" for i in range(10_000)).ljust(size, "x"),
    "one note used everywhere": fill("", "[your thing] "),
    "nested brackets": lambda size: "[" * (size // 2 - 1) + "x" + "]" * (size // 2 - 1),
    "unclosed [": fill("[your x] ", "["),
    "unclosed {{": fill("[your x] ", "{{"),
    "spaces in a heading": fill("[your x]\n\n# a", " ", "b\n"),
    "spaces before 'job description'": fill("[your x]\n\na", " ", "b job description\n"),
    "spaces in a note's hint": fill("[your a", " ", "b e.g. c d]"),
    "parentheses in a note": fill("[your a", "(", "]"),
    "jinja tags": fill("[your x] ", "{% "),
    "an FAQ answer's lines": fill("[your x]\n## FAQ\nWhy?\n", "answer line\n"),
    "escape sequences": lambda size: fill(  # U+202E is 3 bytes in UTF-8
        "[your x] ", "\x1b]52;c;aGVsbG8=\x1b\\\x1b[2J\u202e")(size * 9 // 10),
}


def seconds(text: str, folder: Path) -> tuple[float, str]:
    """The time to import `text` from a file (or to refuse it), and what import said."""
    source = folder / "template.md"
    source.write_text(text, "utf-8")
    dest = Path(tempfile.mkdtemp(dir=folder))
    start = time.perf_counter()
    try:
        import_template(source, dest_root=dest, template_id="t", builtin_ids=())
        said = "imported"
    except UserError as error:
        said = "refused: " + str(error).split(": ", 1)[-1][:60]
    return time.perf_counter() - start, said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 KB texts, one run each")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    size, repeats = (100_000, 1) if args.quick else (MAX_BYTES, args.repeats)
    failed = False
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base = statistics.median(seconds(PLAIN(size), folder)[0] for _ in range(repeats))
        print(f"{'plain template (baseline)':34} {base * 1000:8.0f} ms   1.0 ×")
        for label, make in TEXTS.items():
            runs = [seconds(make(size), folder) for _ in range(repeats)]
            median = statistics.median(t for t, _ in runs)
            ok = median <= TARGET * base
            failed |= not ok
            print(f"{label:34} {median * 1000:8.0f} ms {median / base:5.1f} ×  "
                  f"{'pass' if ok else 'FAIL'}  {runs[0][1]}")
    print(f"target: each at most {TARGET:.0f} × the plain template" + (
        " (quick mode: the figures are not judged)" if args.quick else ""))
    return 0 if args.quick or not failed else 1


if __name__ == "__main__":
    sys.exit(main())
