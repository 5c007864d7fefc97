"""An HTML job post read without its tags, for the checks: the text as Markdown-like lines.

Headings become "# " lines, list items "- " lines, paragraphs and other blocks are separated by
a blank line, `<br>` is a line break, and `<strong>`/`<em>` simply vanish (their text stays).
Script, style and template contents are dropped; character references are decoded. One pass
of the standard library's HTMLParser: linear in the size of the page. Pure and Textual-free.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
    "ul", "ol", "table", "tr", "hr", "dl", "dt", "dd", "figure", "figcaption", "address", "form",
    "nav", "details", "summary", "body", "html",
})
_HIDDEN = frozenset({"script", "style", "template", "head", "title", "noscript", "svg"})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


class _Reader(HTMLParser):
    """Collects the text of a page, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside script, style, ...
        self.breaks = 2  # line breaks at the end of the text so far (the start counts as two)

    def _break(self, count: int, then: str = "") -> None:
        """End the text so far with at least `count` line breaks, then add `then`; nothing
        right after a list item's "- " (a loose item's paragraph is its text)."""
        if self.parts[-1:] == ["- "] and not then:
            return
        if self.breaks < count:
            self.parts.append("\n" * (count - self.breaks))
        self.breaks = max(self.breaks, count)
        if then:
            self.parts.append(then)
            self.breaks = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._break(2)
        elif _heading(tag):
            self._break(2, "#" * int(tag[1]) + " ")
        elif tag == "li":
            self._break(1, "- ")
        elif tag == "br":
            self.parts.append("\n")
            self.breaks += 1
        elif tag in _CELLS:
            self.parts.append(" | ")
            self.breaks = 0

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _BLOCKS or _heading(tag):
            self._break(2)
        elif tag == "li":
            self._break(1)

    def handle_data(self, data: str) -> None:
        if self.hidden or (not data.strip() and self.breaks):
            return  # the white space between blocks
        self.parts.append(_SPACES.sub(" ", data.replace("\n", " ")))
        self.breaks = 0


def _heading(tag: str) -> bool:
    return len(tag) == 2 and tag[0] == "h" and tag[1] in "123456"


def html_to_text(html: str) -> str:
    """The text of an HTML post as Markdown-like lines ("# Title", "- item", blank lines
    between blocks), for `check_text`."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    text = "\n".join(line.strip() for line in "".join(reader.parts).split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
