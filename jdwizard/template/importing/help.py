"""The page's guidance as the template's help: writing tips (each attached to the fields it
names), "When to use" and "How to personalize" as Markdown, and the FAQ. A tip naming no field is
kept as a general tip (fields = []): the help screen lists every tip."""

from __future__ import annotations

import re

from jdwizard.template.importing.lines import BULLET, MD_HEADING, NUMBERED, Line, split_paragraphs
from jdwizard.template.importing.naming import LEADING, WH_WORDS
from jdwizard.template.model import Faq, Field, Tip

_TIP_STOPWORDS = WH_WORDS | LEADING | {"you", "do", "of", "to", "we", "us", "is", "are"}


def tip_items(lines: list[Line]) -> list[str]:
    """Bullet items (a following plain line continues one); paragraphs when there are none."""
    items: list[list[str]] = []  # each item's parts, joined once (`+=` on a long one is quadratic)
    for paragraph in split_paragraphs(lines):
        current = False
        for _, text in paragraph:
            bullet = bool(BULLET.match(text) or NUMBERED.match(text))
            content = BULLET.sub(r"\g<text>", NUMBERED.sub("", text)).strip()
            if bullet or not current:
                items.append([content])
            else:
                items[-1].append(content)
            current = True
    return [text for item in items if (text := " ".join(item))]


def attach_tip(text: str, fields: tuple[Field, ...]) -> Tip:
    """A tip and the fields whose name words all appear in it, in the tip's order."""
    words = [_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]
    first: dict[str, int] = {}
    for index, word in enumerate(words):
        first.setdefault(word, index)
    spaced = f" {' '.join(words)} "
    found: list[tuple[int, str]] = []
    for field in fields:
        parts = [_stem(w) for w in field.name.split("_") if w not in _TIP_STOPWORDS]
        phrase = " ".join(field.name.split("_"))
        if parts and all(part in first for part in parts):
            found.append((first[parts[0]], field.name))
        elif not parts and f" {phrase} " in spaced:
            found.append((len(words), field.name))
    return Tip(text, tuple(name for _, name in sorted(found)))


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def help_markdown(lines: list[Line]) -> str:
    """Help text as Markdown: paragraphs, with bullets as `- ` items."""
    paragraphs = [
        "\n".join(BULLET.sub(r"- \g<text>", t.strip()) for _, t in p)
        for p in split_paragraphs(lines)
    ]
    return "\n\n".join(paragraphs)


def faq_entries(lines: list[Line]) -> tuple[Faq, ...]:
    """Question lines (ending in '?') each followed by an answer; the FAQ ends at other text.

    After a `#` heading question the answer runs to the next heading; after a plain question
    it is one paragraph, so page text after the last answer is left out.
    """
    pairs: list[tuple[str, list[str]]] = []  # a question and its answer's parts
    headed = 0  # the heading level of the questions, 0 for plain lines
    for paragraph in split_paragraphs(lines):
        for index, (_, raw) in enumerate(paragraph):
            heading = MD_HEADING.match(raw)
            level = len(heading["hashes"]) if heading else 0
            text = re.sub(r"^(#{1,6}\s+|[QA]:\s*)", "", raw.strip()).strip("*_ ")
            if text.endswith("?") and len(text) < 200 and not (heading and level < headed):
                pairs.append((text, []))
                headed = level
            elif pairs and not heading and (index > 0 or headed or not pairs[-1][1]):
                separator = ("\n\n" if index == 0 else " ") if pairs[-1][1] else ""
                if separator + text:
                    pairs[-1][1].append(separator + text)
            else:
                return _faq(pairs)
    return _faq(pairs)


def _faq(pairs: list[tuple[str, list[str]]]) -> tuple[Faq, ...]:
    return tuple(Faq(question, "".join(answer)) for question, answer in pairs if answer)
