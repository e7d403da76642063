"""What runs derive from rule patterns (filter rewrites, the engine's own regexes' words) is stored and reused.

A warm run must rewrite no filter and parse no regex, and a damaged or
foreign ``derived-`` file must cost only a recomputation, never a wrong
filter or a different finding.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from claimlint import cache, literals, multisearch, re2filter
from claimlint.config import Settings, load_ruleset
from claimlint.errors import ConfigError
from claimlint.plugins import get_registry
from claimlint.ruletypes import base, classifier

RULES = """\
version: 1
rules:
  - {id: T001, name: speed, category: speed, severity: warning, type: pattern,
     patterns: ['\\bworks\\s+within\\s+(?:\\w+\\s+){0,3}minutes\\b'], message: "Speed claim."}
"""
#: Not in the rules: the engine's own regexes (voice, mentions) are parsed for their words at run time.
ENGINE_PATTERN = r"\bwe (?:offer|provide) (?:ketamine|infusions)\b"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    _forget(monkeypatch)
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    out = Settings()
    out.extends = []
    out.rule_files = [str(rules)]
    return out


def _derive(settings: Settings) -> dict[str, Any]:
    """Load the rules (through the cache) and derive a filter and an engine regex's words, as a run does."""
    ruleset = cache.cached_ruleset(settings, get_registry(), load_ruleset)
    translation = re2filter.to_re2_any(ruleset.rules[0].params["patterns"])
    assert translation is not None
    gapless = re2filter.without_gaps(translation)
    line = re2filter.single_line(gapless)
    assert line is not None
    return {
        "translation": translation,
        "gapless": gapless,
        "bytes": re2filter.utf8_bytes(line),
        "words": literals.bounded_literals(ENGINE_PATTERN),
    }


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh process: empty tables and no derived file open."""
    monkeypatch.setattr(cache, "_DERIVED", cache._DerivedFile())
    monkeypatch.setattr(multisearch, "_SEEDS", [])
    monkeypatch.setattr(multisearch, "_VOCABULARIES", [])
    monkeypatch.setattr(literals, "_KNOWN", {})
    for name in ("_KNOWN", "_GAPLESS", "_BYTES"):
        monkeypatch.setattr(re2filter, name, {})
    monkeypatch.setattr(classifier, "_CHECKED", {})


def _refuse(*_args: object) -> None:
    raise AssertionError("derived again on a warm run")


def _derived_files(settings: Settings) -> list[Path]:
    return sorted(cache.cache_dir().glob("derived-*.pickle"))


def test_a_warm_run_derives_nothing(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _derive(settings)
    cache.save_derived()
    assert len(_derived_files(settings)) == 1
    _forget(monkeypatch)
    for module, name in ((re2filter, "cut_gaps"), (re2filter, "rewrite_utf8_bytes"), (literals, "parse_tree")):
        monkeypatch.setattr(module, name, _refuse)
    assert _derive(settings) == cold
    assert cold["gapless"] != cold["translation"]
    assert cold["bytes"]
    assert cold["words"]


def test_the_word_index_vocabulary_is_seeded(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Words a run registered are in the next run's vocabulary before anything is searched."""
    _derive(settings)
    first = multisearch.Vocabulary()
    ids = first.add(["ketamine", "relief"])
    assert first.present("Ketamine relief") == sorted(ids)
    cache.save_derived()
    _forget(monkeypatch)
    cache.cached_ruleset(settings, get_registry(), load_ruleset)
    later = multisearch.Vocabulary()
    assert later.size == 2
    assert later.add(["relief", "ketamine"]) == ids
    assert later.size == 2


def test_entries_the_rule_cache_holds_are_not_stored_twice(settings: Settings) -> None:
    _derive(settings)
    cache.save_derived()
    stored = pickle.loads(_derived_files(settings)[0].read_bytes())
    assert ENGINE_PATTERN in stored["literals"]
    assert not any(p.startswith(r"\bworks") for p in stored["literals"])


def test_nothing_new_writes_nothing(settings: Settings) -> None:
    _derive(settings)
    cache.save_derived()
    (path,) = _derived_files(settings)
    path.write_bytes(b"left alone")
    cache.save_derived()
    assert path.read_bytes() == b"left alone"


def _good_tables() -> dict[str, dict[str, Any]]:
    return {"literals": {}, "translations": {}, "gapless": {}, "bytes": {}, "vocabulary": {}, "models": {}}


DAMAGED = {
    "garbage": b"not a pickle",
    "truncated": pickle.dumps(_good_tables())[:-5],
    "not a dict": pickle.dumps([1, 2]),
    "missing table": pickle.dumps({"literals": {}, "translations": {}, "gapless": {}, "bytes": {}}),
    "wrong value": pickle.dumps({**_good_tables(), "gapless": {"x": 1}}),
    "wrong key": pickle.dumps({**_good_tables(), "bytes": {b"x": "y"}}),
    "wrong word": pickle.dumps({**_good_tables(), "literals": {"x": frozenset({1})}}),
    "wrong vocabulary": pickle.dumps({**_good_tables(), "vocabulary": {"x": 1}}),
    "wrong model": pickle.dumps({**_good_tables(), "models": {"m.json": (1, 2, ("a", 3))}}),
    "short model": pickle.dumps({**_good_tables(), "models": {"m.json": (1, 2)}}),
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_is_a_miss(settings: Settings, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    cold = _derive(settings)
    cache.save_derived()
    (path,) = _derived_files(settings)
    path.write_bytes(content)
    _forget(monkeypatch)
    assert _derive(settings) == cold
    cache.save_derived()
    assert cache._read_derived(path) is not None


def test_a_poisoned_entry_is_never_used(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """One bad entry discards the whole file, good entries included."""
    cold = _derive(settings)
    cache.save_derived()
    (path,) = _derived_files(settings)
    stored = pickle.loads(path.read_bytes())
    stored["gapless"]["poison"] = None
    path.write_bytes(pickle.dumps(stored))
    _forget(monkeypatch)
    cache.cached_ruleset(settings, get_registry(), load_ruleset)
    assert re2filter.tables()["gapless"] == {}
    assert _derive(settings) == cold


def test_an_edited_deriver_uses_another_file(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    _derive(settings)
    cache.save_derived()
    monkeypatch.setattr(cache, "_deriver_stamp", lambda: "edited")
    _forget(monkeypatch)
    _derive(settings)
    cache.save_derived()
    assert len(_derived_files(settings)) == 2


def test_clean_removes_derived_files(settings: Settings) -> None:
    _derive(settings)
    cache.save_derived()
    assert cache.clean() >= 2
    assert not _derived_files(settings)


def test_findings_match_with_a_damaged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Whole runs: cold, warm, and over a truncated ``derived-`` file, all as with ``--no-cache``."""
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    _forget(monkeypatch)
    pages = [str(p) for p in sorted(CORPUS.glob("m0*"))]
    args = ("check", *pages, "--format", "json", "--jobs", "1", "--fail-on", "never")
    expected = run_cli(*args, "--no-cache")
    assert expected[1].count('"rule": ') > 3
    _forget(monkeypatch)
    base.re2_filter.cache_clear()  # filters an earlier test built in this process would derive nothing
    assert run_cli(*args) == expected
    (path,) = sorted((tmp_path / "cache").glob("derived-*.pickle"))
    stored = cache._read_derived(path)
    assert stored is not None
    assert stored["gapless"]
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _forget(monkeypatch)
    base.re2_filter.cache_clear()
    assert run_cli(*args) == expected
    assert cache._read_derived(path) is not None


MODEL_RULES = """\
version: 1
rules:
  - {id: T002, name: voice, category: efficacy-overstatement, severity: warning, type: classifier,
     model: m.json, threshold: 0.5, when: ['\\bpain\\b'], message: "Claim."}
"""
MODEL = {
    "format": 2,
    "bias": 0.0,
    "weights": {"w:relief": 3.0},
    "heads": {"efficacy-overstatement": {"bias": 0.0, "weights": {}}},
}


def _compile_model_rules(settings: Settings) -> list[Any]:
    registry = get_registry()
    ruleset = cache.cached_ruleset(settings, registry, load_ruleset)
    return list(registry.rule_types["classifier"].compile(ruleset.rules))


def _refuse_model(*_args: object) -> None:
    raise AssertionError("model file read")


def test_a_warm_run_reads_no_model_until_a_page_needs_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A model found valid is remembered with the derived tables; the next process reads it on first use only."""
    (tmp_path / "m.json").write_text(json.dumps(MODEL), encoding="utf-8")
    Path(settings.rule_files[0]).write_text(MODEL_RULES, encoding="utf-8")
    (cold,) = _compile_model_rules(settings)
    cache.save_derived()
    _forget(monkeypatch)
    load = classifier._load_model
    monkeypatch.setattr(classifier, "_load_model", _refuse_model)
    (warm,) = _compile_model_rules(settings)
    assert warm._by_category == cold._by_category
    monkeypatch.setattr(classifier, "_load_model", load)
    assert warm.model.score("Relief from pain.", "paragraph") == cold.model.score("Relief from pain.", "paragraph")


def test_an_edited_model_is_checked_again_at_compile_time(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    model = tmp_path / "m.json"
    model.write_text(json.dumps(MODEL), encoding="utf-8")
    Path(settings.rule_files[0]).write_text(MODEL_RULES, encoding="utf-8")
    _compile_model_rules(settings)
    cache.save_derived()
    _forget(monkeypatch)
    model.write_text(json.dumps({**MODEL, "heads": {"cost-claim": {"bias": 0.0, "weights": {}}}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="no head for category efficacy-overstatement"):
        _compile_model_rules(settings)


def test_a_warm_run_takes_the_model_files_threshold_without_reading_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A rule without ``threshold`` uses the model file's; the derived tables remember it with the heads."""
    (tmp_path / "m.json").write_text(json.dumps({**MODEL, "threshold": 0.7}), encoding="utf-8")
    Path(settings.rule_files[0]).write_text(MODEL_RULES.replace("threshold: 0.5, ", ""), encoding="utf-8")
    (cold,) = _compile_model_rules(settings)
    cache.save_derived()
    _forget(monkeypatch)
    monkeypatch.setattr(classifier, "_load_model", _refuse_model)
    (warm,) = _compile_model_rules(settings)
    assert cold.thresholds == warm.thresholds == {"T002": 0.7}
