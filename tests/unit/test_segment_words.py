"""The word index of a document's segments: which segments hold which vocabulary words, kept per word set."""

from __future__ import annotations

import random

import pytest

from claimlint.model import Segment
from claimlint.multisearch import HAVE_RE2
from claimlint.multisearch import set_bits as _bits
from claimlint.ruletypes import base
from claimlint.ruletypes.base import SegmentIndex, _word_ids

pytestmark = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")


def _segment(text: str) -> Segment:
    return Segment(text, "paragraph", [0], [len(text)], [0], [len(text)])


def test_bits_lists_set_positions_lowest_first() -> None:
    assert _bits(0) == []
    assert _bits(0b1011) == [0, 1, 3]
    assert _bits(1 << 200 | 4) == [2, 200]


@pytest.mark.parametrize("seed", range(10))
def test_holding_agrees_with_a_plain_substring_check(seed: int) -> None:
    rng = random.Random(seed)
    pool = ["relief", "cure", "ketamine", "pain", "infusion"]
    texts = [" ".join(rng.choice([*pool, "the", "and"]) for _ in range(rng.randint(1, 6))) for _ in range(40)]
    texts = [t.upper() if rng.random() < 0.3 else t for t in texts]
    index = SegmentIndex([_segment(t) for t in texts])
    for _ in range(5):
        words = frozenset(rng.sample(pool, rng.randint(1, 3)))
        expected = [k for k, t in enumerate(texts) if any(w in t.casefold() for w in words)]
        ids = _word_ids(words)
        assert index.holding(ids) == expected
        assert index.holding(ids) == expected
        assert _bits(index.holding_mask(ids)) == expected


def test_a_word_added_to_the_vocabulary_after_the_index_is_found() -> None:
    """The word is new to every run: the rule cache seeds later runs with the words earlier ones registered."""
    fresh = "zyx" + "".join(random.SystemRandom().choice("bcdfghjklmnpqrstvwxz") for _ in range(12))
    index = SegmentIndex([_segment(t) for t in ["ketamine works", "nothing here", f"{fresh.title()} relief"]])
    assert index.holding(_word_ids(frozenset({"ketamine"}))) == [0]
    size = base._VOCAB.size
    assert index.holding(_word_ids(frozenset({fresh}))) == [2]
    assert base._VOCAB.size > size
    assert index.holding(_word_ids(frozenset({"ketamine", "relief"}))) == [0, 2]


def test_a_regexs_segments_are_those_holding_its_words_with_their_edges() -> None:
    """``_holding_mask`` reads a regex's marked words (kept per regex): "hour" and "ours" do not hold ``<our>``."""
    index = SegmentIndex([_segment(t) for t in ["Our clinic", "an hour", "Ours too", "all of our staff"]])
    for _ in range(2):
        mask = base._holding_mask(index, r"\bour\b")
        assert mask is not None
        assert _bits(mask) == [0, 3]
