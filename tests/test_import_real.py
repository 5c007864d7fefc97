"""Importing real templates right (issue 16): a page's words to its reader are not the post, the
summary is a sentence about the role, notes in a user's own words become the fields jdwizard
knows, labels and questions read well, and every import gives a post one can publish."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import BACKEND_ANSWERS
from jdwizard.cli import main
from jdwizard.draft.profiles import Profile, company_fields, merge_answers, prefill
from jdwizard.paths import user_templates_dir
from jdwizard.template.bundle import load_template
from jdwizard.template.engine import Renderer
from jdwizard.template.importing import import_template, known_fields, parse_template_text
from jdwizard.template.importing.page import read_intro
from jdwizard.template.importing.standard import standard_fields
from jdwizard.template.importing.synonyms import SYNONYMS_FILE, field_meant
from jdwizard.template.library import get_template
from jdwizard.template.roles import LEGACY_NAMES, Role

DATA = Path(__file__).parent / "data" / "import"
PM = DATA / "product-manager-template.txt"  # written for these tests in the seed's notation
READER_WORDS = ["Use this", "Customize it", "job boards", "job description template",
                "Free & editable", "free trial", "$49", "See all plans"]
PM_ANSWERS = {
    "company": "Harbour Dental Software",
    "what_you_do": "a booking app used by 3,000 dental clinics",
    "product_area": "patient onboarding",
    "team_size": "six",
    "metric": "the share of new clinics live within a week",
    "hiring_manager": "Ana Ruiz, Head of Product",
    "location": "Leeds, UK",
    "work_type": "hybrid, two days a week in the office",
    "salary_range": "£65,000–£80,000 a year",
    "pto_policy": "25 days plus public holidays",
    "benefits": "Private health insurance\nA 6% pension contribution",
    "learning_budget": "£1,000",
}


@pytest.fixture
def pm(capsys) -> tuple[str, object]:
    """The Product Manager page imported from the command line: its report and template."""
    assert main(["import", str(PM), "--id", "pm"]) == 0
    return capsys.readouterr().out, get_template("pm")


def pure(text: str) -> dict[str, tuple[str, str]]:
    """Each field of `text` (no built-in wording, no standard fields): (label, question)."""
    parsed = parse_template_text(text, source_name="t.md", known_fields={}, postable=False)
    return {field.name: (field.label, field.question) for field in parsed.fields}


# ---------------------------------------------------------------- a realistic page


def test_the_page_s_words_to_its_reader_are_not_the_post(pm):
    report, template = pm
    for words in READER_WORDS:
        assert words not in template.body, words
    assert template.body.startswith("# {{ job_title }}\n\n- Company: {{ company }}\n")
    assert "\n## The role\n\n{{ company }} is {{ what_you_do }}. We're looking for" in template.body
    assert template.when_to_use.startswith("Use this Product Manager job description template")
    assert template.personalize == "Customize it for your company, then post it to job boards."
    left_out = report.split("Left out of the post:\n")[1].split("\n\n")[0].splitlines()
    assert left_out == [
        '  - instructions to the reader: "Use this Product Manager job description template to '
        'attract product…" (kept in the help, under "when to use")',
        '  - instructions to the reader: "Customize it for your company, then post it to job '
        'boards." (kept in the help, under "how to personalise")',
        '  - page chrome (sign-up, pricing, navigation): 5 lines, e.g. "ProductFree & editable"',
    ]


def test_the_summary_is_a_sentence_about_the_role(pm):
    _, template = pm
    assert template.summary == "A product manager decides what a team builds next, and why."
    assert main(["templates"]) == 0


def test_a_for_a_line_is_the_summary_and_a_heading_never_is():
    page = PM.read_text("utf-8")
    for_a = page.replace("A product manager decides what a team builds next, and why. ",
                         "For a product manager who talks to customers every week.\n\n")
    assert parse_template_text(for_a, source_name="pm.txt").summary == (
        "For a product manager who talks to customers every week.")
    no_sentence = page.replace("A product manager decides what a team builds next, and why. ", "")
    parsed = parse_template_text(no_sentence, source_name="pm.txt")
    assert parsed.summary == "Imported from pm.txt."  # not "The role"
    assert parsed.when_to_use.startswith("Use this Product Manager")


def test_the_intro_s_summary_skips_headings_and_words_to_the_reader():
    intro = [(1, "## Why this role?"), (2, ""), (3, "Use this template to hire fast. A nurse "
             "cares for patients on a busy ward. Edit it freely.")]
    summary, lines, routed = read_intro(intro, {"how to personalise"})
    assert (summary, lines) == ("A nurse cares for patients on a busy ward.", {3})
    assert [(part.text, part.moved_to) for part in routed.left_out] == [
        ("Use this template to hire fast.", ""), ("Edit it freely.", "how to personalise")]


def test_notes_in_the_user_s_words_are_the_fields_jdwizard_knows(pm):
    _, template = pm
    roles = {
        "company": Role.COMPANY_NAME, "what_you_do": Role.COMPANY_SUMMARY,
        "work_type": Role.WORK_TYPE, "pto_policy": Role.PTO, "hiring_manager": Role.HIRING_MANAGER,
        "location": Role.LOCATION, "salary_range": Role.SALARY, "benefits": Role.BENEFITS,
    }
    for name, role in roles.items():
        assert template.field(name).role is role, name
    assert template.field_names == (
        "company", "what_you_do", "job_title", "employment_type", "product_area", "team_size",
        "metric", "hiring_manager", "location", "work_type", "salary_range", "pto_policy",
        "benefits", "learning_budget", "apply_by", "how_to_apply", "eeo_statement",
    )
    assert template.field("work_type").hint == "e.g. hybrid, two days a week in the office"
    # worded as most built-in templates word them, not as one job family does ("Chef",
    # "Pay (base + variable)")
    assert template.field("salary_range").label == "Salary range"
    assert template.field("hiring_manager").label == "Hiring manager"
    assert template.field("pto_policy").question.startswith("What paid time off do you give?")


def test_labels_are_short_and_questions_read_as_questions(pm):
    _, template = pm
    for field in template.fields:
        assert len(field.label.split()) <= 4 and not field.label.lower().startswith(
            ("your ", "one sentence")), field.label
        assert re.match(r"^[A-Z][^?]*\?( \(.*\))?$", field.question) or field.name in (
            "eeo_statement",), field.question  # the standard statement asks for a text
        assert not re.match(r"^Your .*\?$", field.question), field.question
    assert template.field("metric").question == "Which metric will this person own?"
    assert template.field("what_you_do").question.endswith(
        '(finishes the sentence "<company> is ...")')


def test_a_company_profile_fills_every_company_answer(pm):
    """A profile saved from a built-in template's draft fills the imported one (it filled 3 of
    6 company answers when the notes kept their own names)."""
    _, template = pm
    backend = get_template("backend-engineer")
    eeo = "We are an equal opportunity employer."
    profile = merge_answers(Profile("acme", "Acme"), {**BACKEND_ANSWERS, "eeo_statement": eeo},
                            backend)
    filled = prefill(template, profile)
    assert set(company_fields(template)) == {
        "company", "what_you_do", "location", "work_type", "pto_policy", "benefits",
        "eeo_statement"}
    assert set(filled) == set(company_fields(template))


def test_the_imported_page_renders_a_complete_post(pm):
    _, template = pm
    post = Renderer(template).render(PM_ANSWERS)
    assert "{{" not in post and "[" not in post and "{%" not in post
    assert post.startswith(
        "# Product Manager\n\n- Company: Harbour Dental Software\n- Location: Leeds, UK\n"
        "- Workplace: hybrid, two days a week in the office\n"
        "- Employment type: Full-time\n\n## The role\n\n"
        "Harbour Dental Software is a booking app used by 3,000 dental clinics.")
    assert "be trusted to own the share of new clinics live within a week from" in post
    assert "\n## How to apply\n\nApply through this posting" in post
    assert post.rstrip().endswith("tell us and we will make it.")
    assert "Harbour Dental Software is an equal opportunity employer." in post


# ---------------------------------------------------------------- the synonym table


@pytest.mark.parametrize(
    ("note", "name"),
    [
        ("[work arrangement, e.g. hybrid]", "work_type"), ("[remote/hybrid]", "work_type"),
        ("[Remote, hybrid or on-site]", "work_type"), ("[paid time off]", "pto_policy"),
        ("[vacation days, e.g. 25]", "pto_policy"), ("[public holidays]", "pto_policy"),
        ("[one sentence on what your company does]", "what_you_do"),
        ("[one sentence about the company]", "what_you_do"),
        ("[hiring manager name and title]", "hiring_manager"), ("[reports to]", "hiring_manager"),
        ("[your benefits]", "benefits"), ("[comprehensive benefits package]", "benefits"),
        ("[salary]", "salary_range"), ("[pay range, e.g. £50k]", "salary_range"),
        ("[base compensation]", "salary_range"), ("[city]", "location"),
        ("[office location]", "location"), ("[company name]", "company"),
        ("{{company_name}}", "company"), ("[full-time/part-time]", "employment_type"),
        # what the table does not know keeps its own name
        ("[your team]", "team"), ("[company values]", "company_values"),
        ("[your metric]", "metric"), ("[account manager]", "account_manager"),
    ],
)
def test_notes_mean_fields_by_the_synonym_table(note, name):
    assert list(pure(f"We list {note} here.")) == [name]


@pytest.mark.parametrize(
    ("note", "name"),
    [("[application deadline]", "apply_by"), ("[equal opportunity statement]", "eeo_statement"),
     ("[how candidates should apply]", "how_to_apply"), ("[hiring process]", "interview_process")],
)
def test_a_note_means_a_paragraph_field_only_standing_alone(note, name):
    """Their answers are sentences ("Apply by 15 January 2027."): inside a sentence a note
    keeps a field of its own."""
    assert list(pure(f"Intro.\n\n{note}\n")) == [name]
    assert list(pure(f"Apply by {note} please.")) != [name]


def test_every_synonym_names_a_field_jdwizard_knows():
    table = tomllib.loads(SYNONYMS_FILE.read_text("utf-8"))
    known = set(LEGACY_NAMES) | set(standard_fields())
    assert set(table) <= known
    for name, entry in table.items():  # and each of its phrases means that field
        for phrase in entry["means"] + entry.get("heads", []):
            assert field_meant(phrase) == name, (phrase, name)  # no phrase in two tables


# ---------------------------------------------------------------- labels and questions


@pytest.mark.parametrize(
    ("text", "label", "question"),
    [
        ("You'll lead a team of [team size] engineers.", "Team size", "How big is your team?"),
        ("You'll be trusted to own [your metric] from day one.", "Metric",
         "Which metric will this person own?"),
        ("You'll use [your tools, e.g. Figma] daily.", "Tools",
         "Which tools will this person use?"),
        ("You'll work on [product area, e.g. onboarding].", "Product area",
         "What is your product area?"),
        ("We mostly [what the team builds].", "What the team builds",
         'What finishes the sentence "We mostly ..."?'),
        ("Our work: [what the team builds] and more.", "What the team builds",
         "What should the post say about what the team builds?"),
        ("It is [one sentence on the project, e.g. a new app].", "Project",
         "What is your project?"),
        ("You'll manage [number of direct reports] people.", "Number of direct reports",
         "How many direct reports?"),
        ("We ship [a short description of your release cadence].", "Release cadence",
         "What is your release cadence?"),
    ],
)
def test_labels_are_noun_phrases_and_questions_ask(text, label, question):
    ((got_label, got_question),) = pure(text).values()
    assert (got_label, got_question) == (label, question)


def test_a_known_question_quotes_this_body_s_own_words():
    """The bug: a hint said "finishes 'You'll focus on ...'" where the body said "to own ..."."""
    known = known_fields()
    assert "(finishes" in known["what_you_do"].question
    parsed = parse_template_text("{{company}} builds [what you do].\n\nAnd [what you do] again.",
                                 source_name="t.md", known_fields=known)
    questions = {field.name: field.question for field in parsed.fields}
    assert questions["what_you_do"].endswith('(finishes the sentence "<company> builds ...")')
    inside = parse_template_text("We do [what you do] since 2010.", source_name="t.md",
                                 known_fields=known)
    assert "finishes" not in inside.fields[0].question  # the note ends no sentence here
    assert inside.fields[0].question.endswith("?")


# ---------------------------------------------------------------- words to the reader


def test_reader_sentences_in_the_body_are_left_out_and_listed(tmp_path, capsys):
    source = tmp_path / "role.md"
    source.write_text(
        "About {{company}}\n\n"
        "Copy the template below. {{company}} builds [your product].\n\n"
        "- Build email templates in [your tool].\n"
        "- Replace the [bracketed notes] with your details.\n\n"
        "Sign up to save this job post.\n", "utf-8")
    assert main(["import", str(source), "--id", "role"]) == 0
    out = capsys.readouterr().out
    body = (user_templates_dir() / "role" / "body.md.j2").read_text("utf-8")
    assert "{{ company }} builds {{ product }}.\n" in body and "Copy" not in body
    assert "- Build email templates in {{ tool }}." in body  # about the job, kept
    assert "Replace" not in body and "Sign up" not in body
    assert out.split("Left out of the post:\n")[1].split("\n\n")[0].splitlines() == [
        '  - instructions to the reader: "Copy the template below." (dropped)',
        '  - instructions to the reader: "Replace the [bracketed notes] with your details." '
        '(kept in the help, under "how to personalise")',
        '  - instructions to the reader: "Sign up to save this job post." (dropped)',
    ]
    assert get_template("role").personalize == "Replace the [bracketed notes] with your details."


# ---------------------------------------------------------------- a post one can publish


def test_the_bundle_names_standard_fields_and_carries_its_format(tmp_path):
    result = import_template(PM, dest_root=tmp_path, template_id="pm", builtin_ids=())
    data = tomllib.loads((result.path / "template.toml").read_text("utf-8"))
    assert data["schema"] == 1
    tables = {table["name"]: table for table in data["fields"]}
    assert tables["job_title"] == {"name": "job_title", "default": "Product Manager"}
    for name in ("employment_type", "apply_by", "how_to_apply", "eeo_statement"):
        assert tables[name] == {"name": name}  # the rest comes from standard-fields.toml
    assert tables["work_type"]["note"].startswith("[work arrangement")


def test_a_body_with_its_own_sections_keeps_them():
    text = (
        "# Nurse job description\n\n"
        "Join [your ward] as a nurse.\n\n"
        "## How to apply\n\n"
        "Email [contact address] by Friday.\n"
    )
    parsed = parse_template_text(text, source_name="nurse.md", known_fields={})
    assert "how_to_apply" not in [field.name for field in parsed.fields]
    assert parsed.body == (
        "# {{ job_title }}\n\n- Employment type: {{ employment_type }}\n\n"
        "Join {{ ward }} as a nurse.\n\n## How to apply\n\nEmail {{ contact_address }} by Friday.\n"
        "\n{% if apply_by %}\n{{ apply_by }}\n{% endif %}\n"
        "{% if eeo_statement %}\n{{ eeo_statement }}\n{% endif %}\n"
    )
    assert parsed.defaults == {  # no company field: the statement speaks as "we"
        "job_title": "Nurse",
        "eeo_statement": parsed.defaults["eeo_statement"],
    }
    assert parsed.defaults["eeo_statement"].startswith("We are an equal opportunity employer.")
    assert "{{" not in parsed.defaults["eeo_statement"]


def test_a_template_naming_a_standard_field_keeps_its_own(tmp_path):
    source = tmp_path / "ops.md"
    source.write_text("We hire a [job title] at {{company}} ([employment type]).\n\n"
                      "Apply by [application deadline].\n", "utf-8")
    result = import_template(source, dest_root=tmp_path / "t", builtin_ids=())
    template = load_template(result.path)
    names = list(template.field_names)
    assert names.count("job_title") == names.count("employment_type") == 1
    assert names.count("apply_by") == 1
    assert template.body.startswith("# {{ job_title }}\n\n- Company: {{ company }}\n\n")
    assert template.body.count("{{ apply_by }}") == 1  # where the text put it, not again
    post = Renderer(template).render({"job_title": "Shift Lead", "company": "Acme",
                                      "employment_type": "Part-time"})
    assert post.startswith("# Shift Lead\n\n- Company: Acme\n\nWe hire a Shift Lead at Acme "
                           "(Part-time).")



def test_a_draft_of_the_imported_page_passes_the_checks(pm, tmp_path, capsys):
    from jdwizard.draft.file import Draft, save_draft

    draft = tmp_path / "pm.toml"
    save_draft(Draft("pm", answers={**PM_ANSWERS, "apply_by": "2027-01-15"}), None, draft)
    assert main(["check", str(draft)]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
