"""Bodies in the plain subset render without Jinja2, and exactly as Jinja2 renders them."""

from __future__ import annotations

import random

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from conftest import loads_jinja2
from jdwizard.template.engine import Renderer
from jdwizard.template.library import load_library
from jdwizard.template.plain_body import compile_plain

JINJA = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
FIELDS = ("company", "role", "pay")


def jinja_render(body: str, values: dict[str, str]) -> str:
    return JINJA.from_string(body).render(values)


def builtin_templates():
    return load_library().templates


@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.id)
def test_every_builtin_body_is_plain_and_renders_as_jinja2_does(template):
    names = [f.name for f in template.fields]
    plain = compile_plain(template.body, names)
    assert plain is not None, "a built-in body left the plain subset: it would need Jinja2"
    assert plain.names == frozenset(names)
    rng = random.Random(template.id)
    answer_sets = [dict.fromkeys(names, "x"), dict.fromkeys(names, "")]
    for _ in range(30):
        answer_sets.append({
            name: rng.choice(["", "Acme", "a\nb", "{{ company }}", "{% if x %}", "\r\n", " "])
            for name in names
        })
    for values in answer_sets:
        assert plain.render(values) == jinja_render(template.body, values)


@pytest.mark.parametrize("template", builtin_templates(), ids=lambda t: t.id)
def test_the_renderer_output_is_unchanged_from_jinja2(template, monkeypatch):
    """Renderer with the plain body against the same Renderer forced onto Jinja2."""
    answers = {f.name: f"answer to {f.name}" for f in template.fields[::2]}
    plain = Renderer(template)
    monkeypatch.setattr("jdwizard.template.engine.compile_plain", lambda body, fields: None)
    jinja = Renderer(template)
    assert type(plain._compiled).__module__ == "jdwizard.template.plain_body"
    assert type(jinja._compiled).__module__.startswith("jinja2")
    assert plain.render(answers) == jinja.render(answers)
    assert plain.segments(answers) == jinja.segments(answers)
    assert plain.segments({}) == jinja.segments({})


@pytest.mark.parametrize("body", [
    "{{ company | upper }}",
    "{% for x in role %}{{ x }}{% endfor %}",
    "{# a comment #}{{ company }}",
    "{{- company }}", "{{ company -}}", "{%- if company %}x{% endif %}",
    "{% if company -%}x{% endif %}", "{%+ if company %}x{% endif %}",
    "{% raw %}{{ company }}{% endraw %}",
    "{{ unknown }}", "{{ true }}", "{{ loop }}", "{% if %}x{% endif %}",
    "{% if company %}x{% else role %}y{% endif %}", "{% endif %}", "{% if company %}x",
    "{% if company %}x{% else %}y{% else %}z{% endif %}",
    "{% if company %}a{% else %}b{% elif role %}c{% endif %}",
    "{{{ company }}", "{{ company.name }}", "{{ company['x'] }}", "{{ 'x' }}",
    "{{\fcompany }}", "{% set company = 'x' %}",
])
def test_anything_beyond_the_plain_subset_goes_to_jinja2(body):
    assert compile_plain(body, FIELDS) is None


# Pieces of bodies: plain tags, broken tags, and text that looks like them.
PIECES = [
    "text ", "\n", "\r\n", "\r", "{", "}", "%", "#", "-", " ", "{{ company }}", "{{role}}",
    "{{\npay\n}}", "{% if company %}", "{%if role%}", "{% elif pay %}", "{% else %}",
    "{% endif %}", "{{", "}}", "{%", "%}", "{#", "#}", "{{ company", "if ", "company",
    "{{ nobody }}", "{%- else %}", "{{ company -}}", "{{ role|e }}", "}}}", "{{{", "%}}",
]


def test_random_bodies_render_as_jinja2_whenever_they_are_plain():
    """Any body the plain compiler accepts, Jinja2 accepts too and renders the same way."""
    rng = random.Random(20261129)
    accepted = 0
    for _ in range(3000):
        body = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        plain = compile_plain(body, FIELDS)
        if plain is None:
            continue
        accepted += 1
        for _ in range(3):
            values = {name: rng.choice(["", "x", "{{ role }}", "a\r\nb"]) for name in FIELDS}
            assert plain.render(values) == jinja_render(body, values), repr(body)
    assert accepted > 300  # the test reaches the plain path often, not only the fallback


def test_a_body_beyond_the_subset_still_renders_through_jinja2(backend):
    import dataclasses

    template = dataclasses.replace(
        backend, body=backend.body.replace("{{ company }}", "{{ company | upper }}", 1)
    )
    answers = {f.name: "acme" for f in template.fields}
    assert Renderer(template).render(answers).startswith("## About ACME")


def test_opening_and_rendering_a_builtin_draft_imports_no_jinja2(tmp_path):
    """Jinja2's import and compile were most of what opening a draft cost beyond Textual."""
    code = ("from jdwizard.template.library import load_library; from jdwizard.template.engine import Renderer; "
            "t = next(t for t in load_library().templates if t.id == 'backend-engineer'); "
            "document = Renderer(t).render({'company': 'Acme'}); assert 'Acme' in document")
    assert not loads_jinja2(code, tmp_path / "home")
