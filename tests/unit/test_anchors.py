"""ruletypes.anchors: strings one of which every match of a rule regex holds.

Anchors decide which lines a focused parse keeps, so a wrong one loses a
finding; these cases pin what the shared syntax-tree walk (literals.TreeWalk)
yields for anchors as opposed to the prefilter's literals.
"""

from __future__ import annotations

import pytest

from claimlint.literals import bounded_literals
from claimlint.ruletypes.anchors import anchor_words, pattern_atoms


@pytest.mark.parametrize(
    ("pattern", "atoms"),
    [
        (r"\bno\s+risk\b", {"<risk>"}),
        (r"\bpain\b|\bache\b", {"<pain>", "<ache>"}),
        (r"relief (?:in|within) minutes", {"<minutes"}),
        (r"\$\d+", {"$"}),
        (r"(?=x)abc", {"abc"}),
        (r"[“\"]miracle[”\"]", {"<miracle>"}),
    ],
)
def test_atoms_every_match_holds(pattern: str, atoms: set[str]) -> None:
    assert pattern_atoms(pattern) == frozenset(atoms)


@pytest.mark.parametrize("pattern", [r"(?:foo)?", r"[a-z]+", r"\p{L}+ cure"])
def test_no_anchor_when_a_match_may_hold_nothing_fixed(pattern: str) -> None:
    assert pattern_atoms(pattern) is None


def test_anchors_accept_what_literals_refuse() -> None:
    """A price has no word of three letters for the prefilter, but "$" pins it for a focused parse."""
    assert bounded_literals(r"\$\d+") is None
    assert pattern_atoms(r"\$\d+") == frozenset({"$"})


def test_one_pattern_without_anchors_makes_the_union_unknown() -> None:
    assert anchor_words([r"\bpain\b"], [r"[a-z]+"]) is None
    assert anchor_words([r"\bpain\b"], [r"\bache\b"]) == frozenset({"<pain>", "<ache>"})
