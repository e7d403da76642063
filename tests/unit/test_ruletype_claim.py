"""``type: claim``: a subject and a benefit predicate in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.engine import FOCUS_ENV, check_text, compile_rules
from claimlint.errors import ConfigError
from claimlint.literals import core
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes.claim import ClaimMatcher
from claimlint.selftest import run_examples

RULE = """\
version: 1
rules:
  - id: C1
    name: mechanism
    category: mechanism-overclaim
    severity: warning
    type: claim
    subject: ['\\bketamine\\b', '\\binfusions?\\b']
    predicate: ['\\bresets?\\b', '\\bturns? down\\b[^.]{{0,30}}\\balarm\\b']
{extra}    message: m
"""


def _rules(extra: str = "") -> str:
    return RULE.format(extra=extra)


def _lint(text: str, extra: str = "", fmt: str = "text", prefilter: bool = True) -> list[tuple[int, int, str]]:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", _rules(extra), registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    result = check_text(f"t.{fmt}", text, registry.formats[fmt], compiled, prefilter=prefilter)
    return [(f.line, f.column, f.match) for f in result.findings]


def test_reports_the_predicate_span_with_the_subject_before_it() -> None:
    assert _lint("Intro line.\nA ketamine infusion resets the nervous system.\n") == [(2, 21, "resets")]


def test_subject_may_follow_the_predicate() -> None:
    assert _lint("What turns down the pain alarm? Ketamine does.\n") == []
    assert _lint("It turns down the brain's pain alarm, thanks to ketamine.\n") == [
        (1, 4, "turns down the brain's pain alarm")
    ]


def test_subject_and_predicate_must_share_a_sentence() -> None:
    assert _lint("We offer ketamine. Yoga resets your mind.\n") == []
    assert _lint("We offer ketamine.\nYoga resets your mind.\n") == []


def test_one_finding_per_sentence_and_one_per_sentence_of_a_paragraph() -> None:
    text = "Ketamine resets and resets again. The infusion resets you.\n"
    assert _lint(text) == [(1, 10, "resets"), (1, 48, "resets")]


def test_a_wrapped_crlf_sentence_is_one_sentence() -> None:
    text = "Our ketamine\r\ninfusion program\r\nresets pain.\r\n"
    assert _lint(text) == [(3, 1, "resets")]


def test_max_gap_limits_the_words_between_subject_and_predicate() -> None:
    text = "Ketamine is offered here, and after a long and careful talk our team resets expectations.\n"
    assert _lint(text) == [(1, 70, "resets")]
    assert _lint(text, extra="    max_gap: 5\n") == []
    assert _lint("Ketamine quickly resets pain.\n", extra="    max_gap: 1\n") == [(1, 18, "resets")]


def test_a_negated_predicate_is_skipped_unless_negation_is_off() -> None:
    assert _lint("Ketamine does not reset the nervous system.\n") == []
    assert _lint("Ketamine won't reset anything.\n") == []
    assert _lint("Ketamine does not reset the brain.\n", extra="    negation: false\n") == [(1, 19, "reset")]


def test_common_guards_apply_to_the_sentence() -> None:
    unless = "    unless: ['\\?\\s*$', '\\bmay\\b']\n"
    assert _lint("Does ketamine reset the nervous system?\n", extra=unless) == []
    assert _lint("Ketamine may reset pain pathways.\n", extra=unless) == []
    assert _lint("Ketamine resets pain pathways.\n", extra=unless) == [(1, 10, "resets")]
    context = "    context: ['\\byou']\n"
    assert _lint("Ketamine resets pain.\n", extra=context) == []
    assert _lint("Ketamine resets your pain.\n", extra=context) == [(1, 10, "resets")]
    when = "    when: ['\\bclinic\\b']\n"
    assert _lint("Ketamine resets pain.\n", extra=when) == []
    assert _lint("Our clinic.\nKetamine resets pain.\n", extra=when) == [(2, 10, "resets")]


def test_scopes_and_markup_offsets() -> None:
    html = "<h1>Ketamine <em>resets</em> pain</h1>\n<p>Infusions reset you.</p>\n"
    assert _lint(html, fmt="html") == [(1, 18, "resets"), (2, 14, "reset")]
    assert _lint(html, extra="    scopes: [heading]\n", fmt="html") == [(1, 18, "resets")]


def test_a_subject_overlapping_the_predicate_does_not_count() -> None:
    registry = get_registry(False)
    pack = _rules().replace("['\\\\bketamine\\\\b', '\\\\binfusions?\\\\b']", "['\\\\bresets\\\\b']")
    rules = load_pack_text("r.yaml", pack, registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    assert check_text("t.text", "It resets.\n", registry.formats["text"], compiled).findings == []


def test_literals_are_a_subject_word_and_a_predicate_word() -> None:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", _rules(), registry.rule_types)
    (matcher,) = registry.rule_types["claim"].compile(rules.rules)
    gates = matcher.literals()
    assert gates is not None
    assert sorted(sorted(core(w) for w in gate) for gate in gates) == [["alarm", "reset"], ["infusion", "ketamine"]]


@pytest.mark.parametrize(
    "text",
    [
        "Ketamine resets pain.\n",
        "Ketamine\nresets pain.\n",
        "Infusions turn down the alarm.\n",
        "x " * 40 + "\nKETAMINE RESETS.\n",
    ],
)
def test_prefilter_never_loses_a_finding(text: str) -> None:
    assert _lint(text) == _lint(text, prefilter=False)
    assert _lint(text)


def test_a_negative_max_gap_is_a_config_error() -> None:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", _rules("    max_gap: -1\n"), registry.rule_types)
    with pytest.raises(ConfigError, match="max_gap"):
        compile_rules(rules.rules, registry.rule_types)


def test_a_missing_predicate_is_reported_with_its_position() -> None:
    registry = get_registry(False)
    pack = "\n".join(line for line in _rules().splitlines() if "predicate" not in line) + "\n"
    with pytest.raises(ConfigError, match="predicate"):
        load_pack_text("r.yaml", pack, registry.rule_types)


def test_examples_pass_test_rules(tmp_path: Path) -> None:
    examples = (
        "    examples:\n"
        "      bad: ['Ketamine resets pain.', 'The infusion turns down the pain alarm.']\n"
        "      good: ['Ketamine does not reset pain.', 'Yoga resets you.']\n"
    )
    path = tmp_path / "r.yaml"
    path.write_text(_rules(examples), encoding="utf-8")
    failures, checked = run_examples([str(path)], get_registry(False))
    assert (failures, checked) == ([], 4)


def test_a_negator_in_an_earlier_clause_does_not_cancel_the_predicate() -> None:
    assert _lint("No pills. Ketamine resets pain.\n") == [(1, 20, "resets")]
    assert _lint("No surgery; ketamine resets pain.\n") == [(1, 22, "resets")]


def test_anchors_are_the_predicate_words_and_the_when_words() -> None:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", _rules("    when: ['\\bclinic\\b']\n"), registry.rule_types)
    anchors = ClaimMatcher(rules.rules[0]).anchors()
    assert anchors is not None
    assert {core(w) for w in anchors} == {"reset", "alarm", "clinic"}


def test_a_focused_markdown_parse_gives_the_same_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# Title\n\n```\nketamine resets\n```\n\nSome intro.\n\nOur ketamine infusion resets pain.\n\n- item\n"
    whole = _lint(text, fmt="markdown", prefilter=False)
    monkeypatch.setenv(FOCUS_ENV, "1")
    assert _lint(text, fmt="markdown") == whole == [(9, 23, "resets")]
