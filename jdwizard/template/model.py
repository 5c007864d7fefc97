"""The template model: a Template, its Fields, writing Tips and help, as loaded and checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from jdwizard.template.roles import Role


class FieldKind(StrEnum):
    """How an answer is typed: on one line, or on several (a list, a paragraph)."""

    LINE = "line"
    TEXT = "text"


class Validator(StrEnum):
    """A named check of an answer as it is typed."""

    SALARY = "salary"
    DEADLINE = "deadline"  # an application deadline (deadline.py reads it)


class Origin(StrEnum):
    """Where a template comes from: shipped with jdwizard, the user's own, or a shared folder's
    (config.toml `template_dirs`); the user's and the shared ones are untrusted."""

    BUILTIN = "built-in"
    USER = "user"
    SHARED = "shared"


@dataclass(frozen=True)
class Field:
    """One question of the wizard: a body variable the user answers."""

    name: str
    label: str
    question: str
    hint: str = ""
    kind: FieldKind = FieldKind.LINE
    required: bool = True
    suggestions: tuple[str, ...] = ()
    validate: Validator | None = None
    as_list: bool = False  # a multi-line answer becomes one Markdown bullet per line
    note: str = ""  # the seed notation this field replaces, e.g. "[PTO policy]"
    renamed_from: tuple[str, ...] = ()  # earlier names of this field, for drafts made before
    company: bool = False  # company-level: saved in and prefilled from a company profile
    role: Role | None = None  # what the answer means to jdwizard (see roles.py)
    # What the post shows while the field is untouched (absent from the draft's answers): a
    # text, or a list field's items; it may insert other fields as `{{ name }}` (defaults.py).
    default: str | tuple[str, ...] | None = None
    sample: str | None = None  # a realistic answer, for tests and screenshots (list: a line each)

    @property
    def multi_line(self) -> bool:
        return self.kind is FieldKind.TEXT


@dataclass(frozen=True)
class Tip:
    """A writing tip and the fields it concerns."""

    text: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True)
class Template:
    """A validated job description template."""

    id: str
    title: str
    version: int
    category: str
    summary: str
    when_to_use: str
    personalize: str
    faq: tuple[Faq, ...]
    tips: tuple[Tip, ...]
    fields: tuple[Field, ...]
    body: str
    source: Path
    origin: Origin = Origin.BUILTIN

    def field(self, name: str) -> Field:
        """The field called `name` (KeyError if there is none)."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def index_of(self, name: str) -> int:
        """The position of the field called `name` (ValueError if there is none)."""
        return self.field_names.index(name)

    def tips_for(self, name: str) -> tuple[Tip, ...]:
        """The tips that concern the field `name`."""
        return tuple(tip for tip in self.tips if name in tip.fields)

    def field_for(self, role: Role) -> Field | None:
        """The field that plays `role`, if the template has one."""
        return next((field for field in self.fields if field.role is role), None)

    def answer_for(self, role: Role, answers: Mapping[str, str]) -> str:
        """The answer to the field playing `role` ("" when there is none)."""
        field = self.field_for(role)
        return answers.get(field.name, "") if field is not None else ""
