"""What the screens ask of the app without waiting for it: each a Message, posted by a screen
and handled by the app, which hands it to the open draft's DraftController. (What changes the
screen, such as opening a draft or going back to the fields, is an awaited call on the app
instead: the keys typed after it then reach the screen it leads to. No screen calls another.)"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SaveRequested(Message):
    """Save the draft now (Ctrl+S), saying so."""


@dataclass
class FormatRequest(Message):
    """Something to do with the document in `format_name` (markdown, text, html)."""

    format_name: str


@dataclass
class CopyRequested(FormatRequest):
    """Copy the document (system clipboard tool, else the terminal)."""


@dataclass
class SaveDocumentRequested(FormatRequest):
    """Save the draft, and its document beside it."""


@dataclass
class SaveToProfileRequested(Message):
    """Save the draft's company answers to the profile called `name`."""

    name: str


@dataclass(frozen=True)
class Jump:
    """Where to go back to on the field screen: a field, and where in its answer (None: the
    end). Passed to the app's awaited `back_to_fields`."""

    field: str
    at: int | None = None
