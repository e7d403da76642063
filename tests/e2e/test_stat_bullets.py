"""Numbers presented as facts on a seller's fact sheet, and the page checks such a sheet owes.

tests/fixtures/statbullets holds pages written for this test, in Markdown, HTML and plain
text. Three are a clinic's media kit, fact sheet and press kit: statistics bullets that state an
outcome share or a clean safety record with no source ("Patients reporting less pain after their
first series: 87%", "Serious complications to date: zero", "| Serious adverse events | 0 |"),
and no off-label, risk or screening statement. They address the press rather than a patient, so
the page checks' reader test must count that audience. Three must stay quiet: a harm-reduction
leaflet's symptom shares, a clinic page's practical figures (a price, a dose, a phone number, a
rating, a founding year, a completion share, a cited figure) with its disclosures, and a study
summary's results. Every flagged line below is missed by the pack without this change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

STATBULLETS = Path(__file__).resolve().parent.parent / "fixtures" / "statbullets"

#: Statistics bullets on a seller's page, with a category each must be flagged under.
FLAGGED: dict[str, dict[int, str]] = {
    "sb01-media-kit.md": {8: "absolute-safety", 9: "unsupported-evidence"},
    "sb02-fact-sheet.html": {
        8: "efficacy-overstatement",
        9: "unsupported-evidence",
        10: "unsupported-evidence",
        13: "absolute-safety",
    },
    "sb03-press-kit.txt": {8: "absolute-safety", 9: "efficacy-overstatement"},
}

#: Page checks a seller's media kit, fact sheet or press kit owes.
PAGE_CHECKS = ("missing-offlabel-disclosure", "missing-risk-info", "missing-screening-advice")

#: Pages where no finding may fire: nobody sells, or the figures claim nothing.
QUIET = ("sb04-harm-reduction-leaflet.md", "sb05-clinic-numbers.html", "sb06-study-summary.txt")


@pytest.fixture(scope="module")
def categories() -> dict[str, dict[int, set[str]]]:
    """Finding categories (page checks included) per fixture and line, from one real CLI run."""
    return line_categories(STATBULLETS, documents=True)


def test_every_fixture_has_expectations() -> None:
    assert {p.name for p in STATBULLETS.iterdir()} == set(FLAGGED) | set(QUIET)


@pytest.mark.parametrize(("name", "line", "category"), [(n, k, c) for n, ls in FLAGGED.items() for k, c in ls.items()])
def test_an_unsourced_statistics_bullet_is_flagged(
    categories: dict[str, dict[int, set[str]]], name: str, line: int, category: str
) -> None:
    assert category in categories[name][line]


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_a_sellers_press_page_owes_the_page_checks(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    found = set().union(*categories[name].values())
    assert found >= set(PAGE_CHECKS)


@pytest.mark.parametrize("name", QUIET)
def test_figures_that_claim_nothing_stay_quiet(categories: dict[str, dict[int, set[str]]], name: str) -> None:
    assert not categories.get(name)
