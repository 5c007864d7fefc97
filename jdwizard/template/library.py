"""Finding templates: the built-in bundles shipped with jdwizard, the user's own, and the ones
shared across a team.

User templates live in `user_templates_dir()`, one bundle folder each. Shared ones live in the
folders JDWIZARD_TEMPLATE_PATH (colon-separated) and then config.toml's `template_dirs` name,
laid out the same way; they are read-only to jdwizard. Both are untrusted: a broken one is
reported (`Library.problems`) without hiding the others, and a folder must be named after its
template's id. Ids are unique: on a clash a built-in template wins over a user's, which wins
over a shared one (an earlier shared folder over a later one), and the loser is reported.

Loading goes through the template index (index.py): a start with dozens of templates reads one
JSON file instead of parsing every bundle.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from jdwizard.errors import UserError
from jdwizard.paths import builtin_templates_dir, env_template_dirs, user_templates_dir
from jdwizard.template.bundle import ID_PATTERN, TEMPLATE_FILE, TemplateError, load_template
from jdwizard.template.index import Stamp, TemplateIndex, folder_stamp, open_index
from jdwizard.template.model import Origin, Template


@dataclass(frozen=True)
class TemplateProblem:
    """A template that cannot be used, and why (one line); `template_id` is "" for a problem
    with a shared folder or the setting naming it."""

    template_id: str
    folder: Path
    message: str


@dataclass(frozen=True)
class Library:
    """The usable templates (built-in ones by category, then the user's, then each shared
    folder's) and the ones that cannot be used."""

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


def shared_folders() -> tuple[list[Path], list[TemplateProblem]]:
    """The shared template folders, JDWIZARD_TEMPLATE_PATH's then config.toml's, each once and
    none that is the built-in or the user's folder; and what is wrong with the setting."""
    from jdwizard.config import load_config

    config = load_config()
    problems = [TemplateProblem("", Path(), warning) for warning in config.warnings]
    wanted = env_template_dirs() + [Path(folder).expanduser() for folder in config.template_dirs]
    seen = {builtin_templates_dir().resolve(), user_templates_dir().resolve()}
    folders = []
    for folder in wanted:
        folder = folder.absolute()
        if folder.resolve() in seen:
            continue
        seen.add(folder.resolve())
        folders.append(folder)
    return folders, problems


def folder_label(root: Path) -> str:
    """What a shared folder is called where its templates are listed: its name."""
    return root.name or str(root)


_memo: dict[tuple[Path, Origin], tuple[Stamp, Template]] = {}


def load_folder(
    folder: Path, origin: Origin = Origin.BUILTIN, index: TemplateIndex | None = None
) -> Template:
    """Load a bundle (checking its body unless it is built in), reusing what was loaded while
    its files are unchanged: in this process, or from `index`."""
    stamp = folder_stamp(folder)
    known = _memo.get((folder, origin))
    if known is not None and known[0] == stamp:
        if index is not None:
            index.keep(folder, stamp, known[1])
        return known[1]
    template = index.get(folder, stamp, origin) if index is not None else None
    if template is None:
        template = dataclasses.replace(
            load_template(folder, trusted=origin is Origin.BUILTIN), origin=origin)
        if index is not None:
            index.put(folder, stamp, template)
    _memo[(folder, origin)] = (stamp, template)
    return template


def _sort_key(template: Template, ranks: dict[Path, int]) -> tuple[int, str, str]:
    rank = {Origin.BUILTIN: 0, Origin.USER: 1}.get(template.origin)
    if rank is None:
        rank = 2 + ranks.get(template.source.parent, 0)
    return (rank, template.category.casefold(), template.title.casefold())


def load_library() -> Library:
    """Every built-in template, then every user template and every shared one that loads and
    does not clash; the rest as problems."""
    index = open_index()
    templates = [load_folder(folder, Origin.BUILTIN, index) for folder in template_folders()]
    builtin_ids = {template.id for template in templates}
    claimed = dict.fromkeys(builtin_ids, "a built-in template's id")
    problems = []
    for folder in template_folders(user_templates_dir()):
        claimed.setdefault(folder.name, "one of your templates' id")
        try:
            template = _load_checked(folder, Origin.USER, builtin_ids, index)
        except (TemplateError, OSError) as error:
            problems.append(TemplateProblem(folder.name, folder, str(error)))
            continue
        templates.append(template)
    roots, setting_problems = shared_folders()
    problems += setting_problems
    for root in roots:
        if not root.is_dir():
            problems.append(TemplateProblem(
                "", root, f"{root}: no such folder; check JDWIZARD_TEMPLATE_PATH and "
                "template_dirs in config.toml"))
            continue
        for folder in template_folders(root):
            owner = claimed.get(folder.name)
            if owner is not None:
                problems.append(TemplateProblem(folder.name, folder, (
                    f"{folder}: id {folder.name!r} is already {owner}; that one is used (give "
                    "this one another id, and its folder that name, to use it too)")))
                continue
            claimed[folder.name] = f"the id of a template in {root}, listed before"
            try:
                template = _load_checked(folder, Origin.SHARED, builtin_ids, index)
            except (TemplateError, OSError) as error:
                problems.append(TemplateProblem(folder.name, folder, str(error)))
                continue
            templates.append(template)
    index.save()
    ranks = {root: rank for rank, root in enumerate(roots)}
    return Library(tuple(sorted(templates, key=lambda t: _sort_key(t, ranks))), tuple(problems))


def _load_checked(
    folder: Path, origin: Origin, builtin_ids: set[str], index: TemplateIndex | None = None
) -> Template:
    """A user's or shared template, named after its folder and not a built-in one's id."""
    template = load_folder(folder, origin, index)
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
    """The template with this id, or a UserError saying why there is none: the built-in one,
    else the user's, else the first shared folder's that has it."""
    if not ID_PATTERN.match(template_id):
        raise UserError(
            f"{template_id!r} is not a template id (lower-case letters, digits and '-'); "
            "run 'jdwizard templates' to list them"
        )
    builtin = builtin_templates_dir() / template_id
    if (builtin / TEMPLATE_FILE).is_file():
        return load_folder(builtin)
    places = [(user_templates_dir(), Origin.USER)]
    places += [(root, Origin.SHARED) for root in shared_folders()[0]]
    for root, origin in places:
        folder = root / template_id
        if (folder / TEMPLATE_FILE).is_file():
            builtin_ids = {each.name for each in template_folders()}
            try:
                return _load_checked(folder, origin, builtin_ids)
            except (TemplateError, OSError) as error:
                raise UserError(f"template {template_id!r} cannot be used: {error}") from None
    known = ", ".join(template.id for template in all_templates()) or "none installed"
    raise UserError(
        f"unknown template {template_id!r}; run 'jdwizard templates' to list them ({known})"
    )
