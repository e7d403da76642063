"""The classifier rule type reads whose turn a sentence is through the same guards as the pattern rules."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from rulekit import lint_markdown

MODEL = {"format": 1, "bias": -1.0, "weights": {"v:we": 2.0, "w:relief": 1.0}}

RULES = """
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

CHAT = "Chat export\n\n[Bot] We bring relief from pain.\n\n[Visitor] we want relief from pain, fast.\n"


def _lint(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    (tmp_path / "m.json").write_text(json.dumps(MODEL), encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(textwrap.dedent(RULES), encoding="utf-8")
    return [(f.rule.id, f.line) for f in lint_markdown(str(rules), text, "chat.md")]


def test_a_visitors_turn_is_not_scored_as_the_sellers_voice(tmp_path: Path) -> None:
    assert _lint(tmp_path, CHAT) == [("X001", 3)]


def test_the_same_words_outside_a_chat_are_scored(tmp_path: Path) -> None:
    assert _lint(tmp_path, CHAT.replace("[Visitor] ", "")) == [("X001", 3), ("X001", 5)]
