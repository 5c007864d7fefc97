"""Knowing when a draft is open in another jdwizard: an OS lock on a small file beside it.

While a draft is open for editing, this process holds an exclusive, non-blocking `flock` on
`.NAME.toml.lock`, on a descriptor kept open until `release` (on Windows, `msvcrt.locking` on
one byte of it). The system lets go of it when the process ends, however it ends (a crash,
`kill -9`, a reboot), so whether a draft is open elsewhere is whether that lock can be taken
now: a dead owner never looks alive, and a process id that now belongs to an unrelated process
never looks like an owner. The file's text ("PID HOST") only names the holder in messages.

Checking (`holder`) takes the lock for an instant and lets go at once. Where the file system
cannot lock (some network file systems), a draft is treated as not open elsewhere: no warning,
never a crash. A lock file that is not a plain file (a link, a pipe) is left alone, unread and
unwritten. The lock only warns; the guarantee that no save silently overwrites another's newer
answers is the file check in `session.SaveJob`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import socket
import stat
import sys
import threading
from pathlib import Path

_OPEN_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)  # no link, no wait
_HOST = re.compile(r"[A-Za-z0-9._-]{1,100}")  # a host name as shown; anything else is "?"
_MAX_TEXT = 256

_held: dict[str, int] = {}  # lock file (absolute) -> the open descriptor holding its lock
_held_guard = threading.Lock()  # acquire and release run on the event loop and in threads


if sys.platform == "win32":  # pragma: no cover - the suite runs on POSIX
    import msvcrt

    _BYTE = 1 << 20  # past any text in the file: a locked byte cannot be read by others

    def _try_lock(fd: int) -> bool:
        """Take the lock on `fd`: True, or False when another process holds it."""
        os.lseek(fd, _BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLOCK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        """Take the lock on `fd`: True, or False when another process holds it (OSError when
        this file system cannot lock)."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def lock_path(draft_path: Path) -> Path:
    return draft_path.with_name(f".{draft_path.name}.lock")


def _key(draft_path: Path) -> str:
    return os.path.abspath(lock_path(draft_path))


def _me() -> str:
    return f"{os.getpid()} {socket.gethostname()}"


def holder(draft_path: Path) -> str | None:
    """Who else has this draft open ("process 123 on host"), or None if nobody else does."""
    with _held_guard:
        if _key(draft_path) in _held:
            return None  # this process has it
    fd = _open(lock_path(draft_path), os.O_RDONLY)
    if fd is None:
        return None
    try:
        try:
            if _try_lock(fd):
                _unlock(fd)
                return None  # nobody holds it: whoever wrote the file has let go (or died)
        except OSError:
            return None  # this file system cannot lock: nobody can be told apart
        return _other(fd)
    finally:
        os.close(fd)


def acquire(draft_path: Path) -> str | None:
    """Take the lock and keep it until `release`; if another process holds it, leave it and
    say who (else None). A lock that cannot be written or taken only loses the warning."""
    key = _key(draft_path)
    path = lock_path(draft_path)
    with _held_guard:
        if key in _held:
            return None
        for _attempt in range(5):
            fd = _open(path, os.O_RDWR | os.O_CREAT)
            if fd is None:
                return None
            try:
                taken = _try_lock(fd)
            except OSError:
                taken = True  # cannot lock here: the file only names us, as a courtesy
            if not taken:
                other = _other(fd)  # None: this process, by another name of the folder
                os.close(fd)
                return other
            if not _same_file(fd, path):  # its holder removed it as we opened it: again
                os.close(fd)
                continue
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, (_me() + "\n").encode("utf-8"))
            _held[key] = fd
            return None
    return None


def release(draft_path: Path) -> None:
    """Let go of the lock and remove its file, if this process holds it (else nothing)."""
    path = lock_path(draft_path)
    with _held_guard:
        fd = _held.pop(_key(draft_path), None)
        if fd is None:
            return
        if _same_file(fd, path):  # removed while still held: nobody takes a file that goes
            with contextlib.suppress(OSError):
                os.unlink(path)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed there
            with contextlib.suppress(OSError):
                os.unlink(path)


def _open(path: Path, flags: int) -> int | None:
    """A descriptor on the lock file if it is a plain file (made, with O_CREAT), else None."""
    try:
        fd = os.open(path, flags | _OPEN_FLAGS, 0o644)
    except OSError:
        return None
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def _same_file(fd: int, path: Path) -> bool:
    """Whether `path` is still the file open on `fd` (not removed or replaced since)."""
    try:
        mine, there = os.fstat(fd), os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _other(fd: int) -> str | None:
    """The holder as its lock file names it ("process 123 on host"), or None if that is us."""
    try:
        words = os.pread(fd, _MAX_TEXT, 0).decode("utf-8", "replace").split()
    except (OSError, AttributeError):  # os.pread: not on Windows
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            words = os.read(fd, _MAX_TEXT).decode("utf-8", "replace").split()
        except OSError:
            words = []
    if words[:2] == _me().split():
        return None
    pid = words[0] if words and words[0].isdigit() and len(words[0]) <= 10 else "?"
    host = words[1] if len(words) > 1 and _HOST.fullmatch(words[1]) else "?"
    return f"process {pid} on {host}"
