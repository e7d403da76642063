"""phrase, pattern and require through the engine, on plain text."""

from __future__ import annotations

import textwrap

import pytest

from claimlint.engine import check_text, compile_rules
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text

HEAD = """\
version: 1
rules:
"""


def _lint(rules_yaml: str, text: str, prefilter: bool = True) -> list[tuple[str, str]]:
    registry = get_registry(False)
    ruleset = load_pack_text("r.yaml", HEAD + textwrap.indent(textwrap.dedent(rules_yaml), "  "), registry.rule_types)
    compiled = compile_rules(ruleset.rules, registry.rule_types)
    result = check_text("t.txt", text, registry.formats["text"], compiled, prefilter)
    return [(f.rule.id, f.match) for f in result.findings]


PHRASE = """\
- id: P1
  name: p
  category: c
  severity: error
  type: phrase
  phrases: ["safe and natural", "habit-forming", "don't worry", "100% natural"]
  message: m
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A SAFE AND NATURAL option.", ["SAFE AND NATURAL"]),
        ("safe   and\n natural", ["safe   and\n natural"]),
        ("It is habit forming.", ["habit forming"]),
        ("It is habit-forming.", ["habit-forming"]),
        ("It is not habit‑forming.", ["habit‑forming"]),
        ("Don’t worry about it.", ["Don’t worry"]),
        ("unsafe and natural", []),
        ("safe and naturally", []),
        ("100% natural, really", ["100% natural"]),
        ("", []),
    ],
)
def test_phrase_folding_and_word_bounds(text: str, expected: list[str]) -> None:
    assert [m for _, m in _lint(PHRASE, text)] == expected


def test_overlapping_phrases_from_two_rules_both_fire() -> None:
    rules = PHRASE + PHRASE.replace("P1", "P2").replace(
        '["safe and natural", "habit-forming", "don\'t worry", "100% natural"]', '["natural option"]'
    )
    found = _lint(rules, "a safe and natural option")
    assert found == [("P1", "safe and natural"), ("P2", "natural option")]


PATTERN = """\
- id: R1
  name: r
  category: c
  severity: warning
  type: pattern
  patterns: ['\\bwithin\\s+minutes\\b', '\\bfast[- ]acting\\b']
  unless: ['\\b(?:nausea|dizz)']
  context: ['\\bketamine\\b', '\\brelief\\b']
  message: m
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ketamine brings relief within minutes.", ["within minutes"]),
        ("Relief is fast-acting. Ketamine.", ["fast-acting"]),
        ("The bus arrives within minutes.", []),
        ("With ketamine, nausea can start within minutes.", []),
        ("Ketamine acts within\nminutes.", ["within\nminutes"]),
    ],
)
def test_pattern_with_context_and_unless(text: str, expected: list[str]) -> None:
    assert [m for _, m in _lint(PATTERN, text)] == expected


REQUIRE = """\
- id: D1
  name: missing-offlabel
  category: missing-offlabel-disclosure
  severity: error
  type: require
  when: ['\\bketamine\\b']
  must: ['\\boff[- ]label\\b']
  message: m
- id: D2
  name: missing-risk
  category: missing-risk-info
  severity: error
  type: require
  when: ['\\bketamine\\b']
  must: ['hallucinat', 'blood pressure', 'nausea']
  min: 2
  unless: ['\\bhistory of\\b']
  message: m
"""


def test_require_reports_once_at_first_when() -> None:
    text = "Intro.\n\nWe offer ketamine. Ketamine again.\n"
    findings = _lint(REQUIRE, text)
    assert findings == [("D1", "ketamine"), ("D2", "ketamine")]


def test_require_satisfied() -> None:
    text = "Ketamine use for pain is off-label. It can cause hallucinations and nausea.\n"
    assert _lint(REQUIRE, text) == []


def test_require_min_and_unless() -> None:
    text = "Ketamine is off-label. It can cause nausea. Not for people with a history of high blood pressure.\n"
    assert _lint(REQUIRE, text) == [("D2", "Ketamine")]


def test_require_not_triggered_without_when() -> None:
    assert _lint(REQUIRE, "Nothing about that drug here.") == []


def test_scopes_and_when_gate() -> None:
    rules = PHRASE.replace("  message: m", "  message: m\n  when: ['\\bpain\\b']")
    assert _lint(rules, "A safe and natural soap.") == []
    assert _lint(rules, "A safe and natural option for pain.") == [("P1", "safe and natural")]


def test_prefilter_does_not_change_results() -> None:
    text = "Ketamine brings relief within minutes. A safe and natural, habit forming game."
    rules = PHRASE + PATTERN + REQUIRE
    assert _lint(rules, text, prefilter=True) == _lint(rules, text, prefilter=False)


def test_regex_timeout_is_reported_not_raised() -> None:
    from claimlint.ruletypes import base

    rules = PATTERN.replace("'\\bwithin\\s+minutes\\b', '\\bfast[- ]acting\\b'", "'(a|aa)+$'").replace(
        "  context: ['\\bketamine\\b', '\\brelief\\b']\n", ""
    )
    registry = get_registry(False)
    ruleset = load_pack_text("r.yaml", HEAD + textwrap.indent(rules, "  "), registry.rule_types)
    compiled = compile_rules(ruleset.rules, registry.rule_types)
    old = base.MATCH_TIMEOUT
    base.MATCH_TIMEOUT = 0.2
    try:
        result = check_text("slow.txt", "a" * 40 + "b", registry.formats["text"], compiled)
    finally:
        base.MATCH_TIMEOUT = old
    assert result.findings == []
    assert [str(p) for p in result.problems] == ["slow.txt: rule R1 (r) timed out on this file; rule skipped"]


def test_nested_matches_of_one_rule_are_reported_once() -> None:
    rules = PHRASE.replace(
        '["safe and natural", "habit-forming", "don\'t worry", "100% natural"]',
        '["relief within minutes", "within minutes", "safe and natural", "natural option"]',
    )
    found = _lint(rules, "Relief within minutes. A safe and natural option.")
    assert found == [("P1", "Relief within minutes"), ("P1", "safe and natural")]


def test_overlaps_across_rules_are_kept() -> None:
    rules = PHRASE + PHRASE.replace("P1", "P2").replace(
        '["safe and natural", "habit-forming", "don\'t worry", "100% natural"]', '["and natural"]'
    )
    assert _lint(rules, "safe and natural") == [("P1", "safe and natural"), ("P2", "and natural")]


def test_when_and_context_gate_a_rule_without_literals_of_its_own() -> None:
    from claimlint.engine import compile_rules

    rules = PATTERN.replace("'\\bwithin\\s+minutes\\b', '\\bfast[- ]acting\\b'", "'\\w{3,}ly\\b'").replace(
        "  message: m", "  message: m\n  when: ['\\bpain\\b']"
    )
    registry = get_registry(False)
    ruleset = load_pack_text("r.yaml", HEAD + textwrap.indent(rules, "  "), registry.rule_types)
    compiled = compile_rules(ruleset.rules, registry.rule_types)
    assert compiled.gates == [[frozenset({"<pain>"}), frozenset({"<ketamine>", "<relief>"})]]
    text = "Ketamine works really well for pain."
    assert _lint(rules, text) == _lint(rules, text, prefilter=False) == [("R1", "really")]
    assert compiled.live("Ketamine works really well.") == []


def test_also_when_is_a_second_document_gate() -> None:
    """Both gates must hold, and both feed the prefilter (the pack's table rules keep the topic gate this way)."""
    gates = "  when: ['\\boption\\b']\n  also_when: ['\\bpain\\b', '\\bclinic\\b']"
    rules = PHRASE.replace("  message: m", "  message: m\n" + gates)
    assert _lint(rules, "A safe and natural option.") == []
    assert _lint(rules, "A safe and natural choice for pain.") == []
    assert _lint(rules, "A safe and natural option for pain.") == [("P1", "safe and natural")]
    assert _lint(rules, "Our clinic has a safe and natural option.", prefilter=False) == [("P1", "safe and natural")]
    registry = get_registry(False)
    ruleset = load_pack_text("r.yaml", HEAD + textwrap.indent(rules, "  "), registry.rule_types)
    compiled = compile_rules(ruleset.rules, registry.rule_types)
    assert compiled.live("A safe and natural option.") == []


def test_also_when_gates_require_rules() -> None:
    rules = REQUIRE.replace("  min: 2\n", "  min: 2\n  also_when: ['\\binfusions?\\b']\n")
    assert [rule for rule, _ in _lint(rules, "We offer ketamine.")] == ["D1"]
    assert [rule for rule, _ in _lint(rules, "We offer ketamine infusions.")] == ["D1", "D2"]


def test_require_counts_sentences_split_at_unit_breaks() -> None:
    """An ``unless`` on one bullet line must not cancel the risk named on the next (no end punctuation between them)."""
    text = (
        "Ketamine infusions for pain\n"
        "- Can cause nausea\n"
        "- Ask about your history of heart problems\n"
        "- May raise blood pressure\n"
        "Off-label use.\n"
    )
    assert _lint(REQUIRE, text) == []
