"""Words, sentences, syllables and Flesch reading ease of job posts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jdwizard.checks.readability import (
    MAX_WORDS,
    MIN_WORDS,
    Readability,
    count_syllables,
    length_findings,
    measure,
)
from jdwizard.template.engine import Renderer
from jdwizard.template.library import all_templates
from jdwizard.template.model import Origin

# Dictionary syllable counts (hand-checked hyphenations), all of which the heuristic gets right.
# "every" is taken as ev-er-y (3), though it is often said in 2.
SYLLABLES = {
    "the": 1, "cat": 1, "table": 2, "little": 2, "people": 2, "engineer": 3,
    "engineering": 4, "reliability": 6, "performance": 3, "database": 3, "services": 3,
    "based": 1, "needed": 2, "queries": 2, "experience": 4, "experienced": 4,
    "infrastructure": 4, "python": 2, "every": 3, "agile": 2, "collaborate": 4,
    "communication": 5, "responsibilities": 6, "team": 1, "years": 1, "build": 1, "code": 1,
    "software": 2, "developer": 4, "remote": 2, "salary": 3, "company": 3, "companies": 3,
    "management": 3, "requirements": 3, "retirement": 3, "opportunity": 5, "create": 2,
    "creative": 3, "environment": 4, "career": 2, "value": 2, "unique": 2, "technique": 2,
    "various": 3, "ambitious": 3, "individual": 5, "usually": 4, "quality": 3, "language": 2,
    "client": 2, "science": 2, "patient": 2, "friend": 1, "social": 2, "media": 3, "premium": 3,
    "quiet": 2, "going": 2, "saying": 2, "beyond": 2, "employee": 3, "style": 1, "whole": 1,
    "changes": 2, "matches": 2, "roles": 1, "tables": 2, "handled": 2, "called": 1,
    "played": 1, "focused": 2, "likely": 2, "completely": 3, "useful": 2, "mechanism": 4,
    "portfolio": 4, "analytical": 5, "continuous": 4, "interview": 3, "knowledge": 2,
    "architecture": 4, "insurance": 3, "flexible": 3,
}
# Known misses, asserted as the heuristic has them (dictionary count in the comment).
KNOWN_MISSES = {
    "business": 3,  # 2: the silent "i" of busi-ness
    "area": 2,  # 3: "ea" read as two vowels
    "idea": 2,  # 3: same
    "pipeline": 3,  # 2: silent "e" inside a compound
    "stakeholder": 4,  # 3: same
}


@pytest.mark.parametrize(("word", "expected"), sorted(SYLLABLES.items()))
def test_count_syllables_matches_the_dictionary(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


@pytest.mark.parametrize(("word", "expected"), sorted(KNOWN_MISSES.items()))
def test_count_syllables_known_misses(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Engineer", 3), ("PYTHON", 2),  # case does not matter
        ("well-documented", 5), ("state-of-the-art", 4),  # hyphenated: sum of the parts
        ("don't", 1), ("we're", 1), ("company's", 3),  # apostrophes are silent
        ("café", 2), ("résumé", 3), ("naïve", 2), ("über", 2), ("Zoë", 2),  # accents
        ("2024", 1), ("3.5", 1), ("4,000", 1), ("150k", 2), ("40M", 2),  # a digit group is 1
        ("x", 1), ("sql", 1),  # a letter but no vowel: still 1
        ("", 0), ("!!!", 0), ("🚀", 0),  # nothing to say aloud
    ],
)
def test_count_syllables_edge_cases(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


def test_empty_text() -> None:
    assert measure("") == Readability(0, 0, 0, None, None)
    assert measure("  \n\n## \n---\n- \n🚀 — !\n") == Readability(0, 0, 0, None, None)


def test_flesch_of_a_known_sample() -> None:
    result = measure("The cat sat on the mat.")
    assert (result.words, result.sentences, result.syllables) == (6, 1, 6)
    assert result.reading_ease == 116.1
    assert result.words_per_sentence == 6.0


def test_academic_prose_reads_hard() -> None:
    result = measure(
        "The successful candidate will demonstrate comprehensive understanding of "
        "organizational accountability frameworks and interdisciplinary collaboration "
        "methodologies."
    )
    assert (result.words, result.sentences) == (15, 1)
    assert result.reading_ease is not None and result.reading_ease < 30


def test_plain_prose_reads_easier_than_academic_prose() -> None:
    plain = measure("You will write code. You will fix bugs. You will help the team ship.")
    hard = measure("Candidates demonstrate exceptional organizational capabilities.")
    assert plain.reading_ease is not None and hard.reading_ease is not None
    assert plain.reading_ease > 90 > hard.reading_ease


def counts(text: str) -> tuple[int, int]:
    result = measure(text)
    return result.words, result.sentences


@pytest.mark.parametrize(
    ("text", "words", "sentences"),
    [
        ("We build tools for shops.\nOur team is small! Want in?", 11, 3),
        ("Apply today\nWe reply within a week", 7, 1),  # one paragraph, no full stop
        ("Apply today\n\nWe reply within a week", 7, 2),  # a blank line ends a sentence
        ("He said \"ship it.\" Then we did.", 7, 2),  # closing quote after the stop
        ("We grew by 3. 2024 was a good year.", 9, 2),
    ],
)
def test_sentences_in_paragraphs(text: str, words: int, sentences: int) -> None:
    assert counts(text) == (words, sentences)


def test_bullets_without_full_stops_are_sentences_and_headings_are_not() -> None:
    text = (
        "## Requirements\n"
        "- 5+ years of Python\n"
        "- Experience with PostgreSQL\n"
        "- Strong communication skills\n"
    )
    result = measure(text)
    assert (result.words, result.sentences) == (11, 3)  # the heading's word counts, alone
    assert result.words_per_sentence == 3.3


def test_every_list_marker() -> None:
    items = ["* one", "+ two", "• three", "1. four", "2) five", "- [x] six", "– seven",
             "●eight", "▪ nine", "✓ ten", "➤ eleven", "— twelve"]
    text = "\n".join(f"{item} is here" for item in items)
    assert counts(text) == (36, 12)
    assert counts(text.replace(" is here", "")) == (12, 0)  # one-word items: labels

def test_markdown_syntax_is_not_counted() -> None:
    text = "# Senior **Backend** Engineer\n\nWe are _hiring_ a `Go` developer.\n"
    assert counts(text) == (9, 1)
    assert counts("We ship **daily.** Join _us._ It's `fun.` Really") == (8, 4)


def test_a_heading_line_is_a_unit_of_its_own_not_a_sentence() -> None:
    assert counts("## About us\nWe build tools.") == (5, 1)
    assert counts("**What you'll do**\nBuild tools") == (5, 1)  # a bold line alone
    assert counts("**Note** we build tools") == (4, 1)  # bold inside a sentence


def test_indented_line_continues_a_list_item() -> None:
    assert counts("- Build APIs\n  that scale\n- Run them\nWe also hire") == (9, 2)


def test_quotes_rules_setext_headings_and_tables() -> None:
    text = (
        "> Quote line one\n> and more.\n\n---\nTitle\n=====\nBody text here\n\n"
        "| Level | Pay |\n|---|---|\n| Senior | $150k |\n"
    )
    assert counts(text) == (13, 2)  # the quote and "Body text here"


def test_decimals_do_not_split_sentences() -> None:
    assert counts("You bring 3.5 years of Go. We pay $150.5k to $190k.") == (11, 2)


def test_abbreviations_and_initials_do_not_split_sentences() -> None:
    text = (
        "Our stack (e.g. Terraform, Helm, etc.) is simple. "
        "Dr. Shah and Ms. Lee from Acme Inc. run the U.S. team. "
        "We hire Sr. Engineers vs. Jr. Staff."
    )
    assert counts(text) == (27, 3)
    assert counts("Led by J. R. Smith. Apply now.") == (7, 2)
    assert counts("That is, i.e. Python or Go. Ask us.") == (8, 2)


def test_etc_before_a_capital_ends_the_sentence() -> None:
    assert counts("We use Go, Rust, etc. We ship daily.") == (8, 2)


def test_links_urls_and_email_addresses() -> None:
    text = (
        "Read [our handbook](https://acme.com/handbook) or mail jobs@acme.com. "
        "See https://acme.com/jobs?ref=x."
    )
    result = measure(text)
    assert (result.words, result.sentences) == (8, 2)
    assert result.syllables == 9  # read our hand-book or mail (mail) see (url)


def test_what_counts_as_a_word() -> None:
    assert counts("don't well-documented 3+ $150k 40M 🚀 — !") == (5, 1)
    assert counts("Café in Zürich, naïve über-fast") == (5, 1)
    assert counts("C++ / Node.js / snake_case") == (3, 1)


markdownish = st.text(alphabet="ab Zé.!?#-*_+•[]()`>|'’\n\t 1234567890$@:/😀")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), markdownish))
def test_measure_is_sane_for_any_text(text: str) -> None:
    result = measure(text)
    assert result.words >= 0
    assert 0 <= result.sentences <= result.words + text.count("\n") + 1
    assert result.syllables >= result.words
    assert (result.reading_ease is None) == (result.sentences == 0)
    assert (result.words_per_sentence is None) == (result.sentences == 0)


# Issue 15: units that are not sentences, bullets of any glyph, acronyms, calibrated findings.

MARKDOWN_POST = """# Warehouse Associate

## About the job
We run a busy warehouse for a chain of garden shops. You will pick, pack and ship orders.

## What you'll do
- Pick and pack orders with a hand scanner
- Load trucks safely at the end of each shift
- Keep your area clean and tidy

## Pay
- Location: Leeds
- Salary: £24,000 a year
"""

PLAIN_POST = """Warehouse Associate

ABOUT THE JOB
We run a busy warehouse for a chain of garden shops. You will pick, pack and ship orders.
What you'll do:
● Pick and pack orders with a hand scanner
● Load trucks safely at the end of each shift
● Keep your area clean and tidy
Pay
Location: Leeds
Salary: £24,000 a year
"""


def test_a_plain_post_reads_as_the_same_post_in_markdown() -> None:
    # Capitals, "…:" and Title Case lines are headings; "●" bullets items; "key: value" lines
    # labels. Run together, the plain post was one 40-word "sentence" from "Pay" on.
    markdown, plain = measure(MARKDOWN_POST), measure(PLAIN_POST)
    assert plain == markdown
    assert (markdown.words, markdown.sentences) == (56, 5)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Location: Denver, CO\nSalary: $100k-$120k a year\nWe build tools.", 1),
        ("**Location:** Denver, CO\nWe build tools.", 1),  # a bold key
        ("Note: we reply to everyone within a week.\nWe build tools.", 2),  # a sentence
        ("We offer the following to everyone on the team: health cover\nand more", 1),
        ("| Role | Pay |\n|---|---|\n| Senior | $150k |\nWe build tools.", 1),
        ("REQUIREMENTS\nYou know Go well", 1),
        ("About The Team\nWe are six people", 1),
        ("What you will do:\nYou ship code daily", 1),
        ("Apply today\nWe reply within a week", 1),  # not Title Case: one paragraph
        ("- Go\n- Kubernetes\n- Rust or C", 1),  # one- and two-word items are labels
    ],
)
def test_labels_tables_and_plain_headings_are_not_sentences(text: str, sentences: int) -> None:
    assert measure(text).sentences == sentences


def test_label_words_still_count_in_the_length() -> None:
    result = measure("Location: Denver, CO\nSalary: $100k a year\n")
    assert (result.words, result.sentences, result.reading_ease) == (7, 0, None)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("HTML", 4), ("CSS", 3), ("SQL", 3), ("GDPR", 4), ("APIs", 3), ("OKRs", 3), ("CEO", 3),
     ("AWS", 5), ("WWW", 9), ("UI", 2), ("HTML5", 5), ("HTML-first", 5),  # spelled out
     ("NASA", 2), ("SCRUM", 1), ("THE", 1), ("YOU", 1), ("A", 1), ("Html", 1)],  # words
)
def test_acronyms_in_capitals_count_a_syllable_a_letter(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


def test_acronyms_lower_the_reading_ease() -> None:
    with_acronyms = measure("You know HTML, CSS and SQL well.")
    assert with_acronyms.syllables == 1 + 1 + 4 + 3 + 1 + 3 + 1


# A short post with every part: a title, what you'll do, what we ask, pay, how to apply.
SHORT_COMPLETE_POST = """# Line Cook

Harbour Kitchen is a busy seafood restaurant in Portland, Maine. We cook everything from
scratch and serve about 200 guests a night.

## What you'll do
- Prepare and cook dishes on the grill and fry stations
- Keep your station clean, stocked and ready for service
- Follow our recipes and food safety rules on every plate
- Help close the kitchen at the end of the night

## What we ask
- A year of work in a busy kitchen
- Evenings and weekends, four or five shifts a week
- A food handler card, or willingness to get one in your first month

## Pay and benefits
- $19-$22 an hour, plus an equal share of tips
- A free meal every shift and paid time off

## How to apply
Send a short note about your kitchen work to jobs@harbourkitchen.example. We reply to every
applicant within a week.
"""


def test_a_short_post_with_every_part_is_not_a_length_problem() -> None:
    readability = measure(SHORT_COMPLETE_POST)
    assert readability.words < 300  # once "short for a job post (aim for 300-700)"
    assert length_findings(readability) == []


def words_of(count: int) -> Readability:
    """The measure of a text of `count` words: sentences of five, then a few words more."""
    return measure("We ship code every day. " * (count // 5) + "Go on now, go"[:3 * (count % 5)])


@pytest.mark.parametrize(("words", "side"), [(MIN_WORDS - 1, "short"), (MAX_WORDS + 1, "long")])
def test_a_post_too_short_or_too_long_is_told(words: int, side: str) -> None:
    readability = words_of(words)
    assert readability.words == words
    [finding] = [f for f in length_findings(readability) if f.id == "length"]
    assert finding.message.startswith(f"{words} words: {side} for a job post")
    for inside in (MIN_WORDS, MAX_WORDS):
        assert not [f for f in length_findings(words_of(inside)) if f.id == "length"]


def rendered_builtin_posts() -> dict[str, str]:
    """Every built-in template rendered with its sample answers."""
    posts = {}
    for template in all_templates():
        if template.origin is Origin.BUILTIN:
            answers = {f.name: f.sample for f in template.fields if f.sample is not None}
            segments = Renderer(template).segments(answers)
            posts[template.id] = "".join(segment.text for segment in segments)
    return posts


def test_the_builtin_posts_raise_no_length_or_readability_finding() -> None:
    # The calibration's floor: posts written to read well must pass (they score 49-67).
    posts = rendered_builtin_posts()
    assert len(posts) >= 5
    for name, post in posts.items():
        readability = measure(post)
        assert length_findings(readability) == [], (name, readability)
        assert readability.reading_ease is not None and readability.reading_ease >= 45, name


DENSE_POST = """## About the role
The successful candidate will demonstrate comprehensive understanding of organizational
accountability frameworks, cross-functional stakeholder management methodologies and
enterprise-level architectural considerations, and will be responsible for the continuous
optimization of infrastructure reliability across heterogeneous distributed environments,
including multi-regional deployments with stringent regulatory requirements.
"""


def test_a_dense_post_is_told_its_reading_ease_and_sentence_length() -> None:
    readability = measure(DENSE_POST)
    findings = {f.id: f for f in length_findings(readability)}
    assert readability.reading_ease is not None and readability.reading_ease < 30
    assert findings["reading-ease"].severity == "warning"
    assert "very difficult" in findings["reading-ease"].message
    assert findings["sentence-length"].severity == "info"


def test_an_ordinary_plain_post_is_not_told_its_reading_ease() -> None:
    # With 60 as the floor, 13 of 15 real posts were told (real-post-figures.md).
    readability = measure(PLAIN_POST + SHORT_COMPLETE_POST)
    assert readability.reading_ease is not None and readability.reading_ease >= 45
    assert not [f for f in length_findings(readability) if f.id != "length"]


def test_sentences_of_fifteen_to_twenty_words_are_not_told() -> None:
    # Plain-English guides aim for 15-20 words a sentence on average; the old floor (13)
    # told about half of the real posts measured.
    sentence = "You will work with a small team to build the tools our drivers use every day. "
    readability = measure(sentence * 10)
    assert readability.words_per_sentence == 16.0
    assert not [f for f in length_findings(readability) if f.id == "sentence-length"]
