"""The per-file result cache: what its keys cover, how it stores findings, and how the folder is pruned."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from claimlint import cache, resultcache
from claimlint.config import Settings
from claimlint.model import Finding, Location, Rule, Severity
from claimlint.resultcache import Linker, ResultCache, file_context, run_salt, settings_digest
from claimlint.suppress import UNUSED

RULE_A = Rule("T001", "speed", "speed", Severity.WARNING, "pattern", "Speed claim.", origin=Location("r.yaml", 3))
RULE_B = Rule("T002", "hype", "hype", Severity.INFO, "phrase", "Hype.")
RELEVELLED = UNUSED.with_severity(Severity.ERROR)


def _finding(rule: Rule, line: int = 1) -> Finding:
    return Finding("docs/a.md", line, 5, line, 12, rule, "minutes", "line", "Works within minutes.", "a note", 4, 11)


def _linker() -> Linker:
    return Linker([RULE_A, RULE_B, UNUSED], lambda: {RELEVELLED.id: RELEVELLED})


@pytest.fixture
def store(tmp_path: Path) -> ResultCache:
    folder = tmp_path / "results"
    folder.mkdir()
    return ResultCache(folder, "salt")


def test_stored_findings_come_back_equal_with_the_same_rule_objects(store: ResultCache) -> None:
    findings = [_finding(RULE_A), _finding(RULE_B, 2), _finding(RELEVELLED, 3)]
    assert store.store("k" * 40, findings, _linker())
    loaded = store.load("k" * 40, "docs/a.md", _linker())
    assert loaded == findings
    assert loaded is not None
    assert [f.rule for f in loaded][:2] == [RULE_A, RULE_B]
    assert loaded[0].rule is RULE_A
    assert loaded[2].rule.severity is Severity.ERROR


def test_no_findings_is_a_hit_not_a_miss(store: ResultCache) -> None:
    assert store.store("e" * 40, [], _linker())
    assert store.load("e" * 40, "docs/a.md", _linker()) == []


def test_a_rule_that_cannot_be_found_again_is_not_stored(store: ResultCache) -> None:
    stranger = replace(RULE_A, id="X999")
    assert not store.store("s" * 40, [_finding(RULE_A), _finding(stranger)], _linker())
    assert not (store.folder / ("s" * 40)).exists()


def test_missing_entry_is_a_miss(store: ResultCache) -> None:
    assert store.load("0" * 40, "docs/a.md", _linker()) is None


@pytest.mark.parametrize(
    "data",
    [b"", b"garbage", b"\xe9\x02\x00\x00\x00", "truncated", "old-format", "bad-row", "bad-ref"],
)
def test_corrupt_or_foreign_entry_is_a_miss(store: ResultCache, data: bytes | str) -> None:
    import marshal

    good = marshal.dumps((resultcache.FORMAT, ((0, 1, 1, 1, 2, "m", "line", "", "", 0, 1),)))
    payload = {
        "truncated": good[: len(good) // 2],
        "old-format": marshal.dumps((resultcache.FORMAT - 1, ())),
        "bad-row": marshal.dumps((resultcache.FORMAT, ((0, 1, 1),))),
        "bad-ref": marshal.dumps((resultcache.FORMAT, ((99, 1, 1, 1, 2, "m", "line", "", "", 0, 1),))),
    }.get(data, data)
    assert isinstance(payload, bytes)
    (store.folder / ("c" * 40)).write_bytes(payload)
    assert store.load("c" * 40, "docs/a.md", _linker()) is None


def test_key_changes_with_path_bytes_context_and_salt(store: ResultCache) -> None:
    base = store.key("docs/a.md", b"text", b"ctx")
    assert store.key("docs/a.md", b"text", b"ctx") == base
    other_salt = ResultCache(store.folder, "other")
    variants = [
        store.key("docs/b.md", b"text", b"ctx"),
        store.key("./docs/a.md", b"text", b"ctx"),
        store.key("docs/a.md", b"text!", b"ctx"),
        store.key("docs/a.md", b"text", b"ctx2"),
        other_salt.key("docs/a.md", b"text", b"ctx"),
    ]
    assert len({base, *variants}) == len(variants) + 1


def test_same_relative_path_under_another_folder_is_another_key(
    store: ResultCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    here = store.key("a.md", b"text", b"ctx")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert store.key("a.md", b"text", b"ctx") != here


def _settings() -> Settings:
    return Settings(root="/project")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("extends", ["other"]),
        ("rule_files", ["rules.yaml"]),
        ("select", ["CL1"]),
        ("ignore", ["CL001"]),
        ("severity", {"CL001": "info"}),
        ("per_file_ignores", {"blog/*": ["CL001"]}),
        ("formats", {".txt": "markdown"}),
        ("encoding", {"*.md": "latin-1"}),
        ("require_reasons", False),
        ("root", "/elsewhere"),
    ],
)
def test_every_setting_that_shapes_findings_changes_the_digest(field: str, value: object) -> None:
    base = settings_digest(_settings(), "rules")
    assert settings_digest(_settings(), "rules") == base
    assert settings_digest(replace(_settings(), **{field: value}), "rules") != base


def test_rule_set_fingerprint_changes_the_digest() -> None:
    assert settings_digest(_settings(), "rules-1") != settings_digest(_settings(), "rules-2")


@pytest.mark.parametrize(
    ("field", "value"),
    [("fail_on", "error"), ("exclude", ["x/"]), ("include", ["*.md"]), ("baseline", "b.json")],
)
def test_settings_that_only_pick_files_or_the_exit_code_leave_it(field: str, value: object) -> None:
    """The baseline applies after the cache, and excluded files are never looked up."""
    assert settings_digest(replace(_settings(), **{field: value}), "r") == settings_digest(_settings(), "r")


def test_file_context_covers_format_ignores_and_encoding() -> None:
    base = file_context(b"s", "markdown", (), None)
    variants = [
        file_context(b"t", "markdown", (), None),
        file_context(b"s", "html", (), None),
        file_context(b"s", "markdown", ("CL001",), None),
        file_context(b"s", "markdown", (), "latin-1"),
    ]
    assert len({base, *variants}) == len(variants) + 1


def test_run_salt_covers_plugins_prefilter_and_focus(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint.engine import FOCUS_ENV

    monkeypatch.delenv(FOCUS_ENV, raising=False)
    base = run_salt([], True)
    assert run_salt([], True) == base
    assert run_salt([("p", "dist", "1.0")], True) != base
    assert run_salt([("p", "dist", "1.0")], True) != run_salt([("p", "dist", "1.1")], True)
    assert run_salt([], False) != base
    monkeypatch.setenv(FOCUS_ENV, "1")
    assert run_salt([], True) != base


def test_code_stamp_changes_when_a_module_changes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    package = tmp_path / "claimlint"
    package.mkdir()
    module = package / "engine.py"
    module.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(resultcache, "__file__", str(package / "resultcache.py"))
    monkeypatch.setattr(resultcache, "_STAMP", [])
    first = resultcache.code_stamp()
    module.write_text("x = 22\n", encoding="utf-8")
    monkeypatch.setattr(resultcache, "_STAMP", [])
    assert resultcache.code_stamp() != first


def test_write_entry_replaces_atomically_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 40)
    resultcache.write_entry(target, b"one")
    resultcache.write_entry(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(tmp_path) == [target.name]


def test_failed_rename_keeps_the_old_entry_and_removes_the_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / ("a" * 40)
    resultcache.write_entry(target, b"old")

    def refuse(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(resultcache.os, "replace", refuse)
    resultcache.write_entry(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == [target.name]


def test_unwritable_folder_writes_nothing_and_raises_nothing(tmp_path: Path) -> None:
    resultcache.write_entry(tmp_path / "missing" / ("a" * 40), b"data")
    assert not (tmp_path / "missing").exists()


def test_a_hit_re_dates_an_entry_last_used_over_a_day_ago(store: ResultCache) -> None:
    key = "d" * 40
    store.store(key, [], _linker())
    old = time.time() - 3 * 86400
    os.utime(store.folder / key, (old, old))
    store.load(key, "docs/a.md", _linker())
    assert (store.folder / key).stat().st_mtime > old + 86400


def test_disabled_by_either_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    monkeypatch.delenv(resultcache.DISABLE_ENV, raising=False)
    opened = resultcache.open_cache([], True)
    assert opened is not None
    assert opened.folder == tmp_path / "cache" / cache.RESULTS
    monkeypatch.setenv(resultcache.DISABLE_ENV, "1")
    assert resultcache.open_cache([], True) is None
    monkeypatch.setenv(resultcache.DISABLE_ENV, "0")
    monkeypatch.setenv("CLAIMLINT_NO_CACHE", "1")
    assert resultcache.open_cache([], True) is None


def _age(path: Path, days: float) -> None:
    when = time.time() - days * 86400
    os.utime(path, (when, when))


def _cache_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    (folder / cache.RESULTS).mkdir(parents=True)
    names = [
        "rules-0123abcd.pickle",
        "entry-points-89abcdef.pickle",
        ".cache-xyz.tmp",
        f"{cache.RESULTS}/{'a' * 40}",
        f"{cache.RESULTS}/.{'b' * 40}.123.tmp",
        "notes.txt",
        f"{cache.RESULTS}/keep-me",
    ]
    for name in names:
        (folder / name).write_bytes(b"x")
    return folder


def test_prune_deletes_only_our_files_unused_for_max_age(tmp_path: Path) -> None:
    folder = _cache_folder(tmp_path)
    young = folder / "rules-fedcba98.pickle"
    young.write_bytes(b"x")
    for path in [*folder.iterdir(), *(folder / cache.RESULTS).iterdir()]:
        if path.is_file() and path != young:
            _age(path, 45)
    assert cache.prune(folder, time.time()) == 5
    left = sorted(p.name for p in [*folder.iterdir(), *(folder / cache.RESULTS).iterdir()] if p.is_file())
    assert left == ["keep-me", "notes.txt", "rules-fedcba98.pickle"]


def test_prune_deletes_temporary_files_after_a_day(tmp_path: Path) -> None:
    folder = _cache_folder(tmp_path)
    _age(folder / ".cache-xyz.tmp", 2)
    assert cache.prune(folder, time.time()) == 1
    assert not (folder / ".cache-xyz.tmp").exists()


def test_maybe_prune_runs_at_most_once_a_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _cache_folder(tmp_path)
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    entry = folder / cache.RESULTS / ("a" * 40)
    _age(entry, 45)
    assert cache.maybe_prune() == 1
    other = folder / "rules-0123abcd.pickle"
    _age(other, 45)
    assert cache.maybe_prune() == 0
    assert other.exists()
    assert cache.maybe_prune(time.time() + 2 * 86400) == 3, "the rules file and, a day later, both temporary files"
    assert not other.exists()


def test_maybe_prune_does_not_create_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "none"))
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    assert cache.maybe_prune() == 0
    assert not (tmp_path / "none").exists()


def test_clean_deletes_our_files_and_keeps_others(tmp_path: Path) -> None:
    folder = _cache_folder(tmp_path)
    assert cache.clean(folder) == 5
    assert sorted(p.name for p in folder.rglob("*")) == sorted([cache.RESULTS, "keep-me", "notes.txt"])


def test_clean_removes_the_folder_when_nothing_else_is_in_it(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (folder / cache.RESULTS).mkdir(parents=True)
    (folder / "rules-01.pickle").write_bytes(b"x")
    (folder / cache.PRUNE_MARKER).write_bytes(b"")
    (folder / cache.RESULTS / ("a" * 40)).write_bytes(b"x")
    assert cache.clean(folder) == 2
    assert not folder.exists()
