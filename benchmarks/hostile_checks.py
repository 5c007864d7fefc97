"""How long `jdwizard check` takes on hostile text: `python benchmarks/hostile_checks.py [--quick]`.

Times `check_text` (all the checks of a plain post) on adversarial patterns at a few sizes, each
beside the baseline measured in the same run: an ordinary job post (the backend-engineer
template, rendered with a full set of answers) repeated to the same size. One line per pattern
and size: the best of a few runs in milliseconds, and its ratio to the ordinary post of that
size. Linear checks keep the ratio about the same at every size; a pattern that backtracks
shows a ratio that grows with the size. 1 MB is the most `check` reads (MAX_POST_BYTES).
A benchmark, not a test: the figures depend on the machine and its load; tests/
test_hostile_checks.py holds the growth to account. `--quick` checks that it works (CI).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ANSWERS = {
    "company": "Acme Logistics", "what_you_do": "a logistics platform for 4,000 shops",
    "scale": "40M API requests a day", "work_focus": "platform work", "seniority": "Senior",
    "hiring_manager": "Priya Shah, Head of Platform", "work_type": "Hybrid",
    "location": "Berlin, Germany", "language": "Go", "datastore": "PostgreSQL",
    "on_call": "a one-week rotation every six weeks, paid", "framework": "gRPC",
    "domain": "payments", "salary_range": "€60.000–€75.000 per year", "extra_pay": "equity",
    "benefits": "Health insurance\nA yearly learning budget",
    "pto_policy": "30 days of paid vacation",
}

PATTERNS: dict[str, tuple[str, str, str]] = {  # head, unit repeated, tail
    "/ blank ?": ("", "/\n\n?", ""),
    "!? then a letter": ("", "!?", "a"),
    "http:// + dots + <": ("http://", ".", "<a"),
    "www. repeated": ("", "www.", "<a"),
    "1,1,1,1": ("", "1,", ""),
    "$1-$1-$1": ("", "$1-", ""),
    "_*_* emphasis": ("", "_*", ""),
    "[[[[ then ](": ("", "[", "]("),
    "{{ + spaces": ("{{", " ", "x"),
    "<a<a<a": ("", "<a", ""),
    "# a + spaces + b": ("# a", " ", "b"),
    "newlines": ("", "\n", ""),
    "one long line": ("", "word ", ""),
}


def ordinary_post() -> str:
    from jdwizard.template.engine import Renderer
    from jdwizard.template.library import get_template

    segments = Renderer(get_template("backend-engineer")).segments(ANSWERS)
    return "".join(segment.text for segment in segments)


def sized(head: str, unit: str, tail: str, size: int) -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail


def best_ms(check: Callable[[str], object], text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        check(text)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run (CI)")
    args = parser.parse_args()
    sizes = (5_000, 30_000) if args.quick else (5_000, 100_000, 300_000, 1_000_000)
    repeats = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as home:
        os.environ["JDWIZARD_HOME"] = str(Path(home))
        from jdwizard.checks.post import check_text

        post = ordinary_post()
        check_text(post)  # load the word lists and rules before timing
        baseline = {size: best_ms(check_text, (post * (size // len(post) + 1))[:size], repeats)
                    for size in sizes}
        print(f"{'ordinary post':22}" + "".join(
            f"  {size // 1000:>5} KB {baseline[size]:8.1f} ms        " for size in sizes))
        for name, (head, unit, tail) in PATTERNS.items():
            cells = []
            for size in sizes:
                took = best_ms(check_text, sized(head, unit, tail, size), repeats)
                cells.append(f"  {size // 1000:>5} KB {took:8.1f} ms {took / baseline[size]:5.2f}×")
            print(f"{name:22}" + "".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
