"""Render rules for people: the ``rules`` table, docs/rules.md, ``explain``.

The readers are compliance reviewers as much as developers, so the prose
leads with what is risky and why, then shows examples, the compliant
wording and the evidence with its link; matching details come last.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from claimlint.model import Rule, Severity

SEVERITY_MEANING = {
    Severity.ERROR: "likely deceptive, H",
    Severity.WARNING: "needs substantiation or qualification, M",
    Severity.INFO: "hype, L",
}
WIDTH = 92


def render(rules: Sequence[Rule], fmt: str) -> str:
    """``text`` table, ``markdown`` reference or ``json`` list."""
    if fmt == "markdown":
        return markdown(rules)
    if fmt == "json":
        rows = [
            {
                "id": r.id,
                "name": r.name,
                "category": r.category,
                "severity": str(r.severity),
                "type": r.type,
                "scope": scope(r),
                "message": r.message,
                "evidence": [e.id for e in r.evidence],
            }
            for r in rules
        ]
        return json.dumps(rows, indent=2) + "\n"
    return table(rules)


def table(rules: Sequence[Rule]) -> str:
    """Aligned columns: id, severity, category, name."""
    rows = [(r.id, str(r.severity), r.category, r.name) for r in rules]
    heads = ("ID", "SEVERITY", "CATEGORY", "NAME")
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines) + f"\n\n{len(rules)} rules\n"


def scope(rule: Rule) -> str:
    """``page`` for document-level checks (they list what ``must`` be present), else ``sentence``."""
    return "page" if "must" in rule.params else "sentence"


def describe_severity(rule: Rule) -> str:
    """``error (likely deceptive, H)`` and so on."""
    meaning = SEVERITY_MEANING.get(rule.severity)
    return f"{rule.severity} ({meaning})" if meaning else str(rule.severity)


def skipped_pages(rule: Rule) -> list[tuple[str, str]]:
    """(name, description) of each page condition the rule skips (``skip_pages``)."""
    return [(c.name, c.description) for c in rule.params.get("skip_pages") or ()]


def description(rule: Rule) -> str:
    """The rule's longer explanation (the YAML ``description`` key), or ''."""
    return " ".join(str(rule.params.get("description", "")).split())


def explain(rule: Rule) -> str:
    """A reviewer-oriented explanation of one rule (``claimlint explain ID``)."""
    checks = "the whole page" if scope(rule) == "page" else "each sentence"
    out = [
        f"{rule.id}  {rule.name}",
        f"  Category: {_title(rule.category)}   Severity: {describe_severity(rule)}   Checks: {checks}",
        "",
        "What is risky and why",
        _wrap(rule.message),
        "",
    ]
    if description(rule):
        out += ["Background", _wrap(description(rule)), ""]
    if rule.bad_examples:
        out += ["Flagged, for example", *_bullets(rule.bad_examples, "x"), ""]
    if rule.good_examples:
        out += ["Not flagged, for example", *_bullets(rule.good_examples, "ok"), ""]
    if skipped_pages(rule):
        out.append("Not checked on these pages")
        out += [_wrap(f"{name}: {text}" if text else name, "  - ", "    ") for name, text in skipped_pages(rule)]
        out.append("")
    if rule.suggestion:
        out += ["Suggested compliant wording", _wrap(rule.suggestion), ""]
    if rule.replace:
        fix = f"`claimlint check --fix` replaces the flagged phrase with {rule.replace!r}."
        out += ["Automatic fix", _wrap(fix), ""]
    if rule.evidence:
        out.append("Evidence")
        for n, ev in enumerate(rule.evidence, 1):
            out.append(_wrap(ev.citation, f"  [{n}] ", "      "))
            out.append(f"      {ev.url}")
            if ev.finding:
                out.append(_wrap(f"Finding: {ev.finding}", "      "))
        out.append("")
    if rule.help_uri:
        out += [f"More help: {rule.help_uri}", ""]
    out.append(f"Rule type {rule.type!r}, defined at {rule.origin}")
    return "\n".join(out) + "\n"


def _title(category: str) -> str:
    return category.replace("-", " ").capitalize()


def _wrap(text: str, first: str = "  ", rest: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()), width=WIDTH, initial_indent=first, subsequent_indent=first if rest is None else rest
    )


def _bullets(items: Sequence[str], mark: str) -> list[str]:
    return [_wrap(_one_line(e), f"  {mark:>2} ", "     ") for e in items]


def _one_line(example: str) -> str:
    """Examples may be small multi-paragraph documents; show them on one line."""
    return " / ".join(part.strip() for part in example.split("\n") if part.strip())


def markdown(rules: Sequence[Rule]) -> str:
    """The rule reference (docs/rules.md's generated part), grouped by category."""
    out = ["| ID | Name | Category | Severity | Checks |", "|---|---|---|---|---|"]
    out += [f"| [{r.id}](#{_anchor(r)}) | {r.name} | {r.category} | {r.severity} | {scope(r)} |" for r in rules]
    out.append("")
    for category, group in _by_category(rules):
        out += [f"### {_title(category)} (`{category}`)", ""]
        for r in group:
            out += _rule_markdown(r)
    return "\n".join(out).rstrip("\n") + "\n"


def _by_category(rules: Sequence[Rule]) -> list[tuple[str, list[Rule]]]:
    groups: dict[str, list[Rule]] = {}
    for rule in rules:
        groups.setdefault(rule.category, []).append(rule)
    return list(groups.items())


def _anchor(rule: Rule) -> str:
    return f"{rule.id}-{rule.name}".lower()


def _rule_markdown(r: Rule) -> list[str]:
    out = [f"#### {r.id} {r.name}", ""]
    skips = "".join(f"; not on `{name}` pages" for name, _text in skipped_pages(r))
    out += [f"Severity **{describe_severity(r)}**; checks each {scope(r)}{skips}; rule type `{r.type}`.", ""]
    out += [_md(r.message), ""]
    if description(r):
        out += [_md(description(r)), ""]
    if r.bad_examples:
        out += ["Flagged:", ""] + [f"- {_md(_one_line(e))}" for e in r.bad_examples] + [""]
    if r.good_examples:
        out += ["Not flagged:", ""] + [f"- {_md(_one_line(e))}" for e in r.good_examples] + [""]
    if r.suggestion:
        out += ["Suggested wording:", "", f"> {_md(r.suggestion)}", ""]
    if r.replace:
        out += [f"Automatic fix: `--fix` replaces the flagged phrase with `{r.replace}`.", ""]
    if r.evidence:
        out += ["Evidence:", ""]
        out += [f"- {_md(e.citation)} <{e.url}>" + (f" — {_md(e.finding)}" if e.finding else "") for e in r.evidence]
        out.append("")
    return out


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;")
