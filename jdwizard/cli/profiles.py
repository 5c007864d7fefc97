"""`jdwizard profile list|show|edit|save|use|delete`: company profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

import os

from jdwizard.errors import UserError
from jdwizard.template.roles import STANDARD_NAMES, Role


def run(args: argparse.Namespace) -> int:
    """Run the profile action named on the command line."""
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
        return _save(args)
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
    return _edit(profile_id, args.name)


def _save(args: argparse.Namespace) -> int:
    """Save a draft's company answers to a profile (named after its company by default)."""
    from jdwizard.draft import profiles
    from jdwizard.draft.opening import open_session

    session = open_session(args.draft, edit=False)
    name = args.name or session.company_name
    if not name:
        raise UserError(f"{args.draft} has no company answer; name the profile with --name")
    saved = profiles.update_profile_from(
        session.answers, session.template, profiles.profile_id_for(name), name)
    print(f"Saved {len(saved.answers)} company answers to {saved.path}")
    return 0


def _edit(profile_id: str, name: str) -> int:
    """Open the profile in the user's editor, creating it first if needed."""
    import shlex
    import subprocess

    from jdwizard.draft import profiles

    path = profiles.profile_path(profile_id)
    if not path.exists():
        company = STANDARD_NAMES[Role.COMPANY_NAME]
        profiles.save_profile(profiles.Profile(profile_id, name, {company: name}))
    else:
        profiles.load_profile(profile_id)  # say what is wrong before opening a broken one
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        print(f"{path}\nSet $EDITOR to open it from here, or edit that file by hand.")
        return 0
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except (OSError, ValueError) as error:  # not found, not runnable, unbalanced quotes
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise UserError(f"cannot run the editor {editor!r} ({reason}); set $VISUAL or $EDITOR "
                        f"to an editor's command, or edit {path} by hand") from None
    profiles.load_profile(profile_id)  # still readable after the edit?
    return 0
