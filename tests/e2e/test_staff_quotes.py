"""The seller's staff speak for the seller: quoted in its own publication, their claims are flagged.

tests/fixtures/staff holds pages written for this test, in Markdown, HTML and plain text: a
clinic's press release quoting its medical director and its founder, a medical director's letter
with a quoted line, and a founder's post quoting "our medical director". Each quoted claim reads
like reported speech ('"...," said medical director Dr. Reyes') and is the seller's own, so it
must fire with its category.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

STAFF = Path(__file__).resolve().parent.parent / "fixtures" / "staff"

#: Lines the seller's staff say, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "s01-press-release.md": {7: "broad-indication", 9: "efficacy-overstatement", 11: "testimonial-endorsement"},
    "s02-director-letter.html": {7: "absolute-safety", 9: "cure-guarantee", 10: "broad-indication"},
    "s03-founder-post.txt": {6: "absolute-safety", 8: "broad-indication"},
}


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Sentence-level finding categories per fixture and line, from one real CLI run."""
    return line_categories(STAFF)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in STAFF.iterdir()} == set(FLAGGED)


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_the_sellers_staff_quoted_in_its_own_publication_are_flagged(
    categories: dict[str, dict[int, set[str]]], name: str
) -> None:
    missing = {line: cat for line, cat in FLAGGED[name].items() if cat not in categories[name][line]}
    assert missing == {}
