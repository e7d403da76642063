"""MultiSearch.presence: one pass answers for every word, edge marks included, on any text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint import multisearch
from claimlint.multisearch import MultiSearch, Vocabulary, _bounded, word_pattern

WORDS = ["<fda>", "<cbd>", "<aches>", "pain", "<pain", "relief>", "<cure>"]


def _slow(word: str, text: str) -> bool:
    """The definition: the bare word, case-insensitively, with no ASCII letter or digit across a marked edge."""
    return re.search(word_pattern(word), text, re.IGNORECASE | re.ASCII) is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FDA", {"<fda>"}),
        ("xFDA pdfdata", set()),
        ("fda_ and (CBD)", {"<fda>", "<cbd>"}),
        ("caches painful", {"pain", "<pain"}),
        ("Spain's relief", {"pain", "relief>"}),
        ("é FDA é", {"<fda>"}),
        ("éFDA curé", {"<fda>"}),
    ],
)
@pytest.mark.parametrize("exact_after", [0, 1 << 30], ids=["exact", "bare-then-edges"])
def test_presence_checks_edges(text: str, expected: set[str], exact_after: int) -> None:
    search = MultiSearch(WORDS, exact_after=exact_after)
    presence = search.presence(text)
    assert {w for w in search.words if presence.has(w)} == expected
    assert search.found(text) == expected


def test_ascii_text_gets_the_exact_pass_once_it_pays() -> None:
    search = MultiSearch(WORDS, exact_after=20)
    assert not search.presence("plain FDA text").exact
    assert search.presence("more plain FDA text").exact
    assert search.presence("naïve FDA text").exact  # ASCII words in text that folds like ASCII
    assert not search.presence("\u212aetamine FDA text").exact  # KELVIN SIGN folds to k in RE2: bare pass
    assert search.presence(b"bytes FDA").has("<fda>")


def test_the_bare_set_is_dropped_when_the_exact_set_is_built_and_rebuilt_on_demand(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(multisearch, "SPLIT_BEFORE", 0)  # no split search: the first text builds the bare Set
    search = MultiSearch(WORDS, exact_after=20)
    assert not search.presence("plain text").exact
    assert search._bare is not None
    assert search.presence("more plain FDA text").exact
    assert search._bare is None, "the bare Set outlived the exact Set"
    presence = search.presence("\u212aetamine relief FDA xcbd")
    assert not presence.exact
    assert {w for w in search.words if presence.has(w)} == {"<fda>", "relief>"}
    assert search._bare is not None


def test_a_non_ascii_word_never_takes_the_latin1_pass() -> None:
    search = MultiSearch(["<café>", "<fda>"], exact_after=0)
    presence = search.presence("Café and FDA")
    assert not presence.exact
    assert presence.has("<café>")
    assert presence.has("<fda>")


@pytest.mark.parametrize("order", [["<fda>", "<ſafe>"], ["<ſafe>", "<fda>"]])
def test_edges_of_ascii_and_other_words_on_ascii_text(order: list[str]) -> None:
    """A long s folds to "s" in RE2, so a non-ASCII word can occur in ASCII text; its edges go to RE2."""
    presence = MultiSearch(["<ſafe>", "<fda>"], exact_after=1 << 30).presence("FDA: safe, unsafe")
    assert [presence.has(w) for w in order] == [True, True]
    assert not MultiSearch(["<ſafe>"], exact_after=1 << 30).presence("unsafe").has("<ſafe>")


def test_bits_are_per_word_and_unknown_words_have_none() -> None:
    search = MultiSearch(WORDS)
    assert search.bit("<pain") != search.bit("pain")
    assert search.bit("unknown") == 0
    assert not search.presence("pain").has("unknown")


_ALPHABET = st.sampled_from(
    ["fda", "FDA", "cbd", "aches", "pain", "relief", "cure", "x", "1", "_", " ", "é", "-", "\n"]
)


@given(st.lists(_ALPHABET, max_size=12), st.sampled_from([0, 1 << 30]))
@settings(max_examples=300, deadline=None)
def test_presence_matches_the_definition(parts: list[str], exact_after: int) -> None:
    text = "".join(parts)
    search = MultiSearch(WORDS, exact_after=exact_after)
    presence = search.presence(text)
    for word in search.words:
        assert presence.has(word) == _slow(word, text), (word, text)


@pytest.fixture(autouse=True)
def _unseeded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Vocabularies made here start empty: a run that read a derived- cache file seeds every new one."""
    monkeypatch.setattr(multisearch, "_SEEDS", [])


def test_vocabulary_finds_words_in_case_folded_text() -> None:
    vocab = Vocabulary()
    ids = vocab.add(["pain", "strasse", "café"])
    assert len(ids) == 3
    assert vocab.add(["pain"]) == {vocab.ids["pain"]}
    assert set(vocab.present("PAINLESS walk down the STRASSE")) == {vocab.ids["pain"], vocab.ids["strasse"]}
    assert set(vocab.present("Straße, Café")) == {vocab.ids["strasse"], vocab.ids["café"]}
    assert vocab.present("nothing here") == []


def test_vocabulary_rebuilds_its_search_when_a_word_is_added() -> None:
    vocab = Vocabulary()
    vocab.add(["alpha"])
    assert vocab.present("alpha beta") == [vocab.ids["alpha"]]
    (beta,) = vocab.add(["beta"])
    assert vocab.size == 2
    assert sorted(vocab.present("alpha beta")) == [vocab.ids["alpha"], beta]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["ab", "b", "ß", "ss", "K", "k", "é", " ", "x"]), max_size=12))
def test_vocabulary_agrees_with_substring_of_casefold(parts: list[str]) -> None:
    """Exact for words of ASCII letters and digits (all a rule's literals hold); never a false no for others."""
    words = ["ab", "ss", "k", "é", "bk"]
    vocab = Vocabulary()
    vocab.add(words)
    text = "".join(parts)
    found = {w for w in words if vocab.ids[w] in vocab.present(text)}
    expected = {w for w in words if w in text.casefold()}
    assert expected <= found
    assert {w for w in found if w.isascii()} == {w for w in expected if w.isascii()}


_FOLDING = st.sampled_from(
    ["fda", "FDA", "pain", "relief", "ok", "sk", "x", "1", "_", " ", "é", "É", "’", "K", "ſ", "\ud800", "한", "-"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FOLDING, max_size=12).map("".join))
def test_edges_on_any_text_agree_with_re2(text: str) -> None:
    """The lowered-bytes edge check agrees with RE2 on non-ASCII text (Kelvin sign and long s fold to k and s)."""
    words = [*WORDS, "<ok>", "<sk>", "<ok", "sk>"]
    data = text.encode("utf-8", "surrogatepass")
    presence = MultiSearch(words, exact_after=1 << 30).presence(data)
    for word in words:
        assert presence.has(word) == (_bounded(word).search(data) is not None), (word, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FOLDING, min_size=1, max_size=12).map("".join))
def test_exact_pass_on_text_that_folds_like_ascii_agrees_with_re2(text: str) -> None:
    """The Latin-1 exact Set over UTF-8 bytes answers as RE2 in UTF-8 mode wherever it is used."""
    words = [*WORDS, "<ok>", "<sk>", "<ok", "sk>"]
    data = text.encode("utf-8", "surrogatepass")
    presence = MultiSearch(words, exact_after=0).presence(data)
    assert presence.exact == multisearch._folds_like_ascii(data)
    for word in words:
        assert presence.has(word) == (_bounded(word).search(data) is not None), (word, text)
