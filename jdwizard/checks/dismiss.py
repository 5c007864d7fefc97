"""Dismissed findings: what the user said is fine, so that `check` and the review skip it.

A finding is dismissed by its key (`Finding.key`): its id ("term:young", "reading-ease"), with
the word for a word's finding ("gender-coded:support"). Three places say so:

- a draft: the top-level table `[checks] dismissed = ["term:young"]` (`Draft.extra["checks"]`);
- a Markdown or plain-text post: a comment `<!-- jdwizard: ignore term:young -->`;
- a company profile: `never = ["Dominant", "SharePoint"]`, words never a finding for it.

Pure and Textual-free.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from jdwizard.checks.finding import Finding
from jdwizard.errors import UserError

KEY_EXAMPLE = '[checks] dismissed = ["term:young", "gender-coded:support"]'
# An id of lower-case letters, digits and "-" (a term's id carries its word after ":"), then
# optionally ":" and a word; no spaces (a term's spaces are "-" in its id).
_KEY = re.compile(r"[a-z0-9][a-z0-9-]*(?::[^\s:,]+)*")
# On one line, at most 500 characters: bounded, so a post full of unclosed ones stays linear.
_COMMENT = re.compile(r"<!--[ \t]*jdwizard:[ \t]*ignore\b([^\n]{0,500}?)-->", re.IGNORECASE)
MAX_KEYS = 1_000  # far more than a post has findings; bounds what a hand-written file holds
FROM_DRAFT = "dismissed in the draft"
FROM_COMMENT = "an ignore comment in the post"


@dataclass(frozen=True)
class Dismissal:
    """A finding skipped, and why."""

    finding: Finding
    why: str

    def to_json(self) -> dict[str, object]:
        return {"finding": self.finding.to_json(), "why": self.why}


def is_key(text: str) -> bool:
    """Whether `text` is a finding key ("term:young", "length", "gender-coded:support")."""
    return _KEY.fullmatch(text) is not None


def normal_key(key: str) -> str:
    """A key as findings carry it: lower case, and a word's spaces as "-"."""
    return "-".join(key.strip().lower().split())


def draft_keys(extra: Mapping[str, Any]) -> list[str]:
    """The keys a draft dismissed (its `[checks] dismissed`), or a one-line UserError saying
    how to write them when the table holds anything else."""
    checks = extra.get("checks")
    if checks is None:
        return []
    dismissed = checks.get("dismissed", []) if isinstance(checks, dict) else None
    if not isinstance(dismissed, list) or not all(isinstance(key, str) for key in dismissed):
        raise UserError(f"the draft's [checks] table should list finding keys, e.g. "
                        f"{KEY_EXAMPLE}; fix it in a text editor")
    return [normal_key(key) for key in dismissed[:MAX_KEYS] if key.strip()]


def toggled(extra: Mapping[str, Any], key: str) -> tuple[dict[str, Any], bool]:
    """A draft's `extra` with `key` dismissed, or undismissed when it was (a new dict: a save
    may be writing the old one in a thread); and whether it is dismissed now. The `[checks]`
    table keeps its other keys; it goes when it would be left empty."""
    keys = draft_keys(extra)
    key = normal_key(key)
    now_dismissed = key not in keys
    keys = [*keys, key] if now_dismissed else [k for k in keys if k != key]
    old = extra.get("checks")
    checks = {name: value for name, value in (old.items() if isinstance(old, dict) else ())
              if name != "dismissed"}
    if keys:
        checks["dismissed"] = keys
    new = {name: value for name, value in extra.items() if name != "checks"}
    if checks:
        new["checks"] = checks
    return new, now_dismissed


def comment_keys(text: str) -> list[str]:
    """The keys of the `<!-- jdwizard: ignore KEY ... -->` comments in a post (keys separated by
    spaces or commas; what is not a key is left out)."""
    keys: list[str] = []
    for match in _COMMENT.finditer(text):
        for word in re.split(r"[\s,]+", match.group(1)):
            key = normal_key(word)
            if is_key(key) and key not in keys and len(keys) < MAX_KEYS:
                keys.append(key)
    return keys


def without_comments(text: str) -> str:
    """`text` without its ignore comments (they are notes to `check`, not part of the post)."""
    return _COMMENT.sub("", text)


def never_words(profile_extra: Mapping[str, Any]) -> list[str]:
    """A company profile's `never` words (words that are never findings for that company), or
    a one-line UserError when `never` is not a list of words."""
    words = profile_extra.get("never", [])
    if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
        raise UserError('a profile\'s never should list words, e.g. never = ["Dominant", '
                        '"SharePoint"]; fix it with \'jdwizard profile edit NAME\'')
    return [word.strip() for word in words[:MAX_KEYS] if word.strip()]


def finding_word(finding: Finding) -> str:
    """The word a finding is about: its `word`, or what follows ":" in its id ("term:young")."""
    if finding.word:
        return finding.word
    _, sep, word = finding.id.partition(":")
    return word if sep else ""


def gender_words(keys: Iterable[str], never: Iterable[str] = ()) -> frozenset[str]:
    """The words whose gender-coded matches are dismissed (lower case): from the keys
    "gender-coded:WORD" and the profile's never words. The gender coding leaves them out."""
    words = {key.partition(":")[2] for key in keys if key.startswith("gender-coded:")}
    words.update(word.lower() for word in never)
    return frozenset(word for word in words if word)


def apply(findings: Iterable[Finding], keys: Mapping[str, str] | Collection[str],
          never: Iterable[str] = (), profile: str = "") -> tuple[list[Finding], list[Dismissal]]:
    """The findings kept, and those skipped with why. `keys` are dismissed keys (a mapping
    gives each key's why, e.g. FROM_COMMENT; a plain collection means FROM_DRAFT); a finding
    goes when its key, or its bare id, is among them, or when its word is one of the
    `never` words of the company `profile`."""
    reasons = dict(keys) if isinstance(keys, Mapping) else dict.fromkeys(keys, FROM_DRAFT)
    reasons = {normal_key(key): why for key, why in reasons.items()}
    banned = {normal_key(word): word for word in never}
    kept: list[Finding] = []
    skipped: list[Dismissal] = []
    for finding in findings:
        why = reasons.get(finding.key) or reasons.get(finding.id)
        word = normal_key(finding_word(finding))
        if why is None and word in banned:
            owner = f"the profile {profile!r}" if profile else "the company profile"
            why = f"{owner} never flags {banned[word]!r}"
        if why is None:
            kept.append(finding)
        else:
            skipped.append(Dismissal(finding, why))
    return kept, skipped
