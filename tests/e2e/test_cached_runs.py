"""The result cache end to end: a warm run lints nothing unchanged and prints exactly what a fresh run prints.

Which files were linted is observed by counting calls to the engine's
``check_text`` (in-process, ``--jobs 1``), or for worker processes by the
entry files written; never by timing.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from claimlint import cache, parallel, runner
from claimlint.cli import main
from conftest import BASIC_RULES

ROOT = Path(__file__).resolve().parents[2]
EXTRA = "\nKetamine infusions are a miracle cure: 100% safe, with results within minutes.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The example site plus a blog folder, so per-file settings have something to select."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "examples" / "site", site)
    (site / "blog").mkdir()
    shutil.copyfile(site / "ketamine-infusions.md", site / "blog" / "post.md")
    (site / "blog" / "waived.md").write_text(
        "Ketamine infusions are a miracle cure. <!-- claimlint-disable-line -- approved by legal -->\n",
        encoding="utf-8",
    )
    return site


@pytest.fixture
def linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths the engine linted since the last ``clear()``, with the result cache on in a fresh folder."""
    monkeypatch.delenv("CLAIMLINT_NO_RESULT_CACHE", raising=False)
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    calls: list[str] = []
    real = runner.check_text

    def counting(path: str, *args: object, **kwargs: object) -> object:
        calls.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_text", counting)
    return calls


def _run(site: Path, *options: str, fmt: str = "json") -> str:
    out = site.parent / f"out.{fmt}"
    rc = main(
        ["check", str(site), "--format", fmt, "--fail-on", "never", "--jobs", "1", "--output", str(out), *options]
    )
    assert rc == 0
    return out.read_text(encoding="utf-8")


def _entries(tmp_path: Path) -> list[str]:
    folder = tmp_path / "cache" / cache.RESULTS
    return sorted(os.listdir(folder)) if folder.exists() else []


def _files(site: Path) -> int:
    return sum(1 for p in site.rglob("*") if p.is_file())


def test_cold_warm_and_no_cache_give_identical_json(site: Path, linted: list[str], tmp_path: Path) -> None:
    cold = _run(site)
    assert len(linted) == _files(site) == len(_entries(tmp_path))
    linted.clear()
    warm = _run(site)
    assert linted == []
    linted.clear()
    fresh = _run(site, "--no-cache")
    assert len(linted) == _files(site)
    assert cold == warm == fresh
    assert '"findings": []' not in cold


def test_html_report_is_the_same_from_the_cache(site: Path, linted: list[str]) -> None:
    """The HTML report shows each file's copy, so a hit still decodes the file (but does not lint it)."""
    cold = _run(site, fmt="html")
    linted.clear()
    assert _run(site, fmt="html") == cold
    assert linted == []


def test_editing_one_file_relints_only_that_file(site: Path, linted: list[str]) -> None:
    _run(site)
    page = site / "compliant-page.txt"
    page.write_text(page.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    linted.clear()
    warm = _run(site)
    assert linted == [str(page)]
    assert warm == _run(site, "--no-cache")
    assert "compliant-page.txt" in warm.split('"findings"')[1]


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(site: Path, linted: list[str]) -> None:
    """Keys hash the bytes, so a same-size rewrite within one clock tick cannot be served stale."""
    page = site / "blog" / "same.md"
    page.write_text("Ketamine infusions are a miracle cure for chronic pain.\n", encoding="utf-8")
    before = _run(site)
    stat = page.stat()
    page.write_text("Ketamine infusions are a possible aid for chronic pain.\n", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size
    linted.clear()
    after = _run(site)
    assert linted == [str(page)]
    assert after == _run(site, "--no-cache")
    assert "same.md" in before.split('"summary"')[0]
    assert "same.md" not in after.split('"summary"')[0]


def test_editing_the_rules_file_relints_everything(
    site: Path, linted: list[str], rules_file: Callable[[str], str]
) -> None:
    rules = rules_file(BASIC_RULES)
    _run(site, "--rules", rules)
    linted.clear()
    _run(site, "--rules", rules)
    assert linted == []
    Path(rules).write_text(BASIC_RULES.replace("Speed claim.", "Speed claim, reworded."), encoding="utf-8")
    warm = _run(site, "--rules", rules)
    assert len(linted) == _files(site)
    assert "Speed claim, reworded." in warm
    assert warm == _run(site, "--rules", rules, "--no-cache")


@pytest.mark.parametrize(
    "config",
    [
        "ignore: [CL0]\n",
        "severity:\n  CL0: info\n",
        'per-file-ignores:\n  "blog/**": [CL0]\n',
        "require-reasons: false\n",
        "formats:\n  .txt: markdown\n",
    ],
    ids=["ignore", "severity", "per-file-ignores", "require-reasons", "formats"],
)
def test_changing_a_setting_relints_and_matches_a_fresh_run(site: Path, linted: list[str], config: str) -> None:
    _run(site)
    (site / ".claimlint.yaml").write_text(config, encoding="utf-8")
    linted.clear()
    warm = _run(site)
    assert linted
    assert warm == _run(site, "--no-cache")


def test_a_cli_selection_is_part_of_the_key(site: Path, linted: list[str]) -> None:
    everything = _run(site)
    narrowed = _run(site, "--select", "CL001")
    assert narrowed != everything
    linted.clear()
    assert _run(site) == everything
    assert _run(site, "--select", "CL001") == narrowed
    assert linted == []


def test_baseline_filters_cached_findings_exactly_as_fresh_ones(site: Path, linted: list[str]) -> None:
    baseline = site.parent / "baseline.yaml"
    assert main(["check", str(site / "blog"), "--jobs", "1", "--write-baseline", str(baseline)]) == 0
    linted.clear()
    cold = _run(site, "--baseline", str(baseline))
    warm = _run(site, "--baseline", str(baseline))
    assert len(linted) == _files(site) - _files(site / "blog")
    assert cold == warm == _run(site, "--baseline", str(baseline), "--no-cache")
    assert "blog/post.md" not in cold


def test_diff_and_fix_always_lint_and_store_nothing(site: Path, linted: list[str], tmp_path: Path) -> None:
    main(["check", str(site), "--jobs", "1", "--diff"])
    assert len(linted) >= _files(site)
    assert _entries(tmp_path) == []


def test_stdin_is_never_cached(linted: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(2):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EXTRA.encode("utf-8"))))
        assert main(["check", "-", "--stdin-filename", "page.md", "--jobs", "1"]) == 1
    assert linted == ["page.md", "page.md"]
    assert _entries(tmp_path) == []


def test_env_variable_turns_only_the_result_cache_off(
    site: Path, linted: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMLINT_NO_RESULT_CACHE", "1")
    _run(site)
    _run(site)
    assert len(linted) == 2 * _files(site)
    assert _entries(tmp_path) == []
    assert any(p.name.startswith("rules-") for p in (tmp_path / "cache").iterdir())


def test_worker_processes_write_and_serve_entries(site: Path, linted: list[str], tmp_path: Path) -> None:
    for i in range(parallel.MIN_ITEMS + 12):
        shutil.copyfile(site / "ketamine-infusions.md", site / "blog" / f"copy{i:03d}.md")
    fresh = _run(site, "--no-cache")
    cold = _run(site, "--jobs", "2")
    assert len(_entries(tmp_path)) == _files(site)
    warm = _run(site, "--jobs", "2")
    assert fresh == cold == warm
    assert not [name for name in _entries(tmp_path) if name.endswith(".tmp")]


def test_clean_command_empties_the_cache(
    site: Path, linted: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(site)
    written = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name != cache.PRUNE_MARKER]
    assert len(written) > len(_entries(tmp_path)) > 0, "the entries and the rule set"
    capsys.readouterr()
    assert main(["clean"]) == 0
    assert f"removed {len(written)} cache files" in capsys.readouterr().out
    assert not (tmp_path / "cache").exists()
    linted.clear()
    _run(site)
    assert len(linted) == _files(site)


def test_write_baseline_records_the_same_findings_from_the_cache(site: Path, linted: list[str]) -> None:
    fresh, cached = site.parent / "fresh.yaml", site.parent / "cached.yaml"
    assert main(["check", str(site), "--jobs", "1", "--no-cache", "--write-baseline", str(fresh)]) == 0
    _run(site)
    linted.clear()
    assert main(["check", str(site), "--jobs", "1", "--write-baseline", str(cached)]) == 0
    assert linted == []
    assert cached.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8")


def test_an_unusable_cache_folder_only_means_linting(
    site: Path, linted: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(blocker / "cache"))
    first = _run(site)
    assert _run(site) == first == _run(site, "--no-cache")
    assert len(linted) == 3 * _files(site)
