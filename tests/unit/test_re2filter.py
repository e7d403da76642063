"""The RE2 over-approximation: wherever a rule regex matches, its translation matches."""

from __future__ import annotations

import pytest
import regex

from claimlint.multisearch import HAVE_RE2, compile_re2
from claimlint.re2filter import to_re2, to_re2_any

PATTERNS = [
    r"\bsafe,? and natural\b",
    r"(?<!not )\bcures?\b",
    r"\b\d{2,3}\s?% of (?:patients|people)\b",
    r"^relief\b|\brelief within \w+$",
    r"(?-i:FDA)[- ]approved",
    r"[a-z\d]+-free\b",
    r"[\W_]free",
    r"\bno (?:risk|side[- ]effects?)(?=\.)",
    r"(?>miracle|wonder) (?:cure|drug)s?",
    r"[\w.]+@[\w.]+",
    r"\S+\s+clinic",
    r"re.{0,5}lief",
    r"x{2000}|safe",
]
TEXTS = [
    "It is safe and natural.",
    "Ketamine cures pain; it does not cure everything.",
    "Helped 85% of patients and 90 % of people.",
    "relief within minutes",
    "An FDA-approved drug, fda approved too.",
    "A drug-free, naïve-free option.",
    "No side effects. No risk.",
    "a Miracle Cure and wonder drugs",
    "mail info@clinic.example now",
    "visit the ketamine  clinic",
    "re-\u00adlief, rexxxlief",
    "İstanbul ſafe Kelvin-free",
]

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_translation_matches_wherever_the_rule_does(pattern: str) -> None:
    rule = regex.compile(pattern, regex.IGNORECASE)
    source = to_re2(pattern)
    assert source is not None
    wide = compile_re2(source)
    assert wide is not None
    for text in TEXTS:
        for start in range(len(text)):
            for end in range(start + 1, len(text) + 1):
                piece = text[start:end]
                if rule.search(piece):
                    assert wide.search(piece) is not None, (pattern, piece)


@pytest.mark.parametrize(
    "pattern", [r"(\w+) \1", r"(?(1)a|b)", r"\p{Lu}\w+", r"(?:cure){e<=1}", r"[[:alpha:]]+", r"[^\W\d_]"]
)
def test_untranslatable_patterns_give_none(pattern: str) -> None:
    assert to_re2(pattern) is None
    assert to_re2_any(["safe", pattern]) is None


def test_any_joins_alternatives() -> None:
    source = to_re2_any(["safe", "natural"])
    assert source is not None
    wide = compile_re2(source)
    assert wide.search("NATURAL") is not None
    assert wide.search("synthetic") is None


def test_counted_repeats_widen_to_star_or_plus() -> None:
    """Counts above one cost a DFA state per position, so filters drop them (a superset still)."""
    source = to_re2(r"a.{0,40}b\d{2,3}c(?:x ){3}s?")
    assert source is not None
    assert "{0,40}" not in source
    assert "{2,3}" not in source
    assert "{3,3}" not in source
    assert "{0,1}" in source
    wide = compile_re2(source)
    assert wide.search("a" + "z" * 100 + "b12345cx s") is not None
    assert wide.search("a b1c") is None


def test_repeats_are_lazy_so_a_match_ends_at_its_first_chance() -> None:
    """Only where a match starts matters; a greedy repeat would scan on to the end of the text."""
    source = to_re2(r"cure.{0,40}pain")
    assert source is not None
    wide = compile_re2(source)
    found = wide.search("cure pain, and more pain")
    assert found is not None
    assert found.span() == (0, 9)
