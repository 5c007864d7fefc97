"""Finding templates: the built-in bundles shipped with jdwizard and the user's own.

User templates live in `user_templates_dir()`, one bundle folder each, and are untrusted: a broken
one is reported (`Library.problems`) without hiding the others, a folder must be named after its
template's id, and one whose id is a built-in's never replaces the built-in.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jdwizard.errors import UserError
from jdwizard.paths import builtin_templates_dir, user_templates_dir
from jdwizard.template.bundle import ID_PATTERN, TEMPLATE_FILE, TemplateError, load_template
from jdwizard.template.model import Origin, Template


@dataclass(frozen=True)
class TemplateProblem:
    """A user template that cannot be used, and why (one line)."""

    template_id: str
    folder: Path
    message: str


@dataclass(frozen=True)
class Library:
    """The usable templates (built-in first within a category) and the broken user ones."""

    templates: tuple[Template, ...]
    problems: tuple[TemplateProblem, ...]

    @property
    def ids(self) -> set[str]:
        return {template.id for template in self.templates}


def template_folders(root: Path | None = None) -> list[Path]:
    """The bundle folders under `root` (default: the built-in templates), sorted by name."""
    root = root or builtin_templates_dir()
    try:
        return sorted(
            path for path in root.iterdir()
            if not path.name.startswith(".") and (path / TEMPLATE_FILE).is_file()
        )  # hidden folders are unfinished imports
    except OSError:
        return []


@cache
def _load_cached(folder: Path, stamp: tuple[int, int], origin: Origin) -> Template:
    return dataclasses.replace(load_template(folder, trusted=origin is Origin.BUILTIN),
                               origin=origin)


def load_folder(folder: Path, origin: Origin = Origin.BUILTIN) -> Template:
    """Load a bundle, reusing the parsed result while its files are unchanged."""
    body_stamp = max((p.stat().st_mtime_ns for p in folder.glob("*.j2")), default=0)
    return _load_cached(folder, ((folder / TEMPLATE_FILE).stat().st_mtime_ns, body_stamp), origin)


def _sort_key(template: Template) -> tuple[bool, str, str]:
    builtin = template.origin is Origin.BUILTIN
    return (not builtin, template.category.casefold(), template.title.casefold())


def load_library() -> Library:
    """Every built-in template, then every user template that loads and does not clash."""
    templates = [load_folder(folder) for folder in template_folders()]
    builtin_ids = {template.id for template in templates}
    problems = []
    for folder in template_folders(user_templates_dir()):
        try:
            template = _load_user(folder, builtin_ids)
        except (TemplateError, OSError) as error:
            problems.append(TemplateProblem(folder.name, folder, str(error)))
            continue
        templates.append(template)
    return Library(tuple(sorted(templates, key=_sort_key)), tuple(problems))


def _load_user(folder: Path, builtin_ids: set[str]) -> Template:
    template = load_folder(folder, Origin.USER)
    if template.id != folder.name:
        raise TemplateError(
            f"{folder}: the folder must be named after the template's id {template.id!r}"
        )
    if template.id in builtin_ids:
        raise TemplateError(
            f"{folder}: id {template.id!r} is a built-in template's; give it another id "
            "(and rename the folder to match)"
        )
    return template


def all_templates() -> list[Template]:
    """Every usable template, built-in ones first, then by category and title."""
    return list(load_library().templates)


def get_template(template_id: str) -> Template:
    """The template with this id, or a UserError saying why there is none."""
    if not ID_PATTERN.match(template_id):
        raise UserError(
            f"{template_id!r} is not a template id (lower-case letters, digits and '-'); "
            "run 'jdwizard templates' to list them"
        )
    builtin = builtin_templates_dir() / template_id
    if (builtin / TEMPLATE_FILE).is_file():
        return load_folder(builtin)
    user = user_templates_dir() / template_id
    if (user / TEMPLATE_FILE).is_file():
        builtin_ids = {folder.name for folder in template_folders()}
        try:
            return _load_user(user, builtin_ids)
        except (TemplateError, OSError) as error:
            raise UserError(f"template {template_id!r} cannot be used: {error}") from None
    known = ", ".join(template.id for template in all_templates()) or "none installed"
    raise UserError(
        f"unknown template {template_id!r}; run 'jdwizard templates' to list them ({known})"
    )
