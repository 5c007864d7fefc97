"""What the screens ask of the app: each a Message, posted by a screen and handled by the app,
which hands the open draft's part to its DraftController. No screen calls another."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message


@dataclass
class SaveRequested(Message):
    """Save the draft now (Ctrl+S), saying so."""


@dataclass
class SaveAsRequested(Message):
    """Ask where to save the draft, then save it there and keep working there."""

    reason: str = ""  # why, when jdwizard asks (its folder cannot be written)


@dataclass
class CloseDraftRequested(Message):
    """Save the draft, let go of it and show the start screen (F4)."""


@dataclass
class CopyRequested(Message):
    """Copy the document in `format_name` (system clipboard tool, else the terminal)."""

    format_name: str


@dataclass
class SaveDocumentRequested(Message):
    """Save the draft, and its document in `format_name` beside it."""

    format_name: str


@dataclass
class SaveToProfileRequested(Message):
    """Save the draft's company answers to the profile called `name`."""

    name: str


@dataclass
class OpenDraftRequested(Message):
    """Open a saved draft (from the palette or a mouse click; keys use the awaited path)."""

    path: Path
