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
    `start` is where in that answer it begins, when it is at one place (a word, a note)."""

    id: str
    severity: Severity
    field: str | None
    message: str
    suggestion: str = ""
    start: int | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"id": self.id, "severity": self.severity.value, "field": self.field,
                "message": self.message, "suggestion": self.suggestion}


def data_file(name: str) -> Path:
    """A data file shipped in jdwizard/data. Found beside the code, as the built-in templates
    are (paths.builtin_templates_dir): importlib.resources brought zipfile with it, close to
    1 MB in a wizard session, for a package that is never zipped."""
    return Path(__file__).resolve().parents[1] / "data" / name
