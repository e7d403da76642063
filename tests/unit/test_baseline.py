"""Approved-claims baseline: stable matching, counts, expiry, staleness, rewriting."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from claimlint import baseline
from claimlint.errors import ConfigError
from claimlint.model import Finding, Rule, Severity

NATURAL = Rule("T001", "natural-claim", "natural-claim", Severity.ERROR, "phrase", "Natural.")
TODAY = dt.date(2026, 6, 1)


def _f(path: str, line: int, sentence: str = "It is safe and natural.", match: str = "safe and natural") -> Finding:
    return Finding(path, line, 7, line, 23, NATURAL, match, sentence=sentence)


def _written(tmp_path: Path, findings: list[Finding], linted: list[str], name: str = "base.yaml") -> str:
    path = str(tmp_path / name)
    new, _ = baseline.rebuild(baseline.load(path, missing_ok=True), findings, linted)
    Path(path).write_text(baseline.dumps(new), encoding="utf-8")
    return path


def test_moved_lines_and_reflowed_text_still_match(tmp_path: Path) -> None:
    page = str(tmp_path / "page.md")
    path = _written(tmp_path, [_f(page, 3)], [page])
    moved = _f(page, 40, sentence="It is   SAFE and\nnatural.", match="SAFE and\nnatural")
    kept = baseline.BaselineFilter(baseline.load(path), TODAY).filter(page, [moved])
    assert kept == []


def test_same_claim_in_another_file_is_new(tmp_path: Path) -> None:
    page, other = str(tmp_path / "page.md"), str(tmp_path / "other.md")
    path = _written(tmp_path, [_f(page, 3)], [page])
    flt = baseline.BaselineFilter(baseline.load(path), TODAY)
    assert flt.filter(other, [_f(other, 3)]) != []


def test_repeated_claim_is_counted(tmp_path: Path) -> None:
    page = str(tmp_path / "page.md")
    path = _written(tmp_path, [_f(page, 3), _f(page, 9)], [page])
    assert "count: 2" in Path(path).read_text(encoding="utf-8")
    flt = baseline.BaselineFilter(baseline.load(path), TODAY)
    kept = flt.filter(page, [_f(page, 1), _f(page, 5), _f(page, 12)])
    assert [f.line for f in kept] == [12]


def test_a_changed_sentence_is_new(tmp_path: Path) -> None:
    page = str(tmp_path / "page.md")
    path = _written(tmp_path, [_f(page, 3)], [page])
    flt = baseline.BaselineFilter(baseline.load(path), TODAY)
    assert len(flt.filter(page, [_f(page, 3, sentence="Totally safe and natural, always.")])) == 1


def test_expired_entry_stops_suppressing_and_is_reported(tmp_path: Path) -> None:
    page = str(tmp_path / "page.md")
    path = _written(tmp_path, [_f(page, 3)], [page])
    text = Path(path).read_text(encoding="utf-8").replace("  fingerprint:", "  expires: 2026-01-31\n  fingerprint:")
    Path(path).write_text(text, encoding="utf-8")
    flt = baseline.BaselineFilter(baseline.load(path), TODAY)
    assert len(flt.filter(page, [_f(page, 3)])) == 1
    problems = flt.problems()
    assert [(p.rule.id, p.line) for p in problems] == [("CL905", 4)]


def test_entry_is_valid_through_its_expiry_day() -> None:
    entry = baseline.Entry("page.md", "T001", "x", expires="2026-06-01")
    assert not entry.expired(TODAY)
    assert entry.expired(TODAY + dt.timedelta(days=1))


def test_stale_entries_are_reported_only_for_linted_or_missing_files(tmp_path: Path) -> None:
    page, other = tmp_path / "page.md", tmp_path / "other.md"
    page.write_text("x", encoding="utf-8")
    other.write_text("x", encoding="utf-8")
    path = _written(tmp_path, [_f(str(page), 3), _f(str(other), 3)], [str(page), str(other)])
    flt = baseline.BaselineFilter(baseline.load(path), TODAY)
    flt.filter(str(page), [])
    assert [(p.rule.id, p.match.split(":")[0]) for p in flt.problems()] == [("CL906", "page.md")]
    other.unlink()
    problems = baseline.BaselineFilter(baseline.load(path), TODAY).problems()
    assert [p.match.split(":")[0] for p in problems] == ["other.md"]


def test_rebuild_prunes_stale_keeps_metadata_and_other_files(tmp_path: Path) -> None:
    page, other = tmp_path / "page.md", tmp_path / "other.md"
    other.write_text("x", encoding="utf-8")
    findings = [_f(str(page), 3), _f(str(page), 5, sentence="Gone soon, safe and natural."), _f(str(other), 1)]
    path = _written(tmp_path, findings, [str(page), str(other)])
    text = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(text.replace("  fingerprint:", "  approved_by: legal\n  fingerprint:"), encoding="utf-8")
    new, pruned = baseline.rebuild(baseline.load(path), [_f(str(page), 30)], [str(page)])
    assert pruned == 1
    kept = sorted((e.path, e.approved_by) for e in new.entries.values())
    assert kept == [("other.md", "legal"), ("page.md", "legal")]


def test_dump_is_sorted_and_round_trips(tmp_path: Path) -> None:
    a, b = str(tmp_path / "b.md"), str(tmp_path / "a.md")
    path = _written(tmp_path, [_f(a, 1), _f(b, 1)], [a, b])
    text = Path(path).read_text(encoding="utf-8")
    assert text.index("path: a.md") < text.index("path: b.md")
    again, _ = baseline.rebuild(baseline.load(path), [_f(a, 1), _f(b, 1)], [a, b])
    assert baseline.dumps(again) == text


def test_json_baseline(tmp_path: Path) -> None:
    page = str(tmp_path / "page.md")
    path = _written(tmp_path, [_f(page, 3)], [page], name="base.json")
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    assert data["entries"][0]["path"] == "page.md"
    assert baseline.BaselineFilter(baseline.load(path), TODAY).filter(page, [_f(page, 8)]) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entries:\n  - path: a.md\n    rule: T001\n", "base.yaml:2:5: baseline entry needs a string 'fingerprint'"),
        ("entries:\n  - {path: a.md, rule: T, fingerprint: f, expires: soon}\n", "'expires' must be a date"),
        ("entries:\n  - {path: a.md, rule: T, fingerprint: f, colour: red}\n", "unknown key 'colour'"),
        ("version: 2\nentries: []\n", "unsupported baseline version"),
    ],
)
def test_bad_baseline_files_are_located(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "base.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        baseline.load(str(path))
    assert message in str(info.value)


def test_missing_baseline_is_an_error_unless_writing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="baseline file not found"):
        baseline.load(str(tmp_path / "nope.yaml"))
    assert baseline.load(str(tmp_path / "nope.yaml"), missing_ok=True).entries == {}
