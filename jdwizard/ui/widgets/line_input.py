"""A one-line text box (the drafts filter, the dialogs) whose keys act in the order typed."""

from __future__ import annotations

from textual.widgets import Input

from jdwizard.ui.textual_fixes import KeysInOrder


class LineInput(KeysInOrder, Input):
    """Textual's Input, Backspace and the arrows in their turn among the characters typed."""
