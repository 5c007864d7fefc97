"""A list to choose from (the templates, the drafts, the findings) whose keys act in the order
typed: Down, Down, Enter typed at once picks the third item."""

from __future__ import annotations

from textual.widgets import OptionList

from jdwizard.ui.textual_fixes import KeysInOrder


class ChoiceList(KeysInOrder, OptionList):
    """Textual's OptionList, its keys in their turn (see textual_fixes.KeysInOrder)."""
