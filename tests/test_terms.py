"""The terms lists (issue 15): age, pressure culture, crude words, jargon titles as warnings,
"young" about a company, paired pronouns as one finding, and ableist verbs only where a post
asks for the physical act. Texts written for these tests."""

from __future__ import annotations

import tomllib

import pytest
from test_hostile_checks import HOSTILE, LIMIT, growth, repeated

from jdwizard.checks.finding import Severity, data_file
from jdwizard.checks.physical import rules
from jdwizard.checks.terms import check_terms, terms


def ids(text: str) -> list[str]:
    return [finding.id for finding in check_terms(text, None)]


# --- less noise ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We are a young team of twelve.",
    "Acme is a young, fast-growing company.",
    "Join a young startup in Leeds.",
    "We are a small, young café on the harbour.",
    "You will work with young people in our youth clubs.",
    "Our charity supports young adults leaving care.",
])
def test_young_about_the_company_or_the_people_served_is_no_age_preference(text):
    assert "term:young" not in ids(text)


@pytest.mark.parametrize("text", [
    "Plate seasoned vegetables and sauces.", "Steak seasoned with salt.",
    "Cook in the hustle and bustle of a busy kitchen.",
])
def test_kitchen_words_are_no_age_or_pressure_terms(text):
    assert ids(text) == []


@pytest.mark.parametrize("text", [
    "We want young candidates.", "Ideal for a young graduate.", "You are young and hungry.",
])
def test_young_about_the_candidate_is_an_age_preference(text):
    [finding] = check_terms(text, "about")
    assert finding.id == "term:young" and finding.severity is Severity.WARNING
    assert text[finding.start:].lower().startswith("young")


@pytest.mark.parametrize(("text", "expected"), [
    ("He/she will lead the project.", "term:he/she"),
    ("Send his/her CV.", "term:his/her"),
    ("Her/his manager is Sam.", "term:her/his"),
    ("S/he will report to Sam.", "term:s/he"),
    ("(s)he will report to Sam.", "term:(s)he"),
    ("He or she will report to Sam.", "term:he-or-she"),
    ("The hire, he / she, will report to Sam.", "term:he/she"),
])
def test_a_pronoun_pair_is_one_finding(text, expected):
    assert ids(text) == [expected]
    assert check_terms(text, None)[0].severity is Severity.INFO


def test_a_lone_pronoun_is_still_flagged():
    assert ids("He will report to Sam; his desk is ready.") == ["term:he", "term:his"]
    assert ids("She will report to Sam.") == ["term:she"]


@pytest.mark.parametrize("word", ["rockstar", "ninja", "guru", "unicorn", "superstar"])
def test_jargon_titles_are_warnings(word):
    [finding] = check_terms(f"We are hiring a {word} developer.", None)
    assert finding.id == f"term:{word}" and finding.severity is Severity.WARNING


def test_software_words_stay_notes():
    [finding] = check_terms("You will build the setup wizard.", None)
    assert finding.severity is Severity.INFO


# --- more words ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected", "severity"), [
    ("You work with urgency on every ticket.", "term:work-with-urgency", Severity.INFO),
    ("It is a race against time every week.", "term:race-against-time", Severity.INFO),
    ("Here everyone does everything.", "term:everyone-does-everything", Severity.INFO),
    ("We work hard, play hard.", "term:work-hard-play-hard", Severity.INFO),
    ("You will wear many hats.", "term:wear-many-hats", Severity.INFO),
    ("A seasoned engineer.", "term:seasoned", Severity.INFO),
    ("An energetic and tech-savvy assistant.", "term:energetic", Severity.INFO),
    ("Digital native preferred.", "term:digital-native", Severity.WARNING),
    ("Perfect for a recent graduate.", "term:recent-graduate", Severity.WARNING),
    ("Join our young and dynamic crew.", "term:young-and-dynamic", Severity.WARNING),
    ("We ship kick-ass products.", "term:kick-ass", Severity.INFO),
    ("No bullshit, just good code.", "term:bullshit", Severity.WARNING),
])
def test_new_terms_are_found_with_their_severity(text, expected, severity):
    found = {finding.id: finding for finding in check_terms(text, None)}
    assert expected in found and found[expected].severity is severity
    assert "Source: " in found[expected].suggestion


def test_young_and_dynamic_is_one_finding_and_energetic_is_no_longer_advised():
    assert ids("a young and dynamic crew") == ["term:young-and-dynamic"]
    young = next(term for term in terms() if "young" in term.words)
    assert "energetic" not in young.instead


def test_each_term_has_a_source_and_each_word_one_entry():
    data = tomllib.loads(data_file("inclusive-terms.toml").read_text(encoding="utf-8"))
    seen: set[str] = set()
    for item in data["terms"]:
        assert item["why"] and item["instead"] and item["source"], item["match"]
        assert Severity(item["severity"])
        words = {word.lower() for word in item["match"]}
        assert not words & seen, words & seen
        seen |= words


# --- ableist verbs -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("You must be able to lift 25 kg.", ["term:lift"]),
    ("Ability to stand, walk, and lift up to 20 kg.", ["term:stand", "term:walk", "term:lift"]),
    ("Frequent kneeling and crouching.", ["term:kneel", "term:crouch"]),
    ("Required to type 60 wpm.", ["term:type"]),
    ("Lifting boxes of up to 15 kg.", ["term:lift"]),
    ("Standing for long periods; climbing ladders.", ["term:stand", "term:climb"]),
    ("You must be able to move your arms above shoulder height.", ["term:move"]),
    ("Must be able to see colours clearly.", ["term:see"]),
])
def test_ableist_verbs_are_flagged_where_the_physical_act_is_asked(text, expected):
    findings = check_terms(text, "physical")
    assert [finding.id for finding in findings] == expected
    assert all(f.severity is Severity.INFO and f.field == "physical" for f in findings)
    assert all("Source: US Department of Labor" in f.suggestion for f in findings)


@pytest.mark.parametrize("text", [
    "You will run the team and run our weekly planning.",
    "Walk us through a project you are proud of.",
    "You will carry out audits and stand out from the crowd.",
    "Read our blog and see our benefits below.",
    "You must be able to read code and speak Spanish.",
    "Must be able to sit with ambiguity and see the big picture.",
    "You will lift team morale and reach your targets.",
    "Do the heavy lifting on our data pipeline.",
    "You must be able to move fast and move boxes of up to 20 kg.",
    "Our services run 24 hours a day.",
    "A stand-up at 9:30 every day.",
    "You need to be comfortable with type systems.",
])
def test_verbs_as_metaphors_are_not_flagged(text):
    assert ids(text) == []


def test_a_verb_found_twice_is_one_finding_with_its_count():
    [finding] = check_terms("Must be able to lift 10 kg. Must be able to lift 20 kg.", None)
    assert finding.message.startswith('"lift" (2×)') and finding.start == 16


def test_the_dol_verbs_and_their_alternatives_are_loaded():
    loaded = rules()
    assert loaded.forms["lifting"].verb == "lift" and "transport" in loaded.forms["lift"].instead
    assert loaded.forms["stand"].body and not loaded.forms["read"].body
    assert "public domain" in loaded.source


@pytest.mark.parametrize("pattern", [*HOSTILE, "must lift", "young", "pairs", "spaces"])
def test_terms_grow_no_faster_than_their_text(pattern):
    extra = {"must lift": repeated("must be able to lift, "), "young": repeated("young "),
             "pairs": repeated("he / / she "), "spaces": repeated(" ", "young", "x")}
    ratio = growth(lambda text: check_terms(text, None), {**HOSTILE, **extra}[pattern])
    assert ratio <= LIMIT, f"{ratio:.0f}x for {pattern!r}"
