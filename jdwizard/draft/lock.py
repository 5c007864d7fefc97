"""Knowing when a draft is open in another jdwizard: a small lock file beside it.

The lock (`.NAME.toml.lock`) holds the owner's process id and host name. A lock whose process is
gone (a crash, `kill -9`) is stale and taken over. The lock only warns; the guarantee that no
save silently overwrites another's newer answers is the file check in `session.SaveJob`.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path


def lock_path(draft_path: Path) -> Path:
    return draft_path.with_name(f".{draft_path.name}.lock")


def _me() -> str:
    return f"{os.getpid()} {socket.gethostname()}"


def holder(draft_path: Path) -> str | None:
    """Who else has this draft open ("process 123 on host"), or None if nobody live does."""
    try:
        content = lock_path(draft_path).read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return None
    if len(content) < 2 or not content[0].isdigit():
        return None
    pid, host = int(content[0]), content[1]
    if pid == os.getpid() and host == socket.gethostname():
        return None
    if host == socket.gethostname() and not _alive(pid):
        return None  # stale: that process has ended
    return f"process {pid} on {host}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def acquire(draft_path: Path) -> str | None:
    """Take the lock; if another live jdwizard holds it, leave it and say who (else None)."""
    other = holder(draft_path)
    if other is not None:
        return other
    with contextlib.suppress(OSError):  # a lock we cannot write only loses the warning
        lock_path(draft_path).write_text(_me() + "\n", encoding="utf-8")
    return None


def release(draft_path: Path) -> None:
    """Remove the lock if it is ours."""
    path = lock_path(draft_path)
    try:
        if path.read_text(encoding="utf-8").split()[:2] == _me().split():
            path.unlink()
    except (OSError, UnicodeDecodeError, IndexError):
        pass
