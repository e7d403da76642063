"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other viewers.

Columns are Unicode code points, as claimlint counts them, and the run says so
(``columnKind``). ``partialFingerprints`` come from
:mod:`claimlint.fingerprint`, which ignores line numbers, so code scanning
keeps an alert's identity when unrelated text is edited above it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import IO, Any
from urllib.parse import quote

from claimlint import __version__
from claimlint.api import ReporterSpec
from claimlint.fingerprint import VERSION, fingerprints
from claimlint.model import Evidence, FileProblem, Finding, Report, Rule
from claimlint.reporters.common import suggestion_for

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"claimlint/{VERSION}"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str, root: str | None = None) -> dict[str, str]:
    """Return a percent-encoded URI for ``path``: relative to ``%SRCROOT%`` when it lies under ``root``.

    A path outside the root (or on another drive) gets an absolute ``file:`` URI instead.
    """
    root = os.path.abspath(root or os.getcwd())
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path, root)
        except ValueError:
            rel = os.pardir
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return {"uri": Path(path).as_uri()}
        path = rel
    posix = PurePath(path).as_posix()
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def help_uri(rule: Rule) -> str:
    """Return the rule's own ``help`` link, else its first evidence URL, else nothing."""
    if rule.help_uri:
        return rule.help_uri
    return next((ev.url for ev in rule.evidence if ev.url), "")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """``reportingDescriptor`` for one rule: descriptions, level, category and evidence."""
    full = " ".join(p for p in (rule.message, str(rule.params.get("description", "")).strip(), rule.suggestion) if p)
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": _LEVELS[str(rule.severity)]},
        "properties": {
            "category": rule.category,
            "tags": [rule.category],
            "evidence": [_evidence(e) for e in rule.evidence],
        },
    }
    descriptor["help"] = rule_help(rule)
    uri = help_uri(rule)
    if uri:
        descriptor["helpUri"] = uri
    return descriptor


def rule_help(rule: Rule) -> dict[str, str]:
    """Build the help code scanning shows beside an alert: why, what to write instead, and the evidence."""
    text = [rule.message]
    markdown = [rule.message]
    if rule.suggestion:
        text.append(f"Suggestion: {rule.suggestion}")
        markdown.append(f"**Suggestion:** {rule.suggestion}")
    if rule.evidence:
        text += [f"Evidence: {ev.citation} {ev.url}" for ev in rule.evidence]
        markdown.append("**Evidence:**\n\n" + "\n".join(f"- {ev.citation} <{ev.url}>" for ev in rule.evidence))
    return {"text": "\n".join(text), "markdown": "\n\n".join(markdown)}


def _evidence(ev: Evidence) -> dict[str, str]:
    return {"id": ev.id, "citation": ev.citation, "url": ev.url, "finding": ev.finding}


def region(finding: Finding) -> dict[str, Any]:
    """Start and end (exclusive column) of a finding, with the matched text as snippet."""
    out: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if finding.match:
        out["snippet"] = {"text": finding.match}
    return out


def _message(finding: Finding) -> str:
    suggestion = suggestion_for(finding)
    return f"{finding.rule.message}\nSuggestion: {suggestion}" if suggestion else finding.rule.message


def _fixes(finding: Finding, location: Mapping[str, str]) -> list[dict[str, Any]]:
    if finding.rule.replace is None or not finding.match:
        return []
    deleted = {k: v for k, v in region(finding).items() if k != "snippet"}
    replacement = {"deletedRegion": deleted, "insertedContent": {"text": finding.rule.replace}}
    return [
        {
            "description": {"text": f"Replace {finding.match!r} with {finding.rule.replace!r}"},
            "artifactChanges": [{"artifactLocation": dict(location), "replacements": [replacement]}],
        }
    ]


def result(finding: Finding, rule_index: int, fingerprint: str, root: str | None = None) -> dict[str, Any]:
    """One SARIF ``result``."""
    location = artifact_location(finding.path, root)
    out: dict[str, Any] = {
        "ruleId": finding.rule.id,
        "ruleIndex": rule_index,
        "level": _LEVELS[str(finding.severity)],
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region(finding)}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    fixes = _fixes(finding, location)
    if fixes:
        out["fixes"] = fixes
    return out


def _notification(problem: FileProblem, root: str | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(problem.path, root)}
    if problem.line:
        physical["region"] = {"startLine": problem.line, "startColumn": problem.column or 1}
    return {"level": "error", "message": {"text": problem.message}, "locations": [{"physicalLocation": physical}]}


def _driver(rules: Sequence[Rule]) -> dict[str, Any]:
    driver: dict[str, Any] = {
        "name": "claimlint",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [rule_descriptor(r) for r in rules],
    }
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    return driver


def information_uri() -> str:
    """Return the project URL from the installed package metadata, if it declares one.

    claimlint has no public home yet, so this is usually empty and the key is left out
    rather than pointing somewhere made up.
    """
    from importlib import metadata

    try:
        meta = metadata.metadata("claimlint")
    except metadata.PackageNotFoundError:
        return ""
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "repository", "source", "documentation"):
            return url.strip()
    return str(meta["Home-page"] or "")


def sarif_log(report: Report, root: str | None = None) -> dict[str, Any]:
    """Build the whole SARIF document for a report."""
    rules = _all_rules(report)
    index = {r.id: i for i, r in enumerate(rules)}
    prints = fingerprints(report.findings)
    results = [result(f, index[f.rule.id], fp, root) for f, fp in zip(report.findings, prints, strict=True)]
    invocation = {
        "executionSuccessful": not report.problems,
        "toolExecutionNotifications": [_notification(p, root) for p in report.problems],
    }
    run = {
        "tool": {"driver": _driver(rules)},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {SRCROOT: {"description": {"text": "The folder claimlint was run from."}}},
        "invocations": [invocation],
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _all_rules(report: Report) -> list[Rule]:
    """Return the run's rules, plus any a finding carries that the rule list lacks (plugins may add them)."""
    rules = list(report.rules)
    known = {r.id for r in rules}
    for finding in report.findings:
        if finding.rule.id not in known:
            known.add(finding.rule.id)
            rules.append(finding.rule)
    return rules


class SarifReporter:
    """Writes one SARIF 2.1.0 log."""

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.root = options.get("root")

    def render(self, report: Report, stream: IO[str]) -> None:
        """Write the report as SARIF JSON."""
        json.dump(sarif_log(report, self.root), stream, indent=2, ensure_ascii=False)
        stream.write("\n")


REPORTER = ReporterSpec("sarif", SarifReporter, "SARIF 2.1.0 for code scanning.", machine=True)
