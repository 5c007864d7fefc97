"""Copying the document: the system clipboard tool, else the terminal (OSC 52), and saying which."""

from __future__ import annotations

import asyncio

from textual.app import App

from jdwizard.session import Session


async def copy_document(app: App, session: Session) -> str:
    """Copy the session's document; notify the user how it was copied. Returns "system"/"osc52"."""
    from jdwizard.clipboard import ClipboardUnavailable, copy_to_system_clipboard

    document = session.document()
    missing = session.missing()
    note = f" {len(missing)} required field(s) are still unanswered." if missing else ""
    try:
        await asyncio.to_thread(copy_to_system_clipboard, document)
    except ClipboardUnavailable as reason:
        app.copy_to_clipboard(document)
        fallback = (
            f"use the saved file {session.path.with_suffix('.md')}"
            if session.path
            else "save with Ctrl+S and use the .md file"
        )
        app.notify(
            f"Sent to your terminal's clipboard (OSC 52): {reason}. If nothing pastes, your "
            f"terminal may not support OSC 52; {fallback}.{note}",
            title="Copied via terminal",
            severity="warning",
            timeout=12,
            markup=False,
        )
        return "osc52"
    app.notify(
        f"Copied {len(document):,} characters with the system clipboard.{note}",
        title="Copied",
        markup=False,
    )
    return "system"
