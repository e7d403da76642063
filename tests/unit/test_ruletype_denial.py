"""``type: denial``: a denial operator over a risk concept, in the operator's direction."""

from __future__ import annotations

import pytest

from claimlint.engine import check_text, compile_rules
from claimlint.errors import ConfigError
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text

RULE = """\
version: 1
rules:
  - id: D1
    name: denial
    category: addiction-risk-denial
    severity: error
    type: denial
    concept: ['\\bhooked\\b|\\bdependency\\b|\\bwithdrawal\\b']
{ops}{extra}    message: m
"""

OPS = """\
    before: ['\\b(?:zero|no|without)\\b']
    after: ['\\bessentially nil\\b', '(?<=\\w)-free\\b']
"""


def _lint(text: str, extra: str = "", ops: str = OPS, fmt: str = "text") -> list[tuple[int, int, str]]:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", RULE.format(ops=ops, extra=extra), registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    result = check_text(f"t.{fmt}", text, registry.formats[fmt], compiled)
    return [(f.line, f.column, f.match) for f in result.findings]


def test_an_operator_before_the_concept_denies_it_and_both_are_reported() -> None:
    assert _lint("Zero dependency. Just relief.\n") == [(1, 1, "Zero dependency")]


def test_an_operator_after_the_concept_denies_it() -> None:
    text = "The chance of anyone getting hooked is essentially nil.\n"
    assert _lint(text) == [(1, 30, "hooked is essentially nil")]


def test_a_lookbehind_operator_sees_the_concept_it_follows() -> None:
    assert _lint("A withdrawal-free protocol.\n") == [(1, 3, "withdrawal-free")]


def test_an_operator_on_the_wrong_side_is_not_a_denial() -> None:
    assert _lint("Report withdrawal without delay.\n") == []
    assert _lint("Essentially nil doubt about withdrawal.\n") == []


def test_max_gap_bounds_the_words_between_operator_and_concept() -> None:
    text = "Relief without any of the dependency baggage.\n"
    assert _lint(text) == [(1, 8, "without any of the dependency")]
    assert _lint(text, extra="    max_gap: 2\n") == []
    far = "No pills to refill each week and a plan built around dependency screening.\n"
    assert _lint(far) == []


def test_operator_and_concept_must_share_a_sentence() -> None:
    assert _lint("We say no. Withdrawal can happen.\n") == []


def test_one_finding_per_sentence() -> None:
    assert _lint("Zero dependency and zero withdrawal. No hooked patients.\n") == [
        (1, 1, "Zero dependency"),
        (1, 38, "No hooked"),
    ]


def test_common_guards_apply_to_the_sentence() -> None:
    unless = "    unless: ['\\?\\s*$', '\\bhistory of\\b']\n"
    assert _lint("Zero withdrawal?\n", extra=unless) == []
    assert _lint("No history of dependency.\n", extra=unless) == []
    assert _lint("No withdrawal.\n", extra=unless) == [(1, 1, "No withdrawal")]


def test_markup_offsets_map_to_the_original() -> None:
    assert _lint("<p>Relief with <b>zero</b> dependency.</p>\n", fmt="html") == [(1, 19, "zero</b> dependency")]


def test_a_rule_without_operators_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="needs operators"):
        _lint("Zero dependency.\n", ops="")


def test_a_negative_max_gap_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="max_gap"):
        _lint("Zero dependency.\n", extra="    max_gap: -1\n")


def _gates(ops: str) -> list[frozenset[str]] | None:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", RULE.format(ops=ops, extra=""), registry.rule_types)
    (matcher,) = registry.rule_types["denial"].compile(rules.rules)
    return matcher.literals()


def test_literals_need_a_concept_word_and_an_operator_word() -> None:
    gates = _gates("    before: ['\\b(?:zero|without)\\b']\n    after: ['\\bessentially nil\\b']\n")
    assert gates is not None
    assert len(gates) == 2
    concept, operator = gates
    assert {"<hooked>", "<dependency>", "<withdrawal>"} <= concept
    assert any("zero" in w for w in operator)
    assert not any("hooked" in w for w in operator)


def test_an_operator_without_a_required_word_drops_only_the_operator_gate() -> None:
    gates = _gates(OPS)
    assert gates is not None
    assert len(gates) == 1


LEXICON = """\
  - id: P1
    name: lexicon
    category: {category}
    severity: error
    type: phrase
    phrases: [zero dependency]
    message: m
"""


def _ids(text: str, category: str) -> list[tuple[str, str]]:
    registry = get_registry(False)
    pack = RULE.format(ops=OPS, extra="") + LEXICON.format(category=category)
    rules = load_pack_text("r.yaml", pack, registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    result = check_text("t.text", text, registry.formats["text"], compiled)
    return [(f.rule.id, f.match) for f in result.findings]


@pytest.mark.parametrize("category", ["addiction-risk-denial", "absolute-safety"])
def test_a_denial_another_rule_already_reports_is_left_to_that_rule(category: str) -> None:
    """One finding per claim: the lexicon rule's, whatever its category; the denial rule runs after it."""
    assert _ids("Zero dependency. Just relief.\n", category) == [("P1", "Zero dependency")]


def test_a_denial_no_other_rule_reports_is_kept_beside_other_findings() -> None:
    text = "Zero dependency. Relief without withdrawal.\n"
    assert _ids(text, "absolute-safety") == [("P1", "Zero dependency"), ("D1", "without withdrawal")]
