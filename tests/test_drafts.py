"""Drafts on disk: format, round trips, hand-written drafts, errors, atomic writes, naming."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BACKEND_ANSWERS
from jdwizard.draft.file import (
    MAX_DRAFT_BYTES,
    Draft,
    DraftError,
    conflict_copy_path,
    default_draft_path,
    draft_to_toml,
    load_draft,
    markdown_path,
    save_draft,
)
from jdwizard.draft.listing import list_drafts
from jdwizard.draft.session import Session


def test_save_writes_documented_toml_and_markdown(tmp_path, backend):
    session = Session(backend, Draft("backend-engineer", path=tmp_path / "role.toml"))
    for name, value in BACKEND_ANSWERS.items():
        session.set_answer(name, value)
    path = session.save_now()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["jdwizard"] == 2  # format 2: [answers] holds only what the user gave
    assert "posted" not in data  # set by the first export or copy, not by a save
    assert data["template"] == "backend-engineer"
    assert data["template_version"] == backend.version
    assert data["created"] <= data["updated"]
    assert data["answers"] == BACKEND_ANSWERS
    assert markdown_path(path).read_text(encoding="utf-8") == session.document()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".role.toml.lock", "role.md", "role.toml"]  # no temporary file left
    session.close()
    assert not (tmp_path / ".role.toml.lock").exists()


def test_hand_written_draft_needs_only_template_and_answers(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('template = "backend-engineer"\n[answers]\ncompany = "Acme"\n', "utf-8")
    draft = load_draft(path)
    assert draft.template == "backend-engineer" and draft.answers == {"company": "Acme"}
    assert draft.created is None and draft.template_version is None


def test_unknown_answers_and_keys_survive_a_save(tmp_path, backend):
    path = tmp_path / "old.toml"
    path.write_text(
        'template = "backend-engineer"\nowner = "hr"\n'
        '[answers]\ncompany = "Acme"\nteam_size = "8"\n', "utf-8"
    )
    draft = load_draft(path)
    session = Session(backend, draft)
    assert session.unknown_answers() == {"team_size": "8"}
    session.set_answer("location", "Berlin")
    session.save_now()
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["answers"]["team_size"] == "8" and data["owner"] == "hr"
    assert data["answers"]["location"] == "Berlin"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\n\n", "is empty"),
        (b"template = \n", "not valid TOML"),
        (b'template = "backend-engineer"\n', r"no \[answers\] table"),
        (b'template = "backend-engineer"\nanswers = "x"\n', r"no \[answers\] table"),
        (b'template = "backend-engineer"\n[answers]\ncompany = 3\n', "must be text"),
        (b'jdwizard = 9\ntemplate = "x"\n[answers]\n', "newer jdwizard"),
        (b"\x00\xff\xfe binary", "not a text file"),
    ],
)
def test_bad_drafts_give_one_line_and_stay_untouched(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(DraftError, match=message) as caught:
        load_draft(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == content


def test_missing_file_and_folder_errors(tmp_path):
    with pytest.raises(DraftError, match="no draft at"):
        load_draft(tmp_path / "nope.toml")
    with pytest.raises(DraftError, match="is a folder"):
        load_draft(tmp_path)


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.toml"
    path.write_bytes(b"#" * (MAX_DRAFT_BYTES + 1))
    with pytest.raises(DraftError, match="more than a draft may hold.*cut its longest answer"):
        load_draft(path)


def test_default_path_is_readable_and_unique(tmp_path):
    day = date(2026, 11, 28)
    first = default_draft_path(tmp_path, "backend-engineer", "Acme Logistics GmbH", day)
    assert first.name == "acme-logistics-gmbh-backend-engineer-2026-11-28.toml"
    first.write_text("x", "utf-8")
    second = default_draft_path(tmp_path, "backend-engineer", "Acme Logistics GmbH", day)
    assert second.name == "acme-logistics-gmbh-backend-engineer-2026-11-28-2.toml"
    odd = default_draft_path(tmp_path, "backend-engineer", "../../etc/Zürich ☃", day)
    assert odd.parent == tmp_path and odd.name == "etc-zurich-backend-engineer-2026-11-28.toml"


def test_a_new_name_never_takes_over_a_document_left_behind(tmp_path):
    """A leftover .html (or .txt, .jsonld) under a name would be rewritten by the saves of a
    new draft given that name: the name is taken."""
    day = date(2026, 11, 28)
    for suffix in (".txt", ".html", ".jsonld"):
        (tmp_path / f"acme-backend-engineer-2026-11-28{suffix}").write_text("x", "utf-8")
        (tmp_path / f"acme-backend-engineer-2026-11-28-copy{suffix}").write_text("x", "utf-8")
    path = default_draft_path(tmp_path, "backend-engineer", "Acme", day)
    assert path.name == "acme-backend-engineer-2026-11-28-2.toml"
    copy = conflict_copy_path(tmp_path / "acme-backend-engineer-2026-11-28.toml")
    assert copy.name == "acme-backend-engineer-2026-11-28-copy-2.toml"


def test_new_draft_is_named_after_company_once_it_is_settled(drafts_folder, backend):
    session = Session(backend, Draft("backend-engineer"), folder=drafts_folder)
    session.set_answer("company", "Ac")
    first = session.save_now(company_settled=False)
    assert first.name.startswith("backend-engineer-")
    session.set_answer("company", "Acme")
    second = session.save_now(company_settled=True)
    assert second.name.startswith("acme-backend-engineer-")
    assert not first.exists() and not markdown_path(first).exists()
    assert sorted(p.name for p in drafts_folder.iterdir()) == [  # the lock moved with the file
        f".{second.name}.lock", second.with_suffix(".md").name, second.name]
    session.set_answer("company", "Acme Corp")  # once named, the file keeps its name
    assert session.save_now() == second


def test_list_drafts_newest_first_with_progress(drafts_folder):
    drafts_folder.mkdir(parents=True)
    for name, day in (("a", 1), ("b", 3), ("c", 2)):
        (drafts_folder / f"{name}.toml").write_text(
            f'template = "backend-engineer"\nupdated = 2026-11-0{day}T10:00:00Z\n'
            f'[answers]\ncompany = "{name.upper()} Co"\n', "utf-8"
        )
    (drafts_folder / "broken.toml").write_text("not toml =", "utf-8")
    rows = list_drafts(drafts_folder)
    assert [row.path.name for row in rows] == ["b.toml", "c.toml", "a.toml", "broken.toml"]
    # 16 required fields; the company and the 5 the template's defaults answer
    assert (rows[0].company, rows[0].answered, rows[0].required) == ("B Co", 6, 16)
    assert "not valid TOML" in rows[-1].problem


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes('\ufefftemplate = "backend-engineer"\n[answers]\ncompany = "Acme"\n'.encode())
    assert load_draft(path).answers == {"company": "Acme"}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), st.text(max_size=200)))
def test_answers_round_trip_exactly(tmp_path_factory, answers):
    path = tmp_path_factory.mktemp("rt") / "d.toml"
    save_draft(Draft("backend-engineer", answers=answers), "doc\n", path)
    assert load_draft(path).answers == answers
    assert tomllib.loads(draft_to_toml(load_draft(path)))["answers"] == answers


def test_saving_over_existing_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "d.toml"
    path.write_text("x", "utf-8")
    path.chmod(0o640)
    save_draft(Draft("backend-engineer"), "doc", path)
    assert path.stat().st_mode & 0o777 == 0o640
    assert isinstance(path, Path)


def test_a_document_that_cannot_be_written_leaves_the_draft_as_last_seen(tmp_path, backend):
    """A save whose .md cannot be written writes nothing, so the next save (once it can) is not
    taken for another program's change and sent to a copy."""
    path = tmp_path / "acme.toml"
    session = Session(backend, Draft("backend-engineer", dict(BACKEND_ANSWERS), path=path))
    blocker = markdown_path(path)
    blocker.mkdir()  # the document cannot be written there
    with pytest.raises(OSError):
        session.save_job(company_settled=True).write()
    assert not path.exists()
    blocker.rmdir()
    job = session.save_job(company_settled=True)
    session.saved(job, session.revision, job.write())
    assert session.path == path and load_draft(path).answers == BACKEND_ANSWERS
