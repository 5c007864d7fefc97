"""Rendering answers into the Markdown document."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BACKEND_ANSWERS
from jdwizard.export import to_plain_text
from jdwizard.template.answers import missing_required
from jdwizard.template.engine import Renderer
from jdwizard.template.library import get_template

SECTIONS = ["About Acme Logistics", "The role", "What you'll do", "What we're looking for",
            "Nice to have", "What we offer", "How to apply"]


def test_full_answers_leave_no_placeholder_or_note(backend):
    document = Renderer(backend).render(BACKEND_ANSWERS)
    assert "{{" not in document and "}}" not in document
    assert not re.search(r"\[[^\]]*\]", document)
    headings = [line[3:] for line in document.splitlines() if line.startswith("## ")]
    assert headings == SECTIONS
    for value in ("Acme Logistics", "Priya Shah", "PostgreSQL", "gRPC", "payments",
                  "€60.000–€75.000 per year", "30 days of paid vacation"):
        assert value in document
    assert document.count("Go") >= 2  # the language, in both of its places


def test_multiline_benefits_become_bullets(backend):
    answers = dict(BACKEND_ANSWERS, benefits="• Health insurance\n\n- Learning budget\n")
    document = Renderer(backend).render(answers)
    assert "- Health insurance.\n- Learning budget.\n" in document


def test_list_markers_without_space_and_empty_items(backend):
    answers = dict(BACKEND_ANSWERS, benefits="-Health\n-\n*  Dental\n2) Gym")
    document = Renderer(backend).render(answers)
    assert "- Health.\n- Dental.\n- Gym.\n" in document
    blank = dict(BACKEND_ANSWERS, benefits="-\n•")
    assert "benefits" in [f.name for f in missing_required(backend, blank)]


def test_private_use_characters_survive(backend):
    glyphs = "Acme \ue0b0\uf09b"  # Powerline / Nerd Font glyphs a user might paste
    document = Renderer(backend).render(dict(BACKEND_ANSWERS, company=glyphs))
    assert f"## About {glyphs}" in document


def test_optional_sentences_appear_only_when_answered(backend):
    renderer = Renderer(backend)
    full = renderer.render(BACKEND_ANSWERS)
    assert "Our systems handle 40M API requests a day." in full
    assert "We're hiring a Senior Backend Engineer" in full
    assert "- Share on-call duty: a one-week rotation every six weeks, paid." in full
    assert "- Salary range: €60.000–€75.000 per year, plus equity." in full
    assert "- Location: Berlin, Germany\n- Workplace: Hybrid\n" in full
    bare = dict(BACKEND_ANSWERS, scale="", seniority=" ", on_call="", work_focus="", extra_pay="")
    document = renderer.render(bare)
    assert "Our systems handle" not in document
    assert "We're hiring a Backend Engineer" in document
    assert "on-call" not in document and "leans toward" not in document
    assert "- Salary range: €60.000–€75.000 per year.\n" in document
    assert "\n\n\n" not in document


def test_unanswered_required_fields_show_their_placeholder(backend):
    renderer = Renderer(backend)
    document = renderer.render({"company": "Acme"})
    assert "{{salary_range}}" in document and "{{location}}" in document
    assert [f.name for f in missing_required(backend, {"company": "Acme"})][0] == "what_you_do"


def test_answers_are_inserted_literally(backend):
    hostile = "{{ 7*7 }} {% for x in y %} {# note #} {{ ''.__class__ }}"
    document = Renderer(backend).render(dict(BACKEND_ANSWERS, company=hostile))
    assert f"## About {hostile}" in document
    assert "49" not in document


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_segments_join_to_the_document(company):
    renderer = Renderer(get_template("backend-engineer"))
    answers = dict(BACKEND_ANSWERS, company=company)
    joined = "".join(segment.text for segment in renderer.segments(answers))
    assert joined == renderer.render(answers)


def test_segments_mark_fields_and_unfilled(backend):
    segments = Renderer(backend).segments({"company": "Acme"})
    company = [s for s in segments if s.field == "company"]
    assert len(company) == 3 and all(s.filled for s in company)  # facts, About, its text
    salary = [s for s in segments if s.field == "salary_range"]
    assert salary and salary[0].text == "{{salary_range}}" and not salary[0].filled


def test_plain_text_export_has_no_markdown(backend):
    text = to_plain_text(Renderer(backend).render(BACKEND_ANSWERS))
    assert "## " not in text and "\n- " not in text
    assert "About Acme Logistics\n" in text and "• Health insurance" in text
