"""Single-line rule filters: matched by their ends, never across the newline joining segments."""

from __future__ import annotations

import random

import pytest
import regex

from claimlint.model import Segment
from claimlint.multisearch import HAVE_RE2, compile_re2, first_end
from claimlint.re2filter import single_line, to_re2
from claimlint.ruletypes.base import LineFilter, SegmentIndex, re2_filter

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")


def _segment(text: str) -> Segment:
    return Segment(text, "paragraph", [0], [len(text)], [0], [len(text)])


def _line_filter(pattern: str) -> LineFilter:
    flt = re2_filter((pattern,))
    assert isinstance(flt, LineFilter)
    return flt


def test_excluded_sets_and_any_character_leave_out_the_newline() -> None:
    line = single_line(to_re2(r"a[^.]{0,9}b.c\sd") or "")
    assert line is not None
    assert r"[^\n\x{2E}]" in line
    assert r"b[^\n]c" in line
    assert r"[\t\x0B" in line


def test_a_control_character_gives_no_single_line_form() -> None:
    assert single_line(to_re2(r"a[\x00-\x1f]b") or "") is None
    assert single_line(to_re2("a\nb") or "") is None


def test_first_end_finds_the_end_of_the_leftmost_match() -> None:
    flt = compile_re2(single_line(to_re2("cures?") or "") or "")
    assert first_end(flt, b"a Cure, cures", 0) == 6
    assert first_end(flt, b"a Cure, cures", 3) == 12
    assert first_end(flt, b"a Cure, cures", 9) is None


def test_a_filter_that_matches_the_empty_string_stays_a_plain_filter() -> None:
    assert not isinstance(re2_filter(("x?",)), LineFilter)


def test_no_match_spans_the_join() -> None:
    index = SegmentIndex([_segment(t) for t in ["x one", "two b", "x b", "nothing", "x b"]])
    kept = index.matching(("x.*?b",), _line_filter("x.*?b"))
    assert [index.position(seg) for seg in kept] == [2, 4]


def test_a_segment_holding_a_newline_falls_back_to_spans() -> None:
    index = SegmentIndex([_segment(t) for t in ["x one\ntwo b", "nothing", "x b"]])
    kept = index.matching(("x.*?b",), _line_filter("x.*?b"))
    assert [index.position(seg) for seg in kept] == [0, 2]


@pytest.mark.parametrize("seed", range(20))
def test_every_segment_where_the_rule_matches_is_kept(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "ab xy\u201c\u00e9"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 15))]
    for pattern in (r"a.*b", r"x[^y]{0,3}y", r"ab|ba", r"(?:a\s)+x", r"\u201c\w", r"b"):
        flt = _line_filter(pattern)
        index = SegmentIndex([_segment(t) for t in texts])
        kept = {index.position(seg) for seg in index.matching((pattern,), flt)}
        holding = {k for k, t in enumerate(texts) if regex.search(pattern, t, regex.IGNORECASE)}
        assert holding <= kept, (pattern, texts)
