"""What an import produces: the template read from the text, and the errors it reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jdwizard.errors import UserError
from jdwizard.template.model import Faq, Field, Tip


class TemplateImportError(UserError):
    """A file that cannot be imported; the message names the file and says what to do."""

class TemplateIdTaken(TemplateImportError):
    """The id is a built-in template's, or one of the user's (without --force)."""

    def __init__(self, message: str, template_id: str, free_id: str, builtin: bool) -> None:
        super().__init__(message)
        self.template_id = template_id
        self.free_id = free_id  # an id nothing uses yet, to offer instead
        self.builtin = builtin

@dataclass(frozen=True)
class ParsedTemplate:
    """A template read from text, ready to be written as a bundle."""

    template_id: str
    title: str
    category: str
    summary: str
    when_to_use: str
    personalize: str
    faq: tuple[Faq, ...]
    tips: tuple[Tip, ...]
    fields: tuple[Field, ...]
    body: str
    sections: tuple[str, ...]  # the page sections recognised, e.g. ("writing tips", "faq")
    warnings: tuple[str, ...] = ()
    cleaned: tuple[str, ...] = ()  # the sections control characters were removed from
    left_out: tuple[str, ...] = ()  # each part of the page not put in the post, described
    defaults: Mapping[str, str] = field(default_factory=dict)  # written as fields' `default`
    standard: tuple[str, ...] = ()  # the standard fields the import added
