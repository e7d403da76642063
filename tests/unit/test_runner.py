"""The runner keeps every finding until the report compactly, and resumes a collector paused for start-up."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimlint import runner as runner_module
from claimlint.cli import main
from claimlint.config import Settings
from claimlint.model import Finding, Rule, Severity
from claimlint.plugins import get_registry
from claimlint.runner import RunRequest, _shared, run

RULE = Rule("T001", "wonder", "miracle-hype", Severity.WARNING, "phrase", "Hype.", params={"phrases": ["wonder drug"]})


def _finding(path: str, match: str, sentence: str) -> Finding:
    return Finding(path, 1, 1, 1, 12, RULE, match, "line", sentence, "")


def test_equal_strings_are_held_once_across_files() -> None:
    strings: dict[str, str] = {}
    first = _shared([_finding("a.md", "".join(["wonder", " drug"]), "A wonder drug.")], strings)
    second = _shared([_finding("b.md", "".join(["wonder", " drug"]), "".join(["A wonder", " drug."]))], strings)
    assert second[0].match is first[0].match
    assert second[0].sentence is first[0].sentence
    assert second[0] == _finding("b.md", "wonder drug", "A wonder drug.")


def test_a_finding_already_sharing_its_strings_is_kept_as_it_is() -> None:
    strings: dict[str, str] = {}
    (kept,) = _shared([_finding("a.md", "wonder drug", "A wonder drug.")], strings)
    assert _shared([kept], strings)[0] is kept


def test_a_run_reports_the_same_findings(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "version: 1\nrules:\n  - {id: T001, name: wonder, category: miracle-hype, severity: warning,"
        " type: phrase, phrases: [wonder drug], message: Hype.}\n",
        encoding="utf-8",
    )
    pages = []
    for name in ("a.md", "b.md"):
        page = tmp_path / name
        page.write_text("Ketamine is a wonder drug.\n\nTruly a wonder drug.\n", encoding="utf-8")
        pages.append(str(page))
    settings = Settings(extends=[], rule_files=[str(rules)])
    report = run(RunRequest(pages, settings, cache=False, jobs=1), get_registry(False))
    assert [(Path(f.path).name, f.line, f.match) for f in report.findings] == [
        ("a.md", 1, "wonder drug"),
        ("a.md", 3, "wonder drug"),
        ("b.md", 1, "wonder drug"),
        ("b.md", 3, "wonder drug"),
    ]
    assert len({id(f.match) for f in report.findings}) == 1


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test does to the garbage collector is undone."""
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


def _page(tmp_path: Path) -> str:
    page = tmp_path / "a.md"
    page.write_text("Ketamine is a wonder drug.\n", encoding="utf-8")
    return str(page)


def test_a_paused_collector_is_resumed_after_compiling(tmp_path: Path, collector: None) -> None:
    gc.disable()
    run(RunRequest([_page(tmp_path)], Settings(), cache=False, jobs=1, resume_gc=True), get_registry(False))
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_the_collector_is_left_alone_unless_asked(tmp_path: Path, collector: None) -> None:
    gc.disable()
    run(RunRequest([_page(tmp_path)], Settings(), cache=False, jobs=1), get_registry(False))
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_only_a_console_check_pauses_the_collector(
    tmp_path: Path, collector: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    real = runner_module._Run._go

    def spy(self: Any, progress: Any) -> Any:
        seen.append(self.request.resume_gc)
        return real(self, progress)

    monkeypatch.setattr(runner_module._Run, "_go", spy)
    monkeypatch.setenv("CLAIMLINT_NO_CACHE", "1")
    page = _page(tmp_path)
    monkeypatch.setattr(sys, "argv", ["claimlint", "check", "--fail-on", "never", page])
    assert main() == 0
    assert main(["check", "--fail-on", "never", page]) == 0
    assert seen == [True, False]
    assert gc.isenabled()
    capsys.readouterr()
