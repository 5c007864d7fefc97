"""Starting the wizard from the command line, and saying afterwards where the draft is."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from jdwizard.errors import UserError

if TYPE_CHECKING:

    from jdwizard.draft.session import Session


def check_terminal() -> None:
    """Refuse, in one line, a place where the full-screen wizard cannot work."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            "the wizard needs an interactive terminal; in scripts use 'jdwizard render' or "
            "'jdwizard check'"
        )
    if os.environ.get("TERM", "") == "dumb":
        raise UserError(
            "the wizard needs a terminal with cursor movement, and TERM=dumb has none; run it in "
            "a terminal emulator (or set TERM=xterm-256color if yours supports it)"
        )


def run_app(session: Session | None) -> int:
    """Run the wizard (on `session`, else on the start screen, whose lists are read now: nothing
    can be typed yet, and reading them in a thread would only add the hop); afterwards say where
    the draft is, so it can be found and resumed. However it ends (a quit, an error, a
    signal), the open draft's lock is let go."""
    app = None
    try:
        check_terminal()
        start_lists = None
        if session is None:
            from jdwizard.draft.listing import load_start_lists

            start_lists = load_start_lists()
        from jdwizard.ui.app import JDWizardApp

        app = JDWizardApp(session, start_lists=start_lists)
        app.run()
    finally:  # quitting has let go already; letting go again does nothing
        for opened in (session, app.session if app is not None else None):
            if opened is not None:
                opened.close()
    code = app.return_code or 0  # 1 when the app stopped on an error (Textual printed it)
    outcome = app.outcome
    if outcome is None:
        return code
    if outcome.forked_from is not None and outcome.saved:
        print(f"{outcome.forked_from} was open or changed elsewhere, so it was left as it was; "
              "your answers are in a copy:")
    if outcome.saved and outcome.path is not None:
        markdown = outcome.path.with_suffix(".md")
        document = f"document: {markdown.name}"
        if not markdown.exists():  # e.g. a draft written by hand, opened and left unchanged
            document = f"no document beside it yet: 'jdwizard render {outcome.path}' prints it"
        if outcome.unrendered:  # the answers are saved; the document is as an earlier save left it
            document = f"the document was not written: {outcome.unrendered}"
        print(f"Draft saved: {outcome.path} ({document})")
        print(f"Resume it with: jdwizard resume {outcome.path}")
    elif not outcome.had_content:
        print("Nothing saved: the draft had no answers.")
    else:
        kept = outcome.path is not None and outcome.path.exists()
        where = f" {outcome.path} holds the last save." if kept else " Nothing of it is on disk."
        why = f" (the save failed: {outcome.failure})" if outcome.failure else ""
        print(f"jdwizard: warning: you quit without saving the last changes{why}.{where}",
              file=sys.stderr)
    return code
