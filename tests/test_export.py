"""Export formats: plain text with no Markdown left, and an HTML fragment that is safe to paste."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import BACKEND_ANSWERS
from jdwizard.cli import main
from jdwizard.draft.file import Draft, save_draft
from jdwizard.export import (
    FORMAT_LABELS,
    FORMAT_SUFFIXES,
    FORMATS,
    export,
    to_html,
    to_plain_text,
)
from jdwizard.template.engine import Renderer
from jdwizard.template.library import all_templates, get_template
from jdwizard.template.model import Template

VOID_TAGS = {"br", "hr", "img"}


def sample_answers(template: Template) -> dict[str, str]:
    """A plausible answer for every field without a default (those show the template's text,
    with the answers it inserts); multi-line fields get two lines."""
    if template.id == "backend-engineer":
        return dict(BACKEND_ANSWERS)
    answers = {}
    for field in template.fields:
        if field.default is not None:
            continue
        words = field.name.replace("_", " ")
        if field.kind == "text":
            answers[field.name] = f"First {words} line\nSecond {words} line"
        else:
            answers[field.name] = f"Sample {words} answer"
    return answers


def answer_lines(answers: dict[str, str]) -> list[str]:
    return [line for value in answers.values() for line in value.split("\n")]


def html_escape(text: str) -> str:
    """How markdown-it escapes text content (it leaves apostrophes alone)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;"
    )


class TagBalance(HTMLParser):
    """Records every start tag and fails on a close tag that does not match the open one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def parse_html(fragment: str) -> TagBalance:
    parser = TagBalance()
    parser.feed(fragment)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return parser


def document(answers: dict[str, str], template_id: str = "backend-engineer") -> str:
    return Renderer(get_template(template_id)).render(answers)


TEMPLATE_IDS = [template.id for template in all_templates()]


def test_formats_have_suffixes_and_labels():
    assert FORMATS == ("markdown", "text", "html", "jsonld")
    assert FORMAT_SUFFIXES == {"markdown": ".md", "text": ".txt", "html": ".html",
                               "jsonld": ".jsonld"}
    assert set(FORMAT_LABELS) == set(FORMATS) and FORMAT_LABELS["html"] == "HTML (rich text)"


def test_export_dispatches_and_rejects_unknown_formats():
    markdown = "## Title\n\n- **item**\n"
    assert export(markdown, "markdown") == markdown
    assert export(markdown, "text") == "Title\n\n• item\n"
    html = "<h2>Title</h2>\n<ul>\n<li><strong>item</strong></li>\n</ul>\n"
    assert export(markdown, "html") == html
    with pytest.raises(ValueError, match="pdf"):
        export(markdown, "pdf")


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_plain_text_of_every_template_has_no_markdown(template_id):
    answers = sample_answers(get_template(template_id))
    text = to_plain_text(document(answers, template_id))
    for syntax in ("#", "**", "__", "`", "]("):
        assert syntax not in text
    lines = text.split("\n")
    assert not [line for line in lines if line.lstrip().startswith(("- ", "* "))]
    assert "• " in text and not [line for line in lines if line != line.rstrip()]
    assert "\n\n\n" not in text and text.endswith(("line\n", ".\n")) and not text.endswith("\n\n")
    for line in answer_lines(answers):
        assert line in text


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_html_of_every_template_parses_with_headings_and_lists(template_id):
    answers = sample_answers(get_template(template_id))
    html = to_html(document(answers, template_id))
    tags = parse_html(html).seen
    assert {"h2", "p", "ul", "li"} <= set(tags) and "html" not in tags and "body" not in tags
    for line in answer_lines(answers):
        assert html_escape(line) in html


def test_plain_text_layout_of_backend():
    text = to_plain_text(document(BACKEND_ANSWERS))
    assert text.startswith("Senior Backend Engineer\n\n• Company: Acme Logistics\n")
    assert "\n\nAbout Acme Logistics\n\nAcme Logistics is a logistics platform" in text
    assert "\n\nWhat you'll do\n\n• Design and build APIs and services in Go.\n• Model" in text
    assert "• Health insurance.\n• A yearly learning budget.\n" in text


def test_hostile_html_is_escaped_in_html_and_literal_in_text():
    answers = dict(BACKEND_ANSWERS, company="<script>alert(1)</script>",
                   domain='<img src=x onerror="alert(1)">')
    markdown = document(answers)
    html = to_html(markdown)
    parse_html(html)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    text = to_plain_text(markdown)
    assert "About <script>alert(1)</script>\n" in text
    assert 'Background in <img src=x onerror="alert(1)">.' in text


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox(1)", "data:text/html,x"]
)
def test_dangerous_links_never_become_live(link):
    html = to_html(document(dict(BACKEND_ANSWERS, domain=f"[click]({link})")))
    parse_html(html)
    assert "href" not in html and "<a" not in html
    assert f"[click]({link})" in html


def test_safe_links_become_anchors_and_text_shows_the_url():
    answers = dict(BACKEND_ANSWERS, domain="[payments](https://example.com/pay), <https://acme.io>")
    markdown = document(answers)
    assert '<a href="https://example.com/pay">payments</a>' in to_html(markdown)
    text = to_plain_text(markdown)
    assert "Background in payments (https://example.com/pay), https://acme.io." in text


@pytest.mark.parametrize(
    "answer", ["C# and F#", "5 * 3 = 15", "snake_case_name", "a_b * c_d", "{{ company }}",
               "a | b | c", "Ünïcödé 🚀 עברית"]
)
def test_literal_characters_in_answers_survive(answer):
    markdown = document(dict(BACKEND_ANSWERS, domain=answer))
    assert f"• Background in {answer}.\n" in to_plain_text(markdown)
    assert f"<li>Background in {html_escape(answer)}.</li>" in to_html(markdown)


def test_markdown_typed_in_an_answer_is_markdown():
    """The document is Markdown: `*remote*` in an answer is emphasis there, so in text the
    markers go (like any emphasis) and HTML shows it as <em>. Escaped markers stay literal."""
    markdown = document(dict(BACKEND_ANSWERS, domain=r"50% *remote* and \*literal\* `code`"))
    assert "• Background in 50% remote and *literal* code.\n" in to_plain_text(markdown)
    html = to_html(markdown)
    assert "50% <em>remote</em> and *literal* <code>code</code>." in html


def test_control_characters_are_dropped():
    markdown = document(dict(BACKEND_ANSWERS, domain="pay\x1b[31mments\x07\x00"))
    assert "Background in pay[31mments." in to_plain_text(markdown)
    assert "Background in pay[31mments." in to_html(markdown)


def test_nested_ordered_quoted_and_code_blocks_in_text():
    markdown = (
        "Intro with a\nline break.\n\n"
        "1. first\n2. second\n   continued\n   - nested\n\n"
        "> quoted\n\n"
        "    code  kept\n\n"
        "---\n"
    )
    assert to_plain_text(markdown) == (
        "Intro with a\nline break.\n\n"
        "1. first\n2. second\n   continued\n   • nested\n\n"
        "    quoted\n\n"
        "    code  kept\n\n"
        "----------\n"
    )


def test_plain_text_trims_trailing_spaces_and_blank_runs():
    assert to_plain_text("    code  kept  \n\n\n\n    more\n") == "    code  kept\n\n    more\n"


def test_importing_export_does_not_load_markdown_it():
    code = "import sys, jdwizard.export; print('markdown_it' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def saved_draft(tmp_path: Path) -> Path:
    path = tmp_path / "backend.toml"
    save_draft(Draft("backend-engineer", answers=dict(BACKEND_ANSWERS)), "", path)
    return path


@pytest.mark.parametrize("format_name", ["text", "html"])
def test_cli_render_prints_the_format(tmp_path, capsys, format_name):
    path = saved_draft(tmp_path)
    assert main(["render", "--format", format_name, str(path)]) == 0
    out = capsys.readouterr().out
    assert out == export(document(BACKEND_ANSWERS), format_name)
    if format_name == "html":
        assert out.startswith("<h1>Senior Backend Engineer</h1>\n<ul>")
        assert "<h2>About Acme Logistics</h2>\n<p>" in out
    else:
        assert out.startswith("Senior Backend Engineer\n\n") and "• Health insurance.\n" in out


def test_cli_render_writes_html_file(tmp_path, capsys):
    path = saved_draft(tmp_path)
    target = tmp_path / "out.html"
    assert main(["render", "--format", "html", str(path), "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    written = target.read_text(encoding="utf-8")
    assert "<h2>What we offer</h2>" in written and "<li>Health insurance.</li>" in written
    parse_html(written)
