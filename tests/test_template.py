"""The built-in template's contract, and validation of template bundles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdwizard.paths import builtin_templates_dir
from jdwizard.template.bundle import TemplateError, load_template
from jdwizard.template.library import get_template, template_folders

PUBLIC_FIELDS = [
    "company", "location", "work_type", "salary_range", "hiring_manager",
    "what_you_do", "language", "framework", "datastore", "benefits", "pto_policy",
    # the standard fields every built-in template has (data/standard-fields.toml)
    "job_title", "employment_type", "responsibilities", "requirements", "how_to_apply",
]


def test_backend_template_has_the_public_fields(backend):
    required = {field.name for field in backend.fields if field.required}
    assert required == set(PUBLIC_FIELDS)
    optional = {field.name for field in backend.fields if not field.required}
    assert optional == {"scale", "work_focus", "seniority", "on_call", "extra_pay", "domain",
                        "company_website", "company_size", "nice_to_have", "about_team",
                        "interview_process", "extra", "apply_by", "eeo_statement"}
    assert backend.id == "backend-engineer" and backend.version >= 1


def test_language_is_one_field_used_in_both_places(backend):
    assert [f.name for f in backend.fields].count("language") == 1
    items = [item for name in ("responsibilities", "requirements")
             for item in backend.field(name).default or ()]
    assert sum("{{ language }}" in item for item in items) == 2


def test_note_examples_become_hints(backend):
    assert backend.field("language").hint == "e.g. Go, Python, Node"
    assert backend.field("datastore").hint == "e.g. PostgreSQL"
    assert backend.field("domain").hint == "e.g. payments, search, data"
    assert backend.field("language").note == "[your language, e.g. Go, Python, Node]"


def test_kinds_and_suggestions(backend):
    assert backend.field("work_type").suggestions == ("Remote", "Hybrid", "On-site")
    assert backend.field("benefits").kind == "text"
    assert backend.field("salary_range").validate == "salary"


@pytest.mark.parametrize(
    ("field", "tip_start"),
    [
        ("language", "Name your language, framework"),
        ("framework", "Name your language, framework"),
        ("datastore", "Name your language, framework"),
        ("salary_range", "Include the salary range and seniority"),
        ("what_you_do", "Describe the kind of backend work"),
        ("what_you_do", "Be honest about scale"),
        ("scale", "Be honest about scale"),
        ("on_call", "Clarify on-call"),
        ("seniority", "Include the salary range and seniority"),
    ],
)
def test_tips_attach_to_their_fields(backend, field, tip_start):
    assert any(tip.text.startswith(tip_start) for tip in backend.tips_for(field))


def test_help_carries_when_to_use_and_faq(backend):
    assert backend.when_to_use.startswith("Use this when you're hiring an engineer")
    assert [item.question for item in backend.faq][0] == "What does a Backend Engineer do?"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "backend-engineer"
    shutil.copytree(builtin_templates_dir() / "backend-engineer", folder)
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copied_bundle_loads(bundle):
    assert load_template(bundle).id == "backend-engineer"


def test_body_variable_without_field_fails_naming_it(bundle):
    _edit(bundle / "body.md.j2", "Our systems handle {{ scale }}", "Our systems handle {{ sacle }}")
    with pytest.raises(TemplateError, match=r"body\.md\.j2.*'sacle'"):
        load_template(bundle)


def test_field_never_used_fails_naming_it(bundle):
    _edit(bundle / "template.toml", '    "Background in {{ domain }}.",\n', "")
    with pytest.raises(TemplateError, match=r"body\.md\.j2.*'domain'"):
        load_template(bundle)


def test_unknown_key_fails_naming_file_and_key(bundle):
    _edit(bundle / "template.toml", 'name = "company"\n', 'name = "company"\nhnit = "x"\n')
    with pytest.raises(TemplateError, match=r"template\.toml.*'company'.*unknown key 'hnit'"):
        load_template(bundle)


def test_unknown_top_level_key_fails(bundle):
    _edit(bundle / "template.toml", 'body = "body.md.j2"\n', 'body = "body.md.j2"\nauthor = "me"\n')
    with pytest.raises(TemplateError, match="unknown key 'author'"):
        load_template(bundle)


def test_bad_kind_and_tip_for_unknown_field_fail(bundle):
    _edit(bundle / "template.toml", 'kind = "text"', 'kind = "essay"')
    with pytest.raises(TemplateError, match="kind 'essay'"):
        load_template(bundle)


def test_tip_naming_unknown_field_fails(bundle):
    _edit(bundle / "template.toml", 'fields = ["on_call"]', 'fields = ["oncall"]')
    with pytest.raises(TemplateError, match="unknown field 'oncall'"):
        load_template(bundle)


def test_invalid_toml_and_jinja_fail_with_file(bundle):
    (bundle / "body.md.j2").write_text("{% if company %}unclosed {{ company }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"body\.md\.j2"):
        load_template(bundle)
    (bundle / "template.toml").write_text("id = ", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"template\.toml: not valid TOML"):
        load_template(bundle)


def test_builtin_templates_are_found_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert get_template("backend-engineer").title == "Backend Engineer"


BUILTIN_IDS = ["backend-engineer", "data-engineer", "frontend-engineer",
               "site-reliability-engineer", "software-engineer"]
SHARED_FIELDS = {"company", "what_you_do", "hiring_manager", "work_type", "location",
                 "salary_range", "benefits", "pto_policy"}


def test_the_builtin_library_lists_the_engineering_templates_by_category(capsys):
    from jdwizard.template.library import load_library

    library = load_library()
    assert set(BUILTIN_IDS) <= {t.id for t in library.templates}
    assert not library.problems
    categories = {t.id: t.category for t in library.templates}
    assert {categories[name] for name in BUILTIN_IDS} == {"Engineering", "Data"}
    assert categories["data-engineer"] == "Data"


def sample_answer(field) -> str:
    if field.validate == "salary":
        return "$150,000–$190,000 per year"
    if field.kind == "text":
        return "First thing\nSecond thing"
    return f"ANSWER-{field.name}"


@pytest.mark.parametrize("template_id", BUILTIN_IDS)
def test_each_builtin_template_renders_whole_with_all_or_only_required_answers(template_id):
    from jdwizard.template.engine import Renderer

    template = get_template(template_id)
    assert set(template.field_names) >= SHARED_FIELDS
    assert len(template.faq) >= 3 and template.when_to_use and len(template.tips) >= 4
    assert all(tip.fields for tip in template.tips)
    renderer = Renderer(template)
    full = {field.name: sample_answer(field) for field in template.fields
            if field.default is None}  # those with one show it (and the answers it inserts)
    minimal = {name: value for name, value in full.items() if template.field(name).required}
    for answers in (full, minimal):
        document = renderer.render(answers)
        assert "{{" not in document and "{%" not in document and "[" not in document
        assert "\n\n\n" not in document
        assert not any("  " in line or line.endswith(" ") for line in document.splitlines())
        for name, value in answers.items():
            if template.field(name).kind == "line":
                assert value in document, name
        assert "- First thing.\n- Second thing." in document  # the body's full stops
    skipped = [f for f in template.fields if not f.required]
    document = renderer.render(minimal)
    assert skipped and not any(f"ANSWER-{f.name}" in document for f in skipped)


@pytest.mark.parametrize("folder", template_folders(), ids=lambda folder: folder.name)
def test_every_built_in_bundle_passes_the_checks_user_templates_get(folder: Path) -> None:
    """The app trusts the built-in bundles (no Jinja2 at start-up); here each is checked as a
    user's would be: its body parses, uses exactly its fields, and renders in the sandbox."""
    assert load_template(folder, trusted=False).id == folder.name
