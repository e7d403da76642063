"""A question answered "No" at once is a mention, not a claim (ruletypes.base.answered_no)."""

from __future__ import annotations

import textwrap

import pytest

from claimlint.engine import check_text, compile_rules
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes.base import answered_no

PACK = """\
version: 1
rules:
  - id: M1
    name: miracle
    category: miracle-hype
    severity: info
    type: pattern
    patterns: ['\\bmiracle\\b']
    message: m
"""


def _matches(text: str, fmt: str = "text") -> list[str]:
    registry = get_registry(False)
    ruleset = load_pack_text("r.yaml", textwrap.dedent(PACK), registry.rule_types)
    compiled = compile_rules(ruleset.rules, registry.rule_types)
    name = "t.md" if fmt == "markdown" else "t.txt"
    result = check_text(name, text, registry.formats[fmt], compiled, True)
    return [f.match for f in result.findings]


def _matches_md(text: str) -> list[str]:
    return _matches(text, "markdown")


@pytest.mark.parametrize(
    "text",
    [
        "Is that a miracle? No. Was it worth the money? Honestly, no.",
        "Is ketamine a miracle cure? No, and no clinic should say so.",
        "Is ketamine a miracle? Not really; most patients improve a little or not at all.",
        "Was it a miracle?” No.",
        "Will a miracle stop the pain? It probably won't.",
        "Is ketamine a miracle? Unlikely, say most pain specialists.",
        "Did the miracle last? It didn't; the relief faded in two weeks.",
    ],
)
def test_a_question_answered_no_is_not_flagged(text: str) -> None:
    assert _matches(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Is ketamine a miracle? Our patients think so.",
        "Looking for a miracle? No problem: book today.",
        "Is ketamine a miracle? Nothing else has worked like it.",
        "Ketamine is a miracle. No one leaves disappointed.",
        "Will this miracle work for you? It won't disappoint.",
    ],
)
def test_other_answers_and_statements_still_fire(text: str) -> None:
    assert _matches(text) == ["miracle"]


def test_answered_no_reads_only_what_follows_the_question() -> None:
    text = "Is it safe? No. It can raise blood pressure."
    assert answered_no(text, len("Is it safe?"), "Is it safe?")
    assert not answered_no(text, len("Is it safe? No."), "No.")


def test_a_question_heading_answered_no_in_the_next_paragraph_is_not_flagged() -> None:
    assert _matches_md("## Is ketamine a miracle for arthritis?\n\nNo. Be wary of any clinic that says so.\n") == []


def test_a_question_heading_answered_otherwise_still_fires() -> None:
    assert _matches_md("## Is ketamine a miracle for arthritis?\n\nAsk our patients.\n") == ["miracle"]
