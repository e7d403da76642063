"""``--format json``: the versioned wire format other tools read.

The shape is a contract: add keys only in a new ``version``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import IO, Any

from claimlint.api import ReporterSpec
from claimlint.model import Finding, Report
from claimlint.reporters.common import suggestion_for


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding in wire form."""
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "rule": f.rule.id,
        "name": f.rule.name,
        "category": f.rule.category,
        "severity": str(f.severity),
        "scope": f.scope,
        "message": f.rule.message,
        "match": f.match,
        "suggestion": suggestion_for(f),
        "evidence": [{"id": e.id, "citation": e.citation, "url": e.url} for e in f.rule.evidence],
    }


class JsonReporter:
    """Writes one JSON document."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.indent = 2 if options.get("pretty", True) else None

    def render(self, report: Report, stream: IO[str]) -> None:
        """Write the report as JSON."""
        doc = {
            "version": 1,
            "findings": [finding_dict(f) for f in report.findings],
            "summary": {
                "files": report.files,
                "findings": len(report.findings),
                "by_severity": report.by_severity(),
            },
        }
        json.dump(doc, stream, indent=self.indent, ensure_ascii=False)
        stream.write("\n")


REPORTER = ReporterSpec("json", JsonReporter, "Versioned JSON for other tools.", machine=True)
