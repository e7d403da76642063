"""Short copy inherits the page's subject on a seller's page, and only there.

tests/fixtures/fragments holds pages written for this test, in HTML, Markdown and plain text:
a PRP clinic's page, a red-light panel's shop page, a hyperbaric studio's search-ad export and a
PRP hair page whose only health words are the product's (the topic gate names such products),
whose headline, list items, alt text and ad lines claim without naming the treatment; and a
news story's captions and headings, a textbook's list items and a compliant clinic page's
fragments, which must stay quiet. The flagged lines fire only through ``page_topic`` (the
default pack without it finds none of them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

FRAGMENTS = Path(__file__).resolve().parent.parent / "fixtures" / "fragments"

#: Fragments on a seller's page, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "fr01-prp-joint-clinic.html": {5: "cure-guarantee", 11: "efficacy-overstatement"},
    "fr02-red-light-panel.md": {7: "efficacy-overstatement", 10: "cure-guarantee"},
    "fr03-hbot-ad-export.txt": {4: "cure-guarantee", 7: "efficacy-overstatement"},
    "fr07-prp-hair-page.md": {1: "cure-guarantee"},
}

#: Pages where no sentence-level finding may fire: nobody sells, or the fragments claim nothing.
QUIET = ("fr04-news-prp-captions.html", "fr05-textbook-hyperbaric.md", "fr06-compliant-clinic-fragments.md")


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Sentence-level finding categories per fixture and line, from one real CLI run."""
    return line_categories(FRAGMENTS)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in FRAGMENTS.iterdir()} == set(FLAGGED) | set(QUIET)


@pytest.mark.parametrize(("name", "line", "category"), [(n, k, c) for n, ls in FLAGGED.items() for k, c in ls.items()])
def test_a_sellers_fragment_is_read_with_the_pages_subject(
    categories: dict[str, dict[int, set[str]]], name: str, line: int, category: str
) -> None:
    assert category in categories[name][line]


@pytest.mark.parametrize("name", QUIET)
def test_fragments_without_a_seller_or_a_claim_stay_quiet(
    categories: dict[str, dict[int, set[str]]], name: str
) -> None:
    assert not categories.get(name)
