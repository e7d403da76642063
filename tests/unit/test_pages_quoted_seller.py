"""A seller's voice counts against a page condition only outside quotation marks (pages._decide)."""

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
    description: A worksheet about wording.
    min: 2
    min_segments: 2
    any: ['\\bworksheet\\b', '\\banswer:']
    unless: ['\\bcall today\\b']
rules:
  - id: R001
    name: cure
    category: c
    severity: error
    type: pattern
    patterns: ['\\bmiracle cure\\b']
    message: m
"""

QUOTED_AD = (
    "Worksheet 6: reading a clinic ad.\n\n"
    'AD: "A miracle cure for nerve pain, our drips are gentle and fast. Call today!"\n\n'
    "Answer: no drug is a miracle cure."
)


def _fired(text: str) -> list[str]:
    return fired(PACK, text)


def test_a_whole_ad_quoted_on_a_worksheet_does_not_make_it_a_sellers_page() -> None:
    assert _fired(QUOTED_AD) == []


@pytest.mark.parametrize(
    "text",
    [
        QUOTED_AD.replace('Call today!"', '"') + "\n\nCall today!",
        QUOTED_AD.replace("Worksheet 6", "Our clinic 6").replace("Answer:", "Call today:"),
    ],
)
def test_the_same_words_outside_quotation_marks_still_speak_for_the_page(text: str) -> None:
    assert _fired(text) == ["R001", "R001"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [(pages.PHRASE_WORDS, False), (None, True)],
)
def test_quoted_takes_a_length_limit_or_none(words: int | None, expected: bool) -> None:
    text = 'AD: "A miracle cure for nerve pain, our drips are gentle and fast. Call today!"'
    start = text.index("Call")
    assert pages.quoted(text, start, start + 10, words) is expected
