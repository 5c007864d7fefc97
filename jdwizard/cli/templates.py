"""The template commands: `templates`, `describe` and `import`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from jdwizard.template.model import Template

import sys

from jdwizard.cli.output import as_json


def import_file(args: argparse.Namespace) -> int:
    """`jdwizard import FILE`: a template of the user's own from a text or Markdown file."""
    from jdwizard.paths import user_templates_dir
    from jdwizard.template.importing import describe_import, import_template
    from jdwizard.template.library import load_library

    result = import_template(
        args.file, dest_root=user_templates_dir(), template_id=args.id, force=args.force,
        taken_ids=load_library().ids,
    )
    print(describe_import(result))
    return 0


def list_all(args: argparse.Namespace) -> int:
    """`jdwizard templates`: the built-in templates by category, then the user's, then each
    shared folder's."""
    from jdwizard.paths import user_templates_dir
    from jdwizard.template.library import folder_label, load_library
    from jdwizard.template.model import Origin

    library = load_library()
    if args.json:
        rows = [{"id": t.id, "title": t.title, "version": t.version, "category": t.category,
                 "summary": t.summary, "origin": t.origin.value, "path": str(t.source),
                 "folder": str(t.source.parent)}
                for t in library.templates]
        problems = [{"id": p.template_id or None, "path": str(p.folder), "problem": p.message}
                    for p in library.problems]
        print(as_json({"templates": rows, "problems": problems}))
        return 0
    width = max((len(t.id) for t in library.templates), default=0)
    heading = None
    for template in library.templates:
        group = template.category
        if template.origin is Origin.USER:
            group = "Your templates"
        elif template.origin is Origin.SHARED:
            root = template.source.parent
            group = f"Shared: {folder_label(root)} ({root}, read-only)"
        if group != heading:
            print(("\n" if heading else "") + group)
            heading = group
        mark = f" [{template.category}]" if template.origin is not Origin.BUILTIN else ""
        print(f"  {template.id:<{width}}  {template.title}{mark} — {template.summary}")
    for problem in library.problems:
        what = f"template {problem.template_id!r} skipped: " if problem.template_id else ""
        print(f"jdwizard: warning: {what}{problem.message}", file=sys.stderr)
    if not any(t.origin is Origin.USER for t in library.templates):
        print(f"\nYour own templates go in {user_templates_dir()} ('jdwizard import FILE').")
    return 0


def describe_data(template: Template) -> dict[str, object]:
    """`describe --json`: the template's metadata, help, fields (with their defaults and
    samples) and tips, under template.toml's own key names."""
    return {
        "id": template.id,
        "title": template.title,
        "version": template.version,
        "category": template.category,
        "summary": template.summary,
        "origin": template.origin.value,
        "folder": str(template.source.parent),
        "help": {
            "when_to_use": template.when_to_use,
            "personalize": template.personalize,
            "faq": [{"question": faq.question, "answer": faq.answer} for faq in template.faq],
        },
        "fields": [
            {"name": f.name, "label": f.label, "question": f.question, "kind": f.kind.value,
             "list": f.as_list, "hint": f.hint, "required": f.required,
             "default": list(f.default) if isinstance(f.default, tuple) else f.default,
             "sample": f.sample}
            for f in template.fields
        ],
        "tips": [{"text": tip.text, "fields": list(tip.fields)} for tip in template.tips],
    }


def describe(args: argparse.Namespace) -> int:
    """`jdwizard describe TEMPLATE`: its fields, tips and help."""
    from jdwizard.template.library import get_template
    from jdwizard.template.model import Origin

    template = get_template(args.template)
    if args.json:
        print(as_json(describe_data(template)))
        return 0
    print(f"{template.title} ({template.id}, version {template.version})")
    print(template.summary)
    if template.origin is Origin.SHARED:
        print(f"Shared from {template.source.parent} (read-only)")
    print("\nFields:")
    width = max(len(f.name) for f in template.fields)
    for field in template.fields:
        flag = "required" if field.required else "optional"
        kind = "multi-line" if field.multi_line else "line"
        print(f"  {field.name:<{width}}  {field.label} ({kind}, {flag})  {field.hint}")
    print("\nWriting tips:")
    for tip in template.tips:
        print(f"  - {tip.text} [{', '.join(tip.fields) or 'general'}]")
    if template.when_to_use:
        print("\nWhen to use:\n" + template.when_to_use)
    return 0
