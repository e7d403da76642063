"""The on-disk rule cache: served only while every input is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import cache, literals, re2filter
from claimlint.config import Settings, load_ruleset
from claimlint.plugins import get_registry
from claimlint.ruletypes import anchors

RULES = """\
version: 1
rules:
  - {id: T001, name: speed, category: speed, severity: warning, type: pattern,
     patterns: ['\\bwithin\\s+minutes\\b'], message: "Speed claim."}
"""


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Settings, Path, list[int]]:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    settings = Settings()
    settings.extends = []
    settings.rule_files = [str(rules)]
    loads: list[int] = []
    return settings, rules, loads


def _counting(loads: list[int]):  # type: ignore[no-untyped-def]
    def load(settings, registry):  # type: ignore[no-untyped-def]
        loads.append(1)
        return load_ruleset(settings, registry)

    return load


def test_second_load_is_served_from_disk(setup) -> None:  # type: ignore[no-untyped-def]
    settings, _rules, loads = setup
    first = cache.cached_ruleset(settings, get_registry(), _counting(loads))
    second = cache.cached_ruleset(settings, get_registry(), _counting(loads))
    assert len(loads) == 1
    assert [r.id for r in second.rules] == ["T001"]
    assert second.rules == first.rules
    assert r"\bwithin\s+minutes\b" in literals._KNOWN


def test_edited_rules_file_is_reloaded(setup) -> None:  # type: ignore[no-untyped-def]
    settings, rules, loads = setup
    cache.cached_ruleset(settings, get_registry(), _counting(loads))
    rules.write_text(RULES.replace("T001", "T002"), encoding="utf-8")
    again = cache.cached_ruleset(settings, get_registry(), _counting(loads))
    assert len(loads) == 2
    assert [r.id for r in again.rules] == ["T002"]


def test_unwritable_cache_still_loads(setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    settings, _rules, loads = setup
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(blocker / "cache"))
    for _ in range(2):
        assert [r.id for r in cache.cached_ruleset(settings, get_registry(), _counting(loads)).rules] == ["T001"]
    assert len(loads) == 2


def test_corrupt_entry_is_ignored(setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings, _rules, loads = setup
    cache.cached_ruleset(settings, get_registry(), _counting(loads))
    for entry in (tmp_path / "cache").glob("rules-*.pickle"):
        entry.write_bytes(b"garbage")
    cache.cached_ruleset(settings, get_registry(), _counting(loads))
    assert len(loads) == 2


def test_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLINT_NO_CACHE", "1")
    assert not cache.enabled()
    monkeypatch.setenv("CLAIMLINT_NO_CACHE", "0")
    assert cache.enabled()
    monkeypatch.delenv("CLAIMLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/x")
    assert cache.cache_dir() == Path("/x/claimlint")


def test_unused_pack_does_not_invalidate(setup, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    settings, _rules, loads = setup
    registry = get_registry()
    cache.cached_ruleset(settings, registry, _counting(loads))
    pack = registry.packs["default"]
    monkeypatch.setitem(registry.packs, "default", type(pack)("default", lambda: pack.load_text() + "\n# edited\n"))
    cache.cached_ruleset(settings, registry, _counting(loads))
    assert len(loads) == 1
    settings.extends = ["default"]
    cache.cached_ruleset(settings, registry, _counting(loads))
    assert len(loads) == 2


def test_a_warm_load_parses_no_regex(setup, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Required words and RE2 translations of every rule regex come from the entry, not from parsing."""
    settings, rules, loads = setup
    rules.write_text(RULES.replace("message:", "unless: ['\\bnot\\s+fast\\b'], message:"), encoding="utf-8")
    cold = cache.cached_ruleset(settings, get_registry(), _counting(loads))
    patterns = [*cold.rules[0].params["patterns"], *cold.rules[0].params["unless"]]
    expected = {p: (literals.bounded_literals(p), re2filter.to_re2(p), anchors.pattern_atoms(p)) for p in patterns}
    for module in (literals, re2filter, anchors):
        monkeypatch.setattr(module, "_KNOWN", {})
        monkeypatch.setattr(module, "parse_tree", _no_parse)
    cache.cached_ruleset(settings, get_registry(), _counting(loads))
    assert len(loads) == 1
    assert len(patterns) == 2
    assert all(words and translation and atoms for words, translation, atoms in expected.values())
    assert {
        p: (literals.bounded_literals(p), re2filter.to_re2(p), anchors.pattern_atoms(p)) for p in patterns
    } == expected


def _no_parse(pattern: str) -> None:
    raise AssertionError(f"parsed {pattern!r} on a warm load")
