"""What the start screen lists: the templates, the saved drafts with their progress, and the
default company profile. Light on purpose: the start screen imports it before anything else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jdwizard.draft.file import Draft, DraftSummary, list_drafts
from jdwizard.draft.profiles import Profile
from jdwizard.errors import UserError
from jdwizard.paths import drafts_dir
from jdwizard.template.library import Library, get_template, load_library


def draft_progress(draft: Draft) -> tuple[int, int]:
    """(required answered, required) for a draft, or (0, 0) when its template is unknown."""
    from jdwizard.draft.migration import migrate_answers  # here: only a draft to count needs them
    from jdwizard.template.engine import is_answered

    try:
        template = get_template(draft.template)
    except UserError:
        return 0, 0
    answers, _ = migrate_answers(template, draft.answers, draft.template_version)
    required = [field for field in template.fields if field.required]
    return sum(is_answered(f, answers) for f in required), len(required)


@dataclass(frozen=True)
class StartLists:
    """What the start screen shows, read in one go off the event loop."""

    library: Library
    drafts: list[DraftSummary]
    profile: Profile | None  # the default company profile, if one is set and readable
    problem: str = ""  # why the default profile could not be read


def load_start_lists(folder: Path | None = None) -> StartLists:
    """The templates (and broken user templates), the saved drafts, and the default profile."""
    from jdwizard.config import load_config
    from jdwizard.draft.profiles import load_profile

    profile, problem = None, ""
    default = load_config().profile
    if default:
        try:
            profile = load_profile(default)
        except UserError as error:
            problem = f"Starting without the default profile: {error}"
    return StartLists(
        load_library(), list_drafts(folder or drafts_dir(), draft_progress), profile, problem
    )
