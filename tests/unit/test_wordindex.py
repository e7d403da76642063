"""The word index reads whole words: proofs over every code point, and a property test against ``regex`` itself."""

from __future__ import annotations

import string

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimlint.literals import bounded_literals
from claimlint.model import Segment
from claimlint.multisearch import HAVE_RE2
from claimlint.ruletypes.base import SegmentIndex, _holds_any, _needles, _pattern_ids
from claimlint.wordindex import MARKED, edge_safe, fold, index_bytes, index_words, set_pattern

ALL = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def _segment(text: str) -> Segment:
    return Segment(text, "paragraph", [0], [len(text)], [0], [len(text)])


@pytest.fixture(scope="module")
def ignore_case_partners() -> dict[str, set[str]]:
    """Every character ``regex`` matches with each ASCII letter or digit of a pattern, ignoring case."""
    return {
        x: set(regex.findall(regex.escape(x), ALL, flags=regex.IGNORECASE))
        for x in string.ascii_letters + string.digits
    }


def test_a_character_matching_an_ascii_letter_folds_to_it(ignore_case_partners: dict[str, set[str]]) -> None:
    for letter, partners in ignore_case_partners.items():
        assert {fold(c) for c in partners} == {letter.lower()}, letter


def test_the_non_ascii_partners_are_the_four_the_module_names(ignore_case_partners: dict[str, set[str]]) -> None:
    odd = {c for partners in ignore_case_partners.values() for c in partners if not c.isascii()}
    assert odd == {"\u212a", "\u017f", "\u0130", "\u0131"}
    assert not any(edge_safe(f"\\bab{c}cd\\b") for c in odd)


def test_no_edge_character_folds_to_an_ascii_letter_or_digit() -> None:
    """Beside a marked side stands a ``\\W`` character or one a non-alphanumeric literal matched: still an edge."""
    non_word = regex.findall(r"\W", ALL)
    assert len(non_word) > 100_000
    for ch in non_word:
        assert not ALNUM & set(fold(ch)), hex(ord(ch))
    for ch in ALL:
        if not ch.isalnum():
            assert not ALNUM & set(fold(ch)), hex(ord(ch))


def test_a_non_alphanumeric_pattern_character_matches_no_ascii_letter_or_digit() -> None:
    targets = string.ascii_letters + string.digits
    separators = "".join(ch for ch in ALL if not ch.isalnum() and ch not in "\n")
    found = regex.findall(r"[" + regex.escape(targets) + r"]", separators, flags=regex.IGNORECASE)
    assert found == []


def test_only_the_unsafe_characters_lower_to_an_ascii_letter_from_outside_ascii() -> None:
    """The literal walk lowers each pattern character; only these give (or hide) an ASCII letter."""
    odd = {ch for ch in ALL if not ch.isascii() and (ALNUM & set(ch.lower()) or len(ch.lower()) != 1)}
    assert odd <= {"\u212a", "\u0130"}


@pytest.mark.parametrize(
    ("pattern", "safe"),
    [
        (r"\bour\b", True),
        (r"(?-i:OUR)\b", True),
        (r"(?<=\bwe )ads?\b", True),
        (r"\bfea\u017fible", False),
        ("\\bfea\u017fible", False),
        (r"\bour\x20team", False),
        (r"\N{LATIN SMALL LETTER A}ds", False),
        (r"(?a)\bour\b", False),
        (r"(?i:a)(?f)ads", False),
        (r"(?V1)\bour\b", False),
        (r"(?w)\bour\b", False),
        (r"(\w+) \1", False),
    ],
)
def test_edge_safe(pattern: str, safe: bool) -> None:
    assert edge_safe(pattern) is safe


def test_marks_are_kept_on_short_words_of_safe_patterns_only() -> None:
    assert index_words(r"\bour\b", {"<our>"}) == {"<our>"}
    assert index_words(r"\bketamine\b", {"<ketamine>"}) == {"ketamine"}
    assert index_words("\\bour\\b|\u017f", {"<our>"}) == {"our"}
    assert MARKED >= 3


def test_index_bytes_and_set_patterns_spell_edges_as_spaces() -> None:
    assert index_bytes("Our hour, US-made \u0130t \u212a_x") == b" our hour  us made it k x "
    assert set_pattern("<our>") == " our "
    assert set_pattern("our>") == "our "
    assert set_pattern("caf\u00e9") == "caf  "


@pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")
def test_the_index_tells_our_from_hour() -> None:
    index = SegmentIndex([_segment(t) for t in ["an hour later", "Our clinic", "OUR-team", "yours", "our"]])
    ids = _pattern_ids((r"\bour\b",))
    assert ids is not None
    assert index.holding(ids) == [1, 2, 4]


PATTERNS = [
    r"\bour\b",
    r"\bours?\b",
    r"\bads?\b",
    r"\bpain",
    r"pain\b",
    r"\bPAIN\b",
    r"\bpains?\b[-’]",
    r"_our\b",
    r"1our\b",
    r"\bé?our\b",
    r"(?<![’'])\bour\b",
    r"\bwe[’']re\b",
    r"\bketamine\b",
    r"\bkit\b",
    r"\bIIS\b",
    r"\bsis\b",
    r"fea\u017fible",
    r"\bfea\u017fible\b",
    r"\b\u0130ce\b",
    r"(?a)\bour\b",
    r"(?a)\bkit\b",
    r"(?-i:Our)\b",
    r"our(?=\W)",
    r"\b(?:hour|our)\b",
]
_TOKEN_LINE = (
    "our OUR Our hour ours yours ads ADS loads pain PAIN pa\u0130n PA\u0131N spain pains painful we were re"
    " ketamine \u212aetamine KET kit \u212a\u0131t iis \u0130\u0130\u017f \u0131\u0131\u017f sis \u017fi\u017f"
    " feasible fea\u017fible FEASIBLE ice \u0130CE \u0131ce \u00e9 \u00fc _ 1 2 - \u2013 \u2014 ' \u2019 \u0307"
    " \u00df \ufb01 \u017four \u212ait"
)
TOKENS = _TOKEN_LINE.split(" ")
SEPARATORS = ["", " ", "", "-", "\u2019", "_", "\u00e9", "\u00a0", "."]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from(SEPARATORS)), max_size=8))
    return "".join(token + sep for token, sep in parts)


@pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")
@settings(max_examples=400, deadline=None)
@given(text=texts(), pattern=st.sampled_from(PATTERNS))
@example(text="pa\u0130n", pattern=r"\bpain")
@example(text="PA\u0131N", pattern=r"\bPAIN\b")
@example(text="FEASIBLE", pattern="fea\u017fible")
@example(text="a_our", pattern=r"_our\b")
@example(text="\u017four", pattern=r"(?a)\bour\b")
@example(text="our\u2019s", pattern=r"\bour\b")
def test_a_segment_the_regex_matches_is_always_held(text: str, pattern: str) -> None:
    """Never a false no: where ``regex`` matches, the index and the sentence check both say the words are there."""
    if regex.search(pattern, text, flags=regex.IGNORECASE) is None:
        return
    needles = _needles(pattern)
    ids = _pattern_ids((pattern,))
    if bounded_literals(pattern) is None:
        assert needles is None
        assert ids is None
        return
    assert needles is not None
    assert ids is not None
    assert _holds_any(text, needles)
    assert SegmentIndex([_segment(text)]).holding(ids) == [0]


def test_the_property_test_meets_the_hard_cases() -> None:
    """The tokens above do reach a marked word through every odd character (else the property test proves little)."""
    assert regex.search(r"\bPAIN\b", "PA\u0131N", flags=regex.IGNORECASE)
    assert regex.search(r"\bpain", "pa\u0130n", flags=regex.IGNORECASE)
    assert regex.search("fea\u017fible", "FEASIBLE", flags=regex.IGNORECASE)
    assert regex.search(r"\bkit\b", "\u212a\u0131t", flags=regex.IGNORECASE) is None
    assert regex.search(r"\bkit\b", "\u212ait", flags=regex.IGNORECASE)
    assert regex.search(r"(?a)\bour\b", "\u00e9our", flags=regex.IGNORECASE)
    assert bounded_literals(r"\bour\b") == {"<our>"}
