"""Mechanical fixes: case following, overlaps, encoding round trips."""

from __future__ import annotations

import codecs

import pytest

from claimlint.files import decode
from claimlint.fixer import apply_edits, edits_for, encode, fixable, match_case, unified_diff
from claimlint.model import Finding, Rule, Severity

WONDER = Rule("T010", "wonder-drug", "miracle-hype", Severity.WARNING, "phrase", "Hype.", replace="treatment option")
PLAIN = Rule("T001", "natural-claim", "natural-claim", Severity.ERROR, "phrase", "Natural.")


def _at(text: str, needle: str, rule: Rule = WONDER, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.lower().index(needle.lower(), start + 1)
    end = start + len(needle)
    return Finding("a.txt", 1, start + 1, 1, end + 1, rule, text[start:end], start=start, end=end)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("wonder drug", "treatment option"),
        ("Wonder drug", "Treatment option"),
        ("Wonder Drug", "Treatment Option"),
        ("WONDER DRUG", "TREATMENT OPTION"),
    ],
)
def test_match_case(original: str, expected: str) -> None:
    assert match_case(original, "treatment option") == expected


def test_lower_case_match_keeps_replacement_as_written() -> None:
    assert match_case("the fda", "FDA-approved") == "FDA-approved"


def test_only_rules_with_replace_are_fixable() -> None:
    text = "A wonder drug, safe and natural."
    findings = [_at(text, "wonder drug"), _at(text, "safe and natural", PLAIN)]
    assert [fixable(f) for f in findings] == [True, False]
    assert apply_edits(text, edits_for(text, findings)) == "A treatment option, safe and natural."


def test_overlapping_edits_keep_the_first() -> None:
    text = "a wonder drug"
    first = _at(text, "wonder drug")
    overlapping = _at(text, "drug")
    assert len(edits_for(text, [overlapping, first])) == 1


def test_crlf_is_preserved_outside_the_match() -> None:
    text = "Line one.\r\nWonder drug here.\r\n"
    fixed = apply_edits(text, edits_for(text, [_at(text, "Wonder drug")]))
    assert fixed == "Line one.\r\nTreatment option here.\r\n"


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_encode_restores_bom_and_encoding(bom: bytes) -> None:
    name = "utf-8" if bom == codecs.BOM_UTF8 else "utf-16-le"
    data = bom + "a wonder drug\r\n".encode(name)
    decoded = decode(data)
    fixed = apply_edits(decoded.text, edits_for(decoded.text, [_at(decoded.text, "wonder drug")]))
    assert encode(decoded, fixed) == bom + "a treatment option\r\n".encode(name)


def test_unified_diff_names_both_sides_and_marks_missing_newline() -> None:
    diff = unified_diff("a.txt", "wonder drug", "treatment option")
    assert diff.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert "-wonder drug\n\\ No newline at end of file\n" in diff
    assert unified_diff("a.txt", "same\n", "same\n") == ""


@pytest.mark.parametrize("text", ["a wonder **drug**", "a wonder&nbsp;drug", "a wonder <b>drug</b>"])
def test_matches_across_markup_are_not_fixed(text: str) -> None:
    end = text.index("drug") + 4
    start = text.index("wonder")
    finding = Finding("a.md", 1, start + 1, 1, end + 1, WONDER, text[start:end], start=start, end=end)
    assert edits_for(text, [finding]) == []


def test_match_across_a_line_break_is_fixed() -> None:
    text = "a wonder\r\ndrug here"
    assert apply_edits(text, edits_for(text, [_at(text, "wonder\r\ndrug")])) == "a treatment option here"
