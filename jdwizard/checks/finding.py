"""A finding of a draft check: what is wrong, where, and what to do about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing a check noticed. `field` is the answer it comes from (None: the whole text)."""

    id: str
    severity: str  # "error" | "warning" | "info"
    field: str | None
    message: str
    suggestion: str = ""

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


def data_file(name: str) -> Path:
    """A data file shipped in jdwizard/data. Found beside the code, as the built-in templates
    are (paths.builtin_templates_dir): importlib.resources brought zipfile with it, close to
    1 MB in a wizard session, for a package that is never zipped."""
    return Path(__file__).resolve().parents[1] / "data" / name
