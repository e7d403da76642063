"""Memory mechanisms (issue 8): what each one promises, checked without timing or RSS thresholds."""

from __future__ import annotations

import pickle
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimlint import cache, multisearch, re2filter
from claimlint.config import Settings, load_ruleset
from claimlint.plugins import get_registry
from claimlint.rulefile import COMMON_KEYS
from claimlint.wordindex import index_bytes, set_pattern

#: RE2's own default budget, which the filters had before ``REGEX_MEM`` was lowered.
RE2_DEFAULT_MEM = 8 << 20


def _pack_translations() -> Iterator[tuple[str, bool]]:
    """Every RE2 program a default-pack rule filter may compile: ``(source, latin1)``."""
    registry = get_registry(load_entry_points=False)
    ruleset = load_ruleset(Settings(), registry)
    seen: set[tuple[str, ...]] = set()
    for rule in ruleset.rules:
        keys = {**COMMON_KEYS, **registry.rule_types[rule.type].keys}
        for name, value in rule.params.items():
            spec = keys.get(name)
            if spec is None or spec.kind != "regex-list" or not isinstance(value, (list, tuple)) or not value:
                continue
            key = tuple(value)
            if key in seen:
                continue
            seen.add(key)
            source = re2filter.to_re2_any(key)
            if source is None:
                continue
            yield source, False
            line = re2filter.single_line(re2filter.without_gaps(source))
            if line is not None:
                yield line, False
                as_bytes = re2filter.utf8_bytes(line)
                if as_bytes is not None:
                    yield as_bytes, True


@pytest.mark.skipif(not multisearch.HAVE_RE2, reason="google-re2 not installed")
def test_every_pack_filter_compiles_within_the_lowered_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A budget too small to compile a filter would silently drop it (slower, never wrong): none may be lost."""
    translations = list(_pack_translations())
    assert len(translations) > 100
    lost = []
    for source, latin1 in translations:
        if multisearch.compile_re2(source, latin1) is None:
            monkeypatch.setattr(multisearch, "REGEX_MEM", RE2_DEFAULT_MEM)
            if multisearch.compile_re2(source, latin1) is not None:
                lost.append(source[:80])
            monkeypatch.undo()
    assert lost == []


def _strings(value: object, out: list[str]) -> list[str]:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _strings(key, out)
            _strings(item, out)
    elif isinstance(value, (tuple, frozenset)):
        for item in value:
            _strings(item, out)
    return out


def test_the_rule_cache_loads_each_distinct_string_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written pooled, the cached tables come back with one object per distinct word and translation."""
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    registry = get_registry(load_entry_points=False)
    cache.cached_ruleset(Settings(), registry, load_ruleset)
    (written,) = tmp_path.glob("rules-*.pickle")
    with open(written, "rb") as fh:
        _files, (_ruleset, words, derived) = pickle.load(fh)
    found = _strings(words, _strings(derived, []))
    assert len(found) > 10_000
    assert len({id(s) for s in found}) == len(set(found))


def test_pooled_keeps_values_equal() -> None:
    table = {"a": (f"x{1}", frozenset({f"y{2}", "z"})), f"{'b'}": None}
    pool: dict[str, str] = {}
    out = cache.pooled(table, pool)
    assert out == table
    assert out["a"][0] is pool["x1"]


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(count)}
    return sorted(f"<{w}>" if len(w) <= 4 else w for w in words)


def test_word_index_set_is_built_within_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    budgets: list[int] = []
    real = multisearch._compiled_set

    def spy(patterns: list[bytes], mem: int) -> object:
        budgets.append(mem)
        return real(patterns, mem)

    monkeypatch.setattr(multisearch, "_compiled_set", spy)
    vocabulary = multisearch.Vocabulary()
    ids = vocabulary.add(["ketamine", "<pain>"])
    assert ids <= set(vocabulary.present("Ketamine eases pain."))
    assert budgets == [multisearch.VOCABULARY_MEM]
    assert multisearch.VOCABULARY_MEM < multisearch.SET_MEM


def test_word_index_set_too_small_for_its_budget_is_built_with_the_large_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multisearch, "VOCABULARY_MEM", 1000)
    words = _words(50, 1)
    found = multisearch._literal_set(words)
    text = " ".join(w.strip("<>") for w in words)
    assert sorted(found.Match(index_bytes(text))) == list(range(len(words)))


def test_word_index_set_answers_the_same_when_its_state_cache_overflows() -> None:
    """A budget so small that the Set's automaton empties its cache many times over these texts."""
    words = _words(1500, 2)
    rng = random.Random(3)
    pool = [w.strip("<>") for w in words] + ["x", "the", "and", "-", "é", "ok."]
    texts = [" ".join(rng.choice(pool) for _ in range(rng.randint(5, 400))) for _ in range(300)]
    large = multisearch._compiled_set([set_pattern(w).encode("ascii") for w in words], multisearch.SET_MEM)
    small = multisearch._compiled_set([set_pattern(w).encode("ascii") for w in words], 1 << 20)
    for text in texts:
        data = index_bytes(text)
        assert sorted(small.Match(data)) == sorted(large.Match(data))


def test_prefilter_sets_are_built_within_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    budgets: list[int] = []
    real = multisearch._compiled_set

    def spy(patterns: list[bytes], mem: int, latin1: bool = True, case_sensitive: bool = True) -> object:
        budgets.append(mem)
        return real(patterns, mem, latin1, case_sensitive)

    monkeypatch.setattr(multisearch, "_compiled_set", spy)
    search = multisearch.MultiSearch(["ketamine", "<pain>"], exact_after=0)
    assert search.presence("KETAMINE eases pain.").mask == 3
    bare = search.presence("\u212aetamine ends painful days.")  # KELVIN SIGN: the bare Set, edges checked later
    assert bare.has("ketamine")
    assert not bare.has("<pain>")
    assert budgets == [multisearch.WORD_SET_MEM, multisearch.WORD_SET_MEM]
    assert multisearch.WORD_SET_MEM < multisearch.SET_MEM


@pytest.mark.parametrize("latin1", [True, False])
def test_prefilter_set_too_small_for_its_budget_is_built_with_the_large_one(
    monkeypatch: pytest.MonkeyPatch, latin1: bool
) -> None:
    monkeypatch.setattr(multisearch, "WORD_SET_MEM", 1000)
    words = _words(50, 4) if latin1 else [w.strip("<>") for w in _words(50, 4)]
    found = multisearch._word_set(words, latin1=latin1)
    text = " ".join(w.strip("<>").upper() for w in words)
    assert sorted(found.Match(f"\n{text}\n".encode())) == list(range(len(words)))


def test_prefilter_set_answers_the_same_when_its_state_cache_overflows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exact (Latin-1, edge-marked, case-insensitive) Set at a budget it empties many times over these texts."""
    words = _words(1500, 5)
    rng = random.Random(6)
    pool = [w.strip("<>") for w in words] + ["x", "The", "AND", "-", "ok.", "a1b2"]
    texts = [" ".join(rng.choice(pool) for _ in range(rng.randint(5, 400))) for _ in range(300)]
    large = multisearch._word_set(words, latin1=True)
    monkeypatch.setattr(multisearch, "WORD_SET_MEM", 1 << 20)
    small = multisearch._word_set(words, latin1=True)
    for text in texts:
        data = f"\n{text}\n".encode("ascii")
        assert sorted(small.Match(data) or []) == sorted(large.Match(data) or [])
