"""Gender-coded wording: the reference tool's tokenising rules, counts and labels."""

from __future__ import annotations

import pytest

from jdwizard.checks.gender import code, label_for, tokenise


@pytest.mark.parametrize(
    ("text", "words"),
    [  # the reference tool's own tokenising examples (gender-decoder tests.py)
        ("Sharing is as important as ambition",
         ["sharing", "is", "as", "important", "as", "ambition"]),
        ("Qualities: sharing\tambition", ["qualities", "sharing", "ambition"]),
        ("Sharing;ambitious", ["sharing", "ambitious"]),
        ("Sharing/ambitious", ["sharing", "ambitious"]),
        ("Sharing, co-operative, 'servant-leader'",
         ["sharing", "co-operative", "servant", "leader"]),
        ("Sharing—ambitious", ["sharing", "ambitious"]),  # em dash
        ("Sharing(ambitious) and (leader)", ["sharing", "ambitious", "and", "leader"]),
        ("Sharing ambitious ", ["sharing", "ambitious"]),
        ("Sharing&ambitious, empathy&kindness,", ["sharing", "ambitious", "empathy", "kindness"]),
        ("Lead Developer Who is Connect@HBS? We ",
         ["lead", "developer", "who", "is", "connect", "hbs", "we"]),
        ("“Driven” and ‘loyal’", ["driven", "and", "loyal"]),  # curly quotes
        ("self-confident inter-personal team-player",
         ["self-confident", "inter-personal", "team", "player"]),
    ],
)
def test_tokenise_like_the_reference(text, words):
    assert tokenise(text) == words


@pytest.mark.parametrize(
    ("text", "masculine", "feminine", "label"),
    [  # the reference tool's own scoring examples
        ("irrelevant words", 0, 0, "empty"),
        ("sharing versus aggression", 1, 1, "neutral"),
        ("Ambition:competition–decisiveness, empathy&kindness", 3, 2, "masculine-coded"),
        ("Ambition:competition–decisiveness, other words", 3, 0, "masculine-coded"),
        ("Ambition:competition–decisiveness&leadership, other words", 4, 0,
         "strongly masculine-coded"),
        ("Ambition:competition–decisiveness&leadership, decisiveness, stubborness, sharing and "
         "empathy", 6, 2, "strongly masculine-coded"),
        ("Ambition:competition, empathy&kindness, co-operation", 2, 3, "feminine-coded"),
        ("empathy&kindness, co-operation and some other words", 0, 3, "feminine-coded"),
        ("empathy&kindness, co-operation, trust and other words", 0, 4,
         "strongly feminine-coded"),
        ("Ambition:competition, empathy&kindness and responsibility, co-operation, honesty, "
         "trust and other words", 2, 6, "strongly feminine-coded"),
    ],
)
def test_counts_and_labels_match_the_reference(text, masculine, feminine, label):
    coding = code(text)
    assert sum(coding.masculine.values()) == masculine
    assert sum(coding.feminine.values()) == feminine
    assert coding.label == label


def test_reference_process_example_words():
    coding = code("Sharing: ambition\tkindness&empathy(never more than frou) Who is Connect@HBS? "
                  "leader-supporter-follower aggresive/responsible;understand? connect")
    assert sorted(coding.masculine) == ["ambition", "leader"]
    assert coding.feminine == {"sharing": 1, "kindness": 1, "empathy": 1, "connect": 2,
                               "supporter": 1, "responsible": 1, "understand": 1}


def test_a_word_matching_two_stems_counts_once():
    # "dominant" starts with both "domina" and "dominant": the reference counts it twice.
    assert code("dominant").masculine == {"dominant": 1}
    assert code("lead and lead").masculine == {"lead": 2}  # repeated words count each time


def test_sharepoint_is_an_exception():
    assert code("SharePoint, sharepoint").feminine == {}
    assert code("sharing").feminine == {"sharing": 1}


@pytest.mark.parametrize(
    ("score", "any_coded", "label"),
    [(0, False, "empty"), (0, True, "neutral"), (1, True, "feminine-coded"),
     (3, True, "feminine-coded"), (4, True, "strongly feminine-coded"),
     (-1, True, "masculine-coded"), (-3, True, "masculine-coded"),
     (-4, True, "strongly masculine-coded")],
)
def test_label_thresholds(score, any_coded, label):
    assert label_for(score, any_coded) == label
