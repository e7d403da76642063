"""``--format text``: ``path:line:col: ID severity message`` plus indented detail."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from claimlint.api import ReporterSpec
from claimlint.model import Report
from claimlint.reporters.common import suggestion_for, summary_line

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD = "\033[1m"
_DIM = "\033[2m"
_RESET = "\033[0m"


class TextReporter:
    """Readable in a terminal and parseable by editors (``file:line:col:``)."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.color = bool(options.get("color"))
        self.quiet = bool(options.get("quiet"))
        self.show_evidence = not options.get("concise")

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def render(self, report: Report, stream: IO[str]) -> None:
        """Write every finding, then the summary line."""
        for f in report.findings:
            sev = str(f.severity)
            head = f"{f.path}:{f.line}:{f.column}:"
            stream.write(
                f"{self._c(_BOLD, head)} {self._c(_BOLD, f.rule.id)} {self._c(_COLORS[sev], sev)} {f.rule.message}\n"
            )
            if self.quiet or not self.show_evidence:
                continue
            suggestion = suggestion_for(f)
            if suggestion:
                stream.write(f"    {self._c(_DIM, 'suggestion:')} {suggestion}\n")
            for ev in f.rule.evidence:
                stream.write(f"    {self._c(_DIM, 'evidence:')} {ev.citation} {ev.url}\n")
        if not self.quiet:
            stream.write(summary_line(report) + "\n")


REPORTER = ReporterSpec("text", TextReporter, "Human-readable lines (default).")
