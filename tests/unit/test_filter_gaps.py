"""Rule filters cut down to the most literal part of each phrase with a gap (``without_gaps``).

A cut filter must still match wherever the rule regex does, or a finding is lost.
"""

from __future__ import annotations

import pytest
import regex

from claimlint.multisearch import HAVE_RE2, compile_re2
from claimlint.re2filter import to_re2, without_gaps

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")

PATTERNS = [
    r"\bcost[^.]{0,40}\bcure",
    r"after (?:\w+ ){0,6}(?:went nowhere|got nowhere)",
    r"(?:miracle|wonder)[^.]*(?:drug|cure)s?",
    r"[“\"][^”\"]{1,80}[”\"],? says [A-Z][a-z]+",
    r"x(?:ab[^.]*cdefg)?y",
    r"(?:relief[^.]*lasting|zzz)\w+ clinics?",
    r"so[^.]*it",
]
TEXTS = [
    "The cost is low and the cure is fast.",
    "After years of pills went nowhere, ketamine helped.",
    "A miracle of a drug; wonder cures.",
    "“It changed my life,” says Dana.",
    "xab then cdefgy, xy",
    "Relief that is lasting at our clinics. zzzz clinic",
    "So we did it.",
]


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a in range(len(text)) for b in range(a + 1, len(text) + 1)]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_gap_free_filter_matches_wherever_the_rule_does(pattern: str) -> None:
    rule = regex.compile(pattern, regex.IGNORECASE)
    flt = compile_re2(without_gaps(to_re2(pattern) or ""))
    assert flt is not None
    for text in TEXTS:
        for piece in _pieces(text):
            if rule.search(piece):
                assert flt.search(piece) is not None, (pattern, piece)


def test_a_gap_is_cut_down_to_the_most_literal_part() -> None:
    narrowed = without_gaps(to_re2(r"after (?:\w+ )*(?:went nowhere|got nowhere)") or "")
    assert narrowed == r"(?:(?:went\x{20}nowhere|got\x{20}nowhere))"
    assert without_gaps(to_re2(r"cost[^.]*cure") or "") == "(?:cost)"


def test_a_part_cut_inside_a_group_stands_alone() -> None:
    narrowed = without_gaps(to_re2(r"x(?:miracle[^.]*cure|wonder drug)y") or "")
    assert narrowed == r"(?:(?:(?:m(?:i|\x{130})racle)|wonder\x{20}drug))"


def test_short_parts_keep_their_gaps() -> None:
    translation = to_re2(r"so[^.]*it") or ""
    assert without_gaps(translation) == translation
    spaces = to_re2(r"real\s+people") or ""
    assert without_gaps(spaces) == spaces


def test_foreign_syntax_is_left_alone() -> None:
    assert without_gaps("a(?i:b)") == "a(?i:b)"
    assert without_gaps("a[^.]*bcdefg)") == "a[^.]*bcdefg)"
