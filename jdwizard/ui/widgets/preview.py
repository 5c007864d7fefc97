"""The live preview: the whole document as styled text, with the current field highlighted.

It draws a Rich `Text` built from the renderer's segments: well under a millisecond per
keystroke on the built-in templates, 3.6 ms on one ten times as long (Textual's Markdown widget
re-mounts every block on update: far too slow for this). A very long answer (a paste of a whole
page) shows as an excerpt, around the cursor in the answer being typed: drawing 200 KB of text
took Textual over a second per keystroke, and the saved and copied document has all of it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.text import Span, Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from jdwizard.safe_text import visible
from jdwizard.template.engine import Segment

CURRENT = "bold black on yellow"
CURRENT_EMPTY = "bold white on red"
FILLED = "bold"
EMPTY = "bold red"
HEADING = "bold underline"
LONG_ANSWER_SHOWN = 4_000  # characters of a longer answer that the preview shows


def excerpt(value: str, at: int | None = None) -> tuple[str, int]:
    """`value` as the preview shows it, and where offset `at` of it lands in that: all of it,
    or LONG_ANSWER_SHOWN characters around `at` (the start when None), cut at line breaks
    where there are any, with a note of how much is left out on each side."""
    size = len(value)
    at = 0 if at is None else min(max(at, 0), size)
    if size <= LONG_ANSWER_SHOWN:
        return value, at
    start = max(0, min(at - LONG_ANSWER_SHOWN // 2, size - LONG_ANSWER_SHOWN))
    end = start + LONG_ANSWER_SHOWN
    head = tail = ""
    if start:
        newline = value.find("\n", start, at)  # the window starts at a line, if one starts
        start = newline + 1 if newline >= 0 else start
        head = f"[… {start:,} characters before, not shown in the preview]"
        head += "\n" if newline >= 0 else " "
    if end < size:
        newline = value.rfind("\n", at, end)
        end = newline if newline >= 0 else end
        tail = "\n" if newline >= 0 else " "
        tail += f"[{size - end:,} more characters, not shown in the preview …]"
    return head + value[start:end] + tail, len(head) + at - start


def shown_answers(answers: Mapping[str, str], current: str | None = None,
                  at: int | None = None) -> tuple[dict[str, str], int]:
    """The answers as the preview shows them (a long one as its `excerpt`, around offset `at`
    in the answer to `current`), and where `at` lands in that answer's excerpt."""
    shown = dict(answers)
    position = at or 0
    for name, value in answers.items():
        if len(value) > LONG_ANSWER_SHOWN:
            if name == current:
                shown[name], position = excerpt(value, at)
            else:
                shown[name] = excerpt(value)[0]
    return shown, position


def preview_text(segments: Sequence[Segment], current: str | None) -> Text:
    """Styled text of the document: headings without '#', bullets as '•', fields marked.

    Built from plain strings and span offsets (not by splitting and joining rich Text line by
    line, which took over 10 ms per keystroke on a long document)."""
    pieces: list[str] = []
    marks: list[tuple[int, int, str]] = []  # the fields: (start, end, style) in `source`
    offset = 0
    for segment in segments:
        piece = visible(segment.text)
        if not piece:
            continue
        if segment.field is not None:
            if segment.field == current:
                style = CURRENT if segment.filled else CURRENT_EMPTY
            else:
                style = FILLED if segment.filled else EMPTY
            marks.append((offset, offset + len(piece), style))
        pieces.append(piece)
        offset += len(piece)
    source = "".join(pieces)
    # Each line: where it starts in `source`, how many characters lose their style at its
    # start (a heading's '#'s and spaces, which are dropped; a bullet's "- ", which becomes
    # an unstyled "• "), and how many are dropped.
    lines: list[tuple[int, int, int, int]] = []  # (start, end, unstyled, shift to output)
    output: list[str] = []
    headings: list[tuple[int, int]] = []
    start = 0
    out_offset = 0
    for line in source.split("\n"):
        end = start + len(line)
        unstyled = dropped = 0
        if line.startswith("#"):
            hashes = len(line) - len(line.lstrip("#"))
            rest = line[hashes:]
            dropped = unstyled = hashes + len(rest) - len(rest.lstrip())
            line = line[dropped:]
            headings.append((out_offset, out_offset + len(line)))
        elif line.startswith(("- ", "* ")):
            unstyled = 2
            line = "• " + line[2:]
        lines.append((start, end, unstyled, out_offset - start - dropped))
        output.append(line)
        out_offset += len(line) + 1
        start = end + 1
    spans = []
    line_starts = [line[0] for line in lines]
    for mark_start, mark_end, style in marks:
        index = bisect_right(line_starts, mark_start) - 1
        while index < len(lines) and lines[index][0] < mark_end:
            line_start, line_end, unstyled, shift = lines[index]
            piece_start = max(mark_start, line_start + unstyled)
            piece_end = min(mark_end, line_end)
            if piece_end > piece_start:
                spans.append(Span(piece_start + shift, piece_end + shift, style))
            index += 1
    spans.extend(Span(begin, end, HEADING) for begin, end in headings if end > begin)
    text = Text("\n".join(output))
    text.spans = spans
    return text


class DocumentPreview(VerticalScroll, can_focus=False):
    """A scrolling view of the document that keeps the current field in sight."""

    DEFAULT_CSS = """
    DocumentPreview { padding: 0 1; }
    DocumentPreview > Static { width: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = Static("", id="preview-body")
        self._text = Text()
        self._current: str | None = None
        self._followed: tuple[str | None, int] | None = None  # (field, line) last scrolled to

    def compose(self) -> ComposeResult:
        yield self._body

    @property
    def plain(self) -> str:
        """The text shown, without styles (what the user reads)."""
        return self._text.plain

    def show_message(self, message: str, style: str = "dim italic") -> None:
        """A word in place of the document (while it cannot be shown yet, or at all)."""
        self._text = Text(visible(message), style)
        self._body.update(self._text)

    def show(self, segments: Sequence[Segment], current: str | None,
             follow: int | None = None) -> None:
        """Show the document; with `follow`, keep line `follow` of the current field's first
        use in view (0: where it starts; the line being typed in a multi-line answer)."""
        self._text = preview_text(segments, current)
        self._current = current
        self._body.update(self._text)
        if follow is not None and (current, follow) != self._followed:
            self._followed = (current, follow)
            self.call_after_refresh(self._scroll_to_current, follow)

    def _scroll_to_current(self, line: int) -> None:
        """Scroll line `line` of the current field's first use into view, if it is not."""
        span = next((span for span in self._text.spans
                     if str(span.style) in (CURRENT, CURRENT_EMPTY)), None)
        if span is None:
            return
        position = span.start  # the field's value goes on line after line from here
        plain = self._text.plain
        for _ in range(line):
            newline = plain.find("\n", position)
            if newline < 0:
                break
            position = newline + 1
        width = max(10, self._body.content_region.width or self.size.width - 2)
        console = Console(width=width, color_system=None, legacy_windows=False)
        row = len(self._text[:position].wrap(console, width)) - 1
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        if not top + 1 <= row < top + height - 1:
            self.scroll_to(y=max(0, row - height // 3), animate=False)
