"""What a warm one-page ``claimlint check`` (a pre-commit run) imports, in a fresh interpreter.

Speed is measured by benchmarks/bench.py; this only guards the laziness that
speed depends on: with the rule cache and the entry-point scan warm, no YAML
parser, no ``importlib.metadata`` and no unused reporter is imported, and no
rule regex is parsed to find its words or its RE2 filter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from claimlint import literals
from claimlint.cli import main

parsed = []
real = literals.parse_tree
literals.parse_tree = lambda pattern: parsed.append(pattern) or real(pattern)
code = main(sys.argv[1:])
sys.stdout.flush()
print(json.dumps({"code": code, "modules": sorted(sys.modules), "parsed": parsed}), file=sys.stderr)
"""

NEVER_WARM = (
    "yaml",
    "importlib.metadata",
    "difflib",
    "claimlint.reporters.json",
    "claimlint.reporters.sarif",
    "claimlint.reporters.github",
    "claimlint.reporters.html",
    "claimlint.ruletypes.references",
)


def _probe(tmp_path: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "CLAIMLINT_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("CLAIMLINT_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
    )
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    result["stdout"] = done.stdout
    return result


@pytest.fixture
def page(tmp_path: Path) -> str:
    path = tmp_path / "page.md"
    path.write_text("# Ketamine infusions\n\nOur ketamine clinic offers relief within minutes.\n", encoding="utf-8")
    return str(path)


def test_a_warm_check_imports_only_what_it_uses(tmp_path: Path, page: str) -> None:
    cold = _probe(tmp_path, "check", page)
    warm = _probe(tmp_path, "check", page)
    assert warm["code"] == cold["code"] == 1
    assert warm["stdout"] == cold["stdout"]
    assert "page.md:3:" in str(warm["stdout"])
    modules = set(warm["modules"])  # type: ignore[call-overload]
    assert modules.isdisjoint(NEVER_WARM), sorted(modules.intersection(NEVER_WARM))
    assert "claimlint.reporters.text" in modules
    assert cold["parsed"]
    assert warm["parsed"] == []


def test_a_page_nothing_can_fire_on_is_neither_parsed_nor_matched(tmp_path: Path) -> None:
    path = tmp_path / "other.md"
    path.write_text("# Get-Item\n\nGets the item at the location, with *emphasis* and a [link](x).\n", encoding="utf-8")
    _probe(tmp_path, "check", str(path))
    warm = _probe(tmp_path, "check", str(path))
    assert warm["code"] == 0
    modules = set(warm["modules"])  # type: ignore[call-overload]
    unused = {"markdown_it", "regex", "html.parser", "claimlint.sources.markdown", "claimlint.sources.html"}
    unused |= {"signal", "traceback"}  # the process pool's, for runs of 48 files or more
    assert modules.isdisjoint(unused), sorted(modules & unused)


def test_no_cache_still_validates_and_scans(tmp_path: Path, page: str) -> None:
    _probe(tmp_path, "check", page)
    fresh = _probe(tmp_path, "check", "--no-cache", page)
    assert fresh["code"] == 1
    modules = set(fresh["modules"])  # type: ignore[call-overload]
    assert {"yaml", "importlib.metadata"} <= modules
    assert fresh["parsed"]


def test_the_chosen_reporter_is_imported(tmp_path: Path, page: str) -> None:
    result = _probe(tmp_path, "check", "--format", "json", page)
    assert json.loads(str(result["stdout"]))["findings"]
    assert "claimlint.reporters.json" in set(result["modules"])  # type: ignore[call-overload]
