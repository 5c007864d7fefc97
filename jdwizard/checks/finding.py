"""A finding of a draft check: what is wrong, where, and what to do about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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


def data_file(name: str):
    """A data file shipped in jdwizard/data (a Traversable; read with .read_text())."""
    from importlib.resources import files

    return files("jdwizard") / "data" / name
