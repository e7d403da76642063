"""Mentions on a page that does not sell: quoted and framed, or rebutted, claims are not findings."""

from __future__ import annotations

import pytest
from packcheck import fired

from claimlint import pages

PACK = """\
version: 1
defaults:
  skip_pages: [quoting]
pages:
  quoting:
    description: A page about wording rules.
    min: 2
    min_segments: 2
    any: ['\\bwording\\b', '\\bchecklist\\b']
    unless: ['\\bbuy now\\b', '\\bour clinic\\b']
rules:
  - id: R001
    name: cure
    category: c
    severity: error
    type: pattern
    patterns: ['\\bmiracle cure\\b']
    message: m
  - id: R002
    name: cure-everywhere
    category: c
    severity: error
    type: pattern
    patterns: ['\\bmiracle cure\\b']
    message: m
    skip_pages: []
"""

INTRO = "A reporter visits a strip mall.\n\n"


@pytest.mark.parametrize(
    "line",
    [
        'This clinic\'s sign reads "A miracle cure in five days."',
        'Do not tell the patient it is "a miracle cure".',
        'Listings that describe ketamine as "a miracle cure" are edited or removed.',
        'Please add: "Ketamine is a miracle cure for pain."',
        "A clinic in her town was calling ketamine a miracle cure.",
        "Removed an unsourced line saying ketamine is a miracle cure.",
    ],
)
def test_a_mention_on_a_page_that_does_not_sell_is_not_a_finding(line: str) -> None:
    assert fired(PACK, INTRO + line) == ["R002"]


@pytest.mark.parametrize(
    "line",
    [
        'This clinic\'s sign reads "A miracle cure in five days." Buy now.',
        'Patients at our clinic say "it was a miracle cure".',
    ],
)
def test_the_same_words_on_a_page_that_sells_are_findings(line: str) -> None:
    assert fired(PACK, INTRO + line) == ["R001", "R002"]


@pytest.mark.parametrize(
    "line",
    [
        'Our top headline: "A miracle cure in five days."',
        'Ketamine is "a miracle cure" for pain.',
        "Ketamine is a miracle cure, the sign reads.",
        "Is ketamine a miracle cure for pain?",
        "Doctors are calling ketamine a miracle cure.",
        "Other clinics promise little; ketamine is a miracle cure.",
        'Dr. Hale says ketamine is "a miracle cure".',
        'The skill says: "Ketamine is a miracle cure."',
    ],
)
def test_the_authors_own_words_stay_findings_without_a_seller(line: str) -> None:
    assert fired(PACK, INTRO + line) == ["R001", "R002"]


def test_a_quoted_myth_answered_no_is_a_mention_even_on_a_page_that_sells() -> None:
    assert fired(PACK, INTRO + '"It is a miracle cure." No. Buy now.') == ["R002"]


def test_quote_span_pairs_straight_and_curly_quotes_on_the_line() -> None:
    line = 'Ads call it "proven safe" and \u201ca miracle\u201d.'
    proven, miracle = line.index("proven"), line.index("miracle")
    assert pages.quote_span(line, proven, proven + 6) == (proven, line.index('" and'))
    assert pages.quote_span(line, miracle, miracle + 7) == (line.index("a miracle"), line.index("\u201d"))
    assert pages.quote_span(line, 0, 3) is None


def test_quote_framed_reads_the_clause_before_the_quotation_only() -> None:
    assert pages.quote_framed('The sign reads "x"', len("The sign reads "))
    assert pages.quote_framed('The clinic also told us its infusions have "x"', 43)
    assert not pages.quote_framed('The sign was red. Ketamine is "x"', len("The sign was red. Ketamine is "))
    assert not pages.quote_framed('We call it "x"', len("We call it "))


def test_a_plain_reporting_verb_frames_a_quotation_only_with_a_business_or_its_copy_speaking() -> None:
    """A clinic's own show notes quote its doctor without "we": that quotation is the clinic's claim."""
    assert not pages.quote_framed('Dr. Hale says ketamine "x"', len('Dr. Hale says ketamine "'))
    assert pages.quote_framed('A clinic says ketamine "x"', len('A clinic says ketamine "'))
    assert pages.quote_framed('Ads call ketamine "x"', len('Ads call ketamine "'))


def test_rebutted_wants_a_bare_verdict_right_after_the_quotation() -> None:
    assert pages.rebutted('"It is harmless." No. In surgery ...', len('"It is harmless."'))
    assert pages.rebutted('"Gentler than an IV." Nothing shows that.', len('"Gentler than an IV."'))
    assert not pages.rebutted('"It is harmless." Nobody knows.', len('"It is harmless."'))


def test_a_lone_paragraph_has_no_genre_and_keeps_its_finding() -> None:
    assert fired(PACK, 'This clinic\'s sign reads "A miracle cure in five days."') == ["R001", "R002"]


def test_a_plain_text_page_of_many_lines_is_no_lone_paragraph() -> None:
    page = 'REPORTER: We are outside a strip mall.\nREPORTER: The sign reads "a miracle cure".\nANCHOR: Thanks.'
    assert fired(PACK, page) == ["R002"]


def test_reported_wants_a_business_or_its_copy_speaking_in_the_same_clause() -> None:
    line = "A clinic told me a big study showed it was safe."
    assert pages.reported(line, line.index("a big"))
    line = "Our clinic says relief is quick."
    assert not pages.reported(line, line.index("relief"))
    line = "Ads are everywhere. Relief is quick."
    assert not pages.reported(line, line.index("Relief"))
