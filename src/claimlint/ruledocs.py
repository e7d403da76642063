"""Render rules for people: the ``rules`` table, docs/rules.md, ``explain``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from claimlint.model import Rule


def render(rules: Sequence[Rule], fmt: str) -> str:
    """``text`` table, ``markdown`` reference or ``json`` list."""
    if fmt == "markdown":
        return markdown(rules)
    if fmt == "json":
        rows = [
            {"id": r.id, "name": r.name, "category": r.category, "severity": str(r.severity), "type": r.type}
            for r in rules
        ]
        return json.dumps(rows, indent=2) + "\n"
    return table(rules)


def table(rules: Sequence[Rule]) -> str:
    """Aligned columns: id, severity, category, name."""
    rows = [(r.id, str(r.severity), r.category, r.name) for r in rules]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(("ID", "SEVERITY", "CATEGORY", "NAME"))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(("ID", "SEVERITY", "CATEGORY", "NAME"), widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines) + f"\n\n{len(rules)} rules\n"


def explain(rule: Rule) -> str:
    """A reviewer-oriented explanation of one rule."""
    out = [f"{rule.id} {rule.name}", f"  category: {rule.category}   severity: {rule.severity}   type: {rule.type}", ""]
    out += ["What is risky and why", _indent(rule.message), ""]
    description = str(rule.params.get("description", "")).strip()
    if description:
        out += ["More detail", _indent(description), ""]
    if rule.bad_examples:
        out += ["Flagged, for example"] + [f"  - {e}" for e in rule.bad_examples] + [""]
    if rule.good_examples:
        out += ["Not flagged, for example"] + [f"  - {e}" for e in rule.good_examples] + [""]
    if rule.suggestion:
        out += ["Suggested compliant wording", _indent(rule.suggestion), ""]
    if rule.replace:
        out += [f"Automatic fix (--fix): replace with {rule.replace!r}", ""]
    if rule.evidence:
        out.append("Evidence")
        for ev in rule.evidence:
            out.append(f"  [{ev.id}] {ev.citation}")
            out.append(f"      {ev.url}")
            if ev.finding:
                out.append(_indent(ev.finding, "      "))
        out.append("")
    out.append(f"Defined at {rule.origin}")
    return "\n".join(out) + "\n"


def _indent(text: str, prefix: str = "  ") -> str:
    import textwrap

    return textwrap.fill(" ".join(text.split()), width=92, initial_indent=prefix, subsequent_indent=prefix)


def markdown(rules: Sequence[Rule]) -> str:
    """The rule reference (docs/rules.md's generated part)."""
    out = ["| ID | Name | Category | Severity |", "|---|---|---|---|"]
    out += [f"| [{r.id}](#{r.id.lower()}) | {r.name} | {r.category} | {r.severity} |" for r in rules]
    out.append("")
    for r in rules:
        out += [f"### {r.id}", "", f"**{r.name}**, category `{r.category}`, severity **{r.severity}**, type `{r.type}`.", ""]
        out += [_md(r.message), ""]
        if r.bad_examples:
            out += ["Flagged:", ""] + [f"- {_md(e)}" for e in r.bad_examples] + [""]
        if r.good_examples:
            out += ["Not flagged:", ""] + [f"- {_md(e)}" for e in r.good_examples] + [""]
        if r.suggestion:
            out += [f"Suggestion: {_md(r.suggestion)}", ""]
        if r.replace:
            out += [f"Fix: replaced with `{r.replace}` by `--fix`.", ""]
        if r.evidence:
            out += ["Evidence:", ""] + [f"- {_md(e.citation)} <{e.url}>" for e in r.evidence] + [""]
    return "\n".join(out)


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")
