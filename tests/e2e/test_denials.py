"""Risk and dependence denied in fresh words, on a clinic page, next to the honest lines that must stay quiet.

tests/fixtures/denials holds a clinic FAQ written for this test: paraphrases no phrase list holds
(a denial operator over a dependence or side-effect concept, a study cited as proof of safety, a
mechanism stated as fact) and the guide's "Not" lines (a risk statement, "no evidence that", a
question, "no treatment is free of side effects", hedged science, a completion share). Every flagged
line but the mechanism is missed by the pack without the `denial` rules (CL036, CL044) and CL151's
proof verbs; the mechanism line was read by the classifier (CL129) and is now CL121's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from linecats import line_categories

DENIALS = Path(__file__).resolve().parent.parent / "fixtures" / "denials"
PAGE = "dn01-clinic-faq.md"

#: Line -> a category each flagged line must carry.
FLAGGED: dict[int, str] = {
    5: "addiction-risk-denial",
    7: "addiction-risk-denial",
    9: "risk-minimization",
    11: "addiction-risk-denial",
    13: "study-misrepresentation",
    15: "mechanism-overclaim",
}

#: Lines a reviewer leaves alone: risk statements, questions, hedged science, a process figure.
QUIET = (17, 19, 21, 23, 25, 27, 29)


@pytest.fixture(scope="module")
def categories() -> dict[int, set[str]]:
    """Finding categories per line of the page, from one real CLI run."""
    return line_categories(DENIALS)[PAGE]


@pytest.mark.parametrize(("line", "category"), sorted(FLAGGED.items()))
def test_a_denial_in_fresh_words_is_flagged(categories: dict[int, set[str]], line: int, category: str) -> None:
    assert category in categories.get(line, set())


@pytest.mark.parametrize("line", QUIET)
def test_the_honest_lines_stay_quiet(categories: dict[int, set[str]], line: int) -> None:
    assert not categories.get(line)
