"""Export formats: the Markdown document as-is, as plain text, or as an HTML fragment (and the
names of the JSON-LD format, which `jdwizard.jsonld` makes from the answers).

Both conversions parse the document with markdown-it (CommonMark, raw HTML disabled) instead of
rewriting it with patterns, so characters a user typed that are not Markdown syntax ("C# and
F#", "5 * 3", "snake_case") stay exactly as typed. Characters that *are* Markdown syntax in the
document, such as `*remote*` typed into an answer, are treated as Markdown: emphasis in HTML,
and plain "remote" in text. markdown-it is imported only when a conversion runs.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from jdwizard.safe_text import for_document

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

FORMATS = ("markdown", "text", "html", "jsonld")
FORMAT_SUFFIXES = {"markdown": ".md", "text": ".txt", "html": ".html", "jsonld": ".jsonld"}
FORMAT_LABELS = {"markdown": "Markdown", "text": "Plain text", "html": "HTML (rich text)",
                 "jsonld": "JSON-LD (schema.org JobPosting)"}
# The formats `export` makes from the document alone; JSON-LD needs the answers too.
DOCUMENT_FORMATS = ("markdown", "text", "html")
# Every document that may sit beside a draft (same stem): the .md that each save writes, and the
# ones the user saved in another format (a save rewrites those of FORMAT_SUFFIXES it finds).
# Rename, duplicate and delete carry them all with the draft.
DOCUMENT_SUFFIXES = (".md", ".txt", ".html", ".jsonld")

BULLET = "• "
RULE = "----------"
BLOCK_INDENT = "    "  # quotes and code blocks
_BLANK_RUNS = re.compile(r"\n{3,}")


@cache
def _parser() -> MarkdownIt:
    """CommonMark with raw HTML off: `<script>` in an answer is text, never markup."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def _tree(markdown: str) -> SyntaxTreeNode:
    """The document parsed into a tree of block and inline nodes, control characters removed."""
    from markdown_it.tree import SyntaxTreeNode

    return SyntaxTreeNode(_parser().parse(for_document(markdown)))


def to_html(markdown: str) -> str:
    """An HTML fragment (no <html> or <body>) for rich-text editors; raw HTML is escaped."""
    return str(_parser().render(for_document(markdown)))


def to_plain_text(markdown: str) -> str:
    """Text with no Markdown syntax left: headings as their own line, list items as "• item".

    Blocks are separated by one blank line, list items are one per line (nested lists and
    continuation lines indented under the item's text), links read "text (url)", quotes and
    code blocks are indented by four spaces.
    """
    text = "\n\n".join(_blocks(_tree(markdown).children))
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n") + "\n"


def _blocks(nodes: list[SyntaxTreeNode]) -> list[str]:
    """The non-empty text of each block node."""
    return [text for text in (_block(node) for node in nodes) if text]


def _block(node: SyntaxTreeNode) -> str:
    """One block-level node (heading, paragraph, list, quote, code, rule) as plain text."""
    if node.type in ("heading", "paragraph"):
        return _inline(node.children[0]) if node.children else ""
    if node.type in ("bullet_list", "ordered_list"):
        return "\n".join(_list_item(item) for item in node.children)
    if node.type == "blockquote":
        return _indent("\n\n".join(_blocks(node.children)), BLOCK_INDENT, BLOCK_INDENT)
    if node.type in ("code_block", "fence"):
        return _indent(node.content.rstrip("\n"), BLOCK_INDENT, BLOCK_INDENT)
    if node.type == "hr":
        return RULE
    return node.content  # html_block and anything newer: its source text


def _list_item(item: SyntaxTreeNode) -> str:
    """`• text` or `1. text`, with the item's further lines indented under its text."""
    marker = f"{item.info}{item.markup} " if item.info else BULLET
    tight = all(child.hidden for child in item.children if child.type == "paragraph")
    body = ("\n" if tight else "\n\n").join(_blocks(item.children))
    return _indent(body, marker, " " * len(marker))


def _indent(text: str, first: str, rest: str) -> str:
    """Prefix the first line with `first` and every later non-blank line with `rest`."""
    lines = text.split("\n")
    return "\n".join(
        [first + lines[0]] + [rest + line if line.strip() else "" for line in lines[1:]]
    )


def _inline(node: SyntaxTreeNode) -> str:
    """The text of an inline node's children: markers dropped, links as `text (url)`."""
    parts = []
    for child in node.children:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link":
            parts.append(_link(_inline(child), str(child.attrs.get("href", ""))))
        elif child.type == "image":
            parts.append(_link(_inline(child), str(child.attrs.get("src", ""))))
        elif child.children:  # em, strong and other wrappers
            parts.append(_inline(child))
        else:  # text, code_inline, text_special, html_inline
            parts.append(child.content)
    return "".join(parts)


def _link(label: str, url: str) -> str:
    """`label (url)`, or just the label when it already is the URL (autolinks)."""
    if not url or label in (url, url.removeprefix("mailto:")):
        return label or url
    return f"{label} ({url})" if label else url


def export(markdown: str, format_name: str) -> str:
    """The document in `format_name` (one of DOCUMENT_FORMATS); ValueError for any other name
    (JSON-LD included: `jdwizard.jsonld` makes it from the answers)."""
    markdown = for_document(markdown)  # the gate for published text (see safe_text)
    if format_name == "markdown":
        return markdown
    if format_name == "text":
        return to_plain_text(markdown)
    if format_name == "html":
        return to_html(markdown)
    raise ValueError(f"unknown export format {format_name!r}; choose one of "
                     f"{', '.join(DOCUMENT_FORMATS)}")
