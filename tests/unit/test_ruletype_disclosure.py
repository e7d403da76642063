"""``type: disclosure``: page-level checks that only apply to promoting pages."""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.engine import check_text, compile_rules
from claimlint.model import Rule
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text

RULES = """\
version: 1
rules:
  - id: D1
    name: risk
    category: missing-risk-info
    severity: error
    type: disclosure
    triggers: ['\\bketamine\\b', '\\byour?\\b']
    must: ['\\bnausea\\b', '\\bblood pressure\\b', '\\bmisuse\\b']
    min: 2
    unless: ['\\bhistory of\\b']
    exempt: ['\\bstudy protocol\\b']
    when: ['\\bpain\\b']
    message: m
"""


def _lint(text: str) -> list[tuple[str, int, str, str]]:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", RULES, registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    result = check_text("t.txt", text, registry.formats["text"], compiled)
    return [(f.rule.id, f.line, f.match, f.scope) for f in result.findings]


def test_fires_once_at_the_first_trigger_when_the_disclosure_is_missing() -> None:
    text = "Relief for your pain.\n\nKetamine works. Ketamine again.\n"
    assert _lint(text) == [("D1", 3, "Ketamine", "document")]


def test_every_trigger_must_be_present() -> None:
    assert _lint("Ketamine reduced pain in the trial.\n") == []


def test_min_distinct_must_patterns_satisfy_it() -> None:
    assert _lint("Ketamine eases your pain. It can cause nausea and raise blood pressure.\n") == []
    assert _lint("Ketamine eases your pain. It can cause nausea, and more nausea.\n") != []


def test_sentences_matching_unless_do_not_count() -> None:
    text = "Ketamine eases your pain. People with a history of misuse or blood pressure problems should not use it.\n"
    assert _lint(text) == [("D1", 1, "Ketamine", "document")]


def test_exempt_pages_and_the_when_gate_skip_the_check() -> None:
    assert _lint("Ketamine for your pain: a study protocol.\n") == []
    assert _lint("Ketamine helps your mood.\n") == []


def test_literals_include_every_trigger_and_the_when_gate() -> None:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", RULES, registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    # "<" and ">" mark whole-word edges: the prefilter skips "you" inside "bayou".
    assert compiled.gates == [[frozenset({"<ketamine>"}), frozenset({"<you"}), frozenset({"<pain>"})]]


def test_unit_breaks_end_sentences_for_unless() -> None:
    """Bullet lines with no end punctuation are sentences of their own, as for line rules."""
    text = (
        "Ketamine for your pain\n- Can cause nausea\n"
        "- Ask about a history of heart problems\n- May raise blood pressure\n"
    )
    assert _lint(text) == []


def test_rules_sharing_a_trigger_ask_who_speaks_once_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimlint.ruletypes import disclosure

    asked: list[str] = []
    real = disclosure.spoken_somewhere

    def counting(doc: DocView, source: str, rule: Rule) -> bool:
        asked.append(source)
        return real(doc, source, rule)

    monkeypatch.setattr(disclosure, "spoken_somewhere", counting)
    second = RULES.replace("id: D1", "id: D2").replace("version: 1\nrules:\n", "")
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", RULES + second, registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    text = "Relief for your pain.\n\nKetamine works. Ketamine again.\n"
    found = check_text("t.txt", text, registry.formats["text"], compiled).findings
    assert sorted(f.rule.id for f in found) == ["D1", "D2"]
    assert sorted(asked) == sorted(["\\bketamine\\b", "\\byour?\\b"])


NOT_IN = """\
version: 1
rules:
  - id: D2
    name: offlabel
    category: missing-offlabel-disclosure
    severity: error
    type: disclosure
    triggers: ['\\bketamine\\b']
    must: ['\\boff-label\\b']
    not_in: [alt, meta]
    message: m
"""


def test_a_disclosure_only_in_hidden_segment_kinds_does_not_count() -> None:
    registry = get_registry(False)
    compiled = compile_rules(load_pack_text("r.yaml", NOT_IN, registry.rule_types).rules, registry.rule_types)
    html = registry.formats["html"]

    def ids(text: str) -> list[str]:
        return [f.rule.id for f in check_text("t.html", text, html, compiled).findings]

    hidden = '<p>Ketamine infusions.</p><img src="x.png" alt="Ketamine for pain is off-label.">'
    assert ids(hidden) == ["D2"]
    assert ids("<p>Ketamine infusions. Ketamine for pain is off-label.</p>") == []


CLAIMS = """\
version: 1
rules:
  - id: L1
    name: hype
    category: miracle-hype
    severity: info
    type: pattern
    patterns: ['\\bmiracle\\b']
    message: m
  - id: D3
    name: risk
    category: missing-risk-info
    severity: error
    type: disclosure
    triggers: ['\\bketamine\\b']
    must: ['\\bnausea\\b']
    claims: ['\\brelief\\b']
    message: m
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ketamine infusions at the clinic downtown.\n", []),
        ("Ketamine infusions bring relief.\n", ["D3"]),
        ("Ketamine infusions: a miracle.\n", ["D3", "L1"]),
        ("Ketamine infusions: a miracle. Nausea is common.\n", ["L1"]),
    ],
)
def test_claims_needs_a_claim_pattern_or_a_sentence_level_finding(text: str, expected: list[str]) -> None:
    registry = get_registry(False)
    compiled = compile_rules(load_pack_text("r.yaml", CLAIMS, registry.rule_types).rules, registry.rule_types)
    result = check_text("t.txt", text, registry.formats["text"], compiled)
    assert sorted(f.rule.id for f in result.findings) == expected
