"""Shared by rule-type tests: lint one Markdown text with one rules file, as the engine would."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

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


#: A two-weight seller's-voice model: "we" plus "relief" passes its rule's threshold, either alone does not.
TINY_VOICE_MODEL = {"format": 1, "bias": -1.0, "weights": {"v:we": 2.0, "w:relief": 1.0}}

TINY_VOICE_RULES = """
version: 1
rules:
  - id: X001
    name: voice
    category: efficacy-overstatement
    severity: warning
    type: classifier
    model: m.json
    threshold: 0.6
    when: ['\\bpain\\b']
    message: "FTC: an objective claim needs evidence."
"""


def lint_with_tiny_voice(folder: Path, text: str, name: str = "page.md") -> list[tuple[str, int]]:
    """(rule id, line) of each finding of a one-rule classifier pack over :data:`TINY_VOICE_MODEL`.

    For tests of whose words the classifier scores: the model is small enough that a finding or its
    absence can only come from the attribution the test is about.
    """
    (folder / "m.json").write_text(json.dumps(TINY_VOICE_MODEL), encoding="utf-8")
    rules = folder / "rules.yaml"
    rules.write_text(textwrap.dedent(TINY_VOICE_RULES), encoding="utf-8")
    return [(f.rule.id, f.line) for f in lint_markdown(str(rules), text, name)]
