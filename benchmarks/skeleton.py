"""jdwizard's first screens drawn by Textual alone: the references of benchmarks/figures.py.

    python benchmarks/skeleton.py SPEC.json field|start|walk

`field` draws the wizard's field screen, `start` the start screen: the same widgets (Header,
the question, hint and answer box, tips, the fields list, the document preview, the Footer with
the same keys; the headings, the lists of templates and drafts, the filter), the same
breakpoints, styled by jdwizard's own stylesheets, showing the real template's questions and
document; and none of jdwizard: no templates read, no drafts, no checks, no rendering. It
prints "mounted <time>" when its screen is mounted, "painted <time>" after its first refresh,
and its peak memory (KB) last, as the commands figures.py times do. `walk` then shows every
field in turn (an answer box each) and types into it, the preview following each key, as
figures.py's memory walk does.

What it measures is the share of a figure that any Textual app with these screens would pay,
whatever it did; the rest of jdwizard's figure is jdwizard's own. It knows nothing of
jdwizard, so tests/test_benchmarks.py holds its widgets to the real screens'.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from typing import Any

from rich.text import Span, Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

# Textual's Footer, with the fix of its key leak that any app with these screens needs (see
# jdwizard/ui/textual_fixes.py): the one piece of jdwizard here.
from jdwizard.ui.textual_fixes import Footer


def say(moment: str) -> None:
    os.write(1, f"{moment} {time.time()}\n".encode())  # fd 1: Textual captures print()


class Reported(Screen[None]):
    """Says when it is mounted and when first painted; quits then unless walking."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("action_"):  # the screen's keys do nothing
            return lambda *args: None
        raise AttributeError(name)

    def __init__(self, spec: dict[str, Any], *, walk: bool = False, report: bool = True) -> None:
        super().__init__()
        self.spec = spec
        self.walking = walk
        self.report = report

    def on_mount(self) -> None:
        if self.report:
            say("mounted")
            self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        say("painted")
        if not self.walking:
            self.app.exit()


def bindings(spec: dict[str, Any], screen: str) -> list[BindingType]:
    """The screen's keys, with jdwizard's action names (each does nothing here), so that the
    Footer shows what jdwizard's shows."""
    return [Binding(key, action, label, show=show, priority=priority)
            for key, action, label, show, priority in spec[f"{screen}_bindings"]]


class FieldScreen(Reported):
    """The wizard's field screen, on the template's first field."""

    def compose(self) -> ComposeResult:
        spec = self.spec
        yield Header()
        with Horizontal(id="wizard"):
            with Vertical(id="form"):
                yield Static(spec["progress"], id="progress")
                yield Static(f"[b]{spec['questions'][0]}[/b]", id="question")
                yield Static(spec["hint"], id="hint")
                with ContentSwitcher(id="answers", initial="answer-0"):
                    yield answer_box(spec, 0)
                yield Static(id="feedback")
                yield Static(spec["tip"], id="tips")
                yield OptionList(*spec["questions"], id="fields")
            with VerticalScroll(id="preview"):
                yield Static(document(spec), id="preview-body")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#answer-0"))
        super().on_mount()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.query_one("#preview-body", Static).update(document(self.spec, event.text_area.text))


class StartScreen(Reported):
    """The start screen: templates on the left, saved drafts on the right."""

    def compose(self) -> ComposeResult:
        spec = self.spec
        yield Header()
        with Horizontal(id="start"):
            with Vertical(id="start-templates"):
                yield Static(spec["headings"][0], classes="heading", id="templates-heading")
                yield Static(spec["profile_line"], id="profile-line")
                yield Input(placeholder=spec["template_filter"], id="template-filter")
                yield OptionList(*(Option(Text(text), disabled=disabled)
                                   for text, disabled in spec["template_options"]),
                                 id="template-list")
                yield Static(spec["when_to_use"], id="when-to-use")
            with Vertical(id="start-drafts"):
                yield Static(spec["headings"][1], classes="heading", id="drafts-heading")
                yield Input(placeholder=spec["filter"], id="draft-filter")
                yield OptionList(id="draft-list")
                yield Static(spec["no_drafts"], id="no-drafts")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action not in self.spec["start_hidden"]  # keys for drafts, and there are none

    def on_mount(self) -> None:  # no drafts yet, as in a new data folder
        self.add_class("-no-drafts")
        self.query_one("#draft-filter").display = False
        self.query_one("#draft-list").display = False
        self.set_focus(self.query_one("#template-list"))
        super().on_mount()


def answer_box(spec: dict[str, Any], index: int) -> TextArea:
    box = TextArea(soft_wrap=True, tab_behavior="focus", show_line_numbers=False,
                   id=f"answer-{index}",
                   classes="answer -text" if spec["multi_line"][index] else "answer -line")
    return box


def document(spec: dict[str, Any], first_answer: str = "") -> Text:
    """The preview's text, as jdwizard shows it, with the first field's answer put in."""
    shown = spec["first_field_shown_as"]
    text = Text(spec["document"].replace(shown, first_answer or shown, 1))
    text.spans = [Span(*span) for span in spec["spans"]]
    return text


def skeleton_app(spec: dict[str, Any], which: str, *, report: bool = True) -> App[None]:
    """The app drawing the screen `which` ("field", "start"; "walk" walks the field screen);
    without `report` it neither says when it is mounted nor quits (for a test)."""
    base = StartScreen if which == "start" else FieldScreen
    stylesheet = spec["start_stylesheet" if which == "start" else "field_stylesheet"]
    breakpoints = spec["breakpoints"]
    # Made here, with the keys in its class body: Textual reads BINDINGS when a class is made.
    screen_class = type(base.__name__, (base,), {
        "BINDINGS": bindings(spec, "start" if which == "start" else "field"),
        "HORIZONTAL_BREAKPOINTS": [tuple(b) for b in breakpoints[0]],
        "VERTICAL_BREAKPOINTS": [tuple(b) for b in breakpoints[1]],
    })

    class Skeleton(App[None]):
        CSS_PATH = [spec["app_stylesheet"], stylesheet]
        ENABLE_COMMAND_PALETTE = True

        async def on_mount(self) -> None:
            await self.push_screen(screen_class(spec, walk=which == "walk", report=report))

    return Skeleton()


async def walk(pilot: Pilot[None]) -> None:
    """Show every field in turn, each in an answer box of its own, and type an answer."""
    app = pilot.app
    while not isinstance(app.screen, FieldScreen) or not app.screen.is_mounted:
        await asyncio.sleep(0.001)
    await pilot.pause()
    screen = app.screen
    spec = screen.spec
    switcher = screen.query_one(ContentSwitcher)
    for index, question in enumerate(spec["questions"]):
        screen.query_one("#question", Static).update(f"[b]{question}[/b]")
        screen.query_one(OptionList).highlighted = index
        if index:
            await switcher.mount(answer_box(spec, index))
        switcher.current = f"answer-{index}"
        screen.set_focus(switcher.query_one(f"#answer-{index}"))
        await pilot.press(*"Typed answer")
    app.exit()


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as spec_file:
        spec = json.load(spec_file)
    which = sys.argv[2]
    skeleton_app(spec, which).run(headless=True, size=(120, 35),
                                  auto_pilot=walk if which == "walk" else None)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
