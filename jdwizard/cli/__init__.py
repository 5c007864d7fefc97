"""The `jdwizard` command: parses arguments, then calls the core or starts the app.

Each command's handler lives with its kind: drafts (new, resume, render, check, drafts),
templates (templates, describe, import), profiles (profile ...), and app.py starts the wizard.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from jdwizard.errors import UserError

if TYPE_CHECKING:
    import argparse

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status (0 ok, 1 user error, 2 usage). Everything printed
    shows control characters as symbols (`cli.output`): a file name, a template's title or a
    draft's answer never acts on the terminal."""
    from jdwizard.cli.output import gated_output

    with gated_output():
        return _main(sys.argv[1:] if argv is None else list(argv))


def _main(argv: list[str]) -> int:
    if not argv:  # plain `jdwizard`, the start screen: no parser to import or build (~10 ms)
        from jdwizard.cli.app import run_app

        return _reported(lambda: run_app(None))
    from jdwizard.cli import drafts, profiles, templates
    from jdwizard.cli.parser import build_parser

    args = build_parser().parse_args(argv)
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
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
    if args.command is None:  # options only, e.g. `jdwizard --help` exits before this
        from jdwizard.cli.app import run_app

        return _reported(lambda: run_app(None))
    return _reported(lambda: handlers[args.command](args))


def _reported(run: Callable[[], int]) -> int:
    """Run a command; a user's mistake is one line on stderr (exit 1), not a traceback."""
    try:
        return run()
    except UserError as error:
        print(f"jdwizard: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `jdwizard describe X | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # a quiet final flush
        return 0
