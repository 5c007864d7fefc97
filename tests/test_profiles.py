"""Company profiles: saving a draft's company answers, prefilling new drafts, bad files."""

from __future__ import annotations

import dataclasses
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import BACKEND_ANSWERS
from jdwizard.draft.profiles import (
    Profile,
    ProfileError,
    company_fields,
    delete_profile,
    list_profiles,
    load_profile,
    prefill,
    profile_answers_for,
    profile_id_for,
    profile_path,
    save_profile,
    update_profile_from,
)
from jdwizard.paths import builtin_templates_dir, profiles_dir
from jdwizard.template.bundle import TemplateError, load_template
from jdwizard.template.library import get_template
from jdwizard.template.model import Template

# The built-in templates' company-level fields (their roles make them so; see roles.py).
# (in template order; company_website, company_size and eeo_statement are standard fields)
COMPANY_FIELDS = ("company", "what_you_do", "company_website", "company_size", "work_type",
                  "location", "benefits", "pto_policy", "eeo_statement")
ANSWERS = dict(BACKEND_ANSWERS, company_website="https://acme.example",
               company_size="about 120 people", eeo_statement="Acme Logistics hires on merit.")
COMPANY_ANSWERS = {name: ANSWERS[name] for name in COMPANY_FIELDS}


def test_saving_from_a_draft_keeps_only_company_answers(backend: Template) -> None:
    profile = update_profile_from(ANSWERS, backend, "acme", "Acme Logistics")
    assert profile.path == profiles_dir() / "acme.toml"
    loaded = load_profile("acme")
    assert loaded.name == "Acme Logistics"
    assert loaded.answers == COMPANY_ANSWERS
    for role_field in ("salary_range", "language", "hiring_manager", "seniority"):
        assert role_field not in loaded.answers
    assert loaded.updated is not None
    data = tomllib.loads(profile_path("acme").read_text(encoding="utf-8"))
    assert data["jdwizard_profile"] == 1


def test_company_fields_of_a_builtin_template_are_in_template_order(backend: Template) -> None:
    assert company_fields(backend) == COMPANY_FIELDS


def test_prefill_for_another_template_gives_the_company_answers(backend: Template) -> None:
    update_profile_from(ANSWERS, backend, "acme", "Acme")
    frontend = get_template("frontend-engineer")
    answers = prefill(frontend, load_profile("acme"))
    assert answers == COMPANY_ANSWERS
    assert list(answers) == list(company_fields(frontend))
    assert prefill(frontend, None) == {}


def test_prefill_skips_blank_answers_and_non_company_fields(backend: Template) -> None:
    profile = Profile(
        "acme", "Acme", {"company": "Acme", "benefits": "  \n", "salary_range": "€1", "x": "y"}
    )
    assert profile_answers_for(profile, backend) == {"company": "Acme"}


def test_a_renamed_field_is_prefilled_from_its_earlier_name(backend: Template) -> None:
    fields = tuple(
        dataclasses.replace(field, renamed_from=("pto",)) if field.name == "pto_policy" else field
        for field in backend.fields
    )
    renamed = dataclasses.replace(backend, fields=fields)
    profile = Profile("acme", "Acme", {"pto": "25 days"})
    assert prefill(renamed, profile) == {"pto_policy": "25 days"}
    profile.answers["pto_policy"] = "30 days"
    assert prefill(renamed, profile) == {"pto_policy": "30 days"}


def test_merging_keeps_answers_for_other_fields(backend: Template) -> None:
    save_profile(
        Profile("acme", "Acme", {"company": "Old name", "office_dog": "Rex", "location": "Paris"})
    )
    changed = dict(BACKEND_ANSWERS, location="", company="Acme Logistics GmbH")
    profile = update_profile_from(changed, backend, "acme")
    loaded = load_profile("acme")
    assert loaded.answers == profile.answers
    assert loaded.name == "Acme"  # no new display name given: kept
    assert loaded.answers["company"] == "Acme Logistics GmbH"
    assert loaded.answers["office_dog"] == "Rex"  # a field only another template has
    assert loaded.answers["location"] == "Paris"  # a blank draft answer does not erase
    assert loaded.answers["pto_policy"] == BACKEND_ANSWERS["pto_policy"]


def test_a_new_profile_is_named_after_the_company(backend: Template) -> None:
    update_profile_from(BACKEND_ANSWERS, backend, profile_id_for("Acme Logistics"))
    assert load_profile("acme-logistics").name == "Acme Logistics"


def test_two_profiles_side_by_side(backend: Template) -> None:
    update_profile_from(BACKEND_ANSWERS, backend, "acme", "Acme")
    globex = dict(BACKEND_ANSWERS, company="Globex", location="Springfield")
    update_profile_from(globex, backend, "globex", "Globex Corp")
    assert load_profile("acme").answers["company"] == "Acme Logistics"
    assert load_profile("globex").answers["location"] == "Springfield"
    summaries = list_profiles()
    assert [(s.id, s.name, s.answers, s.problem) for s in summaries] == [
        ("acme", "Acme", 6, ""),
        ("globex", "Globex Corp", 6, ""),
    ]


def test_list_profiles_reports_a_broken_file_and_lists_the_rest(backend: Template) -> None:
    update_profile_from(BACKEND_ANSWERS, backend, "acme", "Acme")
    (profiles_dir() / "broken.toml").write_text("answers = [unclosed\n", encoding="utf-8")
    (profiles_dir() / "Bad Name.toml").write_text("[answers]\n", encoding="utf-8")
    summaries = {summary.id: summary for summary in list_profiles()}
    assert set(summaries) == {"acme", "broken", "Bad Name"}
    assert summaries["acme"].problem == ""
    assert "broken.toml" in summaries["broken"].problem
    assert "Bad Name.toml" in summaries["Bad Name"].problem


def test_list_profiles_without_a_folder_is_empty() -> None:
    assert list_profiles() == []


BAD_FILES = {
    "not_toml": b"[answers\ncompany = 'x'\n",
    "binary": b"\x00\x01\x02\xff\xfe",
    "not_utf8": b"[answers]\ncompany = '\xff'\n",
    "no_answers": b'name = "Acme"\n',
    "answers_not_a_table": b'answers = "Acme"\n',
    "non_string_value": b"[answers]\ncompany = 3\n",
    "nested_table": b"[answers.company]\nname = 'x'\n",
    "name_not_text": b"name = 3\n[answers]\n",
    "newer_format": b"jdwizard_profile = 99\n[answers]\n",
    "too_big": b"[answers]\ncompany = '" + b"x" * 1_000_001 + b"'\n",
    "empty": b"",
}


@pytest.mark.parametrize("content", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_gives_one_line_naming_it(content: bytes) -> None:
    path = profile_path("acme")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(ProfileError) as caught:
        load_profile("acme")
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message


@pytest.mark.parametrize("content", [b"\x00\x01\x02\xff", b"[answers]\nc = '\xff'\n", b"a\x00"])
def test_a_binary_file_is_not_text(content: bytes) -> None:
    path = profile_path("acme")
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(ProfileError, match="is not a text file"):
        load_profile("acme")


def test_a_folder_in_place_of_a_profile_is_refused() -> None:
    profile_path("acme").mkdir(parents=True)
    with pytest.raises(ProfileError, match="is a folder"):
        load_profile("acme")


def test_a_missing_profile_names_the_existing_ones(backend: Template) -> None:
    with pytest.raises(ProfileError, match="none saved yet"):
        load_profile("acme")
    update_profile_from(BACKEND_ANSWERS, backend, "globex", "Globex")
    with pytest.raises(ProfileError) as caught:
        load_profile("acme")
    assert "\n" not in str(caught.value)
    assert str(profile_path("acme")) in str(caught.value)
    assert "globex" in str(caught.value)


def test_a_broken_profile_is_not_overwritten(backend: Template) -> None:
    path = profile_path("acme")
    path.parent.mkdir(parents=True)
    path.write_text("not toml at all", encoding="utf-8")
    with pytest.raises(ProfileError):
        update_profile_from(BACKEND_ANSWERS, backend, "acme")
    assert path.read_text(encoding="utf-8") == "not toml at all"


@pytest.mark.parametrize("name", ["../x", "x/y", "", "Acme", ".hidden", "a" * 65, "x.toml"])
def test_unsafe_profile_names_are_refused(name: str, backend: Template) -> None:
    for action in (
        lambda: profile_path(name),
        lambda: load_profile(name),
        lambda: save_profile(Profile(name, "x", {"company": "x"})),
        lambda: update_profile_from(BACKEND_ANSWERS, backend, name),
        lambda: delete_profile(name),
    ):
        with pytest.raises(ProfileError) as caught:
            action()
        assert "\n" not in str(caught.value)
    assert not (profiles_dir().parent / "x.toml").exists()


def test_profile_id_for_a_display_name() -> None:
    assert profile_id_for("Acme Logistics GmbH") == "acme-logistics-gmbh"
    assert profile_id_for("../x") == "x"
    assert profile_id_for("Café Zürich") == "cafe-zurich"
    with pytest.raises(ProfileError):
        profile_id_for("!!!")


def test_delete_profile(backend: Template) -> None:
    update_profile_from(BACKEND_ANSWERS, backend, "acme", "Acme")
    assert delete_profile("acme") == profile_path("acme")
    assert list_profiles() == []
    with pytest.raises(ProfileError, match="no profile 'acme'"):
        delete_profile("acme")


def _copy_backend_with_company_hiring_manager(tmp_path: Path) -> Template:
    folder = tmp_path / "backend-engineer"
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    meta = folder / "template.toml"
    text = meta.read_text(encoding="utf-8")
    marker = 'name = "hiring_manager"\n'
    assert text.count(marker) == 1
    meta.write_text(text.replace(marker, marker + "company = true\n"), encoding="utf-8")
    return load_template(folder)


def test_a_company_true_field_becomes_company_level(tmp_path: Path) -> None:
    template = _copy_backend_with_company_hiring_manager(tmp_path)
    assert template.field("hiring_manager").company
    assert "hiring_manager" in company_fields(template)
    update_profile_from(BACKEND_ANSWERS, template, "acme", "Acme")
    profile = load_profile("acme")
    assert profile.answers["hiring_manager"] == BACKEND_ANSWERS["hiring_manager"]
    assert prefill(template, profile)["hiring_manager"] == BACKEND_ANSWERS["hiring_manager"]
    # Not company-level in the built-in frontend template: not prefilled there.
    assert "hiring_manager" not in prefill(get_template("frontend-engineer"), profile)


def test_company_must_be_true_or_false(tmp_path: Path) -> None:
    folder = tmp_path / "backend-engineer"
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    meta = folder / "template.toml"
    text = meta.read_text(encoding="utf-8").replace(
        'name = "hiring_manager"\n', 'name = "hiring_manager"\ncompany = "yes"\n'
    )
    meta.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match="'company' must be true or false"):
        load_template(folder)


ODD_TEXT = {
    "company": 'Ünïcødé "Quoted" \'Co\' 株式会社 🚀',
    "what_you_do": "line one\nline two\n\n  indented\ttab\\backslash \"\"\" '''",
    "location": "trailing spaces  ",
    "benefits": "\r\nCRLF line\r\n",
}


def test_odd_text_round_trips_exactly(backend: Template) -> None:
    update_profile_from(ODD_TEXT, backend, "odd", 'The "Odd" Company ✨')
    profile = load_profile("odd")
    assert profile.answers == ODD_TEXT
    assert profile.name == 'The "Odd" Company ✨'
    assert prefill(backend, profile) == {
        name: ODD_TEXT[name] for name in company_fields(backend) if name in ODD_TEXT
    }


def test_unknown_top_level_keys_are_kept(backend: Template) -> None:
    path = profile_path("acme")
    path.parent.mkdir(parents=True)
    path.write_text('note = "by hand"\n[answers]\ncompany = "Acme"\n', encoding="utf-8")
    update_profile_from(BACKEND_ANSWERS, backend, "acme")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["note"] == "by hand"
    assert data["name"] == "acme"


def test_a_profile_fills_a_company_field_named_otherwise_by_its_role(backend):
    """A template may call its company field anything (its role says what it is): a profile
    saved from a built-in template, or started with `profile edit`, still fills it."""
    fields = tuple(dataclasses.replace(field, name="employer") if field.name == "company"
                   else field for field in backend.fields)
    other = dataclasses.replace(backend, fields=fields)
    profile = Profile("acme", "Acme", {"company": "Acme", "location": "Berlin"})
    answers = profile_answers_for(profile, other)
    assert answers["employer"] == "Acme" and answers["location"] == "Berlin"
    assert "company" not in answers
