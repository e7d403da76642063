"""The composite action in ``action.yml``, exercised as far as it can be off GitHub.

What runs for real: every ``run:`` step's script, with ``${{ inputs.X }}`` and
``${{ github.action_path }}`` substituted the way the runner does for a
composite action's ``env:``, run as GitHub runs ``shell: bash``
(``bash --noprofile --norc -eo pipefail``), with the real ``claimlint`` on PATH.
What does not: ``uses:`` steps (actions/setup-python) are skipped, and
``python -m pip install`` hits a ``python`` shim that only records its
arguments, since claimlint is already installed here. One test also shims
``claimlint`` to check the exact command line (``--config`` included) the
inputs produce, independent of which options the installed CLI has."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
RULES = """\
version: 1
rules:
  - id: T001
    name: miracle-cure
    category: cure-claim
    severity: warning
    type: phrase
    phrases: ["miracle cure"]
    message: "Promises a cure."
    suggestion: "Say what the | evidence shows."
"""
RECORDER = """#!/bin/sh
printf '%s\\n' "$@" > "$RECORD_FILE"
"""


def inputs_used(node: object) -> set[str]:
    """Every ``inputs.X`` named in an expression anywhere in the action."""
    if isinstance(node, dict):
        return set().union(*(inputs_used(v) for v in node.values()), set())
    if isinstance(node, list):
        return set().union(*(inputs_used(v) for v in node), set())
    if isinstance(node, str):
        return {m for expr in EXPR.findall(node) for m in re.findall(r"inputs\.([A-Za-z0-9_-]+)", expr)}
    return set()


def render(value: str, inputs: Mapping[str, str]) -> str:
    """Evaluate the two expression forms the action uses; anything else is a test failure."""

    def one(m: re.Match[str]) -> str:
        expr = m.group(1)
        if expr == "github.action_path":
            return str(ROOT)
        assert expr.startswith("inputs."), f"unsupported expression {expr!r}"
        return inputs[expr.removeprefix("inputs.")]

    return EXPR.sub(one, value)


def with_defaults(given: Mapping[str, str]) -> dict[str, str]:
    unknown = set(given) - set(ACTION["inputs"])
    assert not unknown, unknown
    return {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()} | dict(given)


def run_steps(
    workdir: Path, given: Mapping[str, str], shims: Path, claimlint_shim: bool = False
) -> list[subprocess.CompletedProcess[str]]:
    """Run each ``run:`` step in order, stopping at the first failure, as a job would."""
    inputs = with_defaults(given)
    results = []
    for step in ACTION["runs"]["steps"]:
        if "run" not in step:
            continue
        env = {**os.environ, "RECORD_FILE": str(workdir / f"{len(results)}.args")}
        env |= {key: render(str(val), inputs) for key, val in step.get("env", {}).items()}
        is_install = "pip install" in step["run"]
        if is_install or claimlint_shim:
            env["PATH"] = f"{shims}{os.pathsep}{env['PATH']}"
        script = workdir / f"step{len(results)}.sh"
        script.write_text(render(step["run"], inputs), encoding="utf-8")
        result = subprocess.run(
            [step["shell"], "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        results.append(result)
        if result.returncode:
            break
    return results


@pytest.fixture
def shims(tmp_path: Path) -> Path:
    """A PATH folder whose ``python`` and ``claimlint`` only record their arguments."""
    folder = tmp_path / "shims"
    folder.mkdir()
    for name in ("python", "claimlint"):
        (folder / name).write_text(RECORDER, encoding="utf-8")
        (folder / name).chmod(0o755)
    return folder


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "workspace"
    (work / "content pages").mkdir(parents=True)
    (work / "content pages" / "risky.md").write_text("# Offer\n\nA miracle cure for pain.\n", encoding="utf-8")
    (work / "blog").mkdir()
    (work / "blog" / "clean.md").write_text("# Hours\n\nWe are open on Mondays.\n", encoding="utf-8")
    (work / "rules.yaml").write_text(RULES, encoding="utf-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return work


def test_every_input_used_is_declared_and_every_declared_input_is_used() -> None:
    used = inputs_used(ACTION)
    declared = set(ACTION["inputs"])
    assert used <= declared, used - declared
    assert declared - used == set()
    assert {"paths", "fail-on", "config", "format", "sarif-file", "version"} <= declared


def test_composite_steps_are_well_formed() -> None:
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    assert [s["uses"].split("@")[0] for s in steps if "uses" in s] == ["actions/setup-python"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs go through env:, never spliced into the script"


def test_install_step_uses_the_action_checkout_or_a_pinned_version(site: Path, shims: Path) -> None:
    results = run_steps(site, {"paths": "blog"}, shims)
    assert [r.returncode for r in results] == [0, 0]
    assert (site / "0.args").read_text().split("\n")[:2] == ["-m", "pip"]
    assert (site / "0.args").read_text().splitlines()[-1] == str(ROOT)
    run_steps(site, {"paths": "blog", "version": "0.1.0"}, shims)
    assert (site / "0.args").read_text().splitlines()[-1] == "claimlint==0.1.0"


def test_lint_step_annotates_writes_sarif_and_summary_and_fails(
    site: Path, shims: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = site / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    inputs = {"paths": "  content pages\n\nblog  \n", "rules": "rules.yaml", "sarif-file": "out.sarif"}
    results = run_steps(site, inputs, shims)
    lint = results[-1]
    assert len(results) == 2
    assert lint.returncode == 1, lint.stderr
    assert lint.stdout.startswith("::warning file=content pages/risky.md,line=3,endLine=3,col=3,endColumn=15,")
    assert lint.stdout.count("::") == 2
    sarif: dict[str, Any] = json.loads((site / "out.sarif").read_text(encoding="utf-8"))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]]
    assert uris == ["content%20pages/risky.md"]
    assert "Say what the \\| evidence shows." in summary.read_text(encoding="utf-8")


def test_fail_on_never_passes_and_default_paths_is_the_workspace(site: Path, shims: Path) -> None:
    results = run_steps(site, {"rules": "rules.yaml", "fail-on": "never", "format": "text"}, shims)
    assert results[-1].returncode == 0, results[-1].stderr
    assert "content pages/risky.md:3:3: T001 warning" in results[-1].stdout


def test_arguments_reach_claimlint_in_order(site: Path, shims: Path) -> None:
    given = {"paths": "a b\nc", "config": "claimlint.toml", "rules": "one.yaml\ntwo.yaml", "sarif-file": "x.sarif"}
    results = run_steps(site, given, shims, claimlint_shim=True)
    assert results[-1].returncode == 0
    args = (site / "1.args").read_text().splitlines()
    assert args == [
        "check",
        "--format",
        "github",
        "--fail-on",
        "warning",
        "--config",
        "claimlint.toml",
        "--sarif-file",
        "x.sarif",
        "--rules",
        "one.yaml",
        "--rules",
        "two.yaml",
        "--",
        "a b",
        "c",
    ]
