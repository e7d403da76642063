"""``type: cited`` and the reference-list parser it uses."""

from __future__ import annotations

import pytest

from claimlint.api import DocView
from claimlint.engine import check_text, compile_rules
from claimlint.errors import ConfigError
from claimlint.plugins import get_registry
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes.references import citations, references

PROTOCOL_RULE = """\
version: 1
rules:
  - id: C1
    name: protocol
    category: protocol-cited-as-results
    severity: error
    type: cited
    patterns: ['\\b(?:found|reduc\\w+|improv\\w+)\\b']
    reference: ['\\bstudy protocol\\b']
    report: {report}
    message: m
"""

ESKEFIB = (
    "Javorcikova Z, et al. (2021). The place of S-ketamine in fibromyalgia treatment (ESKEFIB): "
    "study protocol for a randomized trial. Trials 22. doi:10.1186/s13063-021-05814-4"
)
CHITNENI = (
    "Chitneni A, et al. (2021). Use of Ketamine Infusions for Treatment of Complex Regional Pain "
    "Syndrome: A Systematic Review. Cureus 13(10):e18910."
)


def _lint(text: str, report: str = "claim", fmt: str = "text") -> list[tuple[str, int, str]]:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", PROTOCOL_RULE.format(report=report), registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    result = check_text(f"t.{fmt}", text, registry.formats[fmt], compiled)
    return [(f.rule.id, f.line, f.match) for f in result.findings]


def _doc(text: str, fmt: str = "text") -> DocView:
    return DocView("t", text, get_registry(False).formats[fmt].parse(text).segments)


def test_numbered_entries_in_their_own_paragraphs() -> None:
    text = f"Ketamine reduced pain [2].\n\n[1] {CHITNENI}\n\n[2] {ESKEFIB}\n"
    refs = references(_doc(text))
    assert [(r.number, r.numbered) for r in refs] == [(1, True), (2, True)]
    assert refs[1].segment.text[refs[1].title[0] : refs[1].title[1]].startswith("The place of S-ketamine")
    assert _lint(text) == [("C1", 1, "reduced")]


def test_unnumbered_citation_bullets_are_numbered_by_order() -> None:
    text = f"Ketamine improved fibromyalgia pain [2].\n- The Editorial Team\n- {CHITNENI}\n- {ESKEFIB}\n"
    refs = references(_doc(text))
    got = [(r.number, r.numbered, r.text[:12]) for r in refs]
    assert got == [(1, False, "- Chitneni A"), (2, False, "- Javorcikov")]
    assert _lint(text) == [("C1", 1, "improved")]


def test_the_marker_only_resolves_to_the_entry_it_names() -> None:
    text = f"Ketamine reduced pain [1].\n\n[1] {CHITNENI}\n\n[2] {ESKEFIB}\n"
    assert _lint(text) == []


@pytest.mark.parametrize("marker", ["[1-2]", "[1, 2]", "[2,3]", "[1–3]"])
def test_marker_lists_and_ranges(marker: str) -> None:
    text = f"Ketamine reduced pain {marker}.\n\n[1] {CHITNENI}\n\n[2] {ESKEFIB}\n\n[3] {CHITNENI}\n"
    assert _lint(text) == [("C1", 1, "reduced")]


def test_author_year_citation_resolves_by_first_author_and_year() -> None:
    text = f"Ketamine reduced pain (Javorcikova et al., 2021).\n\n[1] {ESKEFIB}\n"
    assert _lint(text) == [("C1", 1, "reduced")]
    assert _lint(f"Ketamine reduced pain (Javorcikova et al., 2019).\n\n[1] {ESKEFIB}\n") == []


def test_marker_opening_a_sentence_belongs_to_the_previous_one() -> None:
    text = f"Ketamine reduced pain. [1] More trials are planned.\n\n[1] {ESKEFIB}\n"
    assert _lint(text) == [("C1", 1, "reduced")]


def test_sentence_without_a_result_word_is_not_flagged() -> None:
    assert _lint(f"A trial of S-ketamine was planned [1].\n\n[1] {ESKEFIB}\n") == []


def test_report_reference_flags_the_entry_title_and_both_flags_both() -> None:
    text = f"Ketamine reduced pain [1].\n\n[1] {ESKEFIB}\n"
    title = "The place of S-ketamine in fibromyalgia treatment (ESKEFIB): study protocol for a randomized trial."
    assert _lint(text, "reference") == [("C1", 3, title)]
    assert _lint(text, "both") == [("C1", 1, "reduced"), ("C1", 3, title)]


def test_prose_paragraph_with_a_year_is_not_a_reference_entry() -> None:
    text = "In 2021, Smith et al. found that ketamine reduced pain (2021) [1].\n"
    assert references(_doc(text)) == []
    assert citations(_doc(text)) == []


def test_reference_list_from_markdown_list_items() -> None:
    text = f"# Ketamine\n\nKetamine reduced pain [2].\n\n## References\n\n1. {CHITNENI}\n2. {ESKEFIB}\n"
    refs = references(_doc(text, "markdown"))
    assert [r.number for r in refs] == [1, 2]
    assert _lint(text, fmt="markdown") == [("C1", 3, "reduced")]


def test_bad_report_value_is_a_config_error() -> None:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", PROTOCOL_RULE.format(report="footer"), registry.rule_types)
    with pytest.raises(ConfigError, match="report must be one of"):
        compile_rules(rules.rules, registry.rule_types)


def test_literals_gate_on_the_reference_words() -> None:
    registry = get_registry(False)
    rules = load_pack_text("r.yaml", PROTOCOL_RULE.format(report="claim"), registry.rule_types)
    compiled = compile_rules(rules.rules, registry.rule_types)
    assert compiled.gates == [[frozenset({"<protocol>"})]]  # whole word: "<" and ">" mark word edges
    assert compiled.live("Ketamine reduced pain [1].\n\n[1] A review.\n") == []
