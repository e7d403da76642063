"""The classifier rule type reads whose turn a sentence is through the same guards as the pattern rules."""

from __future__ import annotations

from pathlib import Path

from rulekit import lint_with_tiny_voice

CHAT = "Chat export\n\n[Bot] We bring relief from pain.\n\n[Visitor] we want relief from pain, fast.\n"


def _lint(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    return lint_with_tiny_voice(tmp_path, text, "chat.md")


def test_a_visitors_turn_is_not_scored_as_the_sellers_voice(tmp_path: Path) -> None:
    assert _lint(tmp_path, CHAT) == [("X001", 3)]


def test_the_same_words_outside_a_chat_are_scored(tmp_path: Path) -> None:
    assert _lint(tmp_path, CHAT.replace("[Visitor] ", "")) == [("X001", 3), ("X001", 5)]
