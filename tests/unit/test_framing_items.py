"""Claims put up to be judged: quiz options, exam items, "True or false" prompts, relayed questions.

ruletypes.framing (answer_option, item_quote, posed_statement) and ruletypes.voice (relayed_quote,
attributed_quote on a text under review).
"""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.ruletypes.framing import answer_option, item_quote, posed_statement
from claimlint.ruletypes.mention import mentioned_quote
from claimlint.ruletypes.voice import (
    attributed_quote,
    doubted_list_item,
    frames_claims,
    relayed_quote,
    reported_ad,
)
from claimlint.sources import text
from claimlint.textutil import whole_text_segment


def _option(units: list[str], k: int, words: str) -> bool:
    return answer_option(units, k, units[k].index(words))


STEM = "Question 1. Which of these claims needs substantiation?"


def test_options_on_lines_of_their_own_under_a_question_are_posed() -> None:
    units = [STEM, 'A) "Ketamine cures chronic pain"', 'B) "Infusions are completely safe"']
    assert _option(units, 1, "cures")
    assert _option(units, 2, "completely safe")


def test_options_on_the_stems_own_line_are_posed() -> None:
    line = f"{STEM} A) Relief in one session B) Completely safe C) Board-certified staff"
    assert _option([line], 0, "Relief")


@pytest.mark.parametrize(
    "units",
    [
        # a lone "A)" is an FAQ's answer, not an option among others
        ["Q: Is it safe?", "A) Yes. Infusions are completely safe."],
        # a list under a statement is the page's own list
        ["Our promise to you.", "A) Infusions are completely safe.", "B) Relief in one session."],
    ],
)
def test_an_answer_or_a_list_that_no_question_heads_is_not_posed(units: list[str]) -> None:
    assert not _option(units, 1, "completely safe")


def test_the_stem_itself_is_not_an_option() -> None:
    units = ["Is ketamine completely safe? A) Yes B) No"]
    assert not _option(units, 0, "completely safe")


def _item(line: str, words: str) -> bool:
    start = line.index(words)
    return item_quote(line, (0, len(line)), start, start + len(words))


def test_an_exam_item_quoting_a_claim_for_correction_poses_it() -> None:
    line = 'Q5. A classmate calls the review "one study where 13 of 14 patients improved." Correct them.'
    assert _item(line, "13 of 14 patients improved")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        # no item label: a testimonial in quotation marks
        ('Dana says "it cured my pain for good." Correct!', "cured my pain"),
        # an item, but its claim is not quoted: the item's own words stay checked
        ("Q2. Ketamine cures CRPS in most patients. Explain.", "cures CRPS"),
        # an item label with a quotation but nothing asked of the learner
        ('Q3. "It cured my pain for good." Jane, 54.', "cured my pain"),
    ],
)
def test_quotations_outside_an_items_task_are_not_posed(line: str, words: str) -> None:
    assert not _item(line, words)


def _posed(text: str, words: str) -> bool:
    start = text.index(words)
    end_sentence = text.index("Explain.") if "Explain." in text else len(text)
    return posed_statement(text, (0, start, start + len(words), end_sentence))


def test_a_true_or_false_prompt_that_quotes_its_claim_poses_it() -> None:
    text = 'True or false: "Ketamine is not addictive because it is not an opioid." Explain.\nAnswer: False.'
    assert _posed(text, "not addictive")


def test_a_true_or_false_prompt_answered_false_after_an_answer_label_poses_it() -> None:
    text = "True or false: ketamine is not addictive. Model answer: False. It is a Schedule III drug."
    start = text.index("not addictive")
    assert posed_statement(text, (0, start, start + 13, text.index(" Model")))


def test_a_true_or_false_prompt_answered_true_is_the_pages_claim() -> None:
    text = 'True or false: "Ketamine is a Schedule III controlled substance." True.'
    start = text.index("Schedule III")
    assert not posed_statement(text, (0, start, start + 12, text.index(" True.")))


def _relayed(text: str, words: str) -> bool:
    start = text.index(words)
    return relayed_quote(text, 0, start, start + len(words))


@pytest.mark.parametrize(
    "text",
    [
        'HOST: A listener writes: "Ketamine cured my fibromyalgia for good. Can it do that for everyone?"',
        'HOST: We\'ve got an email: "Infusions are completely safe, right? What do you think?"',
        'Our next question from Dana in Tulsa: "Is it true ketamine is completely safe?"',
    ],
)
def test_a_question_read_out_from_the_audience_is_theirs(text: str) -> None:
    assert _relayed(text, "fibromyalgia for good" if "fibromyalgia" in text else "completely safe")


@pytest.mark.parametrize(
    "text",
    [
        # a clinic prints a patient's letter: a testimonial it publishes
        'A patient wrote to us: "Ketamine cured my fibromyalgia for good. Best decision ever."',
        'We got an email from Dana: "Ketamine cured my fibromyalgia for good!"',
        # no relay at all
        '"Ketamine cured my fibromyalgia for good," says Dana.',
    ],
)
def test_a_statement_a_seller_prints_from_a_patient_is_not_relayed(text: str) -> None:
    assert not _relayed(text, "fibromyalgia for good")


def test_a_peer_reviewer_quoting_the_abstract_mentions_its_wording() -> None:
    text = 'The abstract states that the infusions "had no side effects." Safety was assessed from notes.'
    start = text.index("no side effects")
    assert attributed_quote(text, start, start + len("no side effects"))


def _reported(text: str, words: str) -> bool:
    return reported_ad(text, 0, text.index(words))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A billboard near my commute promises a new life in a few sessions.", True),
        ("The ads on the radio claim that infusions cure pain for good.", True),
        ("Our billboard promises a new life in a few sessions.", False),
        ("The clinic promises a new life in a few sessions.", False),
        ("A new life in a few sessions, the billboard promises.", False),
    ],
)
def test_an_ads_promise_reported_without_quotation_marks_is_the_ads(text: str, expected: bool) -> None:
    assert _reported(text, "new life" if "new life" in text else "cure pain") is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "If the source contains any phrase below, translate the surrounding text, flag the phrase to the"
            " project manager and do not produce a target-language version of it:",
            True,
        ),
        ("Moderators remove posts with claims like these:", True),
        ("Our promise to every patient:", False),
    ],
)
def test_a_sentence_that_bans_the_wording_below_frames_it(sentence: str, expected: bool) -> None:
    assert frames_claims(sentence) is expected


def test_a_true_or_false_item_answered_false_on_the_next_numbered_answer_poses_it() -> None:
    text = (
        "Q3. True or false: at low doses, ketamine carries no risk of dependence.\nA3. False. It has abuse potential."
    )
    start = text.index("no risk of dependence")
    assert posed_statement(text, (4, start, start + 21, text.index("\nA3")))


def _mentioned(line: str, words: str) -> bool:
    seg = whole_text_segment(line)
    assert seg is not None
    start = seg.text.index(words)
    return mentioned_quote(DocView("x.txt", line, [seg]), seg, (0, start, start + len(words)))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('- "Ketamine cures pain." It does not; no source says so.', True),
        ('- "Ketamine cures pain." No study shows that.', True),
        ('- "Ketamine cures pain." It does not wear off for months.', False),
        ('- "Ketamine cures pain." It is what our patients tell us.', False),
    ],
)
def test_a_quoted_claim_denied_at_once_is_mentioned(line: str, expected: bool) -> None:
    assert _mentioned(line, "cures pain") is expected


STUDY_GUIDE = (
    "NURS 342 Pharmacology II\n\nLearning objectives\n"
    "1. State the FDA-approved uses of ketamine and esketamine.\n"
    "2. Explain why ketamine for chronic pain is considered off-label.\n"
)


@pytest.mark.parametrize(("heading", "expected"), [("Learning objectives", True), ("What we offer", False)])
def test_a_plain_text_heading_line_heads_the_numbered_lines_below(heading: str, expected: bool) -> None:
    page = STUDY_GUIDE.replace("Learning objectives", heading)
    segments = text.parse(page).segments
    doc = DocView("guide.txt", page, segments)
    seg = next(s for s in segments if "State the" in s.text)
    assert doubted_list_item(doc, seg, seg.text.index("FDA-approved")) is expected
