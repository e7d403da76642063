"""Pages of turns and whose turn it is (ruletypes.turns)."""

from __future__ import annotations

import pytest

from claimlint.ruletypes.turns import OTHER, SELLER, UNKNOWN, opener, turns
from claimlint.sources import html, markdown, text
from turnkit import doc_view, others_at


def _side(line: str) -> str | None:
    found = opener(line, 0, len(line))
    return None if found is None else found.side


@pytest.mark.parametrize(
    ("line", "side"),
    [
        ("VISITOR: My friend says it cured her.", OTHER),
        ("Caller: I saw an ad for it.", OTHER),
        ("Q (u/sam): does it work?", OTHER),
        ("BOT (Sunny): Our infusions work.", SELLER),
        ("Owner response: Thank you, Maria!", SELLER),
        ("Response from the owner: We love hearing this.", SELLER),
        ("Reply from Oakridge Infusion Center", SELLER),
        ("↳ Reply from Dev (Fremont): Is it covered?", OTHER),
        ('★★★★★ Maria G. (Google) · 3 weeks ago: "It cured me."', OTHER),
        ("u/fibro_fighter_22 · 5h", OTHER),
        ("u/PineValleyKetamine (Verified business) · 4h", SELLER),
        ("Harbor Ketamine Clinic (author) · April 3, 2026", SELLER),
        ("Jolene R. · April 2, 2026", OTHER),
        ("KAI: Lots of plans reimburse it.", UNKNOWN),
    ],
)
def test_a_unit_that_opens_a_turn_names_its_side(line: str, side: str) -> None:
    assert _side(line) == side


@pytest.mark.parametrize(
    "line",
    [
        "POST · 3 days ago",
        "Measure | Before | After 6 months",
        "[Day 0, 10 min after lead]",
        '★★★★★ "It gave me my life back!" — Maria G.',
        "Posted by Nora · filed under: sciatica, decisions · no ads",
        "Ketamine is completely safe, and it works.",
    ],
)
def test_lines_that_only_look_like_bylines_open_no_turn(line: str) -> None:
    assert _side(line) is None


REVIEWS = (
    "Reviews for Cedar Lane Ketamine Clinic\n\n"
    '★★★★★ Maria G. (Google) · 3 weeks ago: "It cured my fibromyalgia."\n'
    "Owner response: Thank you, Maria! Ketamine is completely safe.\n"
)


def test_a_review_answered_by_the_owner_is_the_customers_and_the_reply_the_sellers() -> None:
    doc = doc_view(REVIEWS, text)
    assert turns(doc).conversation
    assert others_at(doc, "cured my fibromyalgia")
    assert not others_at(doc, "completely safe")


def test_starred_quotes_on_the_sellers_own_page_are_republished_not_a_conversation() -> None:
    page = (
        "# Birchwood Pain Clinic\n\nWe offer ketamine infusions.\n\n"
        '★★★★★ "It cured my fibromyalgia." — Maria G.\n\n★★★★★ "Instant relief." — Ben T.\n'
    )
    doc = doc_view(page, markdown, "page.md")
    assert not turns(doc).conversation
    assert not others_at(doc, "cured my fibromyalgia")


THREAD = (
    "# r/ChronicPain: ketamine for CRPS?\n\n"
    "**u/fibro_fighter_22** · 5h\n\nIt cured my fibromyalgia completely.\n\n"
    "**u/pain_warrior** · 4h\n\nInstant relief after one infusion.\n\n"
    "**u/crps_mom** · 2h\n\nAsk your doctor first.\n"
)


def test_a_third_partys_thread_without_a_sellers_voice_is_all_other_peoples_words() -> None:
    doc = doc_view(THREAD, markdown, "thread.md")
    assert others_at(doc, "cured my fibromyalgia")
    assert others_at(doc, "Instant relief")


def test_bylined_posts_on_a_page_that_speaks_as_a_seller_are_not_a_conversation_alone() -> None:
    page = "Our clinic offers infusions. Book your consultation today.\n\n" + THREAD
    doc = doc_view(page, markdown, "thread.md")
    assert not turns(doc).conversation


def test_a_reply_from_the_business_the_page_is_about_is_the_sellers() -> None:
    page = (
        "Harborlight Infusion Studio · Business page\n"
        "  ↳ Reply from Karen (Greenwood): Does it work for back pain?\n"
        "  ↳ Reply from Harborlight: Back pain melts away for most of our patients.\n"
    )
    doc = doc_view(page, text)
    assert others_at(doc, "back pain?")
    assert not others_at(doc, "melts away")


def test_a_turn_ends_where_the_next_speaker_starts_on_its_line() -> None:
    doc = doc_view("Support chat\nVisitor: Is it addictive? A: Not at the doses we use.\n", text)
    assert others_at(doc, "addictive")
    assert not others_at(doc, "Not at the doses")
    assert not others_at(doc, "addictive? A: Not")


def test_comments_below_a_clinic_post_are_the_commenters() -> None:
    page = (
        "<h1>Is ketamine right for you?</h1><p>Our infusions work for every kind of pain.</p>"
        "<h2>Comments</h2><p><b>Jolene R.</b> · April 2, 2026</p><p>It cured my fibromyalgia.</p>"
        "<p><b>Harbor Ketamine Clinic</b> (author) · April 3, 2026</p><p>Most patients feel instant relief.</p>"
    )
    doc = doc_view(page, html, "page.html")
    assert others_at(doc, "cured my fibromyalgia")
    assert not others_at(doc, "instant relief")
    assert not others_at(doc, "every kind of pain")


def test_two_bylines_on_a_page_are_not_yet_a_thread() -> None:
    page = (
        "# Ketamine and CRPS\n\nJane Smith · March 3, 2026\n\nIt works fast.\n\nTom Lee · March 9, 2026\n\nIt lasts.\n"
    )
    doc = doc_view(page, markdown, "post.md")
    assert not turns(doc).conversation


HANDLES = (
    "# Fernhill Ketamine & Wellness: TikTok replies\n\n"
    "> @tired_tara: it cured my migraines forever\n\n"
    "**@fernhill.official:** Ketamine is completely safe at our doses.\n\n"
    "> @ritaswellness: a miracle for my fibro\n\n"
    "> @quietfern22: does it work for everyone?\n"
)


def test_a_handle_holding_the_pages_brand_speaks_for_the_seller_and_others_are_commenters() -> None:
    doc = doc_view(HANDLES, markdown, "replies.md")
    assert turns(doc).conversation
    assert not others_at(doc, "completely safe")
    assert others_at(doc, "cured my migraines")
    assert others_at(doc, "a miracle for my fibro")


def test_a_brand_word_the_page_also_writes_in_lower_case_is_no_brand() -> None:
    page = (
        "# Chronic Pain Clinic replies\n\n> @chronic_carl: it cured me\n\n"
        "**@ashby.clinic:** chronic pain is our focus.\n"
    )
    doc = doc_view(page, markdown, "replies.md")
    assert others_at(doc, "it cured me")


AMA = (
    "r/ChronicPain AMA: I run Sablewood Ketamine. Ask me anything.\n\n"
    "Posted by u/SablewoodDoc\n\n"
    "u/bev_22: does it cure fibromyalgia?\n\n"
    "OP: It works for every type of chronic pain.\n\n"
    "u/SablewoodDoc (OP): Most patients feel relief within hours.\n"
)


def test_the_poster_of_a_page_whose_poster_sells_is_the_seller_also_as_op() -> None:
    doc = doc_view(AMA, text)
    assert turns(doc).conversation
    assert others_at(doc, "does it cure")
    assert not others_at(doc, "every type")
    assert not others_at(doc, "within hours")


def test_an_op_who_does_not_sell_is_not_the_seller() -> None:
    page = AMA.replace("I run Sablewood Ketamine", "I tried ketamine").replace("Sablewood", "Bev")
    doc = doc_view(page, text)
    assert not any(side == SELLER for spans in turns(doc).spans.values() for _pos, side in spans)
