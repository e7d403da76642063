"""Words the page attributes to someone other than the seller are not its claims (ruletypes.voice)."""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.ruletypes.voice import (
    asker_turn,
    attributed_quote,
    doubted_hearsay,
    doubted_list_item,
    frames_claims,
    not_the_sellers,
    quoted_question,
)
from claimlint.sources import markdown, text
from claimlint.textutil import sentence_bounds, split_sentences


def _asked(source: str, word: str) -> bool:
    """Whether ``word`` lies in a visitor's question turn of the plain-text ``source``."""
    for seg in text.parse(source).segments:
        start = seg.text.find(word)
        if start >= 0:
            return asker_turn(seg.text, seg.breaks, start)
    raise AssertionError(word)


AD = 'An ad calling infusions "cost-effective" or "cheaper than surgery" has no evidence.'
CHAT = (
    "Solace chat transcript\n"
    "[10:09] Visitor: is it covered by insurance\n"
    "[10:09] Kai: Lots of plans reimburse it, and we are more affordable than you think.\n"
    "  ↳ Reply from Dev (Fremont): Does it work for back pain? My husband tried everything.\n"
    "  ↳ Reply from Harborlight: Is it covered? Many of our patients get reimbursed!\n"
    "CALLER (Ana): My sister swears by hers. Isn't that evidence?\n"
    "Dr. Lee (Medical Director): Is it safe? Completely safe.\n"
    "Visitor: it took my pain away in one visit\n"
    "Reader question: Will my fibromyalgia be cured?\n"
)


@pytest.mark.parametrize("word", ["covered by insurance", "back pain", "swears by", "cured"])
def test_a_visitor_or_callers_question_turn_is_not_a_claim(word: str) -> None:
    assert _asked(CHAT, word)


@pytest.mark.parametrize("word", ["more affordable", "reimbursed", "Completely safe", "pain away"])
def test_the_sellers_turns_and_a_visitors_statement_stay_claims(word: str) -> None:
    assert not _asked(CHAT, word)


def test_each_speaker_turn_of_a_transcript_is_its_own_sentence() -> None:
    seg = text.parse(CHAT).segments[0]
    sentences = list(split_sentences(seg.text, seg.breaks))
    assert "[10:09] Visitor: is it covered by insurance" in sentences
    assert any(s.startswith("[10:09] Kai:") for s in sentences)


def test_a_markdown_call_in_turn_in_bold_is_a_turn() -> None:
    seg = markdown.parse("**CALLER (Raj):** is it covered by insurance\n").segments[0]
    assert asker_turn(seg.text, seg.breaks, seg.text.index("covered"))


def _questioned(sentence_text: str, word: str) -> bool:
    start = sentence_text.index(word)
    s_hi = sentence_text.index(". ") + 1 if ". " in sentence_text else len(sentence_text)
    return quoted_question(sentence_text, (0, start, s_hi))


@pytest.mark.parametrize(
    "source",
    [
        '"My friend says ketamine is completely safe because hospitals use it. Is that right?"',
        '"The ad says it is completely safe. Is that true?"',
        "“A site told me it is completely safe. Is there any evidence for that?”",
    ],
)
def test_a_quotation_that_asks_whether_its_claim_holds_is_a_question(source: str) -> None:
    assert _questioned(source, "completely safe")


@pytest.mark.parametrize(
    "source",
    [
        "Ketamine is completely safe. Is that right? Absolutely.",
        '"Ketamine is completely safe. Ready to book?"',
        '"Ketamine is completely safe." Is that right? Yes, it is.',
    ],
)
def test_an_unquoted_or_sales_follow_up_leaves_the_claim(source: str) -> None:
    assert not _questioned(source, "completely safe")


def _attributed(source: str, word: str) -> bool:
    start = source.index(word)
    return attributed_quote(source, start, start + len(word))


@pytest.mark.parametrize(
    ("source", "word"),
    [
        ('A clinic that says "a landmark study proved it" is describing one review.', "landmark study"),
        ('An ad calling infusions "cost-effective" or "cheaper than surgery" has no evidence.', "cost-effective"),
        ('An ad calling infusions "cost-effective" or "cheaper than surgery" has no evidence.', "cheaper than"),
        (
            'An ad calling infusions "cost-effective" or "cheaper than surgery" has no evidence.',
            'effective" or "cheaper',
        ),
        ("I thought the clinic's 'life-changing' banner meant it would work.", "life-changing"),
        ('The website promises: "pain-free in one visit".', "pain-free"),
    ],
)
def test_a_short_quotation_a_seller_or_an_ad_says_is_attributed(source: str, word: str) -> None:
    assert _attributed(source, word)


@pytest.mark.parametrize(
    ("source", "word"),
    [
        ('Our clinic says "a landmark study proved it".', "landmark study"),
        ('Jane says "I was pain-free in a day".', "pain-free"),
        ('Patients call it "life-changing" and so do we.', "life-changing"),
        ('The ad says "this is the one treatment that finally works for every kind of pain you have".', "finally"),
        ("Our infusions are life-changing for nerve pain.", "life-changing"),
        ('One patient\'s post says "I was pain-free in a day".', "pain-free"),
        ('A famous influencer calling it "life-changing" started our waitlist.', "life-changing"),
    ],
)
def test_own_words_testimonials_and_long_quotations_are_not_attributed(source: str, word: str) -> None:
    assert not _attributed(source, word)


def _doubted(source: str, word: str) -> bool:
    doc = DocView("t.md", source, markdown.parse(source).segments)
    seg = next(s for s in doc.segments if word in s.text)
    return doubted_list_item(doc, seg)


DOUBT_LIST = '## {heading}\n\n- Take-home lozenges after a video visit.\n- "Most plans cover it." Ask your plan.\n'


@pytest.mark.parametrize("heading", ["Claims to question", "Red flags in clinic ads", "Claims you may hear"])
@pytest.mark.parametrize("word", ["lozenges", "Most plans"])
def test_items_of_a_list_headed_as_claims_to_doubt_are_mentions(heading: str, word: str) -> None:
    assert _doubted(DOUBT_LIST.format(heading=heading), word)


@pytest.mark.parametrize("heading", ["What our patients get", "Myths and facts", "Why patients choose us"])
def test_items_of_other_lists_stay_claims(heading: str) -> None:
    assert not _doubted(DOUBT_LIST.format(heading=heading), "lozenges")


def test_a_paragraph_under_a_doubting_heading_is_not_a_list_item() -> None:
    assert not _doubted("## Red flags\n\nTake-home lozenges after a video visit.\n", "lozenges")


HEARING = (
    "CHAIR: Dr. Osei, what about ketamine at home, the lozenges that arrive in the mail?\n"
    "HOST: Maya, is one infusion enough to end the pain?\n"
    "DR. OSEI: Lozenges at home skip the monitoring.\n"
    "ANNCR: Tired of pain? Relief in one visit, at home.\n"
    "Q: Can you help with migraines?\n"
    "A (Owner): Yes! Migraine is one of the conditions we treat best.\n"
    "Q: Can I get addicted to ketamine? A: Not at the doses we use.\n"
)


def _voiced(source: str, word: str) -> bool:
    """Whether ``word`` in the plain-text ``source`` lies in words not the seller's (:func:`not_the_sellers`)."""
    for seg in text.parse(source).segments:
        start = seg.text.find(word)
        if start >= 0:
            end = start + len(word)
            s_lo, s_hi = sentence_bounds(seg.text, start, end, seg.breaks)
            return not_the_sellers(seg.text, seg.breaks, (s_lo, start, end, s_hi))
    raise AssertionError(word)


@pytest.mark.parametrize("word", ["ketamine at home", "lozenges that arrive", "end the pain", "help with migraines"])
def test_a_question_put_to_a_named_witness_or_a_q_turn_is_not_a_claim(word: str) -> None:
    assert _voiced(HEARING, word)


@pytest.mark.parametrize("word", ["Lozenges at home", "Relief in one visit", "conditions we treat", "Not at the doses"])
def test_an_answer_an_announcers_line_and_an_inline_answer_stay_claims(word: str) -> None:
    assert not _voiced(HEARING, word)


@pytest.mark.parametrize(
    ("source", "word"),
    [
        (
            'I have a mailer here. It says, quote, "relief you can feel in one visit" and "no risk of addiction."',
            "no risk",
        ),
        ('The flyer reads: "relief you can feel in one visit".', "one visit"),
        ('A patient says his clinic told him ketamine "can\'t get you hooked like opioids do."', "hooked"),
        ('A mailer that says "no risk of addiction" came today.', "no risk"),
    ],
)
def test_an_ad_read_out_or_reported_by_a_patient_is_attributed(source: str, word: str) -> None:
    assert _attributed(source, word)


def test_my_doctor_told_me_is_not_a_sellers_quotation() -> None:
    assert not _attributed('My doctor told me "you will be pain-free in a week".', "pain-free")


def test_a_quoted_pair_asked_about_with_either_is_a_question() -> None:
    assert _questioned('"It is completely safe. Is either statement accurate?"', "completely safe")


@pytest.mark.parametrize("heading", ["Learning objectives", "Course objectives"])
def test_items_of_a_learning_objectives_list_are_tasks(heading: str) -> None:
    assert _doubted(DOUBT_LIST.format(heading=heading), "lozenges")


def _hearsay(source: str, word: str) -> bool:
    start = source.index(word)
    s_hi = source.index(". ") + 1
    return doubted_hearsay(source, (0, start, s_hi))


@pytest.mark.parametrize(
    "source",
    [
        "My cousin swears ketamine cured her fibromyalgia. Is that real or hype?",
        "A friend told me ketamine cured her fibromyalgia. Is there any evidence for that?",
        "I heard ketamine cured fibromyalgia. Is this true?",
    ],
)
def test_hearsay_asked_about_at_once_is_not_a_claim(source: str) -> None:
    assert _hearsay(source, "cured")


@pytest.mark.parametrize(
    "source",
    [
        "Ketamine cured her fibromyalgia. Is that real or hype? It is real.",
        "My cousin swears ketamine cured her fibromyalgia. Is it right for you?",
        "My cousin swears ketamine cured her fibromyalgia. Book today?",
    ],
)
def test_own_claims_and_sales_follow_ups_stay_claims(source: str) -> None:
    assert not _hearsay(source, "cured")


@pytest.mark.parametrize(
    ("head", "frames"),
    [
        ("The Board quoted the following advertising claims in its order:", True),
        ("Finding. The site was deceptive. The State challenges four statements that appeared on its website:", True),
        ("A mailer made several claims. The ads claimed:", True),
        ("Some clinic websites use phrases you should be wary of:", True),
        ("Here is what our patients say:", False),
        ("Our promise to every patient:", False),
        ("The Board found these statements misleading.", False),
    ],
)
def test_a_sentence_that_introduces_others_claims_with_a_colon_frames_them(head: str, frames: bool) -> None:
    assert frames_claims(head) is frames


def test_the_frame_carries_over_the_list_and_quoted_block_below_it() -> None:
    page = (
        "# Order\n\nThe clinic advertised infusions. The ads claimed:\n\n"
        '- "Ketamine is completely safe."\n- It cures pain for good.\n\n> Relief within hours.\n\nThe end.\n'
    )
    doc = DocView("order.md", page, markdown.parse(page).segments)
    marked = [seg.text for seg in doc.segments if doubted_list_item(doc, seg)]
    assert marked == ['"Ketamine is completely safe."', "It cures pain for good.", "Relief within hours."]


def test_the_frame_carries_over_bulleted_lines_of_plain_text() -> None:
    page = (
        "Fact check\n\nThe ads claimed:\n- Ketamine is 100% safe.\n"
        "- One infusion cures fibromyalgia.\n\nWe asked experts.\n"
    )
    doc = DocView("check.txt", page, text.parse(page).segments)
    hits = [
        (seg.text[pos : pos + 12], doubted_list_item(doc, seg, pos))
        for seg in doc.segments
        for word in ("Ketamine is", "One infusion", "We asked")
        if (pos := seg.text.find(word)) >= 0
    ]
    assert hits == [("Ketamine is ", True), ("One infusion", True), ("We asked exp", False)]
