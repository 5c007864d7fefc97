"""Finding templates: the built-in bundles shipped with jdwizard."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jdwizard.errors import UserError
from jdwizard.paths import builtin_templates_dir
from jdwizard.template import TEMPLATE_FILE, Template, load_template


def template_folders(root: Path | None = None) -> list[Path]:
    """The bundle folders under `root` (default: the built-in templates), sorted by name."""
    root = root or builtin_templates_dir()
    if not root.is_dir():
        return []
    return sorted(path for path in root.iterdir() if (path / TEMPLATE_FILE).is_file())


@cache
def _load_cached(folder: Path, mtime_ns: int) -> Template:
    return load_template(folder)


def load_folder(folder: Path) -> Template:
    """Load a bundle, reusing the parsed result while its metadata file is unchanged."""
    return _load_cached(folder, (folder / TEMPLATE_FILE).stat().st_mtime_ns)


def all_templates() -> list[Template]:
    """Every built-in template, sorted by category then title."""
    templates = [load_folder(folder) for folder in template_folders()]
    return sorted(templates, key=lambda template: (template.category, template.title))


def get_template(template_id: str) -> Template:
    """The template with this id, or a UserError listing the ones there are."""
    for folder in template_folders():
        if folder.name == template_id:
            template = load_folder(folder)
            if template.id == template_id:
                return template
    for template in all_templates():
        if template.id == template_id:
            return template
    known = ", ".join(template.id for template in all_templates()) or "none installed"
    raise UserError(
        f"unknown template {template_id!r}; run 'jdwizard templates' to list them ({known})"
    )
