"""Reported ads are mentions: claims a framing sentence introduces are not the page's own.

tests/fixtures/reported holds pages that report on ads, written for this test: a board's consent
order summary (Markdown list and quoted block after "The Board found these statements
misleading:", and a finding "no evidence that ..."), a fact-check in plain text (bulleted lines
after "The ads claimed:") and a consumer guide in HTML (a list after "phrases you should be wary
of:"). The quoted claims must stay quiet. A clinic's own page introducing its patients' words and
its medical director's ("Here is what our patients say:", "Our medical director says:") frames its
own claims, which must still fire.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

REPORTED = Path(__file__).resolve().parent.parent / "fixtures" / "reported"

QUIET: dict[str, set[int]] = {
    "p01-board-order.md": {6, 7, 8, 10, 13},
    "p02-fact-check.txt": {4, 5, 6},
    "p03-consumer-guide.html": {7, 8, 9},
}

FLAGGED: dict[str, dict[int, str]] = {
    "p04-clinic-testimonials.md": {7: "testimonial-endorsement", 8: "testimonial-endorsement", 12: "absolute-safety"},
}


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Sentence-level finding categories per fixture and line, from one real CLI run."""
    return line_categories(REPORTED)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in REPORTED.iterdir()} == set(QUIET) | set(FLAGGED)


@pytest.mark.parametrize("name", sorted(QUIET))
def test_claims_a_report_introduces_are_not_made(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    assert {line: categories[name][line] for line in QUIET[name] if categories[name][line]} == {}


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_a_sellers_own_framed_words_still_fire(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    missing = {line: cat for line, cat in FLAGGED[name].items() if cat not in categories[name][line]}
    assert missing == {}
