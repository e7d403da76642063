"""Transcripts' speakers, chat exports' bracketed roles and questions put in turns (ruletypes.turns)."""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.ruletypes.turns import OTHER, SELLER, UNKNOWN, not_own_voice, opener, others_turn, turns
from claimlint.sources import html, markdown, text
from turnkit import doc_view


def _side(line: str) -> str | None:
    found = opener(line, 0, len(line))
    return None if found is None else found.side


@pytest.mark.parametrize(
    ("line", "side"),
    [
        ("[Visitor] maybe later", OTHER),
        ("[Bot] Hi! How can I help?", SELLER),
        ("[Customer] - is it covered?", OTHER),
        ("ATTENDEE: Is that true?", OTHER),
        ("PARTICIPANT 3: I heard it is safe.", OTHER),
        ("Group member: It cured me.", OTHER),
        ("Member: $149 per infusion", UNKNOWN),
        ("DR. REYES: Because the drug has a narrow place.", SELLER),
        ("MS. PATEL: Thank you, chair.", UNKNOWN),
        ("Marisol T. · 14 reviews", OTHER),
        ("Ray P. · Local Guide · 3 photos", OTHER),
    ],
)
def test_roles_in_brackets_and_audience_labels_name_a_side(line: str, side: str) -> None:
    assert _side(line) == side


@pytest.mark.parametrize(
    "line",
    [
        "★★★★☆ 4.6 (212 reviews) · Pain Management, IV Therapy",
        "[inaudible] so anyway",
        "[Day 0, 10 min after lead]",
        "[Sam] hello there",
    ],
)
def test_brackets_that_name_no_side_open_no_turn(line: str) -> None:
    assert _side(line) is None


def _where(doc: DocView, words: str) -> tuple[object, int, int]:
    for seg in doc.segments:
        start = seg.text.find(words)
        if start >= 0:
            return seg, start, start + len(words)
    raise AssertionError(words)


def _others(doc: DocView, words: str) -> bool:
    seg, start, end = _where(doc, words)
    return others_turn(doc, seg, start, end)  # type: ignore[arg-type]


CALL_IN = (
    "PAIN LINE with Brightwater Ketamine Clinic. Call us today.\n\n"
    "[00:01:05] HOST: Welcome back. First caller.\n"
    "[00:01:20] Speaker 2: My friend says it cured her fibromyalgia.\n"
    "[00:01:41] DR. OSEI: Our infusions work for every kind of chronic pain.\n"
)


def test_an_unnamed_speaker_is_the_other_side_where_the_sellers_staff_are_named() -> None:
    doc = doc_view(CALL_IN, text)
    assert turns(doc).conversation
    assert _others(doc, "cured her fibromyalgia")
    assert not _others(doc, "every kind of chronic pain")


def test_an_unnamed_speaker_is_unknown_where_no_one_is_the_sellers() -> None:
    doc = doc_view("Episode 4 transcript.\n\nSpeaker 1: Is it safe?\nSpeaker 2: It cured my back pain.\n", text)
    assert not turns(doc).conversation
    assert not _others(doc, "cured my back pain")


def test_a_chat_exports_visitor_lines_are_set_aside() -> None:
    doc = doc_view(
        "Chat export\n\n[Bot] Hi! How can I help?\n[Visitor] maybe later. she says its completely safe\n", text
    )
    assert _others(doc, "completely safe")
    assert not _others(doc, "How can I help")


WEBINAR = (
    "<html><body><h1>Webinar transcript</h1>"
    "<p><b>DR. OKAFOR:</b> Welcome, everyone.</p>"
    "<p><b>ATTENDEE:</b> My neighbour says ketamine cured her neuropathy.</p>"
    "<p><b>DR. OKAFOR:</b> Ketamine is completely safe.</p></body></html>"
)


def test_bold_labels_in_html_paragraphs_are_turns() -> None:
    doc = doc_view(WEBINAR, html, "page.html")
    assert _others(doc, "cured her neuropathy")
    assert not _others(doc, "completely safe")


PODCAST = (
    "# Episode 14\n\nTranscript. Host: JO.\n\n"
    "**JO:** Is ketamine a miracle cure for chronic pain?\n\n"
    "**DR. VENN:** No. Our patients see modest relief at best.\n"
)


def test_a_question_put_in_a_turn_is_not_the_pages_voice() -> None:
    doc = doc_view(PODCAST, markdown, "page.md")
    seg, start, end = _where(doc, "miracle")
    assert not_own_voice(doc, seg, start, end)  # type: ignore[arg-type]


def test_a_statement_in_a_turn_is_the_pages_voice() -> None:
    doc = doc_view(PODCAST, markdown, "page.md")
    seg, start, end = _where(doc, "Our patients")
    assert not not_own_voice(doc, seg, start, end)  # type: ignore[arg-type]


def test_a_question_outside_any_turn_is_the_pages_voice() -> None:
    doc = doc_view("Ready for a miracle? Our clinic can help.\n\nBook today.\n", text)
    seg, start, end = _where(doc, "miracle")
    assert not not_own_voice(doc, seg, start, end)  # type: ignore[arg-type]


CHAT = (
    "Chat transcript export · Meridian Ketamine Wellness\n\n"
    "[Kiki 🤖] Hi there! What brings you in today?\n"
    "[Visitor] is it safe? my friend says it is completely safe\n"
    "[Kiki 🤖] Ketamine has an excellent safety record.\n"
)


def test_each_bracketed_line_of_a_chat_export_is_its_own_turn() -> None:
    doc = doc_view(CHAT, text)
    assert _others(doc, "completely safe")
    assert not _others(doc, "excellent safety record")
    assert not _others(doc, "What brings you in")


FEED = (
    "Neighbourhood feed · Posted by Birchway Infusion Studio (Business)\n\n"
    "Tara V. (Elm Park): My cousin said one infusion cured her migraines.\n"
    "  Birchway Infusion Studio: Ketamine is completely safe.\n"
)
TESTIMONIALS = "# Birchway Infusion Studio: what our patients say\n\nMaria (Austin): It cured my migraines.\n"


def test_a_neighbour_named_by_place_is_the_other_side_when_the_business_answers() -> None:
    doc = doc_view(FEED, text)
    assert _others(doc, "cured her migraines")
    assert not _others(doc, "completely safe")


def test_testimonials_named_by_place_with_no_one_answering_stay_the_sellers() -> None:
    doc = doc_view(TESTIMONIALS, markdown, "page.md")
    assert not _others(doc, "cured my migraines")


@pytest.mark.parametrize("line", ["Sam (Host): Is it safe?", "Jane (Patient): It cured me."])
def test_a_role_in_the_aside_is_no_place(line: str) -> None:
    assert _side(line) == UNKNOWN
