"""The command line's grammar: every command, its arguments and its help text."""

from __future__ import annotations

import argparse
from pathlib import Path

from jdwizard import __version__
from jdwizard.export import FORMATS


def build_parser() -> argparse.ArgumentParser:
    """The parser of `jdwizard [COMMAND] ...`."""
    parser = argparse.ArgumentParser(
        prog="jdwizard",
        description="Draft a job description from a template, one guided question at a time.",
        epilog="Run 'jdwizard' with no command for the start screen.",
    )
    parser.add_argument("--version", action="version", version=f"jdwizard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="start the wizard on a new draft of TEMPLATE")
    new.add_argument("template", help="template id, e.g. backend-engineer")
    new.add_argument("--draft", type=Path, metavar="PATH", help="where to save the draft (.toml)")
    new.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                     help="prefill an answer (repeatable)")
    new.add_argument("--profile", metavar="NAME",
                     help="prefill the company answers from this profile (default: the one "
                     "set with 'jdwizard profile use'); --profile '' for none")

    resume = commands.add_parser("resume", help="continue a saved draft in the wizard")
    resume.add_argument("path", type=Path, help="the draft (.toml)")

    render = commands.add_parser(
        "render", help="print the document of a draft",
        description="Prints the draft's post as Markdown, plain text, an HTML fragment, or "
        "JSON-LD (a schema.org JobPosting for Google for Jobs and job boards; what the answers "
        "cannot give is named on standard error).",
    )
    render.add_argument("path", type=Path, help="the draft (.toml)")
    render.add_argument("--format", choices=FORMATS, default="markdown")
    render.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead")
    render.add_argument("--allow-incomplete", action="store_true",
                        help="render even when required answers are missing")
    render.add_argument("--jsonld", action="store_true",
                        help="with --format html: add the schema.org JobPosting as a "
                        '<script type="application/ld+json"> block after the HTML')

    check = commands.add_parser(
        "check", help="check a draft (.toml) or any Markdown/plain-text job post",
        description="Checks for unfilled fields, gender-coded wording, exclusionary terms, "
        "pay transparency, length and readability. Findings dismissed in a draft ([checks] "
        "dismissed), by a comment <!-- jdwizard: ignore KEY --> in a post, or by a profile's "
        "never-words are skipped and listed. Exit 0 with no errors, 1 with errors in any file.",
    )
    check.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                       help="drafts (.toml), .md / .txt / .html job posts (at most 1 MB each), "
                       "or - to read a post from standard input; a .toml that is not a draft is "
                       "skipped")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.add_argument("--profile", metavar="NAME",
                       help="the company profile whose never-words are not findings (default: "
                       "a draft's company's profile, if any); --profile '' for none")
    check.add_argument("--employees", type=int, metavar="N",
                       help="the company's number of employees, for pay laws with a size "
                       "threshold (a post's own statement is read otherwise; a draft uses its "
                       "company size answer)")

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

    drafts = commands.add_parser("drafts", help="list the saved drafts, newest first")
    drafts.add_argument("--json", action="store_true", help="machine-readable output")

    templates = commands.add_parser("templates", help="list the templates")
    templates.add_argument("--json", action="store_true", help="machine-readable output")

    describe = commands.add_parser("describe", help="show a template's fields, tips and help")
    describe.add_argument("template", help="template id")
    describe.add_argument("--json", action="store_true", help="machine-readable output")
    return parser
