"""The draft commands: `new`, `resume`, `render`, `check` and `drafts`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jdwizard.cli.app import check_terminal, run_app
from jdwizard.cli.output import as_json
from jdwizard.errors import UserError

if TYPE_CHECKING:
    import argparse

    from jdwizard.checks.report import Checked
    from jdwizard.draft.profiles import Profile


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


def new(args: argparse.Namespace) -> int:
    """`jdwizard new TEMPLATE`: the wizard on a new draft."""
    from jdwizard.draft.opening import new_session
    from jdwizard.template.library import get_template

    template = get_template(args.template)
    presets = parse_presets(args.set, template.field_names, template.id)
    profile = chosen_profile(args.profile)
    return run_app(new_session(template, args.draft, presets, profile=profile))


def chosen_profile(name: str | None) -> Profile | None:
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


def resume(args: argparse.Namespace) -> int:
    """`jdwizard resume PATH`: the wizard on a saved draft. The draft is read first (a bad
    one is the error to report), but its lock is taken only once the wizard can run."""
    from jdwizard.draft.opening import hold_draft, open_session

    session = open_session(args.path, edit=False)
    check_terminal()
    hold_draft(session)
    return run_app(session)


def render(args: argparse.Namespace) -> int:
    """`jdwizard render PATH`: the document, to standard output or a file. JSON-LD (and the
    JSON-LD block after the HTML, with --jsonld) dates the post from the draft's `posted` day,
    else today, and names on standard error what it could not derive."""
    from jdwizard.draft.opening import open_session
    from jdwizard.export import export
    from jdwizard.files import write_output

    if args.jsonld and args.format != "html":
        raise UserError("--jsonld adds the JSON-LD block to HTML; use it with --format html, or "
                        "use --format jsonld")
    session = open_session(args.path, edit=False)
    missing = session.missing()
    if missing and not args.allow_incomplete:
        names = ", ".join(field.name for field in missing)
        raise UserError(
            f"{args.path} is missing {len(missing)} required answer(s): {names}; "
            f"fill them with 'jdwizard resume {args.path}' or pass --allow-incomplete"
        )
    document = session.document()
    text = export(document, args.format) if args.format != "jsonld" else ""
    if args.format == "jsonld" or args.jsonld:
        from jdwizard.jsonld import job_posting, script_block, to_json

        posting, absent = job_posting(session.template, session.answers, document,
                                      session.draft.posted, date.today())
        text = to_json(posting) if args.format == "jsonld" else text + script_block(posting)
        _tell_jsonld(session.draft.posted, absent)
    if args.output and _same_file(args.output, args.path):
        raise UserError(f"-o {args.output} is the draft itself; choose another output file")
    if args.output:
        try:
            write_output(args.output, text)
        except OSError as error:
            raise UserError(f"cannot write {args.output}: {error.strerror or error}; "
                            "choose another output file") from None
    else:
        sys.stdout.write(text)
    return 0


def _tell_jsonld(posted: date | None, absent: list[str]) -> None:
    """Say on standard error where datePosted came from, and what the JSON-LD leaves out."""
    if posted is None:
        print(f"jdwizard: datePosted is today ({date.today().isoformat()}): the draft records "
              "the day only when it is first copied or saved as a document in the app",
              file=sys.stderr)
    if absent:
        print(f"jdwizard: the JSON-LD has no {', '.join(absent)}: nothing in the answers gives "
              "them; answer the fields they come from to add them", file=sys.stderr)


def check(args: argparse.Namespace) -> int:
    """`jdwizard check PATH...`: the checks' report on drafts or on any job posts (`-`: a post
    read from standard input), without what the user dismissed; exit 1 if any has an error."""
    from jdwizard.checks.report import Checked, format_checked

    paths: list[Path] = args.paths
    if sum(str(path) == "-" for path in paths) > 1:
        raise UserError("- (standard input) can be given once; name the other posts' files")
    if args.employees is not None and args.employees < 1:
        raise UserError(f"--employees {args.employees}: give the company's number of employees, "
                        "e.g. --employees 120")
    if len(paths) == 1:  # as before: a problem with the one file is the command's error
        result = check_file(paths[0], args.profile, args.employees)
        print(as_json(result.to_json(with_path=False)) if args.json else format_checked(result))
        return 1 if result.failed else 0
    results = []
    for path in paths:
        try:
            results.append(check_file(path, args.profile, args.employees))
        except UserError as error:
            results.append(Checked(_shown_name(path), error=str(error)))
            if not args.json:
                print(f"jdwizard: error: {error}", file=sys.stderr)
                continue
        if not args.json:
            print(format_checked(results[-1]), end="\n\n")
    if args.json:
        print(as_json({"files": [result.to_json() for result in results]}))
    failed = sum(result.failed for result in results)
    if not args.json:
        print(f"{len(results)} files checked: {failed} with errors." if failed
              else f"{len(results)} files checked: no errors.")
    return 1 if failed else 0


def check_file(path: Path, profile_name: str | None, employees: int | None = None) -> Checked:
    """One draft or post checked, with its dismissals applied (UserError when it cannot be
    read); a .toml file that is not a jdwizard draft (a pyproject.toml) is skipped, with why.
    An .html post is read without its tags; `employees` is the company's size for a post (a
    draft has its own company-size answer)."""
    from jdwizard.checks import dismiss
    from jdwizard.checks.post import check_draft, check_text
    from jdwizard.checks.report import Checked, with_context

    name = _shown_name(path)
    if path.suffix.lower() == ".toml":
        from jdwizard.draft.opening import open_session
        from jdwizard.template.engine import RenderError

        reason = _not_a_draft(path)
        if reason is not None:
            return Checked(name, skipped=f"not a jdwizard draft ({reason})")
        session = open_session(path, edit=False)
        try:
            dismissed_keys = dismiss.draft_keys(session.draft.extra)
        except UserError as error:  # several files: say which one
            raise UserError(f"{path}: {error}") from None
        keys: dict[str, str] = dict.fromkeys(dismissed_keys, dismiss.FROM_DRAFT)
        profile = _profile_for(profile_name, session.company_name)
        never = profile.never if profile is not None else []
        report = check_draft(session.template, session.answers,
                             dismissed=dismiss.gender_words(keys, never))
        try:
            document = session.document()
        except RenderError:  # the checks said why; the findings go without their sentences
            document = ""
        findings = with_context(report.findings, document, session.answers)
    else:
        text = read_post(path)
        keys = dict.fromkeys(dismiss.comment_keys(text), dismiss.FROM_COMMENT)
        text = dismiss.without_comments(text)
        if path.suffix.lower() in (".html", ".htm"):
            from jdwizard.checks.html_text import html_to_text

            text = html_to_text(text)
        profile = _profile_for(profile_name, "")
        never = profile.never if profile is not None else []
        report = check_text(text, employees, dismissed=dismiss.gender_words(keys, never))
        findings = with_context(report.findings, text)
    kept, dismissed = dismiss.apply(findings, keys, never, profile.name if profile else "")
    return Checked(name, replace(report, findings=kept), dismissed)


def _shown_name(path: Path) -> str:
    return "standard input" if str(path) == "-" else str(path)


def _not_a_draft(path: Path) -> str | None:
    """Why a .toml file is not a jdwizard draft, or None when it is one (or may be: a broken
    or unreadable draft is an error to report when it is opened, not a file to skip)."""
    from jdwizard.draft.file import MAX_DRAFT_BYTES
    from jdwizard.files import Unreadable, read_text
    from jdwizard.toml_text import TomlError, parse_toml

    try:
        text = read_text(path, MAX_DRAFT_BYTES)
        data = parse_toml(text)
    except (Unreadable, TomlError):
        return None
    if not text.strip():  # a draft emptied by accident must fail, not pass unseen
        return None
    if "jdwizard_profile" in data:
        return "a company profile"
    if "jdwizard" in data or "answers" in data or isinstance(data.get("template"), str):
        return None
    return "no template and no [answers]"


def _profile_for(name: str | None, company: str) -> Profile | None:
    """The profile whose never-words apply: the one named with --profile ('' for none), else
    the draft's company's profile when there is one."""
    from jdwizard.draft.profiles import load_profile, profile_id_for, profile_path

    if name is not None:
        return load_profile(profile_id_for(name)) if name.strip() else None
    if not company:
        return None
    try:
        profile_id = profile_id_for(company)
        exists = profile_path(profile_id).is_file()
    except UserError:
        return None
    return load_profile(profile_id) if exists else None


def read_post(path: Path) -> str:
    """A job post to check, from a file or (`-`) standard input, or a one-line error. At most
    MAX_POST_BYTES are read (one more to know it is larger), whatever the size of the input."""
    from jdwizard.checks.post import MAX_POST_BYTES
    from jdwizard.files import ReadProblem, Unreadable, read_bytes

    name = "standard input" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            if sys.stdin is None:
                raise UserError("no standard input to read; pipe a post in, e.g. "
                                "'cat post.md | jdwizard check -'")
            raw = sys.stdin.buffer.read(MAX_POST_BYTES + 1)
        else:
            raw = read_bytes(path, MAX_POST_BYTES)
    except Unreadable as error:
        if error.problem is ReadProblem.MISSING:
            raise UserError(f"no file at {path}; check the path") from None
        if error.problem is ReadProblem.FOLDER:
            raise UserError(f"{path} is a folder; give a .toml draft or a .md/.txt job post"
                            ) from None
        if error.problem is ReadProblem.NOT_A_FILE:
            raise UserError(f"cannot read {path}: {error.detail}; give a file, or pipe the "
                            "post to 'jdwizard check -'") from None
        raise UserError(f"cannot read {path}: {error.detail}") from None
    except OSError as error:
        raise UserError(f"cannot read {name}: {error.strerror or error}") from None
    if len(raw) > MAX_POST_BYTES:
        raise UserError(f"{name} is larger than {MAX_POST_BYTES:,} bytes, too large for one job "
                        "post (most are 5-30 KB); check each post on its own")
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
            return raw.decode("utf-16")
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{name} is not UTF-8 text; save it as plain text and try again"
                        ) from None


def list_saved(args: argparse.Namespace) -> int:
    """`jdwizard drafts`: the saved drafts, newest first."""
    from jdwizard.draft.listing import list_drafts
    from jdwizard.paths import drafts_dir

    folder = drafts_dir()
    summaries = list_drafts(folder)
    if args.json:
        rows = [{"path": str(d.path), "template": d.template, "company": d.company,
                 "answered": d.answered, "required": d.required,
                 "updated": d.updated.isoformat() if d.updated else None,
                 "problem": d.problem or None} for d in summaries]
        print(as_json(rows))
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


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name the same file (links followed; False when either cannot be
    reached, which writing then reports)."""
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except (OSError, ValueError):
        return False
