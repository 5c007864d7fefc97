"""A finding of a draft check: what is wrong, where, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How much a finding matters, most first: an error stops a post being ready."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed. `field` is the answer it comes from (None: the whole text);
    `start` is where in that answer it begins, when it is at one place (a word, a note);
    `context` the sentence it was found in (filled in by `checks.report.with_context` where a
    check leaves it empty); `confidence` "low" when it rests on a guess (a place only mentioned
    in prose); `word` the word it is about, when its id does not say it (a gender-coded match)."""

    id: str
    severity: Severity
    field: str | None
    message: str
    suggestion: str = ""
    start: int | None = None
    context: str = ""
    confidence: str = "high"
    word: str = ""

    @property
    def key(self) -> str:
        """What dismisses it: its id ("term:young"), with its word when it has one
        ("gender-coded:support")."""
        return f"{self.id}:{self.word}" if self.word else self.id

    def to_json(self) -> dict[str, str | None]:
        return {"id": self.id, "key": self.key, "severity": self.severity.value,
                "field": self.field, "message": self.message, "suggestion": self.suggestion,
                "context": self.context, "confidence": self.confidence}


def data_file(name: str) -> Path:
    """A data file shipped in jdwizard/data. Found beside the code, as the built-in templates
    are (paths.builtin_templates_dir): importlib.resources brought zipfile with it, close to
    1 MB in a wizard session, for a package that is never zipped."""
    return Path(__file__).resolve().parents[1] / "data" / name
