"""The RE2 over-approximation: wherever a rule regex matches, its translation matches."""

from __future__ import annotations

from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint.multisearch import HAVE_RE2, bytes_searchable, compile_re2
from claimlint.re2filter import single_line, to_re2, to_re2_any, utf8_bytes, without_gaps

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


_WORDS = ["us", "our", "we", "ks", "is", "café", "k", "s1", "_x", "2"]
_PIECES = [r"\b", r"\b", r"\b", r"\w+", r"\d", r"[^.]*", " ", "-", "'", r"\s?", "(?:we|us|our)", "(?:a|)", "é", "x?"]
#: Text pieces: the words of the patterns and what may stand beside them, including non-ASCII
#: letters (some fold to an ASCII letter: LONG S, KELVIN SIGN) and punctuation.
_TEXT_PIECES = [*_WORDS, "x", "xxxx", "a", " ", "-", "'", ".", "é", "ü", "ß", "\u017f", "\u212a", "\u0131", "—", "_"]


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_WORDS + _PIECES), min_size=1, max_size=4))
    return "".join(parts) if draw(st.booleans()) else "(?:" + "|".join(parts[:2]) + ")" + "".join(parts[2:])


@settings(max_examples=3000, deadline=None)
@given(_patterns(), st.lists(st.sampled_from(_TEXT_PIECES), max_size=4).map("".join))
def test_a_kept_word_boundary_never_rejects_a_text_the_rule_matches(pattern: str, text: str) -> None:
    """Every form a filter takes (plain, single-line, UTF-8 bytes in Latin-1 mode) matches where the rule does."""
    try:
        rule = regex.compile(pattern, regex.IGNORECASE)
    except regex.error:
        return
    source = to_re2(pattern)
    if source is None or not rule.search(text):
        return
    assert compile_re2(source).search(text) is not None, (pattern, source, text)
    line = single_line(without_gaps(source))
    if line is None:
        return
    assert compile_re2(line).search(text) is not None, (pattern, line, text)
    data = text.encode("utf-8")
    as_bytes = utf8_bytes(line)
    if as_bytes is not None and bytes_searchable(data):
        assert compile_re2(as_bytes, latin1=True).search(data) is not None, (pattern, as_bytes, text)


def _filters(source: str) -> list[tuple[Any, bool]]:
    """Every compiled form the filter of translation ``source`` takes, each with whether it reads bytes."""
    forms: list[tuple[Any, bool]] = [(compile_re2(source), False)]
    line = single_line(without_gaps(source))
    if line is not None:
        forms.append((compile_re2(line), False))
        as_bytes = utf8_bytes(line)
        if as_bytes is not None:
            forms.append((compile_re2(as_bytes, latin1=True), True))
    return forms


_EDGES = ["us", "we", "k", "s", "is", "é", "x{1,3}", "(?:we|us|our)", "(?:a|)", r"\w+", r"\d", "-", "'", "_x", "x?"]
#: No CAPITAL I WITH DOT ABOVE: RE2 does not fold it to ``i`` in UTF-8 mode, boundary or not.
_SIDES = [" ", "-", "'", "é", "ü", "\u017f", "\u212a", "\u0131", "—", "_", "1", "x", "us", "we", "k", "s", "i", "a"]


@pytest.mark.parametrize("left", _EDGES)
def test_every_boundary_beside_every_neighbour_keeps_the_filter_wide(left: str) -> None:
    """Exhaustive over pairs: ``\\b`` before, after and between pattern pieces, against two-piece texts."""
    texts = [a + b for a in ["", *_SIDES] for b in _SIDES]
    for pattern in [rf"\b{left}", rf"{left}\b", *(rf"{left}\b{right}" for right in _EDGES)]:
        rule = regex.compile(pattern, regex.IGNORECASE)
        source = to_re2(pattern)
        assert source is not None
        forms = _filters(source)
        for text in filter(rule.search, texts):
            data = text.encode("utf-8")
            for compiled, on_bytes in forms:
                if not on_bytes:
                    assert compiled.search(text) is not None, (pattern, text)
                elif bytes_searchable(data):
                    assert compiled.search(data) is not None, (pattern, text)


@pytest.mark.parametrize(
    ("pattern", "kept"),
    [
        (r"\b(?:we|us|our)\b", r"\b(?:we|us|our)(?:\b|\B)"),
        (r"\bask\b", r"\bask(?:\b|\B)"),
        (r"\bsk\b", r"(?:\b|\B)sk(?:\b|\B)"),
        (r"\bcures?\b", r"\bcure(?:s){0,1}?"),
        (r"\b\w+\b", r"(?:[0-9A-Za-z_\x{80}-\x{10FFFF}]){1,}?"),
        (r"\bketa\b", r"(?:\b|\B)keta\b"),
        (r"\bé\b", r"\x{E9}"),
        (r"-\b", r"\x{2D}"),
    ],
)
def test_word_boundaries_stay_only_beside_a_plain_ascii_word_character(pattern: str, kept: str) -> None:
    """Beside ``k``, ``s`` or ``i`` only the Latin-1 rewrite keeps one (``(?:\\b|\\B)`` always holds)."""
    assert to_re2(pattern) == kept


def test_the_latin1_rewrite_keeps_every_boundary_beside_an_ascii_word_character() -> None:
    line = single_line(without_gaps(to_re2(r"\bsk\b|\bask\b") or ""))
    assert line is not None
    assert line.count("(?:\\b|\\B)") == 3
    as_bytes = utf8_bytes(line) or ""
    assert as_bytes.count("\\b") == 3
    assert "\\B" not in as_bytes
    assert compile_re2(line).search("skſ") is not None
    assert compile_re2(line).search("asks") is not None


def test_a_kept_boundary_rejects_words_inside_words() -> None:
    line = single_line(without_gaps(to_re2(r"\b(?:we|us|our)\b") or ""))
    as_bytes = utf8_bytes(line or "")
    assert as_bytes is not None
    flt = compile_re2(as_bytes, latin1=True)
    assert flt.search(b"because an hour") is None
    assert flt.search(b"they were used by yours") is None
    assert flt.search(b"tell us") is not None
    assert flt.search("—our".encode()) is not None
