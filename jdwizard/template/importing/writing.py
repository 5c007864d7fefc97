"""Writing an imported template as a bundle: built in a hidden folder beside its place, checked
as a user's template is, then renamed into place (an older one replaced only once the new one is
whole)."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import tomli_w

from jdwizard.files import atomic_write_text
from jdwizard.template.bundle import MAX_FILE_BYTES, TEMPLATE_FILE, TemplateError, load_template
from jdwizard.template.importing.model import ParsedTemplate, TemplateImportError
from jdwizard.template.importing.standard import standard_fields
from jdwizard.template.model import Field, FieldKind
from jdwizard.template.roles import COMPANY_ROLES

BODY_FILE = "body.md.j2"
SCHEMA = 1  # the format of template.toml


def bundle_toml(parsed: ParsedTemplate, source_name: str) -> str:
    """The template.toml text of a parsed template."""
    help_table: dict[str, object] = {
        "when_to_use": parsed.when_to_use, "personalize": parsed.personalize,
        "faq": [{"question": f.question, "answer": f.answer} for f in parsed.faq],
    }
    data = {
        "schema": SCHEMA, "id": parsed.template_id, "title": parsed.title, "version": 1,
        "category": parsed.category, "summary": parsed.summary, "body": BODY_FILE,
        "help": {key: value for key, value in help_table.items() if value},
        "tips": [{"text": tip.text, "fields": list(tip.fields)} for tip in parsed.tips],
        "fields": [_field_table(field, parsed.defaults.get(field.name)) for field in parsed.fields],
    }
    name = "".join(c if c.isprintable() else "?" for c in Path(source_name).name)
    header = f"# Imported by jdwizard from {name}; edit freely.\n"
    return header + tomli_w.dumps(data, multiline_strings=True)


def _field_table(field: Field, default: str | None) -> dict[str, object]:
    """A field's table; a standard field's names it only, the loader filling in the rest."""
    if field.name in standard_fields():
        table: dict[str, object] = {"name": field.name}
        table.update({"note": field.note} if field.note else {})
        return table | ({"default": default} if default is not None else {})
    table = {"name": field.name, "label": field.label}
    table.update(question=field.question, hint=field.hint)
    if field.kind is not FieldKind.LINE:
        table["kind"] = field.kind.value
    if field.as_list:
        table["list"] = True
    if field.suggestions:
        table["suggestions"] = list(field.suggestions)
    if field.role is not None:
        table["role"] = field.role.value
    elif field.validate is not None:
        table["validate"] = field.validate.value
    if field.company and (field.role is None or field.role not in COMPANY_ROLES):
        table["company"] = True
    table["note"] = field.note
    return table | ({"default": default} if default is not None else {})


def write_bundle(parsed: ParsedTemplate, target: Path, source: Path) -> None:
    """Build the bundle in a hidden sibling folder, validate it, then rename it into place."""
    files = {TEMPLATE_FILE: bundle_toml(parsed, str(source)), BODY_FILE: parsed.body}
    for name, text in files.items():
        if len(text.encode()) > MAX_FILE_BYTES:
            raise TemplateImportError(
                f"{source}: its {name} would be larger than {MAX_FILE_BYTES // 1000} KB, the "
                "most a template may hold; shorten its longest part (a real template holds "
                "under 20 KB)"
            )
    staging = target.with_name(f".{target.name}.{secrets.token_hex(4)}.importing")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        for name, text in files.items():
            atomic_write_text(staging / name, text)
        load_template(staging)
        _swap_into_place(staging, target)
    except TemplateError as error:
        raise TemplateImportError(f"{source}: the converted template is invalid: {error}") from None
    except OSError as error:
        raise TemplateImportError(f"{target}: cannot be written ({error})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(staging: Path, target: Path) -> None:
    """Rename the finished bundle to `target`, replacing an old one only once the new is ready."""
    if not target.exists():
        os.rename(staging, target)
        return
    backup = target.with_name(f".{target.name}.{secrets.token_hex(4)}.replaced")
    os.rename(target, backup)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)
