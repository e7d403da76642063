"""Lint a text with a small inline pack: the ids that fired, for unit tests of rule behaviour."""

from __future__ import annotations

from claimlint.engine import check_text, compile_rules
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text


def fired(pack: str, text: str, fmt: str = "text", path: str = "page.txt") -> list[str]:
    """Rule ids of the findings for ``text`` read as ``fmt``, with only the rules of ``pack``."""
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", pack, registry.rule_types).rules
    result = check_text(path, text, registry.formats[fmt], compile_rules(rules, registry.rule_types))
    return [f.rule.id for f in result.findings]
