"""The `jdwizard` command: parses arguments, then calls the core or starts the app."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jdwizard import __version__
from jdwizard.errors import UserError
from jdwizard.export import FORMATS

if TYPE_CHECKING:
    from jdwizard.draft.profiles import Profile
    from jdwizard.draft.session import Session


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with `only`, just that command's (argparse takes about a
    millisecond per command to set up, and a command line names one)."""

    def wanted(command: str) -> bool:
        return only is None or only == command

    parser = argparse.ArgumentParser(
        prog="jdwizard",
        description="Draft a job description from a template, one guided question at a time.",
        epilog="Run 'jdwizard' with no command for the start screen.",
    )
    parser.add_argument("--version", action="version", version=f"jdwizard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    if wanted("new"):
        new = commands.add_parser("new", help="start the wizard on a new draft of TEMPLATE")
        new.add_argument("template", help="template id, e.g. backend-engineer")
        new.add_argument("--draft", type=Path, metavar="PATH",
                         help="where to save the draft (.toml)")
        new.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                         help="prefill an answer (repeatable)")
        new.add_argument("--profile", metavar="NAME",
                         help="prefill the company answers from this profile (default: the one "
                         "set with 'jdwizard profile use'); --profile '' for none")

    if wanted("resume"):
        resume = commands.add_parser("resume", help="continue a saved draft in the wizard")
        resume.add_argument("path", type=Path, help="the draft (.toml)")

    if wanted("render"):
        render = commands.add_parser("render", help="print the document of a draft")
        render.add_argument("path", type=Path, help="the draft (.toml)")
        render.add_argument("--format", choices=FORMATS, default="markdown")
        render.add_argument("-o", "--output", type=Path, metavar="FILE",
                            help="write to FILE instead")
        render.add_argument("--allow-incomplete", action="store_true",
                            help="render even when required answers are missing")

    if wanted("check"):
        check = commands.add_parser(
            "check", help="check a draft (.toml) or any Markdown/plain-text job post",
            description="Checks for unfilled fields, gender-coded wording, exclusionary terms, "
            "pay transparency, length and readability. Exit 0 with no errors, 1 with errors.",
        )
        check.add_argument("path", type=Path, help="a draft (.toml), or a .md / .txt job post")
        check.add_argument("--json", action="store_true", help="machine-readable output")

    if wanted("profile"):
        profile = commands.add_parser(
            "profile", help="company profiles: answers that prefill every new draft",
            description="A profile holds company-level answers (company, what you do, location, "
            "work type, benefits, PTO policy) that prefill new drafts from any template.",
        )
        actions = profile.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
        actions.add_parser("list", help="list the profiles (* marks the default)")
        show = actions.add_parser("show", help="print a profile's answers")
        show.add_argument("name")
        edit = actions.add_parser("edit", help="open a profile in $VISUAL / $EDITOR (creates it)")
        edit.add_argument("name")
        save = actions.add_parser("save", help="save a draft's company answers to a profile")
        save.add_argument("draft", type=Path, help="the draft (.toml)")
        save.add_argument("--name", help="the profile (default: the draft's company)")
        use = actions.add_parser("use", help="make a profile the default for new drafts")
        use.add_argument("name", help="a profile, or '' for none")
        delete = actions.add_parser("delete", help="delete a profile")
        delete.add_argument("name")

    if wanted("import"):
        importer = commands.add_parser(
            "import", help="make a template from a text or Markdown job description template",
            description="Reads a template in the {{placeholder}} / [bracketed note] notation (as "
            "copied from a web page, or Markdown) and writes a template bundle to your template "
            "folder. Writing tips, 'When to use', 'How to personalize' and FAQ sections become the "
            "template's help; page chrome is left out.",
        )
        importer.add_argument("file", type=Path, help="a .txt or .md file")
        importer.add_argument("--id", help="the new template's id (default: from its title)")
        importer.add_argument("--force", action="store_true",
                              help="replace your own template of the same id")

    if wanted("drafts"):
        drafts = commands.add_parser("drafts", help="list the saved drafts, newest first")
        drafts.add_argument("--json", action="store_true", help="machine-readable output")

    if wanted("templates"):
        templates = commands.add_parser("templates", help="list the templates")
        templates.add_argument("--json", action="store_true", help="machine-readable output")

    if wanted("describe"):
        describe = commands.add_parser("describe", help="show a template's fields, tips and help")
        describe.add_argument("template", help="template id")
        describe.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 user error, 2 usage).

    The garbage collector waits while start-up builds its many long-lived objects (about a
    tenth of the time to the first screen on a 2-core machine); the app turns it back on once
    its first screen is up, and so does the end of any other command."""
    gc.disable()
    try:
        return _dispatch(argv)
    finally:
        gc.enable()


def _json(data: object, **options: object) -> str:
    import json  # here: only --json output needs it

    return json.dumps(data, **options)  # type: ignore[arg-type]


COMMANDS = ("new", "resume", "render", "check", "profile", "import", "drafts", "templates",
            "describe")


def _dispatch(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Plain `jdwizard` opens the start screen: no parser to build (that takes milliseconds).
    only = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(only).parse_args(argv) if argv else argparse.Namespace(command=None)
    handlers = {
        None: _cmd_start,
        "new": _cmd_new,
        "resume": _cmd_resume,
        "render": _cmd_render,
        "check": _cmd_check,
        "templates": _cmd_templates,
        "drafts": _cmd_drafts,
        "import": _cmd_import,
        "profile": _cmd_profile,
        "describe": _cmd_describe,
    }
    try:
        return handlers[args.command](args)
    except UserError as error:
        print(f"jdwizard: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `jdwizard describe X | head`
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return 0


def parse_presets(pairs: list[str], field_names: Sequence[str], template_id: str) -> dict[str, str]:
    """`NAME=VALUE` pairs from --set, checked against the template's fields."""
    presets = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UserError(f"--set {pair!r} should look like NAME=VALUE, e.g. --set company=Acme")
        if name not in field_names:
            raise UserError(
                f"--set: {template_id} has no field {name!r}; "
                f"'jdwizard describe {template_id}' lists them"
            )
        presets[name] = value
    return presets


def check_terminal() -> None:
    """Refuse, in one line, a place where the full-screen wizard cannot work."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            "the wizard needs an interactive terminal; in scripts use 'jdwizard render' or "
            "'jdwizard check'"
        )
    if os.environ.get("TERM", "") == "dumb":
        raise UserError(
            "the wizard needs a terminal with cursor movement, and TERM=dumb has none; run it in "
            "a terminal emulator (or set TERM=xterm-256color if yours supports it)"
        )


def _run_app(session: Session | None = None) -> int:
    """Run the wizard; afterwards say where the draft is, so it can be found and resumed.

    Without a session it opens on the start screen, whose lists are read now, before the app
    starts: nothing can be typed yet, and reading them in a thread would only add the hop."""
    check_terminal()
    start_lists = None
    if session is None:
        from jdwizard.draft.listing import load_start_lists

        start_lists = load_start_lists()
    from jdwizard.ui.app import JDWizardApp

    app = JDWizardApp(session, start_lists=start_lists)
    app.run()
    final = app.session
    if final is not None:
        final.close()
        if final.forked_from is not None and final.path is not None and final.path.exists():
            print(f"{final.forked_from} was open elsewhere; your answers are in a copy.")
        if final.path is not None and final.path.exists():
            print(f"Draft saved: {final.path} (document: {final.path.with_suffix('.md').name})")
            print(f"Resume it with: jdwizard resume {final.path}")
        elif not final.has_content():
            print("Nothing saved: the draft had no answers.")
    return 0


def _cmd_start(args: argparse.Namespace) -> int:
    return _run_app()


def _cmd_new(args: argparse.Namespace) -> int:
    from jdwizard.draft.opening import new_session
    from jdwizard.template.library import get_template

    template = get_template(args.template)
    presets = parse_presets(args.set, template.field_names, template.id)
    profile = _chosen_profile(args.profile)
    session = new_session(template, args.draft, presets, profile=profile)
    return _run_app(session)


def _chosen_profile(name: str | None) -> Profile | None:
    """The profile named on the command line, else the default one (None: no profile)."""
    from jdwizard.config import load_config
    from jdwizard.draft.profiles import load_profile, profile_id_for

    if name is not None:
        return load_profile(profile_id_for(name)) if name.strip() else None
    default = load_config().profile
    if not default:
        return None
    try:
        return load_profile(profile_id_for(default))
    except UserError as error:  # the default is a convenience: never block a new draft
        print(f"jdwizard: warning: starting without the default profile: {error}",
              file=sys.stderr)
        return None


def _cmd_resume(args: argparse.Namespace) -> int:
    from jdwizard.draft.opening import open_session

    return _run_app(open_session(args.path))


def _cmd_render(args: argparse.Namespace) -> int:
    from jdwizard.draft.opening import open_session
    from jdwizard.export import export
    from jdwizard.files import atomic_write_text

    session = open_session(args.path, edit=False)
    missing = session.missing()
    if missing and not args.allow_incomplete:
        names = ", ".join(field.name for field in missing)
        raise UserError(
            f"{args.path} is missing {len(missing)} required answer(s): {names}; "
            f"fill them with 'jdwizard resume {args.path}' or pass --allow-incomplete"
        )
    text = export(session.document(), args.format)
    if args.output and args.output.resolve() == args.path.resolve():
        raise UserError(f"-o {args.output} is the draft itself; choose another output file")
    if args.output:
        try:
            atomic_write_text(args.output, text)
        except OSError as error:
            raise UserError(f"cannot write {args.output}: {error.strerror or error}") from None
    else:
        sys.stdout.write(text)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from jdwizard.checks import check_draft, check_text
    from jdwizard.checks.report import format_report

    if args.path.suffix.lower() == ".toml":
        from jdwizard.draft.opening import open_session

        session = open_session(args.path, edit=False)
        report = check_draft(session.template, session.answers)
    else:
        report = check_text(_read_text(args.path))
    if args.json:
        print(_json(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report, str(args.path)))
    return 1 if report.has_errors else 0


def _read_text(path: Path) -> str:
    """A job post to check, or a one-line error."""
    try:
        raw = path.read_bytes()
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"no file at {path}; check the path") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder; give a .toml draft or a .md/.txt job post") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not UTF-8 text; save it as plain text and try again") from None
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}") from None


def _cmd_profile(args: argparse.Namespace) -> int:
    from jdwizard.config import load_config, update_config
    from jdwizard.draft import profiles

    command = args.profile_command
    if command == "list":
        default = load_config().profile
        summaries = profiles.list_profiles()
        if not summaries:
            print("No profiles yet. Save one from a draft: 'jdwizard profile save DRAFT', or "
                  "from the review screen (p).")
        for summary in summaries:
            mark = "*" if summary.id == default else " "
            detail = summary.problem or f"{summary.answers} answers"
            print(f"{mark} {summary.id:24} {summary.name:30} {detail}")
        return 0
    if command == "use":
        profile_id = profiles.profile_id_for(args.name) if args.name.strip() else ""
        if profile_id:
            profiles.load_profile(profile_id)  # it must exist and be readable
        update_config(profile=profile_id)
        print(f"New drafts now start from the profile {profile_id}." if profile_id
              else "New drafts now start with no profile.")
        return 0
    if command == "save":
        from jdwizard.draft.opening import open_session

        session = open_session(args.draft, edit=False)
        name = args.name or session.answers.get("company", "").strip()
        if not name:
            raise UserError(f"{args.draft} has no company answer; name the profile with --name")
        saved = profiles.update_profile_from(
            session.answers, session.template, profiles.profile_id_for(name), name)
        print(f"Saved {len(saved.answers)} company answers to {saved.path}")
        return 0
    profile_id = profiles.profile_id_for(args.name)
    if command == "show":
        profile = profiles.load_profile(profile_id)
        print(f"{profile.name} ({profile.path})")
        for name, value in profile.answers.items():
            lines = value.splitlines() or [""]
            if len(lines) == 1:
                print(f"  {name}: {value}")
            else:  # a list answer (benefits, say): one item per line, under its name
                print(f"  {name}:")
                for line in lines:
                    print(f"    {line}")
        return 0
    if command == "delete":
        path = profiles.delete_profile(profile_id)
        if load_config().profile == profile_id:
            update_config(profile="")
        print(f"Deleted {path}")
        return 0
    return _edit_profile(profile_id, args.name)


def _edit_profile(profile_id: str, name: str) -> int:
    """Open the profile in the user's editor, creating it first if needed."""
    import shlex
    import subprocess

    from jdwizard.draft import profiles

    path = profiles.profile_path(profile_id)
    if not path.exists():
        profiles.save_profile(profiles.Profile(profile_id, name, {"company": name}))
    else:
        profiles.load_profile(profile_id)  # say what is wrong before opening a broken one
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        print(f"{path}\nSet $EDITOR to open it from here, or edit that file by hand.")
        return 0
    subprocess.run([*shlex.split(editor), str(path)], check=False)
    profiles.load_profile(profile_id)  # still readable after the edit?
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from jdwizard.paths import user_templates_dir
    from jdwizard.template.importing import describe_import, import_template
    from jdwizard.template.library import load_library

    result = import_template(
        args.file, dest_root=user_templates_dir(), template_id=args.id, force=args.force,
        taken_ids=load_library().ids,
    )
    print(describe_import(result))
    return 0


def _cmd_drafts(args: argparse.Namespace) -> int:
    from jdwizard.draft.file import list_drafts
    from jdwizard.draft.listing import draft_progress
    from jdwizard.paths import drafts_dir

    folder = drafts_dir()
    summaries = list_drafts(folder, draft_progress)
    if args.json:
        rows = [{"path": str(d.path), "template": d.template, "company": d.company,
                 "answered": d.answered, "required": d.required,
                 "updated": d.updated.isoformat() if d.updated else None,
                 "problem": d.problem or None} for d in summaries]
        print(_json(rows, indent=2, ensure_ascii=False))
        return 0
    if not summaries:
        print(f"No drafts in {folder} yet; start one with 'jdwizard new TEMPLATE'.")
        return 0
    print(f"{'UPDATED':16}  {'PROGRESS':8}  {'TEMPLATE':25}  {'COMPANY':20}  PATH")
    for d in summaries:
        when = d.updated.astimezone().strftime("%Y-%m-%d %H:%M") if d.updated else "?"
        progress = f"{d.answered}/{d.required}" if d.required else "?"
        company = d.company if not d.problem else "(cannot be opened)"
        company = company if len(company) <= 20 else company[:19] + "…"
        print(f"{when:16}  {progress:8}  {d.template:25}  {company:20}  {d.path}")
    return 0


def _cmd_templates(args: argparse.Namespace) -> int:
    from jdwizard.paths import user_templates_dir
    from jdwizard.template.library import USER, load_library

    library = load_library()
    if args.json:
        rows = [{"id": t.id, "title": t.title, "version": t.version, "category": t.category,
                 "summary": t.summary, "origin": t.origin, "path": str(t.source)}
                for t in library.templates]
        problems = [{"id": p.template_id, "path": str(p.folder), "problem": p.message}
                    for p in library.problems]
        print(_json({"templates": rows, "problems": problems}, indent=2, ensure_ascii=False))
        return 0
    width = max((len(t.id) for t in library.templates), default=0)
    heading = None
    for template in library.templates:
        group = "Your templates" if template.origin == USER else template.category
        if group != heading:
            print(("\n" if heading else "") + group)
            heading = group
        mark = f" [{template.category}]" if template.origin == USER else ""
        print(f"  {template.id:<{width}}  {template.title}{mark} — {template.summary}")
    for problem in library.problems:
        print(f"jdwizard: warning: template {problem.template_id!r} skipped: {problem.message}",
              file=sys.stderr)
    if not any(t.origin == USER for t in library.templates):
        print(f"\nYour own templates go in {user_templates_dir()} ('jdwizard import FILE').")
    return 0


def _cmd_describe(args: argparse.Namespace) -> int:
    from jdwizard.template.library import get_template

    template = get_template(args.template)
    if args.json:
        data = {
            "id": template.id,
            "title": template.title,
            "version": template.version,
            "fields": [
                {"name": f.name, "label": f.label, "kind": f.kind, "hint": f.hint,
                 "required": f.required}
                for f in template.fields
            ],
            "tips": [{"text": tip.text, "fields": list(tip.fields)} for tip in template.tips],
        }
        print(_json(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{template.title} ({template.id}, version {template.version})")
    print(template.summary)
    print("\nFields:")
    width = max(len(f.name) for f in template.fields)
    for field in template.fields:
        flag = "required" if field.required else "optional"
        kind = "multi-line" if field.kind == "text" else "line"
        print(f"  {field.name:<{width}}  {field.label} ({kind}, {flag})  {field.hint}")
    print("\nWriting tips:")
    for tip in template.tips:
        print(f"  - {tip.text} [{', '.join(tip.fields) or 'general'}]")
    if template.when_to_use:
        print("\nWhen to use:\n" + template.when_to_use)
    return 0
