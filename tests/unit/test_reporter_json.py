"""``--format json`` writes one finding at a time, byte for byte what dumping the whole document wrote."""

from __future__ import annotations

import io
import json

import pytest

from claimlint.model import Evidence, Finding, Report, Rule, Severity
from claimlint.reporters.json import JsonReporter, finding_dict

EVIDENCE = (Evidence("E1", 'Tankha et al., "Ketamine", 2025', "https://doi.org/10/x", "Found."),)
RULE = Rule("T001", "wonder", "miracle-hype", Severity.WARNING, "phrase", "Hype: {match}.", evidence=EVIDENCE)
PLAIN = Rule("T002", "plain", "speed", Severity.ERROR, "pattern", "Speed.", suggestion='Say "within weeks".')


def _report(count: int) -> Report:
    matches = ["wonder drug", 'a "quoted" cure\\', "relief in 1 minute", "ketamine – überall ✓", "line\nbreak"]
    findings = [
        Finding(f"p{i}.md", i + 1, 2, i + 1, 9, (RULE, PLAIN)[i % 2], matches[i % len(matches)]) for i in range(count)
    ]
    return Report(findings, [], count, [RULE, PLAIN])


def _whole(report: Report, indent: int | None) -> str:
    """What the reporter wrote before it streamed: the whole document in one ``json.dump``."""
    doc = {
        "version": 1,
        "findings": [finding_dict(f) for f in report.findings],
        "summary": {"files": report.files, "findings": len(report.findings), "by_severity": report.by_severity()},
    }
    return json.dumps(doc, indent=indent, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("count", [0, 1, 2, 7])
@pytest.mark.parametrize("pretty", [True, False])
def test_streamed_output_is_the_whole_document(count: int, pretty: bool) -> None:
    report = _report(count)
    stream = io.StringIO()
    JsonReporter({"pretty": pretty}).render(report, stream)
    assert stream.getvalue() == _whole(report, 2 if pretty else None)
    assert len(json.loads(stream.getvalue())["findings"]) == count
