"""Copying the document: the system clipboard tool, else the terminal (OSC 52), and saying which."""

from __future__ import annotations

import asyncio

from textual.app import App

from jdwizard.draft.session import Session


async def choose_format(app: App, action: str) -> str | None:
    """Ask which format (the remembered default highlighted); remember a new choice."""
    from jdwizard.ui.screens.formats import FormatChooser

    default = getattr(app, "config", None)
    current = default.copy_format if default is not None else "markdown"
    chosen = await app.push_screen_wait(FormatChooser(action, current))
    if chosen is not None and chosen != current and hasattr(app, "save_settings"):
        await app.save_settings(copy_format=chosen)
    return chosen


async def copy_document(app: App, session: Session, format_name: str = "markdown") -> str:
    """Copy the session's document in `format_name`; say how it was copied ("system"/"osc52").

    The copy runs in a worker of the app, not of the screen that asked for it: leaving that
    screen while the clipboard tool is slow (Esc back to the fields) loses neither the copy
    nor the message saying how it went.
    """
    from jdwizard.export import export

    document = export(session.document(), format_name)  # as it is when the user asks
    missing = len(session.missing())
    worker = app.run_worker(
        _copy(app, session, document, format_name, missing),
        group="copy-document",
        description="copy the document",
    )
    # Shielded: awaiting the worker's task directly would pass the screen's cancellation on.
    waiting = asyncio.ensure_future(worker.wait())
    waiting.add_done_callback(lambda done: done.cancelled() or done.exception())
    return await asyncio.shield(waiting)


async def _copy(app: App, session: Session, document: str, format_name: str, missing: int) -> str:
    from jdwizard.clipboard import ClipboardUnavailable, copy_to_system_clipboard
    from jdwizard.export import FORMAT_LABELS, FORMAT_SUFFIXES

    note = f" {missing} required field(s) are still unanswered." if missing else ""
    try:
        await asyncio.to_thread(copy_to_system_clipboard, document)
    except ClipboardUnavailable as reason:
        app.copy_to_clipboard(document)
        suffix = FORMAT_SUFFIXES[format_name]
        if session.path is None:
            fallback = f"save the document (Ctrl+R, then e) and use the {suffix} file"
        elif format_name == "markdown":
            fallback = f"use the saved file {session.path.with_suffix(suffix)}"
        else:
            fallback = f"save the document as {FORMAT_LABELS[format_name]} (Ctrl+R, then e) " \
                f"and use {session.path.with_suffix(suffix)}"
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
        f"Copied {len(document):,} characters ({FORMAT_LABELS[format_name]}) with the system "
        f"clipboard.{note}",
        title="Copied",
        markup=False,
    )
    return "system"
