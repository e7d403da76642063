"""Apply inline suppression directives to one file's findings.

Compliance waivers must be attributable, so by default every directive needs
a ``-- reason``; one without is reported (CL901). A directive id that silences
nothing is reported too (CL902, like ruff's RUF100), so stale waivers do not
pile up; so are ids that name no rule (CL903, a typo would otherwise waive
nothing silently) and an ``enable`` with no open ``disable`` (CL904). IDs match
a rule by id prefix, name or category; no IDs means all rules. These meta
findings are added after suppression, so no directive can hide them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from claimlint.model import Directive, FileProblem, Finding, Location, Rule, Severity

_META_ORIGIN = Location("<claimlint>")
_END = 1 << 31


def _meta_rule(rule_id: str, name: str, message: str, suggestion: str = "") -> Rule:
    return Rule(
        id=rule_id,
        name=name,
        category="suppression",
        severity=Severity.WARNING,
        type="meta",
        message=message,
        suggestion=suggestion,
        origin=_META_ORIGIN,
        pack="claimlint",
    )


MISSING_REASON = _meta_rule(
    "CL901",
    "suppression-without-reason",
    "Suppression comment has no reason; write one after ' -- ' so the waiver can be audited.",
    "<!-- claimlint-disable-next-line ID -- approved by NAME on DATE: why -->",
)
UNUSED = _meta_rule(
    "CL902",
    "unused-suppression",
    "Suppression comment matches no finding; remove it so stale waivers do not pile up.",
)
UNKNOWN_ID = _meta_rule(
    "CL903",
    "unknown-suppression-id",
    "Suppression names no known rule id, name or category (or a CL9xx rule, which cannot be suppressed).",
    "Check the id with 'claimlint rules'.",
)
UNMATCHED_ENABLE = _meta_rule(
    "CL904",
    "enable-without-disable",
    "claimlint-enable has no open claimlint-disable with the same ids above it.",
)
META_RULES = (MISSING_REASON, UNUSED, UNKNOWN_ID, UNMATCHED_ENABLE)
META_IDS = frozenset(r.id for r in META_RULES)


def matches(selector: str, rule: Rule) -> bool:
    """Whether an id/prefix, name or category selector covers ``rule``."""
    return rule.id.startswith(selector) or selector in (rule.name, rule.category)


@dataclass
class _Range:
    """Lines ``first..last`` where ``ids`` (all if empty) are off, minus ``spared``."""

    directive: Directive
    ids: tuple[str, ...]
    first: int
    last: int
    spared: tuple[str, ...] = ()
    used: set[str] = field(default_factory=set)

    def covers(self, finding: Finding) -> list[str]:
        """The ids that silence ``finding`` here (``[""]`` for a blanket range)."""
        if not self.first <= finding.line <= self.last:
            return []
        if any(matches(s, finding.rule) for s in self.spared):
            return []
        if not self.ids:
            return [""]
        return [i for i in self.ids if matches(i, finding.rule)]


def _ranges(directives: Sequence[Directive]) -> tuple[list[_Range], list[Directive]]:
    """Turn directives into line ranges; also return enables that closed nothing."""
    ranges: list[_Range] = []
    open_ranges: list[_Range] = []
    orphans: list[Directive] = []
    for d in sorted(directives, key=lambda d: (d.line, d.column)):
        if d.action == "disable-next-line":
            ranges.append(_Range(d, d.rules, d.end_line + 1, d.end_line + 1))
        elif d.action == "disable-line":
            ranges.append(_Range(d, d.rules, d.line, d.end_line or d.line))
        elif d.action == "disable-file":
            ranges.append(_Range(d, d.rules, 0, _END))
        elif d.action == "disable":
            rng = _Range(d, d.rules, d.line, _END)
            ranges.append(rng)
            open_ranges.append(rng)
        elif d.action == "enable" and not _close(open_ranges, ranges, d):
            orphans.append(d)
    return ranges, orphans


def _close(open_ranges: list[_Range], ranges: list[_Range], enable: Directive) -> bool:
    """End the open ranges ``enable`` names; re-open what it leaves disabled."""
    wanted = {i.lower() for i in enable.rules}
    closed = False
    for rng in list(open_ranges):
        if wanted and rng.ids:
            rest = tuple(i for i in rng.ids if i.lower() not in wanted)
            if len(rest) == len(rng.ids):
                continue
            reopened = _Range(rng.directive, rest, enable.line, _END, rng.spared, rng.used) if rest else None
        else:
            spared = (*rng.spared, *enable.rules) if wanted else ()
            reopened = _Range(rng.directive, (), enable.line, _END, spared, rng.used) if wanted else None
        rng.last = enable.line
        open_ranges.remove(rng)
        closed = True
        if reopened is not None:
            ranges.append(reopened)
            open_ranges.append(reopened)
    return closed


def apply_directives(
    path: str,
    findings: list[Finding],
    directives: Sequence[Directive],
    rules: Sequence[Rule],
    require_reasons: bool = True,
    known: Sequence[Rule] | None = None,
) -> tuple[list[Finding], list[FileProblem]]:
    """Drop suppressed findings; add CL901-CL904 findings for bad directives.

    ``rules`` are the rules that ran on this file (an id for a rule that did
    not run cannot be "unused"); ``known`` are all loaded rules (an id outside
    them is unknown). ``known`` defaults to ``rules``.
    """
    if not directives:
        return findings, []
    ranges, orphans = _ranges(directives)
    kept: list[Finding] = []
    for finding in findings:
        silenced = False
        for rng in ranges:
            ids = rng.covers(finding)
            rng.used.update(ids)
            silenced = silenced or bool(ids)
        if not silenced:
            kept.append(finding)
    kept.extend(_meta_findings(path, ranges, orphans, rules, known or rules, require_reasons))
    return kept, []


def _meta_findings(
    path: str,
    ranges: Sequence[_Range],
    orphans: Sequence[Directive],
    rules: Sequence[Rule],
    known: Sequence[Rule],
    require_reasons: bool,
) -> list[Finding]:
    out: list[Finding] = []
    used: dict[int, set[str]] = {}
    directives: dict[int, Directive] = {}
    for rng in ranges:
        used.setdefault(id(rng.directive), set()).update(rng.used)
        directives[id(rng.directive)] = rng.directive
    for key, d in directives.items():
        if require_reasons and not d.reason:
            out.append(_meta(path, d, MISSING_REASON))
        out.extend(_id_findings(path, d, used[key], rules, known))
    out.extend(_meta(path, d, UNMATCHED_ENABLE) for d in orphans)
    return out


def _id_findings(
    path: str, d: Directive, used: set[str], rules: Sequence[Rule], known: Sequence[Rule]
) -> list[Finding]:
    if not d.rules:
        return [] if used else [_meta(path, d, UNUSED)]
    out: list[Finding] = []
    for rule_id in d.rules:
        if rule_id in META_IDS or not any(matches(rule_id, r) for r in known if r.id not in META_IDS):
            out.append(_meta(path, d, UNKNOWN_ID, rule_id))
        elif rule_id not in used and any(matches(rule_id, r) for r in rules):
            out.append(_meta(path, d, UNUSED, rule_id))
    return out


def _meta(path: str, d: Directive, rule: Rule, rule_id: str = "") -> Finding:
    ids = rule_id or ",".join(d.rules) or "all"
    return Finding(
        path=path,
        line=d.line,
        column=d.column,
        end_line=d.line,
        end_column=d.column + 1,
        rule=rule,
        match=f"claimlint-{d.action} {ids}",
        scope="line",
        note=rule_id,
    )
