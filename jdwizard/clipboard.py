"""Copying text to the system clipboard, with a bounded wait.

pyperclip finds the clipboard. The command-line tools it would run (wl-copy, xclip, xsel,
pbcopy) are run here instead, because pyperclip ignores their exit status (a failing tool would
pass for a copy) and cannot stop one that hangs. Here a tool that fails is reported with its
message, one that does not finish in time is killed, and neither writes over the screen.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import tempfile
import threading

COPY_TIMEOUT_SECONDS = 3.0

# pyperclip's copy function, by name, and the command it runs (with the text on its stdin).
_COMMANDS = {
    "copy_wl": ["wl-copy"],
    "copy_xclip": ["xclip", "-selection", "c"],
    "copy_xsel": ["xsel", "-b", "-i"],
    "copy_osx_pbcopy": ["pbcopy", "w"],
}
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")  # a tool's message is shown, never obeyed


class ClipboardUnavailable(Exception):
    """No usable clipboard tool; the message says why in a few words."""


def copy_to_system_clipboard(text: str, timeout: float | None = None) -> None:
    """Copy with the system's clipboard tool (blocking: call from a worker thread).

    Raises ClipboardUnavailable when there is no tool (a headless Linux or SSH session), when it
    fails, or when it does not finish within `timeout` seconds (default COPY_TIMEOUT_SECONDS).
    """
    import pyperclip

    limit = COPY_TIMEOUT_SECONDS if timeout is None else timeout
    copy, _paste = pyperclip.determine_clipboard()
    command = _COMMANDS.get(getattr(copy, "__name__", ""))
    if command is not None:
        if command[0] == "wl-copy" and not text:
            command = [*command, "--clear"]  # wl-copy refuses an empty input
        _run_tool(command, text, limit)
        return
    failure: list[BaseException] = []

    def run() -> None:
        try:
            copy(text)
        except BaseException as error:  # reported to the caller below
            failure.append(error)

    worker = threading.Thread(target=run, name="jdwizard-clipboard", daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        raise ClipboardUnavailable(f"the clipboard tool did not answer within {limit:g} s")
    if failure:
        error = failure[0]
        if isinstance(error, pyperclip.PyperclipException):
            raise ClipboardUnavailable(
                "no clipboard tool found (install xclip, xsel or wl-clipboard)"
            )
        raise ClipboardUnavailable(f"the clipboard tool failed ({error})")


def _run_tool(command: list[str], text: str, limit: float) -> None:
    """Run a clipboard tool with `text` on its stdin; its output never reaches the terminal.

    The tool runs in a session of its own, so that when it hangs it can be killed together with
    anything it started. (A tool that forks to keep serving the clipboard, as xclip and wl-copy
    do, is done once its first process exits.)
    """
    name = command[0]
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a forked server may keep it
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                close_fds=True,
                start_new_session=True,
            )
        except OSError as error:
            raise ClipboardUnavailable(
                f"the clipboard tool failed ({name}: {error.strerror or error})"
            ) from None
        try:
            process.communicate(text.encode("utf-8"), timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise ClipboardUnavailable(
                f"the clipboard tool ({name}) did not answer within {limit:g} s"
            ) from None
        if process.returncode != 0:
            errors.seek(0)
            said = _CONTROLS.sub(" ", errors.read(4000).decode("utf-8", "replace"))
            detail = " ".join(said.split())[:200] or f"exit status {process.returncode}"
            raise ClipboardUnavailable(f"the clipboard tool failed ({name}: {detail})")


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop a tool that hangs, and whatever it started (its process group)."""
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows runs no command-line tool here
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=1)
