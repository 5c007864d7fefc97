"""Copying text to the system clipboard through pyperclip, with a bounded wait."""

from __future__ import annotations

import threading

COPY_TIMEOUT_SECONDS = 3.0


class ClipboardUnavailable(Exception):
    """No usable clipboard tool; the message says why in a few words."""


def copy_to_system_clipboard(text: str, timeout: float = COPY_TIMEOUT_SECONDS) -> None:
    """Copy with the system's clipboard tool (blocking: call from a worker thread).

    Raises ClipboardUnavailable when there is no tool (a headless Linux or SSH session), when it
    fails, or when it does not finish within `timeout` seconds.
    """
    import pyperclip

    copy, _paste = pyperclip.determine_clipboard()
    failure: list[BaseException] = []

    def run() -> None:
        try:
            copy(text)
        except BaseException as error:  # reported to the caller below
            failure.append(error)

    worker = threading.Thread(target=run, name="jdwizard-clipboard", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise ClipboardUnavailable(f"the clipboard tool did not answer within {timeout:g} s")
    if failure:
        error = failure[0]
        if isinstance(error, pyperclip.PyperclipException):
            raise ClipboardUnavailable(
                "no clipboard tool found (install xclip, xsel or wl-clipboard)"
            )
        raise ClipboardUnavailable(f"the clipboard tool failed ({error})")
