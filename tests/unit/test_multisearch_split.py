"""A short ASCII text's words answer for the bare RE2 Set exactly, without compiling it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint import multisearch
from claimlint.multisearch import MultiSearch

pytestmark = pytest.mark.skipif(not multisearch.HAVE_RE2, reason="the Set needs google-re2")

WORDS = st.lists(
    st.sampled_from(["<fda>", "<cbd>", "pain", "<pain", "relief>", "in", "a.b", "x+y", "$99", "", "<>", "ab_c", "9"]),
    min_size=1,
)
TEXT = st.text(alphabet="aAbBfdFDcpinNrelfx+y.$9_ \n-", max_size=80)


def _compiled_mask(words: list[str], data: bytes) -> int:
    search = MultiSearch(words)
    search._seen = multisearch.SPLIT_BEFORE + 1
    mask = search.presence(data).mask
    assert search._bare is not None or not search.words
    return mask


@settings(max_examples=400, deadline=None)
@given(WORDS, TEXT, st.sampled_from([0, multisearch._DIRECT]))
def test_the_words_of_the_text_and_the_set_agree(words: list[str], text: str, direct: int) -> None:
    """Both ways of answering without the Set (pieces of the runs, ``in`` per word) agree with it."""
    search = MultiSearch(words)
    data = text.encode("ascii")
    saved, multisearch._DIRECT = multisearch._DIRECT, direct
    try:
        mask = search.presence(data).mask
    finally:
        multisearch._DIRECT = saved
    assert search._bare is None
    assert mask == _compiled_mask(words, data)


def test_non_ascii_long_or_piece_heavy_text_compiles_the_set(monkeypatch: pytest.MonkeyPatch) -> None:
    search = MultiSearch(["pain"])
    search.presence("é pain".encode())  # folds like ASCII: split, no Set
    assert search._bare is None
    search.presence("\u017fpain pain".encode())  # LONG S folds to s in RE2: the Set
    assert search._bare is not None
    search = MultiSearch(["pain"])
    search.presence(b"pain " * (multisearch.SPLIT_BEFORE // 4))
    assert search._bare is not None
    monkeypatch.setattr(multisearch, "_PIECES", 3)
    monkeypatch.setattr(multisearch, "_DIRECT", 0)
    search = MultiSearch(["pain"])
    assert search.presence(b"spain").mask == 1
    assert search._bare is not None


def test_edges_are_checked_after_the_split() -> None:
    presence = MultiSearch(["<fda>", "pain", "<pain"]).presence(b"xFDA and Spain")
    assert (presence.has("<fda>"), presence.has("pain"), presence.has("<pain")) == (False, True, False)
