"""Files on disk: reading a small text file with a size cap, writing atomically (a temporary
file in the same folder, flushed, then renamed over the target), and noticing a file changed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from enum import StrEnum
from pathlib import Path


class ReadProblem(StrEnum):
    """Why a file could not be read as text."""

    MISSING = "missing"
    FOLDER = "folder"
    TOO_LARGE = "too large"
    NOT_TEXT = "not text"  # binary, or not UTF-8
    OTHER = "other"  # permissions, an I/O error...


class Unreadable(Exception):
    """A file that could not be read as text: `problem` says why, `detail` in a few words."""

    def __init__(self, path: Path, problem: ReadProblem, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path = path
        self.problem = problem
        self.detail = detail


def read_text(path: Path, limit: int) -> str:
    """The text of a UTF-8 file of at most `limit` bytes (a byte-order mark dropped).

    Raises Unreadable when it is missing, a folder, larger than `limit`, binary (a NUL byte) or
    not UTF-8, or cannot be read."""
    try:
        if path.is_dir():
            raise Unreadable(path, ReadProblem.FOLDER, "a folder, not a file")
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except FileNotFoundError:
        raise Unreadable(path, ReadProblem.MISSING, "no such file") from None
    except OSError as error:
        raise Unreadable(path, ReadProblem.OTHER, str(error.strerror or error)) from None
    if len(raw) > limit:
        raise Unreadable(path, ReadProblem.TOO_LARGE, f"larger than {limit:,} bytes")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise Unreadable(path, ReadProblem.NOT_TEXT, "not UTF-8 text") from None
    if "\x00" in text:
        raise Unreadable(path, ReadProblem.NOT_TEXT, "binary, not text")
    return text


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut after it keeps the new file)."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(handle)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0o666 less umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


def _read_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK = _read_umask()  # read once at import: os.umask is process-wide, not thread-safe


FileStamp = tuple[int, int, int]  # (inode, size, modification time in ns)


def file_stamp(path: Path) -> FileStamp | None:
    """What a file looks like on disk now, to notice a change by someone else (None: absent)."""
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)
