"""The runner keeps every finding until the report, so it keeps them compactly."""

from __future__ import annotations

from pathlib import Path

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
