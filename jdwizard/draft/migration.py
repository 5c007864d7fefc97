"""Opening a draft made with another version of its template: carry answers over, drop nothing.

An answer to a field that still exists stays. An answer under an earlier name of a field
(`renamed_from` in the template) moves to the new name, unless the new name already has an answer.
Every other answer is kept as it is (and saved again), and reported so the user can see it.
"""

from __future__ import annotations

from dataclasses import dataclass

from jdwizard.template.model import Template


@dataclass(frozen=True)
class Migration:
    """What opening a draft with the installed template version did to its answers."""

    template_title: str
    from_version: int | None  # the version the draft was made with (None: not recorded)
    to_version: int
    renamed: tuple[tuple[str, str], ...]  # (old name, new name) pairs carried over
    unused: tuple[str, ...]  # answers this version has no field for, kept in the file

    @property
    def newer_template(self) -> bool:
        """The draft was made with a newer version of the template than the one installed."""
        return self.from_version is not None and self.from_version > self.to_version

    @property
    def version_changed(self) -> bool:
        return self.from_version is not None and self.from_version != self.to_version

    def message(self) -> str:
        """One or two sentences for the user, or '' when there is nothing to say."""
        parts = []
        if self.newer_template:
            parts.append(
                f"This draft was made with version {self.from_version} of {self.template_title}; "
                f"this jdwizard has version {self.to_version}. Upgrade jdwizard for the newer one."
            )
        elif self.version_changed and (self.renamed or self.unused):
            parts.append(
                f"This draft was made with version {self.from_version} of {self.template_title} "
                f"(now {self.to_version})."
            )
        if self.renamed:
            moves = ", ".join(f"{old} → {new}" for old, new in self.renamed)
            parts.append(f"Carried over to renamed fields: {moves}.")
        if self.unused:
            names = ", ".join(self.unused)
            parts.append(f"Answers this template does not use are kept in the file: {names}.")
        return " ".join(parts)


def migrate_answers(
    template: Template, answers: dict[str, str], from_version: int | None
) -> tuple[dict[str, str], Migration]:
    """The answers as `template` names them, and what changed; `answers` is not modified."""
    result = dict(answers)
    renamed = []
    for field in template.fields:
        for old in field.renamed_from:
            if old in result and not result.get(field.name, "").strip():
                result[field.name] = result.pop(old)
                renamed.append((old, field.name))
                break
    names = set(template.field_names)
    unused = tuple(name for name in result if name not in names)
    migration = Migration(template.title, from_version, template.version, tuple(renamed), unused)
    return result, migration
