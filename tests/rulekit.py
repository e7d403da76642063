"""Shared by rule-type tests: lint one Markdown text with one rules file, as the engine would."""

from __future__ import annotations

from claimlint.config import Settings, load_ruleset
from claimlint.engine import check_text, compile_rules
from claimlint.model import Finding
from claimlint.plugins import get_registry
from claimlint.rulefile import enabled_rules


def lint_markdown(rules: str, text: str, name: str = "doc.md") -> list[Finding]:
    """Findings of the enabled rules of ``rules`` on ``text``, read as Markdown.

    Built-ins only (no third-party plugins), so a test sees the rule types it names and nothing else.
    """
    registry = get_registry(False)
    ruleset = load_ruleset(Settings(extends=[], rule_files=[rules]), registry)
    compiled = compile_rules(enabled_rules(ruleset.rules), registry.rule_types)
    return list(check_text(name, text, registry.formats["markdown"], compiled).findings)
