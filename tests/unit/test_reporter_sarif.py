"""SARIF 2.1.0 output: schema-valid, stable fingerprints, fixes, URIs and rule metadata."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest

from claimlint.cli import main
from claimlint.fingerprint import fingerprint, fingerprints, normalize
from claimlint.model import Evidence, FileProblem, Finding, Report, Rule, Severity
from claimlint.reporters.sarif import FINGERPRINT_KEY, artifact_location, help_uri, sarif_log

SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

RULES = r"""
version: 1
evidence:
  ev-one:
    citation: "Example citation for tests."
    url: "https://example.org/evidence-one"
rules:
  - id: T001
    name: miracle-cure
    category: cure-claim
    severity: error
    type: phrase
    phrases: ["miracle cure"]
    message: "Promises a cure."
    suggestion: "Say what the evidence shows."
    description: "A longer explanation."
    evidence: [ev-one]
    replace: "treatment option"
  - id: T002
    name: guaranteed
    category: guarantee
    severity: warning
    type: pattern
    patterns: ['\bguaranteed\b']
    message: "Guarantees an outcome."
    help: "https://example.org/help/T002"
  - id: T003
    name: needs-disclosure
    category: disclosure
    severity: info
    type: require
    when: ['ketamine']
    must: ['off-label']
    message: "Mentions ketamine without saying it is off-label."
"""

PAGE = (
    "Ketamine is a miracle cure.\nResults guaranteed — naïve café.\nA miracle cure again. Ketamine is a miracle cure.\n"
)
PAGE_NAME = "my docs/pägé #1,%.txt"


def validate(doc: dict[str, Any]) -> None:
    """Validate offline: draft-04 is bundled with jsonschema, so nothing is fetched."""
    validator = jsonschema.Draft4Validator(SCHEMA)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def run_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str = PAGE) -> dict[str, Any]:
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    page = tmp_path / PAGE_NAME
    page.parent.mkdir(exist_ok=True)
    page.write_text(text, encoding="utf-8")
    out = tmp_path / "out.sarif"
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--rules", str(rules), "--format", "sarif", "--output", str(out), "my docs"]) == 1
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


@pytest.fixture
def sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    return run_sarif(tmp_path, monkeypatch)


def test_output_validates_against_the_official_schema(sarif: dict[str, Any]) -> None:
    validate(sarif)
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == 5


def test_schema_fixture_is_the_official_one() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def test_validation_rejects_a_broken_log(sarif: dict[str, Any]) -> None:
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    region["startLine"] = 0
    with pytest.raises(AssertionError, match="startLine"):
        validate(sarif)


def test_driver_and_rule_descriptors(sarif: dict[str, Any]) -> None:
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["name"] == "claimlint"
    assert driver["version"]
    assert "informationUri" not in driver
    rules = {r["id"]: r for r in driver["rules"]}
    t1 = rules["T001"]
    assert t1["name"] == "miracle-cure"
    assert t1["shortDescription"]["text"] == "Promises a cure."
    assert t1["fullDescription"]["text"] == "Promises a cure. A longer explanation. Say what the evidence shows."
    assert t1["helpUri"] == "https://example.org/evidence-one"
    assert t1["defaultConfiguration"]["level"] == "error"
    assert t1["properties"]["category"] == "cure-claim"
    assert t1["properties"]["evidence"][0]["citation"] == "Example citation for tests."
    assert t1["help"]["text"] == (
        "Promises a cure.\nSuggestion: Say what the evidence shows.\n"
        "Evidence: Example citation for tests. https://example.org/evidence-one"
    )
    assert "- Example citation for tests. <https://example.org/evidence-one>" in t1["help"]["markdown"]
    assert rules["T002"]["help"] == {"text": "Guarantees an outcome.", "markdown": "Guarantees an outcome."}
    assert rules["T002"]["helpUri"] == "https://example.org/help/T002"
    assert rules["T002"]["defaultConfiguration"]["level"] == "warning"
    assert "helpUri" not in rules["T003"]
    assert rules["T003"]["defaultConfiguration"]["level"] == "note"


def test_results_point_at_their_rules_and_regions(sarif: dict[str, Any]) -> None:
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    first_cure = next(r for r in run["results"] if r["ruleId"] == "T001")
    assert first_cure["level"] == "error"
    assert first_cure["message"]["text"] == "Promises a cure.\nSuggestion: Say what the evidence shows."
    loc = first_cure["locations"][0]["physicalLocation"]
    assert loc["region"] == {
        "startLine": 1,
        "startColumn": 15,
        "endLine": 1,
        "endColumn": 27,
        "snippet": {"text": "miracle cure"},
    }
    guaranteed = next(r for r in run["results"] if r["ruleId"] == "T002")
    assert guaranteed["locations"][0]["physicalLocation"]["region"]["startColumn"] == 9


def test_uris_are_relative_and_percent_encoded(sarif: dict[str, Any]) -> None:
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20docs/p%C3%A4g%C3%A9%20%231%2C%25.txt", "uriBaseId": "%SRCROOT%"}
    assert unquote(location["uri"]) == PAGE_NAME
    assert location["uri"].isascii()


def test_artifact_location_for_absolute_paths(tmp_path: Path) -> None:
    inside = tmp_path / "a b" / "c.md"
    assert artifact_location(str(inside), str(tmp_path)) == {"uri": "a%20b/c.md", "uriBaseId": "%SRCROOT%"}
    outside = artifact_location(str(tmp_path / "x y.md"), str(tmp_path / "a b"))
    assert outside == {"uri": (tmp_path / "x y.md").as_uri()}
    assert outside["uri"].startswith("file:///")
    assert artifact_location("a:b.md", str(tmp_path))["uri"] == "a%3Ab.md"


def test_fixes_only_for_rules_with_a_replacement(sarif: dict[str, Any]) -> None:
    results = sarif["runs"][0]["results"]
    for res in results:
        assert ("fixes" in res) == (res["ruleId"] == "T001")
    fix = next(r for r in results if r["ruleId"] == "T001")["fixes"][0]
    change = fix["artifactChanges"][0]
    assert change["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 1, "startColumn": 15, "endLine": 1, "endColumn": 27},
            "insertedContent": {"text": "treatment option"},
        }
    ]


def _prints(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"],
            r["partialFingerprints"][FINGERPRINT_KEY],
        )
        for r in doc["runs"][0]["results"]
    ]


def test_fingerprints_survive_unrelated_edits_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _prints(run_sarif(tmp_path, monkeypatch))
    after_doc = run_sarif(tmp_path, monkeypatch, "New heading.\n\nAnother intro line.\n" + PAGE)
    assert sorted(_prints(after_doc)) == sorted(before)
    assert after_doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4


def test_fingerprints_are_unique_and_change_with_the_sentence(
    sarif: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prints = [fp for _, _, fp in _prints(sarif)]
    assert len(set(prints)) == len(prints)
    edited = run_sarif(tmp_path, monkeypatch, PAGE.replace("A miracle cure again.", "A miracle cure, once more."))
    changed = set(fp for _, _, fp in _prints(edited)) - set(prints)
    assert len(changed) == 1


def _finding(line: int, sentence: str, match: str = "Miracle  Cure", path: str = "a.md") -> Finding:
    rule = Rule("T001", "miracle-cure", "cure-claim", Severity.ERROR, "phrase", "Promises a cure.")
    return Finding(path, line, 1, line, 13, rule, match, sentence=sentence)


def test_fingerprint_ignores_case_whitespace_and_position() -> None:
    assert normalize("  A\n miracle\tCURE ") == "a miracle cure"
    a = _finding(1, "It is a Miracle  Cure.")
    b = _finding(90, "it is a miracle\ncure.", match="miracle cure")
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a, 1) != fingerprint(a)
    assert fingerprint(a) != fingerprint(_finding(1, "It is a miracle cure!"))


def test_fingerprints_number_copies_per_file_in_text_order() -> None:
    first, second = _finding(1, "Same."), _finding(5, "Same.")
    other_file = _finding(3, "Same.", path="b.md")
    assert fingerprints([second, other_file, first]) == [
        fingerprint(second, 1),
        fingerprint(other_file),
        fingerprint(first),
    ]


def test_help_uri_never_invented() -> None:
    rule = Rule("X1", "x", "c", Severity.INFO, "phrase", "m")
    assert help_uri(rule) == ""
    with_evidence = Rule(
        "X1", "x", "c", Severity.INFO, "phrase", "m", evidence=(Evidence("e", "cite", "https://e.org/1"),)
    )
    assert help_uri(with_evidence) == "https://e.org/1"


def test_problems_become_notifications_and_the_log_stays_valid() -> None:
    rule = Rule("X1", "x", "c", Severity.INFO, "phrase", "m")
    report = Report(
        [], [FileProblem("gone.md", "file not found"), FileProblem("bad.md", "bad directive", 3, 2)], 0, [rule]
    )
    doc = sarif_log(report)
    validate(doc)
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == ["file not found", "bad directive"]
    assert notes[1]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 2}


def test_github_format_and_sarif_file_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "page.txt").write_text("It is a miracle cure.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code = main(["check", "--rules", "rules.yaml", "--format", "github", "--sarif-file", "out.sarif", "page.txt"])
    assert code == 1
    assert capsys.readouterr().out.startswith("::error file=page.txt,line=1,endLine=1,col=9,endColumn=21,")
    doc = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    validate(doc)
    assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["T001"]
