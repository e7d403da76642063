"""Whole-word literals: the prefilter may require a word edge, but never where a match lacks one."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.literals import bounded_literals, required_literals
from claimlint.multisearch import MultiSearch


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bsafe\s+and\s+natural\b", {"<natural>"}),
        (r"\b(?:ketamine|FDA|pain(?![- ]points?\b))\b", {"<ketamine>", "<fda>", "<pain"}),
        (r"\banesthe\w+", {"<anesthe"}),
        (r"(?:cure)+d", {"cure"}),
        (r"drug[- ]free", {"drug>"}),
        (r"x(?:abc)+y", {"abc"}),
    ],
)
def test_marks(pattern: str, expected: set[str]) -> None:
    assert set(bounded_literals(pattern) or ()) == expected
    assert set(required_literals(pattern) or ()) == {w.strip("<>") for w in expected}


def test_prefilter_skips_words_inside_other_words() -> None:
    search = MultiSearch(["<fda>", "<cbd>", "<aches>"])
    assert search.found("pdfdata 3cbd0 caches") == set()
    assert search.found("An FDA-cleared, CBD_free option; aches.") == {"<fda>", "<cbd>", "<aches>"}
    assert search.found("**FDA**") == {"<fda>"}


WORDS = st.sampled_from(["safe", "natural", "cure", "pain", "fda", "no", "risk", "x", "é", "_", "-", "**", "<b>"])
GLUE = st.sampled_from(["", " ", "-", "_", "*", "\n", "é"])


@st.composite
def patterns(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(["safe", "natural", "cure", "pain", "fda", "risk"]), min_size=1, max_size=3))
    seps = [draw(st.sampled_from([r"\s+", " ", "[- ]", "", r"\b", r"\w*", "-"])) for _ in words]
    lead = draw(st.sampled_from([r"\b", "", r"(?<!no )\b", "x?"]))
    tail = draw(st.sampled_from([r"\b", "", r"s?\b", r"\w+"]))
    body = "".join(w + s for w, s in zip(words, seps, strict=True))
    return lead + body + tail


@given(patterns(), st.lists(WORDS, min_size=1, max_size=8), st.lists(GLUE, min_size=8, max_size=8))
@settings(max_examples=300, deadline=None)
def test_found_whenever_the_regex_matches(pattern: str, words: list[str], glue: list[str]) -> None:
    text = "".join(w + g for w, g in zip(words, glue, strict=False))
    lits = bounded_literals(pattern)
    if lits is None or not regex.search(pattern, text, regex.IGNORECASE):
        return
    assert MultiSearch(lits).found(text), (pattern, text, sorted(lits))


PHRASES = """\
version: 1
rules:
  - {id: P1, name: p-one, category: c, severity: warning, type: phrase, message: m,
     phrases: ["no side effects", "risk-free"]}
"""


def test_phrase_gate_needs_every_word_of_one_phrase() -> None:
    from claimlint.engine import compile_rules
    from claimlint.plugins import get_registry
    from claimlint.rulefile import load_pack_text

    registry = get_registry(False)
    compiled = compile_rules(load_pack_text("r.yaml", PHRASES, registry.rule_types).rules, registry.rule_types)
    assert compiled.live("Side effects: none. No **side**\neffects at all.")
    assert compiled.live("It is RISK-free.")
    assert compiled.live("Side effects were reported; no change.")  # all three words, not adjacent
    assert compiled.live("Side effects were reported.") == []
    assert compiled.live("A riskfree, freestyle side effect.") == []
