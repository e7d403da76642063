"""Gates.live: the bitmask evaluation agrees with reading each gate word by word."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint import gates as gates_module
from claimlint.gates import Gates, plain
from claimlint.multisearch import word_pattern

GATES: list[list[frozenset[str]] | None] = [
    [frozenset({"<aches>", "<pain>", "pain"})],
    [frozenset({"<aches>", "<pain>"}), frozenset({"<cure", "relief>"})],
    [frozenset({"<fda>"}), frozenset({"approved"})],
    None,
    [frozenset({"24/7"}), frozenset({"<cure"})],
    [frozenset({"24/7"})],
]
TOGETHER: list[list[frozenset[str]] | None] = [None, None, None, [frozenset({"<fast>", "relief"})], None, None]


def _has(word: str, text: str) -> bool:
    return re.search(word_pattern(word), text, re.IGNORECASE | re.ASCII) is not None


def _naive(text: str) -> list[int]:
    """The definition, with sets holding a non-plain word counted as always true."""
    out = []
    for i, (gate, together) in enumerate(zip(GATES, TOGETHER, strict=True)):
        sets = [s for s in gate or [] if all(plain(w) for w in s)]
        if not all(any(_has(w, text) for w in s) for s in sets):
            continue
        if together and not any(all(_has(w, text) for w in alt) for alt in together):
            continue
        out.append(i)
    return out


def test_examples() -> None:
    gates = Gates(GATES, TOGETHER)
    assert gates.live("nothing here") == [5]
    assert gates.live("Back pain, a cure for it") == [0, 1, 4, 5]
    assert gates.live("painless caches; FDA-approved") == [0, 2, 5]
    assert gates.live("caches; FDA-approved") == [2, 5]
    assert gates.live("fast relief") == [3, 5]


def test_a_set_with_a_word_the_prefilter_cannot_promise_always_holds() -> None:
    assert not plain("24/7")
    assert plain("<fda>")
    assert not plain("<>")
    assert Gates([[frozenset({"24/7"})]], [None]).live("") == [0]


def test_all_ungated() -> None:
    assert Gates([None, None], [None, None]).live("anything") == [0, 1]


_PIECES = st.sampled_from(
    ["pain", "aches", "cure", "relief", "fda", "approved", "fast", "x", " ", "é", "_", "-", "Pain"]
)


@given(st.lists(_PIECES, max_size=10))
@settings(max_examples=300, deadline=None)
def test_live_matches_the_definition(parts: list[str]) -> None:
    text = "".join(parts)
    assert Gates(GATES, TOGETHER).live(text) == _naive(text), text


_TEXTS = st.lists(_PIECES, max_size=10).map("".join)


@given(st.lists(_TEXTS, min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_one_gates_over_many_texts_matches_the_definition(texts: list[str]) -> None:
    """Once the witness sets are chosen (after a few texts here), the shortcut never drops a live matcher."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gates_module, "WITNESS_AFTER", 3)
        gates = Gates(GATES, TOGETHER)
        for text in [*texts, *texts]:
            assert gates.live(text) == _naive(text), text


def test_the_witness_is_the_set_texts_hold_least() -> None:
    gates = Gates(GATES, TOGETHER)
    for _ in range(gates_module.WITNESS_AFTER):
        assert gates.live("pain, FDA-approved") == [0, 2, 5]
    assert gates._witness != -1
    assert gates._witness & gates.search.bit("<cure")
    assert gates._witness & gates.search.bit("<fda>")
    assert not gates._witness & gates.search.bit("approved")
    assert gates.live("approved") == [5]
    assert gates.live("a cure for pain") == [0, 1, 4, 5]
    assert gates.live("fast relief") == [3, 5]


def test_a_witness_word_without_a_word_of_the_next_rarest_set_skips_the_full_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gates = Gates(GATES, TOGETHER)
    for _ in range(gates_module.WITNESS_AFTER):
        assert gates.live("approved") == [5]
    assert gates._first is not None
    full: list[str | bytes] = []
    search = gates.search.presence
    monkeypatch.setattr(gates.search, "presence", lambda text: full.append(text) or search(text))
    assert gates.live("FDA") == [5]  # the witness of <fda> AND approved, without "approved"
    assert full == []
    assert gates.live("FDA approved") == [2, 5]
    assert full == ["FDA approved"]
    assert gates.live("a cure for pain") == [0, 1, 4, 5]


def test_a_text_holding_many_witness_sets_goes_to_the_full_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gates_module, "SECOND_SEARCHES", 0)
    gates = Gates(GATES, TOGETHER)
    for _ in range(gates_module.WITNESS_AFTER):
        gates.live("approved")
    full: list[str | bytes] = []
    search = gates.search.presence
    monkeypatch.setattr(gates.search, "presence", lambda text: full.append(text) or search(text))
    assert gates.live("FDA") == [5]
    assert full == ["FDA"]
