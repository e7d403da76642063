"""``--format github``: GitHub Actions workflow commands, plus a job summary.

Each finding becomes one ``::error``/``::warning``/``::notice`` line, which
the runner turns into an annotation on the pull request diff. GitHub shows
only a few annotations per step, so when ``GITHUB_STEP_SUMMARY`` is set the
reporter also appends a Markdown table of *every* finding to the job summary.

Escaping follows ``escapeData``/``escapeProperty`` in the actions toolkit
(``packages/core/src/command.ts``); the runner undoes exactly these.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import IO, Any

from claimlint.api import ReporterSpec
from claimlint.model import FileProblem, Finding, Report
from claimlint.reporters.common import plural, suggestion_for, summary_line

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message (the part after the second ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a ``key=value`` property: data escaping plus ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Mapping[str, object], data: str) -> str:
    """One workflow command line; empty properties are left out, as the toolkit does."""
    props = ",".join(f"{key}={escape_property(str(val))}" for key, val in properties.items() if val not in ("", None))
    head = f"::{name} {props}" if props else f"::{name}"
    return f"{head}::{escape_data(data)}"


def annotation(finding: Finding) -> str:
    """Build the workflow command for one finding."""
    props = {
        "file": finding.path,
        "line": finding.line,
        "endLine": finding.end_line,
        "col": finding.column,
        "endColumn": finding.end_column,
        "title": f"{finding.rule.id} {finding.rule.name}",
    }
    return command(_COMMANDS[str(finding.severity)], props, _message(finding))


def problem_annotation(problem: FileProblem) -> str:
    """Report a file that could not be linted as an error annotation on that file."""
    props = {"file": problem.path, "line": problem.line or "", "col": problem.column or "", "title": "claimlint"}
    return command("error", props, problem.message)


def _message(finding: Finding) -> str:
    suggestion = suggestion_for(finding)
    return f"{finding.rule.message}\nSuggestion: {suggestion}" if suggestion else finding.rule.message


def cell(value: object) -> str:
    """Make text safe inside a Markdown table cell (pipes, newlines)."""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def summary_markdown(report: Report) -> str:
    """Build the job summary: the summary line, a table of every finding with its suggestion, the totals."""
    lines = ["## claimlint", "", summary_line(report), ""]
    if report.findings:
        lines += ["| Location | Rule | Severity | Message | Suggestion |", "|---|---|---|---|---|"]
        lines += [_row(f) for f in report.findings]
        lines.append("")
    counts = report.by_severity()
    totals = ", ".join(f"{n} {name}" for name, n in counts.items())
    lines.append(f"**Totals:** {plural(len(report.findings), 'finding')} ({totals}) in {plural(report.files, 'file')}.")
    if report.problems:
        lines.append(f"**Not linted:** {plural(len(report.problems), 'file problem')} (see the step log).")
    return "\n".join(lines) + "\n\n"


def _row(f: Finding) -> str:
    where = f"{f.path}:{f.line}:{f.column}"
    values: Iterable[object] = (where, f"{f.rule.id} {f.rule.name}", f.severity, f.rule.message, suggestion_for(f))
    return "| " + " | ".join(cell(v) for v in values) + " |"


class GithubReporter:
    """Prints workflow commands; appends the job summary when GitHub provides the file."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.summary_path = options.get("step_summary", os.environ.get("GITHUB_STEP_SUMMARY", ""))

    def render(self, report: Report, stream: IO[str]) -> None:
        """Write one command per problem and finding, then the summary file."""
        for problem in report.problems:
            stream.write(problem_annotation(problem) + "\n")
        for finding in report.findings:
            stream.write(annotation(finding) + "\n")
        if self.summary_path:
            with open(self.summary_path, "a", encoding="utf-8") as fh:
                fh.write(summary_markdown(report))


REPORTER = ReporterSpec("github", GithubReporter, "GitHub Actions annotations and a job summary.")
