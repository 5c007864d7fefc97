"""Field defaults, standard fields and sample answers: a post you can publish as is.

The list sections of a built-in template are list answers whose defaults are the template's own
bullets; they follow the other answers while untouched, and are the user's own text once edited.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from conftest import answer_box, press, wait_for
from jdwizard.draft.file import FORMAT_VERSION, Draft, draft_to_toml, load_draft, save_draft
from jdwizard.draft.opening import new_session
from jdwizard.template.bundle import TemplateError, load_template
from jdwizard.template.defaults import effective_answer
from jdwizard.template.engine import Renderer
from jdwizard.template.library import load_folder, template_folders
from jdwizard.template.model import Template, Validator
from jdwizard.template.roles import Role
from jdwizard.template.wording import article
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.screens.wizard import WizardScreen

BUILTINS = [load_folder(folder) for folder in template_folders()]


def samples(template: Template) -> dict[str, str]:
    return {field.name: field.sample for field in template.fields if field.sample is not None}


def section(document: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading ("" when there is no such section)."""
    marker = f"## {heading}\n"
    if marker not in document:
        return ""
    return document.split(marker, 1)[1].split("\n## ", 1)[0]


# -- the document --------------------------------------------------------------------------

def test_untouched_requirements_render_the_templates_and_replaced_ones_only_the_users(backend):
    answers = samples(backend)
    untouched = section(Renderer(backend).render(answers), "What we're looking for")
    assert "- 3+ years building backend systems in production." in untouched
    assert "- Strong skills in Go and experience with gRPC." in untouched
    answers["requirements"] = "Shipped a Go service to production\nKind code reviews"
    replaced = section(Renderer(backend).render(answers), "What we're looking for")
    assert replaced.strip() == "- Shipped a Go service to production.\n- Kind code reviews."


def test_an_emptied_list_hides_its_section_and_an_absent_one_keeps_it(backend):
    answers = samples(backend)
    assert section(Renderer(backend).render(answers), "Nice to have")
    answers["nice_to_have"] = ""
    document = Renderer(backend).render(answers)
    assert "## Nice to have" not in document
    assert "Familiarity with cloud infrastructure" not in document


def test_a_default_item_follows_the_language_until_the_list_is_edited(backend):
    answers = {"language": "Rust"}
    assert "- Design and build APIs and services in Rust." in Renderer(backend).render(answers)
    answers["language"] = "Kotlin"
    assert "- Design and build APIs and services in Kotlin." in Renderer(backend).render(answers)
    field = backend.field("responsibilities")
    edited = effective_answer(backend, field, answers)  # what the editor opens on
    assert edited.split("\n")[0] == "Design and build APIs and services in Kotlin."
    answers["responsibilities"] = edited
    answers["language"] = "Go"
    document = Renderer(backend).render(answers)
    assert "services in Kotlin." in document and "services in Go." not in document


def test_an_item_inserting_an_unanswered_optional_field_is_left_out(backend):
    answers = samples(backend)
    assert "- Background in logistics or payments." in Renderer(backend).render(answers)
    del answers["domain"]
    document = Renderer(backend).render(answers)
    assert "Background in" not in document
    assert "- Familiarity with cloud infrastructure and containers." in document


def test_an_unanswered_required_field_in_a_default_item_shows_as_its_placeholder(backend):
    assert "- Design and build APIs and services in {{language}}." in Renderer(backend).render({})


def test_the_post_opens_with_its_title_which_follows_the_seniority(backend):
    document = Renderer(backend).render({"seniority": "Staff"})
    assert document.startswith("# Staff Backend Engineer\n")
    assert "We're hiring a Staff Backend Engineer" in document
    document = Renderer(backend).render({})
    assert document.startswith("# Backend Engineer\n")
    document = Renderer(backend).render({"seniority": "Staff", "job_title": "Engineer, Payments"})
    assert document.startswith("# Engineer, Payments\n")
    assert "We're hiring an Engineer, Payments" in document


@pytest.mark.parametrize("template", BUILTINS, ids=lambda t: t.id)
def test_every_builtin_post_is_titled_and_ends_with_deadline_how_to_apply_and_eeo(template):
    document = Renderer(template).render(samples(template))
    assert document.startswith("# "), document[:80]
    assert "{{" not in document and "{%" not in document
    closing = document.split("\n## How to apply\n", 1)[1]
    assert "\n## " not in closing  # the last section
    answers = samples(template)
    how = effective_answer(template, template.field("how_to_apply"), answers)
    eeo_text = effective_answer(template, template.field("eeo_statement"), answers)
    deadline = max(closing.find("Apply by "), closing.find("Applications are open until"))
    apply = closing.find(" ".join(how.split()[:6]))
    eeo = closing.find(" ".join(eeo_text.split()[:6]))
    assert -1 < deadline < apply < eeo, closing
    for role in (Role.JOB_TITLE, Role.EMPLOYMENT_TYPE, Role.DEADLINE, Role.HOW_TO_APPLY,
                 Role.EEO_STATEMENT, Role.COMPANY_WEBSITE, Role.COMPANY_SIZE,
                 Role.RESPONSIBILITIES, Role.REQUIREMENTS):
        assert template.field_for(role) is not None, role


@pytest.mark.parametrize("template", BUILTINS, ids=lambda t: t.id)
def test_every_bullet_of_a_builtin_post_ends_alike(template):
    document = Renderer(template).render(samples(template))
    for heading in ("What you'll do", "What we're looking for", "Nice to have", "What we offer"):
        items = [line for line in section(document, heading).split("\n") if line.startswith("- ")]
        ends = {item.endswith((".", "!", "?")) for item in items}
        assert len(ends) <= 1, (heading, items)


def test_a_work_type_with_its_own_parenthesis_reads_well(backend):
    answers = samples(backend) | {"work_type": "Hybrid (3 days a week in our LoDo office)"}
    document = Renderer(backend).render(answers)
    assert "((" not in document and "))" not in document
    assert "- Workplace: Hybrid (3 days a week in our LoDo office)\n" in document
    assert "You'll report to Priya Shah, Head of Platform." in document


def test_the_deadline_renders_readably(backend):
    document = Renderer(backend).render({"apply_by": "2030-01-15"})
    assert "\nApply by 15 January 2030.\n" in document
    document = Renderer(backend).render({"apply_by": "open until filled"})
    assert "Applications are open until the role is filled." in document
    assert "Apply by" not in Renderer(backend).render({})


def test_list_items_take_the_bodys_full_stops_only_where_its_bullets_have_them(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "template.toml").write_text(
        'id = "plain"\ntitle = "Plain"\n[[fields]]\nname = "perks"\nkind = "text"\n'
        'list = true\n', "utf-8")
    (folder / "body.md.j2").write_text("## Perks\n\n- Lunch\n- {{ perks }}\n", "utf-8")
    plain = load_template(folder)
    assert Renderer(plain).render({"perks": "Dental\nGym"}).endswith("- Dental\n- Gym\n")
    (folder / "body.md.j2").write_text("## Perks\n\n- Lunch.\n- {{ perks }}\n", "utf-8")
    stops = load_template(folder)
    assert Renderer(stops).render({"perks": "Dental\nGym;\nWhy not?"}).endswith(
        "- Dental.\n- Gym.\n- Why not?\n")


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Engineering Manager", "an"), ("UX Designer", "a"), ("HR Generalist", "an"),
    ("Senior Backend Engineer", "a"), ("SRE", "an"), ("User Researcher", "a"),
    ("Hourly Associate", "an"), ("hour-long shift", "an"), ("Account Executive", "an"),
    ("QA Engineer", "a"), ("", "a"),
])
def test_article_reads_as_said(phrase, expected):
    assert article(phrase) == expected


# -- template.toml ---------------------------------------------------------------------------

def bundle(tmp_path: Path, fields: str, body: str) -> Path:
    folder = tmp_path / "t"
    folder.mkdir(exist_ok=True)
    (folder / "template.toml").write_text(f'id = "t"\ntitle = "T"\n{fields}', "utf-8")
    (folder / "body.md.j2").write_text(body, "utf-8")
    return folder


def test_a_standard_field_takes_what_it_does_not_set_from_the_standard_list(tmp_path):
    folder = bundle(tmp_path, '[[fields]]\nname = "apply_by"\n[[fields]]\nname = "job_title"\n'
                    'label = "Title"\ndefault = "T"\n', "# {{ job_title }}\n{{ apply_by }}\n")
    template = load_template(folder)
    deadline = template.field("apply_by")
    assert (deadline.role, deadline.validate, deadline.required) == (
        Role.DEADLINE, Validator.DEADLINE, False)
    assert template.field("job_title").label == "Title"
    assert template.field("job_title").role is Role.JOB_TITLE


def test_a_field_used_only_in_a_default_counts_as_used(tmp_path):
    fields = ('[[fields]]\nname = "language"\n[[fields]]\nname = "tasks"\nkind = "text"\n'
              'list = true\ndefault = ["Write {{ language }}"]\n')
    template = load_template(bundle(tmp_path, fields, "- {{ tasks }}\n"))
    assert Renderer(template).render({"language": "Go"}) == "- Write Go\n"


@pytest.mark.parametrize(("fields", "message"), [
    ('[[fields]]\nname = "a"\ndefault = "{{ nope }}"\n', "no [[fields]] entry defines"),
    ('[[fields]]\nname = "a"\ndefault = "{% if b %}x{% endif %}"\n', "as {{ name }}"),
    ('[[fields]]\nname = "a"\ndefault = ["x"]\n', "'default' must be a text"),
    ('[[fields]]\nname = "a"\ndefault = "{{ b }}"\n[[fields]]\nname = "b"\ndefault = "{{ c }}"\n'
     '[[fields]]\nname = "c"\n', "whose own default inserts"),
    ('schema = 2\n[[fields]]\nname = "a"\n', "newer jdwizard"),
    ('[[fields]]\nname = "a"\nsample = 3\n', "'sample' must be"),
])
def test_a_bad_default_is_one_clear_line(tmp_path, fields, message):
    body = "{{ a }}{% if b is defined %}{{ b }}{{ c }}{% endif %}\n"
    head, _, rest = fields.partition("[[fields]]")
    with pytest.raises(TemplateError) as caught:
        load_template(bundle(tmp_path, head + "[[fields]]" + rest, body))
    assert message in str(caught.value) and "\n" not in str(caught.value)


# -- drafts ---------------------------------------------------------------------------------

def test_drafts_are_format_2_and_keep_exactly_the_users_answers(tmp_path, backend):
    path = tmp_path / "d.toml"
    draft = Draft("backend-engineer", {"company": "Acme", "nice_to_have": ""})
    save_draft(draft, None, path)
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["jdwizard"] == FORMAT_VERSION == 2
    assert data["answers"] == {"company": "Acme", "nice_to_have": ""}
    assert "## Nice to have" not in Renderer(backend).render(load_draft(path).answers)


def test_a_format_1_draft_reads_its_blank_answers_as_unanswered(tmp_path, backend):
    path = tmp_path / "old.toml"
    path.write_text('jdwizard = 1\ntemplate = "backend-engineer"\n[answers]\n'
                    'company = "Acme"\nnice_to_have = ""\n', "utf-8")
    draft = load_draft(path)
    assert draft.answers == {"company": "Acme"}
    assert "## Nice to have" in Renderer(backend).render(draft.answers)


def test_the_posted_day_is_kept(tmp_path):
    from datetime import date

    path = tmp_path / "p.toml"
    save_draft(Draft("backend-engineer", {}, posted=date(2026, 12, 1)), None, path)
    assert "posted = 2026-12-01" in path.read_text("utf-8")
    assert load_draft(path).posted == date(2026, 12, 1)
    assert "posted" not in draft_to_toml(Draft("x", {}))


# -- the wizard -----------------------------------------------------------------------------

async def test_editing_the_requirements_in_the_wizard_saves_them_and_the_post(
        drafts_folder, backend):
    path = drafts_folder / "reqs.toml"
    app = JDWizardApp(new_session(backend, path, {"language": "Go"}, folder=drafts_folder))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        await screen.jump_to("requirements")
        box = answer_box(app)
        assert box.text.split("\n")[1] == "Strong skills in Go and experience with {{framework}}."
        assert "✎ The template's text" in str(screen.query_one("#hint").render())
        # the first item goes to the end, the last is deleted
        box.move_cursor((0, 0))
        for _ in range(4):
            await press(pilot, "alt+down")
        assert box.text.split("\n")[-1] == "3+ years building backend systems in production."
        await press(pilot, "up", "f6", "backspace", "backspace")  # F6: TextArea's select line
        await press(pilot, "ctrl+s")
        await wait_for(pilot, lambda: "requirements" in tomllib.loads(
            path.read_text("utf-8")).get("answers", {}), "the save")
        answers = tomllib.loads(path.read_text("utf-8"))["answers"]
        assert "A pragmatic approach" not in answers["requirements"]
        assert set(answers) == {"language", "requirements"}  # nothing untouched is written
        markdown = path.with_suffix(".md").read_text("utf-8")
        assert "A pragmatic approach to reliability" not in markdown
        assert markdown.rstrip().endswith("we will make it.")
        await press(pilot, "f5")
        assert "requirements" not in app.session.answers
        assert "A pragmatic approach" in answer_box(app).text
        await press(pilot, "ctrl+z")  # F5 can be taken back: the user's list is theirs again
        assert "A pragmatic approach" not in app.session.answers["requirements"]


async def test_the_title_box_follows_a_seniority_typed_just_before_moving_on(
        drafts_folder, backend):
    """Keys typed ahead reach the seniority after the title's box is up: the untouched title
    box follows them, and the hint says the text is the template's until it is edited."""
    from conftest import post_keys

    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await screen.jump_to("seniority")
        post_keys(app, *"Staff", "enter")
        await wait_for(pilot, lambda: screen.field.name == "job_title", "the title field")
        await wait_for(pilot, lambda: answer_box(app).text == "Staff Backend Engineer",
                       "the title to follow")
        assert "job_title" not in app.session.answers
        assert "✎ The template's text" in str(screen.query_one("#hint").render())
        await press(pilot, "end", *" II")  # End keeps it, to add to it (typing replaces it)
        assert app.session.answers["job_title"] == "Staff Backend Engineer II"
        assert "✎ Your text (F5" in str(screen.query_one("#hint").render())


async def test_an_ambiguous_deadline_is_said_under_the_answer(drafts_folder, backend):
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await screen.jump_to("apply_by")
        await press(pilot, *"01/02/2030")
        feedback = str(screen.query_one("#feedback").render())
        assert "could be 1 February or 2 January" in feedback
        for _ in range(10):
            await press(pilot, "backspace")
        await press(pilot, *"2030-02-01")
        assert "Reads as: Friday 1 February 2030" in str(screen.query_one("#feedback").render())


def test_the_templates_own_text_includes_the_defaults_left_as_they_are(backend):
    """The review's "the template's own text alone" counts a default the user left alone as
    the template's words, and an edited one as the user's."""
    from jdwizard.checks.post import check_draft

    answers = samples(backend)
    own = check_draft(backend, answers).template_gender
    assert own is not None and own.feminine.get("understanding")  # "Solid understanding of…"
    answers["requirements"] = "Go in production\nClear writing"
    own = check_draft(backend, answers).template_gender
    assert own is not None and "understanding" not in own.feminine


async def test_typing_over_a_one_line_default_replaces_it(drafts_folder, backend):
    """A one-line default is shown selected: typing replaces "Full-time" rather than adding to
    it, and Enter keeps it as it is."""
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await screen.jump_to("employment_type")
        await press(pilot, *"Part-time")
        assert app.session.answers["employment_type"] == "Part-time"
        await screen.jump_to("job_title")
        await press(pilot, "enter")
        assert "job_title" not in app.session.answers


def test_a_default_inserting_a_long_answer_many_times_is_refused_at_once(
        tmp_path, capsys, monkeypatch):
    """1,000 items each inserting a 200 KB answer would make 200 MB (it took 26 s and 800 MB
    before failing as "fix the template's body"): it is measured before it is built, and
    `render` says so in one line, naming the field and what to do."""
    from jdwizard.cli import main

    folder = tmp_path / "home" / "templates" / "amp"
    folder.mkdir(parents=True)
    items = ",".join(['"{{a}}"'] * 1000)
    (folder / "template.toml").write_text(
        'id = "amp"\ntitle = "Amp"\n[[fields]]\nname = "a"\nkind = "text"\n'
        f'[[fields]]\nname = "b"\nkind = "text"\nlist = true\ndefault = [{items}]\n', "utf-8")
    (folder / "body.md.j2").write_text("# {{ a }}\n\n- {{ b }}\n", "utf-8")
    draft = tmp_path / "d.toml"
    draft.write_text('template = "amp"\n[answers]\na = """' + "word " * 40_000 + '"""\n',
                     "utf-8")
    monkeypatch.setenv("JDWIZARD_HOME", str(tmp_path / "home"))
    assert main(["render", str(draft)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "default of field 'b'" in err, err
    assert "1,000,000 characters" in err and "template.toml" in err
