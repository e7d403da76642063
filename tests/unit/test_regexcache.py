"""Compiled rule regexes on disk: a hit is the same pattern, anything odd is a miss."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex
from regex import _main

from claimlint import cache, regexcache, rulefile
from claimlint.cli import main
from claimlint.config import Settings, load_ruleset
from claimlint.plugins import get_registry

FLAGS = rulefile.REGEX_FLAGS
TEXTS = [
    "Relief within minutes, guaranteed!",
    "Ketamine is not FDA-approved for chronic pain; ask your doctor.",
    "Pain score 9/10 → 2/10 after 6 infusions (Müller, 2021).",
    "",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    return tmp_path / "cache"


def _default_pack_regexes(limit: int) -> list[str]:
    """Rule regexes of the default pack (lookarounds, classes, \\K and all), as the rules hold them."""
    found: list[str] = []
    for rule in load_ruleset(Settings(), get_registry()).rules:
        for key in ("patterns", "unless", "context", "when"):
            for item in rule.params.get(key) or ():
                if isinstance(item, str) and item not in found:
                    found.append(item)
    return found[:limit]


def _same(first: regex.Pattern[str], second: regex.Pattern[str]) -> None:
    assert (first.pattern, first.flags, first.groups, first.groupindex) == (
        second.pattern,
        second.flags,
        second.groups,
        second.groupindex,
    )
    for text in TEXTS:
        assert [m.span() for m in first.finditer(text)] == [m.span() for m in second.finditer(text)]


def test_a_hit_rebuilds_the_same_pattern_without_parsing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns = _default_pack_regexes(40)
    assert len(patterns) == 40
    fresh = [regexcache.compile_cached(p, FLAGS) for p in patterns]
    assert len(list(folder.glob(f"{regexcache.PREFIX}*.pickle"))) == len(patterns)
    monkeypatch.setattr(_main, "_compile", _no_parse)
    for pattern, first in zip(patterns, fresh, strict=True):
        second = regexcache.compile_cached(pattern, FLAGS)
        assert second is not first
        _same(first, second)


def test_a_hit_keeps_the_callers_source_string(folder: Path) -> None:
    """The rebuilt pattern holds the rule's own string, not a second copy read from the entry."""
    pattern = "".join(["\\brelief within ", "minutes\\b"])  # built at run time: not a shared constant
    regexcache.compile_cached(pattern, FLAGS)
    again = "".join(["\\brelief within ", "minutes\\b"])
    assert again is not pattern
    assert regexcache.compile_cached(again, FLAGS).pattern is again


def test_hits_match_like_plain_compiles(folder: Path) -> None:
    for pattern in _default_pack_regexes(25):
        regexcache.compile_cached(pattern, FLAGS)
        _same(regexcache.compile_cached(pattern, FLAGS), regex.compile(pattern, FLAGS))


@pytest.mark.parametrize(
    "entry",
    [b"not a pickle", pickle.dumps(("another pattern", 0)), pickle.dumps(["a list"]), pickle.dumps(("x", "y"))],
)
def test_a_damaged_or_foreign_entry_is_a_miss(folder: Path, entry: bytes) -> None:
    pattern = r"\bwithin\s+(?:minutes|hours)\b"
    regexcache.compile_cached(pattern, FLAGS)
    (path,) = folder.glob(f"{regexcache.PREFIX}*.pickle")
    path.write_bytes(entry)
    _same(regexcache.compile_cached(pattern, FLAGS), regex.compile(pattern, FLAGS))
    assert path.read_bytes() != entry


def test_a_bad_regex_still_raises_and_leaves_regex_intact(folder: Path) -> None:
    real = _main._regex
    with pytest.raises(regex.error):
        regexcache.compile_cached(r"(unclosed", FLAGS)
    assert _main._regex is real
    assert not list(folder.glob(f"{regexcache.PREFIX}*"))


def test_a_regex_without_the_private_hook_compiles_plainly(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook is private to ``regex``: if a release renames it, rules still compile, uncached."""
    pattern = r"\bwithin\s+(?:minutes|hours)\b"
    real, real_compile = _main._regex, regex.compile
    expected = real_compile(pattern, FLAGS)

    def compile_without_hook(p: str, f: int = 0, **_: object) -> regex.Pattern[str]:
        _main._regex = real
        try:
            return real_compile(p, f, cache_pattern=False)
        finally:
            del _main._regex

    monkeypatch.delattr(_main, "_regex")
    monkeypatch.setattr(regex, "compile", compile_without_hook)
    _same(regexcache.compile_cached(pattern, FLAGS), expected)
    assert not list(folder.glob(f"{regexcache.PREFIX}*"))


def test_installed_only_while_caching(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert rulefile.compiler is None
    with regexcache.installed(True):
        assert rulefile.compiler is regexcache.compile_cached
    assert rulefile.compiler is None
    with regexcache.installed(False):
        assert rulefile.compiler is None
    monkeypatch.setenv("CLAIMLINT_NO_CACHE", "1")
    with regexcache.installed(True):
        assert rulefile.compiler is None


def test_entries_are_pruned_and_cleaned_like_other_cache_files(folder: Path) -> None:
    regexcache.compile_cached(r"\bcure[sd]?\b", FLAGS)
    (path,) = folder.glob(f"{regexcache.PREFIX}*.pickle")
    assert [p for p, _tmp in cache._cache_files(folder)] == [path]
    assert cache.clean(folder) == 1


def test_a_run_writes_entries_and_the_next_reads_them(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.md"
    page.write_text("Ketamine infusions give relief within minutes. A cure for chronic pain!\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMLINT_NO_RESULT_CACHE", "1")
    monkeypatch.setattr(rulefile, "_COMPILED", {})
    assert main(["check", "--format", "json", str(page)]) == 1
    first = capsys.readouterr().out
    assert list(folder.glob(f"{regexcache.PREFIX}*.pickle"))
    monkeypatch.setattr(rulefile, "_COMPILED", {})
    monkeypatch.setattr(_main, "_compile", _no_parse)
    assert main(["check", "--format", "json", str(page)]) == 1
    assert capsys.readouterr().out == first


def _no_parse(*args: object) -> None:
    raise AssertionError(f"parsed a regex on a warm run: {args[0]!r}")
