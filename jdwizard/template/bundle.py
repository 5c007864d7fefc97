"""Loading a template bundle from disk, and checking it: a clear one-line error for a bad one.

A bundle is a folder holding `template.toml` (metadata, fields, tips, help) and a Jinja2 Markdown
body (`body.md.j2`). Field names are the body's variable names, as in the seed notation
`{{company}}`, so a plain text in that notation maps onto a bundle one to one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from jdwizard.errors import UserError
from jdwizard.files import ReadProblem, Unreadable, read_text
from jdwizard.template.defaults import bad_tag, references
from jdwizard.template.model import Faq, Field, FieldKind, Template, Tip, Validator
from jdwizard.template.roles import COMPANY_ROLES, Role, legacy_role
from jdwizard.toml_text import TomlError, parse_toml

TEMPLATE_FILE = "template.toml"
# For template.toml and the body each: a real one holds under 20 KB, and the wizard renders the
# body at each key (at 100 KB a key reaches the preview in about 0.2 s).
MAX_FILE_BYTES = 100_000
_TOO_LARGE = (f"larger than {MAX_FILE_BYTES // 1000} KB, the most a template file may hold "
              "(a real one holds under 20 KB); shorten it")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
NAME_PATTERN = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
BODY_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")  # no folders: stays in the bundle

_TOP_KEYS = {"schema", "id", "title", "version", "category", "summary", "body", "help", "tips",
             "fields"}
SCHEMA = 1  # the template.toml format this jdwizard reads (`schema = 1`; absent: 1)
_HELP_KEYS = {"when_to_use", "personalize", "faq"}
_FAQ_KEYS = {"question", "answer"}
_TIP_KEYS = {"text", "fields"}
_FIELD_KEYS = {
    "name", "label", "question", "hint", "kind", "required", "suggestions", "validate", "list",
    "note", "renamed_from", "company", "role", "default", "sample",
}


class TemplateError(UserError):
    """A template bundle that cannot be used; the message names the file and the culprit."""


def load_template(folder: Path, *, trusted: bool = False) -> Template:
    """Load and validate the bundle in `folder`; raise TemplateError naming file and culprit.

    An untrusted bundle (the user's) also has its body checked: it parses, uses exactly the
    fields it declares, and renders in the sandbox (a refusal is reported now, not when a
    draft is rendered). The built-in bundles are checked so by the tests."""
    meta_path = folder / TEMPLATE_FILE
    try:
        data = parse_toml(read_text(meta_path, MAX_FILE_BYTES))
    except Unreadable as error:
        if error.problem is ReadProblem.MISSING:
            raise TemplateError(
                f"{meta_path}: not found; a template folder needs {TEMPLATE_FILE}"
            ) from None
        if error.problem is ReadProblem.TOO_LARGE:
            raise TemplateError(f"{meta_path}: {_TOO_LARGE}") from None
        raise TemplateError(f"{meta_path}: cannot be read ({error.detail})") from None
    except TomlError as error:
        raise TemplateError(f"{meta_path}: not valid TOML ({error})") from None
    return _build(data, meta_path, trusted)


def _build(data: dict[str, Any], meta_path: Path, trusted: bool) -> Template:
    where = str(meta_path)
    _check_keys(data, _TOP_KEYS, where)
    schema = data.get("schema", SCHEMA)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise TemplateError(f"{where}: 'schema' must be the format number, e.g. schema = 1")
    if schema > SCHEMA:
        raise TemplateError(f"{where} is written for a newer jdwizard (schema {schema}); "
                            "upgrade jdwizard to use it")
    template_id = _text(data, "id", where)
    if not ID_PATTERN.match(template_id):
        raise TemplateError(f"{where}: id {template_id!r} must be lower-case letters, digits, '-'")
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TemplateError(f"{where}: 'version' must be a whole number of at least 1")
    help_data = _table(data, "help", where)
    _check_keys(help_data, _HELP_KEYS, f"{where} [help]")
    faq = tuple(_faq(item, f"{where} [[help.faq]]") for item in _array(help_data, "faq", where))
    fields = _with_roles(tuple(_field(item, where) for item in _array(data, "fields", where)),
                         where)
    if not fields:
        raise TemplateError(f"{where}: a template needs at least one [[fields]] entry")
    names = [field.name for field in fields]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise TemplateError(f"{where}: field {duplicates[0]!r} is defined twice")
    _check_renames(fields, where)
    _check_defaults(fields, where)
    tips = tuple(_tip(item, set(names), where) for item in _array(data, "tips", where))
    body_name = _text(data, "body", where, default="body.md.j2")
    if not BODY_PATTERN.match(body_name):
        raise TemplateError(
            f"{where}: 'body' must be a file name in the template folder, e.g. body.md.j2"
        )
    body_path = meta_path.parent / body_name
    try:
        body = read_text(body_path, MAX_FILE_BYTES)
    except Unreadable as error:
        if error.problem is ReadProblem.TOO_LARGE:
            raise TemplateError(f"{body_path}: {_TOO_LARGE}") from None
        raise TemplateError(f"{body_path}: cannot be read ({error.detail})") from None
    if not trusted:  # the built-in bundles are checked by the tests, not at every start
        check_body(body, names, body_path, _default_references(fields))
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


def _default_references(fields: tuple[Field, ...]) -> set[str]:
    """The fields that some default inserts (used, even if the body never names them)."""
    return {name for field in fields for name in references(field)}


def _check_defaults(fields: tuple[Field, ...], where: str) -> None:
    """Defaults insert only fields there are, whose own defaults insert nothing."""
    by_name = {field.name: field for field in fields}
    for field in fields:
        for name in sorted(references(field)):
            other = by_name.get(name)
            if other is None:
                raise TemplateError(f"{where} field {field.name!r}: its default inserts "
                                    f"{{{{ {name} }}}}, which no [[fields]] entry defines; add "
                                    "that field, or give this one a default of its own")
            if references(other):
                raise TemplateError(f"{where} field {field.name!r}: its default inserts "
                                    f"{name!r}, whose own default inserts fields; insert those "
                                    "directly")


def check_body(body: str, names: list[str], body_path: Path,
               used_by_defaults: set[str] | frozenset[str] = frozenset()) -> None:
    """The body must parse, use every field (in it or in another field's default) and nothing
    else, and render in the sandbox with every field answered and with none (a refusal is
    reported now, not at render)."""
    from jinja2 import TemplateSyntaxError, meta

    from jdwizard.template.engine import LimitError, sandbox

    environment = sandbox()
    try:
        tree = environment.parse(body)
        used = meta.find_undeclared_variables(tree)
    except TemplateSyntaxError as error:
        raise TemplateError(f"{body_path}:{error.lineno}: {error.message}") from None
    except LimitError as error:
        raise TemplateError(f"{body_path}: cannot be read ({error}); simplify the body") from None
    _check_names_used(set(used) | set(used_by_defaults), names, body_path)
    try:
        compiled = environment.from_string(tree)
    except LimitError as error:
        raise TemplateError(f"{body_path}: cannot be compiled ({error}); simplify the body") \
            from None
    for value in ("x", ""):  # every field answered, then none: it must render either way
        try:
            compiled.render(dict.fromkeys(names, value))
        except LimitError as error:
            raise TemplateError(
                f"{body_path}: cannot be rendered ({error}); make the body do less, see "
                "'Your templates run in a box' in the README"
            ) from None
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
    if isinstance(name, str) and name in standard_fields():
        data = {**standard_fields()[name], **data}  # what the entry does not set itself
    name = _text(data, "name", where)
    if not NAME_PATTERN.match(name):
        raise TemplateError(f"{where}: name must be lower-case letters, digits and '_'")
    kind = _choice(data, "kind", FieldKind, where) or FieldKind.LINE
    validate = _choice(data, "validate", Validator, where)
    role = _choice(data, "role", Role, where)
    company = data.get("company")
    if company is not None and not isinstance(company, bool):
        raise TemplateError(f"{where}: 'company' must be true or false")
    label = _text(data, "label", where, default=name.replace("_", " ").capitalize())
    as_list = _bool(data, "list", where, False)
    return Field(
        name=name,
        label=label,
        question=_text(data, "question", where, default=label),
        hint=_text(data, "hint", where, default=""),
        kind=kind,
        required=_bool(data, "required", where, True),
        suggestions=_strings(data, "suggestions", where),
        validate=validate,
        as_list=as_list,
        note=_text(data, "note", where, default=""),
        renamed_from=_names(data, "renamed_from", where),
        company=company if company is not None else role in COMPANY_ROLES,
        role=role,
        default=_default(data, kind is FieldKind.TEXT and as_list, where),
        sample=_sample(data, where),
    )


def _default(data: dict[str, Any], is_list: bool, where: str) -> str | tuple[str, ...] | None:
    """A field's `default`: a text, or for a list field an array of items (or a text, a line
    an item); Jinja2 syntax in it only as `{{ name }}`."""
    value = data.get("default")
    if value is None:
        return None
    if isinstance(value, list) and is_list and all(isinstance(item, str) for item in value):
        items = tuple(" ".join(item.split()) for item in value)
    elif isinstance(value, str):
        items = tuple(line.strip() for line in value.strip().splitlines() if line.strip()) \
            if is_list else (value.strip(),)
    else:
        kind = "a text or a list of texts (one per item)" if is_list else "a text"
        raise TemplateError(f"{where}: 'default' must be {kind}")
    for item in items:
        if bad_tag(item):
            raise TemplateError(f"{where}: a default may insert fields as {{{{ name }}}}, "
                                "nothing else of the template language")
    return items if is_list else items[0]


def _sample(data: dict[str, Any], where: str) -> str | None:
    """A field's `sample` answer: a text, or a list of texts (a list answer's items)."""
    value = data.get("sample")
    if value is None or isinstance(value, str):
        return value.strip() if isinstance(value, str) else None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n".join(value)
    raise TemplateError(f"{where}: 'sample' must be a text or a list of texts")


@cache
def standard_fields() -> dict[str, dict[str, Any]]:
    """The standard fields (data/standard-fields.toml): name → the keys a template's entry
    of that name takes from there."""
    from jdwizard.checks.finding import data_file

    data = parse_toml(read_text(data_file("standard-fields.toml"), MAX_FILE_BYTES))
    fields: dict[str, dict[str, Any]] = data["fields"]
    return fields


_Choice = TypeVar("_Choice", FieldKind, Validator, Role)


def _choice(data: dict[str, Any], key: str, kind: type[_Choice], where: str) -> _Choice | None:
    """The value of `key` as one of the `kind` choices (None when absent)."""
    value = data.get(key)
    if value is None:
        return None
    allowed = [member.value for member in kind]
    if value not in allowed:
        raise TemplateError(f"{where}: {key} {value!r} must be one of {', '.join(allowed)}")
    return kind(value)


def _with_roles(fields: tuple[Field, ...], where: str) -> tuple[Field, ...]:
    """Each role played by one field at most; a template that declares no role takes them
    from the built-in field names (see roles.py), as does a field checked as a salary."""
    if not any(field.role for field in fields):
        fields = _legacy_roles(fields)
    else:
        fields = tuple(
            replace(field, role=Role.SALARY)
            if field.validate is Validator.SALARY and field.role is None
            and not any(f.role is Role.SALARY for f in fields) else field
            for field in fields
        )
    seen: dict[Role, str] = {}
    for field in fields:
        if field.role is None:
            continue
        if field.role in seen:
            raise TemplateError(
                f"{where}: role {field.role.value!r} is given to both {seen[field.role]!r} "
                f"and {field.name!r}"
            )
        seen[field.role] = field.name
    return tuple(
        replace(field, validate=Validator.SALARY)
        if field.role is Role.SALARY and field.validate is None else field
        for field in fields
    )


def _legacy_roles(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """Roles from the built-in field names, each to the first field that may play it."""
    taken: set[Role] = set()
    result = []
    for field in fields:
        role = legacy_role(field.name, field.validate is Validator.SALARY)
        if role is not None and role not in taken:
            taken.add(role)
            field = replace(field, role=role, company=field.company or role in COMPANY_ROLES)
        result.append(field)
    return tuple(result)


def _names(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A field name or a list of them (`renamed_from = "old"` or `["older", "old"]`)."""
    value = data.get(key, [])
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(
        isinstance(name, str) and NAME_PATTERN.match(name) for name in names
    ):
        raise TemplateError(f"{where}: {key!r} must be a field name or a list of field names")
    return tuple(names)
