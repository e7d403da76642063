"""The rule filters' segment pass: every segment a filter can match in is kept, whatever the order of matches."""

from __future__ import annotations

import random

import pytest

from claimlint.model import Segment
from claimlint.multisearch import HAVE_RE2, compile_re2, first_span
from claimlint.ruletypes.base import SegmentIndex

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")


def _segment(text: str) -> Segment:
    return Segment(text, "paragraph", [0], [len(text)], [0], [len(text)])


def test_first_span_reports_the_leftmost_match_from_a_position() -> None:
    flt = compile_re2("cures?")
    assert first_span(flt, b"a Cure, cures", 0) == (2, 6)
    assert first_span(flt, b"a Cure, cures", 3) == (8, 13)
    assert first_span(flt, b"a Cure, cures", 9) is None


def test_a_match_across_the_join_keeps_both_segments_and_the_search_goes_on() -> None:
    index = SegmentIndex([_segment(t) for t in ["x one", "two b", "x b", "nothing", "x b"]])
    flt = compile_re2(r"x(?s:.)*?b")
    kept = index.matching(("x.*?b",), flt)
    assert [index.position(seg) for seg in kept] == [0, 1, 2, 4]


@pytest.mark.parametrize("seed", range(20))
def test_every_segment_holding_a_match_is_kept(seed: int) -> None:
    rng = random.Random(seed)
    texts = ["".join(rng.choice("ab xy") for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 15))]
    for source in (r"a(?s:.)*b", r"x[^y]*y", r"ab|ba", r"(?:a )+x", r"b"):
        flt = compile_re2(source)
        index = SegmentIndex([_segment(t) for t in texts])
        kept = {index.position(seg) for seg in index.matching((source,), flt)}
        holding = {k for k, t in enumerate(texts) if flt.search(t) is not None}
        assert holding <= kept, (source, texts)
