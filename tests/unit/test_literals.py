"""Required-literal extraction must never claim a word a match can lack."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.literals import required_literals, without_atomic
from claimlint.multisearch import MultiSearch


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bsafe\s+and\s+natural\b", {"natural"}),
        (r"\b(?:completely|totally)\s+safe\b", {"completely", "totally"}),
        (r"\bfast[- ]acting\b|\bwithin\s+minutes\b", {"acting", "minutes"}),
        (r"(?<!not )\bfda[- ]approved\b", {"approved"}),
        (r"\w+", None),
        (r"(a+)+$", None),
        (r"\b(?:no|zero)\s+risk\b", {"risk"}),
        (r"(?:cure|cures)?\s*\d+", None),
        (r"\L<words>", None),
    ],
)
def test_known_patterns(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(pattern)
    assert (set(found) if found is not None else None) == expected


WORDS = st.sampled_from(["safe", "natural", "cure", "pain", "relief", "no", "risk"])


@st.composite
def patterns(draw: st.DrawFn) -> str:
    parts = draw(st.lists(WORDS, min_size=1, max_size=3))
    alt = draw(st.lists(WORDS, min_size=1, max_size=3))
    optional = draw(st.booleans())
    tail = f"(?:{'|'.join(alt)})" + ("?" if optional else "")
    return r"\b" + r"\s+".join(parts) + r"\s*" + tail


@given(patterns(), st.lists(WORDS, min_size=1, max_size=8))
@settings(max_examples=200, deadline=None)
def test_every_match_contains_a_literal(pattern: str, words: list[str]) -> None:
    text = " ".join(words)
    lits = required_literals(pattern)
    m = regex.search(pattern, text, regex.IGNORECASE)
    if m and lits is not None:
        assert any(w in m.group().lower() for w in lits)


def test_multisearch_finds_overlapping_words() -> None:
    search = MultiSearch(["natural", "rally", "ural"])
    assert search.found("NATURALLY") == {"natural", "rally", "ural"}


def test_multisearch_starts_respect_word_start() -> None:
    search = MultiSearch(["safe"], word_start=True)
    assert list(search.starts("unsafe safe, Safe")) == [7, 13]
    assert list(search.starts("café safe")) == [5]


ATOMIC = [
    (r"(?>miracle|wonder) (?:cure|drug)s?", r"(?:miracle|wonder) (?:cure|drug)s?"),
    (r"pain-?+free|a++b*+c?+d{2}+", r"pain-?free|a+b*c?d{2}"),
    (r"\++x[(?>]+", r"\++x[(?>]+"),
    (r"[^]++]++(?>x)", r"[^]++]+(?:x)"),
    (r"a+?b(?:c)+", r"a+?b(?:c)+"),
]


@pytest.mark.parametrize(("pattern", "expected"), ATOMIC)
def test_without_atomic_rewrites_only_atomic_syntax(pattern: str, expected: str) -> None:
    """Python 3.10's parser reads the rewritten form; classes and escapes keep their characters."""
    assert without_atomic(pattern) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc+x ", max_size=12))
def test_without_atomic_matches_a_superset(text: str) -> None:
    """Whatever the atomic pattern matches, its ordinary form matches too (so filters stay sound)."""
    for pattern, _ in ATOMIC:
        if regex.search(pattern, text):
            assert regex.search(without_atomic(pattern), text)
