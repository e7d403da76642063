"""Apply inline suppression directives to one file's findings.

Compliance waivers must be attributable, so by default every directive needs
a ``-- reason``; one without is reported (CL901). A directive that silences
nothing is reported too (CL902, like ruff's RUF100), so stale waivers do not
pile up. IDs match a rule by id prefix, name or category; no IDs means all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from claimlint.model import Directive, FileProblem, Finding, Location, Rule, Severity

_META_ORIGIN = Location("<claimlint>")

MISSING_REASON = Rule(
    id="CL901",
    name="suppression-without-reason",
    category="suppression",
    severity=Severity.WARNING,
    type="meta",
    message="Suppression comment has no reason; write one after ' -- ' so the waiver can be audited.",
    suggestion="<!-- claimlint-disable-next-line ID -- approved by NAME on DATE: why -->",
    origin=_META_ORIGIN,
    pack="claimlint",
)
UNUSED = Rule(
    id="CL902",
    name="unused-suppression",
    category="suppression",
    severity=Severity.WARNING,
    type="meta",
    message="Suppression comment matches no finding; remove it so stale waivers do not pile up.",
    origin=_META_ORIGIN,
    pack="claimlint",
)
META_RULES = (MISSING_REASON, UNUSED)


def matches(selector: str, rule: Rule) -> bool:
    """Whether an id/prefix, name or category selector covers ``rule``."""
    return rule.id.startswith(selector) or selector in (rule.name, rule.category)


@dataclass
class _Active:
    directive: Directive
    first: int
    last: int
    used: bool = False
    ids: tuple[str, ...] = field(default_factory=tuple)

    def covers(self, finding: Finding) -> bool:
        if not self.first <= finding.line <= self.last:
            return False
        return not self.ids or any(matches(i, finding.rule) for i in self.ids)


def _ranges(directives: Sequence[Directive]) -> list[_Active]:
    out: list[_Active] = []
    open_ranges: list[_Active] = []
    for d in sorted(directives, key=lambda d: d.line):
        if d.action == "disable-next-line":
            out.append(_Active(d, d.end_line + 1, d.end_line + 1, ids=d.rules))
        elif d.action == "disable-line":
            out.append(_Active(d, d.line, d.end_line, ids=d.rules))
        elif d.action == "disable-file":
            out.append(_Active(d, 0, 1 << 31, ids=d.rules))
        elif d.action == "disable":
            active = _Active(d, d.line, 1 << 31, ids=d.rules)
            out.append(active)
            open_ranges.append(active)
        elif d.action == "enable":
            for active in open_ranges:
                if active.last == 1 << 31 and (not d.rules or set(d.rules) & set(active.ids) or not active.ids):
                    active.last = d.line
    return out


def apply_directives(
    path: str,
    findings: list[Finding],
    directives: Sequence[Directive],
    rules: Sequence[Rule],
    require_reasons: bool = True,
) -> tuple[list[Finding], list[FileProblem]]:
    """Drop suppressed findings; add CL901/CL902 findings for bad directives."""
    if not directives:
        return findings, []
    actives = _ranges(directives)
    kept: list[Finding] = []
    for finding in findings:
        hit = next((a for a in actives if a.covers(finding)), None)
        if hit is None:
            kept.append(finding)
        else:
            hit.used = True
    for active in actives:
        d = active.directive
        if require_reasons and not d.reason:
            kept.append(_meta(path, d, MISSING_REASON))
        if not active.used and _all_known(d.rules, rules):
            kept.append(_meta(path, d, UNUSED))
    return kept, []


def _all_known(ids: Sequence[str], rules: Sequence[Rule]) -> bool:
    return all(any(matches(i, r) for r in rules) for i in ids)


def _meta(path: str, d: Directive, rule: Rule) -> Finding:
    ids = ",".join(d.rules) or "all"
    return Finding(
        path=path,
        line=d.line,
        column=d.column,
        end_line=d.line,
        end_column=d.column + 1,
        rule=rule,
        match=f"claimlint-{d.action} {ids}",
        scope="line",
    )
