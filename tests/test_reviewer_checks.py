"""The reviewer checks (issue 15): equal opportunity, accommodation, long must-have lists, years
of experience, degrees, repeated paragraphs, empty sections and age limits, on posts written
for these tests, in Markdown and as jdwizard's plain-text export; and in linear time."""

from __future__ import annotations

import pytest
from test_hostile_checks import HOSTILE, LIMIT, growth, repeated

from jdwizard.checks.finding import Severity
from jdwizard.checks.reviewer import reviewer_findings
from jdwizard.export import export

EEO = "Acme is an equal opportunity employer."
ACCOMMODATION = "If you need a reasonable accommodation to apply, tell us."


def found(text: str, check: str) -> list:
    return [finding for finding in reviewer_findings(text) if finding.id == check]


def at(text: str, finding) -> str:
    """The text where a finding points."""
    return text[finding.start:]


def post(*parts: str, eeo: bool = True) -> str:
    """A short post: a title, the parts given, and (unless told) an equal-opportunity line."""
    body = "\n\n".join(parts)
    return f"# Store Assistant\n\n{body}\n\n## How to apply\n\nWrite to jobs@example.com. " + (
        EEO if eeo else "") + "\n"


# --- eeo-missing ---------------------------------------------------------------------------

def test_a_post_without_an_equal_opportunity_statement_is_told():
    text = post("## The role\n\nYou run the till and help customers.", eeo=False)
    [finding] = found(text, "eeo-missing")
    assert finding.severity is Severity.INFO and "equal opportunity" in finding.suggestion


@pytest.mark.parametrize("statement", [
    "Acme is an Equal Opportunity Employer.",
    "We are an equal-opportunities employer and welcome everyone.",
    "All qualified applicants will receive consideration for employment.",
    "We hire without regard to race, religion, sex or national origin.",
    "We consider every applicant regardless of age or disability.",
    "Acme does not discriminate in hiring.",
    "We welcome applications from people of all backgrounds.",
    "We encourage people from underrepresented groups to apply.",
    "EOE. Minorities and women are encouraged to apply.",
    "**Equal opportunity:** we hire on merit.",
    "We are committed to equality of opportunity.",
])
def test_many_wordings_of_an_equal_opportunity_statement_count(statement):
    text = post("## The role\n\nYou run the till and help customers.", statement, eeo=False)
    assert not found(text, "eeo-missing")


def test_words_of_a_statement_in_different_sentences_do_not_make_one():
    text = post("We hire for the till, regardless of the weather. Race day is busy.", eeo=False)
    assert found(text, "eeo-missing")


# --- accommodation-missing -----------------------------------------------------------------

@pytest.mark.parametrize(("demand", "where"), [
    ("You must be able to lift up to 25 kg.", "lift up to 25 kg"),
    ("The job means standing for long periods.", "standing for long periods"),
    ("Expect to be on your feet for most of a shift.", "on your feet"),
    ("Ability to climb ladders safely.", "climb ladders"),
    ("Parcels weigh up to 40 lbs each.", "40 lbs"),
    ("Frequent kneeling and bending.", "kneeling"),
])
def test_physical_demands_without_an_accommodation_sentence_warn(demand, where):
    text = post(f"## The job\n\n{demand}")
    [finding] = found(text, "accommodation-missing")
    assert finding.severity is Severity.WARNING
    assert at(text, finding).startswith(where)
    assert not found(post(f"## The job\n\n{demand}", ACCOMMODATION), "accommodation-missing")


@pytest.mark.parametrize("sentence", [
    "Let us know about any adjustments you need for the interview.",
    "We provide reasonable accommodations to applicants with disabilities on request.",
    "Need an accommodation during the application process? Email us.",
])
def test_an_accommodation_sentence_in_other_words_counts(sentence):
    text = post("## The job\n\nYou must be able to lift up to 25 kg.", sentence)
    assert not found(text, "accommodation-missing")


@pytest.mark.parametrize("text", [
    "You'll do the heavy lifting on our data pipeline and run the team.",
    "Walk us through a design you are proud of. Stand out from the crowd.",
    "You will carry out audits and see projects through.",
])
def test_metaphors_are_no_physical_demand(text):
    assert not found(post("## The job", text), "accommodation-missing")


def test_accommodation_for_guests_is_not_an_accommodation_sentence():
    text = post("## The job\n\nYou must be able to lift up to 25 kg. Accommodation is provided "
                "in the staff house.")
    assert found(text, "accommodation-missing")


# --- requirements-many ---------------------------------------------------------------------

def items(count: int, bullet: str = "- ") -> str:
    return "\n".join(f"{bullet}Skill number {n} that we need" for n in range(1, count + 1))


@pytest.mark.parametrize("heading", [
    "## Requirements", "## What we're looking for", "### Qualifications", "**Must-haves**",
    "## What you’ll bring", "## You have", "## Minimum qualifications", "About you:",
    "## Skills & Experience", "EXPERIENCE",
])
def test_more_than_eight_must_have_items_warn(heading):
    text = post(f"{heading}\n\n{items(9)}")
    [finding] = found(text, "requirements-many")
    assert finding.severity is Severity.WARNING and "9 must-have items" in finding.message
    assert "Harvard Business Review" in finding.suggestion
    assert at(text, finding).startswith(heading)
    assert not found(post(f"{heading}\n\n{items(8)}"), "requirements-many")


@pytest.mark.parametrize("heading", ["## Nice to have", "## Preferred qualifications",
                                     "## What you'll do", "## Bonus points"])
def test_long_lists_that_are_not_must_haves_are_fine(heading):
    assert not found(post(f"{heading}\n\n{items(12)}"), "requirements-many")


def test_only_the_top_level_must_haves_count():
    nested = "\n".join(f"- Skill {n}\n  - detail a\n  - detail b" for n in range(1, 7))
    plus = "- Kubernetes is a plus\n- Go (preferred)\n- Terraform, nice to have"
    assert not found(post(f"## Requirements\n\n{nested}\n{plus}"), "requirements-many")
    preferred = f"## Requirements\n\n{items(5)}\n\n**Preferred**\n\n{items(6)}"
    assert not found(post(preferred), "requirements-many")


def test_a_plain_text_post_is_read_as_its_markdown_is():
    markdown = post(f"## Requirements\n\n{items(10)}", f"## Nice to have\n\n{items(10)}")
    plain = export(markdown, "text")
    assert "• Skill number 10" in plain and "## " not in plain
    for text in (markdown, plain):
        [finding] = found(text, "requirements-many")
        assert "10 must-have items" in finding.message
    colon = post(f"Requirements:\n{items(10, '• ')}\nNice to have:\n{items(10, '• ')}")
    assert len(found(colon, "requirements-many")) == 1


# --- experience-years ----------------------------------------------------------------------

@pytest.mark.parametrize(("line", "phrase"), [
    ("- 8+ years of experience with Java", "8+ years"),
    ("- At least 10 years of professional experience", "10 years"),
    ("- Eight (8) years of hands-on experience", "Eight (8) years"),
    ("- 8-12 years' experience in retail", "8-12 years"),
    ("- Experience: 10 or more years", "10 or more years"),
    ("- 10+ years in backend development", "10+ years"),
])
def test_eight_or_more_years_asked_is_a_note(line, phrase):
    text = post(f"## Requirements\n\n{line}")
    [finding] = found(text, "experience-years")
    assert finding.severity is Severity.INFO and f'"{phrase}"' in finding.message
    assert at(text, finding).startswith(phrase)


@pytest.mark.parametrize("line", [
    "- 5+ years of experience with Java",
    "- 3-8 years of experience",
    "We have been in business for 12 years.",
    "Our founders met 10 years ago.",
    "Our customers have 10 years of data in their stores.",
    "- 10+ years in Leeds, with two sites",
])
def test_fewer_years_or_other_years_are_fine(line):
    assert not found(post(f"## About us\n\n{line}"), "experience-years")


# --- degree-required -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "where"), [
    ("## Requirements\n\n- Bachelor's degree in Computer Science", "Bachelor's"),
    ("## Requirements\n\n- BS in Computer Science or Mathematics", "BS in"),
    ("## The role\n\nA university degree is required.", "degree is"),
    ("## About you\n\n- **MSc** in statistics", "MSc"),
])
def test_a_degree_asked_with_no_alternative_is_a_note(text, where):
    body = post(text)
    [finding] = found(body, "degree-required")
    assert finding.severity is Severity.INFO and at(body, finding).startswith(where)


@pytest.mark.parametrize("text", [
    "## Requirements\n\n- Bachelor's degree in Computer Science or equivalent experience",
    "## Requirements\n\n- A degree in a related field\n- Relevant experience in lieu of a degree",
    "## Nice to have\n\n- A master's degree",
    "## Requirements\n\n- A master's degree is a plus",
    "## Requirements\n\n- A high degree of autonomy\n- Comfort with 360 degree feedback",
    "## What we offer\n\n- We pay for your master's degree",
    "## Requirements\n\n- You don't need a degree: show us what you've built",
])
def test_a_degree_with_an_alternative_or_not_required_is_fine(text):
    assert not found(post(text), "degree-required")


# --- duplicate-paragraph -------------------------------------------------------------------

def test_a_repeated_paragraph_warns_at_its_second_copy():
    paragraph = "You will keep the shelves stocked and help customers find what they need."
    text = post(f"## The role\n\n{paragraph}\n\nYou also open the store.",
                f"## More\n\n*{paragraph.upper()}*")
    [finding] = found(text, "duplicate-paragraph")
    assert finding.severity is Severity.WARNING
    assert at(text, finding).startswith(f"*{paragraph.upper()}")
    assert "You will keep the shelves" in finding.message


def test_short_repeats_and_different_paragraphs_are_fine():
    text = post("## Shifts\n\n- Full-time\n- Weekends\n\n## Contract\n\n- Full-time\n- Weekends",
                "You will keep the shelves stocked.\n\nYou will keep the tills balanced too.")
    assert not found(text, "duplicate-paragraph")


def test_a_repeated_list_item_is_a_repeat():
    item = "- Keep the shelves stocked and the aisles clear for every customer"
    text = post(f"## What you'll do\n\n{item}\n\n## Requirements\n\n{item}")
    assert len(found(text, "duplicate-paragraph")) == 1


# --- empty-section -------------------------------------------------------------------------

def test_a_heading_with_nothing_under_it_warns():
    text = post("## Benefits\n\n## The role\n\nYou run the till.", "## Perks\n\n- \n")
    headings = [at(text, finding)[:10] for finding in found(text, "empty-section")]
    assert headings == ["## Benefit", "## Perks\n\n"]
    end = "# Cook\n\nYou cook.\n\n## How to apply\n\n"
    assert [f.message for f in found(end, "empty-section")] == [
        'The section "How to apply" has nothing under it.']


def test_a_title_and_key_value_lines_are_not_empty_sections():
    text = ("**Night Nurse (ICU)**\n\nLocation: Dayton, OH\n\n**Responsibilities**\n\n"
            "- Care for patients\n")
    assert not found(text, "empty-section")
    assert not found(export(text, "text"), "empty-section")
    assert not found("**Store Assistant**\n\n## The role\n\nYou run the till.\n", "empty-section")


def test_a_heading_over_its_sub_sections_is_not_empty():
    text = post("## The role\n\n### Day to day\n\nYou run the till.\n\n---\n\n## Team\n\nFive.")
    assert not found(text, "empty-section")


def test_an_empty_section_is_seen_in_plain_text_and_markdown():
    markdown = post("## Benefits\n\n## The role\n\nYou run the till.")
    plain = export(markdown, "text")
    assert [f.message for f in found(plain, "empty-section")] == [
        f.message for f in found(markdown, "empty-section")] != []
    assert not found(export(post("## The role\n\nYou run the till."), "text"), "empty-section")
    setext = "Cook\n====\n\nBenefits\n--------\n\nThe role\n--------\n\nYou cook.\n"
    assert len(found(setext, "empty-section")) == 1


# --- age-bar -------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "limit", "severity"), [
    ("Candidates must be 18+ to apply.", "18+", Severity.INFO),
    ("You must be at least 18 years old.", "at least 18", Severity.INFO),
    ("Applicants aged 25-35 preferred.", "aged 25-35", Severity.WARNING),
    ("Applicants should be under 35 years old.", "under 35", Severity.WARNING),
    ("Maximum age of 40.", "Maximum age of 40", Severity.WARNING),
])
def test_an_age_limit_without_a_legal_reason_is_flagged(sentence, limit, severity):
    text = post(f"## The role\n\n{sentence}")
    [finding] = found(text, "age-bar")
    assert finding.severity is severity and at(text, finding).startswith(limit)


@pytest.mark.parametrize("sentence", [
    "You must be 21 or older to serve alcohol.",
    "You must be 18+ and hold a valid driving licence.",
    "Must be at least 18 years of age, as required by law.",
    "18+ months of experience in retail.",
    "Answer calls in under 30 seconds and reply within 24 hours.",
    "We are a team of over 50 people, under 35 minutes from the city.",
    "- 10+ years of experience",
    "Our customers aged 18-24 love the app; our team is aged between 25 and 40.",
    "You will teach children under 11.",
])
def test_an_age_limit_with_its_reason_or_a_number_that_is_no_age_is_fine(sentence):
    assert not found(post(f"## The role\n\n{sentence}"), "age-bar")


# --- all together --------------------------------------------------------------------------

def test_a_clean_post_has_no_reviewer_findings():
    text = post("## The role\n\nYou run the till and help customers.",
                f"## Requirements\n\n{items(4)}", ACCOMMODATION)
    assert reviewer_findings(text) == []
    assert reviewer_findings("") == reviewer_findings(" \n") == []


def test_every_finding_points_into_the_text_it_was_given():
    text = post("## Benefits", "## Requirements\n\n- 8+ years of experience\n- BSc required\n"
                + items(8), "You must be able to lift 20 kg. Applicants aged 20-30.", eeo=False)
    findings = reviewer_findings(text)
    assert {f.id for f in findings} == {
        "eeo-missing", "accommodation-missing", "requirements-many", "experience-years",
        "degree-required", "empty-section", "age-bar"}
    assert all(f.field is None for f in findings)
    assert all(f.start is None or 0 <= f.start < len(text) for f in findings)


EXTRA: dict = {
    "age limits": repeated("aged 18 to 25 under 30 18+ "),
    "years": repeated("8+ years 10 - 12 years eight (8) "),
    "must lift": repeated("must be able to lift, "),
    "headings and items": repeated("## Requirements\n- a\n"),
    "plain headings": repeated("Requirements\n\n"),
    "degrees": repeated("degree degree bs / "),
    "same paragraph": repeated("one two three four five six seven eight nine\n\n"),
    "spaces after an age": repeated(" ", "under 3", "5"),
}


@pytest.mark.parametrize("pattern", [*HOSTILE, *EXTRA])
def test_reviewer_checks_grow_no_faster_than_their_text(pattern):
    ratio = growth(reviewer_findings, {**HOSTILE, **EXTRA}[pattern])
    assert ratio <= LIMIT, f"{ratio:.0f}x for {pattern!r}"

