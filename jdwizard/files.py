"""Files on disk: reading a small text file with a size cap, writing atomically (a temporary
file in the same folder, flushed, then renamed over the target), and noticing a file changed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from enum import StrEnum
from pathlib import Path


class ReadProblem(StrEnum):
    """Why a file could not be read as text."""

    MISSING = "missing"
    FOLDER = "folder"
    TOO_LARGE = "too large"
    NOT_TEXT = "not text"  # binary, or not UTF-8
    NOT_A_FILE = "not a file"  # a FIFO, a device, a socket
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

    Raises Unreadable when it is missing, a folder, not a regular file (a FIFO or a device,
    which could block or never end), larger than `limit`, binary (a NUL byte) or not UTF-8,
    or cannot be read (permissions, a loop of symbolic links...)."""
    return decode_text(read_bytes(path, limit), path, limit)


def read_bytes(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file; Unreadable as `read_text` says."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise Unreadable(path, ReadProblem.MISSING, "no such file") from None
    except IsADirectoryError:
        raise Unreadable(path, ReadProblem.FOLDER, "a folder, not a file") from None
    except (OSError, ValueError) as error:
        raise Unreadable(path, ReadProblem.OTHER, _reason(error)) from None
    try:
        kind = os.fstat(handle).st_mode
        if stat.S_ISDIR(kind):
            raise Unreadable(path, ReadProblem.FOLDER, "a folder, not a file")
        if not stat.S_ISREG(kind):
            raise Unreadable(path, ReadProblem.NOT_A_FILE, f"{_kind(kind)}, not a file")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(limit + 1)
    except OSError as error:
        raise Unreadable(path, ReadProblem.OTHER, _reason(error)) from None
    finally:
        os.close(handle)
    return raw


def decode_text(raw: bytes, path: Path, limit: int) -> str:
    """`raw` (at most `limit` + 1 bytes read from `path`) as text; Unreadable as read_text."""
    if len(raw) > limit:
        raise Unreadable(path, ReadProblem.TOO_LARGE, f"larger than {limit:,} bytes")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise Unreadable(path, ReadProblem.NOT_TEXT, "not UTF-8 text") from None
    if "\x00" in text:
        raise Unreadable(path, ReadProblem.NOT_TEXT, "binary, not text")
    return text


def write_failure(error: BaseException) -> str:
    """Why a write failed, in a few words, for any exception: a full disk, a folder that is a
    file, a value the TOML writer cannot write."""
    if isinstance(error, OSError):
        return error.strerror or str(error) or type(error).__name__
    if isinstance(error, RecursionError):
        return "a value in it is nested too deeply to be written"
    detail = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__


def _reason(error: OSError | ValueError) -> str:
    """An OS error in a few words ("Permission denied")."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in a few words."""
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a part.

    A symbolic link is followed: the file it points to gets the text (beside it, atomically),
    and the link stays; a link into a folder that does not exist is refused (BrokenLink), its
    folders never made. Anything but a regular file at the target (a folder, a FIFO, a device)
    is refused with IsADirectoryError or NotRegularFile, never replaced."""
    path = real_target(path)
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


class NotRegularFile(OSError):
    """A write was asked to replace something that is not a regular file."""


class BrokenLink(OSError):
    """A write was asked to follow a symbolic link into a folder that does not exist."""


def real_target(path: Path) -> Path:
    """The file a write to `path` lands in: a symbolic link's target (followed to the end);
    NotRegularFile or IsADirectoryError when something other than a regular file is there,
    BrokenLink when the link points into a folder that does not exist."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
        if not path.parent.is_dir():
            raise BrokenLink(errno.ENOENT, "a link that points to a folder that does not "
                             f"exist ({path.parent})", str(path.parent))
    try:
        kind = path.stat().st_mode
    except FileNotFoundError:
        return path
    if stat.S_ISDIR(kind):
        raise IsADirectoryError(21, "Is a folder", str(path))
    if not stat.S_ISREG(kind):
        raise NotRegularFile(0, f"Is {_kind(kind)}, not a regular file", str(path))
    return path


def write_output(path: Path, text: str) -> None:
    """Write a document where the user asked: a regular file (or a link to one) atomically; a
    FIFO or a character device (`/dev/stdout`, a pipe made with mkfifo) by writing into it,
    never by replacing it. Anything else (a folder, a block device, a socket) is refused."""
    try:
        kind = path.stat().st_mode
    except FileNotFoundError:
        kind = 0
    if stat.S_ISFIFO(kind) or stat.S_ISCHR(kind):
        _write_into(path, text)
        return
    atomic_write_text(path, text)


def _write_into(path: Path, text: str) -> None:
    """Write into a FIFO or a device. Opened without waiting (a FIFO nobody reads would block
    forever), then written waiting for the reader as usual."""
    flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "nothing is reading from this FIFO; start the reader "
                          "first", str(path)) from None
        raise
    os.set_blocking(handle, True)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


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
    except (OSError, ValueError):  # absent; or unreachable, which reading or writing reports
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)
