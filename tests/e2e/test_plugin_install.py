"""The example plugin, pip-installed next to claimlint in a fresh virtual environment.

No editable installs and no ``--system-site-packages``: claimlint and the
plugin are built as wheels and installed, so this proves the plugin is found
through its entry point and that its pack YAML ships inside the wheel. Both
are built with ``--no-build-isolation`` after installing hatchling into the
venv once, which avoids two isolated build environments (pip's cache and
find-links serve the wheels).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "claimlint-plugin-example"

pytestmark = pytest.mark.slow

# Line 3 holds a key that is itself a risky phrase: keys must never be linted.
I18N = (
    "{\n"
    '  "hero": {\n'
    '    "boosts immunity": "Our tea \\"boosts immunity\\" daily",\n'
    '    "cta": ["A caf\\u00e9 detox", "Clinically\\u0020proven formula"],\n'
    '    "claims": "The best, strongest and most powerful blend. Amazing and incredible!"\n'
    "  }\n"
    "}\n"
)

RULES = """\
version: 1
extends: [default, supplements]
rules:
  - id: ACME01
    name: hype-stack
    category: superiority-claim
    severity: warning
    type: density
    words: [amazing, incredible, unbelievable]
    max: 1
    message: "More than one hype word in one string."
"""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", NO_COLOR="1")
    return env


def make_venv(where: Path) -> Path:
    """A fresh venv holding only claimlint, the example plugin and their dependencies."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, env=_env(), timeout=120)
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    for args in (["hatchling>=1.21"], ["--no-build-isolation", str(ROOT), str(EXAMPLE)]):
        done = subprocess.run([*pip, *args], capture_output=True, text=True, env=_env(), timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    return where


def claimlint(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = venv / "bin" / "claimlint"
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True, env=_env(), timeout=60)


def check_installed_claimlint_is_not_the_working_tree(venv: Path) -> None:
    python = venv / "bin" / "python"
    code = "import claimlint, claimlint_example; print(claimlint.__file__); print(claimlint_example.__file__)"
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, env=_env(), check=True)
    for line in done.stdout.split():
        assert line.startswith(str(venv)), line


def check_version_lists_the_installed_plugin(venv: Path, workdir: Path) -> None:
    done = claimlint(venv, workdir, "--version")
    assert done.returncode == 0, done.stderr
    assert "example (claimlint-plugin-example 0.1.0)" in done.stdout.splitlines()[-1]


def check_format_rule_type_and_pack(venv: Path, workdir: Path) -> None:
    done = claimlint(venv, workdir, "check", "site", "--rules", "rules.yaml", "--format", "json")
    assert done.returncode == 1, done.stderr
    found = {
        (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["match"])
        for f in json.loads(done.stdout)["findings"]
    }
    assert found == {
        ("SUP002", 3, 35, 3, 50, "boosts immunity"),
        ("SUP003", 4, 26, 4, 31, "detox"),
        ("SUP004", 4, 35, 4, 57, "Clinically\\u0020proven"),
        ("SUP006", 5, 40, 5, 53, "most powerful"),
        ("ACME01", 5, 73, 5, 83, "incredible"),
    }
    lines = I18N.splitlines()
    for _, line, col, end_line, end_col, match in found:
        assert line == end_line
        assert lines[line - 1][col - 1 : end_col - 1] == match


def check_checkstyle_reporter(venv: Path, workdir: Path) -> None:
    done = claimlint(venv, workdir, "check", "site", "--rules", "rules.yaml", "--format", "checkstyle")
    assert done.returncode == 1, done.stderr
    root = ET.fromstring(done.stdout)
    (file_el,) = root.findall("file")
    assert file_el.get("name") == "site/home.i18n.json"
    sources = [e.get("source") for e in file_el.findall("error")]
    assert sources == [
        "claimlint.SUP002",
        "claimlint.SUP003",
        "claimlint.SUP004",
        "claimlint.SUP006",
        "claimlint.ACME01",
    ]
    assert file_el.findall("error")[2].get("severity") == "error"


def check_pack_rules_fire_only_when_extended(venv: Path, workdir: Path) -> None:
    done = claimlint(venv, workdir, "check", "site", "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["findings"] == []


def check_installed_pack_passes_its_own_examples(venv: Path, workdir: Path) -> None:
    python = venv / "bin" / "python"
    code = "from importlib.resources import files; print(files('claimlint_example') / 'packs' / 'supplements.yaml')"
    pack = subprocess.run([str(python), "-c", code], capture_output=True, text=True, env=_env(), check=True)
    done = claimlint(venv, workdir, "test-rules", pack.stdout.strip())
    assert done.returncode == 0, done.stdout
    assert done.stdout.endswith("0 failed: ok\n")


def test_installed_plugin_end_to_end(tmp_path: Path) -> None:
    """One test, so a parallel run (pytest -n) never builds the venv twice."""
    venv = make_venv(tmp_path / "venv")
    workdir = tmp_path / "work"
    (workdir / "site").mkdir(parents=True)
    (workdir / "site" / "home.i18n.json").write_text(I18N, encoding="utf-8")
    (workdir / "rules.yaml").write_text(RULES, encoding="utf-8")
    check_installed_claimlint_is_not_the_working_tree(venv)
    check_version_lists_the_installed_plugin(venv, workdir)
    check_format_rule_type_and_pack(venv, workdir)
    check_checkstyle_reporter(venv, workdir)
    check_pack_rules_fire_only_when_extended(venv, workdir)
    check_installed_pack_passes_its_own_examples(venv, workdir)
