"""A quoted claim put in question at once is examined, not made (ruletypes.base.questioned_quote)."""

from __future__ import annotations

import pytest

from claimlint.ruletypes.base import questioned_quote


def _check(text: str, word: str) -> bool:
    start = text.index(word)
    return questioned_quote(text, (0, start, start + len(word), len(text)))


@pytest.mark.parametrize(
    "text",
    [
        'The first ad reads: "Ketamine is a miracle cure." What do you make of that?',
        'One clinic writes: "No side effects, ever, a miracle." Is that true?',
        'The billboard says: "A miracle: pain-free in one visit!" Does that hold up?',
        'A caller read us this: "Stem cells are a miracle." Where is the evidence for this?',
    ],
)
def test_a_quote_followed_by_a_question_about_it_is_examined(text: str) -> None:
    assert _check(text, "miracle")


@pytest.mark.parametrize(
    "text",
    [
        'Maria says: "Ketamine was a miracle for me." Can it change yours?',
        'Our patients say: "It is a miracle cure." Book your consultation today.',
        'Our patients say: "It is a miracle cure." Ready to feel it yourself?',
        'Ketamine is "a miracle cure" for pain. What do you make of that?',
        "Ketamine is a miracle cure. What do you make of that?",
    ],
)
def test_other_follow_ups_leave_the_quote_a_claim(text: str) -> None:
    assert not _check(text, "miracle")
