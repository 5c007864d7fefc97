"""Issue 18, hostile input: a user template's body runs in a box.

A body may ask for any amount of work (loops in loops, a string times a billion, a macro that
doubles its argument, blocks nested a thousand deep). The sandbox gives each render a budget
of text and of steps and bounds what one operation may build, so such a body stops at once with
a one-line message naming the limit; the library reports it as broken and lists the others.

No test here times anything: a render's work is counted (a `probe()` the body calls, which
gives up long after the budget should have stopped it), and memory is measured (tracemalloc).
The sandbox's clock stands still here (a loaded machine must not make its time limit fire
before the limit a test is about), except in the test of that limit, where it jumps.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from test_library import user_copy

from jdwizard.cli import main
from jdwizard.paths import user_templates_dir
from jdwizard.template import engine
from jdwizard.template.bundle import TemplateError, load_template
from jdwizard.template.engine import Renderer, RenderError, sandbox
from jdwizard.template.library import load_library

TEXT_LIMIT = "2,000,000 characters"
STEP_LIMIT = "1,000,000 steps"
MAX_STEPS = 1_000_000
GIVE_UP = 3 * MAX_STEPS  # a probe called this often: the sandbox let the body run on
HUGE = 20_000_000  # characters: ten times the budget, yet cheap to build if nothing stops it
MB = 1024 * 1024


def bundle(body: str, template_id: str = "hostile") -> Path:
    """A user template with one field, `company`, and this body."""
    folder = user_templates_dir() / template_id
    folder.mkdir(parents=True)
    (folder / "template.toml").write_text(
        f'id = "{template_id}"\ntitle = "Hostile"\n\n[[fields]]\nname = "company"\n'
        'question = "What is your company called?"\n', "utf-8")
    (folder / "body.md.j2").write_text(body, "utf-8")
    return folder


def peak_memory(action: Callable[[], object]) -> int:
    """The peak of memory allocated while `action` runs (bytes)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(autouse=True)
def still_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_clock", lambda: 0.0)


class Probe:
    """Called by a body once per unit of work it asks for; counts the calls."""

    def __init__(self, give_up: int = GIVE_UP) -> None:
        self.calls = 0
        self.give_up = give_up

    def __call__(self, *args: object) -> str:
        self.calls += 1
        if self.calls > self.give_up:
            raise AssertionError(f"the sandbox let the body run on past {self.give_up:,} steps")
        return ""


def render_with_probe(body: str, give_up: int = GIVE_UP,
                      **values: object) -> tuple[BaseException, Probe]:
    """Render `body` in the sandbox with a probe; the error it stops with, and the probe."""
    probe = Probe(give_up)
    with pytest.raises(Exception) as raised:
        sandbox().from_string(body).render(probe=probe, **values)
    return raised.value, probe


# -- text: output, and what a body builds ----------------------------------------------------

BUILDERS = {
    "string times a number": f'{{{{ "x" * {HUGE} }}}}',
    "list times a number": '{{ [("x" * 1000000)] * 20 }}',
    "percent format width": f'{{{{ "%{HUGE}s" % "x" }}}}',
    "center filter width": f'{{{{ "x"|center({HUGE}) }}}}',
    "str method width": f"{{{{ company.ljust({HUGE}) }}}}",
    "replace filter": '{{ ("x" * 20000)|replace("", "y" * 1000) }}',
    "str replace method": '{{ ("x" * 20000).replace("x", "y" * 1000) }}',
    "join filter": '{{ ("x" * 20000)|join("y" * 1000) }}',
    "indent filter": '{{ ("\\n" * 20000)|indent(1000) }}',
    "concatenation doubling in a macro":
        '{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}'
        '{% endmacro %}{{ d("x", 25) }}',
    "addition doubling in a namespace":
        '{% set ns = namespace(s="x") %}{% for i in range(25) %}{% set ns.s = ns.s + ns.s %}'
        '{% endfor %}{{ ns.s|length }}',
    "output of loops": '{% for i in range(1000) %}{% for j in range(1000) %}xxxxxxxxxxxxxxxxxxxx'
                       '{% endfor %}{% endfor %}',
}


@pytest.mark.parametrize("body", BUILDERS.values(), ids=BUILDERS.keys())
def test_a_body_that_builds_too_much_text_is_refused_when_loaded(body):
    folder = bundle("{{ company }}\n" + body)
    errors = []

    def load() -> None:
        try:
            load_template(folder)
        except TemplateError as error:
            errors.append(error)

    peak = peak_memory(load)
    assert errors, "the template loaded"
    message = str(errors[0])
    assert TEXT_LIMIT in message and "\n" not in message, message
    assert "make the body do less" in message and "if/for, nothing more" not in message
    assert peak < 30 * MB, f"{peak / MB:.0f} MB"


def test_rendering_a_trusted_body_over_the_text_limit_is_a_one_line_render_error():
    """The built-in templates are not checked when loaded: the limit holds when they render."""
    template = load_template(bundle('{{ company }}{{ company * 30000000 }}'), trusted=True)
    with pytest.raises(RenderError) as raised:
        Renderer(template).render({"company": "Acme"})
    message = str(raised.value)
    assert "template 'hostile'" in message and TEXT_LIMIT in message and "line 1" in message
    assert "\n" not in message


def test_huge_integers_are_refused():
    folder = bundle("{{ company }}{{ (10 ** 3000000) > 1 }}")
    with pytest.raises(TemplateError, match="bits"):
        load_template(folder)


def test_lists_cannot_be_changed_in_place():
    """Doubling a list in place (extend) would dodge every size check: refused outright."""
    folder = bundle('{% set l = ["x"] %}{% for i in range(21) %}{{ l.extend(l) or "" }}'
                    "{% endfor %}{{ company }}{{ l|length }}")
    with pytest.raises(TemplateError, match="unsafe"):
        load_template(folder)


# -- steps: loops in loops, recursion ----------------------------------------------------------


def test_nested_loops_stop_after_the_step_budget_not_the_work_they_ask_for():
    """10,000 × 10,000 turns asked for; the render stops within the budget."""
    body = ("{% for i in range(10000) %}{% for j in range(10000) %}{{ probe() }}"
            "{% endfor %}{% endfor %}")
    error, probe = render_with_probe(body)
    assert isinstance(error, RenderError) and STEP_LIMIT in str(error), error
    assert probe.calls <= MAX_STEPS


def test_loops_over_strings_count_every_turn_even_the_filtered_out_ones():
    body = "{% for a in s %}{% for b in s if probe() %}{% endfor %}{% endfor %}"
    error, probe = render_with_probe(body, s="x" * 10000)
    assert isinstance(error, RenderError) and STEP_LIMIT in str(error), error
    assert probe.calls <= MAX_STEPS


def test_a_branching_recursive_macro_stops_after_the_step_budget():
    body = ("{% macro f(n) %}{{ probe() }}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
            "{% endmacro %}{{ f(40) }}")
    error, probe = render_with_probe(body)
    assert isinstance(error, RenderError) and STEP_LIMIT in str(error), error
    assert probe.calls <= MAX_STEPS


def test_a_branching_recursive_loop_stops_after_the_step_budget():
    body = ("{% for x in s recursive %}{{ probe() }}{% if loop.depth < 12 %}{{ loop(s) }}"
            "{% endif %}{% endfor %}")
    error, probe = render_with_probe(body, s="xxxxxxxx")  # 8 ** 12 turns asked for
    assert isinstance(error, RenderError) and STEP_LIMIT in str(error), error
    assert probe.calls <= MAX_STEPS


LONG = "ab" * 900_000  # 1.8 MB: each scan of it costs some 28,000 steps
WORDS = ["ab"] * 200_000
SCANS = {  # a loop of 10,000 turns, each going through a long text or list once
    "str method": ('{% if s.count("zz") %}{% endif %}', {"s": LONG}),
    "in operator": ('{% if "zz" in s %}{% endif %}', {"s": LONG}),
    "not in operator": ('{% if "zz" not in s %}{% endif %}', {"s": LONG}),
    "list method": ('{% if w.count("zz") %}{% endif %}', {"w": WORDS}),
    "filter over a list": ("{% if w|max %}{% endif %}", {"w": WORDS}),
    "filter over a text": ("{% if s|wordcount %}{% endif %}", {"s": LONG}),
    "test": ('{% if "zz" is in s %}{% endif %}', {"s": LONG}),
    "test in select": ('{{ w|select("in", s)|list|length }}', {"s": LONG, "w": ["zz"] * 40}),
}


@pytest.mark.parametrize(("inner", "values"), SCANS.values(), ids=SCANS.keys())
def test_going_through_a_long_text_costs_steps_by_its_size(inner, values):
    """Each call of a method, filter or test, and each `in`, costs steps by the size of what
    it goes through: 10,000 scans of 1.8 MB (18 GB read) stop after a few dozen."""
    body = f"{{% for i in range(10000) %}}{{{{ probe() }}}}{inner}{{% endfor %}}"
    error, probe = render_with_probe(body, give_up=1000, **values)
    assert isinstance(error, RenderError) and STEP_LIMIT in str(error), error
    assert probe.calls <= 100, probe.calls


def test_the_attack_scanning_a_long_text_in_loops_stops_at_the_step_limit():
    body = ('{% set s = "ab" * 900000 %}{% for j in range(20) %}{% for i in range(10000) %}'
            '{{ probe() }}{% if s.count("zz") %}{% endif %}{% endfor %}{% endfor %}')
    error, probe = render_with_probe(body, give_up=1000)
    assert isinstance(error, RenderError) and STEP_LIMIT in str(error), error
    assert probe.calls <= 100, probe.calls


def test_wordwrap_of_a_long_text_is_refused_and_of_a_short_one_runs():
    """textwrap is quadratic on a long word (69 s on 990,000 characters): over 20,000 it is
    refused before it starts."""
    at_limit = '{{ ("x" * 20000)|wordwrap(1, wrapstring="")|length }}'
    assert sandbox().from_string(at_limit).render() == "20000"
    folder = bundle('{{ company }}{{ ("x" * 20001)|wordwrap(1, wrapstring="")|length }}')
    with pytest.raises(TemplateError) as raised:
        load_template(folder)
    message = str(raised.value)
    assert "wordwrap of more than 20,000 characters" in message and "\n" not in message


def test_a_render_stops_after_two_seconds_whatever_it_does(monkeypatch):
    """The backstop for work the steps do not see: here the clock jumps a second at each
    reading, and a loop well inside the step budget stops at the third."""
    readings = iter(range(1_000_000))
    monkeypatch.setattr(engine, "_clock", lambda: float(next(readings)))
    body = "{% for i in range(10000) %}{{ probe() }}{% endfor %}"
    error, probe = render_with_probe(body, give_up=1000)
    assert isinstance(error, RenderError) and "more than 2 s (a limit" in str(error), error
    assert probe.calls < 1000


def test_a_loop_over_a_big_range_is_refused_before_it_starts():
    body = ("{% for i in range(100000) %}{% for j in range(100000) %}{{ probe() }}"
            "{% endfor %}{% endfor %}")
    error, probe = render_with_probe(body)
    assert isinstance(error, RenderError) and "range" in str(error) and "10,000" in str(error)
    assert probe.calls == 0


def test_the_budget_is_per_render():
    """Each render starts with a full budget: a body well inside it renders again and again."""
    body = "{% for i in range(1000) %}{{ probe() }}x{% endfor %}"
    compiled = sandbox().from_string(body)
    probe = Probe()
    for _ in range(5):
        assert compiled.render(probe=probe) == "x" * 1000
    assert probe.calls == 5000


def test_an_ordinary_body_renders_as_before():
    body = ('{% set items = benefits.split("\\n") %}{{ company|upper }} offers {{ items|length }}:'
            '{% for b in items if b %}\n- {{ loop.index }}. {{ b|trim|replace("  ", " ") }}'
            '{% endfor %}\n{{ items|join(", ") }} {{ "%s%%" % 30 }} {{ 2 ** 10 }} {{ [1, 2] * 2 }}'
            '{% macro m(x) %}[{{ x ~ "!" }}]{% endmacro %} {{ m(company) }}')
    text = sandbox().from_string(body).render(company="acme", benefits="Lunch\nA  bike")
    assert text == ("ACME offers 2:\n- 1. Lunch\n- 2. A bike\nLunch, A  bike 30% 1024 "
                    "[1, 2, 1, 2] [acme!]")


# -- nesting -----------------------------------------------------------------------------------


def nested(depth: int, open_: str, close: str, inner: str = "{{ company }}") -> str:
    return open_ * depth + inner + close * depth


DEEP = {
    "1,200 ifs": nested(1200, "{% if company %}", "{% endif %}"),
    "100 ifs": nested(100, "{% if company %}", "{% endif %}"),
    "25 fors": nested(25, "{% for c in company %}", "{% endfor %}"),
    "1,200 parentheses": "{{ " + nested(1200, "(", ")", "company") + " }}",
}


@pytest.mark.parametrize("body", DEEP.values(), ids=DEEP.keys())
def test_a_body_nested_too_deep_is_reported_as_broken(body):
    with pytest.raises(TemplateError) as raised:
        load_template(bundle(body))
    message = str(raised.value)
    assert "nest" in message and "\n" not in message, message


def test_a_body_nested_a_little_loads_and_renders():
    body = nested(6, "{% if company %}{% for c in [1] %}", "{% endfor %}{% endif %}")
    template = load_template(bundle(body))
    assert Renderer(template).render({"company": "Acme"}) == "Acme\n"


# -- the library and the command line --------------------------------------------------------


def test_jdwizard_templates_lists_the_others_and_warns_about_the_bad_ones(capsys):
    user_copy("good-one")
    bundle('{{ company }}{{ "x" * 30000000 }}', "too-much-text")
    bundle(DEEP["1,200 ifs"], "too-deep")
    library = load_library()
    assert "good-one" in library.ids and "backend-engineer" in library.ids
    problems = {problem.template_id: problem.message for problem in library.problems}
    assert set(problems) == {"too-much-text", "too-deep"}
    assert TEXT_LIMIT in problems["too-much-text"] and "nest" in problems["too-deep"]

    code = main(["templates"])
    out, err = capsys.readouterr()
    assert code == 0 and "good-one" in out and "backend-engineer" in out
    assert "too-much-text" not in out and "too-deep" not in out
    warnings = err.splitlines()
    assert len(warnings) == 2 and "Traceback" not in err, err
    assert any("'too-much-text' skipped" in w and TEXT_LIMIT in w for w in warnings), err
    assert any("'too-deep' skipped" in w and "nest" in w for w in warnings), err

