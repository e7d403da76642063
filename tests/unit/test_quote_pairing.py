"""CL133 reads a straight-quoted passage only from its opening quote.

Straight quotes do not say which end they are, so a regex that treats every
``"`` as an opener also starts at a closing quote and reads the speaker's own
narration up to the next quotation as if it were quoted. Pairing them left to
right (an opener has an even number of straight quotes before it) keeps a
transcript turn with two quotations from reading like a testimonial.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from claimlint.plugins import get_registry
from claimlint.rulefile import compile_regex, load_pack_text

RULES = Path(__file__).resolve().parents[2] / "rules.yaml"


@pytest.fixture(scope="module")
def quote_patterns() -> list[regex.Pattern[str]]:
    """CL133's patterns that start at a quotation mark."""
    ruleset = load_pack_text(str(RULES), RULES.read_text(encoding="utf-8"), get_registry().rule_types)
    rule = next(r for r in ruleset.rules if r.id == "CL133")
    return [compile_regex(p) for p in rule.params["patterns"] if p.startswith("(?:“|")]


def test_both_quote_patterns_are_found(quote_patterns: list[regex.Pattern[str]]) -> None:
    assert len(quote_patterns) == 2


TURN = (
    'HOST: Welcome back. DR. LEE: A patient once wrote "thank you for listening" on a card, '
    'and I felt better about the whole week after that. Later she wrote "see you soon" on another.'
)


@pytest.mark.parametrize(
    "text",
    [
        TURN,
        'GUEST: She said "no" and I felt like a new person when she said "yes" — Dana',
    ],
)
def test_narration_between_two_quotations_is_not_quoted(quote_patterns: list[regex.Pattern[str]], text: str) -> None:
    assert [p.search(text) for p in quote_patterns] == [None, None]


@pytest.mark.parametrize(
    "text",
    [
        'A member wrote "thanks" and then "I was skeptical, but the ache faded to a whisper." (Marcus, 44)',
        '"I threw away my cane after two weeks of ketamine infusions, I feel like new." — Linda, 71',
        "Nurse: “I felt better after the first infusion,” she wrote.",
    ],
)
def test_an_opening_quote_still_starts_a_quotation(quote_patterns: list[regex.Pattern[str]], text: str) -> None:
    found = [m for m in (p.search(text) for p in quote_patterns) if m is not None]
    assert found
    assert all(text[m.start()] in '"“' and text[m.start() + 1] != " " for m in found)
