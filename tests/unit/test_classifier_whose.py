"""The classifier reads staff answers, group members and quiz options through the same attribution as pattern rules."""

from __future__ import annotations

from pathlib import Path

from rulekit import lint_with_tiny_voice

GROUP = (
    "Facebook group (private): Larchmont Ketamine Patients\n\n"
    "Larchmont Ketamine Clinic (admin): We bring relief from pain.\n\n"
    "Tanya R.: we got relief from pain, finally.\n"
)

QUIZ = "Question 1. Which line needs evidence?\n\nA) We bring relief from pain.\n\nB) We bring relief from pain fast.\n"


def _lint(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    return lint_with_tiny_voice(tmp_path, text, "page.md")


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
