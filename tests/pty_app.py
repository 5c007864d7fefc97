"""Run the real `jdwizard` in a pseudo-terminal, as a user's terminal would (standard library only).

Not a test module: the crash and terminal tests use it. The app gets a pty of a chosen size as
its stdin, stdout, stderr and controlling terminal, in a session (and process group) of its own.
A background thread keeps reading what it draws, so it never blocks on a full pty buffer.

    with PtyApp(["new", "backend-engineer", "--draft", str(path)]) as app:
        app.wait_for("What is your company called?")
        app.send("Acme\\r")
        app.send(CTRL_Q)
        assert app.wait_exit() == 0

The environment is the test's own (so JDWIZARD_HOME, HOME and XDG_* from the autouse
`isolated_home` fixture reach the app), with TERM=xterm-256color and without NO_COLOR, COLUMNS,
LINES or TEXTUAL_* settings unless `env` sets them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ENTER = "\r"
CTRL_Q = "\x11"
CTRL_S = "\x13"
PAGE_DOWN = "\x1b[6~"
PAGE_UP = "\x1b[5~"

START_TIMEOUT = 30.0  # seconds; a loaded 2-core CI box can take several to import and draw
TIMEOUT = 15.0

# Escape sequences, so that matching sees only the text drawn: CSI (cursor moves, colours),
# OSC (titles, clipboard), DCS/APC/PM/SOS strings, and two-character escapes.
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^X][^\x1b]*\x1b\\"
    r"|\x1b[ -/]*[0-~]"
)

# The app is started through a tiny launcher that makes the pty its controlling terminal (so a
# resize sends it SIGWINCH, as in a real terminal) and then execs `python -m jdwizard` in the
# same process: the pid stays the app's, so signals reach the app itself.
_LAUNCHER = (
    "import fcntl, os, sys, termios; "
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "os.execv(sys.executable, [sys.executable, '-m', 'jdwizard', *sys.argv[1:]])"
)


def strip_ansi(data: bytes | str) -> str:
    """The text in terminal output, escape sequences removed (undecodable bytes replaced)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return _ANSI.sub("", text)


def wait_until(condition: Callable[[], object], timeout: float = TIMEOUT,
               message: str = "condition", interval: float = 0.05) -> object:
    """Poll `condition` until it returns something truthy (returned); AssertionError after
    `timeout` seconds. Exceptions from `condition` count as "not yet"."""
    deadline = time.monotonic() + timeout
    last_error: BaseException | None = None
    while True:
        try:
            result = condition()
        except Exception as error:  # e.g. a file not written yet
            result, last_error = None, error
        if result:
            return result
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error!r})" if last_error else ""
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {message}{detail}")
        time.sleep(interval)


def set_size(fd: int, rows: int, cols: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class PtyApp:
    """`python -m jdwizard ARGS` in a pseudo-terminal of `rows` x `cols`."""

    def __init__(self, args: Sequence[str], *, rows: int = 24, cols: int = 80,
                 env: Mapping[str, str | None] | None = None, cwd: Path | None = None) -> None:
        self.args = list(args)
        self.rows, self.cols = rows, cols
        self.env = self._environment(env or {})
        self.cwd = cwd
        self.process: subprocess.Popen[bytes] | None = None
        self.master: int | None = None
        self._output = bytearray()
        self._changed = threading.Condition()
        self._reader: threading.Thread | None = None

    @staticmethod
    def _environment(overrides: Mapping[str, str | None]) -> dict[str, str]:
        env = {
            key: value for key, value in os.environ.items()
            if key not in ("NO_COLOR", "COLUMNS", "LINES", "TERM_PROGRAM", "PYTEST_CURRENT_TEST")
            and not key.startswith("TEXTUAL")
        }
        env["TERM"] = "xterm-256color"
        env["PYTHONUNBUFFERED"] = "1"
        for key, value in overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        assert "JDWIZARD_HOME" in env, "run under the isolated_home fixture: never the real home"
        return env

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> PtyApp:
        master, slave = os.openpty()
        try:
            set_size(slave, self.rows, self.cols)
            self.process = subprocess.Popen(
                [sys.executable, "-c", _LAUNCHER, *self.args],
                stdin=slave, stdout=slave, stderr=slave,
                env=self.env, cwd=self.cwd, start_new_session=True, close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)  # the child has its own copies: EOF on the master when it ends
        self.master = master
        self._reader = threading.Thread(target=self._drain, name="pty-reader", daemon=True)
        self._reader.start()
        return self

    def _drain(self) -> None:
        assert self.master is not None
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every slave fd is closed (the app ended), or master closed
                chunk = b""
            with self._changed:
                if not chunk:
                    self._changed.notify_all()
                    return
                self._output += chunk
                self._changed.notify_all()

    def close(self) -> None:
        """Kill the whole process group (whatever state it is in), reap it, close the pty."""
        if self.process is not None:
            if self.process.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.process.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=10)
        if self._reader is not None:
            self._reader.join(timeout=5)
        if self.master is not None:
            with contextlib.suppress(OSError):
                os.close(self.master)
            self.master = None

    def __enter__(self) -> PtyApp:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- talking to it ----------------------------------------------------------------------

    def send(self, keys: str | bytes, *, per_write: float = 0.0) -> None:
        """Write keys to the terminal, as typed. `per_write` > 0 sends them one at a time."""
        assert self.master is not None, "not started"
        data = keys.encode("utf-8") if isinstance(keys, str) else keys
        if per_write <= 0:
            os.write(self.master, data)
            return
        for index in range(len(data)):
            os.write(self.master, data[index:index + 1])
            time.sleep(per_write)

    def resize(self, rows: int, cols: int) -> None:
        """Resize the terminal; the kernel sends SIGWINCH to the app, as a terminal would."""
        assert self.master is not None, "not started"
        self.rows, self.cols = rows, cols
        set_size(self.master, rows, cols)

    def kill(self, sig: int = signal.SIGKILL) -> int:
        """Send `sig` to the app process; for SIGKILL, also reap it and return its status."""
        assert self.process is not None, "not started"
        os.kill(self.process.pid, sig)
        if sig == signal.SIGKILL:
            # Reaped, so the pid is really gone (a zombie would still look alive to a lock check).
            return self.process.wait(timeout=10)
        return 0

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """The app's exit status once it ends; AssertionError (with its output) if it does not."""
        assert self.process is not None, "not started"
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"jdwizard still running after {timeout:.0f} s; screen text so far:\n"
                f"{self.tail()}"
            ) from None
        if self._reader is not None:
            self._reader.join(timeout=5)  # the last output is in
        return status

    # -- what it drew -----------------------------------------------------------------------

    @property
    def raw(self) -> bytes:
        """Everything the app wrote to the terminal so far, escape sequences included."""
        with self._changed:
            return bytes(self._output)

    def mark(self) -> int:
        """A position in the output, for `wait_for(..., since=mark)`."""
        with self._changed:
            return len(self._output)

    def text(self, since: int = 0) -> str:
        """The output since `since`, escape sequences removed."""
        return strip_ansi(self.raw[since:])

    def tail(self, characters: int = 1500) -> str:
        return self.text()[-characters:]

    def wait_for(self, expected: str | Callable[[str], object], timeout: float = TIMEOUT,
                 since: int = 0) -> str:
        """Wait until the output text (since `since`) contains `expected`, or `expected(text)`
        is truthy; return the text. AssertionError with the screen text after `timeout`.

        Textual redraws only the cells that change, so wait for text drawn once (a question, a
        value just typed) rather than for a whole screen."""
        def found(text: str) -> bool:
            return bool(expected(text)) if callable(expected) else expected in text

        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                text = strip_ansi(bytes(self._output[since:]))
                if found(text):
                    return text
                remaining = deadline - time.monotonic()
                ended = self._reader is None or not self._reader.is_alive()
                if remaining <= 0 or ended:
                    what = expected if isinstance(expected, str) else "the expected output"
                    status = None if self.process is None else self.process.poll()
                    raise AssertionError(
                        f"no {what!r} in the output after {timeout - max(remaining, 0):.1f} s "
                        f"(app {'running' if status is None else f'exited {status}'}); "
                        f"screen text so far:\n{text[-1500:]}"
                    )
                self._changed.wait(min(remaining, 0.2))
