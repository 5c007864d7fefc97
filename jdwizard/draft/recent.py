"""Drafts kept outside the drafts folder (`--draft PATH`, Save as): remembered, so the start
screen and `jdwizard drafts` list them with the others.

A small TOML file in the data folder, `recent.toml`, lists their paths, newest first. It is only
a convenience: a file that cannot be read is ignored (and rewritten on the next save), a path
that no longer exists is dropped from the list.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from jdwizard.files import Unreadable, atomic_write_text, read_text
from jdwizard.paths import data_dir, drafts_dir
from jdwizard.toml_text import TomlError, parse_toml

RECENT_FILE = "recent.toml"
MAX_RECENT = 30
MAX_BYTES = 100_000


def recent_path() -> Path:
    return data_dir() / RECENT_FILE


def recent_drafts() -> list[Path]:
    """The remembered drafts that still exist, newest first."""
    try:
        data = parse_toml(read_text(recent_path(), MAX_BYTES))
    except (Unreadable, TomlError):
        return []
    paths = data.get("drafts", [])
    if not isinstance(paths, list):
        return []
    return [Path(item) for item in paths if isinstance(item, str) and _is_file(Path(item))]


def remember(path: Path, folder: Path | None = None) -> None:
    """Put `path` first in the list, unless it is in the drafts folder (listed anyway).

    Blocking (a small write): the app calls it from a worker thread. A failure to write only
    loses the convenience, never the draft: it is ignored."""
    path = path.absolute()
    if path.parent == (folder or drafts_dir()).absolute():
        return
    paths = [path, *(item for item in recent_drafts() if item.absolute() != path)]
    import tomli_w  # here: only a save needs it (its import is about 1 ms of start-up)
    with contextlib.suppress(OSError):
        atomic_write_text(recent_path(), tomli_w.dumps({
            "drafts": [str(item) for item in paths[:MAX_RECENT]],
        }))


def _is_file(path: Path) -> bool:
    """Whether `path` is a file now (a path under a folder we may not enter is not)."""
    try:
        return path.is_file()
    except (OSError, ValueError):  # permissions; a NUL byte in the name
        return False
