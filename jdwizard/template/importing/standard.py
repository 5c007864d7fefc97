"""The standard fields an imported template gets, so that it gives a post one can publish: the
job title, employment type, deadline, how to apply and equal-opportunity statement
(jdwizard/data/standard-fields.toml), with their sections added where the body has none: a
`# {{ job_title }}` heading and a facts list at the top, and "How to apply" at the end.

The bundle names them only (`name = "job_title"`, and a `default` where the import knows one):
the loader fills in the rest from standard-fields.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jdwizard.template.model import Field, FieldKind

STANDARD_FILE = Path(__file__).resolve().parents[2] / "data" / "standard-fields.toml"

# The standard fields every import gets, where it has no field of that name: the first after
# the company's own fields that open the template (as the built-in templates ask them), the
# others after the notes.
LEADING_FIELDS = ("job_title", "employment_type")
TRAILING_FIELDS = ("apply_by", "how_to_apply", "eeo_statement")

# The facts under the title, as the built-in bodies list them: (field, label).
_FACTS = (
    ("company", "Company"), ("location", "Location"), ("work_type", "Workplace"),
    ("employment_type", "Employment type"),
)

_APPLY_HEADING = re.compile(
    r"(?im)^#{1,6} +(?:how to apply|to apply|how do i apply|apply(?: now)?|applying)\W*$"
)


@cache
def standard_fields() -> dict[str, dict[str, Any]]:
    """Each standard field's table in standard-fields.toml, by name."""
    data = tomllib.loads(STANDARD_FILE.read_text(encoding="utf-8"))
    fields: dict[str, dict[str, Any]] = data.get("fields", {})
    return fields


def standard_field(name: str) -> Field:
    """The standard field `name` as the wizard will ask it (its role is the loader's to give)."""
    table = standard_fields()[name]
    return Field(
        name=name, label=table.get("label", name), question=table.get("question", ""),
        hint=table.get("hint", ""), kind=FieldKind(table.get("kind", "line")),
        required=table.get("required", True), as_list=table.get("list", False),
        company=table.get("company", False), suggestions=tuple(table.get("suggestions", ())),
    )


@dataclass(frozen=True)
class Postable:
    """A body with the standard sections, its fields, and the defaults to write."""

    fields: tuple[Field, ...]
    body: str
    defaults: dict[str, str]
    added: tuple[str, ...]  # the standard fields added, in the order they are asked


def make_postable(fields: tuple[Field, ...], body: str, title: str) -> Postable:
    """Add the standard fields the import lacks, and their sections where the body has none."""
    names = {field.name for field in fields}
    has_apply = bool(_APPLY_HEADING.search(body))
    wanted = [name for name in TRAILING_FIELDS if not (name == "how_to_apply" and has_apply)]
    leading = [name for name in LEADING_FIELDS if name not in names]
    trailing = [name for name in wanted if name not in names]
    added = tuple(leading + trailing)
    all_names = names | set(added)
    defaults: dict[str, str] = {}
    if "job_title" in added:
        defaults["job_title"] = re.sub(r"[{}%#]", "", title).strip() or "Job title"
    if "eeo_statement" in added and "company" not in names:
        text = str(standard_fields()["eeo_statement"].get("default", ""))
        defaults["eeo_statement"] = re.sub(r"\{\{\s*company\s*\}\} is\b", "We are", text).strip()
    body = _with_title(body, title, all_names)
    body = _with_apply(body, has_apply, all_names)
    at = next((i for i, field in enumerate(fields) if not field.company), len(fields))
    return Postable(
        fields[:at] + tuple(standard_field(n) for n in leading) + fields[at:]
        + tuple(standard_field(n) for n in trailing),
        body, defaults, added,
    )


def _with_title(body: str, title: str, names: set[str]) -> str:
    """`# {{ job_title }}` and the facts list at the top; a first heading that is the title
    (the title's "job description", or the job title field) becomes that H1."""
    lines = body.split("\n")
    first = lines[0] if lines else ""
    heading = re.match(r"^#{1,6} +(.*?)\s*$", first)
    used = set(re.findall(r"\{\{ (\w+) \}\}", body))
    titles = {title.lower(), f"{title} job description".lower(), "{{ job_title }}"}
    if heading and heading[1].lower() in titles:
        lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    facts = [f"- {label}: {{{{ {name} }}}}" for name, label in _FACTS
             if name in names and not (name == "employment_type" and name in used)]
    top = ["# {{ job_title }}", ""]
    if facts:
        top += [*facts, ""]
    return "\n".join(top + lines)


def _with_apply(body: str, has_apply: bool, names: set[str]) -> str:
    """The deadline, how to apply and the equal-opportunity statement at the end: under a new
    "How to apply" heading, or after the body's own."""
    used = set(re.findall(r"\{\{ (\w+) \}\}", body))
    parts = [body.rstrip("\n"), ""]
    if not has_apply:
        parts += ["## How to apply", ""]
    if "apply_by" in names and "apply_by" not in used:
        parts += ["{% if apply_by %}", "{{ apply_by }}", "{% endif %}"]
    if not has_apply and "how_to_apply" not in used:
        parts += ["{{ how_to_apply }}"]
    if "eeo_statement" in names and "eeo_statement" not in used:
        parts += ["{% if eeo_statement %}", "{{ eeo_statement }}", "{% endif %}"]
    return "\n".join(parts) + "\n"
