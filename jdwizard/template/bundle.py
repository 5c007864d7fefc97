"""Job description templates: the data model, and loading a bundle from disk with validation.

A bundle is a folder holding `template.toml` (metadata, fields, tips, help) and a Jinja2 Markdown
body (`body.md.j2`). Field names are the body's variable names, as in the seed notation
`{{company}}`, so a plain text in that notation maps onto a bundle one to one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jdwizard.errors import UserError

TEMPLATE_FILE = "template.toml"
FIELD_KINDS = ("line", "text")
VALIDATORS = ("salary",)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
NAME_PATTERN = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
BODY_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")  # no folders: stays in the bundle

_TOP_KEYS = {"id", "title", "version", "category", "summary", "body", "help", "tips", "fields"}
_HELP_KEYS = {"when_to_use", "personalize", "faq"}
_FAQ_KEYS = {"question", "answer"}
_TIP_KEYS = {"text", "fields"}
_FIELD_KEYS = {
    "name", "label", "question", "hint", "kind", "required", "suggestions", "validate", "list",
    "note", "renamed_from", "company",
}


class TemplateError(UserError):
    """A template bundle that cannot be used; the message names the file and the culprit."""


@dataclass(frozen=True)
class Field:
    """One question of the wizard: a body variable the user answers."""

    name: str
    label: str
    question: str
    hint: str = ""
    kind: str = "line"  # "line" (single line) or "text" (multi-line)
    required: bool = True
    suggestions: tuple[str, ...] = ()
    validate: str | None = None  # a named validator, e.g. "salary"
    as_list: bool = False  # a multi-line answer becomes one Markdown bullet per line
    note: str = ""  # the seed notation this field replaces, e.g. "[PTO policy]"
    renamed_from: tuple[str, ...] = ()  # earlier names of this field, for drafts made before
    company: bool = False  # company-level: saved in and prefilled from a company profile


@dataclass(frozen=True)
class Tip:
    """A writing tip and the fields it concerns."""

    text: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True)
class Template:
    """A validated job description template."""

    id: str
    title: str
    version: int
    category: str
    summary: str
    when_to_use: str
    personalize: str
    faq: tuple[Faq, ...]
    tips: tuple[Tip, ...]
    fields: tuple[Field, ...]
    body: str
    source: Path
    origin: str = "built-in"  # "built-in" or "user" (set by the library)

    def field(self, name: str) -> Field:
        """The field called `name` (KeyError if there is none)."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def tips_for(self, name: str) -> tuple[Tip, ...]:
        """The tips that concern the field `name`."""
        return tuple(tip for tip in self.tips if name in tip.fields)


def load_template(folder: Path, *, trusted: bool = False) -> Template:
    """Load and validate the bundle in `folder`; raise TemplateError naming file and culprit.

    An untrusted bundle (the user's) also has its body checked: it parses, uses exactly the
    fields it declares, and renders in the sandbox (a refusal is reported now, not when a
    draft is rendered). The built-in bundles are checked so by the tests."""
    meta_path = folder / TEMPLATE_FILE
    try:
        data = tomllib.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TemplateError(
            f"{meta_path}: not found; a template folder needs {TEMPLATE_FILE}"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"{meta_path}: cannot be read ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(f"{meta_path}: not valid TOML ({error})") from None
    return _build(data, meta_path, trusted)


def _build(data: dict[str, Any], meta_path: Path, trusted: bool) -> Template:
    where = str(meta_path)
    _check_keys(data, _TOP_KEYS, where)
    template_id = _text(data, "id", where)
    if not ID_PATTERN.match(template_id):
        raise TemplateError(f"{where}: id {template_id!r} must be lower-case letters, digits, '-'")
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TemplateError(f"{where}: 'version' must be a whole number of at least 1")
    help_data = _table(data, "help", where)
    _check_keys(help_data, _HELP_KEYS, f"{where} [help]")
    faq = tuple(_faq(item, f"{where} [[help.faq]]") for item in _array(help_data, "faq", where))
    fields = tuple(_field(item, where) for item in _array(data, "fields", where))
    if not fields:
        raise TemplateError(f"{where}: a template needs at least one [[fields]] entry")
    names = [field.name for field in fields]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise TemplateError(f"{where}: field {duplicates[0]!r} is defined twice")
    _check_renames(fields, where)
    tips = tuple(_tip(item, set(names), where) for item in _array(data, "tips", where))
    body_name = _text(data, "body", where, default="body.md.j2")
    if not BODY_PATTERN.match(body_name):
        raise TemplateError(
            f"{where}: 'body' must be a file name in the template folder, e.g. body.md.j2"
        )
    body_path = meta_path.parent / body_name
    try:
        body = body_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(f"{body_path}: cannot be read ({error})") from None
    if not trusted:  # the built-in bundles are checked by the tests, not at every start
        _check_body_variables(body, names, body_path)
    return Template(
        id=template_id,
        title=_text(data, "title", where),
        version=version,
        category=_text(data, "category", where, default="Other"),
        summary=_text(data, "summary", where, default=""),
        when_to_use=_text(help_data, "when_to_use", where, default="").strip(),
        personalize=_text(help_data, "personalize", where, default="").strip(),
        faq=faq,
        tips=tips,
        fields=fields,
        body=body,
        source=meta_path.parent,
    )


def _check_renames(fields: tuple[Field, ...], where: str) -> None:
    """An earlier name must not be a current field's, nor claimed by two fields."""
    current = {field.name for field in fields}
    claimed: dict[str, str] = {}
    for field in fields:
        for old in field.renamed_from:
            if old in current:
                raise TemplateError(
                    f"{where}: field {field.name!r} renamed_from {old!r}, which is still a field"
                )
            if old in claimed:
                raise TemplateError(
                    f"{where}: {old!r} is in renamed_from of both {claimed[old]!r} "
                    f"and {field.name!r}"
                )
            claimed[old] = field.name


def _check_body_variables(body: str, names: list[str], body_path: Path) -> None:
    from jdwizard.template.plain_body import compile_plain

    plain = compile_plain(body)
    if plain is not None:  # fields and if/else only: it renders, whatever the answers
        _check_names_used(plain.names, names, body_path)
        return
    from jinja2 import StrictUndefined, TemplateSyntaxError, meta
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    try:
        tree = environment.parse(body)
        used = meta.find_undeclared_variables(tree)
    except TemplateSyntaxError as error:
        raise TemplateError(f"{body_path}:{error.lineno}: {error.message}") from None
    _check_names_used(used, names, body_path)
    compiled = environment.from_string(tree)
    for value in ("x", ""):  # every field answered, then none: it must render either way
        try:
            compiled.render(dict.fromkeys(names, value))
        except Exception as error:  # the sandbox refusing (SecurityError), a bad filter...
            message = str(error).split("\n")[0]
            raise TemplateError(
                f"{body_path}: cannot be rendered ({message}); a body may insert fields and "
                "use if/for, nothing more"
            ) from None


def _check_names_used(used: set[str] | frozenset[str], names: list[str], body_path: Path) -> None:
    """The body must use every field, and nothing else."""
    unknown = sorted(used - set(names))
    if unknown:
        raise TemplateError(f"{body_path}: uses {unknown[0]!r}, which no [[fields]] entry defines")
    unused = [name for name in names if name not in used]
    if unused:
        raise TemplateError(f"{body_path}: never uses the field {unused[0]!r}; remove it or use it")


def _check_keys(data: dict[str, Any], allowed: set[str], where: str) -> None:
    for key in data:
        if key not in allowed:
            raise TemplateError(
                f"{where}: unknown key {key!r} (allowed: {', '.join(sorted(allowed))})"
            )


def _text(data: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        raise TemplateError(f"{where}: missing required key {key!r}")
    if not isinstance(value, str):
        raise TemplateError(f"{where}: {key!r} must be a string")
    return value


def _table(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise TemplateError(f"{where}: {key!r} must be a table")
    return value


def _array(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise TemplateError(f"{where}: {key!r} must be an array of tables ([[{key}]])")
    return value


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TemplateError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _bool(data: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise TemplateError(f"{where}: {key!r} must be true or false")
    return value


def _faq(data: dict[str, Any], where: str) -> Faq:
    _check_keys(data, _FAQ_KEYS, where)
    return Faq(_text(data, "question", where).strip(), _text(data, "answer", where).strip())


def _tip(data: dict[str, Any], names: set[str], where: str) -> Tip:
    where = f"{where} [[tips]]"
    _check_keys(data, _TIP_KEYS, where)
    fields = _strings(data, "fields", where)
    for name in fields:
        if name not in names:
            raise TemplateError(f"{where}: tip names unknown field {name!r}")
    return Tip(_text(data, "text", where).strip(), fields)


def _field(data: dict[str, Any], where: str) -> Field:
    name = data.get("name")
    where = f"{where} field {name!r}" if isinstance(name, str) else f"{where} [[fields]]"
    _check_keys(data, _FIELD_KEYS, where)
    name = _text(data, "name", where)
    if not NAME_PATTERN.match(name):
        raise TemplateError(f"{where}: name must be lower-case letters, digits and '_'")
    kind = _text(data, "kind", where, default="line")
    if kind not in FIELD_KINDS:
        raise TemplateError(f"{where}: kind {kind!r} must be one of {', '.join(FIELD_KINDS)}")
    validate = data.get("validate")
    if validate is not None and validate not in VALIDATORS:
        allowed = ", ".join(VALIDATORS)
        raise TemplateError(f"{where}: validate {validate!r} must be one of {allowed}")
    label = _text(data, "label", where, default=name.replace("_", " ").capitalize())
    return Field(
        name=name,
        label=label,
        question=_text(data, "question", where, default=label),
        hint=_text(data, "hint", where, default=""),
        kind=kind,
        required=_bool(data, "required", where, True),
        suggestions=_strings(data, "suggestions", where),
        validate=validate,
        as_list=_bool(data, "list", where, False),
        note=_text(data, "note", where, default=""),
        renamed_from=_names(data, "renamed_from", where),
        company=_bool(data, "company", where, False),
    )


def _names(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A field name or a list of them (`renamed_from = "old"` or `["older", "old"]`)."""
    value = data.get(key, [])
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(
        isinstance(name, str) and NAME_PATTERN.match(name) for name in names
    ):
        raise TemplateError(f"{where}: {key!r} must be a field name or a list of field names")
    return tuple(names)
