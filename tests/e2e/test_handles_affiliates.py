"""Whose words are these, by handle and by material connection.

tests/fixtures/handles holds conversation pages whose turns are labelled by handles (TikTok
replies in Markdown, a Reddit AMA in plain text, Instagram comments in HTML): the handle that
holds the page's brand name, carries the account's mark or is the poster of a page whose poster
sells ("I run Sablewood Ketamine", "OP") speaks for the seller and fires; the commenters' handles
make the same claims and stay quiet, even one with a business word in it ("@ritaswellness").

tests/fixtures/affiliates holds an endorser's own posts with a material connection (a paid
partnership, a sponsored video, affiliate links, "use my code"): under the FTC's Endorsement
Guides their claims are advertising, so they fire and the page owes the off-label disclosure,
though each also calls itself a diary or says "I'm not a doctor" (markers of a page nobody sells).
A diary that says it has "no affiliate links" and is "not sponsored" stays a page nobody sells.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from linecats import line_categories

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Lines another speaker says: no sentence-level finding may touch them.
QUIET: dict[str, set[int]] = {
    "h01-tiktok-replies.md": {5, 9, 13},
    "h02-reddit-ama.txt": {5, 9, 13},
    "h03-instagram-comments.html": {5, 7, 9},
    "a01-influencer-post.md": {13},
    "a04-unsponsored-diary.txt": {1, 3, 5},
}

#: Lines the seller (or its endorser) says, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "h01-tiktok-replies.md": {7: "absolute-safety", 11: "addiction-risk-denial"},
    "h02-reddit-ama.txt": {7: "efficacy-overstatement", 11: "absolute-safety"},
    "h03-instagram-comments.html": {6: "absolute-safety", 8: "efficacy-overstatement"},
    "a01-influencer-post.md": {5: "absolute-safety", 7: "broad-indication"},
    "a02-youtube-description.txt": {5: "cure-guarantee", 7: "addiction-risk-denial"},
    "a03-affiliate-blog.html": {6: "cure-guarantee", 7: "absolute-safety"},
}

#: Pages that owe the off-label disclosure.
OFF_LABEL = {"a01-influencer-post.md", "a02-youtube-description.txt", "a03-affiliate-blog.html"}


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Finding categories per fixture and line, document findings included, from one real CLI run per folder."""
    out: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for folder in ("handles", "affiliates"):
        out.update(line_categories(FIXTURES / folder, documents=True))
    return out


def test_every_fixture_has_expectations() -> None:
    names = {p.name for folder in ("handles", "affiliates") for p in (FIXTURES / folder).iterdir()}
    assert names == set(QUIET) | set(FLAGGED)


@pytest.mark.parametrize("name", sorted(QUIET))
def test_commenters_handles_are_not_the_sellers(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    assert {line: categories[name][line] for line in QUIET[name] if categories[name][line]} == {}


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_the_sellers_handle_and_endorsers_are_flagged(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    missing = {line: cat for line, cat in FLAGGED[name].items() if cat not in categories[name][line]}
    assert missing == {}


@pytest.mark.parametrize("name", sorted(OFF_LABEL))
def test_an_endorsers_page_owes_the_off_label_disclosure(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    assert any("missing-offlabel-disclosure" in cats for cats in categories[name].values())
