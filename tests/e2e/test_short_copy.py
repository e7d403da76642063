"""Short copy of a seller's page is read with the page's topic and voice, and only there.

tests/fixtures/shortcopy holds pages written for this test, in plain text, HTML and Markdown.
Three sell: a search-ad export (its headline, callout and button name no treatment, and the
export says "we" nowhere: the ad's own labels, "Responsive search ad", "Final URL", mark the
seller), a landing page (a benefit bullet, a heading, a button) and a board-title export.
Three must stay quiet: a news story whose list item reports a flyer's words, a clinic's
aftercare sheet whose bullets are instructions ("Start your day slowly", "Book your next
appointment", "Switch off your phone"), and a support group's reading list ("Life after
diagnosis"). Every flagged line below, with its category, is missed by the pack without this
change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

SHORTCOPY = Path(__file__).resolve().parent.parent / "fixtures" / "shortcopy"

#: Short copy on a seller's page, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "sc01-search-ad-export.txt": {6: "cure-guarantee", 12: "risk-minimization", 13: "efficacy-overstatement"},
    "sc02-hyperbaric-landing.html": {8: "risk-minimization", 11: "cure-guarantee", 12: "efficacy-overstatement"},
    "sc03-pinterest-boards.md": {5: "cure-guarantee", 7: "efficacy-overstatement"},
}

#: Pages where no sentence-level finding may fire.
QUIET = ("sc04-news-hyperbaric.html", "sc05-aftercare-sheet.md", "sc06-support-group-newsletter.txt")


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Sentence-level finding categories per fixture and line, from one real CLI run."""
    return line_categories(SHORTCOPY)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in SHORTCOPY.iterdir()} == set(FLAGGED) | set(QUIET)


@pytest.mark.parametrize(("name", "line", "category"), [(n, k, c) for n, ls in FLAGGED.items() for k, c in ls.items()])
def test_a_sellers_short_copy_is_flagged(
    categories: dict[str, dict[int, set[str]]], name: str, line: int, category: str
) -> None:
    assert category in categories[name][line]


@pytest.mark.parametrize("name", QUIET)
def test_short_copy_without_a_seller_or_a_claim_stays_quiet(
    categories: dict[str, dict[int, set[str]]], name: str
) -> None:
    assert not categories.get(name)
