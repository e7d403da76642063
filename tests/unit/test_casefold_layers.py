"""Each speed layer finds what the ``regex`` module finds ignoring case, on letters RE2 folds differently."""

from __future__ import annotations

import textwrap

import pytest
import regex

from claimlint.engine import check_text, compile_rules
from claimlint.literals import bounded_literals
from claimlint.multisearch import HAVE_RE2, MultiSearch, Vocabulary, bytes_searchable, compile_re2
from claimlint.plugins import get_registry
from claimlint.re2filter import single_line, to_re2, utf8_bytes, without_gaps
from claimlint.rulefile import load_pack_text
from claimlint.ruletypes.anchors import AnchorSearch, pattern_atoms
from claimlint.ruletypes.base import _holds_any, _needles
from claimlint.ruletypes.phrase import normalize_phrase

needs_re2 = pytest.mark.skipif(not HAVE_RE2, reason="google-re2 not installed")

#: (rule regex, text the ``regex`` module matches ignoring case)
PAIRS = [
    (r"\bno side[- ]effects\b", "NO SİDE EFFECTS"),
    (r"\bmiracle\b", "MİRACLE"),
    (r"\bICE\b", "ıce"),
    (r"\b[a-z]+ cure\b", "MİRACLE CURE"),
    (r"\bſafe\b", "safe"),
    (r"\bKetamine\b", "ketamine"),
    (r"\bSİDE\b", "side"),
    ("\u0264", "\ua7cb"),
]


@pytest.mark.parametrize(("pattern", "text"), PAIRS)
def test_the_pairs_are_real(pattern: str, text: str) -> None:
    assert regex.search(pattern, text, flags=regex.IGNORECASE)


@pytest.mark.parametrize(("pattern", "text"), PAIRS)
@pytest.mark.parametrize("exact_after", [None, 0], ids=["bare-set", "exact-set"])
def test_required_words_are_found_by_the_prefilter(pattern: str, text: str, exact_after: int | None) -> None:
    words = bounded_literals(pattern)
    if words is None:
        return
    search = MultiSearch(words, exact_after=exact_after)
    presence = search.presence(f"x {text} x")
    assert any(presence.has(w) for w in search.words), (pattern, sorted(words))
    needles = _needles(pattern)
    assert needles is not None
    assert _holds_any(text, needles)


@needs_re2
@pytest.mark.parametrize(("pattern", "text"), PAIRS)
def test_rule_filters_match_in_utf8_and_in_bytes(pattern: str, text: str) -> None:
    translation = to_re2(pattern)
    assert translation is not None
    assert compile_re2(translation).search(text.encode()) is not None
    line = single_line(without_gaps(translation))
    as_bytes = utf8_bytes(line) if line is not None else None
    if as_bytes is not None and bytes_searchable(text.encode()):
        assert compile_re2(as_bytes, latin1=True).search(text.encode()) is not None


@needs_re2
def test_the_word_index_reads_dotted_and_dotless_i_as_i() -> None:
    vocabulary = Vocabulary()
    ids = vocabulary.add(["side", "ice"])
    assert set(vocabulary.present("NO SİDE EFFECTS, ıce")) >= ids


HEAD = "version: 1\nrules:\n"
RULES = """\
- id: P1
  name: phrase-rule
  category: c
  severity: error
  type: phrase
  phrases: ["miracle cure", "final σ", "strasse"]
  message: m
- id: R1
  name: pattern-rule
  category: c
  severity: error
  type: pattern
  patterns: ['\\bno side[- ]effects\\b']
  message: m
"""


def _lint(text: str, prefilter: bool) -> list[tuple[str, str]]:
    registry = get_registry(False)
    ruleset = load_pack_text("r.yaml", HEAD + textwrap.indent(RULES, "  "), registry.rule_types)
    compiled = compile_rules(ruleset.rules, registry.rule_types)
    result = check_text("t.md", text, registry.formats["text"], compiled, prefilter)
    return [(f.rule.id, f.match) for f in result.findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("İİ: a MİRACLE CURE, NO SİDE EFFECTS.", [("P1", "MİRACLE CURE"), ("R1", "NO SİDE EFFECTS")]),
        ("FINAL ς and FİNAL Σ", [("P1", "FINAL ς"), ("P1", "FİNAL Σ")]),
        ("Straße is not strasse", [("P1", "strasse")]),
        ("a MıRACLE CURE", []),
    ],
)
@pytest.mark.parametrize("pad", [0, 9], ids=["one-segment", "ten-segments"])
def test_phrase_and_pattern_rules_agree_with_and_without_the_prefilter(
    text: str, expected: list[tuple[str, str]], pad: int
) -> None:
    """Phrases ignore case as ``regex`` does for the lower-case phrase; offsets stay put after an İ."""
    page = "".join(f"Paragraph {k} about the weather.\n\n" for k in range(pad)) + text + "\n"
    assert _lint(page, True) == expected
    assert _lint(page, False) == expected


def test_a_phrase_is_read_in_lower_case_with_dotted_i_as_i() -> None:
    assert normalize_phrase("MİRACLE  Cure’s") == "miracle cure's"


@pytest.mark.parametrize(("pattern", "text"), PAIRS)
def test_the_focused_parse_finds_each_pattern_anchor(pattern: str, text: str) -> None:
    """``CLAIMLINT_FOCUS=1`` parses only lines holding an anchor: the line must be found."""
    atoms = pattern_atoms(pattern)
    if atoms is None:
        return
    line = f"x {text} x"
    assert AnchorSearch(atoms)(f"other line\n{line}\nmore") == [len("other line\n") + len(line)], sorted(atoms)
