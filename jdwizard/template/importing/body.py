"""The job description's lines as a Jinja body: Markdown headings and `- ` bullets, each
`{{placeholder}}` and `[note]` a `{{ name }}` variable, all other text literal.

Not notes (kept as literal text): links `[t](url)`, `[t][ref]`, reference definitions, images,
task boxes `[ ]`/`[x]`, escaped `\\[..\\]`, footnotes `[^1]`, and brackets with no letter (`[1]`).
`{{ 7*7 }}`, `{% ... %}`, `{# ... #}` are not placeholders: kept as literal text, with a
warning. Every `{` of literal text is written as `{{ '{' }}`, so no text from the file can become
Jinja. A lone `{{`, `}}`, `[` or `]` is an error naming the line (notes must close on their line).
"""

from __future__ import annotations

import re

from jdwizard.template.importing.lines import BULLET, MD_HEADING, NUMBERED, Line, split_paragraphs
from jdwizard.template.importing.model import TemplateImportError
from jdwizard.template.importing.naming import (
    FieldInProgress,
    finish,
    note_field,
    placeholder_field,
)
from jdwizard.template.model import Field

_INSTRUCTION = re.compile(r"copy the template below|replace the \{\{\s*placeholders", re.I)


_TOKEN = re.compile(
    r"(?P<escape>\\[\[\]{}])"
    r"|(?P<image>!\[[^\[\]]*\]\([^()]*\))"
    r"|(?P<link>\[[^\[\]]*\](?:\([^()]*\)|\[[^\[\]]*\]))"
    r"|(?P<refdef>^\s{0,3}\[[^\[\]]+\]:(?=\s))"
    r"|(?P<placeholder>\{\{\s*(?P<name>[A-Za-z_][\w -]{0,63}?)\s*\}\})"
    r"|(?P<jinja>\{\{(?:(?!\{\{|\[).)*?\}\}|\{[%#])"
    r"|(?P<bracket>\[(?P<note>[^\[\]]*)\])"
    r"|(?P<stray>\{\{|\}\}|\[|\])"
)


_WHOLE_NOTE = re.compile(r"^(?P<note>\[[^\[\]]+\])\s*[.;,]?$")


class BodyConverter:
    """Converts the job description's lines into the Jinja body, collecting the fields."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.drafts: dict[str, FieldInProgress] = {}
        self.warnings: list[str] = []

    def convert(self, lines: list[Line]) -> str:
        """Markdown headings, `- ` bullets, `{{ name }}` variables; all other text literal."""
        paragraphs = [p for p in split_paragraphs(lines) if not _INSTRUCTION.search(p[0][1])]
        levels = [len(m["hashes"]) for p in paragraphs for _, t in p if (m := MD_HEADING.match(t))]
        top = min(levels, default=1)
        blocks = ["\n".join(self._paragraph(p, top)).strip("\n") for p in paragraphs]
        return re.sub(r"\n{3,}", "\n\n", "\n\n".join(blocks)).strip("\n") + "\n"

    def _paragraph(self, paragraph: list[Line], top: int) -> list[str]:
        """One paragraph's Markdown lines, with a blank line between text and list."""
        out: list[str] = []
        base = min((len(m["indent"]) for _, t in paragraph if (m := BULLET.match(t))), default=0)
        previous = ""
        for number, text in paragraph:
            heading, bullet = MD_HEADING.match(text), BULLET.match(text)
            if heading or (len(paragraph) == 1 and _is_title_like(text)):
                level = min(2 + len(heading["hashes"]) - top, 6) if heading else 2
                words = heading["text"] if heading else text.strip().rstrip(":")
                out += ["", "#" * level + " " + self.inline(words, number), ""]
                previous = "heading"
                continue
            kind = "bullet" if bullet else "text"
            if previous and previous != kind:
                out.append("")
            previous = kind
            if bullet:
                indent = "  " * ((len(bullet["indent"]) - base) // 2)
                item = bullet["text"].strip()
                out.append(f"{indent}- {self.inline(item, number, bool(_WHOLE_NOTE.match(item)))}")
            else:
                out.append(self.inline(text.strip(), number))
        return out

    def inline(self, text: str, number: int, whole_bullet: bool = False) -> str:
        """One line: placeholders and notes become variables, the rest literal text."""
        out: list[str] = []
        position = 0
        for match in _TOKEN.finditer(text):
            out.append(_literal(text[position : match.start()]))
            position = match.end()
            token = match.group(0)
            if match["stray"]:
                raise TemplateImportError(
                    f"{self.source}:{number}: unbalanced {token!r} in "
                    f"{_fragment(text, match.start())}; close it on the same line, or put a "
                    "backslash before it to keep it as text"
                )
            draft = None
            if match["placeholder"]:
                draft = placeholder_field(match["name"], token, _context(text, token))
            elif match["bracket"] and _is_note(match["note"]):
                draft = note_field(match["note"], token, _context(text, token), whole_bullet)
            elif match["jinja"]:
                end = text.find(token[1] + "}", match.start()) + 2 if token[1] in "%#" else 0
                shown = text[match.start() : max(end, match.end())]
                self.warnings.append(
                    f"line {number}: {shown!r} is not a placeholder; kept as literal text"
                )
            out.append("{{ " + self._add(draft) + " }}" if draft else _literal(token))
        out.append(_literal(text[position:]))
        return "".join(out)

    def _add(self, draft: FieldInProgress) -> str:
        """Record an occurrence; the same name is the same field (the first hint found wins)."""
        if not draft.name:
            draft.name = f"note_{len(self.drafts) + 1}"
        known = self.drafts.setdefault(draft.name, draft)
        if known is not draft:
            known.whole_bullets += draft.whole_bullets
            if draft.hint and not known.hint:
                known.hint, known.note = draft.hint, draft.note
        return draft.name

    def fields(self) -> tuple[Field, ...]:
        return tuple(finish(draft) for draft in self.drafts.values())


def _is_title_like(text: str) -> bool:
    """A short line standing alone that reads like a heading ("What you'll do")."""
    line = text.strip().rstrip(":")
    if not line or BULLET.match(text) or NUMBERED.match(text) or not line[0].isupper():
        return False
    return len(line) <= 60 and len(line.split()) <= 8 and line[-1] not in ".!?,;"


def _literal(text: str) -> str:
    """Text that Jinja prints as is: no `{` can start a tag, comment or expression."""
    return text.replace("{", "{{ '{' }}")


def _fragment(text: str, column: int) -> str:
    start = max(0, column - 30)
    return repr(("…" if start else "") + text[start : column + 30].strip())


def _is_note(inner: str) -> bool:
    """A bracketed note names something to fill in; `[ ]`, `[x]`, `[1]`, `[^1]` do not."""
    inner = inner.strip()
    return len(inner) > 1 and any(c.isalpha() for c in inner) and not inner.startswith("^")


def _context(line: str, token: str) -> str:
    """The sentence of `line` holding `token`, shortened to about 90 characters."""
    sentences = re.split(r"(?<=[.!?])\s+", line.strip())
    text = next((s for s in sentences if token in s), line.strip())
    return text if len(text) <= 90 else text[:87].rstrip() + "…"


def listify(body: str, fields: tuple[Field, ...]) -> str:
    """A list field's bullet is just the variable: each answer line becomes its own bullet."""
    for field in fields:
        if field.as_list:
            pattern = r"(?m)^(\s*- )\{\{ " + field.name + r" \}\}\s*[.;,]?$"
            body = re.sub(pattern, r"\g<1>{{ " + field.name + " }}", body)
    return body
