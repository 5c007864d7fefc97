"""Where jdwizard keeps its files: one data folder, movable with JDWIZARD_HOME; and the shared
template folders JDWIZARD_TEMPLATE_PATH names."""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "JDWIZARD_HOME"
TEMPLATE_PATH_VARIABLE = "JDWIZARD_TEMPLATE_PATH"


def data_dir() -> Path:
    """The folder holding everything jdwizard writes (drafts, user templates)."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("jdwizard", appauthor=False)


def drafts_dir() -> Path:
    """The default folder for drafts."""
    return data_dir() / "drafts"


def builtin_templates_dir() -> Path:
    """The built-in templates: inside the installed package, or at the top of a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    if installed.is_dir():
        return installed
    return package.parent / "templates"


def user_templates_dir() -> Path:
    """The user's own templates (imported or hand-written), one bundle folder each."""
    return data_dir() / "templates"


def env_template_dirs() -> list[Path]:
    """The shared template folders named by JDWIZARD_TEMPLATE_PATH (colon-separated, in order;
    empty entries skipped)."""
    value = os.environ.get(TEMPLATE_PATH_VARIABLE, "")
    return [Path(entry).expanduser() for entry in value.split(os.pathsep) if entry.strip()]


def cache_dir() -> Path:
    """Files jdwizard can rebuild (the template index): deleting them loses nothing."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("jdwizard", appauthor=False)


def config_dir() -> Path:
    """The folder holding the user's settings (config.toml) and company profiles."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path("jdwizard", appauthor=False)


def profiles_dir() -> Path:
    """Company profiles: one TOML file of answers per profile."""
    return config_dir() / "profiles"
