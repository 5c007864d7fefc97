"""The `jdwizard` command: parses arguments, then calls the core or starts the app.

Each command's handler lives with its kind: drafts (new, resume, render, check, drafts),
templates (templates, describe, import), profiles (profile ...), and app.py starts the wizard.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from jdwizard.errors import UserError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 user error, 2 usage)."""
    import argparse

    from jdwizard.cli import app, drafts, profiles, templates
    from jdwizard.cli.parser import build_parser

    args = build_parser().parse_args(sys.argv[1:] if argv is None else list(argv))
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        None: app.start,
        "new": drafts.new,
        "resume": drafts.resume,
        "render": drafts.render,
        "check": drafts.check,
        "drafts": drafts.list_saved,
        "templates": templates.list_all,
        "describe": templates.describe,
        "import": templates.import_file,
        "profile": profiles.run,
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
