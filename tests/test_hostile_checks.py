"""The checks in bounded time on hostile text (issue 18), and `check`'s capped input.

Times are compared only as growth: the same pattern at 20 times the size must take well under
20 squared times as long (a linear check takes about 20 times; a quadratic one, 400). Each
replaced regular expression is compared with its linear replacement on random text."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import string
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from conftest import BACKEND_ANSWERS
from jdwizard.checks import gender, inline, pay, readability
from jdwizard.checks.finding import Severity
from jdwizard.checks.pay import check_pay, jurisdictions, location_in_text
from jdwizard.checks.pay_text import salary_in_text
from jdwizard.checks.post import MAX_POST_BYTES, check_draft, check_field, check_text
from jdwizard.checks.readability import measure
from jdwizard.checks.salary import SalaryError, parse_salary
from jdwizard.checks.terms import check_terms
from jdwizard.checks.unfilled import check_leftovers
from jdwizard.template.engine import Renderer
from jdwizard.template.library import get_template

SMALL = 1_000
GROWTH = 20  # the large text is this many times the small one
LIMIT = 60  # the most its time may grow: linear is ~20, n log n ~30, quadratic ~400


def _parse(text: str) -> None:
    with contextlib.suppress(SalaryError):
        parse_salary(text)


BACKEND = get_template("backend-engineer")


def _draft(text: str) -> None:
    check_draft(BACKEND, dict(BACKEND_ANSWERS, what_you_do=text))


def _field(text: str) -> None:
    check_field(BACKEND, BACKEND.field("what_you_do"), dict(BACKEND_ANSWERS, what_you_do=text))


CHECKS: dict[str, Callable[[str], object]] = {
    "check_text": check_text,
    "check_draft": _draft,  # an answer holding the text, in the rendered document too
    "check_field": _field,  # the same answer as it is typed
    "check_leftovers": lambda text: check_leftovers(text, notes=Severity.WARNING),
    "check_terms": lambda text: check_terms(text, None),
    "gender.code": gender.code,
    "measure": measure,
    "location_in_text": location_in_text,
    "salary_in_text": salary_in_text,
    "parse_salary": _parse,
    "jurisdictions": jurisdictions,
    "check_pay": lambda text: check_pay(text, text, text),
}


def repeated(unit: str, head: str = "", tail: str = "") -> Callable[[int], str]:
    """A text of about `size` characters: `head`, `unit` over and over, `tail`."""
    return lambda size: head + unit * max(1, size // len(unit)) + tail


def distinct_coded_words(size: int) -> str:
    """Many different gender-coded words ("leadaaaa leadaaab ..."): once quadratic."""
    words = ("lead" + "".join(letters) for letters in
             itertools.product(string.ascii_lowercase, repeat=4))
    return " ".join(itertools.islice(words, size // 9))


# Each was quadratic or worse somewhere in the checks, or is the kind of text that makes a
# regular expression backtrack: runs of punctuation, URL-ish and number-ish runs, Markdown.
HOSTILE: dict[str, Callable[[int], str]] = {
    "/ blank ?": repeated("/\n\n?"),
    "!?": repeated("!?"),
    "!? then a letter": repeated("!?", tail="a"),
    "http:// and dots": repeated(".", "http://"),
    "http:// dots then <": repeated(".", "http://", "<a"),
    "http:// repeated": repeated("http://", tail="<a"),
    "www. repeated": repeated("www.", tail="<a"),
    "e-mail-ish": repeated("a.", "a@", "!@"),
    "digits 1,1,1": repeated("1,"),
    "$1-$1-$1": repeated("$1-"),
    "_*_*": repeated("_*"),
    "**a": repeated("**a"),
    "[[[[": repeated("["),
    "[[[[ then ](": repeated("[", tail="]("),
    "[a](": repeated("[a]("),
    "{{{{": repeated("{"),
    "{{ and spaces": repeated(" ", "{{", "x"),
    "{{ a": repeated("{{ a"),
    "<a<a": repeated("<a"),
    "# heading and spaces": repeated(" ", "# a", "b"),
    "# # #": repeated("# "),
    "newlines": repeated("\n"),
    "CRLF": repeated("\r\n"),
    ",\\n": repeated(",\n"),
    "list items": repeated("\n- "),
    "> quotes": repeated("> ", tail="x"),
    "- - - rule": repeated("- ", tail="x"),
    "one long word": repeated("a"),
    "one long line of words": repeated("word "),
    "pay headings": repeated("salary\n"),
    "pay and blank lines": repeated("\n", "Salary\n", "1"),
    "pay and dots": repeated(". ", "salary 1", "a"),
    "location and spaces": repeated(" ", "Location", "x"),
    "places": repeated("Washington ,", tail="DC"),
    "1 000 000": repeated("1 000 "),
    "amounts and hours": repeated("$1-$2 a year 40 hours per week + super, "),
    "pay lines": repeated("Salary: $190k-150k 7:00am 555-123-4567\n"),
    "distinct coded words": distinct_coded_words,
}

PIECES = ["/", "\n", "\r\n", "?", "!", ".", ",", " ", "\t", "http://", "www.", "@", "a", "1",
          "$", "-", "_", "*", "[", "]", "(", ")", "{{", "}}", "{", "<", ">", "#", "|", "'",
          "salary", "Location:", "lead", "é", "\u202e"]


def fastest(check: Callable[[str], object], text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()  # CPU time: a busy machine's waits do not count
        check(text)
        best = min(best, time.process_time() - start)
    return best


def growth(check: Callable[[str], object], make: Callable[[int], str],
           size: int = SMALL) -> float:
    """How many times longer `check` takes on the large text than on the small one of `size`
    (the fastest of a few runs of each, measured twice if it looks too slow: a busy machine)."""
    small, large = make(size), make(size * GROWTH)
    ratio = float("inf")
    for _ in range(2):
        ratio = min(ratio, fastest(check, large, 3) / max(fastest(check, small, 7), 1e-6))
        if ratio <= LIMIT:
            break
    return ratio


@pytest.mark.parametrize("name", list(CHECKS))
def test_each_check_grows_no_faster_than_its_text(name):
    check = CHECKS[name]
    slow = {pattern: round(ratio) for pattern, make in HOSTILE.items()
            if (ratio := growth(check, make)) > LIMIT}
    assert not slow, f"{name}: time grew more than {LIMIT}x for {GROWTH}x the text: {slow}"


@pytest.mark.parametrize("name, pattern", [("gender.code", "distinct coded words"),
                                           ("salary_in_text", "pay headings")])
def test_slowly_quadratic_cases_grow_no_faster_than_their_text(name, pattern):
    # At ten times the size: these were quadratic with a small factor (a search of the text
    # for each coded word, a copy of the lines below each pay heading), lost at 20 KB.
    ratio = growth(CHECKS[name], HOSTILE[pattern], 10_000)
    assert ratio <= LIMIT, f"{name}: {ratio:.0f}x for {GROWTH}x the text of {pattern!r}"


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(unit=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join),
       head=st.sampled_from(["", "# ", "http://", "{{", "[", "Salary: ", "Location: "]),
       tail=st.sampled_from(["", "a", "<", "](", "x}}", "\n1"]))
def test_check_text_grows_no_faster_than_random_hostile_text(unit, head, tail):
    ratio = growth(check_text, repeated(unit, head, tail))
    assert ratio <= LIMIT, f"{ratio:.0f}x for {GROWTH}x the text of {head!r}+{unit!r}*n+{tail!r}"


# The regular expressions replaced, kept here to show the new code reports the same.
OLD_HEADING = re.compile(r"^\s*#{1,6}(?:\s+(?P<text>.*?))?(?:\s+#+)?\s*$")
OLD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
OLD_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>]+?(?=[.,;:!?'\"’”)\]>]*(?:\s|$))"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
OLD_TAG = re.compile(r"</?[A-Za-z][^>]*>")
OLD_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)")
OLD_LOCATION = re.compile(r"^\W*(?:location|based in|office)\s*:\s*(?P<place>.+)$",
                          re.IGNORECASE | re.MULTILINE)
OLD_PLACEHOLDER = re.compile(r"\{\{\s*([^{}\n]{1,60}?)\s*\}\}")

MARKDOWN = ["#", "##", " ", "  ", "\t", "\u3000", "\x1c", "a", "B", "é", "[", "]", "(", ")",
            "!", "?", ".", ",", "<", ">", "/", "http://", "https://", "www.", "@", "x.y", "-",
            "+", "_", "’", "”", "'", '"', ":", "{{", "}}", "{", "}", "\n", "location",
            "Location", "based in", "office", "1", "salary", "Pay", "$1", "k", "*", "x" * 30,
            "![a](b)", "[a](b)", "](", "{{ a }}", "\n\n", "Salary\n", "- ", "$1-2k"]
texts = st.lists(st.sampled_from(MARKDOWN), max_size=40).map("".join)
lines = texts.map(lambda text: text.replace("\n", " "))
SAME = settings(max_examples=600, deadline=None)


@SAME
@given(st.one_of(lines, st.lists(st.sampled_from(["#", "##", " ", "\t", "a"]), max_size=12)
                 .map("".join)))
def test_headings_read_as_before(line):
    old = OLD_HEADING.match(line)
    assert inline.heading_text(line) == (None if old is None else old["text"] or "")


@SAME
@given(lines)
def test_links_and_tags_come_out_as_before(line):
    assert inline.unlink(line) == OLD_LINK.sub(r"\1", line)
    assert inline.untag(line, readability._TAG, " ") == OLD_TAG.sub(" ", line)


@SAME
@given(lines)
def test_addresses_are_found_as_before(line):
    assert inline.replace_addresses(line, "\ue000") == OLD_URL.sub("\ue000", line)


@SAME
@given(lines)
def test_sentences_end_as_before(line):
    assert ([m.span() for m in readability._END.finditer(line)]
            == [m.span() for m in OLD_END.finditer(line)])


@SAME
@given(texts)
@example("{{" + "x" * 60 + "}} {{" + "x" * 61 + "}} {{ \n}} {{\n}} {{ a\nb }} {{}}")
@example("\n\n - Location :\n Berlin\n\nLocation: Paris")
def test_location_and_placeholders_read_as_before(text):
    old = OLD_LOCATION.search(text)  # issue 15: now one of the places found, not the only one
    assert old is None or old["place"].strip().strip("*_").strip() in location_in_text(text)
    found = [(f.start, f.message) for f in check_leftovers(text) if f.id == "placeholder-left"]
    names = [m[1] for m in OLD_PLACEHOLDER.finditer(text)]
    assert found == [(m.start(), f"The placeholder {m[0]} is still in the text.")
                     for m in OLD_PLACEHOLDER.finditer(text)]
    assert not [f for f in check_leftovers(text, skip=names) if f.id == "placeholder-left"]


WORDS = ["lead", "leader", "driven", "support", "kind", "team", "the", "co-operative",
         "non-lead", "Lead", "é"]
SEPARATORS = [" ", ", ", "\n", ". ", "é"]  # no "-": it joins words into one


@SAME
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=30)
       .map(lambda pairs: "".join(word + gap for word, gap in pairs)))
def test_the_first_coded_word_is_where_it_was(text):
    # Words none of which holds another coded one inside: there the old search, the first
    # place any coded word occurs in the lower-cased text, is where the first one starts.
    coded = gender.code(text)
    lowered = text.lower()
    places = [lowered.find(word) for word in (*coded.masculine, *coded.feminine)]
    assert coded.first == min((p for p in places if p >= 0), default=None)


def ordinary_post() -> str:
    """The backend-engineer template rendered with a full set of answers."""
    segments = Renderer(get_template("backend-engineer")).segments(BACKEND_ANSWERS)
    return "".join(segment.text for segment in segments)


def test_findings_on_an_ordinary_post_are_those_of_the_old_patterns(monkeypatch):
    post = ordinary_post() + "\n\nSee https://example.com/jobs, or mail jobs@example.com.\n"
    new = check_text(post)
    monkeypatch.setattr(readability, "heading_text", lambda line: (
        None if (m := OLD_HEADING.match(line)) is None else m["text"] or ""))
    monkeypatch.setattr(readability, "unlink", lambda line: OLD_LINK.sub(r"\1", line))
    monkeypatch.setattr(readability, "replace_addresses",
                        lambda line, word: OLD_URL.sub(word, line))
    monkeypatch.setattr(readability, "_END", OLD_END)
    monkeypatch.setattr(pay, "_LOCATION_LINE", OLD_LOCATION)
    old = check_text(post)
    assert new.to_json() == old.to_json()
    assert new.readability == old.readability and new.readability.words > 200


def jdwizard(home: Path, *args: str, stdin: object = subprocess.DEVNULL,
             given: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, JDWIZARD_HOME=str(home), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "jdwizard", *args], env=env, text=True,
                          capture_output=True, timeout=60, stdin=stdin if given is None else None,
                          input=given)


def test_a_post_over_the_cap_is_refused_in_one_line(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(b"Salary: $150k-190k per year\n" * (MAX_POST_BYTES // 28 + 1))
    assert post.stat().st_size > MAX_POST_BYTES
    result = jdwizard(tmp_path, "check", str(post))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"larger than {MAX_POST_BYTES:,} bytes" in result.stderr
    assert "check each post on its own" in result.stderr


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "huge.md"
    with huge.open("wb") as stream:
        stream.truncate(64 * 2**30)  # 64 GB, sparse: reading it whole would never end
    result = jdwizard(tmp_path, "check", str(huge))
    assert result.returncode == 1 and "larger than" in result.stderr


def test_check_dash_reads_a_post_from_a_pipe(tmp_path):
    post = "## About Acme\n\nWe need a rockstar.\n\n- Salary: $150k-190k per year\n"
    result = jdwizard(tmp_path, "check", "-", given=post)
    assert result.returncode == 0, result.stderr
    assert "Checked standard input" in result.stdout
    assert "rockstar" in result.stdout and "USD 150,000–190,000 per year" in result.stdout
    result = jdwizard(tmp_path, "check", "-", "--json", given="Join {{company}}!\n")
    assert result.returncode == 1
    found = [finding["id"] for finding in json.loads(result.stdout)["findings"]]
    assert "placeholder-left" in found


def test_check_dash_stops_reading_an_endless_pipe_at_the_cap(tmp_path):
    env = dict(os.environ, JDWIZARD_HOME=str(tmp_path), NO_COLOR="1")
    process = subprocess.Popen([sys.executable, "-m", "jdwizard", "check", "-"], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=False)
    assert process.stdin is not None

    def endless() -> None:  # until the command stops reading and the pipe breaks
        try:
            while True:
                process.stdin.write(b"We need a rockstar. " * 4096)  # type: ignore[union-attr]
        except (BrokenPipeError, ValueError, OSError):
            pass

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    try:
        code = process.wait(timeout=60)
    finally:
        process.kill()
    error = process.stderr.read().decode() if process.stderr else ""
    assert code == 1 and "standard input is larger than" in error
    assert error.count("\n") == 1
