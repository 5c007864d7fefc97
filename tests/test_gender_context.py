"""The adjusted gender coding (issue 15): matches that are not wording choices are left out,
and the finding shows each coded word in its sentence and what was left out and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdwizard.checks.gender import Adjusted, code, code_in_context, gender_findings, snippet
from jdwizard.checks.gender_context import Reason

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "gender-decoder"


def reasons(text: str, **context: object) -> dict[str, set[str | None]]:
    """word -> why each of its matches is left out (None: it counts)."""
    adjusted = code_in_context(text, **context).adjusted  # type: ignore[arg-type]
    assert adjusted is not None
    found: dict[str, set[str | None]] = {}
    for match in adjusted.matches:
        found.setdefault(match.word, set()).add(None if match.why is None else str(match.why))
    return found


def adjusted_of(text: str, **context: object) -> Adjusted:
    adjusted = code_in_context(text, **context).adjusted  # type: ignore[arg-type]
    assert adjusted is not None
    return adjusted


def reference_inputs() -> list[str]:
    cases = json.loads((REFERENCE / "cases.json").read_text(encoding="utf-8"))
    quirks = json.loads((REFERENCE / "reference_quirks.json").read_text(encoding="utf-8"))
    return [case["input"] for case in cases + quirks if isinstance(case.get("input"), str)]


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the shared reference cases are not here")
def test_the_reference_figures_are_those_of_code_on_the_reference_cases():
    inputs = reference_inputs()
    assert len(inputs) >= 30
    for text in inputs:
        plain, in_context = code(text), code_in_context(text)
        assert (in_context.masculine, in_context.feminine, in_context.first) == (
            plain.masculine, plain.feminine, plain.first), text
        assert in_context.label == plain.label


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["lead", "Lead", "_kind_", "kind", "driven", "event-driven", "# ", "\n", " ", ". ",
     "İ", "support", "https://x.example/lead", "[a](b/lead)", "Location: ", "**", "co-operative",
     "1. ", "- ", "child", "SharePoint", "K", "ﬁ"]), max_size=30).map("".join))
def test_the_reference_figures_never_change_with_the_context(text):
    plain, in_context = code(text), code_in_context(text, title="Lead", dismissed=["kind"])
    assert (in_context.masculine, in_context.feminine, in_context.first) == (
        plain.masculine, plain.feminine, plain.first)
    adjusted = in_context.adjusted
    assert adjusted is not None
    for match in adjusted.matches:  # every match is where its word is
        assert text[match.start : match.start + len(match.word)].lower().startswith(match.word)


def test_the_job_title_and_its_subject_are_left_out():
    text = "# Team Lead\n\nYou will lead a team of five and help them grow.\n"
    assert reasons(text) == {"lead": {"the job title", "the job's own subject"}}
    assert adjusted_of(text).label == "empty"
    assert code(text).label == "masculine-coded"  # the reference figure is kept


def test_a_given_title_and_subject_words_are_the_subject():
    text = "Story time twice a week for children and their parents.\n\nYou plan it.\n"
    assert reasons(text) == {"children": {None}}
    assert reasons(text, title="Children's Librarian") == {"children": {"the job's own subject"}}
    assert reasons(text, subject_words=["children"]) == {"children": {"the job's own subject"}}
    # "support" in a support role: the word's other forms share its stem
    post = "You answer customers by chat.\n\nYou support them and log each support ticket.\n"
    assert reasons(post, title="Customer Support Specialist") == {
        "support": {"the job's own subject"}}
    assert reasons(post) == {"support": {None}}


@pytest.mark.parametrize("heading", [
    "## Responsibilities", "**Responsibilities**", "Responsibilities:", "RESPONSIBILITIES",
    "Your Responsibilities", "What You'll Be Responsible For",
])
def test_headings_are_left_out(heading):
    text = f"# Engineer\n\n{heading}\nYou will write code every day.\n"
    [(word, why)] = reasons(text).items()
    assert word.startswith("respon") and why == {"a heading"}


def test_a_one_word_bullet_is_a_wording_choice():
    text = "# Engineer\n\nWhat we value:\n- Leadership\n- Empathy\n"
    assert reasons(text) == {"leadership": {None}, "empathy": {None}}


def test_names_and_places_are_left_out_but_not_a_sentence_start():
    text = ("# Engineer\n\n"
            "You will work with our Lead Engineer in Leadville, near Denver.\n"
            "Leadership matters here. 1. Kindness does too.\n"
            "Location: Kindred, ND\n")
    assert reasons(text) == {"lead": {"a name or place"}, "leadville": {"a name or place"},
                             "leadership": {None}, "kindness": {None},
                             "kindred": {"a name or place"}}


def test_link_addresses_are_left_out_but_not_link_text():
    text = ("# Engineer\n\nRead about [our leadership program](https://x.example/leadership) "
            "or https://x.example/support-team, or mail lead@x.example.\n")
    assert reasons(text) == {"leadership": {None, "a link"}, "support": {"a link"},
                             "lead": {"a link"}}


def test_markdown_emphasis_is_not_part_of_a_word():
    text = "# Engineer\n\nWe want _empathetic_ people, _kind and warm_, and **driven**.\n"
    adjusted = adjusted_of(text)
    assert adjusted.feminine == {"empathetic": 1, "kind": 1, "warm": 1}
    assert adjusted.masculine == {"driven": 1}
    # the reference reads "_empathetic_" as no word and counts "kind" as "_kind"... not at all
    assert code(text).feminine == {"warm_": 1}


@pytest.mark.parametrize(("text", "word", "phrase"), [
    ("We build event-driven systems.", "driven", "event-driven"),
    ("Our culture is data driven.", "driven", "data-driven"),
    ("You will run IT support for the office.", "support", "it support"),
    ("We track weekly active users.", "active", "active users"),
    ("We pay a competitive salary.", "competitive", "competitive salary"),
    ("It is the kind of work you will enjoy.", "kind", "kind of"),
    ("Keep our dependencies up to date.", "dependencies", "dependencies"),
    ("You will meet our product lead.", "lead", "product lead"),
    ("We pay £70,000 a year, plus share options.", "share", "share options"),
])
def test_business_and_technical_senses_are_left_out(text, word, phrase):
    adjusted = adjusted_of(f"# Engineer\n\n{text}\n")
    [match] = adjusted.matches
    assert (match.word, match.why, match.phrase) == (word, Reason.SENSE, phrase)


def test_the_same_words_as_traits_still_count():
    text = "# Engineer\n\nWe want driven, competitive people who are kind to users.\n"
    assert reasons(text) == {"driven": {None}, "competitive": {None}, "kind": {None}}
    assert reasons("# Engineer\n\nYou are self-driven.\n") == {"driven": {None}}


def test_dismissed_words_are_left_out_with_their_forms():
    text = "# Engineer\n\nYou support the team; it supports you. We are supportive.\n"
    for dismissed in (["support"], ["gender-coded:support"], ["Support"], ["supported"]):
        assert reasons(text, dismissed=dismissed) == {
            "support": {"dismissed"}, "supports": {"dismissed"}, "supportive": {None}}
    assert reasons(text, dismissed=["term:support"]) == {
        "support": {None}, "supports": {None}, "supportive": {None}}


def test_positions_survive_characters_that_lower_case_to_two():
    # "İ".lower() is two characters: the text's positions, not the lowered text's
    text = "İİİ İstanbul office: we work with our Lead Engineer.\n"
    adjusted = adjusted_of(text)
    [match] = adjusted.matches
    assert (match.word, match.why) == ("lead", Reason.NAME)
    assert text[match.start : match.start + 4] == "Lead"


SUPPORT_POST = """# Customer Support Lead

## Responsibilities
- Lead a team of six support agents across two shifts
- Build event-driven alerts for weekly active users
- Coach the team with empathy and patience

We want someone driven and decisive, and we pay a competitive salary.
Apply at [our careers page](https://acme.example/leadership-jobs).
"""


def test_the_finding_rests_on_the_adjusted_coding():
    coding, [finding] = gender_findings(SUPPORT_POST)
    assert coding.label == "strongly masculine-coded"  # the reference figure
    assert coding.adjusted is not None and coding.adjusted.label == "masculine-coded"
    assert finding.id == "gender-coded" and finding.severity == "info"
    assert finding.message.startswith("The post reads masculine-coded (score -1): ")
    # each coded word in its sentence
    assert "“decisive” in “We want someone driven and decisive, and we pay a…”" in (
        finding.message)
    assert "“driven” in “We want someone driven and decisive, and we pay…”" in finding.message
    # what was left out and why
    assert "the job title: “support”, “lead”" in finding.message
    assert "the job's own subject: “lead”, “support”" in finding.message
    assert "a heading: “responsibilities”" in finding.message
    assert "a business or technical term: “driven” (“event-driven”)" in finding.message
    assert "“leadership”" in finding.message and "a link" in finding.message
    assert "as the gender-decoder does, it reads strongly masculine-coded (score -4)" in (
        finding.suggestion)


def test_no_finding_when_only_matches_that_are_not_wording_choices_are_coded():
    text = "# Team Lead\n\n## Responsibilities\nYou lead our event-driven platform team.\n"
    coding, findings = gender_findings(text)
    assert coding.label == "masculine-coded" and findings == []


def test_a_strongly_coded_post_is_a_warning_and_dismissing_words_changes_it():
    text = "# Engineer\n\nWe want ambitious, assertive, decisive and fearless people.\n"
    _, [finding] = gender_findings(text)
    assert finding.severity == "warning" and "strongly masculine-coded" in finding.message
    coding, [finding] = gender_findings(text, dismissed=["ambitious", "gender-coded:fearless"])
    assert finding.severity == "info" and "(score -2)" in finding.message
    assert "dismissed: “ambitious”, “fearless”" in finding.message


def test_the_json_carries_the_adjusted_coding():
    data = gender_findings(SUPPORT_POST)[0].to_json()
    adjusted = data["adjusted"]
    assert isinstance(adjusted, dict)
    assert adjusted["label"] == "masculine-coded" and adjusted["score"] == -1
    assert adjusted["masculine"] == {"driven": 1, "decisive": 1}
    assert {"word": "driven", "coded": "masculine", "why": "a business or technical term",
            "phrase": "event-driven", "count": 1} in adjusted["left_out"]
    assert "adjusted" not in code(SUPPORT_POST).to_json()  # the plain figure has none


def test_a_snippet_is_a_few_words_of_its_sentence():
    text = "First sentence here. One two three four five six seven driven eight nine ten " \
           "eleven twelve. Next one."
    start = text.index("driven")
    assert snippet(text, start, 6) == "…three four five six seven driven eight nine ten eleven " \
                                      "twelve."
    assert snippet("**Driven** people", 2, 6) == "Driven people"


MORE_HOSTILE = {  # text that makes each rule work per match
    "capitalised coded words": lambda size: "we met our Lead " * (size // 16),
    "list numbers": lambda size: "1 Lead " * (size // 7),
    "links and words": lambda size: "lead http://x.example/lead " * (size // 27),
    "a phrase per word": lambda size: "IT support " * (size // 11),
    "headings": lambda size: "# lead\n" * (size // 7),
    "İ before words": lambda size: "İ Lead " * (size // 7),
}


@pytest.mark.parametrize("pattern", [*MORE_HOSTILE, "distinct coded words", "[[[[ then ](",
                                     "http:// repeated", "one long line of words"])
def test_the_adjusted_coding_grows_no_faster_than_its_text(pattern):
    from test_hostile_checks import HOSTILE, LIMIT, growth

    make = MORE_HOSTILE.get(pattern) or HOSTILE[pattern]
    ratio = growth(lambda text: gender_findings(text, title="Lead"), make, 5_000)
    assert ratio <= LIMIT, f"{ratio:.0f}x for 20x the text of {pattern!r}"


def test_a_phrase_never_spans_two_sentences_or_lines():
    """"competitive salary" is a business sense; "…who is competitive.\\n\\nSalary: …" is a
    word choice followed by a label, not that phrase."""
    phrase = code_in_context("# Sales\n\nWe offer a competitive salary and good benefits.\n")
    assert "competitive" not in phrase.adjusted.masculine
    for text in ("# Sales\n\nWe want someone competitive.\n\nSalary: $50,000 a year.\n",
                 "# Sales\n\nYou are competitive, salary matters to you.\n"):
        assert code_in_context(text).adjusted.masculine.get("competitive") == 1, text
