"""Dismissed findings (issue 15): keys, ignore comments, a draft's [checks] table, a profile's
never-words, and the sentence each finding was found in."""

from __future__ import annotations

import pytest

from jdwizard.checks import dismiss
from jdwizard.checks.finding import Finding, Severity
from jdwizard.checks.post import check_text
from jdwizard.checks.report import MAX_CONTEXT, sentence_at, with_context
from jdwizard.errors import UserError


def finding(id: str, word: str = "", field: str | None = None, start: int | None = None
            ) -> Finding:
    return Finding(id, Severity.WARNING, field, f"about {id}", start=start, word=word)


def test_keys_are_ids_with_the_word_when_the_id_lacks_it():
    assert finding("term:young").key == "term:young"
    assert finding("gender-coded", word="support").key == "gender-coded:support"
    for key in ("term:young", "reading-ease", "gender-coded:support", "term:he/she"):
        assert dismiss.is_key(key)
    for key in ("", "Term young", ":young", "term:young,old"):
        assert not dismiss.is_key(key)


def test_apply_skips_by_key_by_bare_id_and_by_never_word():
    findings = [finding("term:young"), finding("gender-coded", word="support"),
                finding("gender-coded", word="lead"), finding("term:rockstar"),
                finding("reading-ease"), finding("length")]
    kept, skipped = dismiss.apply(findings, ["term:young", "gender-coded:support", "length"],
                                  ["Rockstar"], "Acme")
    assert [f.key for f in kept] == ["gender-coded:lead", "reading-ease"]
    assert {d.finding.key: d.why for d in skipped} == {
        "term:young": dismiss.FROM_DRAFT, "gender-coded:support": dismiss.FROM_DRAFT,
        "length": dismiss.FROM_DRAFT, "term:rockstar": "the profile 'Acme' never flags 'Rockstar'",
    }
    kept, skipped = dismiss.apply(findings, {"gender-coded": dismiss.FROM_COMMENT})
    assert len(kept) == 4 and {d.why for d in skipped} == {dismiss.FROM_COMMENT}
    assert skipped[0].to_json()["finding"]["key"] == "gender-coded:support"  # type: ignore[index]


def test_ignore_comments_are_read_and_never_checked_as_text():
    text = ("We are a young team of rockstars.\n"
            "<!-- jdwizard: ignore term:young, Reading-Ease -->\n"
            "<!--jdwizard:ignore gender-coded:support not?a key -->\n"
            "<!-- just a comment: ignore term:rockstars -->\n"
            "<!-- jdwizard: ignore term:unclosed\n-->\n")
    assert dismiss.comment_keys(text) == ["term:young", "reading-ease", "gender-coded:support",
                                          "key"]  # "not?a" is not a key
    assert "ignore" not in dismiss.without_comments(text).split("\n", 3)[1]
    assert dismiss.comment_keys("<!-- jdwizard: ignore term:young") == []
    # the comment's own words are not findings once it is taken out
    ids = [f.id for f in check_text(dismiss.without_comments(
        "We hire people. <!-- jdwizard: ignore term:young -->")).findings]
    assert "term:young" not in ids


def test_a_drafts_checks_table_toggles_and_keeps_its_other_keys():
    extra = {"checks": {"dismissed": ["term:young"], "note": "kept"}, "other": 1}
    added, now = dismiss.toggled(extra, "gender-coded:support")
    assert now and added["checks"] == {"note": "kept",
                                       "dismissed": ["term:young", "gender-coded:support"]}
    assert extra["checks"]["dismissed"] == ["term:young"]  # a new dict: a save may read the old
    removed, now = dismiss.toggled(added, "term:young")
    assert not now and removed["checks"]["dismissed"] == ["gender-coded:support"]
    emptied, _ = dismiss.toggled({"checks": {"dismissed": ["length"]}, "other": 1}, "length")
    assert emptied == {"other": 1}
    assert dismiss.draft_keys({}) == []


@pytest.mark.parametrize("checks", [{"dismissed": "term:young"}, {"dismissed": [1]}, "x"])
def test_a_bad_checks_table_is_one_line_saying_how_to_write_it(checks):
    with pytest.raises(UserError, match=r"\[checks\] dismissed = \["):
        dismiss.draft_keys({"checks": checks})


def test_never_words_must_be_a_list_of_words():
    assert dismiss.never_words({"never": ["Dominant", " ", "SharePoint"]}) == [
        "Dominant", "SharePoint"]
    assert dismiss.never_words({}) == []
    with pytest.raises(UserError, match="never = "):
        dismiss.never_words({"never": "Dominant"})


def test_gender_words_come_from_keys_and_never_words():
    assert dismiss.gender_words(["gender-coded:support", "term:young", "gender-coded"],
                                ["Dominant"]) == {"support", "dominant"}


def test_each_finding_gets_the_sentence_it_was_found_in():
    text = "# Backend Engineer\n\nWe build things. Join a young team today! More later.\n"
    start = text.index("young")
    answers = {"about": "- Lead a rockstar crew. Then rest."}
    found = with_context([finding("term:young", start=start), finding("length"),
                          finding("term:rockstar", field="about", start=9),
                          finding("pay-invalid", field="about"),
                          Finding("x", Severity.INFO, None, "m", start=0, context="given")],
                         text, answers)
    assert [f.context for f in found] == ["Join a young team today!", "",
                                          "Lead a rockstar crew.", "Lead a rockstar crew.",
                                          "given"]
    assert sentence_at(text, 2) == "Backend Engineer"  # the heading mark is left out


def test_a_sentence_without_an_end_is_cut_around_the_finding():
    text = "word " * 10_000
    context = sentence_at(text, 25_000)
    assert len(context) <= MAX_CONTEXT and context.endswith("…")


def test_unclosed_comments_take_linear_time():
    """A post full of comments that never close: each is looked at once, not to the end."""
    from test_hostile_checks import LIMIT, growth, repeated

    def both(text: str) -> None:
        dismiss.comment_keys(text)
        dismiss.without_comments(text)

    assert growth(both, repeated("<!-- jdwizard: ignore term:young "), 5_000) <= LIMIT


async def test_review_dismisses_a_finding_for_the_draft_and_brings_it_back(
        drafts_folder, capsys):
    """`d` on a finding: dimmed under "Dismissed", kept in the draft's [checks] table by the
    next (auto)save, skipped by `jdwizard check` too; `d` again brings it back."""
    import json
    import tomllib

    from textual.widgets import OptionList

    from conftest import BACKEND_ANSWERS, press, wait_for
    from jdwizard.cli import main
    from jdwizard.draft.file import Draft, save_draft
    from jdwizard.draft.opening import open_session
    from jdwizard.ui.app import JDWizardApp
    from jdwizard.ui.screens.review import ReviewScreen

    path = drafts_folder / "ninja.toml"
    answers = dict(BACKEND_ANSWERS, what_you_do="a logistics platform run by ninjas and a ninja")
    save_draft(Draft("backend-engineer", answers=answers), "", path)

    def prompts(todo: OptionList) -> list[str]:
        return [str(todo.get_option_at_index(i).prompt) for i in range(todo.option_count)]

    def dismissed_on_disk() -> list[str] | None:
        checks = tomllib.loads(path.read_text("utf-8")).get("checks")
        return None if checks is None else checks["dismissed"]

    for step in ("dismiss", "bring back"):
        app = JDWizardApp(open_session(path, drafts_folder))
        async with app.run_test(size=(120, 40)) as pilot:
            assert isinstance(app.screen, ReviewScreen)
            todo = app.screen.query_one("#todo", OptionList)
            await wait_for(pilot, lambda todo=todo: any('"ninja"' in p for p in prompts(todo)),
                           "the checks")
            index = next(i for i, p in enumerate(prompts(todo)) if '"ninja"' in p)
            todo.highlighted = index
            await press(pilot, "d")
            shown = prompts(todo)
            if step == "dismiss":
                heading = shown.index("Dismissed (1) · d brings one back")
                assert '"ninja"' in shown[heading + 1]
                assert "dismissed in the draft" in shown[heading + 1]
                assert not any('"ninja"' in p for p in shown[:heading])
            else:
                assert not any(p.startswith("Dismissed") for p in shown)
                assert any('"ninja"' in p for p in shown)
            expected = ["term:ninja"] if step == "dismiss" else None
            await wait_for(pilot, lambda expected=expected: dismissed_on_disk() == expected,
                           "the autosave")
        capsys.readouterr()
        main(["check", "--json", str(path)])
        report = json.loads(capsys.readouterr().out)
        skipped = [d["finding"]["id"] for d in report["dismissed"]]
        found = [f["id"] for f in report["findings"]]
        if step == "dismiss":
            assert skipped == ["term:ninja"] and "term:ninja" not in found
        else:
            assert skipped == [] and "term:ninja" in found


def test_a_dismissed_gender_word_leaves_the_adjusted_coding_in_check_and_draft(
        tmp_path, capsys):
    """`gender-coded:WORD` in a post's ignore comment, or in a draft's [checks] table, takes
    that word out of the adjusted figure the finding rests on (the reference label stays)."""
    import json

    from jdwizard.cli import main

    post = ("# Sales Associate\n\nLocation: Denver, CO\n\nWe want someone ambitious, decisive "
            "and ambitious.\n\nPay: $50,000-$60,000 per year.\n")
    plain, ignored = tmp_path / "plain.md", tmp_path / "ignored.md"
    plain.write_text(post, "utf-8")
    ignored.write_text(post + "<!-- jdwizard: ignore gender-coded:ambitious -->\n", "utf-8")
    adjusted = {}
    for path in (plain, ignored):
        main(["check", str(path), "--json"])
        report = json.loads(capsys.readouterr().out)
        adjusted[path.name] = report["gender_coding"]["adjusted"]["masculine"]
    assert adjusted["plain.md"]["ambitious"] == 2
    assert "ambitious" not in adjusted["ignored.md"]
    assert adjusted["ignored.md"]["decisive"] == 1

    draft = tmp_path / "d.toml"
    draft.write_text('template = "backend-engineer"\n[checks]\ndismissed = '
                     '["gender-coded:autonomy"]\n[answers]\ncompany = "Acme"\n', "utf-8")
    main(["check", str(draft), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert "autonomy" not in report["gender_coding"]["adjusted"]["masculine"]
    assert report["gender_coding"]["masculine"].get("autonomy")  # the reference figure keeps it
