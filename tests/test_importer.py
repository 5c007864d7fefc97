"""Importing a plain-text or Markdown template in the seed notation into a template bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jdwizard.template import importing as importer
from jdwizard.template.bundle import TemplateError, load_template
from jdwizard.template.engine import Renderer
from jdwizard.template.importing import (
    TemplateImportError,
    describe_import,
    import_template,
    parse_template_text,
    writing,
)
from jdwizard.template.model import Template

SEED = Path(__file__).parent / "data" / "backend-engineer-template.txt"  # the shared seed
# The seed's notes, and the standard fields every import gets: job title and employment type
# after the company's own fields, the deadline, how to apply and the EEO statement at the end.
NOTE_FIELDS = [
    "company", "what_you_do", "hiring_manager", "work_type", "location", "language",
    "datastore", "framework", "domain", "salary_range", "benefits", "pto_policy",
]
STANDARD = ["job_title", "employment_type", "apply_by", "how_to_apply", "eeo_statement"]
SEED_FIELDS = [*NOTE_FIELDS[:2], *STANDARD[:2], *NOTE_FIELDS[2:], *STANDARD[2:]]
SEED_ANSWERS = {
    "company": "Acme Logistics",
    "what_you_do": "a logistics platform for small shops",
    "hiring_manager": "Priya Shah",
    "work_type": "hybrid",
    "location": "Berlin",
    "language": "Go",
    "datastore": "PostgreSQL",
    "framework": "gRPC",
    "domain": "payments",
    "salary_range": "€60.000–€75.000",
    "benefits": "Health insurance\nA yearly learning budget",
    "pto_policy": "30 days of paid vacation",
}
CHROME = ["14-day", "Transparent Pricing", "See all plans", "Free & editable", "ATS", "$49"]

MARKDOWN = """\
# Data Analyst job description template

For an analyst who turns raw data into decisions.

## When to use this template

Use it when the role is mostly reporting and analysis.

## Writing tips

- Name the tools, for example your warehouse.
- Mention the team size.

## Job description

### About {{ company }}

{{company}} builds [our product, e.g. a budgeting app].

### What you'll do

- Analyse data in [your warehouse, such as BigQuery].
  - Share findings with {{ company }} leadership.

### What we offer

- [Perks].

## FAQ

### Is SQL required?

Usually, yes.

Some teams use Python
instead.

## Ready to hire?

Start a trial today.
"""


def seed_import(root: Path, **options) -> importer.ImportResult:
    return import_template(SEED, dest_root=root, template_id="backend-imported", **options)


def write(tmp_path: Path, text: str, name: str = "role.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- the seed


def test_seed_imports_as_the_built_in_fields(tmp_path, backend):
    result = seed_import(tmp_path / "templates")
    template = load_template(result.path)
    assert [field.name for field in template.fields] == SEED_FIELDS
    assert set(SEED_FIELDS) <= set(backend.field_names)  # the built-in's names, standard ones too
    assert result.standard == tuple(STANDARD)
    assert result.path == tmp_path / "templates" / "backend-imported"
    assert (template.id, template.title, template.category) == (
        "backend-imported", "Backend Engineer", "Engineering"
    )
    assert template.summary.startswith("For an engineer who builds the APIs")


def test_seed_notes_keep_their_notation_and_hints(tmp_path):
    template = load_template(seed_import(tmp_path).path)
    language = template.field("language")
    assert language.note == "[your language, e.g. Go, Python, Node]"
    assert language.hint == "e.g. Go, Python, Node"
    assert template.field("datastore").hint == "e.g. PostgreSQL"
    assert template.field("domain").hint == "e.g. payments, search, data"
    known = importer.known_fields()
    for name in NOTE_FIELDS:  # each asked as the built-in templates ask it
        assert template.field(name).label == known[name].label
        assert template.field(name).role == known[name].role
    assert template.field("company").note == "{{company}}"
    benefits = template.field("benefits")
    assert (benefits.kind, benefits.as_list, benefits.note) == (
        "text", True, "[Comprehensive benefits]"
    )
    assert template.body.count("{{ language }}") == 2


def test_seed_tips_faq_and_help(tmp_path):
    template = load_template(seed_import(tmp_path).path)
    assert len(template.tips) == 5
    assert template.tips[0].fields == ("language", "framework", "datastore")
    assert template.tips[4].fields == ("salary_range",)
    assert template.tips[3].text == "Clarify on-call expectations if the role includes them."
    assert template.tips[3].fields == ()  # no on-call field: a general tip, still in the help
    assert [faq.question for faq in template.faq] == [
        "What does a Backend Engineer do?",
        "What's the difference between a Backend Engineer and a Frontend Engineer?",
        "What skills should a Backend Engineer have?",
    ]
    assert template.faq[2].answer.endswith("cloud infrastructure is a common plus.")
    assert template.when_to_use.startswith("Use this when you're hiring an engineer")
    assert template.when_to_use.count("\n\n") == 2
    assert "Replace these placeholders before posting:" in template.personalize


def test_seed_bundle_has_no_page_chrome(tmp_path):
    result = seed_import(tmp_path)
    bundle = "".join(path.read_text(encoding="utf-8") for path in result.path.iterdir())
    for chrome in CHROME + ["Job Descriptions/", "Copy the template below"]:
        assert chrome not in bundle


def test_seed_renders_as_a_markdown_job_description(tmp_path):
    template = load_template(seed_import(tmp_path).path)
    document = Renderer(template).render(SEED_ANSWERS)
    assert "{{" not in document and "[" not in document and "{%" not in document
    assert document.startswith(
        "# Backend Engineer\n\n- Company: Acme Logistics\n- Location: Berlin\n"
        "- Workplace: hybrid\n- Employment type: Full-time\n\n"
        "## About Acme Logistics\n\nAcme Logistics is a logistics platform")
    for heading in ["The role", "What you'll do", "What we're looking for", "Nice to have",
                    "What we offer"]:
        assert f"\n## {heading}\n\n" in document
    assert "- Design and build APIs and services in Go.\n" in document
    assert "- Health insurance.\n- A yearly learning budget.\n- Flexible hybrid working" in document
    assert "- Strong skills in Go and experience with gRPC.\n" in document


def test_seed_default_id_is_the_built_in_one_and_refused(tmp_path):
    parsed = parse_template_text(SEED.read_text(encoding="utf-8"), source_name=str(SEED))
    assert parsed.template_id == "backend-engineer"
    with pytest.raises(TemplateImportError, match="built-in.*--id backend-engineer-2"):
        import_template(SEED, dest_root=tmp_path / "t", force=True)
    assert not (tmp_path / "t").exists()


def test_describe_import_reports_fields_tips_sections_and_next_step(tmp_path):
    result = seed_import(tmp_path)
    report = describe_import(result)
    assert "pto_policy" in report and "from [PTO policy]" in report
    assert "from {{hiring_manager}}" in report
    assert "Tips: 5 (2 attached to fields)" in report
    assert "[language, framework, datastore]" in report
    assert "when to use, writing tips, job description, how to personalize, faq" in report
    assert "FAQ entries: 3" in report
    assert str(result.path) in report
    assert report.endswith("Start it with: jdwizard new backend-imported")


# ---------------------------------------------------------------- notes and placeholders


@pytest.mark.parametrize(
    ("note", "name", "label", "hint"),
    [
        ("[your datastore, e.g. PostgreSQL]", "datastore", "Datastore", "e.g. PostgreSQL"),
        ("[what you do]", "what_you_do", "What you do", ""),
        ("[PTO policy]", "pto_policy", "PTO policy", ""),
        ("[your framework]", "framework", "Framework", ""),
        ("[a relevant domain, e.g. payments, search, data]", "domain", "Domain",
         "e.g. payments, search, data"),
        ("[Comprehensive benefits]", "benefits", "Benefits", ""),
        ("[your stack (e.g. Go and Kafka)]", "stack", "Stack", "e.g. Go and Kafka"),
        ("[your primary language(s)]", "language", "Language", ""),
        ("[3 wishes]", "field_3_wishes", "3 wishes", ""),
        ("[if]", "if_", "If", ""),
        ("{{ Salary Range }}", "salary_range", "Salary range", ""),
        ("{{first-name}}", "first_name", "First name", ""),
    ],
)
def test_note_naming(note, name, label, hint):
    parsed = parse_template_text(f"We use {note} daily.", source_name="x.txt", postable=False)
    (field,) = parsed.fields
    assert (field.name, field.label, field.note) == (name, label, note)
    assert field.hint == (hint or "in the text: We use " + note + " daily.")
    assert parsed.body == f"We use {{{{ {name} }}}} daily.\n"


def test_notes_naming_the_same_thing_are_one_field_with_the_richer_hint():
    text = "Skills in [your language].\n\nBuild in [your language, e.g. Go, Python]."
    parsed = parse_template_text(text, source_name="x.txt", postable=False)
    (field,) = parsed.fields
    assert field.hint == "e.g. Go, Python"
    assert field.note == "[your language, e.g. Go, Python]"
    assert parsed.body.count("{{ language }}") == 2


def test_a_note_named_like_a_placeholder_is_that_field():
    parsed = parse_template_text("{{datastore}} or [your datastore]", source_name="x.txt",
                                 postable=False)
    assert [field.name for field in parsed.fields] == ["datastore"]
    assert parsed.fields[0].note == "{{datastore}}"
    assert parsed.body == "{{ datastore }} or {{ datastore }}\n"


def test_questions_read_sensibly():
    parsed = parse_template_text(
        "- [what you do]\n- [PTO policy]\n- [your perks]", source_name="x.txt", postable=False
    )
    questions = {field.name: field.question for field in parsed.fields}
    assert questions == {
        "what_you_do": "What should the post say about what you do?",
        "pto_policy": "What is your PTO policy?",
        "perks": "What are your perks? (one per line)",
    }


def test_a_plural_note_used_inside_a_sentence_is_not_a_list():
    parsed = parse_template_text("We offer [your benefits] and more.", source_name="x.txt",
                                 postable=False)
    assert (parsed.fields[0].kind, parsed.fields[0].as_list) == ("line", False)


@pytest.mark.parametrize(
    "literal",
    [
        "[our site](https://example.com/jobs)",
        "![logo](img/logo.png)",
        "[the docs][docs]",
        "[ ] a task",
        "[x] a task",
        r"\[not a note\]",
        "a footnote[1]",
        "a footnote[^note]",
    ],
)
def test_non_notes_stay_literal(literal):
    parsed = parse_template_text(f"{{{{company}}}} and {literal}", source_name="x.md",
                                 postable=False)
    assert [field.name for field in parsed.fields] == ["company"]
    assert parsed.body == f"{{{{ company }}}} and {literal}\n"


def test_reference_definitions_stay_literal():
    text = "See [docs][1] at {{company}}.\n\n[1]: https://example.com/docs"
    parsed = parse_template_text(text, source_name="x.md", postable=False)
    assert [field.name for field in parsed.fields] == ["company"]
    assert parsed.body.endswith("\n\n[1]: https://example.com/docs\n")


# ---------------------------------------------------------------- Jinja in the source


def test_jinja_syntax_in_the_source_renders_literally(tmp_path):
    source = write(tmp_path, (
        "Join {{company}}.\n\n"
        "{% for x in range(10) %}loop{% endfor %}\n"
        "Maths: {{ 7*7 }} {# hidden #} {{ company.__class__ }} and {%- raw %} x{ }\n"
    ))
    result = import_template(source, dest_root=tmp_path / "t", builtin_ids=())
    template = load_template(result.path)
    assert [name for name in template.field_names if name not in STANDARD] == ["company"]
    document = Renderer(template).render({"company": "Acme"})
    assert "{% for x in range(10) %}loop{% endfor %}" in document
    assert "Maths: {{ 7*7 }} {# hidden #} {{ company.__class__ }} and {%- raw %} x{ }" in document
    assert "49" not in document and "looploop" not in document
    assert len(result.warnings) == 6
    assert "line 4: '{{ 7*7 }}' is not a placeholder" in result.warnings[2]


NOTES = {"[your thing]": "<T>", "[the other thing, e.g. stuff]": "<O>", "{{ name }}": "<N>",
         "{{Name}}": "<N>"}
ANSWERS = {"thing": "<T>", "other_thing": "<O>", "name": "<N>"}
LITERALS = st.one_of(
    st.text(alphabet="ab %#.!?,:()-*\\'\"x", min_size=1, max_size=6),
    st.sampled_from(["{% for x in y %}", "{# c #}", "{{ 1+1 }}", "{%", "{#", "%}", "#}", "x{ }",
                     "\\[x\\]", "[1]", "[ ]", "[t](u)", "![i](s)", "{{ '{' }}", "{%- raw %}"]),
)


@given(st.lists(st.one_of(LITERALS, st.sampled_from(sorted(NOTES))), max_size=8),
       st.sampled_from(sorted(NOTES)))
def test_any_line_renders_its_text_with_only_the_notes_replaced(parts, note):
    line = " ".join(["x", note, *parts])
    parsed = parse_template_text(line, source_name="p.txt", postable=False)
    template = Template(
        id="p", title="P", version=1, category="", summary="", when_to_use="", personalize="",
        faq=(), tips=(), fields=parsed.fields, body=parsed.body, source=Path("p"),
    )
    expected = " ".join(["x", NOTES[note], *(NOTES.get(part, part) for part in parts)])
    answers = {name: ANSWERS[name] for name in template.field_names}
    assert Renderer(template).render(answers) == expected.strip() + "\n"


def test_only_non_placeholder_braces_is_no_template(tmp_path):
    with pytest.raises(TemplateImportError, match="no {{placeholders}} or \\[bracketed notes\\]"):
        parse_template_text("Compute {{ 7*7 }} here.", source_name="x.txt")


# ---------------------------------------------------------------- page forms


def test_markdown_form(tmp_path):
    source = write(tmp_path, MARKDOWN, "data-analyst.md")
    result = import_template(source, dest_root=tmp_path / "t", builtin_ids=())
    template = load_template(result.path)
    assert (template.id, template.title, template.category) == (
        "data-analyst", "Data Analyst", "Imported"
    )
    assert template.summary == "For an analyst who turns raw data into decisions."
    assert template.field_names == (
        "company", "job_title", "employment_type", "product", "warehouse", "perks", *STANDARD[2:])
    assert template.field("warehouse").hint == "such as BigQuery"
    assert template.field("perks").as_list
    assert [tip.fields for tip in template.tips] == [("warehouse",), ()]
    assert [(faq.question, faq.answer) for faq in template.faq] == [
        ("Is SQL required?", "Usually, yes.\n\nSome teams use Python instead.")
    ]
    assert template.when_to_use == "Use it when the role is mostly reporting and analysis."
    assert template.body == (
        "# {{ job_title }}\n\n"
        "- Company: {{ company }}\n- Employment type: {{ employment_type }}\n\n"
        "## About {{ company }}\n\n{{ company }} builds {{ product }}.\n\n"
        "## What you'll do\n\n- Analyse data in {{ warehouse }}.\n"
        "  - Share findings with {{ company }} leadership.\n\n"
        "## What we offer\n\n- {{ perks }}\n\n"
        "## How to apply\n\n{% if apply_by %}\n{{ apply_by }}\n{% endif %}\n{{ how_to_apply }}\n"
        "{% if eeo_statement %}\n{{ eeo_statement }}\n{% endif %}\n"
    )
    answers = {"company": "Acme", "product": "a budgeting app", "warehouse": "BigQuery",
               "perks": "Bikes\nBooks", "how_to_apply": "Write to jobs@acme.example.",
               "eeo_statement": ""}
    assert Renderer(template).render(answers).endswith(
        "## What we offer\n\n- Bikes.\n- Books.\n\n"
        "## How to apply\n\nWrite to jobs@acme.example.\n")


def test_text_without_sections_is_all_body(tmp_path):
    text = "About us\n\n{{company}} is hiring.\n  • Work with [your team]\n  • Ship it\nThanks"
    parsed = parse_template_text(text, source_name="/x/qa-lead-template.txt", postable=False)
    assert (parsed.title, parsed.template_id, parsed.sections) == ("Qa Lead", "qa-lead", ())
    assert parsed.body == (
        "## About us\n\n{{ company }} is hiring.\n\n- Work with {{ team }}\n- Ship it\n\nThanks\n"
    )
    assert parsed.summary == "Imported from qa-lead-template.txt."


# ---------------------------------------------------------------- errors write nothing


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Just a plain job ad.\n", "no {{placeholders}}"),
        ("About\n\nJoin {{company} today\n",
         "role.md:3: unbalanced '{{' in 'Join {{company} today'; close it"),
        ("Work with [your team\n", "role.md:1: unbalanced '\\[' in 'Work with \\[your team'"),
        ("Pay: {{salary}} }}\n", "role.md:1: unbalanced '}}'"),
        ("", "is empty"),
        ("  \n\n", "is empty"),
    ],
)
def test_bad_text_is_refused_and_nothing_written(tmp_path, content, message):
    source = write(tmp_path, content)
    dest = tmp_path / "templates"
    with pytest.raises(TemplateImportError, match=message):
        import_template(source, dest_root=dest, builtin_ids=())
    assert not dest.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00{{company}}", "looks binary"),
        ("{{company}} caf\u00e9".encode("latin-1"), "not UTF-8"),
        (b"{{company}} " + b"x" * 200_001, "larger than 200 KB"),
    ],
)
def test_unreadable_files_are_refused(tmp_path, data, message):
    source = tmp_path / "role.txt"
    source.write_bytes(data)
    with pytest.raises(TemplateImportError, match=message) as error:
        import_template(source, dest_root=tmp_path / "t", builtin_ids=())
    assert str(source) in str(error.value) and "\n" not in str(error.value)
    assert not (tmp_path / "t").exists()


def test_utf16_text_is_read(tmp_path):
    source = tmp_path / "role.txt"
    source.write_text("Join {{company}} in [your city].", encoding="utf-16")
    result = import_template(source, dest_root=tmp_path / "t", builtin_ids=())
    assert [field.name for field in result.fields][:2] == ["company", "location"]  # "city"


def test_instructions_before_the_job_description_are_left_out():
    text = (
        "Tester job description template\n\nThe job description\n\n"
        "Copy the template below and replace the {{placeholders}} with your specifics.\n\n"
        "About {{company}}\n\nWe test [your product]."
    )
    parsed = parse_template_text(text, source_name="t.txt", postable=False)
    assert [field.name for field in parsed.fields] == ["company", "product"]
    assert parsed.body == "## About {{ company }}\n\nWe test {{ product }}.\n"
    assert (parsed.title, parsed.sections) == ("Tester", ("job description",))


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(TemplateImportError, match="cannot be read"):
        import_template(tmp_path / "nope.txt", dest_root=tmp_path / "t")


@pytest.mark.parametrize("bad_id", ["../x", "Bad_ID", "-x", "", "a/b", "x" * 65])
def test_invalid_ids_are_refused(tmp_path, bad_id):
    with pytest.raises(TemplateImportError, match="not a valid id"):
        import_template(SEED, dest_root=tmp_path / "t", template_id=bad_id)
    assert not (tmp_path / "t").exists() and not (tmp_path / "x").exists()


def test_a_bundle_that_does_not_load_is_not_written(tmp_path, monkeypatch):
    def refuse(folder: Path) -> None:
        raise TemplateError(f"{folder}: broken")

    monkeypatch.setattr(writing, "load_template", refuse)
    dest = tmp_path / "t"
    with pytest.raises(TemplateImportError, match="converted template is invalid"):
        seed_import(dest)
    assert list(dest.iterdir()) == []


# ---------------------------------------------------------------- clashes and --force


def test_existing_user_template_needs_force_and_force_replaces_it(tmp_path):
    dest = tmp_path / "templates"
    seed_import(dest)
    edited = write(tmp_path, "Welcome to {{company}} and [our mission].", "edited.txt")
    with pytest.raises(TemplateImportError, match="already exists; use --force.*--id"):
        import_template(edited, dest_root=dest, template_id="backend-imported")
    assert load_template(dest / "backend-imported").field_names == tuple(SEED_FIELDS)

    import_template(edited, dest_root=dest, template_id="backend-imported", force=True)
    replaced = load_template(dest / "backend-imported")
    assert [name for name in replaced.field_names if name not in STANDARD] == ["company", "mission"]
    assert sorted(path.name for path in dest.iterdir()) == ["backend-imported"]


def test_taken_ids_clash_without_a_folder(tmp_path):
    with pytest.raises(TemplateImportError, match="already exists"):
        seed_import(tmp_path, taken_ids={"backend-imported"}, builtin_ids=())


def test_built_in_ids_are_refused_even_with_force(tmp_path):
    with pytest.raises(TemplateImportError, match="'backend-engineer' is a built-in"):
        import_template(SEED, dest_root=tmp_path, template_id="backend-engineer", force=True)
    with pytest.raises(TemplateImportError, match="'mine' is a built-in"):
        import_template(SEED, dest_root=tmp_path, template_id="mine", builtin_ids={"mine"})
    assert list(tmp_path.iterdir()) == []
