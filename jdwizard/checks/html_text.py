"""An HTML job post read without its tags, for the checks: the text as Markdown-like lines.

Headings become "# " lines, list items "- " lines, paragraphs and other blocks are separated by
a blank line, `<br>` is a line break, and `<strong>`/`<em>` simply vanish (their text stays).
Script, style and template contents are dropped; character references are decoded. The page
is read in one pass by a small tokenizer of its own: the standard library's HTMLParser is
quadratic on markup opened and never closed (40 KB of "<a " took 15 s) and raises on a stray
"<![". Here each search for a tag's end or a comment's end moves forward only, so a page of any
content takes time linear in its size. Pure and Textual-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
    "ul", "ol", "table", "tr", "hr", "dl", "dt", "dd", "figure", "figcaption", "address", "form",
    "nav", "details", "summary", "body", "html",
})
_HIDDEN = frozenset({"script", "style", "template", "head", "title", "noscript", "svg"})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


_NAME = re.compile(r"/?([A-Za-z][A-Za-z0-9:-]{0,31})")  # a tag's name, after its "<"


class _Reader:
    """Collects the text of a page, block by block."""

    def __init__(self) -> None:
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


def _tokens(html: str) -> Iterator[tuple[str, str]]:
    """("data", text), ("start", tag) and ("end", tag) of `html`, in order. A tag or comment
    left open runs to the end of the page (dropped); a "<" that starts no tag is text."""
    lowered = html.lower()
    size = len(html)
    at = 0
    gt = -1  # the next ">" found; found again only once passed, so the searches stay linear
    while at < size:
        lt = html.find("<", at)
        if lt < 0:
            yield "data", html[at:]
            return
        if lt > at:
            yield "data", html[at:lt]
        if html.startswith("<!--", lt):
            end = html.find("-->", lt + 4)
            if end < 0:
                return
            at = end + 3
            continue
        if gt <= lt:
            gt = html.find(">", lt + 1)
        if gt < 0:  # no tag ends anywhere after this: the rest is one unfinished tag
            return
        name = _NAME.match(html, lt + 1)
        if html[lt + 1 : lt + 2] in ("!", "?"):  # <!DOCTYPE ...>, <![CDATA[...]]>, <?xml ...?>
            at = gt + 1
            continue
        if name is None or name.end() > gt:
            yield "data", "<"
            at = lt + 1
            continue
        tag = name.group(1).lower()
        if html[lt + 1] == "/":
            yield "end", tag
        else:
            yield "start", tag
            if tag in _HIDDEN and html[gt - 1] != "/":  # raw text up to its end tag
                close = lowered.find(f"</{tag}", gt + 1)
                if close < 0:
                    return
                gt = close - 1
        at = gt + 1


def html_to_text(html: str) -> str:
    """The text of an HTML post as Markdown-like lines ("# Title", "- item", blank lines
    between blocks), for `check_text`."""
    reader = _Reader()
    for kind, value in _tokens(html):
        if kind == "data":
            reader.handle_data(unescape(value))
        elif kind == "start":
            reader.handle_starttag(value, [])
        else:
            reader.handle_endtag(value)
    text = "\n".join(line.strip() for line in "".join(reader.parts).split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
