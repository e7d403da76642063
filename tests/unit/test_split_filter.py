"""A rule whose patterns mix worded and wordless ones splits its segment filter (issue 8, dense pages)."""

from __future__ import annotations

from typing import Any

import pytest
import regex

from claimlint.model import Segment
from claimlint.multisearch import HAVE_RE2
from claimlint.ruletypes import base
from claimlint.ruletypes.base import SegmentIndex

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")


def _segment(text: str) -> Segment:
    return Segment(text, "paragraph", [0], [len(text)], [0], [len(text)])


QUOTE = r"[”\"]\s*—\s*(?-i:[A-Z][a-z]+)\b"
WORDED = (r"\bmiracle cure\b", r"\bpain[- ]free in (?:days|weeks)\b")
PAGE = [
    "Install the package with pip.",
    "“It changed everything” — Maria",
    "A miracle cure for chronic pain.",
    "Run the tests before you push.",
    "Configure the cache directory.",
    "Pain-free in days, they say.",
    'The quote " — lower case follows',
    "Nothing here either.",
    "miracle and cure, but apart",
]


def test_a_rule_with_a_wordless_pattern_splits_its_filter() -> None:
    index = SegmentIndex([_segment(t) for t in PAGE])
    key = (QUOTE, *WORDED)
    split = base._split_matching(index, key)
    assert split is not None
    rules = [regex.compile(p, regex.IGNORECASE) for p in key]
    truth = [seg for seg in index.segments if any(r.search(seg.text) for r in rules)]
    assert [index.position(seg) for seg in truth] == [1, 2, 5]
    kept = [index.position(seg) for seg in split]
    assert set(kept) >= {1, 2, 5}
    assert not set(kept) & {0, 3, 4, 7, 8}


def test_only_a_mixed_rule_splits() -> None:
    index = SegmentIndex([_segment(t) for t in PAGE])
    assert base._split_matching(index, (QUOTE,)) is None
    assert base._split_matching(index, WORDED) is None


def test_segments_matching_uses_the_split_past_the_first_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []

    def spy(index: SegmentIndex, key: tuple[str, ...]) -> list[Segment] | None:
        calls.append(key)
        return split(index, key)

    split = base._split_matching
    monkeypatch.setattr(base, "_split_matching", spy)

    class Doc:
        def __init__(self, segments: list[Segment]) -> None:
            self.segments = segments

    key = (QUOTE, *WORDED)
    base._ASKED[key] = base.WORDS_FIRST
    doc: Any = Doc([_segment(t) for t in PAGE])
    found = base.segments_matching(doc, key)
    assert {PAGE[1], PAGE[2], PAGE[5]} <= {seg.text for seg in found}
    assert not {PAGE[0], PAGE[3], PAGE[4], PAGE[7], PAGE[8]} & {seg.text for seg in found}
    assert calls == [key]
