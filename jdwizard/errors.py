"""The one exception type whose message is shown to the user as-is."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix: the message is one line saying what is wrong and what to do."""
