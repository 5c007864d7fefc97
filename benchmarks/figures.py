"""jdwizard's speed and memory against a bare Textual app, measured in the same run.

    python benchmarks/figures.py [--quick] [--repeats N]

Prints one line per figure: median and spread of several runs, the ratio to its baseline, the
target, and pass/fail. Each start-up is a fresh process, timed from launch to the moment its
first screen is mounted: the baseline app's `on_mount`, jdwizard's first screen's on_mount (its
widgets composed, the field or the lists filled in). Both processes then quit; tearing down is
not part of the figure. The first paint, which comes after, is shown beside it. The runs are
interleaved (every command once per round), so a machine that slows down for a while slows the
baseline too.

The start-up and memory targets are on jdwizard's own share: its ratio minus that of
benchmarks/skeleton.py, the same screen drawn by Textual alone (a reference, measured in the
same rounds), at most +0.10. `render` is held to the bare app's start (1.0 ×), a key press to
preview to a median of 16 ms and a 95th percentile of 33 ms (50 ms on a template ten times as
long). A figure is the median of its rounds (15 by default); it passes when the median of
three runs of this script meets it.
`--quick` runs each figure a couple of times, to check that the benchmark works (CI), not to
judge the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

# Each start-up command prints "mounted <time.time()>" when its first screen is mounted (and
# jdwizard "painted <time>" at that screen's first paint), then its peak memory in KB.
BARE = """
import os, resource, sys, time
from textual.app import App
class Bare(App):
    def on_mount(self):
        os.write(1, f"mounted {time.time()}\\n".encode())  # fd 1: Textual captures print()
        self.exit()
Bare().run(headless=True, size=(120, 35))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# Runs the real command line, with the app told (through Textual's auto_pilot) to quit once the
# screen named in argv[1] is mounted and painted, optionally after walking every field
# (argv[2] == "walk"). The moments are reported by wrapping the screens' own on_mount.
JDWIZARD = """
import asyncio, importlib, os, resource, sys, time
from jdwizard.ui.app import JDWizardApp
target, mode, args = sys.argv[1], sys.argv[2], sys.argv[3:]
# only the screen timed is imported here, as the command itself would import it
module = importlib.import_module({"StartScreen": "jdwizard.ui.screens.start",
                                  "WizardScreen": "jdwizard.ui.screens.wizard"}[target])
screen = getattr(module, target)
moments = {}

def say(name):
    moments[name] = time.time()
    os.write(1, f"{name} {moments[name]}\\n".encode())  # Textual captures print()

def reporting(on_mount):
    def wrapper(self):
        on_mount(self)
        if type(self).__name__ == target and "mounted" not in moments:
            say("mounted")
            self.call_after_refresh(say, "painted")
    return wrapper

screen.on_mount = reporting(screen.on_mount)

async def pilot_script(pilot):
    app = pilot.app
    while "painted" not in moments:
        await asyncio.sleep(0.001)
    if mode == "walk":
        screen = app.screen
        for index, field in enumerate(screen.session.fields):
            await screen.show_field(index)
            await pilot.press(*"Typed answer")
    app.exit()

run = JDWizardApp.run
JDWizardApp.run = lambda self, **kw: run(
    self, headless=True, size=(120, 35), auto_pilot=pilot_script
)
from jdwizard.cli import app as cli_app
cli_app.check_terminal = lambda: None  # headless on purpose: no terminal to check
import jdwizard.cli
code = jdwizard.cli.main(args)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""

DRAFT = """
template = "backend-engineer"
[answers]
company = "Acme"
what_you_do = "a logistics platform"
hiring_manager = "Priya Shah"
work_type = "Hybrid"
location = "Berlin"
language = "Go"
datastore = "PostgreSQL"
framework = "gRPC"
domain = "payments"
salary_range = "€60.000–€75.000 per year"
benefits = "Health insurance"
pto_policy = "30 days of paid vacation"
"""


def skeleton_spec(path: Path) -> None:
    """Write what benchmarks/skeleton.py shows: the field screen on the backend-engineer
    template's first field, and the start screen of a new data folder, as jdwizard draws them
    (their text, document, keys, breakpoints and stylesheets)."""
    spec = screens_spec()
    path.write_text(json.dumps(spec), encoding="utf-8")


SHARED_TEMPLATES = 30


def shared_library(root: Path) -> None:
    """A shared template folder of SHARED_TEMPLATES templates, copies of the built-in ones
    under other ids in eight families: a team's library on top of the built-in one."""
    import re
    import shutil

    from jdwizard.template.library import template_folders

    builtins = template_folders()
    for number in range(SHARED_TEMPLATES):
        folder = root / f"team-{number:02d}"
        source = builtins[number % len(builtins)]
        shutil.copytree(source, folder)
        meta = folder / "template.toml"
        text = meta.read_text("utf-8")
        text = re.sub(r'(?m)^id = ".*"', f'id = "team-{number:02d}"', text, count=1)
        text = re.sub(r'(?m)^category = ".*"', f'category = "Family {number % 8}"', text,
                      count=1)
        meta.write_text(text, "utf-8")


def shared_skeleton_spec(path: Path, root: Path) -> None:
    """The skeleton's spec for the start screen listing the shared folder `root` too."""
    os.environ["JDWIZARD_TEMPLATE_PATH"] = str(root)
    try:
        skeleton_spec(path)
    finally:
        del os.environ["JDWIZARD_TEMPLATE_PATH"]


def screens_spec() -> dict[str, object]:
    from jdwizard.template.engine import Renderer
    from jdwizard.template.library import load_library
    from jdwizard.ui import app as app_module
    from jdwizard.ui.screens import start, wizard
    from jdwizard.ui.sizes import HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS
    from jdwizard.ui.widgets.preview import CURRENT_EMPTY, preview_text

    library = load_library()
    template = next(t for t in library.templates if t.id == "backend-engineer")
    first = template.fields[0]
    text = preview_text(Renderer(template).segments({}), first.name)
    shown = next(span for span in text.spans if str(span.style) == CURRENT_EMPTY)
    required = sum(field.required for field in template.fields)

    def keys(screen: type) -> list[tuple[str, str, str, bool, bool]]:
        return [(b.key, b.action, b.description, b.show, b.priority) for b in screen.BINDINGS]

    options: list[tuple[str, bool]] = []
    category = None
    for each in library.templates:
        if start.template_group(each) != category:
            category = start.template_group(each)
            options.append((category.upper(), True))
        options.append((f"{each.title}\n{each.summary}", False))
    return {
        "questions": [field.question for field in template.fields],
        "multi_line": [field.multi_line for field in template.fields],
        "hint": first.hint,
        "tip": "\n".join(f"💡 {tip.text}" for tip in template.tips_for(first.name)),
        "progress": f"Field 1 of {len(template.fields)}  ·  0/{required} required answered  "
                    "·  Enter: next, PgUp: back",
        "document": text.plain,
        "spans": [(span.start, span.end, str(span.style)) for span in text.spans],
        "first_field_shown_as": text.plain[shown.start:shown.end],
        "field_bindings": keys(wizard.WizardScreen),
        "start_bindings": keys(start.StartScreen),
        # what the start screen of a new data folder (no drafts) leaves out of its Footer
        "start_hidden": sorted(start.DRAFT_ACTIONS),
        "breakpoints": [HORIZONTAL_BREAKPOINTS, VERTICAL_BREAKPOINTS],
        "app_stylesheet": str(app_module.JDWizardApp.CSS_PATH),
        "field_stylesheet": str(wizard.WizardScreen.CSS_PATH),
        "start_stylesheet": str(start.StartScreen.CSS_PATH),
        "template_options": options,
        "headings": [start.HEADINGS["templates"][0], start.HEADINGS["drafts"][0]],
        "profile_line": "No company profile  ·  p: choose one",
        "when_to_use": template.when_to_use.split("\n\n")[0],
        "filter": "Filter drafts: company, template or file name",
        "template_filter": "Filter templates: title or summary",
        "no_drafts": "No saved drafts yet. Drafts autosave as you type.",
    }


def timed(command: list[str], env: dict[str, str]) -> tuple[dict[str, float], int]:
    """Seconds from launching `command` to each moment it reports ("mounted", "painted"; "exit"
    for a command that reports none), and the peak memory (KB) it reports last."""
    launched = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    moments = {"exit": time.time() - launched}
    if done.returncode != 0:
        raise SystemExit(f"benchmark command failed: {command}\n{done.stderr[-2000:]}")
    numbers = []
    for line in done.stdout.splitlines() + done.stderr.splitlines():
        words = line.split()
        if len(words) == 2 and words[0] in ("mounted", "painted"):
            moments[words[0]] = float(words[1]) - launched
        elif line.strip().isdigit():
            numbers.append(int(line))
    return moments, (numbers[-1] if numbers else 0)


class Series:
    """The runs of one command: each moment's samples, and the highest peak memory."""

    def __init__(self, command: list[str], fresh: Path | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.command = command
        self.fresh = fresh  # a draft the command creates, removed before each run
        self.env = env  # its own environment, if not the run's
        self.times: dict[str, list[float]] = {}
        self.peak = 0

    def run_once(self, env: dict[str, str]) -> None:
        if self.fresh is not None:  # the draft and its document, as a new draft needs
            self.fresh.unlink(missing_ok=True)
            self.fresh.with_suffix(".md").unlink(missing_ok=True)
        moments, memory = timed(self.command, self.env or env)
        for name, seconds in moments.items():
            self.times.setdefault(name, []).append(seconds)
        self.peak = max(self.peak, memory)


def run_interleaved(all_series: list[Series], env: dict[str, str], repeats: int) -> None:
    """`repeats` rounds, each running every command once: a shared machine that slows down
    for a while slows the baseline and the figures alike."""
    for _ in range(repeats):
        for one in all_series:
            one.run_once(env)


SHARE = 0.10  # jdwizard's own share on top of the Textual-alone reference, for start-ups


def line(name: str, value: float, baseline: float, target: float, spread: str,
         note: str = "") -> bool:
    ratio = value / baseline
    ok = ratio <= target
    print(f"{name:44} {value * 1000:8.1f} ms ({spread})  ratio {ratio:5.2f}  "
          f"target <= {target:.1f}  {'PASS' if ok else 'FAIL'}{note}")
    return ok


def start_figure(name: str, samples: dict[str, list[float]], reference: dict[str, list[float]],
                 baseline: float) -> bool:
    """A start-up figure: launch to the screen mounted (its first paint beside it), as a
    ratio to the bare app, and jdwizard's own share on top of Textual alone drawing the same
    screen; the target is on that share."""
    mounted = statistics.median(samples["mounted"])
    painted = statistics.median(samples["painted"])
    alone = statistics.median(reference["mounted"])
    ratio, alone_ratio = mounted / baseline, alone / baseline
    share = ratio - alone_ratio
    ok = share <= SHARE
    print(f"{name:44} {mounted * 1000:8.1f} ms ({spread_of(samples['mounted'])})  "
          f"ratio {ratio:5.2f}  (first paint {painted * 1000:.0f} ms)")
    print(f"{'  reference: Textual alone, same screen':44} {alone * 1000:8.1f} ms "
          f"({spread_of(reference['mounted'])})  ratio {alone_ratio:5.2f}")
    print(f"{'  jdwizard own share':44} {share:+8.2f}  target <= {SHARE:+.2f}  "
          f"{'PASS' if ok else 'FAIL'}")
    return ok


def spread_of(samples: list[float]) -> str:
    return f"min {min(samples) * 1000:.0f}, max {max(samples) * 1000:.0f}, n={len(samples)}"


def keystroke_figures(repeats: int) -> list[bool]:
    """Key event to preview, on the built-in template and on one ten times as long."""
    sys.path.insert(0, str(Path(__file__).parent))
    import asyncio

    from keystroke import app_figures, percentiles

    results = []
    for name, scale, median_target, p95_target in (
        ("key press to preview (backend-engineer)", 1, 16.0, 33.0),
        ("key press to preview (10x template)", 10, None, 50.0),
    ):
        median, p95 = percentiles(asyncio.run(app_figures(repeats, scale=scale)))
        ok = p95 <= p95_target and (median_target is None or median <= median_target)
        target = f"p95 <= {p95_target:.0f} ms" + (
            f", median <= {median_target:.0f} ms" if median_target else "")
        print(f"{name:44} median {median:6.2f} ms  p95 {p95:6.2f} ms  target {target}  "
              f"{'PASS' if ok else 'FAIL'}")
        results.append(ok)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="two runs each: check it works")
    parser.add_argument("--repeats", type=int, default=15, help="runs per start-up figure")
    args = parser.parse_args()
    repeats = 2 if args.quick else args.repeats
    python = sys.executable
    # `pip install .` compiles jdwizard to bytecode, as it did Textual; an editable install under
    # PYTHONDONTWRITEBYTECODE would recompile the sources on every start and skew the figures.
    subprocess.run([python, "-m", "compileall", "-q", str(Path(__file__).parents[1] / "jdwizard")],
                   check=True)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["JDWIZARD_HOME"] = str(Path(scratch) / "home")  # here too: the index
        os.environ.pop("JDWIZARD_TEMPLATE_PATH", None)  # the built-in templates, but below
        env = dict(os.environ)
        draft = Path(scratch) / "draft.toml"
        draft.write_text(textwrap.dedent(DRAFT), encoding="utf-8")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {repeats} runs each")
        new_draft = Path(scratch) / "new.toml"
        bare = Series([python, "-c", BARE])
        new = Series([python, "-c", JDWIZARD, "WizardScreen", "-", "new", "backend-engineer",
                      "--draft", str(new_draft)], fresh=new_draft)
        start = Series([python, "-c", JDWIZARD, "StartScreen", "-"])
        render = Series([python, "-m", "jdwizard", "render", str(draft)])
        spec = Path(scratch) / "skeleton.json"
        skeleton_spec(spec)
        skeleton_script = str(Path(__file__).with_name("skeleton.py"))
        field_alone = Series([python, skeleton_script, str(spec), "field"])
        start_alone = Series([python, skeleton_script, str(spec), "start"])
        shared = Path(scratch) / "hiring-templates"
        shared_library(shared)
        shared_spec = Path(scratch) / "skeleton-shared.json"
        shared_skeleton_spec(shared_spec, shared)
        shared_env = dict(env, JDWIZARD_TEMPLATE_PATH=str(shared))
        library_start = Series([python, "-c", JDWIZARD, "StartScreen", "-"], env=shared_env)
        library_alone = Series([python, skeleton_script, str(shared_spec), "start"])
        run_interleaved([bare, new, field_alone, start, start_alone, library_start,
                         library_alone, render], env, repeats)
        baseline = statistics.median(bare.times["mounted"])
        to_exit = statistics.median(bare.times["exit"])
        print(f"{'baseline: bare Textual app, on mount':44} {baseline * 1000:8.1f} ms "
              f"({spread_of(bare.times['mounted'])})  to exit {to_exit * 1000:.0f} ms  "
              f"peak {bare.peak / 1024:.0f} MB")
        results = [
            start_figure("jdwizard new backend-engineer: first field", new.times,
                         field_alone.times, baseline),
            start_figure("jdwizard: start screen", start.times, start_alone.times, baseline),
            start_figure(f"  with {SHARED_TEMPLATES} shared templates more", library_start.times,
                         library_alone.times, baseline),
            line("jdwizard render DRAFT (to exit)", statistics.median(render.times["exit"]),
                 baseline, 1.0, spread_of(render.times["exit"])),
        ]
        walk_draft = Path(scratch) / "walk.toml"
        walk = [python, "-c", JDWIZARD, "WizardScreen", "walk", "new", "backend-engineer",
                "--draft", str(walk_draft)]
        walks = Series(walk, fresh=walk_draft)
        skeleton_walks = Series([python, skeleton_script, str(spec), "walk"])
        run_interleaved([walks, skeleton_walks], env, 1 if args.quick else 3)
        ratio = walks.peak / bare.peak
        alone = skeleton_walks.peak / bare.peak
        ok = ratio - alone <= SHARE
        print(f"{'peak memory after walking every field':44} {walks.peak / 1024:8.1f} MB "
              f"(bare {bare.peak / 1024:.1f} MB)  ratio {ratio:5.2f}")
        print(f"{'  reference: Textual alone, same walk':44} {skeleton_walks.peak / 1024:8.1f} MB"
              f"{'':14}ratio {alone:5.2f}")
        print(f"{'  jdwizard own share':44} {ratio - alone:+8.2f}  target <= {SHARE:+.2f}  "
              f"{'PASS' if ok else 'FAIL'}")
        results.append(ok)
        results += keystroke_figures(10 if args.quick else 200)
    print(f"{sum(results)} of {len(results)} figures within target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
