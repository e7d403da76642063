"""The classifier reads staff answers, group members and quiz options through the same attribution as pattern rules."""

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

GROUP = (
    "Facebook group (private): Larchmont Ketamine Patients\n\n"
    "Larchmont Ketamine Clinic (admin): We bring relief from pain.\n\n"
    "Tanya R.: we got relief from pain, finally.\n"
)

QUIZ = "Question 1. Which line needs evidence?\n\nA) We bring relief from pain.\n\nB) We bring relief from pain fast.\n"


def _lint(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    (tmp_path / "m.json").write_text(json.dumps(MODEL), encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(textwrap.dedent(RULES), encoding="utf-8")
    return [(f.rule.id, f.line) for f in lint_markdown(str(rules), text, "page.md")]


def test_a_group_members_comment_is_not_scored_as_the_clinics_voice(tmp_path: Path) -> None:
    assert _lint(tmp_path, GROUP) == [("X001", 3)]


def test_the_same_comment_on_a_page_that_is_no_group_is_scored(tmp_path: Path) -> None:
    page = GROUP.replace("Facebook group (private): ", "")
    assert _lint(tmp_path, page) == [("X001", 3), ("X001", 5)]


def test_quiz_options_are_not_scored(tmp_path: Path) -> None:
    assert _lint(tmp_path, QUIZ) == []


def test_the_same_lines_under_a_statement_are_scored(tmp_path: Path) -> None:
    page = QUIZ.replace("Which line needs evidence?", "Two lines from the page.")
    assert _lint(tmp_path, page) == [("X001", 3), ("X001", 5)]
