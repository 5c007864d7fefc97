"""The job description's lines as a Jinja body: Markdown headings and `- ` bullets, each
`{{placeholder}}` and `[note]` a `{{ name }}` variable, all other text literal.

Not notes (kept as literal text): links `[t](url)`, `[t][ref]`, reference definitions, images,
task boxes `[ ]`/`[x]`, escaped `\\[..\\]`, footnotes `[^1]`, and brackets with no letter (`[1]`).
`{{ 7*7 }}`, `{% ... %}`, `{# ... #}` are not placeholders: kept as literal text, with a
warning. Every `{` of literal text is written as `{{ '{' }}`, so no text from the file can become
Jinja. A lone `{{`, `}}`, `[` or `]` is an error naming the line (notes must close on their line).

Every step is linear in the text (no pattern here backtracks more than the run it stands on).
A text with more than MAX_FIELDS fields is refused as soon as it gets there, and one whose body
would hold more than MAX_EXPRESSIONS `{{ }}` (each use of a field, each literal `{`) once
converted: Jinja compiles each at about 0.2 ms, every time the library is loaded.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NoReturn

from jdwizard.template.importing.lines import (
    BULLET,
    MD_HEADING,
    Line,
    is_title_like,
    split_paragraphs,
)
from jdwizard.template.importing.model import TemplateImportError
from jdwizard.template.importing.naming import (
    FieldInProgress,
    note_field,
    placeholder_field,
)
from jdwizard.template.importing.reader import is_reader_text, sentences
from jdwizard.template.model import Field

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


# Real templates have 10-40 fields; a text with hundreds is not a template, and refusing it
# early keeps a hostile file (10,000 notes on one line) from costing more than its reading.
MAX_FIELDS = 200
MAX_EXPRESSIONS = 1_000  # real bodies have 20-100
_MAX_WARNINGS = 20


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
_WORDS = re.compile(r"[^\W_]")  # a note followed by none of these in its sentence ends it


_WHOLE_NOTE = re.compile(r"^(?P<note>\[[^\[\]]+\])\s*[.;,]?$")


class BodyConverter:
    """Converts the job description's lines into the Jinja body, collecting the fields."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.drafts: dict[str, FieldInProgress] = {}
        self.warnings: list[str] = []
        self.unwarned = 0  # warnings past the first _MAX_WARNINGS, counted only
        self.uses = 0  # of fields in the body, refused past MAX_EXPRESSIONS as they come
        self.reader: list[str] = []  # sentences to the template's reader, left out of the body

    def convert(self, lines: list[Line]) -> str:
        """Markdown headings, `- ` bullets, `{{ name }}` variables; all other text literal."""
        paragraphs = [kept for p in split_paragraphs(lines) if (kept := self._for_candidates(p))]
        levels = [len(m["hashes"]) for p in paragraphs for _, t in p if (m := MD_HEADING.match(t))]
        top = min(levels, default=1)
        blocks = ["\n".join(self._paragraph(p, top)).strip("\n") for p in paragraphs]
        if self.unwarned:
            self.warnings.append(f"{self.unwarned} more like these; kept as literal text")
        body = re.sub(r"\n{3,}", "\n\n", "\n\n".join(blocks)).strip("\n") + "\n"
        if body.count("{{") > MAX_EXPRESSIONS:  # literal text holds no "{{": one per expression
            self._too_many()
        return body

    def _for_candidates(self, paragraph: list[Line]) -> list[Line]:
        """The paragraph without its sentences to the template's reader (kept in `reader`)."""
        kept: list[Line] = []
        for number, text in paragraph:
            if MD_HEADING.match(text):
                kept.append((number, text))
                continue
            bullet = BULLET.match(text)
            parts = sentences(bullet["text"] if bullet else text)
            readers = [is_reader_text(part) for part in parts]
            if not any(readers):
                kept.append((number, text))
                continue
            ours = [part for part, reader in zip(parts, readers, strict=True) if not reader]
            self.reader += [part for part, reader in zip(parts, readers, strict=True) if reader]
            if ours and bullet:
                kept.append((number, text[: bullet.start("text")] + " ".join(ours)))
            elif ours:
                kept.append((number, text[: len(text) - len(text.lstrip())] + " ".join(ours)))
        return kept

    def _too_many(self) -> NoReturn:
        raise TemplateImportError(
            f"{self.source}: the job description uses its fields (or a literal '{{') more than "
            f"{MAX_EXPRESSIONS} times, more than a template may; mark each thing to fill in "
            "only where it matters"
        )

    def _paragraph(self, paragraph: list[Line], top: int) -> list[str]:
        """One paragraph's Markdown lines, with a blank line between text and list."""
        out: list[str] = []
        base = min((len(m["indent"]) for _, t in paragraph if (m := BULLET.match(t))), default=0)
        previous = ""
        for number, text in paragraph:
            heading, bullet = MD_HEADING.match(text), BULLET.match(text)
            if heading or (len(paragraph) == 1 and is_title_like(text)):
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
                alone = bool(_WHOLE_NOTE.match(text.strip()))
                out.append(self.inline(text.strip(), number, alone=alone))
        return out

    def inline(
        self, text: str, number: int, whole_bullet: bool = False, alone: bool = False
    ) -> str:
        """One line: placeholders and notes become variables, the rest literal text."""
        out: list[str] = []
        position = 0
        sentences = _Sentences(text)
        named: list[tuple[int, int, str]] = []  # the line's variables so far: where, which
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
                draft = placeholder_field(match["name"], token, sentences.around(match))
            elif match["bracket"] and _is_note(match["note"]):
                draft = note_field(match["note"], token, sentences.around(match), whole_bullet,
                                   alone)
            elif match["jinja"]:
                self._warn_jinja(text, match, number)
            if draft is None:
                out.append(_literal(token))
                continue
            begin, end = sentences.bounds(match)
            draft.before = _before(text, max(begin, match.start() - 200), match.start(), named)
            draft.ends_sentence = not _WORDS.search(text, match.end(), end)
            name = self._add(draft, number)
            named.append((match.start(), match.end(), name))
            out.append("{{ " + name + " }}")
        out.append(_literal(text[position:]))
        return "".join(out)

    def _warn_jinja(self, text: str, match: re.Match[str], number: int) -> None:
        """A warning that Jinja syntax in the text is kept literal (the first few, then a count)."""
        if len(self.warnings) >= _MAX_WARNINGS:
            self.unwarned += 1
            return
        start, token = match.start(), match.group(0)
        end = text.find(token[1] + "}", start, start + 80) + 2 if token[1] in "%#" else 0
        shown = text[start : max(end, match.end())]
        shown = shown if len(shown) <= 60 else shown[:59] + "…"
        self.warnings.append(f"line {number}: {shown!r} is not a placeholder; kept as literal text")

    def _add(self, draft: FieldInProgress, number: int) -> str:
        """Record an occurrence; the same name is the same field (the first hint found wins)."""
        if not draft.name:
            draft.name = f"note_{len(self.drafts) + 1}"
        self.uses += 1
        if self.uses > MAX_EXPRESSIONS:
            self._too_many()
        if draft.name not in self.drafts and len(self.drafts) >= MAX_FIELDS:
            raise TemplateImportError(
                f"{self.source}:{number}: more than {MAX_FIELDS} fields to fill in; a template "
                "has a few dozen at most, so mark only what changes from post to post"
            )
        known = self.drafts.setdefault(draft.name, draft)
        if known is not draft:
            known.whole_bullets += draft.whole_bullets
            if draft.hint and not known.hint:
                known.hint, known.note = draft.hint, draft.note
        return draft.name


def _before(text: str, begin: int, end: int, named: list[tuple[int, int, str]]) -> str:
    """`text[begin:end]` with the notes in it as the variables they became ("{{ company }}")."""
    parts: list[str] = []
    position = begin
    first = bisect_left(named, (begin, 0, ""))  # only the notes in the last 200 characters
    for start, stop, name in named[first:]:
        if start >= position:
            parts += [text[position:start], "{{ " + name + " }}"]
            position = stop
    return "".join(parts) + text[position:end]


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


class _Sentences:
    """A line's sentences (split after `.`, `!` or `?` and a space), found once per line, so
    that the context of each of many notes on it costs no more than the note."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._starts: list[int] = []  # where each break between sentences starts, and ends
        self._ends: list[int] | None = None

    def bounds(self, match: re.Match[str]) -> tuple[int, int]:
        """Where the sentence(s) holding the match begin and end."""
        if self._ends is None:
            spans = [m.span() for m in _SENTENCE_BREAK.finditer(self.line)]
            self._starts, self._ends = [s for s, _ in spans], [e for _, e in spans]
        first = bisect_right(self._ends, match.start())  # the sentences before the match's
        last = bisect_right(self._ends, match.end() - 1)
        begin = self._ends[first - 1] if first else 0
        end = self._starts[last] if last < len(self._starts) else len(self.line)
        return begin, end

    def around(self, match: re.Match[str]) -> str:
        """The sentence(s) holding the match, shortened to about 90 characters."""
        begin, end = self.bounds(match)
        if end - begin <= 90:
            return self.line[begin:end].strip()
        return self.line[begin : begin + 87].strip() + "…"


_LIST_BULLET = re.compile(r"(?m)^([ \t]*- )\{\{ (\w+) \}\}[ \t]*[.;,]?$")


def listify(body: str, fields: tuple[Field, ...]) -> str:
    """A list field's bullet is just the variable: each answer line becomes its own bullet."""
    lists = {field.name for field in fields if field.as_list}

    def bare(match: re.Match[str]) -> str:
        return f"{match[1]}{{{{ {match[2]} }}}}" if match[2] in lists else match[0]

    return _LIST_BULLET.sub(bare, body) if lists else body
