"""Helpers several reporters share (summary wording, suggestion filling)."""

from __future__ import annotations

from claimlint.model import Finding, Report


def suggestion_for(finding: Finding) -> str:
    """The rule's suggestion with ``{match}`` filled in."""
    return finding.rule.suggestion.replace("{match}", finding.match)


def plural(n: int, word: str) -> str:
    """``1 file`` / ``2 files``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: Report) -> str:
    """One human sentence with the totals."""
    files = plural(report.files, "file")
    if not report.findings:
        return f"No findings in {files}."
    counts = report.by_severity()
    parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    return f"Found {plural(len(report.findings), 'finding')} ({parts}) in {files}."
