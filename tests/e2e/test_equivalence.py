"""Speed features never change a finding: ``--jobs``, the prefilters, the per-segment filters and the result cache.

Every variant must print byte-identical JSON. The sample mixes pages from the
benchmark docs corpus as they are (mostly skipped by the prefilter) with the
same pages made *dense* by the benchmark's own ``make_dense.py`` (a
ketamine-marketing paragraph planted in each, so every rule runs), plus the
repository's labelled corpus of real marketing pages and a few edge cases
for the filters (overlapping words, case folding that changes length,
entities, CRLF).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from claimlint import engine, multisearch, parallel
from claimlint.sources import inline

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path("/work/shared/bench")
SAMPLE_EVERY = 77

EDGE_CASES = {
    "edge-overlap.md": "Ketamine infusions are painless and safe, a breakthrough for chronic pain patients.\n",
    "edge-fold.md": "İSTANBUL clinic: ketamine is a miracle cure for chronic pain, proven safe.\n",
    "edge-entities.html": "<p>Ketamine&nbsp;infusions: a safe&#32;and natural miracle cure for chronic pain.</p>\n",
    "edge-crlf.md": "# Relief\r\n\r\nKetamine infusions work within minutes\r\nfor chronic pain patients.\r\n",
    "edge-joined.md": "Ketamine infusions are a mira**cle** cure for chronic pain, 100% sa<b>fe</b> and pain-fr_ee_.\n",
}


def _corpus_sample(src: Path) -> int:
    """Every SAMPLE_EVERY-th Markdown file of the benchmark corpus into ``src``."""
    count = 0
    with tarfile.open(BENCH / "corpus-md.tar.gz") as tar:
        members = sorted((m for m in tar.getmembers() if m.isfile() and m.name.endswith(".md")), key=lambda m: m.name)
        for member in members[::SAMPLE_EVERY]:
            data = tar.extractfile(member)
            assert data is not None
            target = src / member.name.replace("/", "__")
            target.write_bytes(data.read())
            count += 1
    return count


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("equivalence")
    site = root / "site"
    site.mkdir()
    for path in sorted((ROOT / "corpus").glob("*")):
        if path.suffix in {".md", ".html", ".txt"} and path.name not in {"README.md", "SOURCES.md"}:
            shutil.copyfile(path, site / path.name)
    for name, text in EDGE_CASES.items():
        (site / name).write_bytes(text.encode("utf-8"))
    if (BENCH / "make_dense.py").exists():
        plain = site / "docs"
        plain.mkdir()
        _corpus_sample(plain)
        dense = site / "dense"
        subprocess.run(
            [sys.executable, str(BENCH / "make_dense.py"), str(plain), str(dense)], check=True, capture_output=True
        )
    return site


def _json(site: Path, *options: str) -> str:
    from claimlint.cli import main

    out = site.parent / "out.json"
    rc = main(["check", str(site), "--format", "json", "--fail-on", "never", "--output", str(out), *options])
    assert rc == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def serial(sample: Path) -> str:
    return _json(sample, "--jobs", "1")


def test_sample_is_big_and_dense_enough(sample: Path, serial: str) -> None:
    doc = json.loads(serial)
    assert doc["summary"]["findings"] > 0
    if not (sample / "dense").exists():
        pytest.skip("benchmark corpus not available: only the repository corpus is compared")
    assert doc["summary"]["files"] >= parallel.MIN_ITEMS
    dense_hits = {f["path"] for f in doc["findings"] if "/dense/" in f["path"]}
    assert len(dense_hits) >= 30, "the planted paragraphs should fire in most dense files"


@pytest.mark.parametrize(
    "options",
    [("--jobs", "2"), ("--no-prefilter", "--jobs", "2")],
    ids=["jobs-2", "no-prefilter-jobs-2"],
)
def test_identical_json(sample: Path, serial: str, options: tuple[str, ...]) -> None:
    assert _json(sample, *options) == serial


@pytest.mark.parametrize("always", [True, False], ids=["shortcuts-from-the-start", "shortcuts-never"])
def test_prefilter_shortcuts_change_nothing(
    sample: Path, serial: str, always: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exact word Set and Markdown's join check start only after 256 KB; forced on or off, same output."""
    threshold = -1 if always else 1 << 40
    monkeypatch.setattr(multisearch, "EXACT_AFTER", threshold)
    monkeypatch.setattr(inline, "GLUE_AFTER", threshold)
    monkeypatch.setattr(inline, "_cleaned", [0])
    assert _json(sample, "--jobs", "1") == serial


@pytest.mark.parametrize(
    "options",
    [("--jobs", "1"), ("--jobs", "2"), ("--no-prefilter", "--jobs", "1")],
    ids=["focus-jobs-1", "focus-jobs-2", "focus-no-prefilter"],
)
def test_identical_json_with_focused_parsing(
    sample: Path, serial: str, options: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing only the Markdown blocks around anchor words changes nothing (``--no-prefilter`` turns it off)."""
    monkeypatch.setenv(engine.FOCUS_ENV, "1")
    assert _json(sample, *options) == serial


def test_identical_json_from_the_result_cache(
    sample: Path, serial: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cold (storing), warm (served from entries) and warm serial runs all print what a fresh lint prints."""
    monkeypatch.delenv("CLAIMLINT_NO_RESULT_CACHE", raising=False)
    monkeypatch.delenv("CLAIMLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path / "cache"))
    assert _json(sample, "--jobs", "2") == serial
    assert _json(sample, "--jobs", "2") == serial
    from claimlint import runner

    linted: list[str] = []
    real = runner.check_text
    monkeypatch.setattr(runner, "check_text", lambda path, *a, **k: linted.append(path) or real(path, *a, **k))
    assert _json(sample, "--jobs", "1") == serial
    assert linted == [], "every file was served from the cache"
