"""Shared factories: small rule files and a CLI runner on top of capsys."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimlint.cli import main

BASIC_RULES = """
version: 1
evidence:
  ev1: {citation: "Example citation 2020.", url: "https://example.org/ev1", finding: "A finding."}
rules:
  - id: T001
    name: natural-claim
    category: natural-claim
    severity: error
    type: phrase
    phrases: ["safe and natural", "habit-forming", "don't worry"]
    unless: ['\\bnot\\b']
    message: "Natural implies safe."
    suggestion: "Say what it is instead of '{match}'."
    evidence: [ev1]
  - id: T002
    name: speed
    category: speed-of-relief
    severity: warning
    type: pattern
    patterns: ['\\bwithin\\s+minutes\\b']
    message: "Speed claim."
    evidence: [ev1]
  - id: T003
    name: hype
    category: miracle-hype
    severity: info
    type: phrase
    phrases: ["game changer"]
    message: "Hype."
"""


@pytest.fixture
def rules_file(tmp_path: Path) -> Callable[[str], str]:
    """Write a rules YAML (dedented) and return its path."""

    def make(text: str = BASIC_RULES, name: str = "rules.yaml") -> str:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return make


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Call ``main`` in-process and return (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        rc = main(list(args))
        out, err = capsys.readouterr()
        return rc, out, err

    return run


@pytest.fixture(autouse=True, scope="session")
def _no_result_cache() -> Iterator[None]:
    """Lint afresh in every test: a result cached by an earlier test (or run) would hide what the engine does.

    Session-wide, so module-scoped fixtures that run claimlint are covered too. Tests of
    the result cache itself delete this variable and use their own cache folder.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMLINT_NO_RESULT_CACHE", "1")
        yield


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Give the suite its own cache folder, so no test depends on what earlier runs left in the user's.

    The rule cache seeds later runs with words and compiled tables from earlier ones: a test that
    passes only against a warm user cache, or fails only against one, would say nothing about
    claimlint. One folder per session (per xdist worker) keeps runs independent and repeatable.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMLINT_CACHE_DIR", str(tmp_path_factory.mktemp("claimlint-cache")))
        yield
