"""The preview's styled text: what each character looks like, on real and random documents."""

from __future__ import annotations

import random

import pytest
from rich.console import Console
from rich.text import Text

from jdwizard.template.engine import Renderer, Segment
from jdwizard.template.library import load_library
from jdwizard.ui.widgets.preview import (
    CURRENT,
    CURRENT_EMPTY,
    EMPTY,
    FILLED,
    HEADING,
    preview_text,
    visible,
)


def reference_preview(segments: list[Segment], current: str | None) -> Text:
    """The obvious way to build the preview (line by line with rich Text), as the
    specification of the fast one: same characters, same style on each."""
    text = Text()
    for segment in segments:
        if segment.field is None:
            style = ""
        elif segment.field == current:
            style = CURRENT if segment.filled else CURRENT_EMPTY
        else:
            style = FILLED if segment.filled else EMPTY
        text.append(visible(segment.text), style)
    lines = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        if plain.startswith("#"):
            stripped = line[len(plain) - len(plain.lstrip("#")) :]
            stripped = stripped[len(stripped.plain) - len(stripped.plain.lstrip()) :]
            stripped.stylize(HEADING)
            line = stripped
        elif plain.startswith(("- ", "* ")):
            line = Text("• ") + line[2:]
        lines.append(line)
    return Text("\n").join(lines)


def styled_characters(text: Text) -> list[tuple[str, str]]:
    """Each character with the style it is drawn in."""
    console = Console(width=10_000, color_system="truecolor", legacy_windows=False)
    cells = []
    for piece in text.render(console):
        cells.extend((character, str(piece.style or "")) for character in piece.text)
    return cells


def assert_same_preview(segments: list[Segment], current: str | None) -> None:
    fast, reference = preview_text(segments, current), reference_preview(segments, current)
    assert fast.plain == reference.plain
    assert styled_characters(fast) == styled_characters(reference)


@pytest.mark.parametrize("template", load_library().templates, ids=lambda t: t.id)
def test_the_preview_of_each_builtin_template_is_styled_as_specified(template):
    renderer = Renderer(template)
    names = [f.name for f in template.fields]
    for answers in ({}, {name: f"answer {name}" for name in names[::2]},
                    {name: "- a\n- b" for name in names}):
        segments = renderer.segments(answers)
        for current in (None, names[0], names[-1]):
            assert_same_preview(segments, current)


PIECES = ["# ", "## Title", "#", "- ", "* ", "-", "text", " ", "\n", "\n\n", "  ", "\x1b",
          "• ", "#x", "word "]


def test_random_documents_are_styled_as_specified():
    rng = random.Random(1129)
    for _ in range(1500):
        segments = []
        for _ in range(rng.randint(0, 8)):
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))
            field = rng.choice([None, None, "a", "b"])
            segments.append(Segment(text, field, rng.random() < 0.5))
        assert_same_preview(segments, rng.choice([None, "a", "b"]))


def test_headings_lose_their_marks_and_bullets_become_dots():
    segments = [Segment("## About "), Segment("Acme", "company"), Segment("\n- "),
                Segment("Go", "language"), Segment("\n")]
    text = preview_text(segments, "company")
    assert text.plain == "About Acme\n• Go\n"
    styles = [style for _, style in styled_characters(text)]
    assert "underline" in styles[0] and "on yellow" not in styles[0]  # the "A" of About
    assert "underline" in styles[6] and "on yellow" in styles[6]  # the "A" of Acme
    assert styles[11] == "" and "bold" in styles[13]  # the bullet; the "G" of Go
