"""The speed layers agree with the ``regex`` module on letters with odd case folding (issue 8).

Every rule's own bad examples, with letters swapped for partners that
``regex`` matches ignoring case while RE2, ``str.lower`` or ``str.casefold``
may not (İ and ı for i, LONG S for s, KELVIN SIGN for k), or preceded by
letters whose lower case changes length or spelling (Σ/ς, ligatures, ß), are
linted in fresh processes: with every prefilter, per-segment filter and
cache, ``--jobs 2`` and the result cache, the JSON must equal a
``--no-prefilter`` run's byte for byte. Before the fix, "NO SİDE EFFECTS"
fired CL023 only with ``--no-prefilter``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "src" / "claimlint" / "rules.yaml"

SWAPS: dict[str, Callable[[str], str]] = {
    "dotted-i": lambda t: t.replace("i", "\u0130"),
    "upper-dotless-i": lambda t: t.upper().replace("I", "\u0131"),
    "long-s-kelvin": lambda t: t.replace("s", "\u017f").replace("k", "\u212a"),
    "upper-dotted-i": lambda t: t.upper().replace("I", "\u0130"),
    "shifted": lambda t: "ΣΊΣΥΦΟΣ ﬁne Straße İİ — " + t.replace("fi", "\ufb01").replace("ss", "ß"),
}
#: Examples per file, in turn: one (a short document, searched whole) and nine (past the per-segment filters).
CHUNKS = (1, 9)


def _examples() -> list[str]:
    pack = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    return [str(e) for rule in pack["rules"] for e in (rule.get("examples") or {}).get("bad", [])]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each bad example once, with one swap (in turn), in files of one and of nine paragraphs."""
    root = tmp_path_factory.mktemp("casefold") / "site"
    root.mkdir()
    examples = _examples()
    names = list(SWAPS)
    pos = part = 0
    while pos < len(examples):
        size = CHUNKS[part % len(CHUNKS)]
        swap = SWAPS[names[part % len(names)]]
        body = "\n\n".join(swap(e) for e in examples[pos : pos + size])
        (root / f"page-{part:04d}.md").write_text(body + "\n", encoding="utf-8")
        pos += size
        part += 1
    return root


def _run(site: Path, cache: Path, *options: str, result_cache: bool = False, focus: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLINT_")}
    env.update(PYTHONPATH=str(ROOT / "src"), CLAIMLINT_CACHE_DIR=str(cache))
    if not result_cache:
        env["CLAIMLINT_NO_RESULT_CACHE"] = "1"
    if focus:
        env["CLAIMLINT_FOCUS"] = "1"
    command = [sys.executable, "-m", "claimlint", "check", str(site), "--format", "json", "--fail-on", "never"]
    done = subprocess.run([*command, *options], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def reference(site: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _run(site, tmp_path_factory.mktemp("nocache"), "--no-prefilter", "--no-cache", "--jobs", "1")


def test_the_swapped_examples_still_fire(site: Path, reference: str) -> None:
    """Not a vacuous comparison: ``regex`` matches most swapped examples, so the reference finds plenty."""
    findings = json.loads(reference)["findings"]
    assert len(list(site.iterdir())) >= 48
    assert len(findings) >= 500
    assert any("\u0130" in f["match"] for f in findings)
    assert any("\u017f" in f["match"] or "\u212a" in f["match"] for f in findings)


def test_prefilters_with_a_cold_then_warm_rule_cache(site: Path, reference: str, tmp_path: Path) -> None:
    """Cold: regexes compiled while validating; warm: the first document's per-regex RE2 filters decide."""
    assert _run(site, tmp_path, "--jobs", "1") == reference
    assert _run(site, tmp_path, "--jobs", "1") == reference


def test_prefilters_without_caches(site: Path, reference: str, tmp_path: Path) -> None:
    assert _run(site, tmp_path, "--no-cache", "--jobs", "1") == reference


def test_two_workers_and_the_result_cache(site: Path, reference: str, tmp_path: Path) -> None:
    assert _run(site, tmp_path, "--jobs", "2") == reference
    assert _run(site, tmp_path, "--jobs", "2", result_cache=True) == reference
    assert _run(site, tmp_path, "--jobs", "2", result_cache=True) == reference


def test_focused_parsing(site: Path, reference: str, tmp_path: Path) -> None:
    """Parsing only the blocks around anchor words (``CLAIMLINT_FOCUS=1``) finds the same."""
    assert _run(site, tmp_path, "--jobs", "1", focus=True) == reference
