"""The field a note means, by the synonym table jdwizard/data/field-synonyms.toml: "[work
arrangement, e.g. hybrid]" is `work_type`, "[one sentence on what your company does]" is
`what_you_do`, so that profiles and checks work on an imported template."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).resolve().parents[2] / "data" / "field-synonyms.toml"

# Read the note's words as the table's: "remote/hybrid" is "remote hybrid", "on-site" "on site".
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Words a note may start with that do not change what it means ("your office location").
_LEADING = frozenset({"your", "our", "the", "a", "an", "any", "this", "their", "my"})


def words_of(text: str) -> tuple[str, ...]:
    """The lower-case words of `text` without its leading words ("your", "a", ...)."""
    words = [word.lower().replace("’", "'") for word in _WORD.findall(text)]
    start = 0
    while start < len(words) - 1 and words[start] in _LEADING:
        start += 1
    return tuple(words[start:])


_MAX_WORDS = 16  # a note is a few words; a longer one is read by its first ones


@cache
def _index() -> tuple[dict[tuple[str, ...], str], dict[str, str], int, frozenset[str]]:
    """Each phrase's field (the first table to list it wins), each head word's, the longest
    phrase's length, and the fields a note means only standing alone on its line."""
    data = tomllib.loads(SYNONYMS_FILE.read_text(encoding="utf-8"))
    phrases: dict[tuple[str, ...], str] = {}
    heads: dict[str, str] = {}
    alone = frozenset(name for name, entry in data.items() if entry.get("alone", False))
    for name, entry in data.items():
        for phrase in entry.get("means", []):
            phrases.setdefault(words_of(phrase), name)
        for head in entry.get("heads", []):
            heads.setdefault(head, name)
    return phrases, heads, max(map(len, phrases), default=0), alone


def field_meant(text: str, alone: bool = True) -> str | None:
    """The known field a note's text (without its example) means, if the table knows it: the
    whole note, else the longest phrase of two words or more in it, else its last word. A
    field whose answer is a paragraph ("alone" in the table) only for a note that is its
    line (`alone`): "Apply by [application deadline]." keeps a field of its own."""
    name = _meant(words_of(text[:400])[:_MAX_WORDS])
    return None if name is None or (not alone and name in _index()[3]) else name


def _meant(words: tuple[str, ...]) -> str | None:
    if not words:
        return None
    phrases, heads, longest, _ = _index()
    if words in phrases:
        return phrases[words]
    for size in range(min(longest, len(words)), 1, -1):
        for start in range(len(words) - size + 1):
            if (name := phrases.get(words[start : start + size])) is not None:
                return name
    return heads.get(words[-1])
