"""Odd and hostile answers, and file names taken from them (issue "Reliability", promises 4, 5).

What the user sees and what lands on disk:

* The draft (TOML) keeps every answer exactly as typed or pasted, whatever its characters.
* The document (Markdown) shows visible text as typed: Jinja syntax is never evaluated, emoji,
  combining marks and right-to-left text are kept, Markdown inside a line is left alone. Two
  deliberate exceptions (see jdwizard/template/engine.py): control characters other than tab and
  newline are dropped (NUL makes tools treat the file as binary, an escape sequence would act
  on the terminal of whoever prints the file), and an answer that begins a line of the document
  (the company in "{{ company }} is ...") or a list item, and begins with block Markdown ("# ",
  "> ", "1. ", a code fence, "<script>"), gets a backslash before it: it then reads as typed and
  cannot turn the template's paragraph into a heading, a list or raw HTML.
* The live preview never draws a control character raw: the document holds none from answers,
  and any other shows as a visible symbol (ESC as ␛).
* A draft's automatic file name is a plain ASCII name inside the drafts folder, whatever the
  company is called, and never replaces an existing file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from textual import events

from conftest import BACKEND_ANSWERS, answer_box, post_keys, press, screen_area, wait_for
from jdwizard.draft.file import Draft, default_draft_path, draft_to_toml, load_draft, save_draft
from jdwizard.draft.opening import new_session
from jdwizard.export import to_plain_text
from jdwizard.template.defaults import references, untouched
from jdwizard.template.engine import Renderer, Segment
from jdwizard.template.library import get_template
from jdwizard.ui.app import JDWizardApp
from jdwizard.ui.widgets.preview import DocumentPreview, preview_text

SIZE = (120, 40)
DAY = date(2026, 11, 28)
TEMPLATE = get_template("backend-engineer")
LINE_FIELDS = [f.name for f in TEMPLATE.fields if not f.multi_line]

# Control characters as the terminal would obey them; tab and newline are layout.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# One-line answers, and how the document shows each at the start of a line (None: exactly as
# typed); in the middle of a line an escape is not needed, and not added (see `shown`).
ONE_LINE: dict[str, tuple[str, str | None]] = {
    "jinja-expression": ("{{ 7*7 }}", None),
    "jinja-loop": ("{% for x in range(3) %}x{% endfor %}", None),
    "jinja-comment": ("{# c #}", None),
    "jinja-variable": ("{{ company }}", None),
    "jinja-sandbox": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", None),
    "lone-hash": ("#", "\\#"),
    "heading": ("# Heading", "\\# Heading"),
    "ordered-list": ("1. FC Köln", "1\\. FC Köln"),
    "quote": ("> quoted", "\\> quoted"),
    "fence": ("```python", "\\```python"),
    "table-pipe": ("| a | b |", None),
    "backticks": ("`code` and ``` inline ```", None),
    "html": ("<script>alert('x')</script>", "\\<script>alert('x')</script>"),
    "rich-markup": ("[bold red]loud[/] [link=https://example.com]x[/link]", None),
    "ansi-colour": ("\x1b[31mred\x1b[0m", "[31mred[0m"),
    "osc-sequence": ("\x1b]0;owned\x07title \x1b]52;c;aGk=\x07", "]0;ownedtitle ]52;c;aGk="),
    "nul": ("a\x00b", "ab"),
    "bell-backspace": ("ring\x07back\x08space", "ringbackspace"),
    "c1-csi": ("x\x9b31my", "x31my"),
    "tab": ("tab\there", "tab here"),
    "emoji-zwj": ("👩‍💻 👨‍👩‍👧‍👦 👍🏽 🏳️‍🌈", None),
    "combining": ("Cafe\u0301 Zu\u0308rich e\u0301\u0301", None),
    "rtl": ("شركة النور — חברת אור", None),
    "rtl-override": ("abc\u202edef\u202c ghi", "abcdef ghi"),
}

# Multi-line answers for the benefits list: each line becomes an item, shown as typed.
MULTI_LINE: dict[str, tuple[str, list[str]]] = {
    "heading-first": ("# Heading\nsecond line", ["\\# Heading", "second line"]),
    "markdown-soup": (
        "#\n| a | b |\n|---|---|\n```\ncode\n```\n<script>x</script>\n> quote",
        ["\\#", "| a | b |", "|---|---|", "\\```", "code", "\\```", "\\<script>x</script>",
         "\\> quote"],
    ),
    "jinja-lines": ("{{ 7*7 }}\n{% if true %}yes{% endif %}",
                    ["{{ 7*7 }}", "{% if true %}yes{% endif %}"]),
    "controls": ("NUL\x00 here\n\x1b[1mbold\x1b[0m", ["NUL here", "[1mbold[0m"]),
    "unicode": ("👩‍💻 remote\nשלום\u202e\ne\u0301",
                ["👩‍💻 remote", "שלום", "e\u0301"]),
}


# A one-line value as a benefit (a list item) where that differs from a one-line field: a tab
# is kept, and a leading list marker is taken for the user's own bullet or number.
BENEFIT_SHOWN = {"tab\there": "tab\there", "1. FC Köln": "FC Köln"}


def shown(value: str, expected: str | None, field: str = "company") -> str:
    """How `value` shows in `field`: company begins a line (so block Markdown is escaped),
    what_you_do is in the middle of one (nothing is syntax there: no escape), benefits are
    list items."""
    if field == "benefits" and value in BENEFIT_SHOWN:
        return BENEFIT_SHOWN[value]
    if expected is None or (field == "what_you_do" and expected.replace("\\", "", 1) == value):
        return value
    return expected


def with_full_stop(item: str) -> str:
    """A list item as the built-in templates end theirs: with a full stop (or its own mark)."""
    item = item.rstrip(" ,;") or item
    return item if item.endswith((".", "!", "?", "…", ":")) else f"{item}."


def block_types(markdown: str) -> list[str]:
    """The document's block structure: opening tokens of headings, lists, fences, quotes..."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [t.type for t in tokens if t.nesting >= 0 and t.type not in ("inline", "text")]


# -- the document -----------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", ONE_LINE.values(), ids=ONE_LINE.keys())
def test_one_line_answers_show_as_typed_in_the_document(value, expected):
    renderer = Renderer(TEMPLATE)
    text, middle = shown(value, expected), shown(value, expected, "what_you_do")
    document = renderer.render(dict(BACKEND_ANSWERS, company=value, what_you_do=value))
    assert f"## About {text}\n" in document
    assert f"\n{text} is {middle}." in document
    assert "49" not in document and "xxx" not in document  # Jinja in an answer never runs
    assert not CONTROL.search(document)


@pytest.mark.parametrize("value, items", MULTI_LINE.values(), ids=MULTI_LINE.keys())
def test_multi_line_answers_become_one_item_per_line(value, items):
    document = Renderer(TEMPLATE).render(dict(BACKEND_ANSWERS, benefits=value))
    listed = "".join(f"- {with_full_stop(item)}\n" for item in items)
    assert f"plus equity.\n{listed}- Flexible working" in document
    assert "49" not in document
    assert not CONTROL.search(document)


@pytest.mark.parametrize("value, expected", ONE_LINE.values(), ids=ONE_LINE.keys())
def test_an_answer_never_changes_the_structure_of_the_document(value, expected):
    """Headings, lists and paragraphs are the template's: a company called "# Heading" or
    "1. FC Köln" is text, in the Markdown and in the plain text made from it."""
    renderer = Renderer(TEMPLATE)
    plain = block_types(renderer.render(dict(BACKEND_ANSWERS, benefits="Health")))
    document = renderer.render(dict(BACKEND_ANSWERS, company=value, benefits=value))
    assert block_types(document) == plain
    if expected is not None and expected.startswith(("\\", "1\\")):  # block Markdown, escaped
        text = to_plain_text(document)
        assert f"About {value}\n" in text and f"{value} is a logistics" in text
        item = BENEFIT_SHOWN.get(value, value)
        assert f"• {with_full_stop(item)}\n" in text


@pytest.mark.parametrize("value, items", MULTI_LINE.values(), ids=MULTI_LINE.keys())
def test_a_multi_line_answer_stays_inside_its_list(value, items):
    renderer = Renderer(TEMPLATE)
    plain = block_types(renderer.render(dict(BACKEND_ANSWERS, benefits="x\n" * len(items))))
    assert block_types(renderer.render(dict(BACKEND_ANSWERS, benefits=value))) == plain


def test_only_an_answer_that_begins_a_line_is_escaped():
    """Where each field stands is read from the template: after a quote or list marker, or
    first on a line, block Markdown is escaped; in the middle of a line it is not syntax."""
    body = "> {{ company }} rocks\n\n1. {{ what_you_do }}\n\nWe use {{ language }}.\n" \
           "{{ datastore }}{{ framework }}\n"
    template = replace(TEMPLATE, body=body)
    answers = dict(BACKEND_ANSWERS, company="# A", what_you_do="> B", language="# C",
                   datastore="1. D", framework="# E")
    document = Renderer(template).render(answers)
    assert document == "> \\# A rocks\n\n1. \\> B\n\nWe use # C.\n1\\. D# E\n"
    assert block_types(document) == block_types(Renderer(template).render(BACKEND_ANSWERS))


# Answers made of Jinja's own syntax, to look for one that Jinja would evaluate.
JINJA_SOUP = st.lists(
    st.sampled_from(["{{", "}}", "{%", "%}", "{#", "#}", "7*7", " ", "company", "raw",
                     "endraw", "-", "+", "'", '"', "\n", "x", "#", "1.", ">"]),
    max_size=20,
).map("".join)
ANSWER = st.one_of(st.text(max_size=80), JINJA_SOUP)
_FOLDED_AWAY = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufdd0-\ufdd2]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def folded(answer: str) -> str:
    """A one-line answer as the document shows it: controls out, whitespace runs as one space."""
    return " ".join(_FOLDED_AWAY.sub("", _BREAKS.sub("\n", answer)).split())


def escape_variants(text: str) -> list[str]:
    """`text`, or `text` with the backslash that stops it from starting a Markdown block."""
    digits = re.match(r"\d*", text).end()
    return [text, "\\" + text, text[:digits] + "\\" + text[digits:]]


# Fields the body shows only inside other fields' defaults (the language in the requirements),
# and the fields whose defaults show them.
IN_DEFAULTS_ONLY = {
    name: [field for field in TEMPLATE.fields if name in references(field)]
    for name in TEMPLATE.field_names
    if "{{ " + name + " }}" not in TEMPLATE.body and any(
        name in references(field) for field in TEMPLATE.fields)
}


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries({}, optional={name: ANSWER for name in TEMPLATE.field_names}))
def test_any_answers_render_literally(answers):
    """Rendering never fails, every one-line answer's visible text is in the document (Jinja
    syntax included, never evaluated), and no control character gets in."""
    document = Renderer(TEMPLATE).render(answers)
    for name in LINE_FIELDS:
        text = folded(answers.get(name, ""))
        if name in IN_DEFAULTS_ONLY and not any(
                untouched(field, answers) for field in IN_DEFAULTS_ONLY[name]):
            continue  # shown only by defaults, and each of those was replaced by an answer
        if text:
            assert any(variant in document for variant in escape_variants(text)), name
    if not any("49" in value for value in answers.values()):
        assert "49" not in document
    assert not CONTROL.search(document)
    assert document.endswith("\n") and "\n\n\n" not in document


# -- the draft on disk ------------------------------------------------------------------------

# Keys that are odd strings: spaces, dots, quotes, brackets, unicode, empty.
ODD_KEYS = ["company", "with space", "a.b.c", "ünïcödé", "答え", '"quoted"', "[table]", "=",
            "#", "", "line\nbreak", "tab\tkey", "\x1b[31m"]


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_text_round_trips_exactly_through_the_draft(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("rt") / "d.toml"
    document = Renderer(TEMPLATE).render({"company": text})
    save_draft(Draft("backend-engineer", answers={"company": text}), document, path)
    assert load_draft(path).answers == {"company": text}
    assert path.with_suffix(".md").read_text("utf-8") == document


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.one_of(st.sampled_from(ODD_KEYS), st.text(max_size=20)),
                       st.text(max_size=300), max_size=12))
def test_any_answers_and_odd_keys_round_trip_exactly(tmp_path_factory, answers):
    path = tmp_path_factory.mktemp("rt") / "d.toml"
    save_draft(Draft("backend-engineer", answers=answers), "doc\n", path)
    loaded = load_draft(path)
    assert loaded.answers == answers
    assert list(loaded.answers) == list(answers)  # and in the same order
    assert tomllib.loads(draft_to_toml(loaded))["answers"] == answers


def test_hostile_values_round_trip_exactly_through_the_draft(tmp_path):
    answers = {f"{name} key": value for name, (value, _) in ONE_LINE.items()}
    answers.update({name: value for name, (value, _) in MULTI_LINE.items()})
    answers["big"] = "Lorem 👩‍💻 ipsum\x00\x1b[0m\r\n" * 4_000  # ~100 KB
    path = tmp_path / "hostile.toml"
    save_draft(Draft("backend-engineer", answers=answers), "doc\n", path)
    assert load_draft(path).answers == answers


# -- the preview --------------------------------------------------------------------------------


def test_the_preview_shows_control_characters_as_visible_symbols():
    segments = [
        Segment("## Title\x1b]0;owned\x07\n\n"),
        Segment("red \x1b[31mtext\x1b[0m, NUL\x00, bell\x07, back\x08, CR\r, DEL\x7f, CSI\x9b",
                "company"),
        Segment("\ntab\tkept\n"),
    ]
    plain = preview_text(segments, "company").plain
    assert not CONTROL.search(plain)
    assert "Title␛]0;owned␇" in plain
    assert "red ␛[31mtext␛[0m, NUL␀, bell␇, back␈, CR␍, DEL␡, CSI<U+009B>" in plain
    assert "tab\tkept" in plain


# -- in the app ---------------------------------------------------------------------------------


def preview_of(app: JDWizardApp) -> str:
    return app.screen.query_one(DocumentPreview).plain


def drawn_text(app: JDWizardApp, widget) -> str:
    """The characters the terminal shows for `widget`'s area of the screen."""
    return screen_area(app, widget.region)


async def replace_answer(pilot, value: str) -> None:
    """Select the whole answer and paste `value` over it, as the terminal delivers a paste."""
    box = answer_box(pilot.app)
    assert pilot.app.focused is box
    box.select_all()
    pilot.app.post_message(events.Paste(value))
    await pilot.pause()
    await pilot.app.screen.settle_answers()  # the box has taken the paste


def answer_on_disk(path: Path, name: str) -> str | None:
    try:
        return tomllib.loads(path.read_text("utf-8"))["answers"].get(name)
    except (OSError, tomllib.TOMLDecodeError):
        return None


async def saved_answer(pilot, path: Path, name: str, expected: str) -> str | None:
    """Ctrl+S, then the answer `name` in the draft once the save has landed."""
    session = pilot.app.session
    await press(pilot, "ctrl+s")
    await wait_for(pilot, lambda: not session.dirty and answer_on_disk(path, name) is not None,
                   "the save")
    return answer_on_disk(path, name)


# what_you_do and benefits take the one-line values that differ in kind (company takes all of
# them); benefits also takes the multi-line ones.
WHAT_YOU_DO_CASES = ["jinja-expression", "heading", "html", "ansi-colour", "osc-sequence", "nul",
                     "bell-backspace", "c1-csi", "emoji-zwj", "combining", "rtl-override"]
BENEFITS_CASES = [*WHAT_YOU_DO_CASES, "jinja-loop", "lone-hash", "ordered-list", "quote", "fence",
                  "tab"]


@pytest.mark.parametrize("field", ["company", "what_you_do", "benefits"])
async def test_pasting_hostile_values_shows_them_and_saves_them_exactly(
    field, drafts_folder, backend
):
    path = drafts_folder / f"{field}.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    names = {"what_you_do": WHAT_YOU_DO_CASES, "benefits": BENEFITS_CASES}.get(field, ONE_LINE)
    cases = [(ONE_LINE[name][0], [shown(*ONE_LINE[name], field)]) for name in names]
    if field == "benefits":
        cases += list(MULTI_LINE.values())
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to(field)
        await wait_for(pilot, lambda: app.session.renderer_ready, "the preview")
        preview = app.screen.query_one(DocumentPreview)
        for value, lines in cases:
            await replace_answer(pilot, value)
            assert app.session.answers[field] == value
            text = preview_of(app)
            for line in lines:
                if field == "company":
                    assert f"About {line}\n" in text and f"\n{line} is " in text
                elif field == "what_you_do":
                    assert f" is {line}." in text
                else:
                    assert f"• {with_full_stop(line)}\n" in text
            assert "49" not in text
            assert not CONTROL.search(text)
            if CONTROL.search(value):
                assert not CONTROL.search(drawn_text(app, preview))  # nothing raw on screen
            assert await saved_answer(pilot, path, field, value) == value
            assert app.is_running
        markdown = path.with_suffix(".md").read_text("utf-8")
        assert not CONTROL.search(markdown)


LINE_BREAKS = ["one\rtwo", "one\r\ntwo", "one\x0btwo\x0cthree", "one\x85two",
               "one\u2028two\u2029three", "one\x1ctwo\x1dthree\x1efour"]


async def test_any_line_break_pasted_into_the_list_keeps_every_line(drafts_folder, backend):
    """The multi-line box stores any kind of line break as a newline: every line is kept."""
    path = drafts_folder / "breaks.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("benefits")
        await wait_for(pilot, lambda: app.session.renderer_ready, "the preview")
        for value in LINE_BREAKS:
            await replace_answer(pilot, value)
            lines = re.split("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", value)
            for line in lines:
                assert f"• {with_full_stop(line)}\n" in preview_of(app)
            stored = "\n".join(lines)
            assert await saved_answer(pilot, path, "benefits", stored) == stored


async def test_a_line_break_pasted_into_a_one_line_field_loses_no_text(drafts_folder, backend):
    path = drafts_folder / "one-line.toml"
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.session.renderer_ready, "the preview")
        for value in ["Acme\nLogistics GmbH", *LINE_BREAKS]:
            await replace_answer(pilot, value)
            words = value.split()
            assert app.session.answers.get("company", "").split() == words
            assert f"About {' '.join(words)}\n" in preview_of(app)
            saved = await saved_answer(pilot, path, "company", value)
            assert saved is not None and saved.split() == words


async def test_no_control_character_is_drawn_anywhere(drafts_folder, backend):
    hostile = "Acme\x1b]0;owned\x07 \x1b[31mred\x1b[0m\x00"
    answers = {"company": hostile, "benefits": hostile}
    app = JDWizardApp(new_session(backend, drafts_folder / "raw.toml", answers))
    async with app.run_test(size=SIZE) as pilot:
        for field in ("company", "benefits"):
            await app.screen.jump_to(field)
            await wait_for(pilot, lambda: app.session.renderer_ready, "the preview")
            await pilot.pause()
            assert not CONTROL.search(drawn_text(app, app.screen)), field
            assert "␛" in drawn_text(app, answer_box(app)), field  # shown, as a symbol


async def test_typing_after_a_100_kb_paste_loses_no_character(drafts_folder, backend):
    path = drafts_folder / "big.toml"
    big = ("a platform for shops שלום {{ 7*7 }} " * 3_000)[:100_000]
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("what_you_do")
        app.post_message(events.Paste(big))
        post_keys(app, *"end")
        expected = big + "end"
        await wait_for(pilot, lambda: app.session.answers.get("what_you_do") == expected)
        assert answer_box(app).text == expected
        await wait_for(pilot, lambda: app.session.renderer_ready, "the preview")
        text = preview_of(app)  # a long answer shows as an excerpt around the cursor
        assert "{{ 7*7 }}" in text and f"{expected[-200:]}." in text and "49" not in text
        assert await saved_answer(pilot, path, "what_you_do", expected) == expected
        assert app.is_running
    assert f" is {expected}." in path.with_suffix(".md").read_text("utf-8")


async def test_typing_after_a_long_paste_into_the_list_loses_no_line(drafts_folder, backend):
    path = drafts_folder / "big-list.toml"
    big = "".join(f"Benefit {n} 🎉 {{{{ n }}}}\n" for n in range(1_000))  # ~22 KB
    app = JDWizardApp(new_session(backend, path, {}, folder=drafts_folder))
    async with app.run_test(size=SIZE) as pilot:
        await app.screen.jump_to("benefits")
        app.post_message(events.Paste(big))
        post_keys(app, *"end")
        await wait_for(pilot, lambda: app.session.answers.get("benefits") == big + "end")
        await wait_for(pilot, lambda: app.session.renderer_ready, "the preview")
        assert await saved_answer(pilot, path, "benefits", big + "end") == big + "end"
        assert "• Benefit 999 🎉 {{ n }}.\n• end.\n" in preview_of(app)


# -- names on disk --------------------------------------------------------------------------------

RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
            *(f"LPT{n}" for n in range(1, 10))}
HOSTILE_NAMES = [
    "../../etc", "../../etc/passwd", "/etc/passwd", "..\\..\\windows\\system32", "a/b\\c",
    "con", "CON", "nul", "Aux", "com1", "LPT9", "con.txt", "nul.", "x" * 300, "👩‍💻🎉🏳️‍🌈",
    "...", ".", "..", ".hidden", "-rf", "--help", "   ", "  spaced   name  ", "", "\x00\x1b[31m",
    "\u202eevil", "Zürich ☃", "ｆｕｌｌｗｉｄｔｈ", "Ωmega", "a" + "\u0301" * 200,
]


def check_safe_name(folder: Path, path: Path) -> None:
    assert path.parent.resolve() == folder.resolve()
    assert path.resolve().is_relative_to(folder.resolve())
    name = path.name
    assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*\.toml", name), name
    assert len(name) <= 100, name
    assert name.split(".")[0].rstrip(" .").upper() not in RESERVED
    assert not name.startswith((".", "-"))
    assert not path.exists() and not path.with_suffix(".md").exists()


@pytest.mark.parametrize("company", HOSTILE_NAMES)
@pytest.mark.parametrize("template_id", ["backend-engineer", "../../x", "con", "", "💥"])
def test_draft_names_are_safe_whatever_the_company(company, template_id, tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    first = default_draft_path(folder, template_id, company, DAY)
    check_safe_name(folder, first)
    first.write_text("x", "utf-8")
    second = default_draft_path(folder, template_id, company, DAY)
    check_safe_name(folder, second)
    second.with_suffix(".md").write_text("only the document", "utf-8")
    third = default_draft_path(folder, template_id, company, DAY)
    check_safe_name(folder, third)
    assert len({first, second, third}) == 3


def test_a_folder_given_with_dots_or_a_link_still_gets_the_draft(tmp_path):
    real = tmp_path / "real" / "drafts"
    real.mkdir(parents=True)
    (tmp_path / "real" / "x").mkdir()
    (tmp_path / "link").symlink_to(real)
    for folder in (tmp_path / "real" / "x" / ".." / "drafts", tmp_path / "link"):
        check_safe_name(folder, default_draft_path(folder, "backend-engineer", "../../up", DAY))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(company=st.text(max_size=400), template_id=st.text(max_size=60))
def test_any_company_gives_a_safe_new_name(tmp_path_factory, company, template_id):
    folder = tmp_path_factory.mktemp("names")
    first = default_draft_path(folder, template_id, company, DAY)
    check_safe_name(folder, first)
    first.write_text("x", "utf-8")
    second = default_draft_path(folder, template_id, company, DAY)
    check_safe_name(folder, second)


async def test_a_company_named_like_a_path_autosaves_in_the_drafts_folder(
    isolated_home, drafts_folder, backend
):
    home = isolated_home.parent
    company = "../../etc/passwd"
    app = JDWizardApp(new_session(backend, None, {}, folder=drafts_folder), autosave_seconds=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await replace_answer(pilot, company)
        await press(pilot, "enter", *"a shop")
        await wait_for(pilot, lambda: list(drafts_folder.glob("etc-passwd-*.toml"))
                       and not app.session.dirty, "the autosave")
        saved = list(drafts_folder.glob("etc-passwd-*.toml"))
        assert [p.name.startswith("etc-passwd-backend-engineer-") for p in saved] == [True]
        await press(pilot, "ctrl+q")
    answers = tomllib.loads(saved[0].read_text("utf-8"))["answers"]
    assert answers == {"company": company, "what_you_do": "a shop"}
    written = [p for p in home.rglob("*") if p.suffix in (".toml", ".md")]
    assert written and all(p.parent == drafts_folder for p in written), written
    assert not (home / "etc").exists() and not (isolated_home / "etc").exists()
    assert not Path("/etc/passwd.toml").exists()
