"""Whose words are these: on a page of turns, only the seller's turns make claims.

tests/fixtures/turns holds pages of turns written for this test, in plain text, Markdown and
HTML: a review export and a review widget with the owner's replies, a forum thread with one
clinic account, a chat script with a visitor, a blog's comment section with the clinic's reply,
a clinic-sponsored call-in hour with callers. The customers', members', visitors', commenters'
and callers' lines make the same claims as the seller's and must stay quiet, while the seller's
lines fire. A clinic's own "What our patients say" list, and a shop's product page with bylined
"Verified Buyer" reviews and no replies, republish customers' words as marketing and must still
fire.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

TURNS = Path(__file__).resolve().parent.parent / "fixtures" / "turns"

#: Lines where another speaker makes a claim: no sentence-level finding may touch them.
QUIET: dict[str, set[int]] = {
    "r01-review-owner-replies.txt": {3, 6, 9},
    "r02-review-widget.html": {8, 14},
    "r03-forum-thread.md": {5, 9, 17, 19},
    "r04-chatbot-script.txt": {4, 6},
    "r05-blog-comments.html": {13, 17},
    "r07-sponsored-call-in.txt": {4, 6},
}

#: Lines the seller says (or republishes), with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "r01-review-owner-replies.txt": {4: "absolute-safety", 7: "broad-indication", 10: "risk-minimization"},
    "r02-review-widget.html": {10: "absolute-safety", 16: "speed-of-relief"},
    "r03-forum-thread.md": {13: "addiction-risk-denial"},
    "r04-chatbot-script.txt": {3: "absolute-safety", 5: "broad-indication", 7: "speed-of-relief"},
    "r05-blog-comments.html": {7: "broad-indication", 21: "speed-of-relief"},
    "r07-sponsored-call-in.txt": {5: "broad-indication", 7: "absolute-safety"},
    "r08-listing-reviews.html": {10: "testimonial-endorsement", 12: "speed-of-relief", 14: "testimonial-endorsement"},
    "r06-testimonials-section.md": {
        7: "testimonial-endorsement",
        9: "testimonial-endorsement",
        11: "testimonial-endorsement",
    },
}


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Sentence-level finding categories per fixture and line, from one real CLI run."""
    return line_categories(TURNS)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in TURNS.iterdir()} == set(QUIET) | set(FLAGGED)


@pytest.mark.parametrize("name", sorted(QUIET))
def test_other_speakers_turns_are_not_the_sellers_claims(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    assert {line: categories[name][line] for line in QUIET[name] if categories[name][line]} == {}


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_the_sellers_own_words_are_flagged(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    missing = {line: cat for line, cat in FLAGGED[name].items() if cat not in categories[name][line]}
    assert missing == {}
