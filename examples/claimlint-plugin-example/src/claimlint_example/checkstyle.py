"""``--format checkstyle``: Checkstyle XML for CI systems that read it.

Jenkins (Warnings NG), GitLab code-quality converters, reviewdog and many
dashboards accept this format. One ``<file>`` per linted file with findings,
one ``<error>`` per finding; files that could not be read are reported as
errors with ``source="claimlint.file-problem"`` so a CI gate sees them too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import IO, Any

from claimlint.api import FileProblem, Finding, Report, ReporterSpec

# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class CheckstyleReporter:
    """Writes one Checkstyle 4.3 document."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = options

    def render(self, report: Report, stream: IO[str]) -> None:
        """Group findings and problems by file, in report order."""
        root = ET.Element("checkstyle", version="4.3")
        files: dict[str, ET.Element] = {}
        for finding in report.findings:
            _finding(_file(root, files, finding.path), finding)
        for problem in report.problems:
            _problem(_file(root, files, problem.path), problem)
        ET.indent(root)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        stream.write(ET.tostring(root, encoding="unicode"))
        stream.write("\n")


def _file(root: ET.Element, files: dict[str, ET.Element], path: str) -> ET.Element:
    if path not in files:
        files[path] = ET.SubElement(root, "file", name=_clean(path))
    return files[path]


def _finding(parent: ET.Element, f: Finding) -> None:
    message = f'{f.rule.message} [{f.rule.name}: "{f.match}"]'
    ET.SubElement(
        parent,
        "error",
        line=str(f.line),
        column=str(f.column),
        severity=str(f.severity),
        message=_clean(message),
        source=f"claimlint.{f.rule.id}",
    )


def _problem(parent: ET.Element, p: FileProblem) -> None:
    attrs = {"severity": "error", "message": _clean(p.message), "source": "claimlint.file-problem"}
    if p.line:
        attrs.update(line=str(p.line), column=str(p.column or 1))
    ET.SubElement(parent, "error", attrs)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


REPORTER = ReporterSpec("checkstyle", CheckstyleReporter, "Checkstyle XML for CI dashboards.", machine=True)
