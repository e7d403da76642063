"""Whose voice, part 5: chat turns after unpunctuated lines, peer groups, retired phrases, a former clinic, and
the pack's seller's-voice anchors that a patient's page must not meet."""

from __future__ import annotations

from functools import cache

import pytest
import regex

from claimlint.builtin import default_pack_path
from claimlint.ruletypes.turns import OTHER, SELLER, UNKNOWN, turns
from claimlint.ruletypes.voice import attributed_quote, frames_claims
from claimlint.sources import text
from claimlint.textutil import unit_breaks
from claimlint.yamlload import load
from turnkit import doc_view, others_at


def _breaks(source: str) -> list[int]:
    return unit_breaks(source, [(0, len(source))])


@pytest.mark.parametrize(
    "source",
    [
        "[Visitor] how fast does it kick in\n[Bot] Most people feel it on day one!",
        "[19:05] fern: my BP went up enough that they paused the drip once\n[19:06] d_ramirez88: my old clinic",
        "You: is it safe for someone on meds or\nAssistant: Completely safe.",
    ],
)
def test_a_turn_marker_starts_a_unit_whatever_the_line_before_ends_on(source: str) -> None:
    assert _breaks(source) == [source.index("\n")]


def test_wrapped_prose_ending_on_a_function_word_stays_joined() -> None:
    assert _breaks("The review found that the results were in\nline with earlier trials of the drug.") == []


DISCORD = """#pain-talk | Slow Burn (peer community server: no sponsors)

[20:01] pinecone_j: anyone tried ketamine for CRPS?
[20:02] marlow: helped a little for a few weeks
[20:05] ruthie77: my old clinic kept saying it was 100% safe
[20:08] tk_brennan: everything is a miracle until the fine print
"""


def test_a_peer_groups_members_named_after_the_time_are_others() -> None:
    doc = doc_view(DISCORD, text)
    assert turns(doc).conversation
    assert others_at(doc, "100% safe")
    assert others_at(doc, "a miracle")


def test_a_group_where_the_clinic_speaks_keeps_its_own_turn() -> None:
    doc = doc_view(DISCORD.replace("[20:02] marlow:", "[20:02] Slow Burn Ketamine Clinic (admin):"), text)
    seg = next(s for s in doc.segments if "helped a little" in s.text)
    at = seg.text.index("helped a little")
    assert turns(doc).side(doc.segments.index(seg), at, at + 5) == SELLER


def test_stamped_names_on_a_page_that_is_no_group_are_no_others() -> None:
    doc = doc_view(DISCORD.replace("(peer community server: no sponsors)", "(export)"), text)
    seg = next(s for s in doc.segments if "100% safe" in s.text)
    at = seg.text.index("100% safe")
    assert turns(doc).side(doc.segments.index(seg), at, at + 4) == UNKNOWN


def test_a_visitor_labelled_you_is_the_other_side() -> None:
    doc = doc_view("Assistant: Hi! How can I help?\nYou: does it cure migraines\nAssistant: Results vary.\n", text)
    seg = doc.segments[0]
    at = seg.text.index("cure migraines")
    assert turns(doc).side(0, at, at + 4) == OTHER


@pytest.mark.parametrize(
    "frame",
    [
        "5. Retire the phrases our members report seeing every week:",
        "Stop using the phrases our readers keep seeing:",
        "Drop these words from every ad:",
    ],
)
def test_a_sentence_that_retires_phrases_frames_them(frame: str) -> None:
    assert frames_claims(frame)


@pytest.mark.parametrize("frame", ["Our promise to our members:", "Here are the phrases our clinic lives by:"])
def test_the_writers_own_frame_is_no_report(frame: str) -> None:
    assert not frames_claims(frame)


def test_quoted_phrases_after_a_retiring_colon_are_mentions() -> None:
    line = 'Retire the phrases our members see: "life-changing", "no side effects".'
    at = line.index("no side effects")
    assert attributed_quote(line, at, at + 15)


@pytest.mark.parametrize(
    ("line", "reported"),
    [
        ('my old clinic kept saying "you can\'t get hooked on it" and', True),
        ('our former center would say "zero side effects" back then', True),
        ('my clinic says "you can\'t get hooked on it"', False),
    ],
)
def test_a_clinic_the_writer_has_left_is_another_party(line: str, reported: bool) -> None:
    at = line.index('"') + 1
    assert attributed_quote(line, at, at + 8) is reported


@cache
def _anchor(name: str) -> regex.Pattern[str]:
    """A regex the default pack defines as a YAML anchor, compiled as the engine compiles rule regexes."""
    path = default_pack_path()
    with open(path, encoding="utf-8") as handle:
        data = load(path, handle.read())
    pages = data["pages"]
    off_label = next(rule for rule in data["rules"] if rule["id"] == "CL221")
    patterns = {
        "seller_own": pages["neutral"]["unless"][0],
        "seller_hype": pages["neutral"]["unless"][3],
        "peer_group": pages["unsold"]["any"][0],
        "page_reader": off_label["triggers"][2],
        "page_promotion": off_label["triggers"][3],
    }
    return regex.compile(patterns[name], regex.IGNORECASE)


@pytest.mark.parametrize(
    ("line", "seller"),
    [
        ("Maybe, if my team thought it was worth it.", False),
        ("My pain team ran a four-day infusion at the hospital.", False),
        ("Two years ago my team and I opened Larkin.", True),
        ("I'm proud of my team at Larkin Ketamine Clinic.", True),
        ("Here is what our patients have seen.", True),
    ],
)
def test_a_patients_care_team_is_no_sellers_voice(line: str, seller: bool) -> None:
    assert (_anchor("seller_own").search(line) is not None) is seller


@pytest.mark.parametrize(
    ("line", "hype"),
    [
        ("It helped for a couple of months. Not a miracle, not nothing either.", False),
        ("It was never a miracle for me.", False),
        ("1. Not compliant. Miracle hype; the ad names no study.", False),
        ("Ketamine is a miracle for nerve pain.", True),
    ],
)
def test_a_denied_or_named_miracle_is_no_promotional_language(line: str, hype: bool) -> None:
    assert (_anchor("seller_hype").search(line) is not None) is hype


@pytest.mark.parametrize(
    "line",
    [
        "Dr. Nadia Sorensen is the founder of Tidewell Ketamine Clinic in Portland.",
        "By Dr. Owen Hale, medical director of Brightwater Infusion Center",
        "Opened the doors at Cedar Ketamine three years ago today.",
        "I founded Larkin Ketamine Clinic in 2021.",
    ],
)
def test_a_founder_tied_to_the_clinic_addresses_and_promotes_for_it(line: str) -> None:
    assert _anchor("page_reader").search(line) is not None
    assert _anchor("page_promotion").search(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Her doctor, the founder of a small practice, suggested physical therapy.",
        "The clinic opened in 2019 and closed two years later.",
    ],
)
def test_a_founder_with_no_named_clinic_is_no_page_voice(line: str) -> None:
    assert _anchor("page_reader").search(line) is None


@pytest.mark.parametrize(
    ("line", "peer"),
    [
        ("CRPS Friends (WhatsApp group, patients only) · chat export", True),
        ("#pain-talk | Slow Burn (peer community server: no sponsors)", True),
        ("Join our clinic's patient community for tips.", False),
        ("# Juniper Relief Discord server · #patient-lounge", False),
    ],
)
def test_a_peer_groups_own_chat_is_an_unsold_marker(line: str, peer: bool) -> None:
    assert (_anchor("peer_group").search(line) is not None) is peer
