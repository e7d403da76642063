"""``claimlint test-rules``: every bad example must fire its rule, no good one may.

Each example is linted as a small plain-text document with the whole pack,
so unrelated rules are free to fire; only the example's own rule is judged.
Failures point at the example's ``file:line``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimlint.engine import check_text, compile_rules
from claimlint.model import Rule
from claimlint.rulefile import RuleSet

if TYPE_CHECKING:
    from claimlint.plugins import Registry


def _load(files: Sequence[str], registry: Registry) -> RuleSet:
    from claimlint.config import Settings, load_ruleset

    settings = Settings(extends=[] if files else ["default"], rule_files=list(files))
    return load_ruleset(settings, registry)


def run_examples(files: Sequence[str], registry: Registry) -> tuple[list[str], int]:
    """Return (failure lines, number of examples checked).

    Each example is linted twice, with and without the raw-text prefilter: a
    rule whose declared literals are wrong would pass without it and silently
    lose findings with it, so a disagreement is reported as a failure too.
    Rules a pack ships disabled (``enabled: false``) are checked too: they are
    one ``enable`` away from running, so their examples must hold.
    """
    ruleset = _load(files, registry)
    rules = list(ruleset.rules)
    compiled = compile_rules(rules, registry.rule_types)
    fmt = registry.formats["text"]
    failures: list[str] = []
    checked = 0
    for rule in rules:
        for kind, examples in (("bad", rule.bad_examples), ("good", rule.good_examples)):
            for i, example in enumerate(examples):
                checked += 1
                matches = _matches(rule, example, fmt, compiled, True)
                if bool(matches) != (kind == "bad"):
                    failures.append(_failure(rule, kind, i, example, matches))
                elif bool(_matches(rule, example, fmt, compiled, False)) != bool(matches):
                    failures.append(_failure(rule, kind, i, example, matches, "prefilter changes the result"))
    return failures, checked


def _matches(rule: Rule, example: str, fmt: object, compiled: object, prefilter: bool) -> list[str]:
    result = check_text("<example>", example, fmt, compiled, prefilter, False)  # type: ignore[arg-type]
    return [f.match for f in result.findings if f.rule.id == rule.id]


def _failure(rule: Rule, kind: str, i: int, example: str, matches: list[str], verdict: str = "") -> str:
    where = rule.example_origins.get(f"{kind}:{i}", rule.origin)
    if verdict:
        return f"{where}: {rule.id} {verdict}: {example!r}"
    if kind == "bad":
        return f"{where}: {rule.id} bad example not flagged: {example!r}"
    return f"{where}: {rule.id} good example flagged: {example!r} (matched {matches[0]!r})"
