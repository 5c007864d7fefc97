"""The user's settings: a small TOML file in the config folder, documented in the README.

    theme = "textual-dark"        # any Textual theme name
    copy_format = "markdown"      # markdown, text or html: what Copy and Save-as-document use
    profile = "acme"              # the company profile new drafts start from ("" for none)
    template_dirs = ["~/hiring-templates"]  # shared template folders, after JDWIZARD_TEMPLATE_PATH

Unknown keys are kept. A file that cannot be read gives the defaults and a one-line warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jdwizard.errors import UserError
from jdwizard.files import (
    ReadProblem,
    Unreadable,
    atomic_write_text,
    read_text,
    write_failure,
)
from jdwizard.paths import config_dir
from jdwizard.toml_text import TomlError, parse_toml

CONFIG_FILE = "config.toml"
MAX_CONFIG_BYTES = 100_000


@dataclass(frozen=True)
class Config:
    theme: str = ""  # "" : Textual's default
    copy_format: str = "markdown"
    profile: str = ""
    template_dirs: tuple[str, ...] = ()  # as written: "~" is expanded where they are read
    extra: dict[str, Any] = field(default_factory=dict)
    problem: str = ""  # why the file could not be read, if it could not
    warnings: tuple[str, ...] = ()  # settings ignored (the rest of the file is used)


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def load_config(path: Path | None = None) -> Config:
    """The settings, or the defaults (with `problem` set) when the file is unreadable."""
    path = path or config_path()
    try:
        data = parse_toml(read_text(path, MAX_CONFIG_BYTES))
    except Unreadable as error:
        if error.problem is ReadProblem.MISSING:
            return Config()
        return Config(problem=f"{path}: ignored, cannot be read ({error.detail})")
    except TomlError as error:
        return Config(problem=f"{path}: ignored, cannot be read ({error})")
    known = {}
    for key in ("theme", "copy_format", "profile"):
        if isinstance(data.get(key), str):
            known[key] = data.pop(key)
    folders: tuple[str, ...] = ()
    warnings = []
    value = data.get("template_dirs")
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        folders = tuple(data.pop("template_dirs"))
    elif value is not None:  # kept in `extra`, so that saving leaves it as the user wrote it
        warnings.append(f"{path}: template_dirs ignored: it must be a list of folders, e.g. "
                        'template_dirs = ["~/hiring-templates"]')
    return Config(**known, template_dirs=folders, extra=data, warnings=tuple(warnings))


def save_config(config: Config, path: Path | None = None) -> Path:
    """Write the settings atomically (blocking: call from a worker thread in the app)."""
    path = path or config_path()
    data = dict(config.extra)
    for key in ("theme", "copy_format", "profile"):
        value = getattr(config, key)
        if value:
            data[key] = value
    if config.template_dirs:
        data["template_dirs"] = list(config.template_dirs)
    import tomli_w  # here: only a save needs it (its import is about 1 ms of start-up)
    try:
        atomic_write_text(path, tomli_w.dumps(data))
    except Exception as error:  # noqa: BLE001 - any failure to write is the user's to hear
        raise UserError(f"cannot save {path}: {write_failure(error)}; free some space, or "
                        f"make {path.parent} a writable folder") from None
    return path


def update_config(
    *, theme: str | None = None, copy_format: str | None = None, profile: str | None = None
) -> Config:
    """Load, change the settings given, save; returns the new settings.

    A settings file that cannot be read is never overwritten: UserError says to fix it.
    """
    current = load_config()
    if current.problem:
        raise UserError(f"{current.problem}; fix or delete it to change settings")
    config = replace(
        current,
        theme=current.theme if theme is None else theme,
        copy_format=current.copy_format if copy_format is None else copy_format,
        profile=current.profile if profile is None else profile,
    )
    save_config(config)
    return config
