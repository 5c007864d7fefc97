"""The wizard's first screen drawn by Textual alone: a reference for benchmarks/figures.py.

    python benchmarks/skeleton.py SPEC.json first|walk

The same widgets as jdwizard's field screen (header, question, hint, answer box, tips, the
fields list, the document preview, the footer with the same keys), styled by jdwizard's own
stylesheet, showing the real template's questions and document; and none of jdwizard: no
templates read, no drafts, no checks, no rendering. It prints "mounted <time>" when its screen
is mounted and its peak memory (KB) last, as the commands figures.py times do. With `walk` it
then types into every field, the preview following each key, as figures.py's memory walk does.

What it measures is the share of a figure that any Textual app with this screen would pay,
whatever it did; the rest of jdwizard's figure is jdwizard's own. It is a reference, not a
target, and it knows nothing of jdwizard, so it must be kept in step with the wizard screen.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time

from rich.text import Span, Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

with open(sys.argv[1], encoding="utf-8") as spec_file:
    SPEC = json.load(spec_file)
WALK = sys.argv[2] == "walk"


def document(first_answer: str = "") -> Text:
    """The preview's text, as jdwizard shows it, with the first field's answer put in."""
    text = Text(SPEC["document"].replace(SPEC["first_field_shown_as"], first_answer or
                                         SPEC["first_field_shown_as"], 1))
    text.spans = [Span(*span) for span in SPEC["spans"]]
    return text


class FieldScreen(Screen[None]):
    BINDINGS = [Binding(key, "nothing", label, show=show, priority=True)
                for key, label, show in SPEC["bindings"]]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="wizard"):
            with Vertical(id="form"):
                yield Static(f"Field 1 of {len(SPEC['questions'])}", id="progress")
                yield Static(f"[b]{SPEC['questions'][0]}[/b]", id="question")
                yield Static(SPEC["hint"], id="hint")
                yield Input(id="answer-line")
                yield Static(id="feedback")
                yield Static(SPEC["tip"], id="tips")
                yield OptionList(*SPEC["questions"], id="fields")
            with VerticalScroll(id="preview"):
                yield Static(document(), id="preview-body")
        yield Footer(show_command_palette=False)

    def _post_mount(self) -> None:  # the moment figures.py reports for jdwizard's screens
        super()._post_mount()
        os.write(1, f"mounted {time.time()}\n".encode())  # fd 1: Textual captures print()
        if not WALK:
            self.call_after_refresh(self.app.exit)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#preview-body", Static).update(document(event.value))


class Skeleton(App[None]):
    CSS_PATH = SPEC["stylesheet"]

    def on_mount(self) -> None:
        self.push_screen(FieldScreen())


async def walk(pilot) -> None:  # type: ignore[no-untyped-def]
    """Show every field in turn and type an answer, as figures.py walks jdwizard."""
    app = pilot.app
    while not isinstance(app.screen, FieldScreen) or not app.screen.is_mounted:
        await asyncio.sleep(0.001)
    await pilot.pause()
    from textual.widgets import TextArea

    screen = app.screen
    text_box = TextArea(id="answer-text", soft_wrap=True)
    text_box.display = False
    await screen.query_one("#form").mount(text_box, after="#answer-line")
    line = screen.query_one(Input)
    fields = zip(SPEC["questions"], SPEC["multi_line"], strict=True)
    for index, (question, multi_line) in enumerate(fields):
        screen.query_one("#question", Static).update(f"[b]{question}[/b]")
        screen.query_one(OptionList).highlighted = index
        line.value = ""
        box = text_box if multi_line else line
        text_box.display = multi_line
        line.display = not multi_line
        box.focus()
        await pilot.press(*"Typed answer")
    app.exit()


Skeleton().run(headless=True, size=(120, 35), auto_pilot=walk if WALK else None)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
