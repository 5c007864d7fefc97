"""The template index: templates already loaded and checked, kept in one JSON file in the cache
folder, so that a start with dozens of templates neither parses every template.toml nor (for
the user's and the shared ones) imports Jinja2 to check every body again.

An entry is used only while its folder's files (template.toml and the bodies) keep their
modification times and sizes, for the same origin (so a user's template is never taken for a
checked built-in one), and while jdwizard's loading code is the same (`code_stamp`). Anything
unexpected in the file (another format, a wrong type anywhere) makes that entry, or the whole
file, count as missing: the templates are then parsed, and the index written again.
"""

from __future__ import annotations

import dataclasses
import json
import os
import types
import typing
from collections.abc import Callable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from jdwizard.files import Unreadable, atomic_write_text, read_text
from jdwizard.template.bundle import TEMPLATE_FILE
from jdwizard.template.model import Faq, Field, Origin, Template, Tip

INDEX_FILE = "template-index.json"
FORMAT = 1
MAX_INDEX_BYTES = 20_000_000  # 100 templates of 2 × 100 KB; a real library holds about 1 MB

Stamp = tuple[tuple[str, int, int], ...]  # (file name, mtime_ns, size) of each file read


class _Bad(Exception):
    """A value in the index that is not what the model holds."""


def folder_stamp(folder: Path) -> Stamp:
    """The times and sizes of the files a template is read from: template.toml (OSError if
    there is none) and the bodies."""
    status = (folder / TEMPLATE_FILE).stat()
    bodies = []
    with os.scandir(folder) as entries:  # scandir: a third of the time of Path.glob
        for entry in entries:
            if entry.name.endswith(".j2"):
                body = entry.stat()
                bodies.append((entry.name, body.st_mtime_ns, body.st_size))
    return ((TEMPLATE_FILE, status.st_mtime_ns, status.st_size), *sorted(bodies))


@cache
def code_stamp() -> str:
    """What the index's entries depend on besides the bundles: the model's shape, and the
    files of the code and data that load and check a bundle."""
    package = Path(__file__).resolve().parents[1]
    shapes = [f"{cls.__name__}:{f.name}:{f.type}" for cls in (Template, Field, Tip, Faq)
              for f in dataclasses.fields(cls)]
    files = sorted([*package.joinpath("template").glob("*.py"),
                    *package.joinpath("data").glob("*.toml"),
                    package / "toml_text.py", package / "files.py"])
    stamps = []
    for path in files:
        try:
            status = path.stat()
        except OSError:
            continue
        stamps.append(f"{path.name}:{status.st_mtime_ns}:{status.st_size}")
    return "|".join([str(FORMAT), *shapes, *stamps])


class TemplateIndex:
    """The index as read from disk, with what this run loaded added; `save` writes it back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] = {}
        self._used: set[str] = set()
        self._changed = False
        try:
            data = json.loads(read_text(path, MAX_INDEX_BYTES))
        except (Unreadable, ValueError, RecursionError):
            return
        if (isinstance(data, dict) and data.get("code") == code_stamp()
                and isinstance(data.get("entries"), dict)):
            self._entries = data["entries"]

    def get(self, folder: Path, stamp: Stamp, origin: Origin) -> Template | None:
        """The template indexed for `folder`, if its files and origin are as they were."""
        key = str(folder)
        entry = self._entries.get(key)
        if not isinstance(entry, dict) or entry.get("stamp") != [list(s) for s in stamp] \
                or entry.get("origin") != origin.value:
            return None
        try:
            template: Template = _decode(Template, entry.get("template"))
        except (_Bad, TypeError):
            return None
        if template.source != folder or template.origin is not origin:
            return None
        self._used.add(key)
        return template

    def keep(self, folder: Path, stamp: Stamp, template: Template) -> None:
        """Keep `template`, loaded earlier in this run, indexed (adding it if it is not)."""
        entry = self._entries.get(str(folder))
        if isinstance(entry, dict) and entry.get("stamp") == [list(s) for s in stamp] \
                and entry.get("origin") == template.origin.value:
            self._used.add(str(folder))
        else:
            self.put(folder, stamp, template)

    def put(self, folder: Path, stamp: Stamp, template: Template) -> None:
        """Index `template`, just loaded from `folder` with files stamped `stamp`."""
        try:
            _decoder(Template)
            encoded = _encode(template)
        except _Bad:  # a value the index cannot hold: that template is parsed at every start
            return
        key = str(folder)
        self._entries[key] = {"stamp": [list(s) for s in stamp], "origin": template.origin.value,
                              "template": encoded}
        self._used.add(key)
        self._changed = True

    def save(self) -> None:
        """Write the index if this run added to it, or some of it is for a template no longer
        there. The entries of templates this run did not list but that are still there are
        kept (another JDWIZARD_TEMPLATE_PATH, say). Failing to write only costs the next
        start time."""
        kept = {key for key in set(self._entries) - self._used
                if Path(key, TEMPLATE_FILE).is_file()}
        if not self._changed and len(kept) + len(self._used) == len(self._entries):
            return
        entries = {key: self._entries[key] for key in sorted(self._used | kept)}
        try:
            atomic_write_text(self.path, json.dumps(
                {"format": FORMAT, "code": code_stamp(), "entries": entries},
                ensure_ascii=False, separators=(",", ":")))
        except OSError:
            return
        self._entries, self._changed = entries, False


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, bool)):
        return value
    raise _Bad(type(value).__name__)


def _decode(hint: Any, value: object) -> Any:
    """`value` as the type `hint` holds it; _Bad if it is not one."""
    return _decoder(hint)(value)


def _bad(value: object) -> Any:
    raise _Bad(type(value).__name__)


@cache
def _decoder(hint: Any) -> Callable[[object], Any]:
    """A function reading a value of the type `hint` from JSON, made once per type (the index
    holds thousands of values)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(option) for option in typing.get_args(hint)]
        optional = type(None) in typing.get_args(hint)

        def union(value: object) -> Any:
            if value is None and optional:  # most optional values are unset: no exceptions
                return None
            for option in options:
                try:
                    return option(value)
                except _Bad:
                    continue
            return _bad(value)
        return union
    if origin is tuple:
        item, *rest = typing.get_args(hint)
        if rest != [Ellipsis]:
            raise _Bad(str(hint))
        each = _decoder(item)
        return lambda value: tuple(map(each, value)) if type(value) is list else _bad(value)
    if hint is type(None):
        return lambda value: None if value is None else _bad(value)
    if hint in (str, int, bool):
        return lambda value: value if type(value) is hint else _bad(value)
    if hint is Path:
        return lambda value: Path(value) if type(value) is str else _bad(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        members = {member.value: member for member in hint}
        return lambda value: members[value] if type(value) is str and value in members \
            else _bad(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        readers = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(hint)]
        names = {name for name, _ in readers}
        cls = hint

        def record(value: object) -> Any:
            if type(value) is not dict or value.keys() != names:
                return _bad(value)
            return cls(**{name: read(value[name]) for name, read in readers})
        return record
    raise _Bad(str(hint))  # a type the index cannot hold


def index_path() -> Path:
    from jdwizard.paths import cache_dir

    return cache_dir() / INDEX_FILE


def open_index() -> TemplateIndex:
    """The index in the cache folder (empty if there is none yet, or it cannot be used)."""
    return TemplateIndex(index_path())

